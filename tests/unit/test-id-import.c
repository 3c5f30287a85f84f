/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-id-import: an ID register kept in Excel (fixtures/id/jutaku-ids.xlsx). */
#include "testlib.h"

static DcStore *
register_with_people (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  g_assert_true (test_add (store, &dc_person_kind, &error, "employee_no", "007733", "name", "松田恵子", NULL));
  g_assert_true (test_add (store, &dc_system_kind, &error, "code", "jutaku-sys", "name", "住宅管理システム",
                           "admin_post", "kacho", NULL));
  g_assert_no_error (error);
  return store;
}

static void
test_the_excel_register (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = register_with_people (dir);
  g_autofree char *path = test_fixture ("id", "jutaku-ids.xlsx");
  g_autoptr (GError) error = NULL;
  gint64 history = test_count (store, "history");
  DcImportOptions options = { { 0 }, DC_IMPORT_NEW_ONLY, FALSE };
  g_auto (DcImportAssetsReport) report;
  CU_ASSERT_TRUE (dc_id_import (store, "住宅管理システム", path, &options, &report, &error));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (report.added, 14);
  CU_ASSERT_EQUAL (report.header_row, 4);
  CU_ASSERT_STRING_EQUAL (report.sheet, "ID管理簿");
  CU_ASSERT_EQUAL (report.ignored->len, 1);            /* No */
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 14);
  g_autoptr (DcIdEntry) matsuda = dc_id_get (store, "jutaku-sys", "matsuda.k", &error);
  CU_ASSERT_STRING_EQUAL (matsuda->holder, "007733");  /* 7733, a number cell */
  CU_ASSERT_STRING_EQUAL (matsuda->approver, "住宅管理担当課長");
  CU_ASSERT_STRING_EQUAL (matsuda->approved_on, "2025-04-01");   /* a date cell */
  g_autoptr (DcIdEntry) old = dc_id_get (store, "jutaku-sys", "old.user", &error);
  CU_ASSERT_STRING_EQUAL (old->status, "revoked");
  CU_ASSERT_STRING_EQUAL (old->revoked_on, "2026-04-01");
  g_autoptr (DcIdEntry) shared = dc_id_get (store, "jutaku-sys", "kanri01", &error);
  CU_ASSERT_EQUAL (g_strv_length (shared->shared_users), 2);
  CU_ASSERT_PTR_NULL (shared->holder);
  /* Again: every login is a conflict, nothing changes. */
  g_auto (DcImportAssetsReport) again;
  CU_ASSERT_FALSE (dc_id_import (store, "jutaku-sys", path, &options, &again, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT));
  CU_ASSERT_EQUAL (again.problems->len, 14);
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 14);
  test_rmdir (dir);
}

static void
test_update_skip_and_problems (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = register_with_people (dir);
  g_autofree char *path = g_build_filename (dir, "ids.csv", NULL);
  g_assert_true (g_file_set_contents (path, "ユーザーID,権限,状態\na,照会,有効\nb,照会,削除\n", -1, NULL));
  g_autoptr (GError) error = NULL;
  DcImportOptions options = { { 0 }, DC_IMPORT_NEW_ONLY, FALSE };
  g_auto (DcImportAssetsReport) first;
  CU_ASSERT_TRUE (dc_id_import (store, "jutaku-sys", path, &options, &first, &error));
  g_autoptr (DcIdEntry) b = dc_id_get (store, "jutaku-sys", "b", &error);
  CU_ASSERT_STRING_EQUAL (b->revoked_on, "2026-11-22");   /* revoked without a date: today */
  g_assert_true (g_file_set_contents (path, "ユーザーID,権限,状態\nａ,照会;更新,\nb,,有効\nc,,\n", -1, NULL));
  options.mode = DC_IMPORT_UPDATE;
  g_auto (DcImportAssetsReport) update;
  CU_ASSERT_TRUE (dc_id_import (store, "jutaku-sys", path, &options, &update, &error));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (update.added, 1);
  CU_ASSERT_EQUAL (update.updated, 2);
  DcImportItem *item = g_ptr_array_index (update.items, 0);
  CU_ASSERT_STRING_EQUAL (item->code, "a");                /* ａ is a */
  CU_ASSERT_STRING_EQUAL (item->changes, "privileges: [\"照会\"] → [\"更新\",\"照会\"]");
  g_autoptr (DcIdEntry) b2 = dc_id_get (store, "jutaku-sys", "b", &error);
  CU_ASSERT_STRING_EQUAL (b2->status, "active");
  CU_ASSERT_PTR_NULL (b2->revoked_on);
  options.mode = DC_IMPORT_SKIP_EXISTING;
  g_auto (DcImportAssetsReport) skip;
  CU_ASSERT_TRUE (dc_id_import (store, "jutaku-sys", path, &options, &skip, &error));
  CU_ASSERT_EQUAL (skip.skipped, 3);
  g_assert_true (g_file_set_contents (path, "ユーザーID,種別\nx,魔法使い\n,一般\nx ,一般\n", -1, NULL));
  g_auto (DcImportAssetsReport) bad;
  CU_ASSERT_FALSE (dc_id_import (store, "jutaku-sys", path, &options, &bad, &error));
  CU_ASSERT_EQUAL (bad.problems->len, 3);
  CU_ASSERT_TRUE (strstr (bad.problems->pdata[0], "row 2, column B (種別)") != NULL);
  CU_ASSERT_TRUE (strstr (bad.problems->pdata[1], "row 3, column A (ユーザーID): ログインID (login ID) is empty") != NULL);
  CU_ASSERT_TRUE (strstr (bad.problems->pdata[2], "row 4, column A (ユーザーID): login x is already in row 2") != NULL);
  test_rmdir (dir);
}

TEST_MAIN ("id-import",
           { "the Excel ID register of 住宅管理システム", test_the_excel_register },
           { "update, skip and every problem listed", test_update_skip_and_problems })
