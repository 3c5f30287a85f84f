#include "import/dc-import-assets.h"
#include "base/dc-i18n.h"
#include "base/dc-progress.h"
#include "model/dc-asset.h"
#include "import/dc-import-table.h"
#include "store/dc-history.h"
#include "base/dc-text.h"
#include "model/dc-asset-code.h"

#include <string.h>

/* The first word of each is the header daicho itself writes (export assets). */
const DcHeaderSynonyms dc_asset_header_synonyms[] = {
  { "code", "資産番号|管理番号|資産ID|資産コード|資産No|No|番号|Asset code|Asset ID|Code|ID" },
  { "type", "資産種別|種別|資産の種類|資産分類|分類|Type|Asset type" },
  { "name", "資産名称|情報資産名称|情報資産名|資産名|名称|Name|Asset name" },
  { "main_items", "主要項目|主な項目|主要データ項目|主なデータ項目|項目|Main items|Data items" },
  { "personal_info", "個人情報の有無|個人情報|個人情報有無|Personal information|PII" },
  { "c", "機密性|C|Confidentiality" },
  { "i", "完全性|I|Integrity" },
  { "a", "可用性|A|Availability" },
  { "external_io", "外部入出力の有無|外部入出力|外部との入出力|外部入出力有無|External input/output|External I/O" },
  { "access_restriction", "閲覧・更新制限|閲覧更新制限|アクセス制限|閲覧制限|利用制限|View/update restriction|Access restriction" },
  { "section", "所管課|管理部署|所管部署|担当課|部署|所属|課名|Section|Department" },
  { "post", "管理責任者（補職名）|管理責任者|責任者（補職名）|責任者|補職名|Responsible post|Owner|Post" },
  { "system", "情報システム|システム|システム名|関連システム|System" },
  { "storage", "保管場所・媒体|保管場所|保存場所|保管媒体|媒体|Storage|Location" },
  { "retention", "保存期限|保存期間|保管期限|Retention|Retention period" },
  { "status", "状態|ステータス|Status" },
  { "disposed_on", "廃棄日|Disposed on|Disposal date" },
  { "disposal_method", "廃棄方法|Disposal method" },
  { "disposal_certificate", "廃棄証明|廃棄証明書|Disposal certificate" },
  { "note", "備考|摘要|Note|Notes|Remarks" },
  { "created_on", "登録日|作成日|Created on" },
  { "updated_on", "更新日|Updated on" },
  { "last_reviewed_on", "最終見直し日|前回見直し日|見直し日|Last reviewed" },
  { "next_review_due", "次回見直し期限|次回見直し日|見直し期限|Next review due" },
  { "version", "版|Version" },
  { "depends_on", "利用する資産|依存先|Depends on|Uses" },
  { NULL, NULL }
};

static const char *const required_headers[] = { "name", "code", NULL };

void
dc_import_assets_report_clear (DcImportAssetsReport *report)
{
  g_clear_pointer (&report->sheet, g_free);
  g_clear_pointer (&report->encoding, g_free);
  g_clear_pointer (&report->ignored, g_ptr_array_unref);
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->skipped_rows, g_ptr_array_unref);
  g_clear_pointer (&report->defaults, g_ptr_array_unref);
}


/* One data row, checked, waiting to be applied. */
typedef struct {
  guint row;
  DcRecord *record;
  char *depends_on;   /* codes separated by ; , or spaces; NULL when no such column */
  gboolean exists;
} Row;

static void
row_free (Row *row)
{
  dc_record_free (row->record);
  g_free (row->depends_on);
  g_free (row);
}

typedef struct {
  DcStore *store;
  DcImportTable *table;
  const DcHeader *header;
  const DcImportOptions *options;
  DcImportAssetsReport *report;
  guint conflicts;    /* problems that are existing codes */
  GHashTable *codes;  /* codes seen in the file → row */
  GPtrArray *rows;    /* Row*, checked, waiting to be applied */
  GHashTable *head_posts;   /* a section as written → its head post's code ("" for none) */
  guint took_head_post;     /* new rows whose post is their section's head post */
  guint *missing;           /* per asset field: new rows that need it from a column the file lacks */
  GPtrArray *headless;      /* sections of such rows without a head post (as written, once each) */
} Import;

static void
problem (Import *im, guint row, int column, const char *message)
{
  dc_import_table_problem_at (im->table, row, column, message);
}

/* The code of the head post (所属長) of the section SECTION names, or NULL. */
static const char *
head_post (Import *im, const char *section)
{
  const char *known = g_hash_table_lookup (im->head_posts, section);
  if (known)
    return *known ? known : NULL;
  char *code = NULL;
  gint64 id = dc_record_resolve (im->store, &dc_section_kind, section, NULL);
  g_autoptr (DcCachedStmt) stmt = id > 0 ? dc_store_prepare_cached (
      im->store, "SELECT p.code FROM section s JOIN post p ON p.id = s.head_post_id WHERE s.id = ?1",
      NULL) : NULL;
  if (stmt) {
    dc_stmt_bind_int64 (stmt, 1, id);
    if (dc_store_step (im->store, stmt, NULL) == DC_STMT_ROW)
      code = dc_stmt_dup (stmt, 0);
  }
  g_hash_table_insert (im->head_posts, g_strdup (section), code ? code : g_strdup (""));
  return code;
}

/* Reads one data row into a Row, recording every problem it has. */
static void
read_row (DcImportTable *table G_GNUC_UNUSED, const DcImportRow *data_row, gpointer data)
{
  Import *im = data;
  guint row_number = data_row->number;
  Row *row = g_new0 (Row, 1);
  g_ptr_array_add (im->rows, row);
  row->row = row_number;
  row->record = dc_record_new (&dc_asset_kind);
  /* Fields whose value was wrong: reported once, not again as missing. */
  g_autofree gboolean *reported = g_new0 (gboolean, dc_asset_kind.n_fields);
  for (guint c = 0; c < im->header->fields->len; c++) {
    const char *name = g_ptr_array_index (im->header->fields, c);
    if (!name)
      continue;
    const char *text = c < data_row->texts->len ? g_ptr_array_index (data_row->texts, c) : "";
    g_autofree char *trimmed = g_strstrip (g_strdup (text));
    if (g_str_equal (name, "depends_on")) {
      row->depends_on = g_steal_pointer (&trimmed);
      continue;
    }
    const DcField *field = dc_record_kind_field (&dc_asset_kind, name);
    /* An empty cell says nothing: defaults apply, an update leaves the value. */
    if (!*trimmed)
      continue;
    GError *error = NULL;
    if (!dc_record_check_value (im->store, field, text, &error)) {
      problem (im, row_number, (int) c, error->message);
      reported[field - dc_asset_kind.fields] = TRUE;
      g_error_free (error);
      continue;
    }
    /* Free text is kept as written; codes, levels and the like trimmed. */
    gboolean as_written = field->kind == DC_FIELD_TEXT && !(field->flags & DC_FIELD_KEY);
    dc_record_set (row->record, name, as_written ? text : trimmed, NULL);
  }

  /* A code written differently (Ａ－０００１) is the same asset, as on the command line. */
  g_autofree char *existing = dc_record_key (row->record)
    ? dc_record_find_code (im->store, &dc_asset_kind, dc_record_key (row->record), NULL) : NULL;
  if (existing) {
    dc_record_set (row->record, "code", existing, NULL);
    row->exists = TRUE;
  }
  const char *code = dc_record_key (row->record);
  if (code) {
    gpointer earlier = g_hash_table_lookup (im->codes, code);
    if (earlier) {
      g_autofree char *message = g_strdup_printf (_ ("asset code %s is already used in row %u of "
                                                  "this file"), code, GPOINTER_TO_UINT (earlier));
      problem (im, row_number, dc_header_column (im->header, "code"), message);
    } else {
      g_hash_table_insert (im->codes, g_strdup (code), GUINT_TO_POINTER (row_number));
    }
  }
  if (row->exists && im->options->mode == DC_IMPORT_NEW_ONLY) {
    g_autofree char *message = g_strdup_printf (
        _ ("asset %s is already in the register; give --update to change it from this file or "
        "--skip-existing to leave it"), code);
    problem (im, row_number, dc_header_column (im->header, "code"), message);
    im->conflicts++;
  }
  /* A new asset without a post: its section's head post (所属長). */
  const char *section = dc_record_get (row->record, "section");
  if (!row->exists && section && !dc_record_get (row->record, "post") &&
      !reported[dc_record_kind_field (&dc_asset_kind, "post") - dc_asset_kind.fields]) {
    const char *post = head_post (im, section);
    if (post) {
      dc_record_set (row->record, "post", post, NULL);
      im->took_head_post++;
    } else if (dc_header_column (im->header, "post") < 0 &&
               !g_ptr_array_find_with_equal_func (im->headless, section, g_str_equal, NULL)) {
      g_ptr_array_add (im->headless, g_strdup (section));
    }
  }
  if (!row->exists) {
    for (guint i = 0; i < dc_asset_kind.n_fields; i++) {
      const DcField *field = &dc_asset_kind.fields[i];
      if ((field->flags & DC_FIELD_REQUIRED) && !(field->flags & DC_FIELD_KEY) &&
          !row->record->values[i] && !reported[i] && dc_header_column (im->header, field->name) < 0) {
        /* The file has no such column: told once for the file, not per row. */
        im->missing[i]++;
      } else if ((field->flags & DC_FIELD_REQUIRED) && !(field->flags & DC_FIELD_KEY) &&
          !row->record->values[i] && !reported[i]) {
        g_autofree char *message = g_strdup_printf (
            _ ("%s (%s) is empty; a new asset needs it"), field->ja, field->name);
        int column = dc_header_column (im->header, field->name);
        problem (im, row_number, column, message);
      }
    }
  }
}

/* A field new assets need that the file has no column of (nor a --default):
 * one problem at the header, with the ways to supply it. */
static void
report_missing_columns (Import *im)
{
  guint header_row = im->header->header_row;
  for (guint i = 0; i < dc_asset_kind.n_fields; i++) {
    const DcField *field = &dc_asset_kind.fields[i];
    if (!im->missing[i])
      continue;
    g_autofree char *message = NULL;
    if (g_str_equal (field->name, "post")) {
      g_autoptr (GString) sections = g_string_new (NULL);
      for (guint s = 0; s < im->headless->len && s < 5; s++)
        g_string_append_printf (sections, "%s%s", s ? C_ ("list", ", ") : "",
                                (const char *) g_ptr_array_index (im->headless, s));
      if (im->headless->len > 5)
        g_string_append (sections, C_ ("list", ", …"));
      message = g_strdup_printf (
          dc_ngettext ("the file has no column of %s (%s), which %u new asset needs, and its section "
                       "names no head post (%s); give --default post=POST, or name the section's head "
                       "post (所属長): daicho section edit SECTION --head-post POST",
                       "the file has no column of %s (%s), which %u new assets need, and their sections "
                       "name no head post (%s); give --default post=POST, or name each section's head "
                       "post (所属長): daicho section edit SECTION --head-post POST", im->missing[i]),
          field->ja, field->name, im->missing[i], sections->str);
    } else {
      message = g_strdup_printf (
          dc_ngettext ("the file has no column of %s (%s), which %u new asset needs; add the "
                       "column (or name yours with --map), or give --default %s=VALUE",
                       "the file has no column of %s (%s), which %u new assets need; add the "
                       "column (or name yours with --map), or give --default %s=VALUE", im->missing[i]),
          field->ja, field->name, im->missing[i], field->name);
    }
    dc_import_table_problem_at (im->table, header_row, -1, message);
  }
}

/* ---- applying ---- */

typedef struct {
  const char *code;
  const DcRecord *values;
} Update;

/* Sets the file's values on an existing asset; when something changed, the
 * version advances and the updated date is today, whatever the file says
 * (they describe the file's copy, not this change). */
static gboolean
apply_update (DcStore *store, gpointer data, GError **error)
{
  Update *update = data;
  g_autoptr (DcRecord) changes = dc_record_new (&dc_asset_kind);
  gboolean any = FALSE;
  for (guint i = 0; i < dc_asset_kind.n_fields; i++) {
    const char *name = dc_asset_kind.fields[i].name;
    if (g_str_equal (name, "version") || g_str_equal (name, "updated_on"))
      continue;
    if (update->values->values[i] && !(dc_asset_kind.fields[i].flags & DC_FIELD_KEY)) {
      changes->values[i] = g_strdup (update->values->values[i]);
      any = TRUE;
    }
  }
  return !any || dc_asset_apply_changes (store, update->code, changes, TRUE, error);
}

/* Makes the asset use exactly the listed assets. */
static gboolean
apply_dependencies (Import *im, Row *row, GError **error)
{
  const char *code = dc_record_key (row->record);
  g_auto (GStrv) words = g_regex_split_simple ("[\\s;,、]+", row->depends_on, 0, 0);
  g_autoptr (GStrvBuilder) resolved = g_strv_builder_new ();
  for (char **w = words; *w; w++) {
    if (!**w)
      continue;
    g_autofree char *used = dc_record_resolve_code (im->store, &dc_asset_kind, *w, error);
    if (!used)
      return FALSE;
    g_strv_builder_add (resolved, used);
  }
  g_auto (GStrv) wanted = g_strv_builder_end (resolved);
  g_auto (GStrv) current = dc_asset_dependencies (im->store, code, FALSE, error);
  if (!current)
    return FALSE;
  for (char **w = wanted; *w; w++)
    if (!g_strv_contains ((const char *const *) current, *w) &&
        !dc_asset_depend (im->store, code, *w, error))
      return FALSE;
  for (char **c = current; *c; c++)
    if (!g_strv_contains ((const char *const *) wanted, *c) &&
        !dc_asset_undepend (im->store, code, *c, error))
      return FALSE;
  return TRUE;
}

static gboolean
apply_row (Import *im, Row *row, GError **error)
{
  if (row->exists && im->options->mode == DC_IMPORT_SKIP_EXISTING)
    return TRUE;
  if (!row->exists)
    return dc_asset_add (im->store, row->record, error);
  Update update = { dc_record_key (row->record), row->record };
  return dc_change (im->store, NC_ ("action", "import"), "asset", update.code, apply_update, &update, error);
}

/* The report line of a row from the history entries the import wrote. */
static void
report_row (Import *im, Row *row, const DcHistoryOutcomes *outcomes)
{
  DcImportItem *item = g_new0 (DcImportItem, 1);
  item->row = row->row;
  item->code = g_strdup (dc_record_key (row->record));
  const char *outcome = dc_history_outcomes_get (outcomes, item->code, &item->changes);
  if (row->exists && im->options->mode == DC_IMPORT_SKIP_EXISTING) {
    outcome = "skip";
    im->report->skipped++;
  } else if (g_str_equal (outcome, "add")) {
    g_free (item->changes);
    item->changes = g_strdup (dc_record_get (row->record, "name"));
    im->report->added++;
  } else if (g_str_equal (outcome, "update")) {
    im->report->updated++;
  } else {
    im->report->unchanged++;
  }
  item->action = g_strdup (outcome);
  g_ptr_array_add (im->report->items, item);
}

typedef struct {
  char *prefix;
  guint width;
  gint64 first;
} CodeRule;

static void
code_rule_free (CodeRule *rule)
{
  g_free (rule->prefix);
  g_free (rule);
}

/* Rows without a code get the next code of their section's series
 * (dc_asset_code_rule), past every code in the register and in the file, so
 * a later row's explicit code is never taken first. */
static gboolean
assign_codes (Import *im, GPtrArray *rows, GError **error)
{
  /* The highest number of each prefix, in the register and in the file. */
  g_autoptr (GHashTable) high = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (DcStmt) stmt = dc_store_prepare (im->store, "SELECT code FROM asset", error);
  if (!stmt)
    return FALSE;
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = dc_store_step (im->store, stmt, error)) == DC_STMT_ROW)
    g_ptr_array_add (codes, dc_stmt_dup (stmt, 0));
  if (rc != DC_STMT_DONE)
    return FALSE;
  GHashTableIter iter;
  gpointer code;
  g_hash_table_iter_init (&iter, im->codes);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    g_ptr_array_add (codes, g_strdup (code));
  for (guint i = 0; i < codes->len; i++) {
    char *prefix = NULL;
    gint64 number;
    if (!dc_asset_code_split (g_ptr_array_index (codes, i), &prefix, NULL, &number))
      continue;
    gint64 *known = g_hash_table_lookup (high, prefix);
    if (known) {
      *known = MAX (*known, number);
      g_free (prefix);
    } else {
      g_hash_table_insert (high, prefix, g_memdup2 (&number, sizeof number));
    }
  }
  g_autoptr (GHashTable) rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) code_rule_free);
  for (guint i = 0; i < rows->len; i++) {
    Row *row = g_ptr_array_index (rows, i);
    if (dc_record_key (row->record))
      continue;
    const char *section = dc_record_get (row->record, "section");
    CodeRule *rule = g_hash_table_lookup (rules, section ? section : "");
    if (!rule) {
      rule = g_new0 (CodeRule, 1);
      g_hash_table_insert (rules, g_strdup (section ? section : ""), rule);
      if (!dc_asset_code_rule (im->store, section, &rule->prefix, &rule->width, &rule->first, NULL, error))
        return FALSE;
    }
    gint64 *known = g_hash_table_lookup (high, rule->prefix);
    if (!known) {
      gint64 none = 0;
      known = g_memdup2 (&none, sizeof none);
      g_hash_table_insert (high, g_strdup (rule->prefix), known);
    }
    gint64 number = MAX (*known + 1, rule->first);
    char *assigned = NULL;
    for (;; number++) {
      assigned = g_strdup_printf ("%s%0*" G_GINT64_FORMAT, rule->prefix, (int) MAX (rule->width, 1), number);
      g_autofree char *existing = dc_record_find_code (im->store, &dc_asset_kind, assigned, NULL);
      if (!existing)
        break;
      g_free (assigned);
    }
    *known = number;
    dc_record_set (row->record, "code", assigned, NULL);
    g_free (assigned);
  }
  return TRUE;
}

static gboolean
apply_all (Import *im, GPtrArray *rows, gint64 first_seq)
{
  GError *local = NULL;
  if (!assign_codes (im, rows, &local)) {
    g_ptr_array_add (im->report->problems, g_strdup (local->message));
    g_error_free (local);
    return FALSE;
  }
  for (guint i = 0; i < rows->len; i++) {
    Row *row = g_ptr_array_index (rows, i);
    GError *error = NULL;
    if (!apply_row (im, row, &error)) {
      problem (im, row->row, -1, error->message);
      g_error_free (error);
    }
    dc_progress_update (_ ("rows stored"), i + 1, rows->len);
  }
  dc_progress_done ();
  /* Dependencies last: a row may name an asset of a later row. */
  for (guint i = 0; i < rows->len; i++) {
    Row *row = g_ptr_array_index (rows, i);
    GError *error = NULL;
    if (!row->depends_on || (row->exists && im->options->mode == DC_IMPORT_SKIP_EXISTING))
      continue;
    if (!apply_dependencies (im, row, &error)) {
      problem (im, row->row, dc_header_column (im->header, "depends_on"), error->message);
      g_error_free (error);
    }
  }
  if (im->report->problems->len)
    return FALSE;
  static const char *const bookkeeping[] = { "version", "updated_on", NULL };
  g_autoptr (DcHistoryOutcomes) outcomes = dc_history_outcomes_since (im->store, "asset", first_seq,
                                                                      bookkeeping, &local);
  if (!outcomes) {
    g_ptr_array_add (im->report->problems, g_strdup (local->message));
    g_error_free (local);
    return FALSE;
  }
  for (guint i = 0; i < rows->len; i++)
    report_row (im, g_ptr_array_index (rows, i), outcomes);
  return TRUE;
}

gboolean
dc_import_assets (DcStore *store, const char *path, const DcImportOptions *options,
                  DcImportAssetsReport *report, GError **error)
{
  memset (report, 0, sizeof *report);
  report->items = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_import_item_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (DcImportTable) table = dc_import_table_open (path, &options->source, dc_asset_header_synonyms,
                                                          required_headers, report->problems, error);
  if (!table)
    return FALSE;
  dc_import_table_describe (table, &report->sheet, &report->encoding, &report->header_row, &report->ignored,
                            &report->skipped_rows);
  g_autoptr (GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr (GHashTable) head_posts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree guint *missing = g_new0 (guint, dc_asset_kind.n_fields);
  g_autoptr (GPtrArray) headless = g_ptr_array_new_with_free_func (g_free);
  Import im = { store, table, dc_import_table_header (table), options, report, 0, codes, rows,
                head_posts, 0, missing, headless };

  /* Hold the write lock from the first look at existing codes to the end. */
  if (!dc_store_begin (store, error))
    return FALSE;
  gint64 head_seq = 0;
  g_autofree char *head = dc_history_head (store, &head_seq, NULL);
  dc_record_memo_begin (store);
  gboolean ok = dc_record_index_codes (store, &dc_asset_kind, error) &&
                dc_import_table_foreach (table, read_row, &im, error);
  if (ok)
    report_missing_columns (&im);
  report->defaults = dc_import_table_defaults_used (table);
  if (im.took_head_post)
    g_ptr_array_add (report->defaults, g_strdup_printf (
        dc_ngettext ("post: %u row took the head post (所属長) of its section",
                     "post: %u rows took the head post (所属長) of their section", im.took_head_post),
        im.took_head_post));
  if (ok && report->problems->len == 0)
    apply_all (&im, rows, head_seq + 1);
  dc_record_unindex_codes (store, &dc_asset_kind);
  dc_record_memo_end (store);

  return dc_import_finish (store, path, ok, options->dry_run, report->problems, im.conflicts, error);
}
