#include "store/dc-consistency.h"
#include "base/dc-i18n.h"
#include "base/dc-matchkey.h"
#include "store/dc-schema-check.h"

/* Backups and restores recorded in this register (not carried over) whose
 * history entry is not in this history as recorded. */
static const char ledger_sql[] =
  "SELECT 'backup', b.number, b.history_seq, b.history_hash, h.hash FROM backup b"
  " JOIN history c ON c.seq = (SELECT min(seq) FROM history WHERE entity = 'backup'"
  "  AND entity_key = CAST(b.number AS TEXT))"
  " LEFT JOIN history h ON h.seq = b.history_seq"
  " WHERE c.action <> 'carry' AND (h.hash IS DISTINCT FROM b.history_hash OR b.history_seq >= c.seq)"
  " UNION ALL "
  "SELECT 'restore', r.number, r.history_seq, r.history_hash, h.hash FROM restore r"
  " JOIN history c ON c.seq = (SELECT min(seq) FROM history WHERE entity = 'restore'"
  "  AND entity_key = CAST(r.number AS TEXT))"
  " LEFT JOIN history h ON h.seq = r.history_seq"
  " WHERE h.hash IS DISTINCT FROM r.history_hash OR r.history_seq >= c.seq"
  " ORDER BY 1, 2";

static void
add (GString *text, char *line)
{
  if (text->len)
    g_string_append (text, "; ");
  g_string_append (text, line);
  g_free (line);
}

static gboolean
check_ledger (DcStore *store, GString *text, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, ledger_sql, error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    gboolean backup = g_str_equal (dc_stmt_text (stmt, 0), "backup");
    long long number = dc_stmt_int64 (stmt, 1), seq = dc_stmt_int64 (stmt, 2);
    if (dc_stmt_is_null (stmt, 4))
      add (text, g_strdup_printf (backup
                                    ? _ ("backup %lld of the ledger holds history up to entry %lld, which this "
                                         "history does not have: the history was cut")
                                    : _ ("restore %lld brought in history up to entry %lld, which this history "
                                         "does not have: the history was cut"), number, seq));
    else
      add (text, g_strdup_printf (backup
                                    ? _ ("backup %lld of the ledger recorded history entry %lld with another hash "
                                         "than this history has: the history was rewritten after the backup "
                                         "(compare with the backup file)")
                                    : _ ("restore %lld recorded history entry %lld with another hash than this "
                                         "history has: the history was rewritten after the restore"),
                                  number, seq));
  }
  return rc == DC_STMT_DONE;
}

static gboolean
check_login_keys (DcStore *store, GString *text, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT entry_key, login_id, login_key FROM id_entry ORDER BY entry_key", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    g_autofree char *key = dc_match_key (dc_stmt_text (stmt, 1), DC_MATCH_DEFAULT);
    if (g_strcmp0 (key, dc_stmt_text (stmt, 2)) != 0)
      add (text, g_strdup_printf (_ ("id_entry %s: its matching key (login_key) is not that of its login ID: "
                                     "it was changed outside daicho"),
                                  dc_stmt_text (stmt, 0)));
  }
  return rc == DC_STMT_DONE;
}

static gboolean
check_references (DcStore *store, GString *text, GError **error)
{
  /* PostgreSQL enforces foreign keys on every write, whoever makes it (only
   * a superuser can switch them off); SQLite only where a connection asks. */
  if (dc_store_on_server (store))
    return TRUE;
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "PRAGMA main.foreign_key_check", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    add (text, g_strdup_printf (_ ("a row of %s (rowid %lld) refers to a row of %s that does not exist: rows "
                                   "were deleted or added outside daicho"),
                                dc_stmt_text (stmt, 0),
                                (long long) dc_stmt_int64 (stmt, 1),
                                dc_stmt_text (stmt, 2)));
  return rc == DC_STMT_DONE;
}

gboolean
dc_consistency_check (DcStore *store, char **problem, GError **error)
{
  GError *local = NULL;
  g_autofree char *schema = dc_schema_check (store, &local);
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  g_autoptr (GString) text = g_string_new (NULL);
  if (schema)
    add (text, g_strdup_printf (_ ("the register's schema was changed outside daicho: %s"), schema));
  if (!check_ledger (store, text, error) || !check_login_keys (store, text, error)
      || !check_references (store, text, error))
    return FALSE;
  *problem = text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
  return TRUE;
}
