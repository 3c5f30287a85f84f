/* The engine seam (private to lib/store): what dc-store.c and dc-stmt.c ask
 * of the database engine that holds a register. dc-sqlite.c is the engine
 * of a register in a file; a second engine fills in the same table. SQL that
 * only one engine understands lives in that engine's file. */
#pragma once
#include <sqlite3.h>
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef struct _DcEngine DcEngine;

struct _DcStore {
  const DcEngine *engine;
  sqlite3 *db;   /* the SQLite engine's connection */
  gpointer engine_data;   /* another engine's (dc-postgresql.c) */
  char *path;    /* where the register is, as the user named it (messages say it) */
  char *actor;
  char *as_of;   /* set while the store shows the register as of a past date */
  GData *data;   /* dc_store_set_data */
  GHashTable *cached;  /* SQL text → GPtrArray of its prepared statements */
  gboolean schema_unchecked;  /* the first write checks the schema (dc-schema-check) */
  gboolean read_only;  /* opened read-only: every write is refused */
  gboolean in_transaction;  /* between dc_store_begin and its commit or rollback */
  char *lost;  /* why that transaction can no longer be committed; NULL while it can */
  char *schema;   /* qualifies the register's own tables (dc_store_schema) */
  char *name;     /* dc_store_name: a file's base name, a server's database */
};

/* Every engine's statement begins with this. */
struct _DcStmt {
  const DcEngine *engine;
  DcStore *store;
};

/* How the last failed statement or exec of a store failed. */
typedef struct {
  DcErrorCode kind;     /* DC_ERROR_CONFLICT for a duplicate key, DC_ERROR_INVALID
                         * for another broken constraint, else DC_ERROR_DATABASE */
  const char *cause;    /* in words, when the engine may have ended the whole
                         * transaction by itself (disk full, I/O, memory), else NULL */
  const char *message;  /* the engine's own words */
} DcEngineFailure;

struct _DcEngine {
  const char *name;
  DcStmt     *(*prepare) (DcStore *store, const char *sql, const char **message);
  void        (*finalize) (DcStmt *stmt);
  void        (*reset) (DcStmt *stmt);         /* bindings stay */
  void        (*clear) (DcStmt *stmt);         /* reset and unbind */
  gboolean    (*busy) (DcStmt *stmt);          /* stepped, not yet reset or done */
  void        (*bind_text) (DcStmt *stmt, int index, const char *text);
  void        (*bind_int64) (DcStmt *stmt, int index, gint64 value);
  void        (*bind_null) (DcStmt *stmt, int index);
  int         (*param) (DcStmt *stmt, const char *name);
  DcStmtStep  (*step) (DcStmt *stmt);          /* DC_STMT_ERROR: see failure */
  const char *(*text) (DcStmt *stmt, int column);
  gint64      (*int64) (DcStmt *stmt, int column);
  gboolean    (*is_null) (DcStmt *stmt, int column);
  DcStmtType  (*type) (DcStmt *stmt, int column);
  int         (*columns) (DcStmt *stmt);
  const char *(*column_name) (DcStmt *stmt, int column);
  gboolean    (*exec) (DcStore *store, const char *sql, char **message);
  gint64      (*changes) (DcStore *store);     /* rows the last statement changed */
  void        (*failure) (DcStore *store, DcEngineFailure *failure);
  /* Appends one history entry the server numbers, stamps and chains itself
   * (dc_history_append); NULL: the library does, in C. */
  gboolean    (*append_history) (DcStore *store, const char *const fields[5], GError **error);
  const char *tables_sql;                      /* names the tables of the register's schema */
  /* After rows were written with their ids (dc_copy): the next id TABLE
   * gives follows the largest; NULL: the engine needs nothing. */
  gboolean    (*sync_ids) (DcStore *store, const char *table, GError **error);
  /* The objects of the register's schema ("type\x1fname" → "table\x1fdefinition")
   * as the database holds them now, or (RECORDED) as they were recorded when
   * the register was created or upgraded; NULL with ERROR set when they cannot
   * be read. NULL as a function: dc-schema-check reads SQLite's schema itself. */
  GHashTable *(*schema_objects) (DcStore *store, gboolean recorded, GError **error);
  /* dc_store_set_login_role; NULL: the engine has no logins. */
  gboolean    (*set_login_role) (DcStore *store, const char *login, const char *kind, GError **error);
  /* dc_store_connection; NULL: the engine has no connection (a file). */
  DcStoreConnection *(*connection) (DcStore *store);
  /* TRUE when the engine holds no transaction open (it may have ended ours). */
  gboolean    (*outside_transaction) (DcStore *store);
  const char *begin_sql;                       /* starts a writing transaction */
  const char *read_begin_sql;                  /* starts a reading one that sees one moment */
  const char *temp_schema;                     /* qualifies TEMP tables */
  void        (*close) (DcStore *store);
};

/* The migration files of an engine embedded at build time (FOLDER, a
 * resource path ending in "/"), ordered by their numbers (0001_x.sql → 1);
 * the text of one (dc-store.c). */
GStrv    dc_store_migration_names (const char *folder);
int      dc_store_migration_number (const char *name);
char    *dc_store_migration_text (const char *folder, const char *name);

extern const DcEngine dc_sqlite_engine;
extern const DcEngine dc_postgresql_engine;

/* Opens the SQLite file PATH into STORE (dc_store_open's work for a file). */
gboolean dc_sqlite_open (DcStore *store, const char *path, DcStoreOpenMode mode, GError **error);

/* Whether WHERE names a register on a PostgreSQL server: a libpq URI
 * (postgresql://…, postgres://…) or "service=NAME". */
gboolean dc_postgresql_is_address (const char *where);
/* Connects to the register at CONNINFO into STORE: refuses an address that
 * carries a password, checks the register's marks, creates the schema in
 * an empty database when MODE is DC_STORE_OPEN_CREATE, upgrades an older
 * one; the store's actor is the server's session_user. */
gboolean dc_postgresql_open (DcStore *store, const char *conninfo, DcStoreOpenMode mode, GError **error);

/* The SQLite connection of a register in a file, for what only SQLite has
 * (its online backup, its schema table); NULL on another engine. */
sqlite3 *dc_sqlite_db (DcStore *store);

/* Is DB (named NAME in messages) a daicho register this daicho can open?
 * The one answer for opening, backup and restore. Reads PRAGMA user_version
 * and application_id, writes nothing. TRUE with *VERSION its schema version;
 * with ALLOW_EMPTY an empty database (no tables, no marks) is TRUE with
 * *VERSION 0. Else FALSE with DC_STORE_ERROR: DC_ERROR_DATABASE when it is not
 * a register, DC_ERROR_VERSION when a newer daicho wrote it. */
gboolean dc_sqlite_check_register (sqlite3 *db, const char *name, gboolean allow_empty, int *version,
                                   GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
