/* The register file: opening, migrations, transactions, statements. */
#pragma once
#include <glib.h>
#include <sqlite3.h>
#include "base/dc-error.h"

G_BEGIN_DECLS

typedef struct _DcStore DcStore;

/* "DAIC": marks a SQLite file as a daicho register (PRAGMA application_id). */
#define DC_STORE_APPLICATION_ID 0x44414943
/* How long a connection waits for another process's write lock. */
#define DC_STORE_BUSY_TIMEOUT_MS 10000

typedef enum {
  DC_STORE_OPEN_EXISTING = 0,  /* the file must exist (every command but init); read-only
                                * when it cannot be written (read-only media) */
  DC_STORE_OPEN_CREATE = 1,    /* create it, mode 0600, if it does not exist */
  DC_STORE_OPEN_READ = 2       /* the file must exist; never written (commands that only read) */
} DcStoreOpenMode;

/* The schema version this build writes (PRAGMA user_version). */
int       dc_store_schema_version (void);
/* The SQL texts of this build's migrations, oldest first (a new NULL-terminated
 * array, g_strfreev). Applied in order to an empty database they create the
 * schema of dc_store_schema_version (dc-schema-check compares with it). */
GStrv     dc_store_migrations (void);

/* Opens PATH, applying pending migrations in one transaction. A file written
 * by a newer daicho is refused with DC_ERROR_VERSION before anything is
 * written to it; an existing empty file (a truncated register) with
 * DC_ERROR_INVALID, unless MODE is DC_STORE_OPEN_CREATE. Opened read-only
 * (SQLite mode=ro; immutable=1 when the folder cannot hold its -shm), the
 * store refuses dc_store_begin with DC_ERROR_DATABASE, and a file that
 * would need a migration with DC_ERROR_DATABASE. */
DcStore  *dc_store_open (const char *path, DcStoreOpenMode mode, GError **error);
void      dc_store_free (DcStore *store);

sqlite3    *dc_store_db (DcStore *store);
const char *dc_store_path (DcStore *store);
/* TRUE when the store was opened read-only (asked, or the file not writable). */
gboolean    dc_store_read_only (DcStore *store);

/* Who is making changes: recorded in every history row. */
void        dc_store_set_actor (DcStore *store, const char *actor);
const char *dc_store_actor (DcStore *store);

/* Marks the store as showing the register as of DATE (see dc-asof.h): every
 * write is refused. NULL: the present. */
void        dc_store_set_as_of (DcStore *store, const char *date);
const char *dc_store_as_of (DcStore *store);

/* Data a module keeps beside the store for a while (an index built for the
 * length of one transaction); NULL removes it; freed with the store. */
void      dc_store_set_data (DcStore *store, const char *name, gpointer data,
                             GDestroyNotify destroy);
gpointer  dc_store_get_data (DcStore *store, const char *name);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. The first BEGIN of an open store checks
 * its schema (dc_schema_check_writable): a register with a table, index,
 * trigger or view that this daicho's migrations do not create (or without one
 * they do) is refused with DC_ERROR_INVALID before anything is written. The store remembers the transaction
 * it began until its commit or rollback. When a statement in it fails with an
 * error after which SQLite may have rolled it back by itself (the disk full,
 * an I/O error, memory out, a damaged file), or SQLite is found outside it,
 * the transaction is lost: every later step, exec and commit fails with
 * DC_ERROR_DATABASE naming the cause, so nothing runs outside it and
 * commits on its own; only dc_store_rollback ends that state. A failed
 * commit is rolled back. */
gboolean  dc_store_begin (DcStore *store, GError **error);
gboolean  dc_store_commit (DcStore *store, GError **error);
void      dc_store_rollback (DcStore *store);
/* TRUE between dc_store_begin and its commit or rollback, even when the
 * transaction was lost: code that joins a caller's transaction asks this,
 * never sqlite3_get_autocommit (which says TRUE once SQLite rolled back). */
gboolean  dc_store_in_transaction (DcStore *store);
/* FALSE with DC_ERROR_DATABASE (the cause in the message) when the
 * transaction the store began is lost; TRUE otherwise. Writes nothing. */
gboolean  dc_store_check (DcStore *store, GError **error);

/* Prepared statements; the SQL text is always a constant of ours. */
sqlite3_stmt *dc_store_prepare (DcStore *store, const char *sql, GError **error);
/* sqlite3_step, turning failures into a GError (constraint → CONFLICT). */
int       dc_store_step (DcStore *store, sqlite3_stmt *stmt, GError **error);
/* A statement the store keeps for SQL that runs again and again (snapshots,
 * history, look-ups of an import): prepared once, reset and unbound on each
 * use. Never finalize it; g_autoptr (DcCachedStmt) resets it at the end of
 * its scope. A statement still in use is not handed out twice. */
typedef sqlite3_stmt DcCachedStmt;
DcCachedStmt *dc_store_prepare_cached (DcStore *store, const char *sql, GError **error);

/* Runs a statement that returns no rows to completion. */
gboolean  dc_store_run (DcStore *store, sqlite3_stmt *stmt, GError **error);
/* Runs SQL with no parameters (schema, pragmas). */
gboolean  dc_store_exec (DcStore *store, const char *sql, GError **error);

/* Binds NULL for a NULL string. */
void      dc_bind_text (sqlite3_stmt *stmt, int index, const char *text);
/* Column text as a new string, NULL for SQL NULL. */
char     *dc_column_dup (sqlite3_stmt *stmt, int column);

void      dc_set_sqlite_error (DcStore *store, GError **error, const char *doing);

static inline void dc_stmt_finalize (sqlite3_stmt *stmt) { sqlite3_finalize (stmt); }
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, dc_stmt_finalize)
static inline void dc_stmt_release (DcCachedStmt *stmt) { sqlite3_reset (stmt); }
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcCachedStmt, dc_stmt_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcStore, dc_store_free)

G_END_DECLS
