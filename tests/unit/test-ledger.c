/* engines: both (under make check DB=postgresql its registers are on a server) */
/* reports: the ledger workbook, the CSV ledger and the asset export, read
 * back from the files (unzip + libxml2 on the sheet XML). */
#include "testlib.h"
#include "dc-ledger-xlsx.h"
#include "base/dc-csv-inject.h"
#include "xlsx-check.h"

#include <sys/stat.h>

/* The register for these tests: the small org plus assets in a second
 * section, one with a formula-like name. */
static DcStore *
ledger_register (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);  /* A-0001 住宅課 C3 */
  GError *error = NULL;
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "doboku", "name", "土木課[道路]/維持", "parent", "kensetsu", NULL));
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "type", "document", "name", "=HYPERLINK(\"http://x\",\"y\")",
                            "c", "1", "i", "1", "a", "1", "section", "doboku", "post", "kakaricho",
                            "main_items", "+cmd|' /C calc'!A0", NULL));
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "type", "hardware", "name", "端末〜予備機",
                            "c", "2", "i", "2", "a", "3", "section", "doboku", "post", "kakaricho",
                            "personal_info", "個人情報", NULL));
  /* 政 is U+653F: its low byte is '?', which a sheet name may not hold. */
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "joho", "name", "情報政策課", NULL));
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "type", "software", "name", "グループウェア",
                            "c", "2", "i", "2", "a", "2", "section", "joho", "post", "kakaricho", NULL));
  g_assert_no_error (error);
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000101", "2025-04-01", NULL, &error));
  return store;
}

static void
test_workbook_sheets_headers_rows (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = ledger_register (dir);
  g_autofree char *path = g_build_filename (dir, "台帳.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcLedger) ledger = dc_ledger_new (store, "2026-11-22", FALSE, &error);
  CU_ASSERT_TRUE_FATAL (dc_ledger_write_xlsx (ledger, NULL, path, &error));

  struct stat st;
  CU_ASSERT_EQUAL (stat (path, &st), 0);
  CU_ASSERT_EQUAL (st.st_mode & 0777, 0600);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (listing));)
    CU_ASSERT_PTR_NULL (strstr (name, ".tmp-"));

  Xml book = xml_of (path, "xl/workbook.xml");
  CU_ASSERT_EQUAL (xcount (&book, "//x:sheet"), 5);
  g_autofree char *s1 = xstring (&book, "//x:sheet[1]/@name");
  g_autofree char *s2 = xstring (&book, "//x:sheet[2]/@name");
  g_autofree char *s3 = xstring (&book, "//x:sheet[3]/@name");
  g_autofree char *s4 = xstring (&book, "//x:sheet[4]/@name");
  g_autofree char *s5 = xstring (&book, "//x:sheet[5]/@name");
  CU_ASSERT_STRING_EQUAL (s1, "全体");
  CU_ASSERT_STRING_EQUAL (s2, "土木課_道路__維持");  /* []/ are not allowed in sheet names */
  CU_ASSERT_STRING_EQUAL (s3, "情報政策課");
  CU_ASSERT_STRING_EQUAL (s4, "住宅課");
  CU_ASSERT_STRING_EQUAL (s5, "集計");
  /* The header row repeats on every printed page. */
  CU_ASSERT_EQUAL (xcount (&book, "//x:definedName[@name='_xlnm.Print_Titles']"), 4);
  xml_free (&book);

  Xml all = xml_of (path, "xl/worksheets/sheet1.xml");
  CU_ASSERT_EQUAL (xcount (&all, "//x:sheetData/x:row"), 5);  /* header + 4 assets */
  g_autofree char *a1 = xstring (&all, "//x:row[1]/x:c[1]//x:t");
  g_autofree char *c1 = xstring (&all, "//x:row[1]/x:c[3]//x:t");
  g_autofree char *f1 = xstring (&all, "//x:row[1]/x:c[6]//x:t");
  CU_ASSERT_STRING_EQUAL (a1, "資産番号");
  CU_ASSERT_STRING_EQUAL (c1, "資産名称");
  CU_ASSERT_STRING_EQUAL (f1, "機密性");
  /* Levels as "3 課外秘", 重要度 a number, the holder of the post on the date. */
  g_autofree char *level = xstring (&all, "//x:row[2]/x:c[6]//x:t");
  CU_ASSERT_STRING_EQUAL (level, "3 課外秘");
  g_autofree char *value_type = xstring (&all, "//x:row[2]/x:c[9]/@t");
  g_autofree char *value = xstring (&all, "//x:row[2]/x:c[9]/x:v");
  CU_ASSERT_STRING_EQUAL (value_type, "");
  CU_ASSERT_STRING_EQUAL (value, "3");
  g_autofree char *holder = xstring (&all, "//x:row[2]/x:c[14]//x:t");
  CU_ASSERT_STRING_EQUAL (holder, "住宅 一郎");
  /* Data never becomes a formula. */
  CU_ASSERT_EQUAL (xcount (&all, "//x:f"), 0);
  g_autofree char *formula_like = xstring (&all, "//x:row[3]/x:c[3]//x:t");
  CU_ASSERT_STRING_EQUAL (formula_like, "=HYPERLINK(\"http://x\",\"y\")");
  /* Print: A4 landscape, one page wide, frozen header, filter, header and footer. */
  CU_ASSERT_EQUAL (xcount (&all, "//x:pageSetup[@orientation='landscape' and @paperSize='9' and @fitToHeight='0']"), 1);
  CU_ASSERT_EQUAL (xcount (&all, "//x:sheetPr/x:pageSetUpPr[@fitToPage='1']"), 1);
  CU_ASSERT_EQUAL (xcount (&all, "//x:pane[@state='frozen' and @ySplit='1']"), 1);
  CU_ASSERT_EQUAL (xcount (&all, "//x:autoFilter"), 1);
  g_autofree char *header = xstring (&all, "//x:oddHeader");
  g_autofree char *footer = xstring (&all, "//x:oddFooter");
  CU_ASSERT_PTR_NOT_NULL (strstr (header, "取扱注意"));
  CU_ASSERT_PTR_NOT_NULL (strstr (header, "テスト市"));
  CU_ASSERT_PTR_NOT_NULL (strstr (header, "2026-11-22"));
  CU_ASSERT_STRING_EQUAL (footer, "&C&P / &N");
  xml_free (&all);

  /* 土木課 holds nothing at C ≥ 3: no handling mark on its sheet. */
  Xml doboku = xml_of (path, "xl/worksheets/sheet2.xml");
  CU_ASSERT_EQUAL (xcount (&doboku, "//x:sheetData/x:row"), 3);
  g_autofree char *doboku_header = xstring (&doboku, "//x:oddHeader");
  CU_ASSERT_PTR_NULL (strstr (doboku_header, "取扱注意"));
  CU_ASSERT_PTR_NOT_NULL (strstr (doboku_header, "土木課[道路]/維持"));
  xml_free (&doboku);

  /* The project's own reader sees the same: text stays text, 重要度 a number. */
  DcTableOptions options = { .sheet = "全体" };
  g_autoptr (DcTable) table = dc_table_open (path, &options, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (table);
  GPtrArray *cells = NULL;
  guint row = 0, rows = 0;
  while (dc_table_next_row (table, &cells, &row, &error)) {
    rows++;
    if (row != 3)
      continue;
    const DcCell *name = g_ptr_array_index (cells, 2), *importance = g_ptr_array_index (cells, 8);
    CU_ASSERT_EQUAL (name->type, DC_CELL_STRING);
    CU_ASSERT_STRING_EQUAL (name->text, "=HYPERLINK(\"http://x\",\"y\")");
    CU_ASSERT_EQUAL (importance->type, DC_CELL_NUMBER);
    CU_ASSERT_STRING_EQUAL (importance->text, "1");
  }
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (rows, 5);

  /* 集計: counts, and a chart. */
  Xml summary = xml_of (path, "xl/worksheets/sheet5.xml");
  CU_ASSERT_EQUAL (xcount (&summary, "//x:drawing"), 1);
  xml_free (&summary);
  g_autofree char *chart = zip_entry (path, "xl/charts/chart1.xml");
  CU_ASSERT_PTR_NOT_NULL (chart);
  test_rmdir (dir);
}

static void
test_filters_and_english (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = ledger_register (dir);
  g_autofree char *path = g_build_filename (dir, "en.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcLedger) ledger = dc_ledger_new (store, "2026-11-22", TRUE, &error);
  DcLedgerFilter filter = { "doboku", NULL, NULL };
  CU_ASSERT_TRUE_FATAL (dc_ledger_write_xlsx (ledger, &filter, path, &error));
  Xml book = xml_of (path, "xl/workbook.xml");
  CU_ASSERT_EQUAL (xcount (&book, "//x:sheet"), 3);
  g_autofree char *first = xstring (&book, "//x:sheet[1]/@name");
  CU_ASSERT_STRING_EQUAL (first, "All");
  xml_free (&book);
  Xml all = xml_of (path, "xl/worksheets/sheet1.xml");
  CU_ASSERT_EQUAL (xcount (&all, "//x:sheetData/x:row"), 3);
  g_autofree char *header = xstring (&all, "//x:row[1]/x:c[3]//x:t");
  CU_ASSERT_STRING_EQUAL (header, "Name");
  xml_free (&all);
  test_rmdir (dir);
}

static char *
read_file (const char *path, gsize *length)
{
  char *data = NULL;
  g_assert_true (g_file_get_contents (path, &data, length, NULL));
  return data;
}

static void
test_csv_bom_and_neutralised (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = ledger_register (dir);
  g_autofree char *path = g_build_filename (dir, "台帳.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcLedger) ledger = dc_ledger_new (store, "2026-11-22", FALSE, &error);
  CU_ASSERT_TRUE_FATAL (dc_ledger_write_csv (ledger, NULL, path, NULL, &error));
  gsize length = 0;
  g_autofree char *csv = read_file (path, &length);
  CU_ASSERT_TRUE (g_str_has_prefix (csv, "\xEF\xBB\xBF\"資産番号\",\"資産種別\",\"資産名称\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (csv, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (csv, "\"'+cmd|' /C calc'!A0\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (csv, "\r\n\"A-0001\""));
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);
  CU_ASSERT_EQUAL (g_strv_length (lines), 6);  /* header, 4 rows, and "" after the last CRLF */

  g_autofree char *neutral = dc_csv_neutralise ("'=1+1");
  CU_ASSERT_STRING_EQUAL (neutral, "''=1+1");
  g_autofree char *back = dc_csv_unneutralise (neutral);
  CU_ASSERT_STRING_EQUAL (back, "'=1+1");
  g_autofree char *plain = dc_csv_unneutralise ("'quoted");
  CU_ASSERT_STRING_EQUAL (plain, "'quoted");
  test_rmdir (dir);
}

static void
test_cp932_and_unencodable (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = ledger_register (dir);
  g_autofree char *path = g_build_filename (dir, "sjis.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcLedger) ledger = dc_ledger_new (store, "2026-11-22", FALSE, &error);
  CU_ASSERT_TRUE_FATAL (dc_ledger_write_csv (ledger, NULL, path, "cp932", &error));
  gsize length = 0;
  g_autofree char *bytes = read_file (path, &length);
  /* 資産番号 in Shift_JIS, no BOM; 〜 (U+301C) written as CP932's 0x8160. */
  CU_ASSERT_EQUAL (memcmp (bytes, "\"\x8E\x91\x8E\x59\x94\xD4\x8D\x86\"", 10), 0);
  CU_ASSERT_PTR_NOT_NULL (g_strstr_len (bytes, (gssize) length, "\x92\x5B\x96\x96\x81\x60"));

  /* A character CP932 lacks is an error naming the asset and the column, and
   * the file already there is left as it was. */
  g_autoptr (DcRecord) changes = dc_record_new (&dc_asset_kind);
  dc_record_set (changes, "note", "要確認😀", NULL);
  CU_ASSERT_TRUE_FATAL (dc_asset_edit (store, "A-0001", changes, &error));
  CU_ASSERT_FALSE (dc_ledger_write_csv (ledger, NULL, path, "cp932", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "A-0001, column 備考") : NULL);
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "U+1F600") : NULL);
  gsize again = 0;
  g_autofree char *unchanged = read_file (path, &again);
  CU_ASSERT_EQUAL (again, length);
  CU_ASSERT_EQUAL (memcmp (unchanged, bytes, length), 0);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (listing));)
    CU_ASSERT_PTR_NULL (strstr (name, ".tmp-"));
  test_rmdir (dir);
}

static void
test_asset_export_has_codes (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = ledger_register (dir);
  g_autofree char *path = g_build_filename (dir, "assets.csv", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_assets_write (store, NULL, path, DC_TABLE_CSV, "utf-8", &error));
  gsize length = 0;
  g_autofree char *csv = read_file (path, &length);
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);
  CU_ASSERT_TRUE (g_str_has_prefix (lines[0], "\"資産番号\",\"資産種別\",\"資産名称\",\"主要項目\",\"個人情報の有無\",\"機密性\""));
  CU_ASSERT_TRUE (g_str_has_prefix (lines[1], "\"A-0001\",\"data\",\"入居者台帳\",\"\",\"none\",\"3\",\"2\",\"1\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (lines[1], "\"jutaku\",\"kacho\""));
  g_autofree char *xlsx = g_build_filename (dir, "assets.xlsx", NULL);
  CU_ASSERT_TRUE (dc_assets_write (store, NULL, xlsx, DC_TABLE_XLSX, NULL, &error));
  Xml sheet = xml_of (xlsx, "xl/worksheets/sheet1.xml");
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:sheetData/x:row"), 5);
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:f"), 0);
  xml_free (&sheet);
  test_rmdir (dir);
}

static void
test_as_of_rebuilds_the_past (void)
{
  if (!test_file_only ("it places changes in the past with the history's clock; on a server the server stamps the time"))
    return;
  g_autofree char *dir = test_tmpdir ();
  static const char *const times[] = {
    "2025-03-01T00:00:00.000Z", "2025-03-01T00:00:00.001Z",          /* init, organisation */
    "2025-03-02T00:00:00.000Z", "2025-03-02T00:00:00.001Z", "2025-03-02T00:00:00.002Z",
    "2025-03-02T00:00:00.003Z", "2025-03-02T00:00:00.004Z", "2025-03-02T00:00:00.005Z",
    "2025-03-02T00:00:00.006Z",                                        /* small org + A-0001 */
    "2025-04-01T01:00:00.000Z",                                        /* assign 000101 */
    "2025-06-01T01:00:00.000Z",                                        /* A-0001 to C4 */
    "2026-04-01T01:00:00.000Z",                                        /* assign 000102 */
    NULL
  };
  test_clock (times);
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000101", "2025-04-01", NULL, &error));
  g_autoptr (DcRecord) changes = dc_record_new (&dc_asset_kind);
  dc_record_set (changes, "c", "4", NULL);
  CU_ASSERT_TRUE (dc_asset_edit (store, "A-0001", changes, &error));
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000102", "2026-04-01", NULL, &error));
  test_clock (NULL);

  CU_ASSERT_TRUE_FATAL (dc_asof_rewind (store, "2025-05-01", &error));
  g_autoptr (DcRecord) then = dc_record_get_one (store, &dc_asset_kind, "A-0001", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (then);
  CU_ASSERT_STRING_EQUAL (dc_record_get (then, "c"), "3");
  CU_ASSERT_STRING_EQUAL (dc_record_display (then, "section"), "住宅課");
  g_autoptr (GPtrArray) holders = dc_post_holders_on (store, "kacho", "2025-05-01", &error);
  CU_ASSERT_EQUAL_FATAL (holders->len, 1);
  CU_ASSERT_STRING_EQUAL (((DcAssignment *) g_ptr_array_index (holders, 0))->employee_no, "000101");
  /* The past is read-only. */
  CU_ASSERT_FALSE (dc_asset_retire (store, "A-0001", NULL, &error));
  g_clear_error (&error);
  /* The ledger of that date. */
  g_autofree char *path = g_build_filename (dir, "then.csv", NULL);
  g_autoptr (DcLedger) ledger = dc_ledger_new (store, dc_store_as_of (store), FALSE, &error);
  CU_ASSERT_TRUE_FATAL (dc_ledger_write_csv (ledger, NULL, path, "utf-8", &error));
  gsize length = 0;
  g_autofree char *csv = read_file (path, &length);
  CU_ASSERT_PTR_NOT_NULL (strstr (csv, "\"3 課外秘\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (csv, "\"住宅 一郎\""));
  CU_ASSERT_PTR_NULL (strstr (csv, "4 極秘"));
  test_rmdir (dir);

  /* Before the register existed, nothing. */
  g_autofree char *dir2 = test_tmpdir ();
  g_autoptr (DcStore) fresh = test_register (dir2, "chitose");
  test_small_org (fresh);
  CU_ASSERT_TRUE (dc_asof_rewind (fresh, "2020-01-01", &error));
  g_autoptr (GPtrArray) none = dc_record_list (fresh, &dc_asset_kind, NULL, 0, &error);
  CU_ASSERT_EQUAL (none->len, 0);
  test_rmdir (dir2);
}

/* Sheet names Excel accepts: "History" is reserved, and 31 characters are
 * counted in UTF-16 units (𠮷 counts two). */
static void
test_sheet_names_excel_accepts (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  g_autoptr (GString) long_name = g_string_new (NULL);
  for (int i = 0; i < 20; i++)
    g_string_append (long_name, "𠮷");
  g_autoptr (GString) amp_name = g_string_new ("道路&河川");
  for (int i = 0; i < 90; i++)
    g_string_append (amp_name, "課");
  const char *sections[][2] = { { "amp", amp_name->str }, { "hist", "History" },
                                { "long", long_name->str } };
  for (gsize i = 0; i < G_N_ELEMENTS (sections); i++) {
    CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", sections[i][0], "name", sections[i][1], NULL));
    CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "type", "data", "name", "x", "c", "1", "i", "1",
                              "a", "1", "section", sections[i][0], "post", "kacho", NULL));
  }
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "names.xlsx", NULL);
  g_autoptr (DcLedger) ledger = dc_ledger_new (store, "2026-11-22", FALSE, &error);
  CU_ASSERT_TRUE_FATAL (dc_ledger_write_xlsx (ledger, NULL, path, &error));
  Xml book = xml_of (path, "xl/workbook.xml");
  g_autofree char *hist = xstring (&book, "//x:sheet[3]/@name");
  g_autofree char *longest = xstring (&book, "//x:sheet[5]/@name");
  CU_ASSERT_STRING_EQUAL (hist, "History(2)");
  CU_ASSERT_EQUAL (g_utf8_strlen (longest, -1), 15);
  xml_free (&book);
  /* A long section name is shortened in the page header, its & kept escaped. */
  Xml amp = xml_of (path, "xl/worksheets/sheet2.xml");
  g_autofree char *header = xstring (&amp, "//x:oddHeader");
  CU_ASSERT_PTR_NOT_NULL (strstr (header, "道路&&河川課"));
  CU_ASSERT_TRUE (g_utf8_strlen (header, -1) <= 255);  /* characters, as Excel counts */
  xml_free (&amp);
  test_rmdir (dir);
}

TEST_MAIN ("ledger",
           { "sheet names Excel accepts", test_sheet_names_excel_accepts },
           { "workbook: sheets, headers, rows, no formulas, print settings, marks", test_workbook_sheets_headers_rows },
           { "filters and English headers", test_filters_and_english },
           { "CSV: UTF-8 with BOM, CRLF, injection neutralised", test_csv_bom_and_neutralised },
           { "CSV in CP932; an unencodable character is an error, the old file kept", test_cp932_and_unencodable },
           { "the asset export carries codes for import", test_asset_export_has_codes },
           { "--as-of rebuilds the register from history", test_as_of_rebuilds_the_past })
