#include "store/dc-store.h"
#include "base/dc-i18n.h"
#include "dc-resources.h"
#include "store/dc-schema-check.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MIGRATIONS_PATH "/daicho/schema/migrations/"

struct _DcStore {
  sqlite3 *db;
  char *path;
  char *actor;
  char *as_of;   /* set while the store shows the register as of a past date */
  GData *data;   /* dc_store_set_data */
  GHashTable *cached;  /* SQL text → GPtrArray of its prepared statements */
  gboolean schema_unchecked;  /* the first write checks the schema (dc-schema-check) */
  gboolean read_only;  /* opened read-only: every write is refused */
  gboolean in_transaction;  /* between dc_store_begin and its commit or rollback */
  char *lost;  /* why that transaction can no longer be committed; NULL while it can */
};

sqlite3 *dc_store_db (DcStore *store) { return store->db; }
const char *dc_store_path (DcStore *store) { return store->path; }
gboolean dc_store_read_only (DcStore *store) { return store->read_only; }

void
dc_store_set_actor (DcStore *store, const char *actor)
{
  g_free (store->actor);
  store->actor = g_strdup (actor);
}

const char *
dc_store_actor (DcStore *store)
{
  return store->actor;
}

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

void
dc_set_sqlite_error (DcStore *store, GError **error, const char *doing)
{
  /* A duplicate key is a conflict; any other constraint is bad input. */
  int code = sqlite3_extended_errcode (store->db);
  int kind = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY
               ? DC_ERROR_CONFLICT
             : (code & 0xff) == SQLITE_CONSTRAINT ? DC_ERROR_INVALID : DC_ERROR_DATABASE;
  const char *cause = fatal_cause (code);
  if (cause)
    g_set_error (error, DC_STORE_ERROR, kind, "%s: %s: %s (%s)", store->path, doing, cause,
                 sqlite3_errmsg (store->db));
  else
    g_set_error (error, DC_STORE_ERROR, kind, "%s: %s: %s", store->path, doing,
                 sqlite3_errmsg (store->db));
}

/* After a failed statement: the transaction the store began is lost when
 * SQLite ended it, or when the error is one that may have rolled it back. */
static void
note_failure (DcStore *store)
{
  if (!store->in_transaction || store->lost)
    return;
  int code = sqlite3_extended_errcode (store->db);
  const char *cause = fatal_cause (code);
  if (cause)
    store->lost = g_strdup_printf ("%s (%s)", cause, sqlite3_errmsg (store->db));
  else if (sqlite3_get_autocommit (store->db))
    store->lost = g_strdup_printf (_ ("SQLite rolled it back (%s)"), sqlite3_errmsg (store->db));
}

gboolean
dc_store_check (DcStore *store, GError **error)
{
  if (!store->in_transaction)
    return TRUE;
  if (!store->lost && sqlite3_get_autocommit (store->db)) {
    /* A statement run outside dc_store_step (a look-up whose failure was
     * passed over) ended it: its error is still the connection's last. */
    const char *cause = fatal_cause (sqlite3_extended_errcode (store->db));
    store->lost = cause ? g_strdup_printf ("%s (%s)", cause, sqlite3_errmsg (store->db))
                        : g_strdup (_ ("SQLite ended it by itself"));
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

sqlite3_stmt *
dc_store_prepare (DcStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
    dc_set_sqlite_error (store, error, _ ("preparing a statement"));
    return NULL;
  }
  return stmt;
}

static void
finalize_all (gpointer statements)
{
  GPtrArray *list = statements;
  for (guint i = 0; i < list->len; i++)
    sqlite3_finalize (g_ptr_array_index (list, i));
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
    sqlite3_stmt *stmt = g_ptr_array_index (list, i);
    if (!sqlite3_stmt_busy (stmt)) {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  }
  /* Every one is in use (a snapshot inside a snapshot's change): one more. */
  sqlite3_stmt *stmt = dc_store_prepare (store, sql, error);
  if (stmt)
    g_ptr_array_add (list, stmt);
  return stmt;
}

int
dc_store_step (DcStore *store, sqlite3_stmt *stmt, GError **error)
{
  /* Nothing runs once the transaction is lost: outside it, a write would
   * commit on its own. */
  if (!dc_store_check (store, error))
    return SQLITE_ABORT;
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    note_failure (store);
    dc_set_sqlite_error (store, error, _ ("writing to the register"));
  }
  return rc;
}

gboolean
dc_store_run (DcStore *store, sqlite3_stmt *stmt, GError **error)
{
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW)
    ;
  return rc == SQLITE_DONE;
}

gboolean
dc_store_exec (DcStore *store, const char *sql, GError **error)
{
  if (!dc_store_check (store, error))
    return FALSE;
  char *message = NULL;
  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) != SQLITE_OK) {
    note_failure (store);
    const char *cause = fatal_cause (sqlite3_extended_errcode (store->db));
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE, "%s: %s%s%s", store->path,
                 cause ? cause : "", cause ? ": " : "", message ? message : sqlite3_errmsg (store->db));
    sqlite3_free (message);
    return FALSE;
  }
  return TRUE;
}

void
dc_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

char *
dc_column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text ? g_strdup ((const char *) text) : NULL;
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
  if (!dc_store_exec (store, "BEGIN IMMEDIATE", error))
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
  if (!sqlite3_get_autocommit (store->db))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  store->in_transaction = FALSE;
  g_clear_pointer (&store->lost, g_free);
}

static gboolean
pragma_int (DcStore *store, const char *sql, int *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return FALSE;
  if (dc_store_step (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static int
migration_number (const char *name)
{
  return (int) g_ascii_strtoll (name, NULL, 10);
}

static gint
compare_migration_names (gconstpointer a, gconstpointer b)
{
  return migration_number (*(char **) a) - migration_number (*(char **) b);
}

/* The migration files embedded at build time, in order: 0001_x.sql, ... */
static GStrv
migration_names (void)
{
  g_auto (GStrv) names = g_resource_enumerate_children (dc_resources_get_resource (),
                                                        MIGRATIONS_PATH, 0, NULL);
  g_assert (names != NULL);
  qsort (names, g_strv_length (names), sizeof (char *), compare_migration_names);
  return g_steal_pointer (&names);
}

int
dc_store_schema_version (void)
{
  g_auto (GStrv) names = migration_names ();
  guint n = g_strv_length (names);
  return n ? migration_number (names[n - 1]) : 0;
}

static char *
migration_text (const char *name)
{
  g_autofree char *path = g_strconcat (MIGRATIONS_PATH, name, NULL);
  g_autoptr (GBytes) sql = g_resource_lookup_data (dc_resources_get_resource (), path, 0, NULL);
  g_assert (sql != NULL);
  return g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
}

GStrv
dc_store_migrations (void)
{
  g_auto (GStrv) names = migration_names ();
  GPtrArray *texts = g_ptr_array_new ();
  for (char **name = names; *name; name++)
    g_ptr_array_add (texts, migration_text (*name));
  g_ptr_array_add (texts, NULL);
  return (GStrv) g_ptr_array_free (texts, FALSE);
}

static gboolean
migrate (DcStore *store, int from_version, GError **error)
{
  g_auto (GStrv) names = migration_names ();
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
  for (char **name = names; *name; name++) {
    int number = migration_number (*name);
    if (number <= from_version)
      continue;
    g_autofree char *text = migration_text (*name);
    g_autoptr (GError) local = NULL;
    if (!dc_store_exec (store, text, &local)) {
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

/* Reads the version without writing anything, and refuses files that are not
 * registers or that a newer daicho wrote. */
static gboolean
check_file (DcStore *store, int *version, GError **error)
{
  int application_id = 0, tables = 0;
  g_autoptr (GError) local = NULL;
  if (!pragma_int (store, "PRAGMA user_version", version, &local) ||
      !pragma_int (store, "PRAGMA application_id", &application_id, &local) ||
      !pragma_int (store, "SELECT count(*) FROM sqlite_schema", &tables, &local)) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                 _ ("%s is not a daicho register (%s)"), store->path, local->message);
    return FALSE;
  }
  gboolean empty = *version == 0 && application_id == 0 && tables == 0;
  if (!empty && application_id != DC_STORE_APPLICATION_ID) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                 _ ("%s is an SQLite file but not a daicho register; give --db the "
                 "path of a register or of a new file"), store->path);
    return FALSE;
  }
  if (*version > dc_store_schema_version ()) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_VERSION,
                 _ ("%s was written by a newer daicho (schema version %d; this daicho "
                 "knows up to %d); upgrade daicho to use it. The file was not changed."),
                 store->path, *version, dc_store_schema_version ());
    return FALSE;
  }
  return TRUE;
}

/* dc_digest(seq, text): an aggregate SQL function giving the SHA-256 (hex)
 * of the rows' texts in seq order, each written as "<seq>:<length>:<text>\n".
 * Snapshots use it to cover bulk rows written once (a stocktake's findings)
 * without one history entry each; the order does not depend on the query. */
typedef struct {
  gint64 seq;
  char *text;
} DigestRow;

static void
digest_step (sqlite3_context *context, int argc G_GNUC_UNUSED, sqlite3_value **argv)
{
  GArray **rows = sqlite3_aggregate_context (context, sizeof (GArray *));
  if (!rows)
    return;
  if (!*rows)
    *rows = g_array_new (FALSE, FALSE, sizeof (DigestRow));
  const unsigned char *text = sqlite3_value_text (argv[1]);
  DigestRow row = { sqlite3_value_int64 (argv[0]), g_strdup (text ? (const char *) text : "") };
  g_array_append_val (*rows, row);
}

static gint
compare_digest_rows (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const DigestRow *) a)->seq, y = ((const DigestRow *) b)->seq;
  return x < y ? -1 : x > y;
}

static void
digest_final (sqlite3_context *context)
{
  GArray **rows = sqlite3_aggregate_context (context, 0);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  if (rows && *rows) {
    g_array_sort (*rows, compare_digest_rows);
    for (guint i = 0; i < (*rows)->len; i++) {
      DigestRow *row = &g_array_index (*rows, DigestRow, i);
      g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT ":%zu:", row->seq,
                                                 strlen (row->text));
      g_checksum_update (sum, (const guchar *) prefix, -1);
      g_checksum_update (sum, (const guchar *) row->text, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
      g_free (row->text);
    }
    g_array_free (*rows, TRUE);
  }
  sqlite3_result_text (context, g_checksum_get_string (sum), -1, SQLITE_TRANSIENT);
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

DcStore *
dc_store_open (const char *path, DcStoreOpenMode mode, GError **error)
{
  g_autoptr (DcStore) store = g_new0 (DcStore, 1);
  store->path = g_strdup (path);
  store->actor = g_strdup (g_get_user_name ());

  GStatBuf st;
  if (mode == DC_STORE_OPEN_CREATE) {
    if (!create_private_file (path, error))
      return NULL;
  } else if (g_stat (path, &st) != 0) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("%s: no register here; create one with `daicho init --scheme NAME`, "
                 "or name an existing one with --db or DAICHO_DB"), path);
    return NULL;
  } else if (S_ISREG (st.st_mode) && st.st_size == 0) {
    /* SQLite would take it for a new, empty database: a truncated register
     * would pass for one with nothing in it. */
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
                 _ ("%s is empty: not a daicho register; restore it from a backup (`daicho "
                 "restore FILE`), or give --db the path of a register"), path);
    return NULL;
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
    return NULL;
  }
  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_busy_timeout (store->db, DC_STORE_BUSY_TIMEOUT_MS);

  sqlite3_create_function_v2 (store->db, "dc_digest", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              NULL, NULL, digest_step, digest_final, NULL);

  int version = 0;
  if (!check_file (store, &version, error))
    return NULL;
  if (store->read_only) {
    /* An older register that can be written is upgraded, whoever opens it. */
    if (version < dc_store_schema_version () && mode == DC_STORE_OPEN_READ && writable_here (path)) {
      g_clear_pointer (&store, dc_store_free);
      return dc_store_open (path, DC_STORE_OPEN_EXISTING, error);
    }
    if (version < dc_store_schema_version ()) {
      g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                   _ ("%s has schema version %d and must be upgraded to %d, which cannot be done "
                   "here: it is read-only (or on read-only media); copy it to a writable place "
                   "and use the copy"), path, version, dc_store_schema_version ());
      return NULL;
    }
    return dc_store_exec (store, "PRAGMA foreign_keys = ON", error) ? g_steal_pointer (&store) : NULL;
  }
  if (!dc_store_exec (store, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;", error))
    return NULL;
  if (!migrate (store, version, error))
    return NULL;
  store->schema_unchecked = TRUE;
  return g_steal_pointer (&store);
}

void
dc_store_free (DcStore *store)
{
  if (!store)
    return;
  g_clear_pointer (&store->cached, g_hash_table_unref);   /* finalized before the close */
  if (store->db)
    sqlite3_close_v2 (store->db);
  g_free (store->path);
  g_free (store->actor);
  g_free (store->as_of);
  g_free (store->lost);
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
