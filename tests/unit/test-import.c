/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-header and dc-import-assets: finding headers in office ledgers, and
 * importing all or nothing. */
#include "testlib.h"
#include "store/dc-engine.h"   /* the engine's own view of the transaction */

static char *
ledger (const char *name)
{
  const char *root = g_getenv ("DAICHO_ROOT") ? g_getenv ("DAICHO_ROOT") : ".";
  return g_build_filename (root, "fixtures", "ledgers", name, NULL);
}

static void
test_header_below_title_with_merged_group (void)
{
  g_autofree char *path = ledger ("office-ledger.xlsx");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (table);
  const char *const required[] = { "name", NULL };
  g_autoptr (DcHeader) header = dc_header_detect (table, dc_asset_header_synonyms, required, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (header);
  CU_ASSERT_EQUAL (header->header_row, 5);
  CU_ASSERT_EQUAL (header->first_data_row, 6);
  /* A4:A5 "No." merged down; F4:H4 重要性分類 over 機密性/完全性/可用性. */
  CU_ASSERT_EQUAL (dc_header_column (header, "code"), 0);
  CU_ASSERT_EQUAL (dc_header_column (header, "name"), 2);
  CU_ASSERT_EQUAL (dc_header_column (header, "c"), 5);
  CU_ASSERT_EQUAL (dc_header_column (header, "i"), 6);
  CU_ASSERT_EQUAL (dc_header_column (header, "a"), 7);
  CU_ASSERT_EQUAL (dc_header_column (header, "section"), 10);
  CU_ASSERT_EQUAL (dc_header_column (header, "created_on"), 14);
  CU_ASSERT_EQUAL (dc_header_column (header, "status"), -1);
  CU_ASSERT_STRING_EQUAL (g_ptr_array_index (header->headers, 16), "担当者メモ");
  CU_ASSERT_PTR_NULL (g_ptr_array_index (header->fields, 16));
  CU_ASSERT_EQUAL (header->rows->len, 5);
  CU_ASSERT_EQUAL (g_array_index (header->row_numbers, guint, 0), 6);
}

static void
test_header_words_and_map (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "x.csv", NULL);
  CU_ASSERT_TRUE (g_file_set_contents (csv, "台帳\n\n資産 名称,閲覧・更新制限,秘匿度\nサーバ,課内,3\n", -1, NULL));
  g_autoptr (GError) error = NULL;
  const char *const required[] = { "name", NULL };
  g_autoptr (DcTable) table = dc_table_open (csv, NULL, &error);
  g_autoptr (DcHeader) header = dc_header_detect (table, dc_asset_header_synonyms, required, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (header);
  CU_ASSERT_EQUAL (header->header_row, 3);
  CU_ASSERT_EQUAL (dc_header_column (header, "name"), 0);               /* spaces ignored */
  CU_ASSERT_EQUAL (dc_header_column (header, "access_restriction"), 1);
  CU_ASSERT_EQUAL (dc_header_column (header, "c"), -1);

  g_autofree char *map_path = g_build_filename (dir, "map.ini", NULL);
  CU_ASSERT_TRUE (g_file_set_contents (map_path, "[columns]\nc = 秘匿度\n[options]\nheader_row = 3\n", -1, NULL));
  g_autoptr (GHashTable) map = dc_header_read_map (map_path, &error);
  g_autoptr (DcTable) again = dc_table_open (csv, NULL, &error);
  g_autoptr (DcHeader) mapped = dc_header_detect (again, dc_asset_header_synonyms, required, map, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (mapped);
  CU_ASSERT_EQUAL (dc_header_column (mapped, "c"), 2);

  /* No header at all: the error says what it looked for. */
  CU_ASSERT_TRUE (g_file_set_contents (csv, "a,b,c\n1,2,3\n", -1, NULL));
  g_autoptr (DcTable) none = dc_table_open (csv, NULL, &error);
  CU_ASSERT_PTR_NULL (dc_header_detect (none, dc_asset_header_synonyms, required, NULL, &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "no header row found") : NULL);
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "資産名称") : NULL);
  test_rmdir (dir);
}

static DcStore *
jutaku_register (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  GError *error = NULL;
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "jutaku", "name", "住宅課", NULL));
  const char *posts[][2] = { { "jutaku-kacho", "住宅課長" }, { "jutaku-kakaricho", "住宅課管理係長" },
                             { "jutaku-kanri-tanto-kacho", "住宅管理担当課長" } };
  for (gsize i = 0; i < G_N_ELEMENTS (posts); i++)
    CU_ASSERT_TRUE (test_add (store, &dc_post_kind, &error, "code", posts[i][0], "name", posts[i][1],
                              "section", "jutaku", NULL));
  g_assert_no_error (error);
  return store;
}

static void
test_import_all_or_nothing (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = jutaku_register (dir);
  gint64 history = test_count (store, "history");
  g_autofree char *bad = ledger ("office-ledger-bad.xlsx");
  DcImportOptions options = { 0 };
  g_auto (DcImportAssetsReport) report;
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (dc_import_assets (store, bad, &options, &report, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_INVALID));
  CU_ASSERT_EQUAL (report.problems->len, 5);
  CU_ASSERT_EQUAL (test_count (store, "asset"), 0);
  CU_ASSERT_EQUAL (test_count (store, "history"), history);
  CU_ASSERT_TRUE (store->engine->outside_transaction (store));

  g_autofree char *good = ledger ("office-ledger.xlsx");
  g_clear_error (&error);
  dc_import_assets_report_clear (&report);
  options.dry_run = TRUE;
  CU_ASSERT_TRUE (dc_import_assets (store, good, &options, &report, &error));
  CU_ASSERT_EQUAL (report.added, 5);
  CU_ASSERT_EQUAL (test_count (store, "asset"), 0);
  dc_import_assets_report_clear (&report);
  options.dry_run = FALSE;
  CU_ASSERT_TRUE (dc_import_assets (store, good, &options, &report, &error));
  CU_ASSERT_EQUAL (test_count (store, "asset"), 5);
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 5);
  DcImportItem *first = g_ptr_array_index (report.items, 0);
  CU_ASSERT_EQUAL (first->row, 6);
  CU_ASSERT_STRING_EQUAL (first->code, "J-001");
  CU_ASSERT_STRING_EQUAL (first->action, "add");
  CU_ASSERT_STRING_EQUAL (report.sheet, "台帳");

  /* Again: every code is a conflict, and only conflicts. */
  dc_import_assets_report_clear (&report);
  CU_ASSERT_FALSE (dc_import_assets (store, good, &options, &report, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT));
  g_clear_error (&error);
  dc_import_assets_report_clear (&report);
  options.mode = DC_IMPORT_UPDATE;
  CU_ASSERT_TRUE (dc_import_assets (store, good, &options, &report, &error));
  CU_ASSERT_EQUAL (report.unchanged, 5);
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 5);
  test_rmdir (dir);
}

/* Every problem of a row is reported, and codes are matched trimmed. */
static void
test_problems_of_one_row_and_trimmed_codes (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = jutaku_register (dir);
  g_autofree char *csv = g_build_filename (dir, "x.csv", NULL);
  CU_ASSERT_TRUE (g_file_set_contents (
      csv, "資産番号,資産名称,資産種別,機密性,完全性,可用性,所管課,管理責任者\n"
           "X-1,,紙,1,1,1,住宅課,\n"
           " X-2 ,サーバ,ハード,1,1,1,住宅課,住宅課長\n", -1, NULL));
  DcImportOptions options = { 0 };
  g_auto (DcImportAssetsReport) report;
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (dc_import_assets (store, csv, &options, &report, &error));
  /* Row 2: a bad type, and no name, and no post: three problems. */
  CU_ASSERT_EQUAL (report.problems->len, 3);
  g_clear_error (&error);
  dc_import_assets_report_clear (&report);
  CU_ASSERT_TRUE (g_file_set_contents (
      csv, "資産番号,資産名称,資産種別,機密性,完全性,可用性,所管課,管理責任者\n"
           " X-2 ,サーバ,ハード,1,1,1,住宅課,住宅課長\n", -1, NULL));
  CU_ASSERT_TRUE (dc_import_assets (store, csv, &options, &report, &error));
  dc_import_assets_report_clear (&report);
  /* The same code, written without spaces, is the same asset. */
  CU_ASSERT_TRUE (g_file_set_contents (
      csv, "資産番号,資産名称,資産種別,機密性,完全性,可用性,所管課,管理責任者\n"
           "X-2,サーバ,ハード,1,1,1,住宅課,住宅課長\n", -1, NULL));
  options.mode = DC_IMPORT_UPDATE;
  CU_ASSERT_TRUE (dc_import_assets (store, csv, &options, &report, &error));
  CU_ASSERT_EQUAL (report.unchanged, 1);
  CU_ASSERT_EQUAL (test_count (store, "asset"), 1);
  test_rmdir (dir);
}

TEST_MAIN ("import",
           { "every problem of a row; codes matched trimmed", test_problems_of_one_row_and_trimmed_codes },
           { "header below a title, two rows with a merged group", test_header_below_title_with_merged_group },
           { "header words, spaces, a mapping file, no header", test_header_words_and_map },
           { "import: all or nothing, dry run, conflicts, updates", test_import_all_or_nothing })
