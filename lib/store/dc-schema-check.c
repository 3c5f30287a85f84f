#include "store/dc-schema-check.h"
#include "store/dc-engine.h"
#include "base/dc-i18n.h"

#include <string.h>

#define SCHEMA_SQL "SELECT type, name, tbl_name, sql FROM main.sqlite_schema" \
                   " WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' ORDER BY type, name"

/* SQL with each run of white space as one space, trimmed, and without the
 * double quotes of identifiers (SQLite writes CREATE TABLE "section" after an
 * ALTER TABLE of an upgraded register where a new one says section); "" for
 * NULL. */
static char *
normalised (const unsigned char *sql)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  for (const unsigned char *p = sql; p && *p; p++) {
    if (g_ascii_isspace (*p)) {
      space = out->len > 0;
      continue;
    }
    if (*p == '"')
      continue;
    if (space)
      g_string_append_c (out, ' ');
    space = FALSE;
    g_string_append_c (out, (char) *p);
  }
  return g_string_free (out, FALSE);
}

/* "type\x1fname" → "table\x1fsql" of every object DB holds. */
static GHashTable *
objects_of (sqlite3 *db)
{
  GHashTable *objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, SCHEMA_SQL, -1, &stmt, NULL) != SQLITE_OK) {
    g_hash_table_unref (objects);
    return NULL;
  }
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    g_autofree char *sql = normalised (sqlite3_column_text (stmt, 3));
    g_hash_table_insert (objects,
                         g_strconcat ((const char *) sqlite3_column_text (stmt, 0), "\x1f",
                                      (const char *) sqlite3_column_text (stmt, 1), NULL),
                         g_strconcat ((const char *) sqlite3_column_text (stmt, 2), "\x1f", sql, NULL));
  }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    g_clear_pointer (&objects, g_hash_table_unref);
  return objects;
}

/* The objects the migrations create, once per process. */
static GHashTable *
reference (void)
{
  static GHashTable *objects;
  if (g_once_init_enter (&objects)) {
    sqlite3 *db = NULL;
    g_auto (GStrv) migrations = dc_store_migrations ();
    if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) != SQLITE_OK)
      g_error ("an in-memory database cannot be opened: %s", db ? sqlite3_errmsg (db) : "out of memory");
    /* One transaction: SQLite then commits the schema once, not per statement. */
    sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
    for (char **sql = migrations; *sql; sql++)
      if (sqlite3_exec (db, *sql, NULL, NULL, NULL) != SQLITE_OK)
        g_error ("the embedded migrations do not apply to an empty database: %s", sqlite3_errmsg (db));
    GHashTable *found = objects_of (db);
    g_assert (found != NULL);
    sqlite3_close (db);
    g_once_init_leave (&objects, found);
  }
  return objects;
}

static const char *
type_word (const char *type)
{
  if (g_str_equal (type, "table"))
    return _ ("table");
  if (g_str_equal (type, "index"))
    return _ ("index");
  if (g_str_equal (type, "trigger"))
    return _ ("trigger");
  if (g_str_equal (type, "view"))
    return _ ("view");
  if (g_str_equal (type, "function"))
    return _ ("function");
  if (g_str_equal (type, "constraint"))
    return _ ("constraint");
  if (g_str_equal (type, "policy"))
    return _ ("policy");
  return type;
}

typedef enum { EXTRA, CHANGED, MISSING } Difference;

static void
say (GString *text, Difference how, const char *id, const char *table)
{
  g_auto (GStrv) parts = g_strsplit (id, "\x1f", 2);
  g_auto (GStrv) on = g_strsplit (table, "\x1f", 2);
  g_autofree char *object = g_str_equal (on[0], parts[1])
                              ? g_strdup_printf ("%s %s", type_word (parts[0]), parts[1])
                              : g_strdup_printf (_ ("%s %s on %s"), type_word (parts[0]), parts[1], on[0]);
  if (text->len)
    g_string_append (text, "; ");
  if (how == EXTRA)
    g_string_append_printf (text, _ ("extra %s (not created by daicho)"), object);
  else if (how == CHANGED)
    g_string_append_printf (text, _ ("%s differs from the one daicho creates"), object);
  else
    g_string_append_printf (text, _ ("%s is missing"), object);
}

char *
dc_schema_check (DcStore *store, GError **error)
{
  /* A server's register against what was recorded when it was created; a
   * file against an in-memory database the migrations made. */
  g_autoptr (GHashTable) recorded = NULL, found = NULL;
  GHashTable *expected;
  if (store->engine->schema_objects) {
    if (!(recorded = store->engine->schema_objects (store, TRUE, error)) ||
        !(found = store->engine->schema_objects (store, FALSE, error)))
      return NULL;
    expected = recorded;
  } else {
    expected = reference ();
    if (!(found = objects_of (dc_sqlite_db (store)))) {
      dc_store_set_error (store, error, _ ("reading the register's schema"));
      return NULL;
    }
  }
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GList) ids = g_list_sort (g_hash_table_get_keys (found), (GCompareFunc) strcmp);
  for (GList *l = ids; l; l = l->next) {
    const char *want = g_hash_table_lookup (expected, l->data);
    const char *have = g_hash_table_lookup (found, l->data);
    if (!want)
      say (text, EXTRA, l->data, have);
    else if (!g_str_equal (want, have))
      say (text, CHANGED, l->data, have);
  }
  g_autoptr (GList) wanted = g_list_sort (g_hash_table_get_keys (expected), (GCompareFunc) strcmp);
  for (GList *l = wanted; l; l = l->next)
    if (!g_hash_table_contains (found, l->data))
      say (text, MISSING, l->data, g_hash_table_lookup (expected, l->data));
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

gboolean
dc_schema_check_writable (DcStore *store, GError **error)
{
  GError *local = NULL;
  g_autofree char *problem = dc_schema_check (store, &local);
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  if (problem)
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
                 _ ("%s: the register's schema was changed outside daicho (%s); nothing was written. "
                    "Run `daicho audit verify`, then restore a backup or have the object removed"),
                 dc_store_path (store), problem);
  return problem == NULL;
}
