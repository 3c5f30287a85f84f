/* The register: opening, migrations, transactions, statements. The engine
 * behind it (SQLite for a file) is chosen at opening; see dc-engine.h. */
#pragma once
#include <glib.h>
#include "base/dc-error.h"
#include "store/dc-stmt.h"

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

/* Opens the register at PATH: a file (SQLite), or a PostgreSQL server when
 * PATH is a libpq address (postgresql://HOST/DATABASE, service=NAME; see
 * dc-engine.h). Applies pending migrations in one transaction. A file written
 * by a newer daicho is refused with DC_ERROR_VERSION before anything is
 * written to it; an existing empty file (a truncated register) with
 * DC_ERROR_INVALID, unless MODE is DC_STORE_OPEN_CREATE. Opened read-only
 * (SQLite mode=ro; immutable=1 when the folder cannot hold its -shm), the
 * store refuses dc_store_begin with DC_ERROR_DATABASE, and a file that
 * would need a migration with DC_ERROR_DATABASE. */
DcStore  *dc_store_open (const char *path, DcStoreOpenMode mode, GError **error);
void      dc_store_free (DcStore *store);

const char *dc_store_path (DcStore *store);
/* What the register is called: a file's name without its folder, or the
 * name of a server's database (backups are named after it). */
const char *dc_store_name (DcStore *store);
/* TRUE when the register is on a server that knows who connects: the
 * actor is then the server's login, never what the command line says. */
gboolean    dc_store_on_server (DcStore *store);
/* How a store reaches a register on a server. */
typedef struct {
  gboolean encrypted;   /* the connection runs over TLS */
  char *protocol;       /* "TLSv1.3"; NULL when not encrypted */
  char *cipher;         /* "TLS_AES_256_GCM_SHA384"; NULL when not encrypted */
  char *sslmode;        /* libpq's sslmode in force: disable, prefer, … verify-full */
} DcStoreConnection;
void dc_store_connection_free (DcStoreConnection *connection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcStoreConnection, dc_store_connection_free)
/* The connection of a register on a server, for an auditor to see whether it
 * is encrypted and whether the server's certificate was checked; a new
 * struct the caller frees. NULL for a register in a file. */
DcStoreConnection *dc_store_connection (DcStore *store);
/* The names that qualify the register's own tables ("main" in a file, the
 * database's schema on a server) and TEMP tables ("temp", "pg_temp"), for
 * SQL that reads a table a TEMP table of the same name shadows (dc-asof). */
const char *dc_store_schema (DcStore *store);
const char *dc_store_temp_schema (DcStore *store);
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
/* Undoes what was done since SAVEPOINT NAME and releases it; runs even when
 * the transaction is lost (then there is nothing left to undo). */
void      dc_store_rollback_to (DcStore *store, const char *name);
/* TRUE between dc_store_begin and its commit or rollback, even when the
 * transaction was lost: code that joins a caller's transaction asks this,
 * never the engine (SQLite says "no transaction" once it rolled one back). */
gboolean  dc_store_in_transaction (DcStore *store);
/* FALSE with DC_ERROR_DATABASE (the cause in the message) when the
 * transaction the store began is lost; TRUE otherwise. Writes nothing. */
gboolean  dc_store_check (DcStore *store, GError **error);

/* Prepared statements; the SQL text is always a constant of ours. NULL with
 * DC_ERROR_DATABASE when the engine refuses it. Free with dc_stmt_finalize
 * (g_autoptr (DcStmt)). */
DcStmt   *dc_store_prepare (DcStore *store, const char *sql, GError **error);
/* Runs STMT to its next row: DC_STMT_ROW, DC_STMT_DONE, or DC_STMT_ERROR
 * with the failure as a GError of DC_STORE_ERROR (a duplicate key
 * DC_ERROR_CONFLICT, another constraint DC_ERROR_INVALID, else
 * DC_ERROR_DATABASE). Nothing runs once the transaction is lost. */
DcStmtStep dc_store_step (DcStore *store, DcStmt *stmt, GError **error);
/* A statement the store keeps for SQL that runs again and again (snapshots,
 * history, look-ups of an import): prepared once, reset and unbound on each
 * use. Never finalize it; g_autoptr (DcCachedStmt) resets it at the end of
 * its scope. A statement still in use is not handed out twice. */
DcCachedStmt *dc_store_prepare_cached (DcStore *store, const char *sql, GError **error);

/* Runs a statement that returns no rows to completion. */
gboolean  dc_store_run (DcStore *store, DcStmt *stmt, GError **error);
/* Runs SQL with no parameters (schema, savepoints). */
gboolean  dc_store_exec (DcStore *store, const char *sql, GError **error);
/* On a server: makes LOGIN (an existing login role) a member of the
 * register's role KIND ("admin", "editor", "auditor") and of no other of
 * its roles; KIND NULL: of none. In the caller's transaction. A login the
 * server does not have is DC_ERROR_NOT_FOUND; a register in a file has no
 * logins (DC_ERROR_INVALID). */
gboolean  dc_store_set_login_role (DcStore *store, const char *login, const char *kind, GError **error);
/* TRUE on an engine with logins (a server); else DC_ERROR_INVALID saying a
 * register in a file has no users. */
gboolean  dc_store_require_logins (DcStore *store, GError **error);

/* How many rows the last statement that ran to its end inserted, changed or
 * deleted. */
gint64    dc_store_changes (DcStore *store);

/* Sets ERROR from the store's last failure, as dc_store_step does, saying
 * what was being DONE ("reading the history"). */
void      dc_store_set_error (DcStore *store, GError **error, const char *doing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcStore, dc_store_free)

G_END_DECLS
