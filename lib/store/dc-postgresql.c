/* The PostgreSQL engine: one register on a server, used by many people at
 * once. The connection is libpq's (a URI or "service=NAME"; passwords from
 * ~/.pgpass, the service file or PGPASSWORD, never from the command line).
 * Statements are prepared on the server with the SQL's ?N and :name turned
 * into $N; values go as text and come back as text. Opening a register (the
 * connection, its marks, its migrations) is dc-postgresql-open.c. */
#include "store/dc-postgresql-private.h"
#include "store/dc-postgresql-guard.h"
#include "base/dc-i18n.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

/* The type the server gives text (pg_type.oid of "text"). */
#define TEXT_OID 25


typedef struct {
  DcStmt base;
  char *name;          /* the server's name of the prepared statement */
  int n_params;
  char **values;       /* bound values by index - 1; NULL for SQL NULL */
  GPtrArray *param_names;   /* ":name" of each named parameter, by index - 1 (NULL if numbered) */
  PGresult *result;    /* of the last run, while its rows are read */
  PGresult *described; /* the columns it returns, asked before it ran */
  int row;             /* the current row; -1 before the first step */
  gboolean ran;        /* run since the last reset */
} PgStmt;

#define PGS(s) ((PgStmt *) (s))

/* ------------------------------------------------------------------ */
/* Errors                                                               */

void
dc_postgresql_remember_failure (DcStore *store, const PGresult *result)
{
  PgStore *pg = PG (store);
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_strlcpy (pg->state, state ? state : "08000", sizeof pg->state);
  const char *message = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_free (pg->message);
  g_free (pg->section);
  pg->message = g_strdup (message ? message : PQerrorMessage (pg->conn));
  g_strchomp (pg->message);
  const char *hint = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_HINT) : NULL;
  g_clear_pointer (&pg->section, g_free);
  if (hint && g_str_has_prefix (hint, "daicho-section="))
    pg->section = g_strdup (hint + strlen ("daicho-section="));
}

static void
pg_failure (DcStore *store, DcEngineFailure *failure)
{
  PgStore *pg = PG (store);
  const char *state = pg->state;
  /* 23505 unique_violation is a conflict; any other integrity constraint bad
   * input, as is what the login may not do (42501, the server's grants). */
  failure->kind = g_str_equal (state, "23505") ? DC_ERROR_CONFLICT
                : g_str_has_prefix (state, "23") || g_str_equal (state, "42501") ? DC_ERROR_INVALID
                : g_str_equal (state, "40001") || g_str_equal (state, "40P01") ? DC_ERROR_CONFLICT
                : DC_ERROR_DATABASE;
  failure->cause = g_str_equal (state, "53100") ? _ ("the server's disk is full")
                 : g_str_has_prefix (state, "53") ? _ ("the server ran out of resources")
                 : g_str_has_prefix (state, "08") || PQstatus (pg->conn) != CONNECTION_OK
                   ? _ ("the connection to the server was lost")
                 : g_str_equal (state, "42501") && pg->section
                   ? _ ("the server refused: this login may change only the records of the sections "
                     "a daicho admin granted it (daicho user add LOGIN --role editor --section CODE)")
                 : g_str_equal (state, "42501")
                   ? _ ("the server refused: this login's daicho role does not allow it (daicho user list "
                     "shows who may do what)")
                 : NULL;
  failure->message = pg->message ? pg->message : "";
}

/* ------------------------------------------------------------------ */
/* SQL text: ?N and :name become $N                                     */

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* The SQL with its parameters written as PostgreSQL wants them; *N_PARAMS
 * gets the highest index, *NAMES the name of each named one. String
 * literals, quoted names and comments are copied untouched, and so is a
 * "::" cast. */
static void
mark_used (GArray *used, int index)
{
  if ((int) used->len < index)
    g_array_set_size (used, (guint) index);
  g_array_index (used, gboolean, index - 1) = TRUE;
}

static char *
translate_parameters (const char *sql, int *n_params, GPtrArray *names, GArray *used)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int highest = 0;
  for (const char *p = sql; *p;) {
    if (*p == '\'' || *p == '"') {
      char quote = *p;
      const char *end = p + 1;
      while (*end && !(*end == quote && end[1] != quote))
        end += *end == quote ? 2 : 1;
      if (*end)
        end++;
      g_string_append_len (out, p, end - p);
      p = end;
    } else if (p[0] == '-' && p[1] == '-') {
      const char *end = strchr (p, '\n');
      end = end ? end : p + strlen (p);
      g_string_append_len (out, p, end - p);
      p = end;
    } else if (*p == '?') {
      p++;
      int index;
      if (g_ascii_isdigit (*p)) {
        index = (int) strtol (p, (char **) &p, 10);
      } else {
        index = highest + 1;
      }
      highest = MAX (highest, index);
      mark_used (used, index);
      g_string_append_printf (out, "$%d", index);
    } else if (p[0] == ':' && p[1] == ':') {
      g_string_append (out, "::");
      p += 2;
    } else if (*p == ':' && (g_ascii_isalpha (p[1]) || p[1] == '_')) {
      const char *end = p + 1;
      while (is_name_char (*end))
        end++;
      g_autofree char *name = g_strndup (p, end - p);
      int index = 0;
      for (guint i = 0; i < names->len; i++)
        if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
          index = (int) i + 1;
      if (!index) {
        while ((int) names->len < highest)
          g_ptr_array_add (names, NULL);
        g_ptr_array_add (names, g_strdup (name));
        index = (int) names->len;
      }
      highest = MAX (highest, index);
      mark_used (used, index);
      g_string_append_printf (out, "$%d", index);
      p = end;
    } else {
      g_string_append_c (out, *p++);
    }
  }
  *n_params = highest;
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Statements                                                           */

static DcStmt *
pg_prepare (DcStore *store, const char *sql, const char **message)
{
  PgStore *pg = PG (store);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int n_params = 0;
  g_autoptr (GArray) used = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autofree char *text = translate_parameters (sql, &n_params, names, used);
  /* A number the text skips (?1 and ?3 without ?2) is a parameter the server
   * cannot type: it is given text, and whatever is bound to it goes unused. */
  g_autofree Oid *types = g_new0 (Oid, MAX (n_params, 1));
  for (int i = 0; i < n_params; i++)
    types[i] = i < (int) used->len && g_array_index (used, gboolean, i) ? 0 : TEXT_OID;
  g_autofree char *name = g_strdup_printf ("dc_%u", ++pg->prepared);
  PGresult *result = PQprepare (pg->conn, name, text, n_params, types);
  if (PQresultStatus (result) != PGRES_COMMAND_OK) {
    dc_postgresql_remember_failure (store, result);
    PQclear (result);
    *message = pg->message;
    return NULL;
  }
  PQclear (result);
  PgStmt *stmt = g_new0 (PgStmt, 1);
  stmt->base.engine = &dc_postgresql_engine;
  stmt->base.store = store;
  stmt->name = g_steal_pointer (&name);
  stmt->n_params = n_params;
  stmt->values = g_new0 (char *, MAX (n_params, 1));
  stmt->param_names = g_steal_pointer (&names);
  stmt->row = -1;
  return &stmt->base;
}

static void
pg_reset (DcStmt *stmt)
{
  PgStmt *s = PGS (stmt);
  g_clear_pointer (&s->result, PQclear);
  s->row = -1;
  s->ran = FALSE;
}

static void
pg_clear (DcStmt *stmt)
{
  PgStmt *s = PGS (stmt);
  pg_reset (stmt);
  for (int i = 0; i < s->n_params; i++)
    g_clear_pointer (&s->values[i], g_free);
}

static void
pg_finalize (DcStmt *stmt)
{
  PgStmt *s = PGS (stmt);
  pg_clear (stmt);
  PgStore *pg = PG (stmt->store);
  /* The server keeps a prepared statement until the session ends: a few
   * are let go at once, in one round trip, not one each; those still
   * waiting go with the session. */
  if (pg && pg->conn) {
    if (!pg->unused)
      pg->unused = g_string_new (NULL);
    g_string_append_printf (pg->unused, "DEALLOCATE %s;", s->name);
    if (++pg->n_unused >= 32 && PQstatus (pg->conn) == CONNECTION_OK) {
      PQclear (PQexec (pg->conn, pg->unused->str));
      g_string_truncate (pg->unused, 0);
      pg->n_unused = 0;
    }
  }
  g_free (s->values);
  g_ptr_array_unref (s->param_names);
  PQclear (s->described);
  g_free (s->name);
  g_free (s);
}

static gboolean
pg_busy (DcStmt *stmt)
{
  PgStmt *s = PGS (stmt);
  return s->ran && s->result && s->row < PQntuples (s->result);
}

static void
set_value (DcStmt *stmt, int index, char *value)
{
  PgStmt *s = PGS (stmt);
  if (index < 1 || index > s->n_params) {
    g_free (value);
    return;
  }
  g_free (s->values[index - 1]);
  s->values[index - 1] = value;
}

static void pg_bind_text (DcStmt *stmt, int index, const char *text) { set_value (stmt, index, g_strdup (text)); }
static void pg_bind_null (DcStmt *stmt, int index) { set_value (stmt, index, NULL); }

static void
pg_bind_int64 (DcStmt *stmt, int index, gint64 value)
{
  set_value (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static int
pg_param (DcStmt *stmt, const char *name)
{
  GPtrArray *names = PGS (stmt)->param_names;
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
      return (int) i + 1;
  return 0;
}

static DcStmtStep
pg_step (DcStmt *stmt)
{
  PgStmt *s = PGS (stmt);
  PgStore *pg = PG (stmt->store);
  if (!s->ran) {
    s->ran = TRUE;
    s->result = PQexecPrepared (pg->conn, s->name, s->n_params, (const char *const *) s->values,
                                NULL, NULL, 0);
    ExecStatusType status = PQresultStatus (s->result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      dc_postgresql_remember_failure (stmt->store, s->result);
      g_clear_pointer (&s->result, PQclear);
      return DC_STMT_ERROR;
    }
    const char *tuples = PQcmdTuples (s->result);
    pg->changes = tuples && *tuples ? g_ascii_strtoll (tuples, NULL, 10) : 0;
  }
  if (!s->result)
    return DC_STMT_DONE;
  s->row++;
  return s->row < PQntuples (s->result) ? DC_STMT_ROW : DC_STMT_DONE;
}

static gboolean
has_row (PgStmt *s, int column)
{
  return s->result && s->row >= 0 && s->row < PQntuples (s->result) && column < PQnfields (s->result);
}

static const char *
pg_text (DcStmt *stmt, int column)
{
  PgStmt *s = PGS (stmt);
  if (!has_row (s, column) || PQgetisnull (s->result, s->row, column))
    return NULL;
  return PQgetvalue (s->result, s->row, column);
}

/* The server's type numbers (pg_type.oid) of the types daicho's schema and
 * queries give. */
enum { OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_FLOAT4 = 700,
       OID_FLOAT8 = 701, OID_NUMERIC = 1700 };

static gint64
pg_integer (DcStmt *stmt, int column)
{
  PgStmt *s = PGS (stmt);
  const char *text = pg_text (stmt, column);
  if (!text)
    return 0;
  if (PQftype (s->result, column) == OID_BOOL)   /* a comparison's value: 1 or 0 as in SQLite */
    return text[0] == 't';
  return g_ascii_strtoll (text, NULL, 10);
}

static gboolean
pg_is_null (DcStmt *stmt, int column)
{
  return pg_text (stmt, column) == NULL;
}

static DcStmtType
pg_type (DcStmt *stmt, int column)
{
  PgStmt *s = PGS (stmt);
  if (pg_is_null (stmt, column))
    return DC_STMT_NULL;
  switch (PQftype (s->result, column)) {
  case OID_INT2:
  case OID_INT4:
  case OID_INT8:
  case OID_BOOL:
    return DC_STMT_INTEGER;
  case OID_FLOAT4:
  case OID_FLOAT8:
  case OID_NUMERIC:
    return DC_STMT_FLOAT;
  default:
    return DC_STMT_TEXT;
  }
}

/* The result that names the columns: of the last run, else the server's
 * description of the statement (asked once). */
static const PGresult *
columns_of (PgStmt *s)
{
  if (s->result)
    return s->result;
  if (!s->described) {
    s->described = PQdescribePrepared (PG (s->base.store)->conn, s->name);
    if (PQresultStatus (s->described) != PGRES_COMMAND_OK)
      dc_postgresql_remember_failure (s->base.store, s->described);
  }
  return s->described;
}

static int
pg_columns (DcStmt *stmt)
{
  return PQnfields (columns_of (PGS (stmt)));
}

static const char *
pg_column_name (DcStmt *stmt, int column)
{
  return PQfname (columns_of (PGS (stmt)), column);
}

static gboolean
pg_exec (DcStore *store, const char *sql, char **message)
{
  PgStore *pg = PG (store);
  PGresult *result = PQexec (pg->conn, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  if (!ok) {
    dc_postgresql_remember_failure (store, result);
    *message = g_strdup (pg->message);
  }
  PQclear (result);
  return ok;
}

static gint64 pg_changes (DcStore *store) { return PG (store)->changes; }

/* A failed statement inside a transaction leaves PostgreSQL's transaction
 * aborted until a ROLLBACK (TO SAVEPOINT): like a transaction SQLite ended,
 * nothing after it may run as if it had not happened. */
static gboolean
pg_outside_transaction (DcStore *store)
{
  return PQtransactionStatus (PG (store)->conn) == PQTRANS_IDLE;
}

static void
pg_close (DcStore *store)
{
  PgStore *pg = PG (store);
  if (!pg)
    return;
  g_clear_pointer (&pg->conn, PQfinish);
  if (pg->unused)
    g_string_free (pg->unused, TRUE);
  g_free (pg->message);
  g_free (pg->section);
  g_free (pg);
  store->engine_data = NULL;
}

/* The server appends: daicho_history_append (schema/access/postgresql.sql)
 * numbers, stamps, chains and records the login; no role may insert rows
 * itself. */
static gboolean
pg_append_history (DcStore *store, const char *const fields[5], GError **error)
{
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store, "SELECT daicho_history_append(CAST(?1 AS TEXT), CAST(?2 AS TEXT), CAST(?3 AS TEXT),"
      " CAST(?4 AS TEXT), CAST(?5 AS TEXT))", error);
  if (!stmt)
    return FALSE;
  for (int i = 0; i < 5; i++)
    dc_stmt_bind_text (stmt, i + 1, fields[i]);
  return dc_store_step (store, stmt, error) == DC_STMT_ROW;
}

/* Identity columns go on after the largest id a copy wrote. */
static gboolean
pg_sync_ids (DcStore *store, const char *table, GError **error)
{
  char *quoted = PQescapeIdentifier (PG (store)->conn, table, strlen (table));
  g_autofree char *sql = g_strdup_printf (
    "SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce(max(id), 0) + 1, false) FROM %s",
    quoted, quoted);
  PQfreemem (quoted);
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
  return stmt && dc_store_step (store, stmt, error) == DC_STMT_ROW;
}

/* Whether libpq speaks TLS to the server, and how strictly it checked who
 * the server is (its sslmode). */
static DcStoreConnection *
pg_connection (DcStore *store)
{
  PGconn *conn = PG (store)->conn;
  DcStoreConnection *connection = g_new0 (DcStoreConnection, 1);
  connection->encrypted = PQsslInUse (conn);
  if (connection->encrypted) {
    connection->protocol = g_strdup (PQsslAttribute (conn, "protocol"));
    connection->cipher = g_strdup (PQsslAttribute (conn, "cipher"));
  }
  PQconninfoOption *options = PQconninfo (conn);
  for (PQconninfoOption *o = options; o && o->keyword; o++)
    if (g_str_equal (o->keyword, "sslmode"))
      connection->sslmode = g_strdup (o->val ? o->val : o->compiled);
  PQconninfoFree (options);
  return connection;
}

const DcEngine dc_postgresql_engine = {
  .name = "postgresql",
  .prepare = pg_prepare,
  .finalize = pg_finalize,
  .reset = pg_reset,
  .clear = pg_clear,
  .busy = pg_busy,
  .bind_text = pg_bind_text,
  .bind_int64 = pg_bind_int64,
  .bind_null = pg_bind_null,
  .param = pg_param,
  .step = pg_step,
  .text = pg_text,
  .int64 = pg_integer,
  .is_null = pg_is_null,
  .type = pg_type,
  .columns = pg_columns,
  .column_name = pg_column_name,
  .exec = pg_exec,
  .changes = pg_changes,
  .failure = pg_failure,
  .append_history = pg_append_history,
  .set_login_role = dc_postgresql_guard_set_login_role,
  .connection = pg_connection,
  .schema_objects = dc_postgresql_guard_objects,
  .sync_ids = pg_sync_ids,
  .tables_sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
  .outside_transaction = pg_outside_transaction,
  /* Writers take one lock, in the transaction, so history appends never
   * interleave and the chain never forks (the lock ends with it). */
  .begin_sql = "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(1145129283)",
  .read_begin_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
  .temp_schema = "pg_temp",
  .close = pg_close,
};
