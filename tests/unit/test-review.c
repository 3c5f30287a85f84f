/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-review and the review workbook writer: opening a year's review, its
 * progress per section, closing it, and the workbook read back. */
#include "testlib.h"
#include "dc-review-xlsx.h"
#include "review-org.h"
#include "xlsx-check.h"

static const DcReviewSectionStatus *
section_status (GPtrArray *sections, const char *code)
{
  for (guint i = 0; i < sections->len; i++) {
    const DcReviewSectionStatus *s = g_ptr_array_index (sections, i);
    if (g_str_equal (s->section, code))
      return s;
  }
  return NULL;
}

static void
test_open (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = review_register (dir);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_EQUAL (dc_review_current_year (store, &error), 0);
  CU_ASSERT_TRUE (g_error_matches (error, DC_REVIEW_ERROR, DC_ERROR_NOT_FOUND));
  g_clear_error (&error);

  guint added = 0;
  CU_ASSERT_TRUE (dc_review_open (store, 2026, NULL, &added, &error));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (added, 3);  /* the assets in use; not the retired or disposed one */
  g_autoptr (DcReviewCampaign) campaign = dc_review_campaign_get (store, 2026, NULL);
  CU_ASSERT_STRING_EQUAL (campaign->due_on, "2027-03-31");
  CU_ASSERT_STRING_EQUAL (campaign->opened_on, "2026-11-22");
  CU_ASSERT_STRING_EQUAL (campaign->status, "open");
  CU_ASSERT_EQUAL (dc_review_current_year (store, NULL), 2026);
  g_autoptr (GPtrArray) items = dc_review_items (store, 2026, "jutaku", NULL);
  CU_ASSERT_EQUAL_FATAL (items->len, 2);
  const DcReviewItem *item = g_ptr_array_index (items, 0);
  CU_ASSERT_STRING_EQUAL (item->code, "2026/A-0001");
  CU_ASSERT_STRING_EQUAL (item->state, "pending");
  CU_ASSERT_EQUAL (item->asset_version, 1);

  /* Again: a new asset gets its item, the deadline moves, nothing else changes. */
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, NULL, "type", "data", "name", "新規データ", "c", "1", "i", "1",
                            "a", "1", "section", "doboku", "post", "doboku-kacho", NULL));
  CU_ASSERT_TRUE (dc_review_open (store, 2026, "2027/1/31", &added, &error));
  CU_ASSERT_EQUAL (added, 1);
  g_autoptr (DcReviewCampaign) moved = dc_review_campaign_get (store, 2026, NULL);
  CU_ASSERT_STRING_EQUAL (moved->due_on, "2027-01-31");
  CU_ASSERT_EQUAL (test_count (store, "review_item"), 4);

  /* Refused: a year far off, a deadline already past. */
  CU_ASSERT_FALSE (dc_review_open (store, 2030, NULL, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_REVIEW_ERROR, DC_ERROR_INVALID));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_review_open (store, 2025, NULL, NULL, &error));  /* due 2026-03-31 */
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "before today") : NULL);
  g_clear_error (&error);
  CU_ASSERT_EQUAL (test_count (store, "review_campaign"), 1);

  /* Two open reviews: commands must be told which. */
  CU_ASSERT_TRUE (dc_review_open (store, 2025, "2026-12-31", NULL, NULL));
  CU_ASSERT_EQUAL (dc_review_current_year (store, &error), 0);
  CU_ASSERT_TRUE (g_error_matches (error, DC_REVIEW_ERROR, DC_ERROR_INVALID));

  g_auto (DcVerifyReport) report;
  CU_ASSERT_TRUE (dc_history_verify (store, &report, NULL));
  test_rmdir (dir);
}

static void
test_status_and_close (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = review_register (dir);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_review_open (store, 2026, NULL, NULL, NULL));
  g_autoptr (GPtrArray) all = dc_review_status (store, 2026, NULL, &error);
  CU_ASSERT_EQUAL_FATAL (all->len, 2);
  const DcReviewSectionStatus *jutaku = section_status (all, "jutaku");
  CU_ASSERT_EQUAL (jutaku->items, 2);
  CU_ASSERT_EQUAL (jutaku->counts[0], 2);
  CU_ASSERT_STRING_EQUAL (jutaku->section_name, "住宅課");
  g_autoptr (GPtrArray) under = dc_review_status (store, 2026, "建設部", &error);
  CU_ASSERT_EQUAL (under->len, 2);
  g_autoptr (GPtrArray) one = dc_review_status (store, 2026, "doboku", &error);
  CU_ASSERT_EQUAL (one->len, 1);

  /* Not while items are unanswered, and not without a post. */
  CU_ASSERT_FALSE (dc_review_close (store, 2026, NULL, "kacho", FALSE, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "土木課 1, 住宅課 2") : NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_review_close (store, 2026, NULL, NULL, TRUE, NULL, &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "duty post asset_review") : NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_review_close (store, 2026, "2026-11-23", "kacho", TRUE, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_REVIEW_ERROR, DC_ERROR_INVALID));
  g_clear_error (&error);

  /* Forced, by the post named for the register's review. */
  CU_ASSERT_TRUE (dc_duty_set_register_post (store, "asset_review", "kacho", NULL));
  CU_ASSERT_TRUE (dc_review_close (store, 2026, NULL, NULL, TRUE, "未回答は次年度に確認", &error));
  g_assert_no_error (error);
  g_autoptr (DcReviewCampaign) campaign = dc_review_campaign_get (store, 2026, NULL);
  CU_ASSERT_STRING_EQUAL (campaign->status, "closed");
  CU_ASSERT_STRING_EQUAL (campaign->closed_on, "2026-11-22");
  CU_ASSERT_STRING_EQUAL (campaign->closed_by, "kacho");
  g_autoptr (GPtrArray) done = dc_duty_done_list (store, NULL, NULL, NULL, NULL);
  CU_ASSERT_EQUAL_FATAL (done->len, 2);
  const DcDutyDone *review = g_ptr_array_index (done, 0);
  CU_ASSERT_STRING_EQUAL (review->duty, "asset_review");
  CU_ASSERT_PTR_NOT_NULL (strstr (review->note, "対象 3件、回答 0件"));
  CU_ASSERT_PTR_NOT_NULL (strstr (review->note, "未回答は次年度に確認"));
  CU_ASSERT_STRING_EQUAL (((DcDutyDone *) g_ptr_array_index (done, 1))->duty, "classification_review");

  CU_ASSERT_FALSE (dc_review_close (store, 2026, NULL, "kacho", TRUE, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_review_open (store, 2026, NULL, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT));
  g_auto (DcVerifyReport) report;
  CU_ASSERT_TRUE (dc_history_verify (store, &report, NULL));
  test_rmdir (dir);
}

/* Cells of the review sheet by (1-based row, column name). */
static GHashTable *
read_review_sheet (const char *path)
{
  DcTableOptions options = { .sheet = DC_REVIEW_SHEET };
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, &options, &error);
  g_assert_no_error (error);
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n;
  const DcReviewColumn *columns = dc_review_columns (&n);
  GPtrArray *row;
  guint number;
  while (dc_table_next_row (table, &row, &number, &error))
    for (guint c = 0; c < row->len && c < n; c++)
      g_hash_table_insert (cells, g_strdup_printf ("%u:%s", number, columns[c].name),
                           g_strdup (((DcCell *) g_ptr_array_index (row, c))->text));
  g_assert_no_error (error);
  return cells;
}

static const char *
cell (GHashTable *cells, guint row, const char *column)
{
  g_autofree char *key = g_strdup_printf ("%u:%s", row, column);
  const char *text = g_hash_table_lookup (cells, key);
  return text ? text : "";
}

static void
test_workbook (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = review_register (dir);
  g_autoptr (GError) error = NULL;
  /* Posts enough that their names do not fit in a rule of 255 characters. */
  for (int i = 1; i <= 12; i++) {
    g_autofree char *code = g_strdup_printf ("p%d", i);
    g_autofree char *name = g_strdup_printf ("市民生活部第%d地域振興担当課長", i);
    CU_ASSERT_TRUE (test_add (store, &dc_post_kind, NULL, "code", code, "name", name, NULL));
  }
  CU_ASSERT_TRUE_FATAL (dc_review_open (store, 2026, "2027-01-31", NULL, NULL));
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr (GPtrArray) written = dc_review_export (store, 2026, "kensetsu", out, 3, &error);
  g_assert_no_error (error);
  CU_ASSERT_EQUAL_FATAL (written->len, 2);
  const DcReviewWorkbook *book = g_ptr_array_index (written, 1);
  CU_ASSERT_STRING_EQUAL (book->section, "jutaku");
  CU_ASSERT_EQUAL (book->rows, 2);
  g_autofree char *base = g_path_get_basename (book->path);
  CU_ASSERT_STRING_EQUAL (base, "情報資産見直し_2026年度_住宅課.xlsx");

  g_autoptr (GHashTable) cells = read_review_sheet (book->path);
  CU_ASSERT_STRING_EQUAL (cell (cells, 1, "key"), "daicho-review 1 2026 jutaku");
  CU_ASSERT_PTR_NOT_NULL (strstr (cell (cells, 1, "now:code"), "令和8年度"));
  CU_ASSERT_STRING_EQUAL (cell (cells, 3, "now:name"), DC_REVIEW_SIGNOFF_NAME);
  CU_ASSERT_STRING_EQUAL (cell (cells, 5, "key"), "管理キー");
  CU_ASSERT_STRING_EQUAL (cell (cells, 5, "decision"), "判定 ▼");
  CU_ASSERT_STRING_EQUAL (cell (cells, 5, "new:c"), "修正後の機密性 ▼");
  CU_ASSERT_STRING_EQUAL (cell (cells, 6, "key"), "A-0001@1");
  CU_ASSERT_STRING_EQUAL (cell (cells, 6, "now:code"), "A-0001");
  CU_ASSERT_STRING_EQUAL (cell (cells, 6, "now:c"), "3 課外秘");
  CU_ASSERT_STRING_EQUAL (cell (cells, 6, "now:post"), "住宅課長");
  CU_ASSERT_STRING_EQUAL (cell (cells, 6, "state"), "未回答");
  CU_ASSERT_STRING_EQUAL (cell (cells, 7, "key"), "A-0002@1");
  CU_ASSERT_STRING_EQUAL (cell (cells, 7, "now:main_items"), "氏名、所得");
  /* After the separator row, each new row with a key of its own: "new:TOKEN:N". */
  const char *first_new = cell (cells, 9, "key"), *last_new = cell (cells, 11, "key");
  CU_ASSERT_TRUE (g_str_has_prefix (first_new, DC_REVIEW_KEY_NEW_PREFIX) && g_str_has_suffix (first_new, ":1"));
  CU_ASSERT_TRUE (g_str_has_prefix (last_new, DC_REVIEW_KEY_NEW_PREFIX) && g_str_has_suffix (last_new, ":3"));
  CU_ASSERT_EQUAL (strlen (first_new), strlen ("new:01234567:1"));
  CU_ASSERT_EQUAL (strncmp (first_new, last_new, strlen ("new:01234567:")), 0);  /* one workbook's token */
  CU_ASSERT_STRING_EQUAL (cell (cells, 12, "key"), "");

  /* Sheets: 説明 first and shown, the list sheet hidden. */
  Xml workbook = xml_of (book->path, "xl/workbook.xml");
  g_autofree char *first = xstring (&workbook, "//x:sheet[1]/@name");
  g_autofree char *hidden = xstring (&workbook, "//x:sheet[@state='hidden']/@name");
  CU_ASSERT_STRING_EQUAL (first, "説明");
  CU_ASSERT_STRING_EQUAL (hidden, "選択肢");
  xml_free (&workbook);
  Xml sheet = xml_of (book->path, "xl/worksheets/sheet2.xml");
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:sheetProtection[@sheet='1']"), 1);
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:col[@min='1' and @hidden='1']"), 1);
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:f"), 0);  /* no formulas in cells */
  /* Dropdowns: 判定 on the assets' rows, 修正後の機密性 on the new rows too;
   * short lists in the rule, long ones from the hidden sheet. */
  g_autofree char *decision = xstring (&sheet, "//x:dataValidation[x:formula1='\"変更なし,修正,廃棄,移管\"']/@sqref");
  CU_ASSERT_STRING_EQUAL (decision, "E6:E7");
  g_autofree char *levels = xstring (&sheet, "//x:dataValidation[x:formula1='\"1 一般,2 庁外秘,3 課外秘,4 極秘\"']/@sqref");
  CU_ASSERT_STRING_EQUAL (levels, "Q6:Q11");
  g_autofree char *posts = xstring (&sheet, "//x:dataValidation[x:formula1=\"'選択肢'!$H$2:$H$16\"]/@sqref");
  CU_ASSERT_STRING_EQUAL (posts, "AA6:AA11");
  /* 判定, type, personal information, C, I, A, external I/O, post, section (no systems here). */
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:dataValidation[@type='list']"), 9);
  CU_ASSERT_EQUAL (xcount (&sheet, "//x:dataValidation[@type='date']"), 3);
  xml_free (&sheet);
  /* Current values are locked (the default), the decision cell is not. */
  g_autofree char *styles = zip_entry (book->path, "xl/styles.xml");
  CU_ASSERT_PTR_NOT_NULL (strstr (styles, "locked=\"0\""));
  Xml help = xml_of (book->path, "xl/worksheets/sheet1.xml");
  CU_ASSERT_EQUAL (xcount (&help, "//x:sheetProtection"), 1);
  xml_free (&help);

  /* A closed review writes no workbooks. */
  CU_ASSERT_TRUE (dc_review_close (store, 2026, NULL, "kacho", TRUE, NULL, NULL));
  g_autoptr (GPtrArray) none = dc_review_export (store, 2026, NULL, out, 3, &error);
  CU_ASSERT_PTR_NULL (none);
  CU_ASSERT_TRUE (g_error_matches (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT));
  test_rmdir (dir);
}

TEST_MAIN ("review",
           { "a year's review opens with an item per asset in use", test_open },
           { "progress per section; closing records the duties", test_status_and_close },
           { "the workbook: key, locked values, dropdowns, hidden lists", test_workbook })
