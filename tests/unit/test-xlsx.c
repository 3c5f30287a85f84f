#include "tables.h"
#include "readers/dc-zip.h"

static void
test_openpyxl (void)
{
  g_autofree char *path = fixture ("openpyxl.xlsx");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
  g_assert_no_error (error);
  CU_ASSERT_STRING_EQUAL (dc_table_info (table)->sheet, "台帳");
  CU_ASSERT_PTR_NULL (dc_table_info (table)->encoding);
  g_auto (GStrv) names = dc_table_sheet_names (table);
  CU_ASSERT_EQUAL (g_strv_length (names), 3);
  CU_ASSERT_STRING_EQUAL (names[0], "台帳");
  CU_ASSERT_STRING_EQUAL (names[1], "職員");
  CU_ASSERT_STRING_EQUAL (names[2], "空");

  /* The two-row header: 評価値 over C1:E1, the others over two rows. */
  GArray *merges = dc_table_merges (table);
  static const DcCellRange expected[] = {
    { 1, 0, 2, 0 }, { 1, 1, 2, 1 }, { 1, 2, 1, 4 }, { 1, 5, 2, 5 }, { 1, 6, 2, 6 },
  };
  CU_ASSERT_EQUAL_FATAL (merges->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < merges->len; i++)
    CU_ASSERT_EQUAL (memcmp (&g_array_index (merges, DcCellRange, i), &expected[i], sizeof expected[i]), 0);

  GPtrArray *cells;
  guint row;
  CU_ASSERT_TRUE (dc_table_next_row (table, &cells, &row, &error));
  CU_ASSERT_EQUAL (row, 1);
  g_autofree char *rest = table_dump (table, &error);
  g_assert_no_error (error);
  /* The employee number stored as text keeps its zeros; row 6 is absent. */
  CU_ASSERT_STRING_EQUAL (rest,
    "2: e<> e<> s<機密性> s<完全性> s<可用性>\n"
    "3: s<A-0001> s<入居者台帳> n<3> n<2> n<1> d<2024-04-01> s<000123>\n"
    "4: s<A-0002> s<住民基本台帳> n<3> n<3> n<2> d<2025-03-31T09:30:00> s<001001>\n"
    "5: s<A-0003> s<ＦＵＬＬ　ｗｉｄｔｈ> n<0.5> n<1e+20> b<TRUE> e<> s<000007> b<FALSE>\n"
    "7: s<7行目>\n");
  g_autofree char *location = dc_table_location (table, 5, 2, "機密性");
  CU_ASSERT_STRING_EQUAL (location, "openpyxl.xlsx, sheet 台帳, row 5, column C (機密性)");
}

static void
test_cell_values (void)
{
  g_autofree char *path = fixture ("openpyxl.xlsx");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
  g_assert_no_error (error);
  GPtrArray *cells;
  guint row;
  for (int i = 0; i < 3; i++)
    CU_ASSERT_TRUE_FATAL (dc_table_next_row (table, &cells, &row, &error));
  CU_ASSERT_EQUAL (row, 3);
  DcCell *date = cells->pdata[5];
  CU_ASSERT_EQUAL (date->type, DC_CELL_DATE);
  CU_ASSERT_DOUBLE_EQUAL (date->number, 45383, 1e-9);
  DcCell *number = cells->pdata[2];
  CU_ASSERT_EQUAL (number->type, DC_CELL_NUMBER);
  CU_ASSERT_DOUBLE_EQUAL (number->number, 3, 1e-9);
  CU_ASSERT_TRUE_FATAL (dc_table_next_row (table, &cells, &row, &error));
  CU_ASSERT_TRUE_FATAL (dc_table_next_row (table, &cells, &row, &error));
  DcCell *yes = cells->pdata[4];
  CU_ASSERT_EQUAL (yes->type, DC_CELL_BOOL);
  CU_ASSERT_DOUBLE_EQUAL (yes->number, 1, 0);
}

static void
test_sheet_choice (void)
{
  DcTableOptions by_name = { .sheet = "職員" };
  ASSERT_DUMP ("openpyxl.xlsx", &by_name, "1: s<職員番号> s<氏名>\n2: s<000101> s<住宅 一郎>\n");
  DcTableOptions by_index = { .sheet_index = 2 };
  ASSERT_DUMP ("openpyxl.xlsx", &by_index, "1: s<職員番号> s<氏名>\n2: s<000101> s<住宅 一郎>\n");
  DcTableOptions empty = { .sheet_index = 3 };
  ASSERT_DUMP ("openpyxl.xlsx", &empty, "");
  DcTableOptions ignoring_case = { .sheet = "sheet2" };
  ASSERT_DUMP ("xlsxwriter.xlsx", &ignoring_case, "");

  g_autofree char *path = fixture ("openpyxl.xlsx");
  g_autoptr (GError) error = NULL;
  DcTableOptions unknown = { .sheet = "資産" };
  g_autoptr (DcTable) table = dc_table_open (path, &unknown, &error);
  CU_ASSERT_PTR_NULL (table);
  CU_ASSERT_TRUE (error_says (error, DC_XLSX_ERROR, DC_ERROR_NOT_FOUND, "openpyxl.xlsx", "資産",
                              "台帳, 職員, 空", NULL));
  g_clear_error (&error);
  DcTableOptions too_far = { .sheet_index = 4 };
  g_autoptr (DcTable) none = dc_table_open (path, &too_far, &error);
  CU_ASSERT_TRUE (error_says (error, DC_XLSX_ERROR, DC_ERROR_NOT_FOUND, "number 4", "台帳, 職員, 空", NULL));
}

static void
test_1904 (void)
{
  ASSERT_DUMP ("openpyxl-1904.xlsx", NULL, "1: s<日付>\n2: d<2024-04-01>\n3: d<1904-01-02>\n");
}

/* libxlsxwriter writes shared strings, or inline strings in constant_memory mode. */
static void
test_libxlsxwriter (void)
{
  static const char expected[] =
    "1: s<資産番号> s<名称> s<取得日> s<金額> s<個人情報> s<更新>\n"
    "2: s<A-0001> s<入居者台帳> d<2024-04-01> n<1234567> b<TRUE> d<2025-03-31T17:30:15>\n"
    "3: s<A-0002> s<住民票写し交付簿> e<> n<0.1> b<FALSE>\n"
    "5: e<> e<> e<> e<> e<> e<> e<> s<H列>\n"
    "7: s<結合セル>\n";
  ASSERT_DUMP ("xlsxwriter.xlsx", NULL, expected);
  ASSERT_DUMP ("xlsxwriter-inline.xlsx", NULL, expected);
  g_autofree char *path = fixture ("xlsxwriter-inline.xlsx");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
  g_assert_no_error (error);
  GArray *merges = dc_table_merges (table);
  CU_ASSERT_EQUAL_FATAL (merges->len, 1);
  DcCellRange *range = &g_array_index (merges, DcCellRange, 0);
  CU_ASSERT_TRUE (range->first_row == 7 && range->first_col == 0 && range->last_row == 7 && range->last_col == 2);
}

/* LibreOffice's CSV import turned 000123 into the number 123, as Excel does. */
static void
test_libreoffice (void)
{
  ASSERT_DUMP ("libreoffice.xlsx", NULL,
               "1: s<職員番号> s<氏名> s<採用日> s<係数>\n"
               "2: n<123> s<住宅 一郎> d<2020-04-01> n<1.5>\n"
               "3: n<456> s<環境 花子> d<2021-10-01> n<2>\n");
}

/* Excel's habits: furigana (rPh) left out, _x000D_, inline rich text,
 * formula strings, errors, Japanese-era date formats, rows without r. */
static void
test_excel_like (void)
{
  ASSERT_DUMP ("excel-like.xlsx", NULL,
               "1: s<資産名称> s<東京 太郎> s<行1\r\n行2> s<鈴木>\n"
               "2: s<インライン> s<リッチテキスト> s<インライン!> e<> s<#DIV/0!>\n"
               "3: d<2024-04-01> n<1200> d<1900-02-29> d<1900-02-28> d<1900-03-01T18:00:00>\n"
               "6: e<> b<TRUE> n<0> n<0.001> e<>\n");
}

static void
test_hostile_packages (void)
{
  static const struct { const char *file; const char *says; } cases[] = {
    { "hostile/bomb.xlsx", "zip bomb" },
    { "hostile/dotdot.xlsx", "“../../evil.txt” is absolute or leaves its folder" },
    { "hostile/absolute.xlsx", "“/etc/evil.txt”" },
    { "hostile/backslash.xlsx", "evil.txt" },
    { "hostile/doctype.xlsx", "entry xl/worksheets/sheet1.xml has a DOCTYPE (refused" },
    { "hostile/laughs.xlsx", "entry xl/sharedStrings.xml has a DOCTYPE (refused" },
    { "hostile/lying-size.xlsx", "xl/worksheets/sheet1.xml" },
    { "hostile/not-xlsx.xlsx", "not an xlsx workbook" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *path = fixture (cases[i].file);
    g_autoptr (GError) error = NULL;
    g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
    if (table) {   /* some refusals come with the rows */
      g_autofree char *dump = table_dump (table, &error);
    }
    CU_ASSERT_TRUE (error_says (error, DC_XLSX_ERROR, DC_ERROR_INVALID, cases[i].file, cases[i].says, NULL));
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (DcXlsx) missing = dc_xlsx_open ("/nonexistent.xlsx", &error);
  CU_ASSERT_TRUE (error_says (error, DC_XLSX_ERROR, DC_ERROR_IO, "/nonexistent.xlsx", NULL));
  g_clear_error (&error);
  /* Zip magic and then nothing a zip reader can use. */
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *garbage = g_build_filename (dir, "garbage.xlsx", NULL);
  CU_ASSERT_TRUE (g_file_set_contents (garbage, "PK\x03\x04 not really a zip", -1, NULL));
  g_autoptr (DcTable) table = dc_table_open (garbage, NULL, &error);
  CU_ASSERT_PTR_NULL (table);
  CU_ASSERT_TRUE (error_says (error, DC_XLSX_ERROR, DC_ERROR_INVALID, "garbage.xlsx", "not a readable zip", NULL));
  test_rmdir (dir);
}

static void
test_serials (void)
{
  static const struct { double serial; gboolean date1904; const char *text; } cases[] = {
    { 1, FALSE, "1900-01-01" },  { 59, FALSE, "1900-02-28" }, { 60, FALSE, "1900-02-29" },
    { 61, FALSE, "1900-03-01" }, { 45383, FALSE, "2024-04-01" }, { 45383.5, FALSE, "2024-04-01T12:00:00" },
    { 0.25, FALSE, "1899-12-31T06:00:00" }, { 2958465, FALSE, "9999-12-31" },
    { 45382.999999999, FALSE, "2024-04-01" },   /* rounds to the next midnight */
    { 0, TRUE, "1904-01-01" }, { 43921, TRUE, "2024-04-01" },
    { -1, FALSE, NULL }, { 2958466, FALSE, NULL }, { 2957004, TRUE, NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *text = dc_xlsx_serial_text (cases[i].serial, cases[i].date1904);
    if (cases[i].text) {
      CU_ASSERT_STRING_EQUAL (text, cases[i].text);
    } else {
      CU_ASSERT_PTR_NULL (text);
    }
  }
}

static void
test_formats_and_numbers (void)
{
  CU_ASSERT_TRUE (dc_xlsx_format_is_date (14, NULL));
  CU_ASSERT_TRUE (dc_xlsx_format_is_date (22, NULL));
  CU_ASSERT_TRUE (dc_xlsx_format_is_date (57, NULL));
  CU_ASSERT_FALSE (dc_xlsx_format_is_date (0, NULL));
  CU_ASSERT_FALSE (dc_xlsx_format_is_date (49, NULL));
  static const struct { const char *code; gboolean date; } codes[] = {
    { "General", FALSE }, { "0.00", FALSE }, { "#,##0\"円\"", FALSE }, { "[Red]0;[Blue]-0", FALSE },
    { "\"day\"0", FALSE }, { "@", FALSE }, { "0.00E+00", FALSE }, { "\\d0", FALSE },
    { "yyyy/m/d", TRUE }, { "[h]:mm", TRUE }, { "[$-411]ggge\"年\"m\"月\"d\"日\"", TRUE }, { "hh:mm:ss", TRUE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    CU_ASSERT_EQUAL (dc_xlsx_format_is_date (200, codes[i].code), codes[i].date);

  static const struct { double number; const char *text; } numbers[] = {
    { 123, "123" }, { 0.5, "0.5" }, { 1e20, "1e+20" }, { 0.1 + 0.2, "0.30000000000000004" },
    { -0.0, "0" }, { 1234567.891, "1234567.891" }, { -42, "-42" }, { 1e-7, "1e-07" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++) {
    g_autofree char *text = dc_cell_number_text (numbers[i].number);
    CU_ASSERT_STRING_EQUAL (text, numbers[i].text);
  }

  guint column, row;
  CU_ASSERT_TRUE (dc_xlsx_parse_ref ("C5", &column, &row) && column == 2 && row == 5);
  CU_ASSERT_TRUE (dc_xlsx_parse_ref ("XFD1048576", &column, &row) && column == 16383 && row == 1048576);
  CU_ASSERT_FALSE (dc_xlsx_parse_ref ("XFE1", &column, &row));
  CU_ASSERT_FALSE (dc_xlsx_parse_ref ("A1048577", &column, &row));
  CU_ASSERT_FALSE (dc_xlsx_parse_ref ("1A", &column, &row));
  CU_ASSERT_FALSE (dc_xlsx_parse_ref ("", &column, &row));
}

/* The look for merged ranges before a sheet's XML pass. */
static void
test_zip_contains (void)
{
  g_autofree char *path = fixture ("openpyxl.xlsx");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcZip) zip = dc_zip_open (path, &error);
  g_assert_no_error (error);
  gboolean found = FALSE;
  CU_ASSERT_TRUE (dc_zip_contains (zip, "xl/worksheets/sheet1.xml", "mergeCell", &found, &error));
  CU_ASSERT_TRUE (found);
  CU_ASSERT_TRUE (dc_zip_contains (zip, "xl/worksheets/sheet2.xml", "mergeCell", &found, &error));
  CU_ASSERT_FALSE (found);
  g_assert_no_error (error);
  CU_ASSERT_FALSE (dc_zip_contains (zip, "xl/worksheets/sheet9.xml", "mergeCell", &found, &error));
  CU_ASSERT_TRUE (error && error->code == DC_ERROR_NOT_FOUND);
}

TEST_MAIN ("xlsx",
           { "openpyxl: types, merged two-row header, text with zeros", test_openpyxl },
           { "cells carry serials, numbers and booleans", test_cell_values },
           { "sheets by name or index; unknown sheets listed", test_sheet_choice },
           { "the 1904 date system", test_1904 },
           { "libxlsxwriter: shared and inline strings, dates, gaps", test_libxlsxwriter },
           { "LibreOffice's conversion of a CSV", test_libreoffice },
           { "Excel's habits: furigana, escapes, errors, era dates", test_excel_like },
           { "zip bombs, unsafe names, DOCTYPE and non-xlsx are refused [SEC-INPUT-02]", test_hostile_packages },
           { "serials: 1900 leap-year bug, times, 1904, range", test_serials },
           { "date formats, number texts, cell references", test_formats_and_numbers },
           { "a look into a zip entry's bytes", test_zip_contains })
