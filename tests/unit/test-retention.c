/* engines: both (under make check DB=postgresql its registers are on a server) */
#include "testlib.h"

/* A disposal record of personal data is kept 5 years; other disposals are
 * not listed; nothing is deleted. */
/* A register in DIR with the small organisation and A-0002, an asset of
 * personal data (A-0001 is the organisation's). */
static DcStore *
register_with_personal_data (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "type", "data", "name", "名簿",
                                  "personal_info", "personal", "c", "3", "i", "2", "a", "1",
                                  "section", "jutaku", "post", "kacho", NULL));
  return store;
}

static void
test_disposal_of_personal_data (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = register_with_personal_data (dir);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_asset_dispose (store, "A-0002", "2026-05-01", "溶解", NULL, &error));
  CU_ASSERT_TRUE_FATAL (dc_asset_dispose (store, "A-0001", "2020-05-01", "消去", NULL, &error));

  g_autoptr (GPtrArray) kept = dc_retention_expiring (store, "2031-04-30", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (kept);
  CU_ASSERT_EQUAL (kept->len, 0);
  g_autoptr (GPtrArray) past = dc_retention_expiring (store, "2031-05-01", &error);
  CU_ASSERT_EQUAL_FATAL (past->len, 1);
  DcExpiring *r = g_ptr_array_index (past, 0);
  CU_ASSERT_STRING_EQUAL (r->kind, "asset");
  CU_ASSERT_STRING_EQUAL (r->key, "A-0002");
  CU_ASSERT_STRING_EQUAL (r->basis_date, "2026-05-01");
  CU_ASSERT_STRING_EQUAL (r->kept_until, "2031-04-30");
  CU_ASSERT_PTR_NOT_NULL (strstr (r->rule, "5年"));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->rule, "実施手順書「データの廃棄」"));
  CU_ASSERT_EQUAL (test_count (store, "asset"), 2);
  test_rmdir (dir);
}

/* Five years from 29 February end on the last day of February (民法143条:
 * no corresponding day, the end of the month). */
static void
test_five_years_from_a_leap_day (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = register_with_personal_data (dir);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_asset_dispose (store, "A-0002", "2024-02-29", "溶解", NULL, &error));
  g_autoptr (GPtrArray) kept = dc_retention_expiring (store, "2029-02-28", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (kept);
  CU_ASSERT_EQUAL (kept->len, 0);
  g_autoptr (GPtrArray) past = dc_retention_expiring (store, "2029-03-01", &error);
  CU_ASSERT_EQUAL_FATAL (past->len, 1);
  CU_ASSERT_STRING_EQUAL (((DcExpiring *) g_ptr_array_index (past, 0))->kept_until, "2029-02-28");
  test_rmdir (dir);
}

TEST_MAIN ("retention",
           { "disposal records of personal data: 5 years", test_disposal_of_personal_data },
           { "five years from 29 February end on 28 February", test_five_years_from_a_leap_day })
