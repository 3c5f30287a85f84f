#include "store/dc-copy.h"
#include "base/dc-i18n.h"
#include "base/dc-progress.h"
#include "base/dc-atomic.h"
#include "base/dc-error.h"
#include "store/dc-engine.h"
#include "store/dc-history.h"

#include <glib/gstdio.h>

/* The register's tables in an order their references allow (the order of
 * schema/postgresql/0008_register.sql); a section's parent and head post are
 * written once every section and post is there (deferred). */
static const char *const tables[] = {
  "scheme", "asset_type", "property", "level", "level_definition", "section", "post", "person",
  "assignment", "system", "asset", "asset_dependency", "history", "setting", "id_entry",
  "reconcile_run", "reconcile_finding", "reconcile_decision", "risk_method", "threat_catalogue",
  "risk_override", "risk", "risk_run", "risk_run_item", "review_campaign", "review_return",
  "review_item", "duty_done", "backup", "restore", NULL
};

/* Tables of one engine's own, not the register's: its marks, a server's users. */
static const char *const not_copied[] = {
  "daicho_register", "daicho_role", "daicho_user", "daicho_user_section", NULL
};

static const struct { const char *table, *column; } deferred[] = {
  { "section", "parent_id" }, { "section", "head_post_id" },
};

void
dc_copy_report_clear (DcCopyReport *report)
{
  g_clear_pointer (&report->head_hash, g_free);
}

static gboolean
is_deferred (const char *table, const char *column)
{
  for (gsize i = 0; i < G_N_ELEMENTS (deferred); i++)
    if (g_str_equal (deferred[i].table, table) && g_str_equal (deferred[i].column, column))
      return TRUE;
  return FALSE;
}

/* Every table of SOURCE is one the copy knows: a schema newer than this list
 * would otherwise lose a table without a word. */
static gboolean
check_tables (DcStore *source, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (source, source->engine->tables_sql, error);
  if (!stmt)
    return FALSE;
  DcStmtStep step;
  while ((step = dc_store_step (source, stmt, error)) == DC_STMT_ROW) {
    const char *name = dc_stmt_text (stmt, 0);
    if (!g_strv_contains (tables, name) && !g_strv_contains (not_copied, name)) {
      g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
                   _ ("%s has a table this daicho does not know how to copy (%s); nothing was copied"),
                   source->path, name);
      return FALSE;
    }
  }
  return step == DC_STMT_DONE;
}

/* Binds column C of ROW as parameter INDEX of INSERT, keeping its type. */
static void
bind_value (DcStmt *insert, int index, DcStmt *row, int c)
{
  switch (dc_stmt_type (row, c)) {
  case DC_STMT_NULL:
    dc_stmt_bind_null (insert, index);
    break;
  case DC_STMT_INTEGER:
    dc_stmt_bind_int64 (insert, index, dc_stmt_int64 (row, c));
    break;
  default:
    dc_stmt_bind_text (insert, index, dc_stmt_text (row, c));
  }
}

/* The SQL that writes a row of TABLE with the columns of READ: an INSERT
 * (parameter N is column N; deferred columns get NULL), and the UPDATE that
 * sets the deferred columns later (their values in order, then the id). */
static void
write_sql (const char *table, DcStmt *read, char **insert, char **update)
{
  g_autoptr (GString) names = g_string_new (NULL), values = g_string_new (NULL), sets = g_string_new (NULL);
  int n = dc_stmt_columns (read), deferred_count = 0;
  for (int c = 0; c < n; c++) {
    const char *name = dc_stmt_name (read, c);
    g_string_append_printf (names, "%s%s", c ? ", " : "", name);
    g_string_append_printf (values, "%s?%d", c ? ", " : "", c + 1);
    if (is_deferred (table, name)) {
      deferred_count++;
      g_string_append_printf (sets, "%s%s = ?%d", deferred_count > 1 ? ", " : "", name, deferred_count);
    }
  }
  *insert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table, names->str, values->str);
  *update = deferred_count ? g_strdup_printf ("UPDATE %s SET %s WHERE id = ?%d", table, sets->str,
                                              deferred_count + 1) : NULL;
}

/* Writes the rows of TABLE (LATE: the deferred columns of those written). */
static gboolean
copy_rows (DcStore *source, DcStore *target, const char *table, gboolean late, gint64 *rows, GError **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", table);
  g_autoptr (DcStmt) read = dc_store_prepare (source, select, error);
  if (!read)
    return FALSE;
  g_autofree char *insert_sql = NULL, *update_sql = NULL;
  write_sql (table, read, &insert_sql, &update_sql);
  if (late && !update_sql)
    return TRUE;
  g_autoptr (DcStmt) write = dc_store_prepare (target, late ? update_sql : insert_sql, error);
  if (!write)
    return FALSE;
  int n = dc_stmt_columns (read), id = -1;
  for (int c = 0; c < n; c++)
    if (g_str_equal (dc_stmt_name (read, c), "id"))
      id = c;
  DcStmtStep step;
  while ((step = dc_store_step (source, read, error)) == DC_STMT_ROW) {
    dc_stmt_reset (write);
    int next = 1;
    for (int c = 0; c < n; c++) {
      gboolean later = is_deferred (table, dc_stmt_name (read, c));
      if (!late && later)
        dc_stmt_bind_null (write, c + 1);
      else if (!late)
        bind_value (write, c + 1, read, c);
      else if (later)
        bind_value (write, next++, read, c);
    }
    if (late)
      bind_value (write, next, read, id);
    if (!dc_store_run (target, write, error))
      return FALSE;
    *rows += late ? 0 : 1;
    dc_progress_update (_ ("rows copied"), *rows, 0);
  }
  if (step != DC_STMT_DONE)
    return FALSE;
  return late || id < 0 || !target->engine->sync_ids || target->engine->sync_ids (target, table, error);
}

/* A destination that is a register already must hold nothing. */
static gboolean
check_empty (DcStore *target, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (target,
    "SELECT (SELECT count(*) FROM history) + (SELECT count(*) FROM scheme)", error);
  if (!stmt || dc_store_step (target, stmt, error) != DC_STMT_ROW)
    return FALSE;
  if (dc_stmt_int64 (stmt, 0) == 0)
    return TRUE;
  g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
               _ ("%s holds a register already; copy writes only into an empty database or a new file"),
               target->path);
  return FALSE;
}

static gboolean
copy_all (DcStore *source, DcStore *target, DcCopyReport *report, GError **error)
{
  if (!check_empty (target, error) || !dc_store_begin (target, error))
    return FALSE;
  gboolean ok = TRUE;
  for (int pass = 0; ok && pass < 2; pass++)
    for (const char *const *table = tables; ok && *table; table++)
      ok = copy_rows (source, target, *table, pass == 1, &report->rows, error);
  dc_progress_done ();
  if (ok && dc_store_commit (target, error))
    return TRUE;
  dc_store_rollback (target);
  return FALSE;
}

/* The copy verifies, and ends where the source does. */
static gboolean
verify_copy (DcStore *source, DcStore *target, DcCopyReport *report, GError **error)
{
  g_auto (DcVerifyReport) verified = { 0 };
  if (!dc_history_verify (target, &verified, error)) {
    g_prefix_error (error, _ ("the copy %s does not verify: "), target->path);
    return FALSE;
  }
  g_autofree char *head = dc_history_head (source, NULL, error);
  if (!head)
    return FALSE;
  if (g_strcmp0 (head, verified.head_hash) != 0) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_TAMPERED,
                 _ ("the copy %s ends at another history entry than %s (changed while copied?)"),
                 target->path, source->path);
    return FALSE;
  }
  report->entries = verified.entries;
  report->entities = verified.entities;
  report->head_hash = g_strdup (verified.head_hash);
  return TRUE;
}

gboolean
dc_copy_into (DcStore *source, const char *path, DcCopyReport *report, GError **error)
{
  *report = (DcCopyReport) { 0 };
  if (!check_tables (source, error))
    return FALSE;
  /* The source is read in one transaction, so the copy is of one moment. */
  if (!dc_store_exec (source, source->engine->read_begin_sql, error))
    return FALSE;
  DcStore *target = dc_store_open (path, DC_STORE_OPEN_CREATE, error);
  gboolean ok = target && copy_all (source, target, report, error) && verify_copy (source, target, report, error);
  dc_store_free (target);   /* a file's WAL is folded in */
  dc_store_rollback (source);
  if (!ok)
    dc_copy_report_clear (report);
  return ok;
}

gboolean
dc_copy (DcStore *source, const char *destination, DcCopyReport *report, GError **error)
{
  *report = (DcCopyReport) { 0 };
  if (dc_postgresql_is_address (destination))
    return dc_copy_into (source, destination, report, error);
  if (g_file_test (destination, G_FILE_TEST_EXISTS)) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
                 _ ("%s exists; copy writes a new register: give the name of a file that does not exist"),
                 destination);
    return FALSE;
  }
  g_autoptr (DcAtomic) file = dc_atomic_begin (destination, FALSE, error);
  if (!file || !dc_copy_into (source, file->temp_path, report, error))
    return FALSE;
  if (dc_atomic_commit (g_steal_pointer (&file), error))
    return TRUE;
  dc_copy_report_clear (report);
  return FALSE;
}
