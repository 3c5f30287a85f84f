/* dc-backup: checked copies, the backup ledger, restoring and the restore test. */
#include "testlib.h"
#include <sqlite3.h>

#include <string.h>
#include <sys/stat.h>

/* Runs SQL straight on the file at PATH, as someone with the sqlite3 tool would. */
static void
exec_on_file (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  char *message = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("exec_on_file: %s", message);
  sqlite3_close (db);
}

static gint64
count_in_file (const char *path, const char *table)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DcStore) store = dc_store_open (path, DC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  return test_count (store, table);
}

static int
file_mode (const char *path)
{
  struct stat st;
  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static DcBackup *
backup_to (DcStore *store, const char *dir, const char *name, DcRegisterFile *info, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  DcBackupOptions options = { "cabinet 3", 0, FALSE };
  return dc_backup_write (store, path, &options, info, NULL, error);
}

static void
test_backup_is_a_checked_private_copy (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  gint64 head_seq = 0;
  g_autofree char *head = dc_history_head (store, &head_seq, NULL);
  g_autoptr (GError) error = NULL;
  g_auto (DcRegisterFile) info = { 0 };
  g_autoptr (DcBackup) b = backup_to (store, dir, "b1.db", &info, &error);
  g_assert_no_error (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (b);
  CU_ASSERT_EQUAL (b->number, 1);
  CU_ASSERT_EQUAL (b->history_seq, head_seq);
  CU_ASSERT_STRING_EQUAL (b->history_hash, head);
  CU_ASSERT_STRING_EQUAL (info.history_hash, head);
  CU_ASSERT_EQUAL (info.entries, head_seq);
  CU_ASSERT_TRUE (info.entities > 5);
  CU_ASSERT_EQUAL (file_mode (b->file), 0600);
  g_autofree char *sha256 = dc_file_sha256 (b->file, NULL);
  CU_ASSERT_STRING_EQUAL (sha256, b->sha256);
  /* A single file: no -wal beside it, no temporary left. */
  g_autofree char *wal = g_strconcat (b->file, "-wal", NULL);
  CU_ASSERT_FALSE (g_file_test (wal, G_FILE_TEST_EXISTS));
  /* The register got its ledger line after the copy: one more history entry,
   * and the copy does not hold its own line. */
  CU_ASSERT_EQUAL (test_count (store, "history"), head_seq + 1);
  CU_ASSERT_EQUAL (test_count (store, "backup"), 1);
  CU_ASSERT_EQUAL (count_in_file (b->file, "backup"), 0);
  CU_ASSERT_EQUAL (count_in_file (b->file, "history"), head_seq);
  g_auto (DcVerifyReport) report;
  CU_ASSERT_TRUE (dc_history_verify (store, &report, NULL));
  test_rmdir (dir);
}

static void
test_backup_never_replaces_unless_forced (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  g_autofree char *path = g_build_filename (dir, "exists.db", NULL);
  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
  GError *error = NULL;
  g_autoptr (DcBackup) refused = backup_to (store, dir, "exists.db", NULL, &error);
  CU_ASSERT_PTR_NULL (refused);
  g_assert_error (error, DC_BACKUP_ERROR, DC_ERROR_CONFLICT);
  g_clear_error (&error);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  CU_ASSERT_STRING_EQUAL (text, "keep me");
  CU_ASSERT_EQUAL (test_count (store, "backup"), 0);
  gint64 entries = test_count (store, "history");
  DcBackupOptions force = { NULL, 0, TRUE };
  g_autoptr (DcBackup) forced = dc_backup_write (store, path, &force, NULL, NULL, &error);
  g_assert_no_error (error);
  CU_ASSERT_PTR_NOT_NULL (forced);
  CU_ASSERT_EQUAL (count_in_file (path, "history"), entries);
  test_rmdir (dir);
}

static void
test_backup_into_folder_keeps_generations (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_mkdir (folder, 0700);
  GError *error = NULL;
  DcBackupOptions keep = { NULL, 2, FALSE };
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < 3; i++) {
    g_autoptr (GPtrArray) pruned = NULL;
    g_autoptr (DcBackup) b = dc_backup_write (store, folder, &keep, NULL, &pruned, &error);
    g_assert_no_error (error);
    CU_ASSERT_TRUE (g_str_has_prefix (b->file, folder));
    g_autofree char *base = g_path_get_basename (b->file);
    CU_ASSERT_TRUE (g_str_has_prefix (base, "register-") && g_str_has_suffix (base, ".db"));
    CU_ASSERT_EQUAL (pruned->len, i == 2 ? 1 : 0);
    g_ptr_array_add (files, g_strdup (b->file));
  }
  CU_ASSERT_FALSE (g_file_test (g_ptr_array_index (files, 0), G_FILE_TEST_EXISTS));
  CU_ASSERT_TRUE (g_file_test (g_ptr_array_index (files, 1), G_FILE_TEST_EXISTS));
  CU_ASSERT_TRUE (g_file_test (g_ptr_array_index (files, 2), G_FILE_TEST_EXISTS));
  g_autoptr (GPtrArray) ledger = dc_backup_list (store, &error);
  g_assert_no_error (error);
  CU_ASSERT_EQUAL_FATAL (ledger->len, 3);
  DcBackup *first = g_ptr_array_index (ledger, 0);
  CU_ASSERT_STRING_EQUAL (first->status, "removed");
  CU_ASSERT_STRING_EQUAL (first->removed_on, "2026-11-22");
  CU_ASSERT_STRING_EQUAL (((DcBackup *) g_ptr_array_index (ledger, 2))->status, "kept");
  g_autofree char *state = dc_backup_inspect (g_ptr_array_index (ledger, 2));
  CU_ASSERT_PTR_NULL (state);
  g_auto (DcVerifyReport) report;
  CU_ASSERT_TRUE (dc_history_verify (store, &report, NULL));
  test_rmdir (dir);
}

static void
test_restore_puts_back_and_keeps_the_replaced (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  g_autoptr (DcBackup) b = backup_to (store, dir, "b1.db", NULL, &error);
  g_assert_no_error (error);
  /* A change after the backup, which the restore takes back. */
  CU_ASSERT_TRUE (test_add (store, &dc_person_kind, &error, "employee_no", "000199", "name", "後 追加", NULL));
  gint64 replaced_seq = 0;
  g_autofree char *replaced_head = dc_history_head (store, &replaced_seq, NULL);
  gint64 persons_before = test_count (store, "person");
  g_autofree char *target = g_strdup (dc_store_path (store));
  g_clear_pointer (&store, dc_store_free);

  g_auto (DcRegisterFile) info = { 0 };
  g_auto (DcRestoreResult) result = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_restore (b->file, target, "restorer", FALSE, &info, &result, &error));
  g_assert_no_error (error);
  g_autofree char *bak = g_strconcat (target, ".bak", NULL);
  CU_ASSERT_STRING_EQUAL (result.backup_of_replaced, bak);
  CU_ASSERT_EQUAL (result.replaced_history_seq, replaced_seq);
  CU_ASSERT_STRING_EQUAL (result.replaced_history_hash, replaced_head);
  CU_ASSERT_EQUAL (result.ledger_carried, 1);
  CU_ASSERT_EQUAL (file_mode (target), 0600);
  CU_ASSERT_EQUAL (file_mode (bak), 0600);
  CU_ASSERT_EQUAL (count_in_file (bak, "person"), persons_before);

  g_autoptr (DcStore) restored = dc_store_open (target, DC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (test_count (restored, "person"), persons_before - 1);
  CU_ASSERT_EQUAL (test_count (restored, "backup"), 1);  /* carried over */
  CU_ASSERT_EQUAL (test_count (restored, "restore"), 1);
  g_autofree char *snapshot = dc_snapshot (restored, "restore", "1", &error);
  g_assert_no_error (error);
  CU_ASSERT_PTR_NOT_NULL (strstr (snapshot, "\"actor\":\"restorer\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (snapshot, "\"backup_number\":1"));
  g_auto (DcVerifyReport) report;
  CU_ASSERT_TRUE (dc_history_verify (restored, &report, NULL));

  /* A second restore would replace the .bak: only when forced. */
  g_clear_pointer (&restored, dc_store_free);
  g_auto (DcRegisterFile) again_info = { 0 };
  g_auto (DcRestoreResult) again = { 0 };
  CU_ASSERT_FALSE (dc_restore (b->file, target, NULL, FALSE, &again_info, &again, &error));
  g_assert_error (error, DC_BACKUP_ERROR, DC_ERROR_CONFLICT);
  g_clear_error (&error);
  test_rmdir (dir);
}

/* A restore of BAD into a register must fail with CODE and change nothing. */
static void
expect_refused (const char *bad, int code)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  g_autofree char *target = g_strdup (dc_store_path (store));
  gint64 entries = test_count (store, "history");
  g_clear_pointer (&store, dc_store_free);
  GError *error = NULL;
  g_auto (DcRegisterFile) info = { 0 };
  g_auto (DcRestoreResult) result = { 0 };
  CU_ASSERT_FALSE (dc_restore (bad, target, NULL, TRUE, &info, &result, &error));
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  if (error->code != code)
    fprintf (stderr, "expected code %d: %s\n", code, error->message);
  CU_ASSERT_EQUAL (error->code, code);
  g_clear_error (&error);
  g_auto (DcRegisterFile) test_info = { 0 };
  CU_ASSERT_FALSE (dc_restore_test (bad, &test_info, &error));
  CU_ASSERT_EQUAL (error ? error->code : 0, code);
  g_clear_error (&error);
  CU_ASSERT_EQUAL (count_in_file (target, "history"), entries);
  g_autofree char *bak = g_strconcat (target, ".bak", NULL);
  CU_ASSERT_FALSE (g_file_test (bak, G_FILE_TEST_EXISTS));
  /* Nothing left beside the register: only register.db (and SQLite's files). */
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (listing)))
    CU_ASSERT_FALSE (strstr (name, ".tmp-") != NULL);
  test_rmdir (dir);
}

/* A good backup of a small register in DIR; its path. */
static char *
good_backup (const char *dir)
{
  g_autofree char *sub = g_build_filename (dir, "source", NULL);
  g_mkdir (sub, 0700);
  g_autoptr (DcStore) store = test_register (sub, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcBackup) b = backup_to (store, dir, "good.db", NULL, &error);
  g_assert_no_error (error);
  return g_strdup (b->file);
}

static void
test_restore_refuses_bad_files (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *good = good_backup (dir);
  g_auto (DcRegisterFile) info = { 0 };
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_restore_test (good, &info, &error));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (info.entries, 9);

  /* Written by a newer daicho. */
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *command = g_strdup_printf ("cp '%s' '%s'", good, newer);
  g_assert_cmpint (system (command), ==, 0);
  exec_on_file (newer, "PRAGMA user_version = 999");
  expect_refused (newer, DC_ERROR_VERSION);

  /* Damaged: a page overwritten in the middle of the file. */
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (good, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 16384);
  memset (bytes + 8192, 0x5a, 4096);
  g_assert_true (g_file_set_contents (damaged, bytes, length, NULL));
  expect_refused (damaged, DC_ERROR_DATABASE);

  /* Not SQLite at all, and an SQLite file that is not a register. */
  g_autofree char *text = g_build_filename (dir, "text.db", NULL);
  g_assert_true (g_file_set_contents (text, "just some text, not a database at all", -1, NULL));
  expect_refused (text, DC_ERROR_DATABASE);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  exec_on_file (other, "CREATE TABLE t (x)");
  expect_refused (other, DC_ERROR_DATABASE);

  /* A history edited outside daicho. */
  g_autofree char *tampered = g_build_filename (dir, "tampered.db", NULL);
  g_autofree char *copy = g_strdup_printf ("cp '%s' '%s'", good, tampered);
  g_assert_cmpint (system (copy), ==, 0);
  exec_on_file (tampered, "UPDATE asset SET name = '改ざん'");
  expect_refused (tampered, DC_ERROR_TAMPERED);

  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  expect_refused (missing, DC_ERROR_NOT_FOUND);
  test_rmdir (dir);
}

static void
test_restore_into_no_register (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *good = good_backup (dir);
  g_autofree char *target = g_build_filename (dir, "new.db", NULL);
  GError *error = NULL;
  g_auto (DcRegisterFile) info = { 0 };
  g_auto (DcRestoreResult) result = { 0 };
  CU_ASSERT_TRUE (dc_restore (good, target, NULL, FALSE, &info, &result, &error));
  g_assert_no_error (error);
  CU_ASSERT_PTR_NULL (result.backup_of_replaced);
  CU_ASSERT_EQUAL (count_in_file (target, "asset"), 1);
  CU_ASSERT_EQUAL (file_mode (target), 0600);
  test_rmdir (dir);
}

TEST_MAIN ("backup",
           { "a backup is a checked copy, mode 0600, entered in the ledger after [SEC-TAMPER-07 SEC-ACCESS-02]", test_backup_is_a_checked_private_copy },
           { "a backup replaces an existing file only when forced [SEC-OUTPUT-03]", test_backup_never_replaces_unless_forced },
           { "backups into a folder are named by time; --keep removes old generations", test_backup_into_folder_keeps_generations },
           { "restore puts a backup back and keeps the replaced register as .bak", test_restore_puts_back_and_keeps_the_replaced },
           { "restore refuses newer, damaged, foreign, tampered and missing files [SEC-TAMPER-07]", test_restore_refuses_bad_files },
           { "restore into a place with no register", test_restore_into_no_register })
