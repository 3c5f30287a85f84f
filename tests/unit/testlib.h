/* Shared helpers of the CUnit suites: a fresh register per test, on disk or
 * (a suite marked "engines: both", run by `make check DB=postgresql`) in a new
 * database on the throw-away PostgreSQL cluster tests/run-tests.sh starts;
 * and a main() that reports "RESULT passed=N failed=N" for tests/run-tests.sh. */
#pragma once
#include <CUnit/Basic.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>
#include <sqlite3.h>
#include <stdio.h>
#include "daicho.h"

/* Whether this run's registers are on PostgreSQL (DAICHO_TEST_ENGINE, set by
 * tests/run-tests.sh for the suites that run on both engines). */
static inline gboolean
test_on_postgresql (void)
{
  return g_strcmp0 (g_getenv ("DAICHO_TEST_ENGINE"), "postgresql") == 0;
}

/* Who the history names: the actor a test sets in a file, the login (PGUSER,
 * as the cluster's environment gives it) on a server. */
static inline const char *
test_actor (void)
{
  return test_on_postgresql () ? g_getenv ("PGUSER") : "tester";
}

/* A temporary directory removed at exit of the test (caller frees the path). */
static inline char *
test_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("daicho-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static inline void
test_rmdir (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (command) != 0)
    fprintf (stderr, "could not remove %s\n", dir);
}

/* fixtures/DIR/NAME in the source tree (DAICHO_ROOT, else the current folder). */
static inline char *
test_fixture (const char *dir, const char *name)
{
  const char *root = g_getenv ("DAICHO_ROOT");
  return g_build_filename (root ? root : ".", "fixtures", dir, name, NULL);
}

/* A new empty database on the cluster named after DIR (its random tail);
 * its address. The cluster is found as psql finds it (PGHOST, PGPORT, …). */
static inline char *
test_new_database (const char *dir)
{
  g_autofree char *tail = g_ascii_strdown (strrchr (dir, '-') ? strrchr (dir, '-') + 1 : dir, -1);
  g_autofree char *name = g_strconcat ("unit_", tail, NULL);
  PGconn *conn = PQconnectdb ("dbname=postgres");
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", quoted);
  PQfreemem (quoted);
  PGresult *result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
  return g_strconcat ("postgresql:///", name, NULL);
}

/* Opens (creating) DIR/register.db, or on PostgreSQL a new database; with
 * SCHEME, initialises it. */
static inline DcStore *
test_register (const char *dir, const char *scheme_name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = test_on_postgresql () ? test_new_database (dir)
                                                : g_build_filename (dir, "register.db", NULL);
  DcStore *store = dc_store_open (path, DC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  if (!test_on_postgresql ())
    dc_store_set_actor (store, "tester");   /* on a server the login is the actor */
  if (scheme_name) {
    g_autoptr (DcScheme) scheme = dc_scheme_load (scheme_name, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL (scheme);
    CU_ASSERT_TRUE_FATAL (dc_register_init (store, scheme, "テスト市", &error));
  }
  return store;
}

/* Adds a record of KIND from "field", "value", ... NULL; returns success. */
static inline gboolean
test_add (DcStore *store, const DcRecordKind *kind, GError **error, ...)
{
  g_autoptr (DcRecord) record = dc_record_new (kind);
  va_list args;
  va_start (args, error);
  const char *field;
  while ((field = va_arg (args, const char *))) {
    const char *value = va_arg (args, const char *);
    dc_record_set (record, field, value, NULL);
  }
  va_end (args);
  if (kind == &dc_asset_kind)
    return dc_asset_add (store, record, error);
  return dc_record_add (store, record, error);
}

/* A small organisation: section jutaku (under kensetsu), posts kacho and
 * kakaricho, persons 000101 and 000102, one asset A-0001. */
static inline void
test_small_org (DcStore *store)
{
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_section_kind, &error, "code", "kensetsu", "name", "建設部", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_section_kind, &error, "code", "jutaku", "name", "住宅課", "parent", "kensetsu", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_person_kind, &error, "employee_no", "000101", "name", "住宅 一郎", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_person_kind, &error, "employee_no", "000102", "name", "住宅 二郎", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_post_kind, &error, "code", "kacho", "name", "住宅課長", "section", "jutaku", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_post_kind, &error, "code", "kakaricho", "name", "管理係長", "section", "jutaku", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "type", "data", "name", "入居者台帳",
                                  "c", "3", "i", "2", "a", "1", "section", "jutaku", "post", "kacho", NULL));
  g_assert_no_error (error);
}

/* test_tamper's two ways: the sqlite3 tool on the file, the guards of
 * what is append-only dropped first (SQLite cannot switch a trigger off)... */
static inline void
test_tamper_file (DcStore *store, const char *sql)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (dc_store_path (store), &db), ==, SQLITE_OK);
  g_autoptr (GString) all = g_string_new (NULL);
  sqlite3_stmt *guards = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                       " AND name LIKE '%is_append_only%'", -1, &guards, NULL), ==, SQLITE_OK);
  while (sqlite3_step (guards) == SQLITE_ROW)
    g_string_append_printf (all, "DROP TRIGGER \"%s\";", (const char *) sqlite3_column_text (guards, 0));
  sqlite3_finalize (guards);
  g_string_append (all, sql);
  char *message = NULL;
  if (sqlite3_exec (db, all->str, NULL, NULL, &message) != SQLITE_OK)
    g_error ("tamper: %s", message);
  sqlite3_close (db);
}

/* ...and psql's rights as the cluster's superuser, every trigger off
 * (session_replication_role), guards included. */
static inline void
test_tamper_server (DcStore *store, const char *sql)
{
  g_autofree char *conninfo = g_strconcat ("dbname=", dc_store_name (store), NULL);
  PGconn *conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_autofree char *all = g_strconcat ("SET session_replication_role = replica;", sql, NULL);
  PGresult *result = PQexec (conn, all);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("tamper: %s", PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* Runs SQL on the register behind daicho's back, as someone with the
 * sqlite3 tool or psql would, past the guards daicho's schema has. */
static inline void
test_tamper (DcStore *store, const char *sql)
{
  if (test_on_postgresql ())
    test_tamper_server (store, sql);
  else
    test_tamper_file (store, sql);
}

/* Rows in TABLE. */
static inline gint64
test_count (DcStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  DcStmt *stmt = dc_store_prepare (store, sql, NULL);
  g_assert_true (dc_store_step (store, stmt, NULL) == DC_STMT_ROW);
  gint64 n = dc_stmt_int64 (stmt, 0);
  dc_stmt_finalize (stmt);
  return n;
}

/* History timestamps from a list (NULL-terminated), to place changes in the
 * past; test_clock (NULL) restores the real clock. */
static const char *const *test_clock_times;

static inline char *
test_clock_next (void)
{
  return g_strdup (*test_clock_times ? *test_clock_times++ : "2026-11-22T00:00:00.000Z");
}

static inline void
test_clock (const char *const *times)
{
  test_clock_times = times;
  dc_history_set_clock (times ? test_clock_next : NULL);
}

typedef struct {
  const char *name;
  CU_TestFunc func;
} TestCase;

/* Tests of what only a register in a file has, skipped on PostgreSQL. */
static unsigned test_skipped;

/* At the start of such a test: FALSE on PostgreSQL, after saying so and why
 * (the test then returns and counts as neither passed nor failed). */
static inline gboolean
test_file_only (const char *why)
{
  if (!test_on_postgresql ())
    return TRUE;
  printf ("  skipped on PostgreSQL: %s\n", why);
  test_skipped++;
  return FALSE;
}

/* Runs one suite and prints the counts for the runner. */
static inline int
test_main (const char *suite_name, const TestCase *cases, gsize n_cases)
{
  g_setenv ("DAICHO_TODAY", "2026-11-22", TRUE);
  if (CU_initialize_registry () != CUE_SUCCESS)
    return 2;
  CU_pSuite suite = CU_add_suite (suite_name, NULL, NULL);
  for (gsize i = 0; i < n_cases; i++)
    CU_add_test (suite, cases[i].name, cases[i].func);
  CU_basic_set_mode (CU_BRM_VERBOSE);
  CU_basic_run_tests ();
  unsigned run = CU_get_number_of_tests_run ();
  unsigned failed = CU_get_number_of_tests_failed ();
  printf ("RESULT passed=%u failed=%u\n", run - failed - test_skipped, failed);
  CU_cleanup_registry ();
  return failed ? 1 : 0;
}

#define TEST_MAIN(suite, ...)                                              \
  int main (void)                                                          \
  {                                                                        \
    static const TestCase cases[] = { __VA_ARGS__ };                       \
    return test_main (suite, cases, G_N_ELEMENTS (cases));                 \
  }
