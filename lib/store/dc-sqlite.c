/* The SQLite engine: a register in a file (the default). */
#include "store/dc-engine.h"
#include "base/dc-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  DcStmt base;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define LITE(s) (((SqliteStmt *) (s))->stmt)

sqlite3 *
dc_sqlite_db (DcStore *store)
{
  return store->engine == &dc_sqlite_engine ? store->db : NULL;
}

/* ------------------------------------------------------------------ */
/* Statements                                                           */

static DcStmt *
lite_prepare (DcStore *store, const char *sql, const char **message)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
    *message = sqlite3_errmsg (store->db);
    return NULL;
  }
  SqliteStmt *lite = g_new (SqliteStmt, 1);
  lite->base.engine = &dc_sqlite_engine;
  lite->base.store = store;
  lite->stmt = stmt;
  return &lite->base;
}

static void
lite_finalize (DcStmt *stmt)
{
  sqlite3_finalize (LITE (stmt));
  g_free (stmt);
}

static void lite_reset (DcStmt *stmt) { sqlite3_reset (LITE (stmt)); }

static void
lite_clear (DcStmt *stmt)
{
  sqlite3_reset (LITE (stmt));
  sqlite3_clear_bindings (LITE (stmt));
}

static gboolean lite_busy (DcStmt *stmt) { return sqlite3_stmt_busy (LITE (stmt)) != 0; }

static void
lite_bind_text (DcStmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (LITE (stmt), index, text, -1, SQLITE_TRANSIENT);
}

static void lite_bind_int64 (DcStmt *stmt, int index, gint64 value) { sqlite3_bind_int64 (LITE (stmt), index, value); }
static void lite_bind_null (DcStmt *stmt, int index) { sqlite3_bind_null (LITE (stmt), index); }
static int lite_param (DcStmt *stmt, const char *name) { return sqlite3_bind_parameter_index (LITE (stmt), name); }

static DcStmtStep
lite_step (DcStmt *stmt)
{
  switch (sqlite3_step (LITE (stmt))) {
  case SQLITE_ROW:
    return DC_STMT_ROW;
  case SQLITE_DONE:
    return DC_STMT_DONE;
  default:
    return DC_STMT_ERROR;
  }
}

static const char *
lite_text (DcStmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (LITE (stmt), column);
}

static gint64 lite_int64 (DcStmt *stmt, int column) { return sqlite3_column_int64 (LITE (stmt), column); }

static gboolean
lite_is_null (DcStmt *stmt, int column)
{
  return sqlite3_column_type (LITE (stmt), column) == SQLITE_NULL;
}

static DcStmtType
lite_type (DcStmt *stmt, int column)
{
  switch (sqlite3_column_type (LITE (stmt), column)) {
  case SQLITE_NULL:
    return DC_STMT_NULL;
  case SQLITE_INTEGER:
    return DC_STMT_INTEGER;
  case SQLITE_FLOAT:
    return DC_STMT_FLOAT;
  default:
    return DC_STMT_TEXT;   /* no column of a register holds a BLOB */
  }
}

static int lite_columns (DcStmt *stmt) { return sqlite3_column_count (LITE (stmt)); }
static const char *lite_name (DcStmt *stmt, int column) { return sqlite3_column_name (LITE (stmt), column); }

static gboolean
lite_exec (DcStore *store, const char *sql, char **message)
{
  char *text = NULL;
  if (sqlite3_exec (store->db, sql, NULL, NULL, &text) == SQLITE_OK)
    return TRUE;
  *message = g_strdup (text ? text : sqlite3_errmsg (store->db));
  sqlite3_free (text);
  return FALSE;
}

static gint64 lite_changes (DcStore *store) { return sqlite3_changes64 (store->db); }

/* The cause, in words, of an error after which SQLite may have rolled the
 * whole transaction back by itself ("Response To Errors Within A
 * Transaction"), or NULL for an error that undoes only its statement. */
static const char *
fatal_cause (int code)
{
  switch (code & 0xff) {
  case SQLITE_FULL:
    return _ ("the disk is full");
  case SQLITE_IOERR:
    return _ ("reading or writing the disk failed");
  case SQLITE_NOMEM:
    return _ ("the memory ran out");
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
    return _ ("the register file is damaged");
  default:
    return NULL;
  }
}

static void
lite_failure (DcStore *store, DcEngineFailure *failure)
{
  /* A duplicate key is a conflict; any other constraint is bad input. */
  int code = sqlite3_extended_errcode (store->db);
  failure->kind = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY
                    ? DC_ERROR_CONFLICT
                  : (code & 0xff) == SQLITE_CONSTRAINT ? DC_ERROR_INVALID : DC_ERROR_DATABASE;
  failure->cause = fatal_cause (code);
  failure->message = sqlite3_errmsg (store->db);
}

static gboolean lite_outside_transaction (DcStore *store) { return sqlite3_get_autocommit (store->db) != 0; }

static void
lite_close (DcStore *store)
{
  if (store->db)
    sqlite3_close_v2 (store->db);
  store->db = NULL;
}

const DcEngine dc_sqlite_engine = {
  .name = "sqlite",
  .tables_sql = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
  .prepare = lite_prepare,
  .finalize = lite_finalize,
  .reset = lite_reset,
  .clear = lite_clear,
  .busy = lite_busy,
  .bind_text = lite_bind_text,
  .bind_int64 = lite_bind_int64,
  .bind_null = lite_bind_null,
  .param = lite_param,
  .step = lite_step,
  .text = lite_text,
  .int64 = lite_int64,
  .is_null = lite_is_null,
  .type = lite_type,
  .columns = lite_columns,
  .column_name = lite_name,
  .exec = lite_exec,
  .changes = lite_changes,
  .failure = lite_failure,
  .outside_transaction = lite_outside_transaction,
  /* IMMEDIATE: take the write lock now, so two writers queue instead of
   * both reading and one failing at its first write. */
  .begin_sql = "BEGIN IMMEDIATE",
  .read_begin_sql = "BEGIN",
  .temp_schema = "temp",
  .close = lite_close,
};

/* ------------------------------------------------------------------ */
/* Opening a file: its marks, its migrations, its mode                  */

/* Creates the file ourselves so that it is born mode 0600: the register's
 * details are confidential (seed 000). SQLite gives -wal and -shm the same mode. */
static gboolean
create_private_file (const char *path, GError **error)
{
  int fd = open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST)
      return TRUE;
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_IO, _ ("%s: cannot create the register: %s"),
                 path, g_strerror (errno));
    return FALSE;
  }
  close (fd);
  return TRUE;
}

static gboolean
read_int (sqlite3 *db, const char *sql, int *out)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *out = sqlite3_column_int (stmt, 0);
  return TRUE;
}

gboolean
dc_sqlite_check_register (sqlite3 *db, const char *name, gboolean allow_empty, int *version,
                         GError **error)
{
  int application_id = 0, tables = 0;
  *version = 0;
  if (!read_int (db, "PRAGMA user_version", version) ||
      !read_int (db, "PRAGMA application_id", &application_id) ||
      !read_int (db, "SELECT count(*) FROM sqlite_schema", &tables)) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                 _ ("%s is not a daicho register (%s)"), name, sqlite3_errmsg (db));
    return FALSE;
  }
  gboolean empty = *version == 0 && application_id == 0 && tables == 0;
  if (!(allow_empty && empty) && application_id != DC_STORE_APPLICATION_ID) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                 _ ("%s is an SQLite file but not a daicho register; give the path of a "
                 "register (or, to create one, of a new file)"), name);
    return FALSE;
  }
  if (*version > dc_store_schema_version ()) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_VERSION,
                 _ ("%s was written by a newer daicho (schema version %d; this daicho "
                 "knows up to %d); use that daicho or a newer one. The file was not changed."),
                 name, *version, dc_store_schema_version ());
    return FALSE;
  }
  return TRUE;
}

/* Whether SQLite can write PATH in WAL mode: the file writable, and its -wal
 * and -shm there or the folder writable to make them. */
static gboolean
writable_here (const char *path)
{
  if (access (path, W_OK) != 0)
    return FALSE;
  g_autofree char *folder = g_path_get_dirname (path);
  if (access (folder, W_OK) == 0)
    return TRUE;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  return access (wal, W_OK) == 0 && access (shm, W_OK) == 0;
}

/* The SQLite URI that opens PATH read-only; immutable (no -shm needed, no
 * locks) when the folder cannot hold a -shm and there is none. */
static char *
read_only_uri (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gboolean immutable = access (folder, W_OK) != 0 && access (shm, R_OK) != 0;
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  return g_strconcat ("file:", escaped, "?mode=ro", immutable ? "&immutable=1" : "", NULL);
}

static gboolean
pragma_int (DcStore *store, const char *sql, int *out, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return FALSE;
  if (dc_store_step (store, stmt, error) != DC_STMT_ROW)
    return FALSE;
  *out = dc_stmt_int (stmt, 0);
  return TRUE;
}

static gboolean
migrate (DcStore *store, int from_version, GError **error)
{
  g_auto (GStrv) texts = dc_store_migrations ();
  int target = dc_store_schema_version ();
  if (from_version == target)
    return TRUE;
  if (!dc_store_begin (store, error))
    return FALSE;
  /* Another process may have upgraded the file while we waited for the lock. */
  if (!pragma_int (store, "PRAGMA user_version", &from_version, error)) {
    dc_store_rollback (store);
    return FALSE;
  }
  if (from_version >= target)
    return dc_store_commit (store, error);
  for (int number = from_version + 1; number <= target; number++) {
    g_autoptr (GError) local = NULL;
    if (!dc_store_exec (store, texts[number - 1], &local)) {
      dc_store_rollback (store);
      g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                   _ ("%s: upgrading the register to schema version %d failed (%s); "
                   "the file was left as it was"), store->path, number, local->message);
      return FALSE;
    }
  }
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d; "
                                                  "PRAGMA application_id = %d;",
                                                  target, DC_STORE_APPLICATION_ID);
  if (!dc_store_exec (store, set_version, error)) {
    dc_store_rollback (store);
    return FALSE;
  }
  return dc_store_commit (store, error);
}

/* Collation "C" compares bytes, as BINARY does: SQL that must order text the
 * same on both engines names it (COLLATE "C" is PostgreSQL's byte order). */
static int
byte_order (void *unused, int n1, const void *s1, int n2, const void *s2)
{
  int c = memcmp (s1, s2, (size_t) MIN (n1, n2));
  return c ? c : n1 - n2;
}

gboolean
dc_sqlite_open (DcStore *store, const char *path, DcStoreOpenMode mode, GError **error)
{
  g_free (store->schema);
  store->schema = g_strdup ("main");
  g_free (store->name);
  store->name = g_path_get_basename (path);
  GStatBuf st;
  if (mode == DC_STORE_OPEN_CREATE) {
    if (!create_private_file (path, error))
      return FALSE;
  } else if (g_stat (path, &st) != 0) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("%s: no register here; create one with `daicho init --scheme NAME`, "
                 "or name an existing one with --db or DAICHO_DB"), path);
    return FALSE;
  } else if (S_ISREG (st.st_mode) && st.st_size == 0) {
    /* SQLite would take it for a new, empty database: a truncated register
     * would pass for one with nothing in it. */
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
                 _ ("%s is empty: not a daicho register; restore it from a backup (`daicho "
                 "restore FILE`), or give --db the path of a register"), path);
    return FALSE;
  }

  /* Read-only when asked, or when the file cannot be written here (read-only
   * media, a folder where SQLite cannot make its -wal and -shm): then every
   * write is refused with a message that says why. */
  g_autofree char *uri = NULL;
  if (mode == DC_STORE_OPEN_READ || (mode == DC_STORE_OPEN_EXISTING && !writable_here (path)))
    uri = read_only_uri (path);
  store->read_only = uri != NULL;
  /* NOMUTEX: a connection is only ever used by one thread at a time, so the
   * per-call locking of a serialized connection (every column read) is waste. */
  int flags = (uri ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2 (uri ? uri : path, &store->db, flags, NULL) != SQLITE_OK) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE, _ ("%s: cannot open: %s"), path,
                 store->db ? sqlite3_errmsg (store->db) : _ ("out of memory"));
    return FALSE;
  }
  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_busy_timeout (store->db, DC_STORE_BUSY_TIMEOUT_MS);
  sqlite3_create_collation_v2 (store->db, "C", SQLITE_UTF8, NULL, byte_order, NULL);

  int version = 0;
  if (!dc_sqlite_check_register (store->db, store->path, TRUE, &version, error))
    return FALSE;
  if (store->read_only) {
    /* An older register that can be written is upgraded, whoever opens it. */
    if (version < dc_store_schema_version () && mode == DC_STORE_OPEN_READ && writable_here (path)) {
      lite_close (store);
      return dc_sqlite_open (store, path, DC_STORE_OPEN_EXISTING, error);
    }
    if (version < dc_store_schema_version ()) {
      g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                   _ ("%s has schema version %d and must be upgraded to %d, which cannot be done "
                   "here: it is read-only (or on read-only media); copy it to a writable place "
                   "and use the copy"), path, version, dc_store_schema_version ());
      return FALSE;
    }
    return dc_store_exec (store, "PRAGMA foreign_keys = ON", error);
  }
  if (!dc_store_exec (store, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;", error))
    return FALSE;
  if (!migrate (store, version, error))
    return FALSE;
  store->schema_unchecked = TRUE;
  return TRUE;
}

