#include "store/dc-restore.h"
#include "store/dc-engine.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "base/dc-file.h"
#include "store/dc-history.h"
#include "base/dc-temp.h"
#include "base/dc-atomic.h"
#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

void
dc_restore_result_clear (DcRestoreResult *result)
{
  g_clear_pointer (&result->backup_of_replaced, g_free);
  g_clear_pointer (&result->replaced_history_hash, g_free);
}

typedef struct {
  const DcRegisterFile *info;
  const char *target;
  const DcRestoreResult *result;
} PutRestore;

static gboolean
apply_restore (DcStore *store, gpointer data, GError **error)
{
  const PutRestore *r = data;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "INSERT INTO restore (number, restored_at, actor, file, sha256, backup_number,"
      " schema_version, history_seq, history_hash, replaced_file, replaced_history_seq,"
      " replaced_history_hash)"
      " SELECT coalesce(max(number), 0) + 1, ?1, ?2, ?3, ?4,"
      "  (SELECT max(number) FROM backup WHERE sha256 = ?4), ?5, ?6, ?7, ?8, ?9, ?10 FROM restore",
      error);
  if (!stmt)
    return FALSE;
  g_autofree char *now = dc_date_now_utc ();
  dc_stmt_bind_text (stmt, 1, now);
  dc_stmt_bind_text (stmt, 2, dc_store_actor (store));
  dc_stmt_bind_text (stmt, 3, r->info->file);
  dc_stmt_bind_text (stmt, 4, r->info->sha256);
  dc_stmt_bind_int (stmt, 5, r->info->schema_version);
  dc_stmt_bind_int64 (stmt, 6, r->info->history_seq);
  dc_stmt_bind_text (stmt, 7, r->info->history_hash);
  if (r->result->backup_of_replaced) {
    dc_stmt_bind_text (stmt, 8, r->target);
    dc_stmt_bind_int64 (stmt, 9, r->result->replaced_history_seq);
    dc_stmt_bind_text (stmt, 10, r->result->replaced_history_hash);
  }
  return dc_store_run (store, stmt, error);
}

/* Records the restore in the copy that is about to become the register, with
 * the ledger lines the replaced register had and the copy lacks. */
static gboolean
record_restore (DcStore *copy, const char *target, GPtrArray *old_ledger,
                const DcRegisterFile *info, DcRestoreResult *result, GError **error)
{
  for (guint i = 0; old_ledger && i < old_ledger->len; i++) {
    const DcBackup *b = g_ptr_array_index (old_ledger, i);
    GError *local = NULL;
    g_autoptr (DcBackup) here = dc_backup_find (copy, b->number, &local);
    if (local) {
      g_propagate_error (error, local);
      return FALSE;
    }
    if (here && g_str_equal (here->sha256, b->sha256) && g_str_equal (here->status, b->status))
      continue;
    if (!dc_backup_put (copy, b, NC_ ("action", "carry"), error))
      return FALSE;
    result->ledger_carried++;
  }
  if (!dc_store_begin (copy, error))
    return FALSE;
  g_autoptr (DcStmt) stmt = dc_store_prepare (copy, "SELECT coalesce(max(number), 0) + 1 FROM restore",
                                                    error);
  gboolean ok = stmt && dc_store_step (copy, stmt, error) == DC_STMT_ROW;
  if (ok) {
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) dc_stmt_int64 (stmt, 0));
    PutRestore put = { info, target, result };
    ok = dc_change (copy, NC_ ("action", "restore"), "restore", key, apply_restore, &put, error) &&
         dc_store_commit (copy, error);
  }
  if (!ok)
    dc_store_rollback (copy);
  return ok;
}

/* Reads what the register TARGET holds before it is replaced (its history head
 * and ledger) and leaves it one complete file (WAL checkpointed). FALSE when
 * it cannot be opened as a register. */
static gboolean
read_replaced (const char *target, DcRestoreResult *result, GPtrArray **ledger, GError **error)
{
  g_autoptr (DcStore) old = dc_store_open (target, DC_STORE_OPEN_EXISTING, error);
  if (!old)
    return FALSE;
  result->replaced_history_hash = dc_history_head (old, &result->replaced_history_seq, error);
  if (!result->replaced_history_hash)
    return FALSE;
  *ledger = dc_backup_list (old, error);
  return *ledger && dc_store_exec (old, "PRAGMA wal_checkpoint(TRUNCATE)", error);
}

/* TARGET (with its -wal, if SQLite left one) becomes BAK; the hard link keeps
 * TARGET in place until the rename over it. */
static gboolean
keep_replaced (const char *target, const char *bak, GError **error)
{
  if (link (target, bak) != 0) {
    g_autoptr (GFile) from = g_file_new_for_path (target);
    g_autoptr (GFile) to = g_file_new_for_path (bak);
    if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
      return FALSE;
  }
  g_chmod (bak, 0600);
  static const char *const suffixes[] = { "-wal", "-shm" };
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++) {
    g_autofree char *from = g_strconcat (target, suffixes[i], NULL);
    g_autofree char *to = g_strconcat (bak, suffixes[i], NULL);
    if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0) {
      g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_IO, _ ("%s: cannot be moved aside: %s"), from,
                   g_strerror (errno));
      return FALSE;
    }
  }
  return TRUE;
}

gboolean
dc_restore (const char *file, const char *register_path, const char *actor, gboolean force,
            DcRegisterFile *info, DcRestoreResult *result, GError **error)
{
  memset (result, 0, sizeof *result);
  if (dc_postgresql_is_address (register_path)) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_INVALID,
                 _ ("%s is on a PostgreSQL server: `daicho restore` cannot write to it yet; put the "
                 "backup into a new, empty database with `daicho --db BACKUP copy postgresql://HOST/NEW` "
                 "and use that one"), register_path);
    return FALSE;
  }
  /* A link (DAICHO_DB pointing at the real register) stays a link: the file
   * it names is replaced, and REGISTER.bak is kept beside that file. */
  g_autofree char *target = dc_file_resolve_links (register_path);
  g_autofree char *bak = g_strconcat (target, ".bak", NULL);
  gboolean exists = g_file_test (target, G_FILE_TEST_EXISTS);
  if (exists && !force && g_file_test (bak, G_FILE_TEST_EXISTS)) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_CONFLICT,
                 _ ("%s already exists (kept by an earlier restore); move it away, or give --force "
                 "to replace it with the register being replaced now"), bak);
    return FALSE;
  }
  g_autoptr (GPtrArray) old_ledger = NULL;
  if (exists) {
    GError *local = NULL;
    if (!read_replaced (target, result, &old_ledger, &local)) {
      if (!force) {
        g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_CONFLICT,
                     _ ("the register to be replaced cannot be read (%s); give --force to replace "
                     "it anyway (it is kept as %s)"), local->message, bak);
        g_error_free (local);
        return FALSE;
      }
      g_error_free (local);
      g_clear_pointer (&result->replaced_history_hash, g_free);
    }
    result->backup_of_replaced = g_strdup (bak);
  }
  g_autoptr (DcStore) copy = dc_backup_open_checked_copy (file, target, info, error);
  if (!copy)
    return FALSE;
  g_autofree char *temp = g_strdup (dc_store_path (copy));
  if (actor)
    dc_store_set_actor (copy, actor);
  gboolean ok = record_restore (copy, target, old_ledger, info, result, error) &&
                dc_store_exec (copy, "PRAGMA journal_mode = DELETE", error);
  g_clear_pointer (&copy, dc_store_free);
  if (ok && exists) {
    dc_backup_remove_files (bak);  /* an older .bak with its -wal would otherwise pair with the new one */
    ok = keep_replaced (target, bak, error);
  }
  ok = ok && dc_atomic_rename (temp, target, error);
  if (!ok)
    dc_backup_remove_files (temp);
  return ok;
}

gboolean
dc_restore_test (const char *file, DcRegisterFile *info, GError **error)
{
  g_autofree char *folder = dc_temp_make_dir ("daicho-restore-test", error);
  if (!folder)
    return FALSE;
  g_autofree char *target = g_build_filename (folder, "register.db", NULL);
  DcStore *copy = dc_backup_open_checked_copy (file, target, info, error);
  if (copy) {
    g_autofree char *temp = g_strdup (dc_store_path (copy));
    dc_store_free (copy);
    dc_backup_remove_files (temp);
  }
  g_rmdir (folder);
  return copy != NULL;
}
