/* The register whichever engine holds it: transactions and what happens
 * when one is lost, statements and their cache, the migrations' texts. The
 * engine's own work is behind store->engine (dc-engine.h). */
#include "store/dc-engine.h"
#include "base/dc-i18n.h"
#include "dc-resources.h"
#include "store/dc-schema-check.h"

#include <gio/gio.h>
#include <stdlib.h>

#define MIGRATIONS_PATH "/daicho/schema/migrations/"

const char *dc_store_path (DcStore *store) { return store->path; }
gboolean dc_store_on_server (DcStore *store) { return store->engine != &dc_sqlite_engine; }
const char *dc_store_schema (DcStore *store) { return store->schema; }
const char *dc_store_temp_schema (DcStore *store) { return store->engine->temp_schema; }
gboolean dc_store_read_only (DcStore *store) { return store->read_only; }

void
dc_store_set_actor (DcStore *store, const char *actor)
{
  g_free (store->actor);
  store->actor = g_strdup (actor);
}

const char *
dc_store_name (DcStore *store)
{
  return store->name;
}

DcStoreConnection *
dc_store_connection (DcStore *store)
{
  return store->engine->connection ? store->engine->connection (store) : NULL;
}

void
dc_store_connection_free (DcStoreConnection *connection)
{
  if (!connection)
    return;
  g_free (connection->protocol);
  g_free (connection->cipher);
  g_free (connection->sslmode);
  g_free (connection);
}

const char *
dc_store_actor (DcStore *store)
{
  return store->actor;
}

gboolean
dc_store_require_logins (DcStore *store, GError **error)
{
  if (store->engine->set_login_role)
    return TRUE;
  g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
               _ ("%s is a register in a file: it has no users (whoever can write the file can "
               "change it; keep it where only its operators can open it). Users and roles are "
               "for a register on a PostgreSQL server."), store->path);
  return FALSE;
}

gboolean
dc_store_set_login_role (DcStore *store, const char *login, const char *kind, GError **error)
{
  return dc_store_require_logins (store, error) && store->engine->set_login_role (store, login, kind, error);
}

void
dc_store_set_error (DcStore *store, GError **error, const char *doing)
{
  DcEngineFailure failure;
  store->engine->failure (store, &failure);
  if (failure.cause)
    g_set_error (error, DC_STORE_ERROR, failure.kind, "%s: %s: %s (%s)", store->path, doing,
                 failure.cause, failure.message);
  else
    g_set_error (error, DC_STORE_ERROR, failure.kind, "%s: %s: %s", store->path, doing,
                 failure.message);
}

/* After a failed statement: the transaction the store began is lost when
 * the engine ended it, or when the error is one that may have ended it. */
static void
note_failure (DcStore *store)
{
  if (!store->in_transaction || store->lost)
    return;
  DcEngineFailure failure;
  store->engine->failure (store, &failure);
  if (failure.cause)
    store->lost = g_strdup_printf ("%s (%s)", failure.cause, failure.message);
  else if (store->engine->outside_transaction (store))
    store->lost = g_strdup_printf (_ ("the database rolled it back (%s)"), failure.message);
}

gboolean
dc_store_check (DcStore *store, GError **error)
{
  if (!store->in_transaction)
    return TRUE;
  if (!store->lost && store->engine->outside_transaction (store)) {
    /* A statement run outside dc_store_step (a look-up whose failure was
     * passed over) ended it: its error is still the connection's last. */
    DcEngineFailure failure;
    store->engine->failure (store, &failure);
    store->lost = failure.cause ? g_strdup_printf ("%s (%s)", failure.cause, failure.message)
                                : g_strdup (_ ("the database ended it by itself"));
  }
  if (!store->lost)
    return TRUE;
  g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
               _ ("%s: the change was abandoned and nothing of it was saved, because %s; "
               "remove the cause (free disk space, for one) and run the command again"),
               store->path, store->lost);
  return FALSE;
}

gboolean
dc_store_in_transaction (DcStore *store)
{
  return store->in_transaction;
}

DcStmt *
dc_store_prepare (DcStore *store, const char *sql, GError **error)
{
  const char *message = NULL;
  DcStmt *stmt = store->engine->prepare (store, sql, &message);
  if (!stmt) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE, "%s: %s: %s", store->path,
                 _ ("preparing a statement"), message);
    /* For whoever ports SQL to another engine: which statement it refused. */
    if (g_getenv ("DAICHO_DEBUG_SQL"))
      g_printerr ("daicho: %s refused: %s\n", store->engine->name, sql);
  }
  return stmt;
}

static void
finalize_all (gpointer statements)
{
  GPtrArray *list = statements;
  for (guint i = 0; i < list->len; i++)
    dc_stmt_finalize (g_ptr_array_index (list, i));
  g_ptr_array_unref (list);
}

DcCachedStmt *
dc_store_prepare_cached (DcStore *store, const char *sql, GError **error)
{
  if (!store->cached)
    store->cached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_all);
  GPtrArray *list = g_hash_table_lookup (store->cached, sql);
  if (!list) {
    list = g_ptr_array_new ();
    g_hash_table_insert (store->cached, g_strdup (sql), list);
  }
  for (guint i = 0; i < list->len; i++) {
    DcStmt *stmt = g_ptr_array_index (list, i);
    if (!store->engine->busy (stmt)) {
      store->engine->clear (stmt);
      return stmt;
    }
  }
  /* Every one is in use (a snapshot inside a snapshot's change): one more. */
  DcStmt *stmt = dc_store_prepare (store, sql, error);
  if (stmt)
    g_ptr_array_add (list, stmt);
  return stmt;
}

DcStmtStep
dc_store_step (DcStore *store, DcStmt *stmt, GError **error)
{
  /* Nothing runs once the transaction is lost: outside it, a write would
   * commit on its own. */
  if (!dc_store_check (store, error))
    return DC_STMT_ERROR;
  DcStmtStep step = store->engine->step (stmt);
  if (step == DC_STMT_ERROR) {
    note_failure (store);
    dc_store_set_error (store, error, _ ("writing to the register"));
  }
  return step;
}

gboolean
dc_store_run (DcStore *store, DcStmt *stmt, GError **error)
{
  DcStmtStep step;
  while ((step = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    ;
  return step == DC_STMT_DONE;
}

gboolean
dc_store_exec (DcStore *store, const char *sql, GError **error)
{
  if (!dc_store_check (store, error))
    return FALSE;
  g_autofree char *message = NULL;
  if (!store->engine->exec (store, sql, &message)) {
    note_failure (store);
    DcEngineFailure failure;
    store->engine->failure (store, &failure);
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE, "%s: %s%s%s", store->path,
                 failure.cause ? failure.cause : "", failure.cause ? ": " : "", message);
    return FALSE;
  }
  return TRUE;
}

gint64
dc_store_changes (DcStore *store)
{
  return store->engine->changes (store);
}

void
dc_store_set_as_of (DcStore *store, const char *date)
{
  g_free (store->as_of);
  store->as_of = g_strdup (date);
}

const char *
dc_store_as_of (DcStore *store)
{
  return store->as_of;
}

gboolean
dc_store_begin (DcStore *store, GError **error)
{
  if (store->as_of) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
                 _ ("%s is open as of %s, read-only: the past is not changed"),
                 store->path, store->as_of);
    return FALSE;
  }
  if (store->read_only) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                 _ ("%s cannot be changed here: it is opened read-only (the file or its folder is "
                 "not writable, or it is on read-only media); copy it to a writable place, or "
                 "make it writable"), store->path);
    return FALSE;
  }
  if (store->schema_unchecked && !dc_schema_check_writable (store, error))
    return FALSE;
  store->schema_unchecked = FALSE;
  if (!dc_store_exec (store, store->engine->begin_sql, error))
    return FALSE;
  store->in_transaction = TRUE;
  return TRUE;
}

gboolean
dc_store_commit (DcStore *store, GError **error)
{
  gboolean ok = dc_store_exec (store, "COMMIT", error);
  if (!ok)
    dc_store_rollback (store);   /* a failed commit saved nothing: end it */
  store->in_transaction = FALSE;
  return ok;
}

void
dc_store_rollback (DcStore *store)
{
  if (!store->engine->outside_transaction (store)) {
    g_autofree char *ignored = NULL;
    store->engine->exec (store, "ROLLBACK", &ignored);
  }
  store->in_transaction = FALSE;
  g_clear_pointer (&store->lost, g_free);
}

void
dc_store_rollback_to (DcStore *store, const char *name)
{
  g_autofree char *sql = g_strdup_printf ("ROLLBACK TO %s; RELEASE %s", name, name);
  g_autofree char *ignored = NULL;
  store->engine->exec (store, sql, &ignored);
}

int
dc_store_migration_number (const char *name)
{
  return (int) g_ascii_strtoll (name, NULL, 10);
}

static gint
compare_migration_names (gconstpointer a, gconstpointer b)
{
  return dc_store_migration_number (*(char **) a) - dc_store_migration_number (*(char **) b);
}

GStrv
dc_store_migration_names (const char *folder)
{
  g_auto (GStrv) names = g_resource_enumerate_children (dc_resources_get_resource (), folder, 0, NULL);
  g_assert (names != NULL);
  qsort (names, g_strv_length (names), sizeof (char *), compare_migration_names);
  return g_steal_pointer (&names);
}

char *
dc_store_migration_text (const char *folder, const char *name)
{
  g_autofree char *path = g_strconcat (folder, name, NULL);
  g_autoptr (GBytes) sql = g_resource_lookup_data (dc_resources_get_resource (), path, 0, NULL);
  g_assert (sql != NULL);
  return g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
}

/* SQLite's migrations: version N is reached by applying the first N texts
 * (dc-sqlite counts on it). */
static GStrv
migration_names (void)
{
  g_auto (GStrv) names = dc_store_migration_names (MIGRATIONS_PATH);
  for (guint i = 0; names[i]; i++)
    g_assert (dc_store_migration_number (names[i]) == (int) i + 1);
  return g_steal_pointer (&names);
}

int
dc_store_schema_version (void)
{
  g_auto (GStrv) names = migration_names ();
  guint n = g_strv_length (names);
  return n ? dc_store_migration_number (names[n - 1]) : 0;
}

GStrv
dc_store_migrations (void)
{
  g_auto (GStrv) names = migration_names ();
  GPtrArray *texts = g_ptr_array_new ();
  for (char **name = names; *name; name++)
    g_ptr_array_add (texts, dc_store_migration_text (MIGRATIONS_PATH, *name));
  g_ptr_array_add (texts, NULL);
  return (GStrv) g_ptr_array_free (texts, FALSE);
}

DcStore *
dc_store_open (const char *path, DcStoreOpenMode mode, GError **error)
{
  g_autoptr (DcStore) store = g_new0 (DcStore, 1);
  store->engine = dc_postgresql_is_address (path) ? &dc_postgresql_engine : &dc_sqlite_engine;
  store->path = g_strdup (path);
  store->actor = g_strdup (g_get_user_name ());
  if (store->engine == &dc_postgresql_engine ? !dc_postgresql_open (store, path, mode, error)
                                             : !dc_sqlite_open (store, path, mode, error))
    return NULL;
  return g_steal_pointer (&store);
}

void
dc_store_free (DcStore *store)
{
  if (!store)
    return;
  g_clear_pointer (&store->cached, g_hash_table_unref);   /* finalized before the close */
  if (store->engine)
    store->engine->close (store);
  g_free (store->path);
  g_free (store->actor);
  g_free (store->as_of);
  g_free (store->lost);
  g_free (store->schema);
  g_free (store->name);
  g_datalist_clear (&store->data);
  g_free (store);
}

void
dc_store_set_data (DcStore *store, const char *name, gpointer data, GDestroyNotify destroy)
{
  g_datalist_set_data_full (&store->data, name, data, destroy);
}

gpointer
dc_store_get_data (DcStore *store, const char *name)
{
  return g_datalist_get_data (&store->data, name);
}
