/* dc-record.h: what users type for a field, resolved against the register
 * (codes, names, levels, enums, dates) into what the column stores. */
#include "model/dc-record-private.h"
#include "model/dc-scheme.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "base/dc-text.h"
#include <string.h>

/* How many allowed values an error message lists before "and N more". */
#define MAX_LISTED 12

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
  dc_stmt_bind_text (exact, 1, text);
  if (dc_store_step (store, exact, NULL) == DC_STMT_ROW)
    return dc_stmt_int64 (exact, 0);
  g_autofree char *sql = g_strdup_printf ("SELECT id, %s, name FROM %s ORDER BY %s",
                                          key->column, kind->table, key->column);
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);
  if (!stmt)
    return 0;
  g_autofree char *wanted = dc_text_match_key (text);
  g_autoptr (GString) allowed = g_string_new (NULL);
  g_autoptr (GString) by_name = g_string_new (NULL);
  guint listed = 0, named = 0, keyed = 0;
  gint64 key_match = 0, name_match = 0;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    const char *code = dc_stmt_text (stmt, 1);
    const char *name = dc_stmt_text (stmt, 2);
    if (g_strcmp0 (code, text) == 0)
      return dc_stmt_int64 (stmt, 0);
    if (dc_text_matches (code, wanted)) {
      key_match = dc_stmt_int64 (stmt, 0);
      keyed++;
    }
    if (dc_text_matches (name, wanted)) {
      name_match = dc_stmt_int64 (stmt, 0);
      append_listed (by_name, &named, code, NULL);
    }
    append_listed (allowed, &listed, code, name);
  }
  if (rc != DC_STMT_DONE)
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
  dc_stmt_bind_int64 (stmt, 1, id);
  if (dc_store_step (store, stmt, error) != DC_STMT_ROW)
    return 0;
  *code = dc_stmt_dup (stmt, 0);
  return id;
}

char *
dc_record_resolve_code (DcStore *store, const DcRecordKind *kind, const char *text,
                        GError **error)
{
  char *code = NULL;
  return dc_record_resolve_with_code (store, kind, text, &code, error) ? code : NULL;
}

/* ------------------------------------------------------------------ */
/* Levels and asset types, matched against the scheme's choices          */

/* A level is matched by label ("3"), name ("課外秘"), or both ("3 課外秘"),
 * after NFKC, so "３" works too. */
gint64
dc_record_resolve_level (DcStore *store, const DcField *field, const char *text, GError **error)
{
  const DcSchemeChoices *levels = dc_scheme_choices (store, field->property, error);
  if (!levels)
    return 0;
  g_autofree char *wanted = dc_text_match_key (text);
  for (guint i = 0; i < levels->choices->len; i++) {
    const DcSchemeChoice *level = g_ptr_array_index (levels->choices, i);
    if (dc_scheme_choice_matches (level, wanted))
      return level->id;
  }
  /* 機密性3, C3, Ⅲ: without the property, as a number. As written goes
   * first: a scheme may have a level labelled II. */
  const char *names[] = { levels->property_names[0], levels->property_names[1], field->ja, field->en, NULL };
  g_autofree char *bare = dc_scheme_level_key (text, field->property, names);
  g_autofree char *bare_key = *bare ? dc_text_match_key (bare) : NULL;
  g_autoptr (GString) allowed = g_string_new (NULL);
  for (guint i = 0; i < levels->choices->len; i++) {
    const DcSchemeChoice *level = g_ptr_array_index (levels->choices, i);
    if (bare_key && dc_scheme_choice_matches (level, bare_key))
      return level->id;
    if (allowed->len)
      g_string_append (allowed, ", ");
    g_string_append (allowed, level->shown);
  }
  finish_list (allowed, levels->choices->len);
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
               _ ("%s (%s) level '%s' is not in the register's scheme; allowed: %s"),
               field->name, field->ja, text, allowed->str);
  return 0;
}

static char *
resolve_type (DcStore *store, const char *text, GError **error)
{
  const DcSchemeChoices *types = dc_scheme_choices (store, 0, error);
  if (!types)
    return NULL;
  g_autofree char *wanted = dc_text_match_key (text);
  g_autoptr (GString) allowed = g_string_new (NULL);
  guint listed = 0;
  for (guint i = 0; i < types->choices->len; i++) {
    const DcSchemeChoice *type = g_ptr_array_index (types->choices, i);
    if (dc_scheme_choice_matches (type, wanted))
      return g_strdup (type->code);
    append_listed (allowed, &listed, type->code, type->shown_name);
  }
  finish_list (allowed, listed);
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
               _ ("asset type '%s' is not in the register's scheme; allowed: %s"), text,
               allowed->str);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Enumerations, dates and the dispatch by field kind                   */

static char *
enum_allowed (const DcField *field)
{
  g_autoptr (GString) allowed = g_string_new (NULL);
  guint listed = 0;
  for (const DcEnumValue *v = field->values; v->code; v++)
    append_listed (allowed, &listed, v->code, v->ja);
  return g_string_free (g_steal_pointer (&allowed), FALSE);
}

void
dc_record_bound_clear (DcRecordBound *bound)
{
  g_clear_pointer (&bound->text, g_free);
}

void
dc_record_bind_value (DcStmt *stmt, int index, const DcRecordBound *bound)
{
  if (bound->is_null)
    dc_stmt_bind_null (stmt, index);
  else if (bound->is_int)
    dc_stmt_bind_int64 (stmt, index, bound->number);
  else
    dc_stmt_bind_text (stmt, index, bound->text);
}

/* ------------------------------------------------------------------ */
/* Remembered resolutions (dc_record_memo_begin)                        */

#define MEMO_NAME "dc-record-memo"

/* Fields whose stored value follows from the text alone, given a register
 * whose references do not change meanwhile; free text is not worth it. */
static gboolean
memo_fits (const DcField *field)
{
  return field->kind == DC_FIELD_REF || field->kind == DC_FIELD_LEVEL || field->kind == DC_FIELD_TYPE ||
         field->kind == DC_FIELD_ENUM || field->kind == DC_FIELD_DATE;
}

static void
bound_free (DcRecordBound *bound)
{
  dc_record_bound_clear (bound);
  g_free (bound);
}

static void
bound_copy (DcRecordBound *to, const DcRecordBound *from)
{
  *to = *from;
  to->text = g_strdup (from->text);
}

void
dc_record_memo_begin (DcStore *store)
{
  /* field → (text as given → DcRecordBound) */
  dc_store_set_data (store, MEMO_NAME,
                     g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) g_hash_table_unref),
                     (GDestroyNotify) g_hash_table_unref);
}

void
dc_record_memo_end (DcStore *store)
{
  dc_store_set_data (store, MEMO_NAME, NULL, NULL);
}

void
dc_record_memo_forget (DcStore *store, const DcRecordKind *kind)
{
  GHashTable *memo = dc_store_get_data (store, MEMO_NAME);
  if (!memo)
    return;
  GHashTableIter iter;
  gpointer field;
  g_hash_table_iter_init (&iter, memo);
  while (g_hash_table_iter_next (&iter, &field, NULL))
    if (((const DcField *) field)->kind == DC_FIELD_REF &&
        dc_record_kind_find (((const DcField *) field)->ref) == kind)
      g_hash_table_iter_remove (&iter);
}

/* The remembered resolution of TEXT for FIELD, or NULL. */
static const DcRecordBound *
memo_lookup (DcStore *store, const DcField *field, const char *text)
{
  GHashTable *memo = dc_store_get_data (store, MEMO_NAME);
  GHashTable *values = memo && memo_fits (field) ? g_hash_table_lookup (memo, field) : NULL;
  return values ? g_hash_table_lookup (values, text) : NULL;
}

static void
memo_note (DcStore *store, const DcField *field, const char *text, const DcRecordBound *bound)
{
  GHashTable *memo = dc_store_get_data (store, MEMO_NAME);
  if (!memo || !memo_fits (field))
    return;
  GHashTable *values = g_hash_table_lookup (memo, field);
  if (!values) {
    values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) bound_free);
    g_hash_table_insert (memo, (gpointer) field, values);
  }
  DcRecordBound *kept = g_new (DcRecordBound, 1);
  bound_copy (kept, bound);
  g_hash_table_insert (values, g_strdup (text), kept);
}

static gboolean resolve_field (DcStore *store, const DcField *field, const char *text, DcRecordBound *out,
                               GError **error);

gboolean
dc_record_resolve_field (DcStore *store, const DcField *field, const char *text, DcRecordBound *out,
                         GError **error)
{
  const DcRecordBound *known = memo_lookup (store, field, text);
  if (known) {
    bound_copy (out, known);
    return TRUE;
  }
  if (!resolve_field (store, field, text, out, error))
    return FALSE;
  memo_note (store, field, text, out);
  return TRUE;
}

static gboolean
resolve_field (DcStore *store, const DcField *field, const char *text, DcRecordBound *out,
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
  DcRecordBound bound;
  gboolean ok = dc_record_resolve_field (store, field, value, &bound, error);
  dc_record_bound_clear (&bound);
  return ok;
}

char *
dc_record_stored_value (DcStore *store, const DcField *field, const char *value, GError **error)
{
  DcRecordBound bound;
  if (!dc_record_resolve_field (store, field, value, &bound, error))
    return NULL;
  char *stored = bound.is_null ? NULL
                 : bound.is_int ? g_strdup_printf ("%" G_GINT64_FORMAT, bound.number)
                 : g_steal_pointer (&bound.text);
  dc_record_bound_clear (&bound);
  return stored;
}
