/* Shared helpers of the CUnit suites: a fresh register on disk per test, and
 * a main() that reports "RESULT passed=N failed=N" for tests/run-tests.sh. */
#pragma once
#include <CUnit/Basic.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include "daicho.h"

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

/* Opens (creating) DIR/register.db; with SCHEME, initialises it. */
static inline DcStore *
test_register (const char *dir, const char *scheme_name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  DcStore *store = dc_store_open (path, DC_STORE_OPEN_CREATE, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  dc_store_set_actor (store, "tester");
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
  printf ("RESULT passed=%u failed=%u\n", run - failed, failed);
  CU_cleanup_registry ();
  return failed ? 1 : 0;
}

#define TEST_MAIN(suite, ...)                                              \
  int main (void)                                                          \
  {                                                                        \
    static const TestCase cases[] = { __VA_ARGS__ };                       \
    return test_main (suite, cases, G_N_ELEMENTS (cases));                 \
  }
