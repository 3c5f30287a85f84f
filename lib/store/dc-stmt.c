#include "store/dc-stmt.h"
#include "store/dc-engine.h"
#include "base/dc-json.h"

/* Each call hands the statement to the engine that prepared it. */

void
dc_stmt_bind_text (DcStmt *stmt, int index, const char *text)
{
  if (text)
    stmt->engine->bind_text (stmt, index, text);
  else
    stmt->engine->bind_null (stmt, index);
}

void
dc_stmt_bind_int (DcStmt *stmt, int index, int value)
{
  stmt->engine->bind_int64 (stmt, index, value);
}

void
dc_stmt_bind_int64 (DcStmt *stmt, int index, gint64 value)
{
  stmt->engine->bind_int64 (stmt, index, value);
}

void
dc_stmt_bind_null (DcStmt *stmt, int index)
{
  stmt->engine->bind_null (stmt, index);
}

int
dc_stmt_param (DcStmt *stmt, const char *name)
{
  return stmt->engine->param (stmt, name);
}

const char *
dc_stmt_text (DcStmt *stmt, int column)
{
  return stmt->engine->text (stmt, column);
}

char *
dc_stmt_dup (DcStmt *stmt, int column)
{
  return g_strdup (stmt->engine->text (stmt, column));
}

int
dc_stmt_int (DcStmt *stmt, int column)
{
  return (int) stmt->engine->int64 (stmt, column);
}

gint64
dc_stmt_int64 (DcStmt *stmt, int column)
{
  return stmt->engine->int64 (stmt, column);
}

gboolean
dc_stmt_is_null (DcStmt *stmt, int column)
{
  return stmt->engine->is_null (stmt, column);
}

DcStmtType
dc_stmt_type (DcStmt *stmt, int column)
{
  return stmt->engine->type (stmt, column);
}

int
dc_stmt_columns (DcStmt *stmt)
{
  return stmt->engine->columns (stmt);
}

const char *
dc_stmt_name (DcStmt *stmt, int column)
{
  return stmt->engine->column_name (stmt, column);
}

void
dc_stmt_append_json (DcStmt *stmt, int column, GString *out)
{
  switch (dc_stmt_type (stmt, column)) {
  case DC_STMT_NULL:
    g_string_append (out, "null");
    break;
  case DC_STMT_INTEGER:
  case DC_STMT_FLOAT:
    g_string_append (out, dc_stmt_text (stmt, column));
    break;
  case DC_STMT_TEXT:
    dc_json_append_string (out, dc_stmt_text (stmt, column));
    break;
  }
}

void
dc_stmt_reset (DcStmt *stmt)
{
  stmt->engine->reset (stmt);
}

void
dc_stmt_finalize (DcStmt *stmt)
{
  if (stmt)
    stmt->engine->finalize (stmt);
}
