#include "store/dc-backup.h"
#include "store/dc-copy.h"
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

#define BACKUP_COLUMNS "number, taken_at, file, size, sha256, schema_version, history_seq," \
                       " history_hash, note, actor, status, removed_on"

void
dc_backup_free (DcBackup *backup)
{
  if (!backup)
    return;
  g_free (backup->taken_at);
  g_free (backup->file);
  g_free (backup->sha256);
  g_free (backup->history_hash);
  g_free (backup->note);
  g_free (backup->actor);
  g_free (backup->status);
  g_free (backup->removed_on);
  g_free (backup);
}

void
dc_register_file_clear (DcRegisterFile *info)
{
  g_clear_pointer (&info->file, g_free);
  g_clear_pointer (&info->sha256, g_free);
  g_clear_pointer (&info->history_hash, g_free);
}

static void
close_db (sqlite3 *db)
{
  sqlite3_close_v2 (db);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, close_db)

/* Copies the database of SOURCE (an open SQLite connection) into the file
 * DEST, which must exist and be empty (created 0600 by the caller), with the
 * online backup API: a consistent copy while others keep working. The
 * error's code says whose fault a failure is: DC_ERROR_INVALID the source's
 * (not a database, damaged), DC_ERROR_IO the copy's (cannot write, disk
 * full), DC_ERROR_CONFLICT a writer that held on longer than the busy timeout. */
static gboolean
copy_db (sqlite3 *source, const char *dest, GError **error)
{
  g_autoptr (sqlite3) db = NULL;
  if (sqlite3_open_v2 (dest, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_IO, _ ("%s: cannot write the copy: %s"), dest,
                 db ? sqlite3_errmsg (db) : _ ("out of memory"));
    return FALSE;
  }
  sqlite3_backup *backup = sqlite3_backup_init (db, "main", source, "main");
  if (!backup) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_DATABASE, _ ("%s: cannot start the copy: %s"),
                 dest, sqlite3_errmsg (db));
    return FALSE;
  }
  /* One step copies every page under one read transaction: a consistent copy
   * even while other processes write (WAL). A writer holding the file in
   * another journal mode is waited for by the source's busy timeout. */
  int rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE) {
    int code = rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? DC_ERROR_CONFLICT
             : rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? DC_ERROR_INVALID
             : rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_CANTOPEN ? DC_ERROR_IO
             : DC_ERROR_DATABASE;
    g_set_error (error, DC_BACKUP_ERROR, code, "%s", sqlite3_errstr (rc));
    return FALSE;
  }
  return TRUE;
}

/* The first problems PRAGMA integrity_check reports, or NULL when "ok". */
static char *
integrity_problems (sqlite3 *db)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check(5)", -1, &stmt, NULL) != SQLITE_OK)
    return g_strdup (sqlite3_errmsg (db));
  g_autoptr (GString) problems = g_string_new (NULL);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    const char *line = (const char *) sqlite3_column_text (stmt, 0);
    if (g_strcmp0 (line, "ok") != 0)
      g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
  }
  if (rc != SQLITE_DONE)
    g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", sqlite3_errmsg (db));
  return problems->len ? g_string_free (g_steal_pointer (&problems), FALSE) : NULL;
}

/* Checks the copy at PATH of the register LABEL before anything opens it as a
 * store: not damaged, a register, not newer. Fills INFO->schema_version. */
static gboolean
check_raw_copy (const char *path, const char *label, DcRegisterFile *info, GError **error)
{
  g_autoptr (sqlite3) db = NULL;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_IO, _ ("%s: cannot read the copy: %s"), label,
                 db ? sqlite3_errmsg (db) : _ ("out of memory"));
    return FALSE;
  }
  g_autofree char *problems = integrity_problems (db);
  if (problems) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_DATABASE,
                 _ ("%s is damaged (PRAGMA integrity_check: %s)"), label, problems);
    return FALSE;
  }
  int version = 0;
  if (!dc_sqlite_check_register (db, label, FALSE, &version, error))
    return FALSE;
  info->schema_version = version;
  return TRUE;
}

/* Checks the copy at PATH completely and opens it as a store: the raw checks,
 * then the migrations up to this daicho's schema, then the history's
 * verification. */
static DcStore *
open_checked (const char *path, const char *label, DcRegisterFile *info, GError **error)
{
  if (!check_raw_copy (path, label, info, error))
    return NULL;
  GError *local = NULL;
  g_autoptr (DcStore) store = dc_store_open (path, DC_STORE_OPEN_EXISTING, &local);
  if (!store) {
    g_set_error (error, DC_BACKUP_ERROR, local->code, "%s: %s", label, local->message);
    g_error_free (local);
    return NULL;
  }
  g_auto (DcVerifyReport) report;
  if (!dc_history_verify (store, &report, &local)) {
    g_set_error (error, DC_BACKUP_ERROR, local->code,
                 _ ("%s: its history does not verify (%s)"), label,
                 report.problem ? report.problem : local->message);
    g_error_free (local);
    return NULL;
  }
  info->entries = report.entries;
  info->entities = report.entities;
  if (!(info->history_hash = dc_history_head (store, &info->history_seq, error)))
    return NULL;
  return g_steal_pointer (&store);
}

void
dc_backup_remove_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++) {
    g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
    g_unlink (name);
  }
}

DcStore *
dc_backup_open_checked_copy (const char *file, const char *target, DcRegisterFile *info,
                             GError **error)
{
  memset (info, 0, sizeof *info);
  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_NOT_FOUND, _ ("%s: no such file"), file);
    return NULL;
  }
  g_autoptr (sqlite3) source = NULL;
  if (sqlite3_open_v2 (file, &source, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_IO, _ ("%s: cannot be read: %s"), file,
                 source ? sqlite3_errmsg (source) : _ ("out of memory"));
    return NULL;
  }
  g_autofree char *temp = dc_temp_create (target, error);
  if (!temp)
    return NULL;
  sqlite3_busy_timeout (source, DC_STORE_BUSY_TIMEOUT_MS);
  GError *local = NULL;
  if (!copy_db (source, temp, &local)) {
    if (local->code == DC_ERROR_INVALID)  /* the file's fault, not the copy's */
      g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_DATABASE,
                   _ ("%s is not a daicho register or is damaged (%s)"), file, local->message);
    else
      g_set_error (error, DC_BACKUP_ERROR, local->code, _ ("%s: the copy beside %s failed: %s"), file,
                   target, local->message);
    g_error_free (local);
    dc_backup_remove_files (temp);
    return NULL;
  }
  g_clear_pointer (&source, close_db);
  DcStore *store = open_checked (temp, file, info, error);
  if (!store) {
    dc_backup_remove_files (temp);
    dc_register_file_clear (info);
    return NULL;
  }
  info->file = g_strdup (file);
  info->sha256 = dc_file_sha256 (file, error);
  GStatBuf st;
  info->size = g_stat (file, &st) == 0 ? (gint64) st.st_size : 0;
  if (!info->sha256) {
    dc_store_free (store);
    dc_backup_remove_files (temp);
    dc_register_file_clear (info);
    return NULL;
  }
  return store;
}

/* ---- writing a backup ---- */

/* OUTPUT itself, or in a folder REGISTER-YYYYMMDD-HHMMSS.db (-2, -3 ... when
 * taken). Absolute, so that the ledger names the place. */
static char *
output_path (DcStore *store, const char *output, gboolean force, gboolean folder, GError **error)
{
  g_autofree char *absolute = g_canonicalize_filename (output, NULL);
  /* With --keep OUTPUT is a folder of generations: made (0700) the first night. */
  if (folder && !g_file_test (absolute, G_FILE_TEST_EXISTS) && g_mkdir_with_parents (absolute, 0700) != 0) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_IO, _ ("%s: the folder could not be made: %s"), output,
                 g_strerror (errno));
    return NULL;
  }
  if (folder && !g_file_test (absolute, G_FILE_TEST_IS_DIR)) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_INVALID,
                 _ ("%s is a file: --keep keeps generations in a folder; give -o a folder"), output);
    return NULL;
  }
  if (!g_file_test (absolute, G_FILE_TEST_IS_DIR)) {
    if (!force && g_file_test (absolute, G_FILE_TEST_EXISTS)) {
      g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_CONFLICT,
                   _ ("%s already exists; a backup does not replace a file unless told to "
                   "(--force): give a new name, or a folder to name it by date and time"), output);
      return NULL;
    }
    return g_steal_pointer (&absolute);
  }
  g_autofree char *base = g_strdup (dc_store_name (store));
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  for (int n = 1; n < 100; n++) {
    g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s.db", base, stamp)
                                   : g_strdup_printf ("%s-%s-%d.db", base, stamp, n);
    char *path = g_build_filename (absolute, name, NULL);
    if (!g_file_test (path, G_FILE_TEST_EXISTS))
      return path;
    g_free (path);
  }
  g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_CONFLICT, _ ("%s: too many backups this second; give -o a file name"), output);
  return NULL;
}

/* Checks the fresh copy at TEMP of STORE's register and leaves it a single
 * file (rollback journal, no -wal), ready to be carried away. */
static gboolean
check_written_copy (DcStore *store, const char *temp, DcRegisterFile *info, GError **error)
{
  g_autofree char *label = g_strdup_printf (_ ("the copy of %s"), dc_store_path (store));
  GError *local = NULL;
  g_autoptr (DcStore) copy = open_checked (temp, label, info, &local);
  if (!copy) {
    g_set_error (error, DC_BACKUP_ERROR, local->code,
                 _ ("%s; nothing was kept. Run `daicho audit verify` on the register."), local->message);
    g_error_free (local);
    return FALSE;
  }
  return dc_store_exec (copy, "PRAGMA journal_mode = DELETE", error);
}

typedef struct {
  const DcBackup *backup;
} PutBackup;

static gboolean
apply_put (DcStore *store, gpointer data, GError **error)
{
  const DcBackup *b = ((PutBackup *) data)->backup;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "INSERT INTO backup (" BACKUP_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
      " ON CONFLICT (number) DO UPDATE SET note = excluded.note, status = excluded.status,"
      " removed_on = excluded.removed_on",
      error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, b->number);
  dc_stmt_bind_text (stmt, 2, b->taken_at);
  dc_stmt_bind_text (stmt, 3, b->file);
  dc_stmt_bind_int64 (stmt, 4, b->size);
  dc_stmt_bind_text (stmt, 5, b->sha256);
  dc_stmt_bind_int (stmt, 6, b->schema_version);
  dc_stmt_bind_int64 (stmt, 7, b->history_seq);
  dc_stmt_bind_text (stmt, 8, b->history_hash);
  dc_stmt_bind_text (stmt, 9, b->note ? b->note : "");
  dc_stmt_bind_text (stmt, 10, b->actor);
  dc_stmt_bind_text (stmt, 11, b->status ? b->status : "kept");
  dc_stmt_bind_text (stmt, 12, b->removed_on);
  return dc_store_run (store, stmt, error);
}

static DcBackup *
backup_from_row (DcStmt *stmt)
{
  DcBackup *b = g_new0 (DcBackup, 1);
  b->number = dc_stmt_int64 (stmt, 0);
  b->taken_at = dc_stmt_dup (stmt, 1);
  b->file = dc_stmt_dup (stmt, 2);
  b->size = dc_stmt_int64 (stmt, 3);
  b->sha256 = dc_stmt_dup (stmt, 4);
  b->schema_version = dc_stmt_int (stmt, 5);
  b->history_seq = dc_stmt_int64 (stmt, 6);
  b->history_hash = dc_stmt_dup (stmt, 7);
  b->note = dc_stmt_dup (stmt, 8);
  b->actor = dc_stmt_dup (stmt, 9);
  b->status = dc_stmt_dup (stmt, 10);
  b->removed_on = dc_stmt_dup (stmt, 11);
  return b;
}

DcBackup *
dc_backup_find (DcStore *store, gint64 number, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT " BACKUP_COLUMNS " FROM backup WHERE number = ?1", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, number);
  return dc_store_step (store, stmt, error) == DC_STMT_ROW ? backup_from_row (stmt) : NULL;
}

gboolean
dc_backup_put (DcStore *store, const DcBackup *backup, const char *action, GError **error)
{
  GError *local = NULL;
  g_autoptr (DcBackup) existing = dc_backup_find (store, backup->number, &local);
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  if (existing && g_strcmp0 (existing->sha256, backup->sha256) != 0) {
    g_set_error (error, DC_BACKUP_ERROR, DC_ERROR_CONFLICT,
                 _ ("backup %lld of the ledger is another file here (%s) than there (%s)"),
                 (long long) backup->number, existing->file, backup->file);
    return FALSE;
  }
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, backup->number);
  PutBackup put = { backup };
  return dc_change (store, action, "backup", key, apply_put, &put, error);
}

/* Records B with the next number, inside one transaction. */
static gboolean
record_new (DcStore *store, DcBackup *b, GError **error)
{
  if (!dc_store_begin (store, error))
    return FALSE;
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT coalesce(max(number), 0) + 1 FROM backup",
                                                    error);
  gboolean ok = stmt && dc_store_step (store, stmt, error) == DC_STMT_ROW;
  if (ok) {
    b->number = dc_stmt_int64 (stmt, 0);
    ok = dc_backup_put (store, b, NC_ ("action", "add"), error) && dc_store_commit (store, error);
  }
  if (!ok)
    dc_store_rollback (store);
  return ok;
}

GPtrArray *
dc_backup_list (DcStore *store, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT " BACKUP_COLUMNS " FROM backup ORDER BY number", error);
  if (!stmt)
    return NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_backup_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    g_ptr_array_add (list, backup_from_row (stmt));
  return rc == DC_STMT_DONE ? g_steal_pointer (&list) : NULL;
}

char *
dc_backup_inspect (const DcBackup *backup)
{
  if (!g_file_test (backup->file, G_FILE_TEST_IS_REGULAR))
    return g_strdup ("missing");
  g_autofree char *sha256 = dc_file_sha256 (backup->file, NULL);
  if (!sha256)
    return g_strdup ("unreadable");
  return g_str_equal (sha256, backup->sha256) ? NULL : g_strdup ("differs");
}

/* Removes the generations in NEWEST's folder beyond the newest KEEP. A file
 * whose bytes are not those recorded is left as it is. */
static gboolean
prune (DcStore *store, const DcBackup *newest, int keep, GPtrArray *messages, GError **error)
{
  g_autoptr (GPtrArray) list = dc_backup_list (store, error);
  if (!list)
    return FALSE;
  g_autofree char *folder = g_path_get_dirname (newest->file);
  g_autofree char *today = dc_date_today ();
  int kept = 0;
  for (guint i = list->len; i-- > 0;) {
    DcBackup *b = g_ptr_array_index (list, i);
    g_autofree char *dir = g_path_get_dirname (b->file);
    if (!g_str_equal (b->status, "kept") || !g_str_equal (dir, folder) || ++kept <= keep)
      continue;
    g_autofree char *problem = dc_backup_inspect (b);
    if (problem && !g_str_equal (problem, "missing")) {
      g_ptr_array_add (messages, g_strdup_printf (
          _ ("backup %lld (%s) was left: its bytes are not those recorded (%s)"),
          (long long) b->number, b->file, problem));
      continue;
    }
    if (!problem && g_unlink (b->file) != 0) {
      g_ptr_array_add (messages, g_strdup_printf (_ ("backup %lld (%s) could not be removed: %s"),
                                                  (long long) b->number, b->file, g_strerror (errno)));
      continue;
    }
    g_free (b->status);
    b->status = g_strdup ("removed");
    b->removed_on = g_strdup (today);
    if (!dc_backup_put (store, b, NC_ ("action", "remove"), error))
      return FALSE;
    g_ptr_array_add (messages, problem ? g_strdup_printf (_ ("removed backup %lld (%s): it was already gone"),
                                                          (long long) b->number, b->file)
                                       : g_strdup_printf (_ ("removed backup %lld (%s)"),
                                                          (long long) b->number, b->file));
  }
  return TRUE;
}

DcBackup *
dc_backup_write (DcStore *store, const char *output, const DcBackupOptions *options,
                 DcRegisterFile *checked, GPtrArray **pruned, GError **error)
{
  g_autofree char *path = output_path (store, output, options && options->force,
                                      options && options->keep > 0, error);
  if (!path)
    return NULL;
  g_autofree char *temp = dc_temp_create (path, error);
  if (!temp)
    return NULL;
  g_autoptr (DcBackup) b = g_new0 (DcBackup, 1);
  b->taken_at = dc_date_now_utc ();
  g_auto (DcRegisterFile) info = { 0 };
  GError *local = NULL;
  /* A file with SQLite's online backup; a server's register row by row. */
  g_auto (DcCopyReport) copied = { 0 };
  gboolean ok = dc_sqlite_db (store) ? copy_db (dc_sqlite_db (store), temp, &local)
                                     : dc_copy_into (store, temp, &copied, &local);
  if (!ok) {
    g_set_error (error, DC_BACKUP_ERROR, local->code, _ ("%s: the copy failed: %s"),
                 dc_store_path (store), local->message);
    g_error_free (local);
  }
  ok = ok && check_written_copy (store, temp, &info, error);
  if (ok) {
    b->sha256 = dc_file_sha256 (temp, error);
    GStatBuf st;
    b->size = g_stat (temp, &st) == 0 ? (gint64) st.st_size : 0;
    ok = b->sha256 && dc_atomic_rename (temp, path, error);
  }
  if (!ok) {
    dc_backup_remove_files (temp);
    return NULL;
  }
  b->file = g_steal_pointer (&path);
  b->schema_version = info.schema_version;
  b->history_seq = info.history_seq;
  b->history_hash = g_strdup (info.history_hash);
  b->note = g_strdup (options && options->note ? options->note : "");
  b->actor = g_strdup (dc_store_actor (store));
  b->status = g_strdup ("kept");
  if (checked) {
    *checked = info;
    memset (&info, 0, sizeof info);
  }
  if (!record_new (store, b, &local)) {
    g_set_error (error, DC_BACKUP_ERROR, local->code,
                 _ ("%s was written and checked, but could not be entered in the backup "
                 "ledger: %s"), b->file, local->message);
    g_error_free (local);
    return NULL;
  }
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  if (options && options->keep > 0 && !prune (store, b, options->keep, messages, error))
    return NULL;
  if (pruned)
    *pruned = g_steal_pointer (&messages);
  return g_steal_pointer (&b);
}
