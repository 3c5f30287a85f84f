/* dc-store: creating, opening, migrating and refusing register files. */
#include "testlib.h"
#include <sqlite3.h>
#include "store/dc-engine.h"   /* SQLite-only checks */
#include "dc-resources.h"

#include <sys/stat.h>

static void
test_create_is_private_and_current (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, NULL);
  struct stat st;
  CU_ASSERT_EQUAL (stat (dc_store_path (store), &st), 0);
  CU_ASSERT_EQUAL (st.st_mode & 0777, 0600);
  DcStmt *stmt = dc_store_prepare (store, "PRAGMA user_version", NULL);
  CU_ASSERT_EQUAL (dc_store_step (store, stmt, NULL), DC_STMT_ROW);
  CU_ASSERT_EQUAL (dc_stmt_int (stmt, 0), dc_store_schema_version ());
  dc_stmt_finalize (stmt);
  CU_ASSERT_TRUE (dc_store_schema_version () >= 2);
  test_rmdir (dir);
}

static void
test_missing_file_is_not_created (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "none.db", NULL);
  g_autoptr (GError) error = NULL;
  DcStore *store = dc_store_open (path, DC_STORE_OPEN_EXISTING, &error);
  CU_ASSERT_PTR_NULL (store);
  CU_ASSERT_TRUE (g_error_matches (error, DC_STORE_ERROR, DC_ERROR_NOT_FOUND));
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "daicho init"));
  CU_ASSERT_FALSE (g_file_test (path, G_FILE_TEST_EXISTS));
  test_rmdir (dir);
}

static char *
file_digest (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) data, length);
}

static void
set_user_version (const char *path, int version)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA wal_checkpoint(TRUNCATE);"
                                          " PRAGMA journal_mode = DELETE;", version);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_newer_file_refused_untouched (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = NULL;
  {
    g_autoptr (DcStore) store = test_register (dir, "ipa");
    path = g_strdup (dc_store_path (store));
  }
  set_user_version (path, dc_store_schema_version () + 1);
  g_autofree char *before = file_digest (path);
  g_autoptr (GError) error = NULL;
  DcStore *store = dc_store_open (path, DC_STORE_OPEN_EXISTING, &error);
  CU_ASSERT_PTR_NULL (store);
  CU_ASSERT_TRUE (g_error_matches (error, DC_STORE_ERROR, DC_ERROR_VERSION));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "newer daicho") : NULL);
  g_autofree char *after = file_digest (path);
  CU_ASSERT_STRING_EQUAL (before, after);
  test_rmdir (dir);
}

/* A file at schema version 1 (before the settings table) with data in it is
 * brought up to date on open, its data intact. */
static void
test_older_file_migrated (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr (GBytes) sql = g_resource_lookup_data (
      dc_resources_get_resource (), "/daicho/schema/migrations/0001_register.sql", 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sql);
  g_autofree char *text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
  sqlite3 *db = NULL;
  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  CU_ASSERT_EQUAL (sqlite3_exec (db, text, NULL, NULL, NULL), SQLITE_OK);
  CU_ASSERT_EQUAL (sqlite3_exec (db, "PRAGMA user_version = 1; PRAGMA application_id = 1145129283;"
                                 "INSERT INTO section (code, name) VALUES ('old', '旧課');",
                                 NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  g_autoptr (GError) error = NULL;
  g_autoptr (DcStore) store = dc_store_open (path, DC_STORE_OPEN_EXISTING, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  DcStmt *stmt = dc_store_prepare (store, "SELECT (SELECT name FROM section WHERE code = 'old'),"
                                         " (SELECT count(*) FROM setting), (SELECT user_version FROM pragma_user_version)",
                                         &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (stmt);
  CU_ASSERT_EQUAL (dc_store_step (store, stmt, NULL), DC_STMT_ROW);
  CU_ASSERT_STRING_EQUAL (dc_stmt_text (stmt, 0), "旧課");
  CU_ASSERT_EQUAL (dc_stmt_int (stmt, 1), 0);
  CU_ASSERT_EQUAL (dc_stmt_int (stmt, 2), dc_store_schema_version ());
  dc_stmt_finalize (stmt);
  test_rmdir (dir);
}

static void
test_foreign_sqlite_refused (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  sqlite3 *db = NULL;
  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  CU_ASSERT_EQUAL (sqlite3_exec (db, "CREATE TABLE photos (x); PRAGMA journal_mode = DELETE;", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  g_autofree char *before = file_digest (path);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_PTR_NULL (dc_store_open (path, DC_STORE_OPEN_CREATE, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_STORE_ERROR, DC_ERROR_DATABASE));
  g_autofree char *after = file_digest (path);
  CU_ASSERT_STRING_EQUAL (before, after);

  g_autofree char *text_path = g_build_filename (dir, "notes.txt", NULL);
  CU_ASSERT_TRUE (g_file_set_contents (text_path, "just some notes, not a database\n", -1, NULL));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (dc_store_open (text_path, DC_STORE_OPEN_EXISTING, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_STORE_ERROR, DC_ERROR_DATABASE));
  test_rmdir (dir);
}

static void
test_pragmas (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, NULL);
  DcStmt *stmt = dc_store_prepare (store, "SELECT (SELECT foreign_keys FROM pragma_foreign_keys),"
                                         " (SELECT journal_mode FROM pragma_journal_mode)", NULL);
  CU_ASSERT_EQUAL (dc_store_step (store, stmt, NULL), DC_STMT_ROW);
  CU_ASSERT_EQUAL (dc_stmt_int (stmt, 0), 1);
  CU_ASSERT_STRING_EQUAL (dc_stmt_text (stmt, 1), "wal");
  dc_stmt_finalize (stmt);
  test_rmdir (dir);
}

/* SQLite rolling the transaction back by itself (as it may on a full disk):
 * nothing later runs outside it, dc_change included, and it never commits. */
static void
test_lost_transaction_commits_nothing (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, NULL);
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_store_begin (store, &error));
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "a", "name", "甲", NULL));
  sqlite3_exec (dc_sqlite_db (store), "ROLLBACK", NULL, NULL, NULL);   /* as SQLite does on SQLITE_FULL */
  CU_ASSERT_TRUE (dc_store_in_transaction (store));
  CU_ASSERT_FALSE (test_add (store, &dc_section_kind, &error, "code", "b", "name", "乙", NULL));
  CU_ASSERT_TRUE (g_error_matches (error, DC_STORE_ERROR, DC_ERROR_DATABASE));
  CU_ASSERT_PTR_NOT_NULL (error && strstr (error->message, "nothing of it was saved"));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_store_exec (store, "SAVEPOINT x", &error));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_store_commit (store, &error));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_store_in_transaction (store));
  CU_ASSERT_EQUAL (test_count (store, "section"), 0);
  CU_ASSERT_EQUAL (test_count (store, "history"), 0);
  /* The store works again after it. */
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "c", "name", "丙", NULL));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (test_count (store, "section"), 1);
  test_rmdir (dir);
}

/* A write that fails for want of space loses the whole transaction, whether
 * or not SQLite rolled it back; the message names the cause. */
static void
test_full_disk_loses_the_transaction (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, NULL);
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_store_begin (store, &error));
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "a", "name", "甲", NULL));
  /* No page more than the file has: the next growth is SQLITE_FULL. */
  CU_ASSERT_TRUE_FATAL (dc_store_exec (store, "PRAGMA max_page_count = 1", &error));
  /* Names as long as input takes (1 024 characters), until a page is wanted. */
  g_autofree char *big = g_strnfill (1000, 'x');
  gboolean added = TRUE;
  for (int i = 0; i < 200 && added; i++) {
    g_autofree char *code = g_strdup_printf ("b%d", i);
    added = test_add (store, &dc_section_kind, &error, "code", code, "name", big, NULL);
  }
  CU_ASSERT_FALSE (added);
  CU_ASSERT_PTR_NOT_NULL (error && strstr (error->message, "the disk is full"));
  g_clear_error (&error);
  CU_ASSERT_FALSE (test_add (store, &dc_section_kind, &error, "code", "c", "name", "丙", NULL));
  CU_ASSERT_TRUE (g_error_matches (error, DC_STORE_ERROR, DC_ERROR_DATABASE));
  CU_ASSERT_PTR_NOT_NULL (error && strstr (error->message, "the disk is full"));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_store_commit (store, &error));
  g_clear_error (&error);
  CU_ASSERT_EQUAL (test_count (store, "section"), 0);
  test_rmdir (dir);
}

/* An existing empty file is no register (a truncated one would pass for an
 * empty register); only a create may make it one. */
static void
test_empty_file_refused_but_by_create (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  DcStoreOpenMode modes[] = { DC_STORE_OPEN_EXISTING, DC_STORE_OPEN_READ };
  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++) {
    g_autoptr (GError) error = NULL;
    CU_ASSERT_PTR_NULL (dc_store_open (path, modes[i], &error));
    CU_ASSERT_TRUE (g_error_matches (error, DC_STORE_ERROR, DC_ERROR_INVALID));
    CU_ASSERT_PTR_NOT_NULL (error && strstr (error->message, "is empty: not a daicho register"));
  }
  g_autofree char *contents = NULL;
  gsize length = 1;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  CU_ASSERT_EQUAL (length, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcStore) store = dc_store_open (path, DC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  CU_ASSERT_PTR_NOT_NULL (store);
  test_rmdir (dir);
}

TEST_MAIN ("store",
           { "an empty file is refused, unless created", test_empty_file_refused_but_by_create },
           { "SQLite ending the transaction: nothing later commits [SEC-FAULT-04]", test_lost_transaction_commits_nothing },
           { "a full disk loses the whole transaction, naming the cause [SEC-FAULT-03]", test_full_disk_loses_the_transaction },
           { "a new register is mode 0600 at the current schema [SEC-ACCESS-01]", test_create_is_private_and_current },
           { "a missing register is reported, not created", test_missing_file_is_not_created },
           { "a file from a newer daicho is refused untouched", test_newer_file_refused_untouched },
           { "an older file is migrated with its data", test_older_file_migrated },
           { "a foreign SQLite or text file is refused untouched", test_foreign_sqlite_refused },
           { "foreign keys on, WAL", test_pragmas })
