/* Prepared statements of the register, whichever engine holds it.
 *
 * Every module reads and writes the register through these and through
 * dc_store_prepare / dc_store_step (dc-store.h); none names an engine's own
 * API. Parameters are written ?1, ?2 … or :name in the SQL text (a constant
 * of ours, never built from data); columns count from 0. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef struct _DcStmt DcStmt;

/* What dc_store_step says: a row is ready, the statement has run to its
 * end, or it failed (the GError says why). */
typedef enum {
  DC_STMT_ERROR = 0,
  DC_STMT_ROW,
  DC_STMT_DONE
} DcStmtStep;

/* Binding. INDEX counts from 1 as the ?N in the SQL. The text is copied:
 * the caller's string may go once the call returns. NULL binds SQL NULL. */
void        dc_stmt_bind_text (DcStmt *stmt, int index, const char *text);
void        dc_stmt_bind_int (DcStmt *stmt, int index, int value);
void        dc_stmt_bind_int64 (DcStmt *stmt, int index, gint64 value);
void        dc_stmt_bind_null (DcStmt *stmt, int index);
/* The index of the parameter written :NAME (NAME given with its colon), or
 * 0 when the SQL has none of that name. */
int         dc_stmt_param (DcStmt *stmt, const char *name);

/* Reading the current row (after dc_store_step said DC_STMT_ROW). The text
 * is owned by the statement and valid until the next step or reset; NULL
 * for SQL NULL. A number of a NULL column is 0. */
const char *dc_stmt_text (DcStmt *stmt, int column);
char       *dc_stmt_dup (DcStmt *stmt, int column);   /* a new string, NULL for SQL NULL */
int         dc_stmt_int (DcStmt *stmt, int column);
gint64      dc_stmt_int64 (DcStmt *stmt, int column);
gboolean    dc_stmt_is_null (DcStmt *stmt, int column);

/* What the current row holds in COLUMN, as the engine stored it: snapshots
 * write numbers as numbers and text as strings, whatever the column says. */
typedef enum {
  DC_STMT_NULL = 0,
  DC_STMT_INTEGER,
  DC_STMT_FLOAT,
  DC_STMT_TEXT
} DcStmtType;
DcStmtType  dc_stmt_type (DcStmt *stmt, int column);
/* How many columns a row has, and the name (alias) of one. */
int         dc_stmt_columns (DcStmt *stmt);
const char *dc_stmt_name (DcStmt *stmt, int column);

/* Appends the value in COLUMN of the current row as JSON, as SQLite's
 * json_object() wrote it: a number as a number, text as a string
 * (dc_json_append_string), NULL as null. The one rule of the register's
 * snapshots and frozen lines, whichever engine read the row. */
void        dc_stmt_append_json (DcStmt *stmt, int column, GString *out);

/* Makes the statement ready to run again; its bindings stay. */
void        dc_stmt_reset (DcStmt *stmt);
void        dc_stmt_finalize (DcStmt *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcStmt, dc_stmt_finalize)

/* A statement the store keeps for SQL that runs again and again (snapshots,
 * history, look-ups of an import): see dc_store_prepare_cached. Never
 * finalize it; g_autoptr (DcCachedStmt) resets it at the end of its scope. */
typedef DcStmt DcCachedStmt;
static inline void dc_stmt_release (DcCachedStmt *stmt) { dc_stmt_reset (stmt); }
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcCachedStmt, dc_stmt_release)

G_END_DECLS
