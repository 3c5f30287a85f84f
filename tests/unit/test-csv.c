#include "tables.h"

static void
test_cp932_detected (void)
{
  g_autofree char *path = fixture ("csv/cp932.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
  g_assert_no_error (error);
  CU_ASSERT_STRING_EQUAL (dc_table_info (table)->encoding, "CP932");
  CU_ASSERT_EQUAL (dc_table_info (table)->delimiter, ',');
  CU_ASSERT_PTR_NULL (dc_table_info (table)->sheet);
  /* Full-width digits, trailing spaces and CP932's ～ (U+FF5E) as they are. */
  g_autofree char *dump = table_dump (table, &error);
  g_assert_no_error (error);
  CU_ASSERT_STRING_EQUAL (dump, "1: s<職員番号> s<氏名> s<所属>\n"
                                "2: s<００１２３> s<住宅　一郎  > s<建設部\uFF5E住宅課>\n"
                                "3: s<000456> s<環境 花子　> s<市民部－環境課>\n");
}

static void
test_unicode_files_detected (void)
{
  static const struct { const char *file, *encoding; char delimiter; const char *dump; } cases[] = {
    { "csv/utf8-bom.csv", "UTF-8-BOM", ',', "1: s<資産番号> s<資産名称> s<機密性>\n2: s<A-0001> s<入居者台帳> s<3>\n" },
    { "csv/utf16le.txt", "UTF-16LE", '\t', "1: s<資産番号> s<資産名称> s<備考>\n2: s<A-0001> s<入居者台帳> s<カンマ,入り>\n" },
    { "csv/utf16be.txt", "UTF-16BE", '\t', "1: s<ID> s<名前>\n2: s<1> s<鈴木>\n" },
    { "csv/semicolon.csv", "UTF-8", ';', "1: s<code> s<name> s<note>\n2: s<1> s<Alpha> s<a,b>\n3: s<2> s<Beta> s<c,d>\n" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *path = fixture (cases[i].file);
    g_autoptr (GError) error = NULL;
    g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
    g_assert_no_error (error);
    CU_ASSERT_STRING_EQUAL (dc_table_info (table)->encoding, cases[i].encoding);
    CU_ASSERT_EQUAL (dc_table_info (table)->delimiter, cases[i].delimiter);
    g_autofree char *dump = table_dump (table, &error);
    g_assert_no_error (error);
    CU_ASSERT_STRING_EQUAL (dump, cases[i].dump);
  }
}

static void
test_overrides (void)
{
  DcTableOptions comma = { .delimiter = ',' };
  ASSERT_DUMP ("csv/semicolon.csv", &comma, "1: s<code;name;note>\n2: s<1;Alpha;a> s<b>\n3: s<2;Beta;c> s<d>\n");
  DcTableOptions sjis = { .encoding = "sjis" };
  g_autofree char *path = fixture ("csv/cp932.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, &sjis, &error);
  g_assert_no_error (error);
  CU_ASSERT_STRING_EQUAL (dc_table_info (table)->encoding, "CP932");
  /* Forcing UTF-8 on a CP932 file: 職 is 0x90 0x45, invalid at offset 0. */
  DcTableOptions utf8 = { .encoding = "utf-8" };
  g_autoptr (DcTable) wrong = dc_table_open (path, &utf8, &error);
  CU_ASSERT_PTR_NULL (wrong);
  CU_ASSERT_TRUE (error_says (error, DC_CSV_ERROR, DC_ERROR_INVALID, "cp932.csv", "0x90",
                              "not valid UTF-8", "byte offset 0 ", "row 1, column A", NULL));
  g_clear_error (&error);
  DcTableOptions latin = { .encoding = "latin9" };
  g_autoptr (DcTable) unknown = dc_table_open (path, &latin, &error);
  CU_ASSERT_TRUE (error_says (error, DC_CSV_ERROR, DC_ERROR_INVALID, "latin9", NULL));
}

static void
test_quoted_fields (void)
{
  /* Record numbers, not physical lines: row 2 spans two lines. */
  ASSERT_DUMP ("csv/quoted.csv", NULL,
               "1: s<id> s<memo> s<quote>\n"
               "2: s<1> s<一行目\r\n二行目> s<彼は\"はい\"と言った>\n"
               "3: s<2> e<> s<plain>\n"
               "4: s<3> s<a,b> e<>\n");
}

static void
test_invalid_bytes (void)
{
  g_autofree char *path = fixture ("csv/invalid-bytes.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
  CU_ASSERT_PTR_NULL (table);
  CU_ASSERT_TRUE (error_says (error, DC_CSV_ERROR, DC_ERROR_INVALID, "invalid-bytes.csv", "0x81",
                              "CP932", "byte offset 20 ", "row 3, column B", NULL));
}

static void
test_nul_refused (void)
{
  g_autofree char *path = fixture ("csv/nul.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
  CU_ASSERT_PTR_NULL (table);
  CU_ASSERT_TRUE (error_says (error, DC_CSV_ERROR, DC_ERROR_INVALID, "nul.csv", "NUL",
                              "byte offset 12 ", "row 2, column B", NULL));
  g_clear_error (&error);
  /* In UTF-16 a NUL is a zero code unit; offsets count bytes, BOM included. */
  static const guint8 utf16[] = { 0xFF, 0xFE, 'a', 0, '\t', 0, 0, 0 };
  g_autoptr (DcCsv) csv = dc_csv_new_from_data ("u16", utf16, sizeof utf16, NULL, 0, &error);
  CU_ASSERT_PTR_NULL (csv);
  CU_ASSERT_TRUE (error_says (error, DC_CSV_ERROR, DC_ERROR_INVALID, "NUL", "byte offset 6 ",
                              "row 1, column B", NULL));
}

static void
test_malformed_quotes (void)
{
  static const struct { const char *text, *message; } cases[] = {
    { "a,b\n1,\"open\n", "row 2, column B: a quoted field is not closed" },
    { "a,\"b\"x,c\n", "row 1, column B: text follows the closing quote" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (DcCsv) csv = dc_csv_new_from_data ("mem.csv", (const guint8 *) cases[i].text,
                                                  strlen (cases[i].text), NULL, 0, &error);
    g_assert_no_error (error);
    GPtrArray *fields;
    guint row;
    while (dc_csv_next_row (csv, &fields, &row, &error))
      ;
    CU_ASSERT_TRUE (error_says (error, DC_CSV_ERROR, DC_ERROR_INVALID, "mem.csv", cases[i].message, NULL));
  }
}

static void
test_limits (void)
{
  /* One field over 1 MiB. */
  gsize big = DC_CSV_MAX_FIELD + 1;
  g_autofree char *text = g_malloc (big + 8);
  memcpy (text, "a,", 2);
  memset (text + 2, 'x', big);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcCsv) csv = dc_csv_new_from_data ("big.csv", (const guint8 *) text, big + 2, "UTF-8", ',', &error);
  g_assert_no_error (error);
  GPtrArray *fields;
  CU_ASSERT_FALSE (dc_csv_next_row (csv, &fields, NULL, &error));
  CU_ASSERT_TRUE (error_says (error, DC_CSV_ERROR, DC_ERROR_INVALID, "row 1, column B", "1 MiB", NULL));
  g_clear_error (&error);

  /* A line over 64 MiB made of fields at the field limit. */
  gsize field = DC_CSV_MAX_FIELD, n = 65;
  g_autofree char *line = g_malloc (n * (field + 1));
  for (gsize i = 0; i < n; i++) {
    memset (line + i * (field + 1), 'y', field);
    line[i * (field + 1) + field] = i + 1 < n ? ',' : '\n';
  }
  g_autoptr (DcCsv) wide = dc_csv_new_from_data ("wide.csv", (const guint8 *) line, n * (field + 1), "UTF-8", ',', &error);
  g_assert_no_error (error);
  CU_ASSERT_FALSE (dc_csv_next_row (wide, &fields, NULL, &error));
  CU_ASSERT_TRUE (error_says (error, DC_CSV_ERROR, DC_ERROR_INVALID, "row 1, column BL", "64 MiB", NULL));
  g_clear_error (&error);

  /* 16384 fields are read (Excel's columns A to XFD); one more is refused. */
  for (guint columns = DC_CSV_MAX_COLUMNS; columns <= DC_CSV_MAX_COLUMNS + 1; columns++) {
    g_autoptr (GString) many = g_string_new ("a");
    for (guint i = 1; i < columns; i++)
      g_string_append (many, ",a");
    g_string_append (many, "\nb\n");
    g_autoptr (DcCsv) broad = dc_csv_new_from_data ("broad.csv", (const guint8 *) many->str, many->len, "UTF-8", ',', &error);
    g_assert_no_error (error);
    gboolean read = dc_csv_next_row (broad, &fields, NULL, &error);
    if (columns == DC_CSV_MAX_COLUMNS) {
      CU_ASSERT_TRUE (read && fields->len == DC_CSV_MAX_COLUMNS);
    } else {
      CU_ASSERT_FALSE (read);
      CU_ASSERT_TRUE (error_says (error, DC_CSV_ERROR, DC_ERROR_INVALID, "broad.csv: row 1, column XFE",
                                  "more than 16384 fields", NULL));
    }
    g_clear_error (&error);
  }
}

static void
test_edges (void)
{
  static const struct { const char *text; guint rows; guint last_fields; } cases[] = {
    { "", 0, 0 },
    { "a,b", 1, 2 },            /* no line end at the end */
    { "a,b\r\n\r\nc\r", 3, 1 }, /* a blank line is a record of one empty field; CR alone ends a line */
    { "x,y,\n", 1, 3 },         /* a trailing delimiter gives an empty last field */
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (DcCsv) csv = dc_csv_new_from_data ("e.csv", (const guint8 *) cases[i].text,
                                                  strlen (cases[i].text), NULL, ',', &error);
    g_assert_no_error (error);
    GPtrArray *fields = NULL;
    guint row = 0, count = 0, last = 0;
    while (dc_csv_next_row (csv, &fields, &row, &error)) {
      count++;
      last = fields->len;
      CU_ASSERT_EQUAL (row, count);
    }
    g_assert_no_error (error);
    CU_ASSERT_EQUAL (count, cases[i].rows);
    CU_ASSERT_EQUAL (last, cases[i].last_fields);
  }
  CU_ASSERT_EQUAL (dc_csv_detect_delimiter ("a;b,c\n1;2\n3;4,5,6\n", 18), ';');
  CU_ASSERT_EQUAL (dc_csv_detect_delimiter ("名前\t住所,番地\nx\ty\n", strlen ("名前\t住所,番地\nx\ty\n")), '\t');
  CU_ASSERT_EQUAL (dc_csv_detect_delimiter ("single", 6), ',');
}

static void
test_table_surface (void)
{
  g_autofree char *path = fixture ("csv/quoted.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *location = dc_table_location (table, 2, 1, "memo");
  CU_ASSERT_STRING_EQUAL (location, "quoted.csv, row 2, column B (memo)");
  g_autofree char *bare = dc_table_location (table, 9, 27, NULL);
  CU_ASSERT_STRING_EQUAL (bare, "quoted.csv, row 9, column AB");
  g_auto (GStrv) names = dc_table_sheet_names (table);
  CU_ASSERT_EQUAL (g_strv_length (names), 1);
  CU_ASSERT_STRING_EQUAL (names[0], "quoted.csv");
  CU_ASSERT_EQUAL (dc_table_merges (table)->len, 0);
  static const struct { guint column; const char *letters; } columns[] = {
    { 0, "A" }, { 25, "Z" }, { 26, "AA" }, { 701, "ZZ" }, { 702, "AAA" }, { 16383, "XFD" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++) {
    g_autofree char *letters = dc_cell_column_letters (columns[i].column);
    CU_ASSERT_STRING_EQUAL (letters, columns[i].letters);
  }
  g_autoptr (DcTable) missing = dc_table_open ("/nonexistent/x.csv", NULL, &error);
  CU_ASSERT_TRUE (error_says (error, DC_INPUT_ERROR, DC_ERROR_IO, "/nonexistent/x.csv", NULL));
}

TEST_MAIN ("csv",
           { "CP932 is detected; full-width text is kept as is", test_cp932_detected },
           { "UTF-8 BOM, UTF-16LE/BE TSV and semicolons are detected", test_unicode_files_detected },
           { "encoding and delimiter can be forced", test_overrides },
           { "quoted fields hold newlines and doubled quotes", test_quoted_fields },
           { "an invalid byte names offset, row and column [SEC-INPUT-04]", test_invalid_bytes },
           { "a NUL byte is refused with its offset [SEC-INPUT-04]", test_nul_refused },
           { "unclosed quotes and text after a quote are errors", test_malformed_quotes },
           { "fields over 1 MiB, lines over 64 MiB, more than 16384 fields are refused [SEC-INPUT-03]", test_limits },
           { "empty files, missing line ends, blank lines", test_edges },
           { "locations, sheet names, merges of a CSV table", test_table_surface })
