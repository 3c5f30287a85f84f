#include "dc-ledger.h"
#include "base/dc-i18n.h"
#include "base/dc-progress.h"

static const DcLedgerColumn columns[] = {
  { "code", NULL, NULL, 9, FALSE },
  { "type", NULL, NULL, 8, FALSE },
  { "name", NULL, NULL, 20, FALSE },
  { "main_items", NULL, NULL, 22, FALSE },
  { "personal_info", NULL, NULL, 8, FALSE },
  { "c", NULL, NULL, 8, FALSE },
  { "i", NULL, NULL, 6, FALSE },
  { "a", NULL, NULL, 6, FALSE },
  { "value", "重要度", "Asset value", 5, TRUE },
  { "external_io", NULL, NULL, 6, FALSE },
  { "access_restriction", NULL, NULL, 16, FALSE },
  { "section", NULL, NULL, 10, FALSE },
  { "post", NULL, NULL, 12, FALSE },
  { "holder", "担当者（基準日現在）", "Holder on the date", 10, FALSE },
  { "system", NULL, NULL, 12, FALSE },
  { "storage", NULL, NULL, 14, FALSE },
  { "retention", NULL, NULL, 8, FALSE },
  { "status", NULL, NULL, 6, FALSE },
  { "disposal", "廃棄記録", "Disposal record", 14, FALSE },
  { "last_reviewed_on", NULL, NULL, 10, FALSE },
  { "next_review_due", NULL, NULL, 10, FALSE },
  { "note", NULL, NULL, 16, FALSE },
};

const DcLedgerColumn *
dc_ledger_columns (guint *n_columns)
{
  *n_columns = G_N_ELEMENTS (columns);
  return columns;
}

struct _DcLedger {
  DcStore *store;
  DcScheme *scheme;
  char *date;
  char *organisation;
  gboolean english;
  GHashTable *holders;   /* post code → holder names on the date */
};

DcLedger *
dc_ledger_new (DcStore *store, const char *date, gboolean english, GError **error)
{
  g_autoptr (DcScheme) scheme = dc_scheme_from_store (store, error);
  if (!scheme)
    return NULL;
  DcLedger *ledger = g_new0 (DcLedger, 1);
  ledger->store = store;
  ledger->scheme = g_steal_pointer (&scheme);
  ledger->date = g_strdup (date);
  ledger->english = english;
  ledger->organisation = dc_setting_get (store, "organisation", NULL);
  if (!ledger->organisation)
    ledger->organisation = g_strdup ("");
  ledger->holders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return ledger;
}

void
dc_ledger_free (DcLedger *ledger)
{
  if (!ledger)
    return;
  dc_scheme_free (ledger->scheme);
  g_free (ledger->date);
  g_free (ledger->organisation);
  g_hash_table_unref (ledger->holders);
  g_free (ledger);
}

DcStore *dc_ledger_store (DcLedger *ledger) { return ledger->store; }
const DcScheme *dc_ledger_scheme (DcLedger *ledger) { return ledger->scheme; }
const char *dc_ledger_date (DcLedger *ledger) { return ledger->date; }
gboolean dc_ledger_english (DcLedger *ledger) { return ledger->english; }
const char *dc_ledger_organisation (DcLedger *ledger) { return ledger->organisation; }

GStrv
dc_ledger_headers (DcLedger *ledger)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++) {
    const DcField *field = dc_record_kind_field (&dc_asset_kind, columns[i].key);
    const char *ja = field ? field->ja : columns[i].ja;
    const char *en = field ? field->en : columns[i].en;
    g_strv_builder_add (builder, ledger->english ? en : ja);
  }
  GStrv headers = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return headers;
}

static const char *
holder_names (DcLedger *ledger, const char *post)
{
  const char *cached = g_hash_table_lookup (ledger->holders, post);
  if (cached)
    return cached;
  g_autoptr (GPtrArray) holders = dc_post_holders_on (ledger->store, post, ledger->date, NULL);
  g_autoptr (GString) names = g_string_new (NULL);
  for (guint i = 0; holders && i < holders->len; i++) {
    DcAssignment *a = g_ptr_array_index (holders, i);
    g_string_append_printf (names, "%s%s", i ? "、" : "", a->person_name);
  }
  if (names->len == 0)
    g_string_append (names, ledger->english ? "(vacant)" : "（欠員）");
  char *text = g_string_free (g_steal_pointer (&names), FALSE);
  g_hash_table_insert (ledger->holders, g_strdup (post), text);
  return text;
}

/* The display text of one field of ASSET. */
static char *
field_text (DcLedger *ledger, const DcRecord *asset, const DcField *field)
{
  const char *value = dc_record_get (asset, field->name);
  if (!value)
    return g_strdup ("");
  switch (field->kind) {
  case DC_FIELD_LEVEL: {
    const DcLevel *level = dc_scheme_level (ledger->scheme, field->property, value);
    if (!level)
      return g_strdup (value);
    const char *name = ledger->english && *level->name_en ? level->name_en : level->name;
    return g_strdup_printf ("%s %s", level->label, name);
  }
  case DC_FIELD_TYPE: {
    const DcAssetType *type = dc_scheme_type (ledger->scheme, value);
    return g_strdup (!type ? value : ledger->english && *type->name_en ? type->name_en : type->name);
  }
  case DC_FIELD_ENUM: {
    const DcEnumValue *v = dc_enum_by_code (field, value);
    return g_strdup (!v ? value : ledger->english ? v->en : v->ja);
  }
  case DC_FIELD_REF:
    return g_strdup (dc_record_display (asset, field->name));
  default:
    return g_strdup (value);
  }
}

/* "2025-09-30 物理破壊（DS-2025-0930）", or "" for assets not disposed of. */
static char *
disposal_text (const DcRecord *asset)
{
  const char *date = dc_record_get (asset, "disposed_on");
  const char *method = dc_record_get (asset, "disposal_method");
  const char *certificate = dc_record_get (asset, "disposal_certificate");
  if (!date)
    return g_strdup ("");
  return g_strdup_printf ("%s %s%s%s%s", date, method ? method : "",
                          certificate && *certificate ? "（" : "",
                          certificate ? certificate : "", certificate && *certificate ? "）" : "");
}

typedef struct {
  DcLedger *ledger;
  DcLedgerRowFunc func;
  gpointer user_data;
  guint64 rows;
} Walk;

static gboolean
ledger_row (const DcRecord *asset, gpointer data, GError **error)
{
  Walk *walk = data;
  DcLedger *ledger = walk->ledger;
  char *cells[G_N_ELEMENTS (columns) + 1] = { 0 };
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++) {
    const DcField *field = dc_record_kind_field (&dc_asset_kind, columns[i].key);
    if (field)
      cells[i] = field_text (ledger, asset, field);
    else if (g_str_equal (columns[i].key, "value"))
      cells[i] = g_strdup_printf ("%d", dc_asset_value (ledger->scheme, asset));
    else if (g_str_equal (columns[i].key, "holder"))
      cells[i] = g_strdup (holder_names (ledger, dc_record_get (asset, "post")));
    else
      cells[i] = disposal_text (asset);
  }
  gboolean ok = walk->func (asset, (const char *const *) cells, walk->user_data, error);
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    g_free (cells[i]);
  dc_progress_update (_ ("assets written"), ++walk->rows, 0);
  return ok;
}

guint
dc_ledger_filter_conditions (const DcLedgerFilter *filter, DcCondition conditions[3])
{
  guint n = 0;
  if (filter && filter->section)
    conditions[n++] = (DcCondition) { "section", filter->section, FALSE };
  if (filter && filter->status)
    conditions[n++] = (DcCondition) { "status", filter->status, FALSE };
  if (filter && filter->system)
    conditions[n++] = (DcCondition) { "system", filter->system, FALSE };
  return n;
}

gboolean
dc_ledger_foreach (DcLedger *ledger, const DcLedgerFilter *filter, DcLedgerRowFunc func,
                   gpointer user_data, GError **error)
{
  DcCondition conditions[3];
  guint n = dc_ledger_filter_conditions (filter, conditions);
  Walk walk = { ledger, func, user_data, 0 };
  gboolean ok = dc_record_foreach (ledger->store, &dc_asset_kind, conditions, n, ledger_row, &walk, error);
  dc_progress_done ();
  return ok;
}
