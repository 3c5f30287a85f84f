/* dc-record.h: reading records with the names of what they refer to
 * (a post's section by code and name), under conditions, one or all. */
#include "model/dc-record-private.h"
#include "model/dc-scheme.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "base/dc-text.h"
#include <string.h>

#include <string.h>

/* A record's row holds ids of sections, posts, systems and levels. Their
 * codes and names come from these small tables, read once per listing: a
 * subquery or join per row and field cost more than the rows themselves. */
typedef struct {
  char *value;
  char *display;
} Names;

static void
names_free (Names *names)
{
  g_free (names->value);
  g_free (names->display);
  g_free (names);
}

/* For each field, the stored id (or, for types, the code) → Names; NULL for
 * fields shown as stored. */
typedef struct {
  guint n;
  GHashTable **by_field;
} Lookups;

static void
lookups_free (Lookups *lookups)
{
  for (guint i = 0; i < lookups->n; i++)
    if (lookups->by_field[i])
      g_hash_table_unref (lookups->by_field[i]);
  g_free (lookups->by_field);
  g_free (lookups);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookups, lookups_free)

/* Key, value and display of everything FIELD can refer to. */
static char *
lookup_sql (const DcField *field)
{
  switch (field->kind) {
  case DC_FIELD_REF: {
    const DcRecordKind *ref = dc_record_kind_find (field->ref);
    return g_strdup_printf ("SELECT id, %s, name FROM %s", dc_record_kind_key (ref)->column,
                            ref->table);
  }
  case DC_FIELD_LEVEL:
    return g_strdup ("SELECT id, label, label || ' ' || name FROM level");
  case DC_FIELD_TYPE:
    return g_strdup ("SELECT code, code, name FROM asset_type");
  default:
    return NULL;
  }
}

static Lookups *
lookups_new (DcStore *store, const DcRecordKind *kind, GError **error)
{
  g_autoptr (Lookups) lookups = g_new0 (Lookups, 1);
  lookups->n = kind->n_fields;
  lookups->by_field = g_new0 (GHashTable *, kind->n_fields);
  for (guint i = 0; i < kind->n_fields; i++) {
    g_autofree char *sql = lookup_sql (&kind->fields[i]);
    if (!sql)
      continue;
    g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
    if (!stmt)
      return NULL;
    gboolean by_code = kind->fields[i].kind == DC_FIELD_TYPE;
    GHashTable *table = by_code
      ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) names_free)
      : g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) names_free);
    lookups->by_field[i] = table;
    int rc;
    while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
      Names *names = g_new (Names, 1);
      names->value = dc_stmt_dup (stmt, 1);
      names->display = dc_stmt_dup (stmt, 2);
      gpointer key = by_code ? (gpointer) dc_stmt_dup (stmt, 0)
                             : g_memdup2 (&(gint64) { dc_stmt_int64 (stmt, 0) }, sizeof (gint64));
      g_hash_table_insert (table, key, names);
    }
    if (rc != DC_STMT_DONE)
      return NULL;
  }
  return g_steal_pointer (&lookups);
}

/* Fills RECORD with the row STMT is on. A borrowed record points into the
 * row and the lookups (valid until the next step) instead of copying. */
static void
record_from_row (DcRecord *record, const Lookups *lookups, DcStmt *stmt)
{
  const DcRecordKind *kind = record->kind;
  for (guint i = 0; i < kind->n_fields; i++) {
    const DcField *field = &kind->fields[i];
    const char *value = NULL, *display = NULL;
    if (lookups->by_field[i] && field->kind != DC_FIELD_TYPE) {
      gint64 id = dc_stmt_int64 (stmt, (int) i);
      const Names *names = dc_stmt_is_null (stmt, (int) i)
                             ? NULL : g_hash_table_lookup (lookups->by_field[i], &id);
      value = names ? names->value : NULL;
      display = names ? names->display : NULL;
    } else if (lookups->by_field[i]) {
      value = dc_stmt_text (stmt, (int) i);
      const Names *names = value ? g_hash_table_lookup (lookups->by_field[i], value) : NULL;
      display = names ? names->display : NULL;  /* a type missing from the scheme shows its code */
    } else {
      value = dc_stmt_text (stmt, (int) i);
    }
    if (field->kind == DC_FIELD_ENUM) {
      const DcEnumValue *enum_value = dc_enum_by_code (field, value);
      display = enum_value ? enum_value->ja : NULL;
    }
    record->values[i] = record->borrowed ? (char *) value : g_strdup (value);
    record->display[i] = record->borrowed ? (char *) display : g_strdup (display);
  }
}

/* Appends "AND <condition>" for one filter, resolving its value like input. */
static gboolean
append_condition (DcStore *store, const DcRecordKind *kind, const DcCondition *condition,
                  guint param, GString *where, DcRecordBound *bound, GError **error)
{
  const DcField *field = dc_record_kind_field (kind, condition->field);
  if (!field) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s has no field '%s'"),
                 dc_record_kind_word (kind), condition->field);
    return FALSE;
  }
  if (!dc_record_resolve_field (store, field, condition->value, bound, error))
    return FALSE;
  if (field->kind == DC_FIELD_REF && g_str_equal (field->ref, "section"))
    g_string_append_printf (where, " AND t.%s IN (WITH RECURSIVE sub(id) AS (SELECT CAST(?%u AS BIGINT)"
                            " UNION SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id)"
                            " SELECT id FROM sub)", field->column, param);
  else if (field->kind == DC_FIELD_LEVEL && condition->at_least)
    g_string_append_printf (where, " AND (SELECT rank FROM level WHERE id = t.%s) >="
                            " (SELECT rank FROM level WHERE id = ?%u)", field->column, param);
  else if (bound->is_null)
    g_string_append_printf (where, " AND t.%s IS NULL AND CAST(?%u AS TEXT) IS NULL", field->column, param);
  else
    g_string_append_printf (where, " AND t.%s = ?%u", field->column, param);
  return TRUE;
}

/* SELECT every field (or, with GROUP_FIELD, that field's value and a count)
 * under the conditions. */
DcStmt *
dc_record_prepare_select (DcStore *store, const DcRecordKind *kind, const DcCondition *conditions,
                          guint n_conditions, const char *key, const DcField *group_field, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  if (group_field) {
    dc_record_append_select (sql, group_field);
    g_string_append (sql, ", count(*)");
  }
  for (guint i = 0; i < kind->n_fields && !group_field; i++)
    g_string_append_printf (sql, "%st.%s", i ? ", " : "", kind->fields[i].column);
  const char *key_column = dc_record_kind_key (kind)->column;
  g_string_append_printf (sql, " FROM %s t WHERE 1 = 1", kind->table);
  if (key)
    g_string_append_printf (sql, " AND t.%s = ?1", key_column);

  DcRecordBound *bound = g_newa (DcRecordBound, n_conditions + 1);
  guint first_param = key ? 2 : 1;
  gboolean ok = TRUE;
  guint n_bound = 0;
  for (; n_bound < n_conditions && ok; n_bound++)
    ok = append_condition (store, kind, &conditions[n_bound], first_param + n_bound, sql,
                           &bound[n_bound], error);
  if (!ok)
    n_bound--;
  /* Grouped by the column itself: what the select shows of it (a code and a
   * name looked up by id) follows from it on every engine. */
  if (group_field)
    g_string_append_printf (sql, " GROUP BY t.%s ORDER BY 1", group_field->column);
  else
    g_string_append_printf (sql, " ORDER BY t.%s", key_column);

  DcStmt *stmt = ok ? dc_store_prepare (store, sql->str, error) : NULL;
  if (stmt) {
    if (key)
      dc_stmt_bind_text (stmt, 1, key);
    for (guint i = 0; i < n_bound; i++)
      dc_record_bind_value (stmt, (int) (first_param + i), &bound[i]);
  }
  for (guint i = 0; i < n_bound; i++)
    dc_record_bound_clear (&bound[i]);
  return stmt;
}

DcRecord *
dc_record_get_one (DcStore *store, const DcRecordKind *kind, const char *key, GError **error)
{
  g_autoptr (Lookups) lookups = lookups_new (store, kind, error);
  g_autoptr (DcStmt) stmt = lookups ? dc_record_prepare_select (store, kind, NULL, 0, key, NULL, error)
                                          : NULL;
  if (!stmt)
    return NULL;
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW) {
    DcRecord *record = dc_record_new (kind);
    record_from_row (record, lookups, stmt);
    return record;
  }
  if (rc == DC_STMT_DONE)
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("%s '%s' does not exist (see `daicho %s list`)"), dc_record_kind_word (kind), key,
                 kind->entity);
  return NULL;
}

gboolean
dc_record_foreach (DcStore *store, const DcRecordKind *kind, const DcCondition *conditions,
                   guint n_conditions, DcRecordFunc func, gpointer user_data, GError **error)
{
  g_autoptr (Lookups) lookups = lookups_new (store, kind, error);
  g_autoptr (DcStmt) stmt = lookups ? dc_record_prepare_select (store, kind, conditions, n_conditions,
                                                            NULL, NULL, error) : NULL;
  if (!stmt)
    return FALSE;
  /* One record for every row, pointing into it: lists are long. */
  g_autoptr (DcRecord) record = dc_record_new (kind);
  record->borrowed = TRUE;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    record_from_row (record, lookups, stmt);
    if (!func (record, user_data, error))
      return FALSE;
  }
  return rc == DC_STMT_DONE;
}

static gboolean
collect_record (const DcRecord *record, gpointer user_data, GError **error G_GNUC_UNUSED)
{
  GPtrArray *records = user_data;
  DcRecord *copy = dc_record_new (record->kind);
  for (guint i = 0; i < record->kind->n_fields; i++) {
    copy->values[i] = g_strdup (record->values[i]);
    copy->display[i] = g_strdup (record->display[i]);
  }
  g_ptr_array_add (records, copy);
  return TRUE;
}

GPtrArray *
dc_record_list (DcStore *store, const DcRecordKind *kind, const DcCondition *conditions,
                guint n_conditions, GError **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_record_free);
  if (!dc_record_foreach (store, kind, conditions, n_conditions, collect_record, records, error))
    return NULL;
  return g_steal_pointer (&records);
}
