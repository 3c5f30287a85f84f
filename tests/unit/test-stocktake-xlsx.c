/* engines: both (under make check DB=postgresql its registers are on a server) */
/* reports: the ID stocktake report, read back with daicho's own xlsx reader
 * and as XML (sheets, print setup, no formulas). */
#include "testlib.h"
#include "dc-stocktake-xlsx.h"
#include "xlsx-check.h"

#include <sys/stat.h>

typedef struct {
  char *dir;
  DcStore *store;
  char *path;
} World;

/* A run with two findings: guest (unregistered), =cmd (unregistered, a
 * formula-like login that must stay text). One decided; signed off or not. */
static World
world (gboolean sign)
{
  World w = { test_tmpdir (), NULL, NULL };
  w.store = test_register (w.dir, "chitose");
  test_small_org (w.store);
  GError *error = NULL;
  g_assert_true (test_add (w.store, &dc_system_kind, &error, "code", "sys", "name", "業務システム",
                           "admin_post", "kacho", NULL));
  g_assert_true (dc_post_assign (w.store, "kacho", "000101", "2025-04-01", NULL, &error));
  g_autofree char *export = g_build_filename (w.dir, "export.csv", NULL);
  g_assert_true (g_file_set_contents (export, "ID\nguest\n=cmd\n", -1, &error));
  DcStocktakeOptions options = { "sys", export, NULL, "2026-11-22", 0, { 0 }, NULL };
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_auto (DcReconcileResult) result;
  g_autoptr (DcStocktakeRun) run = dc_stocktake_run (w.store, &options, &result, problems, &error);
  g_assert_no_error (error);
  guint decided;
  DcStocktakeDecision fix = { sign ? "all" : "2", NULL, FALSE, "fix", "削除を依頼", NULL };
  g_assert_true (dc_stocktake_decide (w.store, 1, &fix, &decided, NULL, &error));
  if (sign)
    g_assert_true (dc_stocktake_signoff (w.store, 1, "kacho", NULL, "2026-11-22", &error));
  g_assert_no_error (error);
  w.path = g_build_filename (w.dir, "report.xlsx", NULL);
  g_assert_true (dc_stocktake_xlsx_write (w.store, 1, w.path, &error));
  g_assert_no_error (error);
  return w;
}

static void
world_free (World *w)
{
  dc_store_free (w->store);
  test_rmdir (w->dir);
  g_free (w->dir);
  g_free (w->path);
}

/* Every row of SHEET as "cell|cell|..." lines. */
static char *
sheet_text (const char *path, const char *sheet)
{
  g_autoptr (GError) error = NULL;
  DcTableOptions options = { .sheet = sheet };
  g_autoptr (DcTable) table = dc_table_open (path, &options, &error);
  g_assert_no_error (error);
  g_autoptr (GString) out = g_string_new (NULL);
  GPtrArray *cells;
  guint row;
  while (dc_table_next_row (table, &cells, &row, &error)) {
    for (guint i = 0; i < cells->len; i++)
      g_string_append_printf (out, "%s%s", i ? "|" : "", ((DcCell *) cells->pdata[i])->text);
    g_string_append_c (out, '\n');
  }
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
has_line (const char *text, const char *prefix)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l; l++)
    if (g_str_has_prefix (*l, prefix))
      return TRUE;
  fprintf (stderr, "no line starting with '%s' in:\n%s\n", prefix, text);
  return FALSE;
}

static void
test_summary_and_findings (void)
{
  World w = world (FALSE);
  struct stat st;
  CU_ASSERT_EQUAL (stat (w.path, &st), 0);
  CU_ASSERT_EQUAL (st.st_mode & 0777, 0600);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (w.path, NULL, &error);
  g_auto (GStrv) sheets = dc_table_sheet_names (table);
  g_autofree char *names = g_strjoinv (",", sheets);
  CU_ASSERT_STRING_EQUAL (names, "概要,検出事項");
  g_autofree char *summary = sheet_text (w.path, "概要");
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "ID\nguest\n=cmd\n", -1);
  g_autofree char *sha_line = g_strconcat ("出力の SHA-256|", sha, NULL);
  CU_ASSERT_TRUE (has_line (summary, "ID棚卸 照合結果報告書"));
  CU_ASSERT_TRUE (has_line (summary, "団体|テスト市"));
  CU_ASSERT_TRUE (has_line (summary, "情報システム|業務システム (sys)"));
  CU_ASSERT_TRUE (has_line (summary, "照合した出力|export.csv"));
  CU_ASSERT_TRUE (has_line (summary, sha_line));
  CU_ASSERT_TRUE (has_line (summary, "出力のID数|2"));
  CU_ASSERT_TRUE (has_line (summary, "未登録ID|2|1|"));          /* 2 found, 1 decided */
  CU_ASSERT_TRUE (has_line (summary, "計|2|1"));
  CU_ASSERT_TRUE (has_line (summary, "確認していない事項|この出力には権限の列がない"));
  CU_ASSERT_TRUE (has_line (summary, "||確認者|承認者"));
  CU_ASSERT_TRUE (has_line (summary, "|補職||"));                /* not signed yet: blank for the hand */
  g_autofree char *findings = sheet_text (w.path, "検出事項");
  CU_ASSERT_TRUE (has_line (findings, "No|種別|システム上のID|照合キー|職員番号|氏名|内容|判定|対応内容|期限|判定者|判定日"));
  CU_ASSERT_TRUE (has_line (findings, "1|未登録ID|=cmd|=cmd|||ID管理簿に記載がない（行 3）||"));
  g_autofree char *decided = g_strconcat ("2|未登録ID|guest|guest|||ID管理簿に記載がない（行 2）|是正|削除を依頼||",
                                         test_actor (), "|2026-11-22", NULL);
  CU_ASSERT_TRUE (has_line (findings, decided));
  world_free (&w);
}

static void
test_signed_print_ready_no_formulas (void)
{
  World w = world (TRUE);
  g_autofree char *summary = sheet_text (w.path, "概要");
  CU_ASSERT_TRUE (has_line (summary, "|補職||住宅課長"));
  CU_ASSERT_TRUE (has_line (summary, "|氏名||住宅 一郎"));
  CU_ASSERT_TRUE (has_line (summary, "|日付||2026-11-22"));
  for (int s = 1; s <= 2; s++) {
    g_autofree char *entry = g_strdup_printf ("xl/worksheets/sheet%d.xml", s);
    Xml xml = xml_of (w.path, entry);
    CU_ASSERT_EQUAL (xcount (&xml, "//x:f"), 0);                          /* never a formula */
    g_autofree char *paper = xstring (&xml, "//x:pageSetup/@paperSize");
    CU_ASSERT_STRING_EQUAL (paper, "9");                                   /* A4 */
    g_autofree char *fit = xstring (&xml, "//x:pageSetUpPr/@fitToPage");
    CU_ASSERT_STRING_EQUAL (fit, "1");
    g_autofree char *orientation = xstring (&xml, "//x:pageSetup/@orientation");
    CU_ASSERT_STRING_EQUAL (orientation, s == 1 ? "portrait" : "landscape");
    xml_free (&xml);
  }
  Xml findings = xml_of (w.path, "xl/worksheets/sheet2.xml");
  CU_ASSERT_EQUAL (xcount (&findings, "//x:autoFilter"), 1);
  g_autofree char *header = xstring (&findings, "//x:oddHeader");
  CU_ASSERT_TRUE (strstr (header, "ID棚卸 検出事項") && strstr (header, "基準日 2026-11-22"));
  xml_free (&findings);
  g_autofree char *workbook = zip_entry (w.path, "xl/workbook.xml");
  CU_ASSERT_TRUE (strstr (workbook, "_xlnm.Print_Titles") != NULL);        /* header row on every page */
  world_free (&w);
}

static void
test_a_failed_write_leaves_the_old_file (void)
{
  World w = world (FALSE);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_assert_true (g_file_get_contents (w.path, &before, NULL, NULL));
  CU_ASSERT_FALSE (dc_stocktake_xlsx_write (w.store, 9, w.path, &error));   /* no run 9 */
  g_autofree char *after = NULL;
  g_assert_true (g_file_get_contents (w.path, &after, NULL, NULL));
  CU_ASSERT_STRING_EQUAL (before, after);
  g_clear_error (&error);
  g_autofree char *nowhere = g_build_filename (w.dir, "no", "such", "dir.xlsx", NULL);
  CU_ASSERT_FALSE (dc_stocktake_xlsx_write (w.store, 1, nowhere, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_IO));
  world_free (&w);
}

TEST_MAIN ("stocktake-xlsx",
           { "the summary and the findings with their decisions", test_summary_and_findings },
           { "signed, print-ready, no formulas", test_signed_print_ready_no_formulas },
           { "a failed write leaves the old file", test_a_failed_write_leaves_the_old_file })
