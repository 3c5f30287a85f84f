#include "model/dc-record.h"
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

/* How many allowed values an error message lists before "and N more". */
#define MAX_LISTED 12

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

/* ---- resolving what users type ---- */

static void
append_listed (GString *list, guint *listed, const char *code, const char *name)
{
  if (*listed < MAX_LISTED) {
    if (list->len)
      g_string_append (list, ", ");
    if (name && *name && g_strcmp0 (code, name) != 0)
      g_string_append_printf (list, "%s (%s)", code, name);
    else
      g_string_append (list, code);
  }
  (*listed)++;
}

static void
finish_list (GString *list, guint listed)
{
  if (listed > MAX_LISTED)
    g_string_append_printf (list, _ (" and %u more"), listed - MAX_LISTED);
  if (!listed)
    g_string_append (list, _ ("none yet"));
}

gint64
dc_record_resolve (DcStore *store, const DcRecordKind *kind, const char *text, GError **error)
{
  const DcField *key = dc_record_kind_key (kind);
  /* The code as written is found by the index; anything else by reading them all. */
  g_autofree char *exact_sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1", kind->table,
                                                key->column);
  g_autoptr (DcCachedStmt) exact = dc_store_prepare_cached (store, exact_sql, error);
  if (!exact)
    return 0;
  dc_bind_text (exact, 1, text);
  if (sqlite3_step (exact) == SQLITE_ROW)
    return sqlite3_column_int64 (exact, 0);
  g_autofree char *sql = g_strdup_printf ("SELECT id, %s, name FROM %s ORDER BY %s",
                                          key->column, kind->table, key->column);
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return 0;
  g_autofree char *wanted = dc_text_match_key (text);
  g_autoptr (GString) allowed = g_string_new (NULL);
  g_autoptr (GString) by_name = g_string_new (NULL);
  guint listed = 0, named = 0, keyed = 0;
  gint64 key_match = 0, name_match = 0;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW) {
    const char *code = (const char *) sqlite3_column_text (stmt, 1);
    const char *name = (const char *) sqlite3_column_text (stmt, 2);
    if (g_strcmp0 (code, text) == 0)
      return sqlite3_column_int64 (stmt, 0);
    if (dc_text_matches (code, wanted)) {
      key_match = sqlite3_column_int64 (stmt, 0);
      keyed++;
    }
    if (dc_text_matches (name, wanted)) {
      name_match = sqlite3_column_int64 (stmt, 0);
      append_listed (by_name, &named, code, NULL);
    }
    append_listed (allowed, &listed, code, name);
  }
  if (rc != SQLITE_DONE)
    return 0;
  if (keyed == 1)
    return key_match;
  if (keyed > 1) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s '%s' is ambiguous: several codes differ from it only in width or case; "
                 "write the code exactly"), dc_record_kind_word (kind), text);
    return 0;
  }
  if (named == 1)
    return name_match;
  if (named > 1) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s '%s' is ambiguous: it is the name of %s %s; give the code instead"),
                 dc_record_kind_word (kind), text, dc_record_kind_word (kind), by_name->str);
    return 0;
  }
  finish_list (allowed, listed);
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND,
               _ ("%s '%s' does not exist; known: %s (add it with `daicho %s add`)"),
               dc_record_kind_word (kind), text, allowed->str, kind->entity);
  return 0;
}

gint64
dc_record_resolve_with_code (DcStore *store, const DcRecordKind *kind, const char *text, char **code,
                             GError **error)
{
  gint64 id = dc_record_resolve (store, kind, text, error);
  if (!id || !code)
    return id;
  const DcField *key = dc_record_kind_key (kind);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", key->column,
                                          kind->table);
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);
  if (!stmt)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (dc_store_step (store, stmt, error) != SQLITE_ROW)
    return 0;
  *code = dc_column_dup (stmt, 0);
  return id;
}

char *
dc_record_resolve_code (DcStore *store, const DcRecordKind *kind, const char *text,
                        GError **error)
{
  char *code = NULL;
  return dc_record_resolve_with_code (store, kind, text, &code, error) ? code : NULL;
}

/* A level is matched by label ("3"), name ("課外秘"), or both ("3 課外秘"),
 * after NFKC, so "３" works too. */
gint64
dc_record_resolve_level (DcStore *store, const DcField *field, const char *text, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (
      store, "SELECT id, label, name, (SELECT name FROM property WHERE code = ?1),"
             " (SELECT name_en FROM property WHERE code = ?1)"
             " FROM level WHERE property = ?1 ORDER BY rank", error);
  if (!stmt)
    return 0;
  char property[2] = { field->property, 0 };
  dc_bind_text (stmt, 1, property);
  g_autofree char *wanted = dc_text_match_key (text);
  g_autofree char *bare = NULL;  /* 機密性3, C3, Ⅲ: without the property, as a number */
  gint64 bare_id = 0;
  g_autoptr (GString) allowed = g_string_new (NULL);
  guint listed = 0;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW) {
    const char *label = (const char *) sqlite3_column_text (stmt, 1);
    const char *name = (const char *) sqlite3_column_text (stmt, 2);
    if (!bare) {
      const char *names[] = { (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4), field->ja, field->en, NULL };
      bare = dc_scheme_level_key (text, field->property, names);
    }
    g_autofree char *spaced = g_strconcat (label, " ", name, NULL);
    g_autofree char *joined = g_strconcat (label, name, NULL);
    if (dc_text_matches (label, wanted) || dc_text_matches (name, wanted) ||
        dc_text_matches (spaced, wanted) || dc_text_matches (joined, wanted))
      return sqlite3_column_int64 (stmt, 0);
    /* As written goes first: a scheme may have a level labelled II. */
    if (!bare_id && *bare && (dc_text_matches (label, bare) || dc_text_matches (name, bare) ||
                              dc_text_matches (spaced, bare) || dc_text_matches (joined, bare)))
      bare_id = sqlite3_column_int64 (stmt, 0);
    if (allowed->len)
      g_string_append (allowed, ", ");
    g_string_append (allowed, spaced);
    listed++;
  }
  if (rc != SQLITE_DONE)
    return 0;
  if (bare_id)
    return bare_id;
  finish_list (allowed, listed);
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
               _ ("%s (%s) level '%s' is not in the register's scheme; allowed: %s"),
               field->name, field->ja, text, allowed->str);
  return 0;
}

static char *
resolve_type (DcStore *store, const char *text, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (
      store, "SELECT code, name, name_en FROM asset_type ORDER BY position", error);
  if (!stmt)
    return NULL;
  g_autofree char *wanted = dc_text_match_key (text);
  g_autoptr (GString) allowed = g_string_new (NULL);
  guint listed = 0;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW) {
    const char *code = (const char *) sqlite3_column_text (stmt, 0);
    const char *name = (const char *) sqlite3_column_text (stmt, 1);
    if (dc_text_matches (code, wanted) || dc_text_matches (name, wanted) ||
        dc_text_matches ((const char *) sqlite3_column_text (stmt, 2), wanted))
      return g_strdup (code);
    append_listed (allowed, &listed, code, name);
  }
  if (rc != SQLITE_DONE)
    return NULL;
  finish_list (allowed, listed);
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
               _ ("asset type '%s' is not in the register's scheme; allowed: %s"), text,
               allowed->str);
  return NULL;
}

static char *
enum_allowed (const DcField *field)
{
  g_autoptr (GString) allowed = g_string_new (NULL);
  guint listed = 0;
  for (const DcEnumValue *v = field->values; v->code; v++)
    append_listed (allowed, &listed, v->code, v->ja);
  return g_string_free (g_steal_pointer (&allowed), FALSE);
}

/* A value ready to bind. */
typedef struct {
  gboolean is_null;
  gboolean is_int;
  gint64 number;
  char *text;
} Bound;

static void
bound_clear (Bound *bound)
{
  g_clear_pointer (&bound->text, g_free);
}

static void
bind_value (sqlite3_stmt *stmt, int index, const Bound *bound)
{
  if (bound->is_null)
    sqlite3_bind_null (stmt, index);
  else if (bound->is_int)
    sqlite3_bind_int64 (stmt, index, bound->number);
  else
    dc_bind_text (stmt, index, bound->text);
}

/* Turns what a user gave for FIELD into what the column stores. */
static gboolean
resolve_field (DcStore *store, const DcField *field, const char *text, Bound *out,
               GError **error)
{
  memset (out, 0, sizeof *out);
  if (!g_utf8_validate (text, -1, NULL)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s: the value is not valid UTF-8 text"), field->name);
    return FALSE;
  }
  /* The characters and lengths every edge takes (dc-text): text longer than
   * an Excel cell, or holding U+FFFF, could never be exported. */
  g_autofree char *refusal = dc_text_refusal (text, field->name);
  if (refusal) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s (%s) %s"), field->name, field->ja, refusal);
    return FALSE;
  }
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  if (field->kind != DC_FIELD_TEXT && !*trimmed) {
    /* An enum always has a value: "nothing" is one of its values (none). */
    if (field->flags & (DC_FIELD_REQUIRED | DC_FIELD_KEY) || field->kind == DC_FIELD_ENUM) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s (%s) must not be empty"),
                   field->name, field->ja);
      return FALSE;
    }
    out->is_null = TRUE;
    return TRUE;
  }
  switch (field->kind) {
  case DC_FIELD_TEXT:
    if ((field->flags & (DC_FIELD_REQUIRED | DC_FIELD_KEY)) && !*trimmed) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s (%s) must not be empty"),
                   field->name, field->ja);
      return FALSE;
    }
    /* Keys are trimmed; free text is kept as written. */
    out->text = g_strdup ((field->flags & DC_FIELD_KEY) ? trimmed : text);
    return TRUE;
  case DC_FIELD_DATE:
    out->text = dc_date_normalise (trimmed, field->name, error);
    return out->text != NULL;
  case DC_FIELD_ENUM: {
    const DcEnumValue *value = dc_enum_find (field, trimmed);
    if (!value) {
      g_autofree char *allowed = enum_allowed (field);
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                   _ ("%s (%s) '%s' is not allowed; use one of: %s"), field->name, field->ja,
                   text, allowed);
      return FALSE;
    }
    out->text = g_strdup (value->code);
    return TRUE;
  }
  case DC_FIELD_REF:
    out->is_int = TRUE;
    out->number = dc_record_resolve (store, dc_record_kind_find (field->ref), trimmed, error);
    if (!out->number && !g_str_equal (field->name, field->ref))
      g_prefix_error (error, "%s: ", field->name);
    return out->number != 0;
  case DC_FIELD_LEVEL:
    out->is_int = TRUE;
    out->number = dc_record_resolve_level (store, field, trimmed, error);
    return out->number != 0;
  case DC_FIELD_TYPE:
    out->text = resolve_type (store, trimmed, error);
    return out->text != NULL;
  case DC_FIELD_LIST: {
    g_auto (GStrv) items = dc_text_split_list (text);
    out->text = dc_text_list_to_json ((const char *const *) items);
    return TRUE;
  }
  case DC_FIELD_INT: {
    char *end = NULL;
    out->is_int = TRUE;
    out->number = g_ascii_strtoll (trimmed, &end, 10);
    if (*end) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s: '%s' is not a number"),
                   field->name, text);
      return FALSE;
    }
    return TRUE;
  }
  }
  g_assert_not_reached ();
}

gboolean
dc_record_check_value (DcStore *store, const DcField *field, const char *value, GError **error)
{
  Bound bound;
  gboolean ok = resolve_field (store, field, value, &bound, error);
  bound_clear (&bound);
  return ok;
}

char *
dc_record_stored_value (DcStore *store, const DcField *field, const char *value, GError **error)
{
  Bound bound;
  if (!resolve_field (store, field, value, &bound, error))
    return NULL;
  char *stored = bound.is_null ? NULL
                 : bound.is_int ? g_strdup_printf ("%" G_GINT64_FORMAT, bound.number)
                 : g_steal_pointer (&bound.text);
  bound_clear (&bound);
  return stored;
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
    g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, sql, error);
    if (!stmt)
      return FALSE;
    g_autoptr (GString) chain = g_string_new (key);
    g_autofree char *current = g_strdup (key);
    for (guint depth = 0; depth < 10000; depth++) {
      sqlite3_reset (stmt);
      dc_bind_text (stmt, 1, current);
      if (dc_store_step (store, stmt, error) != SQLITE_ROW)
        break;
      g_free (current);
      current = dc_column_dup (stmt, 0);
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
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1 AND %s IS NOT ?2", key_field->column,
                                          kind->table, field->column, key_field->column);
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return FALSE;
  dc_bind_text (stmt, 1, value);
  dc_bind_text (stmt, 2, key);
  int rc = dc_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                 _ ("%s (%s) %s is already that of %s '%s'; one %s has each, so take it from there first "
                    "or give another"),
                 field->name, field->ja, value, dc_record_kind_word (kind), sqlite3_column_text (stmt, 0),
                 dc_record_kind_word (kind));
  return rc == SQLITE_DONE;
}

gboolean
dc_record_insert (DcStore *store, const DcRecord *record, GError **error)
{
  const DcRecordKind *kind = record->kind;
  g_autoptr (GString) columns = g_string_new (NULL);
  g_autoptr (GString) params = g_string_new (NULL);
  Bound *bound = g_newa (Bound, kind->n_fields);
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
    ok = resolve_field (store, field, value, &bound[n_bound], error) &&
         (!(field->flags & DC_FIELD_UNIQUE) || refuse_taken (store, kind, field, value, NULL, error));
    if (!ok)
      break;
    g_string_append_printf (columns, "%s%s", n_bound ? ", " : "", field->column);
    g_string_append_printf (params, "%s?%u", n_bound ? ", " : "", n_bound + 1);
    n_bound++;
  }
  if (ok) {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", kind->table,
                                            columns->str, params->str);
    g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);   /* an import adds many */
    ok = stmt != NULL;
    for (guint i = 0; ok && i < n_bound; i++)
      bind_value (stmt, (int) i + 1, &bound[i]);
    if (ok && !dc_store_run (store, stmt, error)) {
      ok = FALSE;
      if (sqlite3_extended_errcode (dc_store_db (store)) == SQLITE_CONSTRAINT_UNIQUE) {
        g_clear_error (error);
        g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                     _ ("%s '%s' already exists; choose another %s or edit the existing one"),
                     dc_record_kind_word (kind), dc_record_key (record), dc_record_kind_key (kind)->name);
      }
    }
  }
  for (guint i = 0; i < n_bound; i++)
    bound_clear (&bound[i]);
  return ok;
}

static gboolean
update_columns (DcStore *store, const DcRecordKind *kind, const char *key,
                const DcRecord *changes, gboolean check_input, GError **error)
{
  g_autoptr (GString) sets = g_string_new (NULL);
  Bound *bound = g_newa (Bound, kind->n_fields);
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
    ok = resolve_field (store, field, value, &bound[n_bound], error) &&
         (!(field->flags & DC_FIELD_UNIQUE) || refuse_taken (store, kind, field, value, key, error));
    if (!ok)
      break;
    g_string_append_printf (sets, "%s%s = ?%u", n_bound ? ", " : "", field->column, n_bound + 2);
    n_bound++;
  }
  if (ok && n_bound == 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("nothing to change was given"));
    ok = FALSE;
  }
  if (ok) {
    g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s WHERE %s = ?1", kind->table,
                                            sets->str, dc_record_kind_key (kind)->column);
    g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);
    ok = stmt != NULL;
    if (ok) {
      dc_bind_text (stmt, 1, key);
      for (guint i = 0; i < n_bound; i++)
        bind_value (stmt, (int) i + 2, &bound[i]);
      ok = dc_store_run (store, stmt, error);
    }
    if (ok && sqlite3_changes (dc_store_db (store)) == 0) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND, _ ("%s '%s' does not exist"),
                   dc_record_kind_word (kind), key);
      ok = FALSE;
    }
    ok = ok && refuse_cycle (store, kind, key, error);
  }
  for (guint i = 0; i < n_bound; i++)
    bound_clear (&bound[i]);
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
static void
append_select (GString *sql, const DcField *field)
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

/* ---- names of what records refer to ---- */

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
    g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, sql, error);
    if (!stmt)
      return NULL;
    gboolean by_code = kind->fields[i].kind == DC_FIELD_TYPE;
    GHashTable *table = by_code
      ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) names_free)
      : g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) names_free);
    lookups->by_field[i] = table;
    int rc;
    while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW) {
      Names *names = g_new (Names, 1);
      names->value = dc_column_dup (stmt, 1);
      names->display = dc_column_dup (stmt, 2);
      gpointer key = by_code ? (gpointer) dc_column_dup (stmt, 0)
                             : g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64));
      g_hash_table_insert (table, key, names);
    }
    if (rc != SQLITE_DONE)
      return NULL;
  }
  return g_steal_pointer (&lookups);
}

/* Fills RECORD with the row STMT is on. A borrowed record points into the
 * row and the lookups (valid until the next step) instead of copying. */
static void
record_from_row (DcRecord *record, const Lookups *lookups, sqlite3_stmt *stmt)
{
  const DcRecordKind *kind = record->kind;
  for (guint i = 0; i < kind->n_fields; i++) {
    const DcField *field = &kind->fields[i];
    const char *value = NULL, *display = NULL;
    if (lookups->by_field[i] && field->kind != DC_FIELD_TYPE) {
      gint64 id = sqlite3_column_int64 (stmt, (int) i);
      const Names *names = sqlite3_column_type (stmt, (int) i) == SQLITE_NULL
                             ? NULL : g_hash_table_lookup (lookups->by_field[i], &id);
      value = names ? names->value : NULL;
      display = names ? names->display : NULL;
    } else if (lookups->by_field[i]) {
      value = (const char *) sqlite3_column_text (stmt, (int) i);
      const Names *names = value ? g_hash_table_lookup (lookups->by_field[i], value) : NULL;
      display = names ? names->display : NULL;  /* a type missing from the scheme shows its code */
    } else {
      value = (const char *) sqlite3_column_text (stmt, (int) i);
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
                  guint param, GString *where, Bound *bound, GError **error)
{
  const DcField *field = dc_record_kind_field (kind, condition->field);
  if (!field) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s has no field '%s'"),
                 dc_record_kind_word (kind), condition->field);
    return FALSE;
  }
  if (!resolve_field (store, field, condition->value, bound, error))
    return FALSE;
  if (field->kind == DC_FIELD_REF && g_str_equal (field->ref, "section"))
    g_string_append_printf (where, " AND t.%s IN (WITH RECURSIVE sub(id) AS (SELECT ?%u"
                            " UNION SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id)"
                            " SELECT id FROM sub)", field->column, param);
  else if (field->kind == DC_FIELD_LEVEL && condition->at_least)
    g_string_append_printf (where, " AND (SELECT rank FROM level WHERE id = t.%s) >="
                            " (SELECT rank FROM level WHERE id = ?%u)", field->column, param);
  else if (bound->is_null)
    g_string_append_printf (where, " AND t.%s IS NULL AND ?%u IS NULL", field->column, param);
  else
    g_string_append_printf (where, " AND t.%s = ?%u", field->column, param);
  return TRUE;
}

/* SELECT every field (or, with GROUP_FIELD, that field's value and a count)
 * under the conditions. */
static sqlite3_stmt *
prepare_select (DcStore *store, const DcRecordKind *kind, const DcCondition *conditions,
                guint n_conditions, const char *key, const DcField *group_field, GError **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  if (group_field) {
    append_select (sql, group_field);
    g_string_append (sql, ", count(*)");
  }
  for (guint i = 0; i < kind->n_fields && !group_field; i++)
    g_string_append_printf (sql, "%st.%s", i ? ", " : "", kind->fields[i].column);
  const char *key_column = dc_record_kind_key (kind)->column;
  g_string_append_printf (sql, " FROM %s t WHERE 1", kind->table);
  if (key)
    g_string_append_printf (sql, " AND t.%s = ?1", key_column);

  Bound *bound = g_newa (Bound, n_conditions + 1);
  guint first_param = key ? 2 : 1;
  gboolean ok = TRUE;
  guint n_bound = 0;
  for (; n_bound < n_conditions && ok; n_bound++)
    ok = append_condition (store, kind, &conditions[n_bound], first_param + n_bound, sql,
                           &bound[n_bound], error);
  if (!ok)
    n_bound--;
  if (group_field)
    g_string_append (sql, " GROUP BY 1 ORDER BY 1");
  else
    g_string_append_printf (sql, " ORDER BY t.%s", key_column);

  sqlite3_stmt *stmt = ok ? dc_store_prepare (store, sql->str, error) : NULL;
  if (stmt) {
    if (key)
      dc_bind_text (stmt, 1, key);
    for (guint i = 0; i < n_bound; i++)
      bind_value (stmt, (int) (first_param + i), &bound[i]);
  }
  for (guint i = 0; i < n_bound; i++)
    bound_clear (&bound[i]);
  return stmt;
}

DcRecord *
dc_record_get_one (DcStore *store, const DcRecordKind *kind, const char *key, GError **error)
{
  g_autoptr (Lookups) lookups = lookups_new (store, kind, error);
  g_autoptr (sqlite3_stmt) stmt = lookups ? prepare_select (store, kind, NULL, 0, key, NULL, error)
                                          : NULL;
  if (!stmt)
    return NULL;
  int rc = dc_store_step (store, stmt, error);
  if (rc == SQLITE_ROW) {
    DcRecord *record = dc_record_new (kind);
    record_from_row (record, lookups, stmt);
    return record;
  }
  if (rc == SQLITE_DONE)
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
  g_autoptr (sqlite3_stmt) stmt = lookups ? prepare_select (store, kind, conditions, n_conditions,
                                                            NULL, NULL, error) : NULL;
  if (!stmt)
    return FALSE;
  /* One record for every row, pointing into it: lists are long. */
  g_autoptr (DcRecord) record = dc_record_new (kind);
  record->borrowed = TRUE;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW) {
    record_from_row (record, lookups, stmt);
    if (!func (record, user_data, error))
      return FALSE;
  }
  return rc == SQLITE_DONE;
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
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return FALSE;
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        code_list_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW)
    code_index_note (index, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
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
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return NULL;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW) {
    const char *existing = (const char *) sqlite3_column_text (stmt, 0);
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
  if (!dc_change (store, NC_ ("action", "add"), record->kind->entity, trimmed, apply_add, &change, error))
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
  g_autoptr (sqlite3_stmt) stmt = prepare_select (store, kind, conditions, n_conditions, NULL,
                                                  group, error);
  if (!stmt)
    return NULL;
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW) {
    const char *value = (const char *) sqlite3_column_text (stmt, 0);
    g_hash_table_insert (counts, g_strdup (value ? value : ""),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 2)));
  }
  return rc == SQLITE_DONE ? g_steal_pointer (&counts) : NULL;
}
