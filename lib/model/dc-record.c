#include "model/dc-record.h"
#include "model/dc-record-private.h"
#include "model/dc-scheme.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "base/dc-text.h"

#include <string.h>

const char *
dc_record_kind_word (const DcRecordKind *kind)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "entity", kind->entity);  /* the word dc-words uses too */
}

/* ---- field tables ---- */

const DcField *
dc_record_kind_field (const DcRecordKind *kind, const char *name)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].name[0] == name[0] && g_str_equal (kind->fields[i].name, name))
      return &kind->fields[i];
  return NULL;
}

const DcField *
dc_record_kind_key (const DcRecordKind *kind)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (kind->fields[i].flags & DC_FIELD_KEY)
      return &kind->fields[i];
  g_assert_not_reached ();
}

static guint
field_index (const DcRecordKind *kind, const DcField *field)
{
  return (guint) (field - kind->fields);
}

const DcEnumValue *
dc_enum_find (const DcField *field, const char *text)
{
  g_autofree char *key = dc_text_match_key (text);
  for (const DcEnumValue *v = field->values; v->code; v++) {
    if (dc_text_matches (v->code, key) || dc_text_matches (v->ja, key) ||
        dc_text_matches (v->en, key))
      return v;
    g_auto (GStrv) synonyms = g_strsplit (v->synonyms ? v->synonyms : "", "|", -1);
    for (char **s = synonyms; *s; s++)
      if (**s && dc_text_matches (*s, key))
        return v;
  }
  return NULL;
}

const DcEnumValue *
dc_enum_by_code (const DcField *field, const char *code)
{
  for (const DcEnumValue *v = field->values; code && v->code; v++)
    if (g_str_equal (v->code, code))
      return v;
  return NULL;
}

/* ---- records in memory ---- */

DcRecord *
dc_record_new (const DcRecordKind *kind)
{
  DcRecord *record = g_new0 (DcRecord, 1);
  record->kind = kind;
  record->values = g_new0 (char *, kind->n_fields);
  record->display = g_new0 (char *, kind->n_fields);
  return record;
}

void
dc_record_free (DcRecord *record)
{
  if (!record)
    return;
  for (guint i = 0; i < record->kind->n_fields && !record->borrowed; i++) {
    g_free (record->values[i]);
    g_free (record->display[i]);
  }
  g_free (record->values);
  g_free (record->display);
  g_free (record);
}

gboolean
dc_record_set (DcRecord *record, const char *name, const char *value, GError **error)
{
  const DcField *field = dc_record_kind_field (record->kind, name);
  if (!field) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s has no field '%s'"),
                 dc_record_kind_word (record->kind), name);
    return FALSE;
  }
  guint i = field_index (record->kind, field);
  g_free (record->values[i]);
  record->values[i] = g_strdup (value);
  return TRUE;
}

const char *
dc_record_get (const DcRecord *record, const char *name)
{
  const DcField *field = dc_record_kind_field (record->kind, name);
  g_return_val_if_fail (field != NULL, NULL);
  return record->values[field_index (record->kind, field)];
}

const char *
dc_record_display (const DcRecord *record, const char *name)
{
  const DcField *field = dc_record_kind_field (record->kind, name);
  g_return_val_if_fail (field != NULL, NULL);
  return record->display[field_index (record->kind, field)];
}

const char *
dc_record_key (const DcRecord *record)
{
  return record->values[field_index (record->kind, dc_record_kind_key (record->kind))];
}

/* ---- writing ---- */

/* A reference to the record's own kind (a section's parent) must not lead
 * back to the record: follows it upwards and names the loop. */
static gboolean
refuse_cycle (DcStore *store, const DcRecordKind *kind, const char *key, GError **error)
{
  const DcField *key_field = dc_record_kind_key (kind);
  for (guint i = 0; i < kind->n_fields; i++) {
    const DcField *field = &kind->fields[i];
    if (field->kind != DC_FIELD_REF || !g_str_equal (field->ref, kind->entity))
      continue;
    g_autofree char *sql = g_strdup_printf (
        "SELECT up.%s FROM %s t JOIN %s up ON up.id = t.%s WHERE t.%s = ?1", key_field->column,
        kind->table, kind->table, field->column, key_field->column);
    g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);
    if (!stmt)
      return FALSE;
    g_autoptr (GString) chain = g_string_new (key);
    g_autofree char *current = g_strdup (key);
    for (guint depth = 0; depth < 10000; depth++) {
      dc_stmt_reset (stmt);
      dc_stmt_bind_text (stmt, 1, current);
      if (dc_store_step (store, stmt, error) != DC_STMT_ROW)
        break;
      g_free (current);
      current = dc_stmt_dup (stmt, 0);
      g_string_append_printf (chain, " → %s", current);
      if (g_str_equal (current, key)) {
        g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                     _ ("%s %s cannot be placed there: its %s would lead back to itself (%s)"),
                     dc_record_kind_word (kind), key, field->name, chain->str);
        return FALSE;
      }
    }
    if (error && *error)
      return FALSE;
  }
  return TRUE;
}

/* A DC_FIELD_UNIQUE field's VALUE is no other record's than KEY's (NULL: a new record). */
static gboolean
refuse_taken (DcStore *store, const DcRecordKind *kind, const DcField *field, const char *value,
              const char *key, GError **error)
{
  const DcField *key_field = dc_record_kind_key (kind);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1 AND %s IS DISTINCT FROM ?2",
                                          key_field->column, kind->table, field->column,
                                          key_field->column);
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, value);
  dc_stmt_bind_text (stmt, 2, key);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW)
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                 _ ("%s (%s) %s is already that of %s '%s'; one %s has each, so take it from there first "
                    "or give another"),
                 field->name, field->ja, value, dc_record_kind_word (kind), dc_stmt_text (stmt, 0),
                 dc_record_kind_word (kind));
  return rc == DC_STMT_DONE;
}

gboolean
dc_record_insert (DcStore *store, const DcRecord *record, GError **error)
{
  const DcRecordKind *kind = record->kind;
  g_autoptr (GString) columns = g_string_new (NULL);
  g_autoptr (GString) params = g_string_new (NULL);
  DcRecordBound *bound = g_newa (DcRecordBound, kind->n_fields);
  guint n_bound = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < kind->n_fields && ok; i++) {
    const DcField *field = &kind->fields[i];
    const char *value = record->values[i];
    if (!value) {
      if (field->flags & DC_FIELD_REQUIRED) {
        g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                     _ ("%s (%s) is required for a new %s"), field->name, field->ja, dc_record_kind_word (kind));
        ok = FALSE;
      }
      continue;
    }
    ok = dc_record_resolve_field (store, field, value, &bound[n_bound], error) &&
         (!(field->flags & DC_FIELD_UNIQUE) || refuse_taken (store, kind, field, value, NULL, error));
    if (!ok) {
      dc_record_bound_clear (&bound[n_bound]);  /* resolved, then refused as taken */
      break;
    }
    g_string_append_printf (columns, "%s%s", n_bound ? ", " : "", field->column);
    g_string_append_printf (params, "%s?%u", n_bound ? ", " : "", n_bound + 1);
    n_bound++;
  }
  if (ok) {
    dc_record_memo_forget (store, kind);
    g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", kind->table,
                                            columns->str, params->str);
    g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);   /* an import adds many */
    ok = stmt != NULL;
    for (guint i = 0; ok && i < n_bound; i++)
      dc_record_bind_value (stmt, (int) i + 1, &bound[i]);
    if (ok && !dc_store_run (store, stmt, error)) {
      ok = FALSE;
      if (error && g_error_matches (*error, DC_STORE_ERROR, DC_ERROR_CONFLICT)) {
        g_clear_error (error);
        g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                     _ ("%s '%s' already exists; choose another %s or edit the existing one"),
                     dc_record_kind_word (kind), dc_record_key (record), dc_record_kind_key (kind)->name);
      }
    }
  }
  for (guint i = 0; i < n_bound; i++)
    dc_record_bound_clear (&bound[i]);
  return ok;
}

static gboolean
update_columns (DcStore *store, const DcRecordKind *kind, const char *key,
                const DcRecord *changes, gboolean check_input, GError **error)
{
  g_autoptr (GString) sets = g_string_new (NULL);
  DcRecordBound *bound = g_newa (DcRecordBound, kind->n_fields);
  guint n_bound = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < kind->n_fields && ok; i++) {
    const DcField *field = &kind->fields[i];
    const char *value = changes->values[i];
    if (!value)
      continue;
    if (check_input && (field->flags & (DC_FIELD_KEY | DC_FIELD_MANAGED))) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                   _ ("%s (%s) cannot be edited%s"), field->name, field->ja,
                   (field->flags & DC_FIELD_KEY) ? _ (": it is the record's permanent key")
                                                 : _ ("; daicho maintains it"));
      ok = FALSE;
      break;
    }
    ok = dc_record_resolve_field (store, field, value, &bound[n_bound], error) &&
         (!(field->flags & DC_FIELD_UNIQUE) || refuse_taken (store, kind, field, value, key, error));
    if (!ok) {
      dc_record_bound_clear (&bound[n_bound]);  /* resolved, then refused as taken */
      break;
    }
    g_string_append_printf (sets, "%s%s = ?%u", n_bound ? ", " : "", field->column, n_bound + 2);
    n_bound++;
  }
  if (ok && n_bound == 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("nothing to change was given"));
    ok = FALSE;
  }
  if (ok) {
    dc_record_memo_forget (store, kind);
    g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s WHERE %s = ?1", kind->table,
                                            sets->str, dc_record_kind_key (kind)->column);
    g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);
    ok = stmt != NULL;
    if (ok) {
      dc_stmt_bind_text (stmt, 1, key);
      for (guint i = 0; i < n_bound; i++)
        dc_record_bind_value (stmt, (int) i + 2, &bound[i]);
      ok = dc_store_run (store, stmt, error);
    }
    if (ok && dc_store_changes (store) == 0) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND, _ ("%s '%s' does not exist"),
                   dc_record_kind_word (kind), key);
      ok = FALSE;
    }
    ok = ok && refuse_cycle (store, kind, key, error);
  }
  for (guint i = 0; i < n_bound; i++)
    dc_record_bound_clear (&bound[i]);
  return ok;
}

gboolean
dc_record_update (DcStore *store, const char *key, const DcRecord *changes, GError **error)
{
  return update_columns (store, changes->kind, key, changes, TRUE, error);
}

gboolean
dc_record_update_managed (DcStore *store, const char *key, const DcRecord *changes,
                          GError **error)
{
  return update_columns (store, changes->kind, key, changes, FALSE, error);
}

/* ---- reading ---- */

/* Two select expressions for a grouped count: the stored value as text, and
 * its display name. */
void
dc_record_append_select (GString *sql, const DcField *field)
{
  switch (field->kind) {
  case DC_FIELD_REF: {
    const DcRecordKind *ref = dc_record_kind_find (field->ref);
    const char *ref_key = dc_record_kind_key (ref)->column;
    g_string_append_printf (sql, "(SELECT %s FROM %s WHERE id = t.%s), "
                            "(SELECT name FROM %s WHERE id = t.%s)",
                            ref_key, ref->table, field->column, ref->table, field->column);
    break;
  }
  case DC_FIELD_LEVEL:
    g_string_append_printf (sql, "(SELECT label FROM level WHERE id = t.%s), "
                            "(SELECT label || ' ' || name FROM level WHERE id = t.%s)",
                            field->column, field->column);
    break;
  case DC_FIELD_TYPE:
    g_string_append_printf (sql, "t.%s, (SELECT name FROM asset_type WHERE code = t.%s)",
                            field->column, field->column);
    break;
  default:
    g_string_append_printf (sql, "t.%s, NULL", field->column);
  }
}

/* ---- changes with history ---- */

typedef struct {
  const DcRecord *record;
  const char *key;
} RecordChange;

static gboolean
apply_update (DcStore *store, gpointer data, GError **error)
{
  RecordChange *change = data;
  return dc_record_update (store, change->key, change->record, error);
}

/* ---- codes that differ only in width or case ---- */

/* The codes of a kind by match key (key → GSList of codes), attached to the
 * store by dc_record_index_codes for a bulk import. */
static char *
code_index_name (const DcRecordKind *kind)
{
  return g_strconcat ("dc-record-codes:", kind->entity, NULL);
}

static void
code_list_free (gpointer list)
{
  g_slist_free_full (list, g_free);
}

static void
code_index_note (GHashTable *index, const char *code)
{
  char *key = dc_text_match_key (code);
  GSList *codes = g_hash_table_lookup (index, key);
  if (g_slist_find_custom (codes, code, (GCompareFunc) strcmp)) {
    g_free (key);
    return;
  }
  g_hash_table_steal (index, key);
  g_hash_table_insert (index, key, g_slist_prepend (codes, g_strdup (code)));
}

gboolean
dc_record_index_codes (DcStore *store, const DcRecordKind *kind, GError **error)
{
  const DcField *key_field = dc_record_kind_key (kind);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s", key_field->column, kind->table);
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return FALSE;
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        code_list_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    code_index_note (index, dc_stmt_text (stmt, 0));
  if (rc != DC_STMT_DONE)
    return FALSE;
  g_autofree char *name = code_index_name (kind);
  dc_store_set_data (store, name, g_steal_pointer (&index), (GDestroyNotify) g_hash_table_unref);
  return TRUE;
}

void
dc_record_unindex_codes (DcStore *store, const DcRecordKind *kind)
{
  g_autofree char *name = code_index_name (kind);
  dc_store_set_data (store, name, NULL, NULL);
}

/* The codes of KIND with CODE's match key, CODE itself included when it
 * exists (a list to free with code_list_free). */
static GSList *
codes_like (DcStore *store, const DcRecordKind *kind, const char *code, GError **error)
{
  g_autofree char *name = code_index_name (kind);
  GHashTable *index = dc_store_get_data (store, name);
  g_autofree char *key = dc_text_match_key (code);
  GSList *found = NULL;
  if (index) {
    for (GSList *l = g_hash_table_lookup (index, key); l; l = l->next)
      found = g_slist_prepend (found, g_strdup (l->data));
    return found;
  }
  const DcField *key_field = dc_record_kind_key (kind);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", key_field->column,
                                          kind->table, key_field->column);
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return NULL;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    const char *existing = dc_stmt_text (stmt, 0);
    g_autofree char *existing_key = dc_text_match_key (existing);
    if (g_str_equal (existing_key, key))
      found = g_slist_append (found, g_strdup (existing));
  }
  return found;
}

char *
dc_record_find_code (DcStore *store, const DcRecordKind *kind, const char *code, GError **error)
{
  GSList *codes = codes_like (store, kind, code, error);
  char *found = NULL;
  if (g_slist_find_custom (codes, code, (GCompareFunc) strcmp))
    found = g_strdup (code);
  else if (codes && !codes->next)
    found = g_strdup (codes->data);
  code_list_free (codes);
  return found;
}

/* Codes are typed again and again; one that differs from an existing code
 * only in width or case (Ａ－０００１, JUTAKU) would be found in its place. */
static gboolean
refuse_look_alike (DcStore *store, const DcRecordKind *kind, const char *key, GError **error)
{
  GError *local = NULL;
  GSList *codes = codes_like (store, kind, key, &local);
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  GSList *other = codes;
  while (other && g_str_equal (other->data, key))
    other = other->next;
  if (other)
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                 _ ("%s '%s' differs from the existing %s '%s' only in width or case; use that "
                 "one or choose a code that reads differently"), dc_record_kind_word (kind), key, dc_record_kind_word (kind),
                 (const char *) other->data);
  code_list_free (codes);
  return other == NULL;
}

/* The look-alike check inside the change's transaction: two processes
 * adding A-1 and a-1 at once cannot both pass it. */
static gboolean
apply_add (DcStore *store, gpointer data, GError **error)
{
  RecordChange *change = data;
  return refuse_look_alike (store, change->record->kind, change->key, error) &&
         dc_record_insert (store, change->record, error);
}

gboolean
dc_record_add (DcStore *store, const DcRecord *record, GError **error)
{
  const char *key = dc_record_key (record);
  if (!key || !*key) {
    const DcField *field = dc_record_kind_key (record->kind);
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s (%s) is required for a new %s"),
                 field->name, field->ja, dc_record_kind_word (record->kind));
    return FALSE;
  }
  g_autofree char *trimmed = g_strstrip (g_strdup (key));
  RecordChange change = { record, trimmed };
  if (!dc_change_creating (store, NC_ ("action", "add"), record->kind->entity, trimmed, apply_add, &change,
                           error))
    return FALSE;
  g_autofree char *name = code_index_name (record->kind);
  GHashTable *index = dc_store_get_data (store, name);
  if (index)
    code_index_note (index, trimmed);
  return TRUE;
}

gboolean
dc_record_edit (DcStore *store, const char *key, const DcRecord *changes, GError **error)
{
  g_autofree char *code = dc_record_resolve_code (store, changes->kind, key, error);
  if (!code)
    return FALSE;
  RecordChange change = { changes, code };
  return dc_change (store, NC_ ("action", "edit"), changes->kind->entity, code, apply_update, &change, error);
}

GHashTable *
dc_record_count_by (DcStore *store, const DcRecordKind *kind, const DcCondition *conditions,
                    guint n_conditions, const char *field, GError **error)
{
  const DcField *group = dc_record_kind_field (kind, field);
  g_return_val_if_fail (group != NULL, NULL);
  g_autoptr (DcStmt) stmt = dc_record_prepare_select (store, kind, conditions, n_conditions, NULL,
                                                  group, error);
  if (!stmt)
    return NULL;
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    const char *value = dc_stmt_text (stmt, 0);
    g_hash_table_insert (counts, g_strdup (value ? value : ""),
                         GINT_TO_POINTER (dc_stmt_int (stmt, 2)));
  }
  return rc == DC_STMT_DONE ? g_steal_pointer (&counts) : NULL;
}
