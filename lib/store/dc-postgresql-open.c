/* Opening a register on a PostgreSQL server: the connection (libpq; a
 * password in the address refused), the register's marks, its migrations in
 * one transaction, and its guards (dc-postgresql-guard.c). */
#include "store/dc-postgresql-private.h"
#include "store/dc-postgresql-guard.h"
#include "base/dc-i18n.h"

#include <string.h>

#define PG_MIGRATIONS_PATH "/daicho/schema/postgresql/"

gboolean
dc_postgresql_is_address (const char *where)
{
  return where && (g_str_has_prefix (where, "postgresql://") || g_str_has_prefix (where, "postgres://") ||
                   g_str_has_prefix (where, "service="));
}

/* A password written in the address would sit in the shell's history and in
 * every process list: refused, with where to put it instead. */
static gboolean
refuse_password (const char *conninfo, GError **error)
{
  char *problem = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &problem);
  if (!options) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
                 _ ("%s: not a PostgreSQL address (%s); write postgresql://HOST/DATABASE or service=NAME"),
                 conninfo, problem ? g_strchomp (problem) : _ ("out of memory"));
    PQfreemem (problem);
    return FALSE;
  }
  gboolean has_password = FALSE;
  for (PQconninfoOption *o = options; o->keyword; o++)
    if (g_str_equal (o->keyword, "password") && o->val && *o->val)
      has_password = TRUE;
  PQconninfoFree (options);
  if (has_password) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
                 _ ("the register's address carries a password; remove it and put the password "
                 "in ~/.pgpass (mode 0600), in the service file (~/.pg_service.conf), or in "
                 "PGPASSWORD"));
    return FALSE;
  }
  return TRUE;
}

/* The first row of SQL (no parameters), one round trip: N values, each a
 * new string or NULL (SQL NULL, no row, or a failure, then remembered). */
static void
query_row (DcStore *store, const char *sql, int n, char **values)
{
  PGresult *result = PQexec (PG (store)->conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_TUPLES_OK;
  if (!ok)
    dc_postgresql_remember_failure (store, result);
  for (int i = 0; i < n; i++)
    values[i] = ok && PQntuples (result) > 0 && i < PQnfields (result) && !PQgetisnull (result, 0, i)
                  ? g_strdup (PQgetvalue (result, 0, i)) : NULL;
  PQclear (result);
}

/* Is the database a daicho register this daicho can open? As
 * dc_sqlite_check_register: *VERSION 0 for an empty database when
 * ALLOW_EMPTY; DC_ERROR_DATABASE for another database, DC_ERROR_VERSION
 * for a register of a newer daicho. Writes nothing. */
static gboolean
check_register (DcStore *store, gboolean allow_empty, int *version, GError **error)
{
  *version = 0;
  char *found[2];
  query_row (store, "SELECT to_regclass('" DC_POSTGRESQL_MARKS "') IS NOT NULL,"
                    " (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())", 2, found);
  g_autofree char *marks = found[0];
  g_autofree char *tables = found[1];
  if (!marks || !tables) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE, _ ("%s: cannot read the database: %s"),
                 store->path, g_strchomp (PQerrorMessage (PG (store)->conn)));
    return FALSE;
  }
  if (g_str_equal (marks, "f")) {
    if (allow_empty && g_str_equal (tables, "0"))
      return TRUE;
    /* An empty database is what a missing file is: nothing there yet. */
    if (g_str_equal (tables, "0"))
      g_set_error (error, DC_STORE_ERROR, DC_ERROR_NOT_FOUND,
                   _ ("%s holds no daicho register; create one with `daicho init --db ADDRESS --scheme NAME`"),
                   store->path);
    else
      g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                   _ ("%s is a PostgreSQL database but not a daicho register; give the address of "
                   "a register, or of an empty database to create one"), store->path);
    return FALSE;
  }
  char *row[2];
  query_row (store, "SELECT application_id, schema_version FROM " DC_POSTGRESQL_MARKS, 2, row);
  g_autofree char *application = row[0];
  g_autofree char *number = row[1];
  if (!application && g_str_equal (PG (store)->state, "42501")) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
                 _ ("%s: %s may not read this register; a daicho admin can give it a role "
                 "(daicho user add %s --role auditor, or editor with its sections)"),
                 store->path, store->actor, store->actor);
    return FALSE;
  }
  if (!application || g_ascii_strtoll (application, NULL, 10) != DC_STORE_APPLICATION_ID || !number) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                 _ ("%s is a PostgreSQL database but not a daicho register; give the address of "
                 "a register, or of an empty database to create one"), store->path);
    return FALSE;
  }
  *version = (int) g_ascii_strtoll (number, NULL, 10);
  if (*version > dc_store_schema_version ()) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_VERSION,
                 _ ("%s was written by a newer daicho (schema version %d; this daicho "
                 "knows up to %d); use that daicho or a newer one. Nothing was changed."),
                 store->path, *version, dc_store_schema_version ());
    return FALSE;
  }
  return TRUE;
}

/* Brings the database from VERSION to this daicho's schema in one
 * transaction: PostgreSQL registers begin at schema 8, written whole by the
 * first file; every later version has its file in both dialects. */
static gboolean
migrate (DcStore *store, int version, GError **error)
{
  int target = dc_store_schema_version ();
  if (version == target && dc_postgresql_guard_roles_exist (store) && dc_postgresql_guard_objects_recorded (store))
    return TRUE;
  g_auto (GStrv) names = dc_store_migration_names (PG_MIGRATIONS_PATH);
  if (!dc_store_begin (store, error))
    return FALSE;
  /* Another process may have created or upgraded it while we waited. */
  int now = 0;
  if (!check_register (store, TRUE, &now, error)) {
    dc_store_rollback (store);
    return FALSE;
  }
  for (char **name = names; *name && now < target; name++) {
    int number = dc_store_migration_number (*name);
    if (number <= now)
      continue;
    g_autofree char *text = dc_store_migration_text (PG_MIGRATIONS_PATH, *name);
    g_autoptr (GError) local = NULL;
    if (!dc_store_exec (store, text, &local)) {
      dc_store_rollback (store);
      g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                   _ ("%s: upgrading the register to schema version %d failed (%s); "
                   "the database was left as it was"), store->path, number, local->message);
      return FALSE;
    }
  }
  g_autofree char *marks = g_strdup_printf (
      "CREATE TABLE IF NOT EXISTS " DC_POSTGRESQL_MARKS " (application_id bigint NOT NULL,"
      " schema_version bigint NOT NULL);"
      "ALTER TABLE " DC_POSTGRESQL_MARKS " ADD COLUMN IF NOT EXISTS schema_objects text;"
      "DELETE FROM " DC_POSTGRESQL_MARKS ";"
      "INSERT INTO " DC_POSTGRESQL_MARKS " (application_id, schema_version) VALUES (%d, %d)",
      DC_STORE_APPLICATION_ID, target);
  if (!dc_store_exec (store, marks, error) || (!dc_postgresql_guard_roles_exist (store) && !dc_postgresql_guard_create_roles (store, error))
      || !dc_postgresql_guard_record_objects (store, error)) {
    dc_store_rollback (store);
    return FALSE;
  }
  return dc_store_commit (store, error);
}

/* What the server says beside a result: its NOTICEs are for SQL's authors
 * (a DROP … IF EXISTS of nothing), not for the user; a WARNING, or worse,
 * is shown. libpq's default prints them all on stderr. */
static void
pass_warnings (void *data, const PGresult *result)
{
  const char *severity = PQresultErrorField (result, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (severity && (g_str_equal (severity, "NOTICE") || g_str_equal (severity, "INFO") ||
                   g_str_equal (severity, "LOG") || g_str_equal (severity, "DEBUG")))
    return;
  g_printerr (_ ("daicho: the server says: %s"), PQresultErrorMessage (result));
}

gboolean
dc_postgresql_open (DcStore *store, const char *conninfo, DcStoreOpenMode mode, GError **error)
{
  if (!refuse_password (conninfo, error))
    return FALSE;
  PgStore *pg = g_new0 (PgStore, 1);
  store->engine_data = pg;
  /* libpq's own names for a URI that says "postgresql:" are all it needs;
   * the program's name shows in pg_stat_activity. */
  const char *keys[] = { "dbname", "fallback_application_name", "client_encoding", NULL };
  const char *values[] = { conninfo, "daicho", "UTF8", NULL };
  pg->conn = PQconnectdbParams (keys, values, 1);
  if (PQstatus (pg->conn) != CONNECTION_OK) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE, _ ("%s: cannot connect: %s"), conninfo,
                 g_strchomp (PQerrorMessage (pg->conn)));
    return FALSE;
  }
  PQsetNoticeReceiver (pg->conn, pass_warnings, NULL);
  /* The history's actor is the login the server authenticated. */
  char *who[2];
  query_row (store, "SELECT session_user, quote_ident(current_schema())", 2, who);
  g_free (store->actor);
  store->actor = who[0];
  g_free (store->schema);
  store->schema = who[1];
  g_free (store->name);
  store->name = g_strdup (PQdb (pg->conn));
  int version = 0;
  if (!check_register (store, mode == DC_STORE_OPEN_CREATE, &version, error))
    return FALSE;
  if (mode == DC_STORE_OPEN_READ) {
    store->read_only = TRUE;
    if (version < dc_store_schema_version ()) {
      /* An older register is upgraded by whoever opens it, as a file is. */
      store->read_only = FALSE;
      if (!migrate (store, version, error))
        return FALSE;
      store->read_only = TRUE;
    }
    return TRUE;
  }
  if (!migrate (store, version, error))
    return FALSE;
  store->schema_unchecked = TRUE;   /* checked before the first write, as a file is */
  return TRUE;
}
