/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-post: who holds a post over time; responsibility survives transfers. */
#include "testlib.h"

static char *
holder_on (DcStore *store, const char *post, const char *date)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) holders = dc_post_holders_on (store, post, date, &error);
  g_assert_no_error (error);
  if (holders->len == 0)
    return g_strdup ("vacant");
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < holders->len; i++)
    g_string_append_printf (text, "%s%s", i ? "," : "",
                            ((DcAssignment *) g_ptr_array_index (holders, i))->employee_no);
  return g_string_free (text, FALSE);
}

#define ASSERT_HOLDER(store, post, date, expected)            \
  do {                                                        \
    g_autofree char *h = holder_on (store, post, date);       \
    CU_ASSERT_STRING_EQUAL (h, expected);                     \
  } while (0)

static void
test_reassignment_and_responsibility_on_a_date (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000101", "2025-04-01", NULL, &error));
  g_autoptr (DcRecord) asset_before = dc_record_get_one (store, &dc_asset_kind, "A-0001", NULL);
  /* The April transfer: 000102 takes over; 000101's assignment ends. */
  CU_ASSERT_TRUE (dc_post_assign (store, "住宅課長", "住宅 二郎", "2026-04-01", NULL, &error));
  g_assert_no_error (error);
  ASSERT_HOLDER (store, "kacho", "2025-03-31", "vacant");
  ASSERT_HOLDER (store, "kacho", "2025-04-01", "000101");
  ASSERT_HOLDER (store, "kacho", "2026-03-31", "000101");
  ASSERT_HOLDER (store, "kacho", "2026-04-01", "000102");
  ASSERT_HOLDER (store, "kacho", "2030-01-01", "000102");
  /* No asset row changed. */
  g_autoptr (DcRecord) asset_after = dc_record_get_one (store, &dc_asset_kind, "A-0001", NULL);
  CU_ASSERT_STRING_EQUAL (dc_record_get (asset_after, "version"), dc_record_get (asset_before, "version"));
  DcHistoryFilter filter = { "asset", "A-0001", NULL };
  g_autoptr (GPtrArray) entries = dc_history_list (store, &filter, NULL);
  CU_ASSERT_EQUAL (entries->len, 1);
  g_autoptr (GPtrArray) all = dc_post_assignments (store, "kacho", NULL);
  CU_ASSERT_EQUAL_FATAL (all->len, 2);
  CU_ASSERT_STRING_EQUAL (((DcAssignment *) g_ptr_array_index (all, 0))->to, "2026-04-01");
  test_rmdir (dir);
}

static void
test_overlaps_are_conflicts (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000101", "2025-04-01", "2026-04-01", &error));
  /* Starting inside a closed range. */
  CU_ASSERT_FALSE (dc_post_assign (store, "kacho", "000102", "2025-10-01", NULL, &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_CONFLICT);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "already held by 000101"));
  g_clear_error (&error);
  /* Ending after an existing start. */
  CU_ASSERT_FALSE (dc_post_assign (store, "kacho", "000102", "2024-04-01", "2025-05-01", &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_CONFLICT);
  g_clear_error (&error);
  /* Before it, touching: fine (ranges are half-open). */
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000102", "2024-04-01", "2025-04-01", &error));
  /* An end before the start. */
  CU_ASSERT_FALSE (dc_post_assign (store, "kacho", "000102", "2027-04-01", "2027-03-01", &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_INVALID);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_post_assign (store, "kacho", "999999", "2027-04-01", NULL, &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_post_assign (store, "kacho", "000102", "4月1日", NULL, &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_INVALID);
  g_clear_error (&error);
  test_rmdir (dir);
}

static void
test_one_person_two_posts (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000101", "2026-04-01", NULL, &error));
  CU_ASSERT_TRUE (dc_post_assign (store, "kakaricho", "000101", "2026-04-01", NULL, &error));
  ASSERT_HOLDER (store, "kacho", "2026-05-01", "000101");
  ASSERT_HOLDER (store, "kakaricho", "2026-05-01", "000101");
  g_autoptr (GPtrArray) everyone = dc_post_holders_on (store, NULL, "2026-05-01", &error);
  CU_ASSERT_EQUAL (everyone->len, 2);
  test_rmdir (dir);
}

TEST_MAIN ("post",
           { "a transfer moves the post, not the assets", test_reassignment_and_responsibility_on_a_date },
           { "overlapping assignments are conflicts", test_overlaps_are_conflicts },
           { "one person may hold two posts", test_one_person_two_posts })
