/* engines: both (under make check DB=postgresql its registers are on a server) */
/* reports/dc-risk-xlsx: the risk workbook read back (unzip + XPath): sheets,
 * headers, rows in order, cells coloured by level, the heat map's counts
 * against a hand count, the treatment plan, print setup, no formulas. */
#include "testlib.h"
#include "dc-risk-xlsx.h"
#include "xlsx-check.h"

#include <string.h>
#include <sys/stat.h>

/* A-0001 (data, C3 I2 A1) assessed against the standard catalogue; mail
 * (T05) reduced, operator error (T15) accepted. */
static DcStore *
assessed (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  g_auto (DcRiskRunAssessReport) report = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_risk_run_assess (store, NULL, &report, &error));
  DcRiskChanges reduce = { .treatment = "reduce", .control = "=外部宛メールの送信保留", .owner = "kacho",
                           .due = "2027-03-31", .residual_vulnerability = "1" };
  CU_ASSERT_TRUE_FATAL (dc_risk_set (store, "A-0001/T05", &reduce, &error));
  CU_ASSERT_TRUE_FATAL (dc_risk_accept (store, "A-0001/T15", "kakaricho", "2027-03-31", "翌日に照合している", &error));
  return store;
}

static gboolean
write_book (DcStore *store, const char *path, GError **error)
{
  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, error);
  g_autoptr (GPtrArray) lines = context ? dc_risk_list (store, context, NULL, error) : NULL;
  if (!lines)
    return FALSE;
  DcRiskReport report = { "テスト市", context->scheme->handling_mark, "（現在の台帳）", "2026-11-22",
                          context->method, context->scheme, lines };
  return dc_risk_xlsx_write (&report, path, error);
}

/* The fill colour (RRGGBB) of cell REF of a sheet, through styles.xml. */
static char *
fill_of (const char *path, Xml *sheet, const char *ref)
{
  g_autofree char *expr = g_strdup_printf ("//x:c[@r='%s']/@s", ref);
  g_autofree char *style = xstring (sheet, expr);
  Xml styles = xml_of (path, "xl/styles.xml");
  g_autofree char *xf = g_strdup_printf ("//x:cellXfs/x:xf[%d]/@fillId", atoi (style) + 1);
  g_autofree char *fill_id = xstring (&styles, xf);
  g_autofree char *color = g_strdup_printf ("//x:fills/x:fill[%d]/x:patternFill/x:fgColor/@rgb", atoi (fill_id) + 1);
  char *rgb = xstring (&styles, color);
  xml_free (&styles);
  return strlen (rgb) == 8 ? memmove (rgb, rgb + 2, 7) : rgb;  /* FFC6EFCE → C6EFCE */
}

static char *
cell_text (Xml *sheet, const char *ref)
{
  g_autofree char *expr = g_strdup_printf ("//x:c[@r='%s']", ref);
  return xstring (sheet, expr);
}

#define EXPECT_CELL(sheet, ref, expected)                                   \
  do {                                                                      \
    g_autofree char *got = cell_text (sheet, ref);                          \
    if (g_strcmp0 (got, expected) != 0)                                     \
      fprintf (stderr, "%s: '%s'\n", ref, got);                             \
    CU_ASSERT_STRING_EQUAL (got, expected);                                 \
  } while (0)

static void
test_risk_sheet (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = assessed (dir);
  g_autofree char *path = g_build_filename (dir, "リスク評価.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (write_book (store, path, &error));
  struct stat st;
  CU_ASSERT_EQUAL (stat (path, &st), 0);
  CU_ASSERT_EQUAL (st.st_mode & 0777, 0600);

  Xml book = xml_of (path, "xl/workbook.xml");
  CU_ASSERT_EQUAL (xcount (&book, "//x:sheet"), 3);
  g_autofree char *s1 = xstring (&book, "//x:sheet[1]/@name");
  g_autofree char *s2 = xstring (&book, "//x:sheet[2]/@name");
  g_autofree char *s3 = xstring (&book, "//x:sheet[3]/@name");
  CU_ASSERT_STRING_EQUAL (s1, "リスク評価");
  CU_ASSERT_STRING_EQUAL (s2, "ヒートマップ");
  CU_ASSERT_STRING_EQUAL (s3, "リスク対応計画");
  CU_ASSERT_EQUAL (xcount (&book, "//x:definedName[@name='_xlnm.Print_Titles']"), 2);
  xml_free (&book);

  Xml sheet = xml_of (path, "xl/worksheets/sheet1.xml");
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:sheetData/x:row"), 14);  /* header + 13 risks */
  EXPECT_CELL (&sheet, "A1", "No");
  EXPECT_CELL (&sheet, "G1", "脅威");
  EXPECT_CELL (&sheet, "N1", "リスク値");
  EXPECT_CELL (&sheet, "O1", "算定式");
  EXPECT_CELL (&sheet, "P1", "リスクレベル");
  /* Highest first: malware and mail (3 × 2 = 6, 高), then operator error. */
  EXPECT_CELL (&sheet, "B2", "A-0001");
  EXPECT_CELL (&sheet, "F2", "T02");
  EXPECT_CELL (&sheet, "H2", "機密性");
  EXPECT_CELL (&sheet, "I2", "3");
  EXPECT_CELL (&sheet, "J2", "自資産");
  EXPECT_CELL (&sheet, "M2", "2");
  EXPECT_CELL (&sheet, "N2", "6");
  EXPECT_CELL (&sheet, "O2", "3 × 2 = 6");
  EXPECT_CELL (&sheet, "P2", "高");
  EXPECT_CELL (&sheet, "R2", "未対応");
  EXPECT_CELL (&sheet, "F3", "T05");
  EXPECT_CELL (&sheet, "R3", "対応中");
  EXPECT_CELL (&sheet, "F4", "T15");
  EXPECT_CELL (&sheet, "P4", "中");
  EXPECT_CELL (&sheet, "R4", "受容");
  /* Numbers are numbers; the level cell is filled with its colour. */
  g_autofree char *type = xstring (&sheet, "//x:c[@r='N2']/@t");
  CU_ASSERT_STRING_EQUAL (type, "");
  g_autofree char *red = fill_of (path, &sheet, "P2");
  g_autofree char *yellow = fill_of (path, &sheet, "P4");
  g_autofree char *green = fill_of (path, &sheet, "P5");
  CU_ASSERT_STRING_EQUAL (red, "FFC7CE");
  CU_ASSERT_STRING_EQUAL (yellow, "FFEB9C");
  CU_ASSERT_STRING_EQUAL (green, "C6EFCE");
  /* Print-ready, and never a formula. */
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:pageSetup[@orientation='landscape' and @paperSize='9']"), 1);
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:sheetPr/x:pageSetUpPr[@fitToPage='1']"), 1);
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:pane[@state='frozen' and @ySplit='1' and @xSplit='3']"), 1);
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:autoFilter"), 1);
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:f"), 0);
  g_autofree char *header = xstring (&sheet, "//x:oddHeader");
  CU_ASSERT_PTR_NOT_NULL (strstr (header, "取扱注意"));
  CU_ASSERT_PTR_NOT_NULL (strstr (header, "情報資産リスク評価 テスト市"));
  CU_ASSERT_PTR_NOT_NULL (strstr (header, "基準日 2026-11-22"));
  g_autofree char *footer = xstring (&sheet, "//x:oddFooter");
  CU_ASSERT_STRING_EQUAL (footer, "&C&P / &N");
  xml_free (&sheet);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (listing));)
    CU_ASSERT_PTR_NULL (strstr (name, ".tmp-"));
  test_rmdir (dir);
}

/* A-0001's 13 risks by value and 被害発生可能性, counted by hand: C threats
 * value 3 (malware, mail at 2; five at 1), I threats value 2 (operator
 * error at 2; two at 1), A threats value 1 (three at 1). */
static void
test_heat_map_and_plan (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = assessed (dir);
  g_autofree char *path = g_build_filename (dir, "risk.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (write_book (store, path, &error));

  Xml heat = xml_of (path, "xl/worksheets/sheet2.xml");
  EXPECT_CELL (&heat, "A2", "被害発生可能性 ＼ 資産価値");
  const char *header[] = { "B2", "1", "C2", "2", "D2", "3", "E2", "4", "F2", "計" };
  for (gsize i = 0; i < G_N_ELEMENTS (header); i += 2)
    EXPECT_CELL (&heat, header[i], header[i + 1]);
  /* Rows 3, 4, 5: 被害発生可能性 3, 2, 1; row 6: totals. */
  const char *counts[] = {
    "A3", "3", "B3", "0", "C3", "0", "D3", "0", "E3", "0", "F3", "0",
    "A4", "2", "B4", "0", "C4", "1", "D4", "2", "E4", "0", "F4", "3",
    "A5", "1", "B5", "3", "C5", "2", "D5", "5", "E5", "0", "F5", "10",
    "A6", "計", "B6", "3", "C6", "3", "D6", "7", "E6", "0", "F6", "13",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i += 2)
    EXPECT_CELL (&heat, counts[i], counts[i + 1]);
  /* Cells coloured by the level a risk there would have: 3 × 2 = 6 高,
   * 2 × 2 = 4 中, 4 × 1 = 4 中, 3 × 1 = 3 低, 4 × 3 = 12 高. */
  const char *colours[][2] = { { "D4", "FFC7CE" }, { "C4", "FFEB9C" }, { "E5", "FFEB9C" },
                               { "D5", "C6EFCE" }, { "E3", "FFC7CE" } };
  for (gsize i = 0; i < G_N_ELEMENTS (colours); i++) {
    g_autofree char *rgb = fill_of (path, &heat, colours[i][0]);
    if (g_strcmp0 (rgb, colours[i][1]) != 0)
      fprintf (stderr, "%s: %s\n", colours[i][0], rgb);
    CU_ASSERT_STRING_EQUAL (rgb, colours[i][1]);
  }
  /* The legend, highest first, with counts and the acceptance threshold. */
  EXPECT_CELL (&heat, "A9", "リスクレベル");
  EXPECT_CELL (&heat, "A10", "高");
  EXPECT_CELL (&heat, "B10", "6 以上");
  EXPECT_CELL (&heat, "C10", "2");
  EXPECT_CELL (&heat, "D10", "対応が必要");
  EXPECT_CELL (&heat, "B11", "4〜5");
  EXPECT_CELL (&heat, "C11", "1");
  EXPECT_CELL (&heat, "A12", "低");
  EXPECT_CELL (&heat, "C12", "10");
  EXPECT_CELL (&heat, "D12", "受容可能");
  CU_ASSERT_EQUAL (xcount (&heat, "//x:mergeCell"), 16);  /* long texts span the page */
  CU_ASSERT_EQUAL (xcount (&heat, "//x:f"), 0);
  /* One page: fit to page, and no fitToHeight="0" (1 × 1 is the default). */
  CU_ASSERT_EQUAL (xcount (&heat, "//x:sheetPr/x:pageSetUpPr[@fitToPage='1']"), 1);
  CU_ASSERT_EQUAL (xcount (&heat, "//x:pageSetup[@orientation='landscape' and not(@fitToHeight)]"), 1);
  xml_free (&heat);

  /* The plan: what needs a decision or has a treatment. */
  Xml plan = xml_of (path, "xl/worksheets/sheet3.xml");
  CU_ASSERT_EQUAL (xcount (&plan, "//x:sheetData/x:row"), 4);
  EXPECT_CELL (&plan, "D2", "T02 マルウェア感染（標的型攻撃メール等）による情報漏えい");
  EXPECT_CELL (&plan, "T2", "未対応");
  EXPECT_CELL (&plan, "G3", "低減");
  EXPECT_CELL (&plan, "H3", "=外部宛メールの送信保留");  /* text, not a formula */
  EXPECT_CELL (&plan, "I3", "住宅課長");
  EXPECT_CELL (&plan, "J3", "2027-03-31");
  EXPECT_CELL (&plan, "N3", "3");
  EXPECT_CELL (&plan, "O3", "低");
  EXPECT_CELL (&plan, "G4", "受容");
  EXPECT_CELL (&plan, "P4", "管理係長");
  EXPECT_CELL (&plan, "R4", "2027-03-31");
  EXPECT_CELL (&plan, "S4", "翌日に照合している");
  CU_ASSERT_EQUAL (xcount (&plan, "//x:f"), 0);
  xml_free (&plan);
  test_rmdir (dir);
}

static void
test_matrix_method_workbook (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autofree char *method = g_build_filename (dir, "matrix.ini", NULL);
  g_assert_true (g_file_set_contents (method,
      "[risk]\nmethod = matrix\nlevels = ok;watch;act\naccept = ok\n"
      "[risk level ok]\nname = 許容\ncolor = #FFFFFF\n[risk level watch]\nname = 注視\ncolor = #FFFF00\n"
      "[risk level act]\nname = 要対応\ncolor = #FF0000\n"
      "[risk matrix]\nvalue.1 = ok;ok;watch\nvalue.2 = ok;watch;act\nvalue.3 = watch;act;act\nvalue.4 = act;act;act\n",
      -1, NULL));
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_risk_method_set (store, method, &error));
  g_auto (DcRiskRunAssessReport) report = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_risk_run_assess (store, NULL, &report, &error));
  g_autofree char *path = g_build_filename (dir, "matrix.xlsx", NULL);
  CU_ASSERT_TRUE_FATAL (write_book (store, path, &error));
  Xml heat = xml_of (path, "xl/worksheets/sheet2.xml");
  EXPECT_CELL (&heat, "A10", "要対応");
  EXPECT_CELL (&heat, "B10", "表による");
  g_autofree char *act = fill_of (path, &heat, "E5");  /* value 4, 被害発生可能性 1 */
  CU_ASSERT_STRING_EQUAL (act, "FF0000");
  xml_free (&heat);
  Xml sheet = xml_of (path, "xl/worksheets/sheet1.xml");
  EXPECT_CELL (&sheet, "O2", "表（被害発生可能性 2・資産価値 3）→ 要対応");
  xml_free (&sheet);
  test_rmdir (dir);
}

TEST_MAIN ("risk-xlsx",
           { "the risk sheet: order, formulas as text, level colours, print setup", test_risk_sheet },
           { "the heat map against a hand count, the legend, the treatment plan", test_heat_map_and_plan },
           { "a matrix method's levels and colours", test_matrix_method_workbook })
