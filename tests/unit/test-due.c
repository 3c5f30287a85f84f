/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-due: deadlines from the last completion (month ends, fiscal-year
 * boundaries), what is overdue or due soon, and the plan of a fiscal year. */
#include "duty-org.h"
#include "dc-schedule-xlsx.h"
#include "xlsx-check.h"

static const DcDuty *
duty (const char *code)
{
  return dc_duty_lookup (code, NULL);
}

#define ASSERT_NEXT(code, last, since, expected)                       \
  do {                                                                 \
    g_autofree char *next_ = dc_due_next (duty (code), last, since);   \
    CU_ASSERT_STRING_EQUAL (next_ ? next_ : "(null)", expected);       \
  } while (0)

static void
test_next_deadlines (void)
{
  /* Monthly: done in a month, due by the end of the next one. */
  ASSERT_NEXT ("access_log_analysis", "2027-01-31", NULL, "2027-02-28");
  ASSERT_NEXT ("access_log_analysis", "2028-01-31", NULL, "2028-02-29");
  ASSERT_NEXT ("access_log_analysis", "2027-02-01", NULL, "2027-03-31");
  ASSERT_NEXT ("access_log_analysis", "2026-12-31", NULL, "2027-01-31");
  /* Fiscal year: done on 31 March counts for the year ending that day. */
  ASSERT_NEXT ("id_stocktake", "2027-03-31", NULL, "2028-03-31");
  ASSERT_NEXT ("id_stocktake", "2027-04-01", NULL, "2029-03-31");
  ASSERT_NEXT ("id_stocktake", "2026-04-01", NULL, "2028-03-31");
  /* Every N months from a month end. */
  ASSERT_NEXT ("privileged_password_change", "2026-08-31", NULL, "2027-02-28");
  ASSERT_NEXT ("privileged_password_change", "2027-08-31", NULL, "2028-02-29");
  ASSERT_NEXT ("server_maintenance", "2028-02-29", NULL, "2029-02-28");
  /* Never done: from the day an asset was entered; otherwise no deadline (overdue). */
  ASSERT_NEXT ("server_maintenance", NULL, "2026-11-22", "2027-11-22");
  ASSERT_NEXT ("id_stocktake", NULL, "2027-03-31", "2027-03-31");
  ASSERT_NEXT ("access_log_analysis", NULL, "2026-11-22", "2026-11-30");
  ASSERT_NEXT ("id_stocktake", NULL, NULL, "(null)");
}

static const DcDueItem *
find (GPtrArray *items, const char *code, const char *target)
{
  for (guint i = 0; i < items->len; i++) {
    const DcDueItem *item = g_ptr_array_index (items, i);
    const char *key = item->target->system ? item->target->system : item->target->asset;
    if (g_str_equal (item->target->duty->code, code) && g_strcmp0 (key, target) == 0)
      return item;
  }
  return NULL;
}

static void
record (DcStore *store, const char *code, const char *system, const char *date)
{
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_duty_record_done (store, code, system, date, "kacho", NULL, &error));
  g_assert_no_error (error);
}

static void
test_due_on_fiscal_year_boundaries (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = duty_register (dir);
  g_setenv ("DAICHO_TODAY", "2027-06-30", TRUE);
  record (store, "id_stocktake", "jutaku-sys", "2025-06-01");   /* fiscal year 2025 */
  record (store, "access_rights_review", "jutaku-sys", "2026-04-01");  /* fiscal year 2026 */
  record (store, "access_log_analysis", "jutaku-sys", "2027-01-31");
  g_setenv ("DAICHO_TODAY", "2026-11-22", TRUE);

  /* 31 March 2027: the stocktake of fiscal year 2026 is due today, not late. */
  g_autoptr (GPtrArray) march = dc_due_list (store, "2027-03-31", 30, NULL);
  const DcDueItem *item = find (march, "id_stocktake", "jutaku-sys");
  CU_ASSERT_PTR_NOT_NULL_FATAL (item);
  CU_ASSERT_STRING_EQUAL (item->next_due, "2027-03-31");
  CU_ASSERT_STRING_EQUAL (item->last_done, "2025-06-01");
  CU_ASSERT_EQUAL (item->state, DC_DUE_SOON);
  CU_ASSERT_EQUAL (item->days, 0);
  item = find (march, "access_rights_review", "jutaku-sys");
  CU_ASSERT_EQUAL (item->state, DC_DUE_OK);
  CU_ASSERT_STRING_EQUAL (item->next_due, "2028-03-31");
  /* Monthly from 31 January: due by the end of February, late in March. */
  item = find (march, "access_log_analysis", "jutaku-sys");
  CU_ASSERT_STRING_EQUAL (item->next_due, "2027-02-28");
  CU_ASSERT_EQUAL (item->state, DC_DUE_OVERDUE);
  CU_ASSERT_EQUAL (item->days, -31);

  /* 1 April 2027: a day late. */
  g_autoptr (GPtrArray) april = dc_due_list (store, "2027-04-01", 30, NULL);
  item = find (april, "id_stocktake", "jutaku-sys");
  CU_ASSERT_EQUAL (item->state, DC_DUE_OVERDUE);
  CU_ASSERT_EQUAL (item->days, -1);
  /* Overdue items come first; never-recorded ones have no deadline. */
  const DcDueItem *first = g_ptr_array_index (april, 0);
  CU_ASSERT_EQUAL (first->state, DC_DUE_OVERDUE);
  item = find (april, "emergency_drill", "jutaku-sys");
  CU_ASSERT_EQUAL (item->state, DC_DUE_OVERDUE);
  CU_ASSERT_PTR_NULL (item->next_due);
  CU_ASSERT_PTR_NULL (item->last_done);

  /* As of a date before a completion, that completion does not count. */
  g_autoptr (GPtrArray) early = dc_due_list (store, "2026-03-31", 30, NULL);
  item = find (early, "access_rights_review", "jutaku-sys");
  CU_ASSERT_PTR_NULL (item->last_done);
  /* The server counts from the day it was entered (2025-06-01): due 2026-06-01. */
  item = find (early, "server_maintenance", "H-0001");
  CU_ASSERT_STRING_EQUAL (item->next_due, "2026-06-01");
  CU_ASSERT_EQUAL (item->state, DC_DUE_OK);
  g_autoptr (GPtrArray) may = dc_due_list (store, "2026-05-10", 30, NULL);
  CU_ASSERT_EQUAL (find (may, "server_maintenance", "H-0001")->state, DC_DUE_SOON);
  test_rmdir (dir);
}

static void
test_plan_of_a_fiscal_year (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = duty_register (dir);
  record (store, "access_log_analysis", "jutaku-sys", "2026-05-10");
  record (store, "access_log_analysis", "jutaku-sys", "2026-06-30");
  record (store, "id_stocktake", "jutaku-sys", "2026-05-20");
  record (store, "privileged_password_change", "jutaku-sys", "2026-03-31");
  record (store, "privileged_password_change", "jutaku-sys", "2026-10-15");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = dc_due_plan (store, 2026, "2026-11-22", &error);
  g_assert_no_error (error);
  const DcPlanRow *logs = NULL, *stocktake = NULL, *password = NULL, *drill = NULL, *server = NULL;
  for (guint i = 0; i < rows->len; i++) {
    const DcPlanRow *row = g_ptr_array_index (rows, i);
    const char *code = row->item->target->duty->code;
    if (g_str_equal (code, "access_log_analysis")) logs = row;
    if (g_str_equal (code, "id_stocktake")) stocktake = row;
    if (g_str_equal (code, "privileged_password_change")) password = row;
    if (g_str_equal (code, "emergency_drill")) drill = row;
    if (g_str_equal (code, "server_maintenance")) server = row;
  }
  CU_ASSERT_PTR_NOT_NULL_FATAL (logs && stocktake && password && drill && server);
  /* Monthly: April missed, May and June done, July–October missed, November on. */
  CU_ASSERT_EQUAL (logs->marks[0], DC_PLAN_MISSED);
  CU_ASSERT_EQUAL (logs->marks[1], DC_PLAN_DONE);
  CU_ASSERT_STRING_EQUAL (logs->notes[1], "5/10");
  CU_ASSERT_EQUAL (logs->marks[2], DC_PLAN_DONE);
  CU_ASSERT_EQUAL (logs->marks[6], DC_PLAN_MISSED);
  CU_ASSERT_EQUAL (logs->marks[7], DC_PLAN_PLANNED);   /* November: still to do */
  CU_ASSERT_EQUAL (logs->marks[11], DC_PLAN_PLANNED);
  /* Once a year: done in May; nothing else. */
  CU_ASSERT_EQUAL (stocktake->marks[1], DC_PLAN_DONE);
  CU_ASSERT_EQUAL (stocktake->marks[11], DC_PLAN_NONE);
  /* Not done yet: planned in its month (October), due 31 March. */
  CU_ASSERT_EQUAL (drill->marks[6], DC_PLAN_PLANNED);
  CU_ASSERT_EQUAL (drill->marks[11], DC_PLAN_DUE);
  CU_ASSERT_STRING_EQUAL (drill->notes[11], "期限 3/31");
  /* Every 6 months from 31 March: due 30 September, done late on 15 October,
   * then due 15 April of the next year (outside this one). */
  CU_ASSERT_EQUAL (password->marks[5], DC_PLAN_MISSED);
  CU_ASSERT_STRING_EQUAL (password->notes[5], "期限 9/30");
  CU_ASSERT_EQUAL (password->marks[6], DC_PLAN_DONE);
  for (int m = 7; m < 12; m++)
    CU_ASSERT_EQUAL (password->marks[m], DC_PLAN_NONE);
  /* The server (entered 2025-06-01, never maintained): its deadline of
   * 1 June 2026 was missed. */
  CU_ASSERT_EQUAL (server->marks[2], DC_PLAN_MISSED);
  CU_ASSERT_STRING_EQUAL (server->notes[2], "期限 6/1");
  test_rmdir (dir);
}

static void
test_schedule_workbook (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = duty_register (dir);
  record (store, "id_stocktake", "jutaku-sys", "2026-05-20");
  record (store, "id_stocktake", "jutaku-sys", "2025-05-20");  /* the year before: not in the log */
  g_autofree char *path = g_build_filename (dir, "年間計画.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_schedule_xlsx_write (store, 2026, path, &error));
  g_assert_no_error (error);
  Xml book = xml_of (path, "xl/workbook.xml");
  g_autofree char *first = xstring (&book, "//x:sheet[1]/@name");
  g_autofree char *second = xstring (&book, "//x:sheet[2]/@name");
  CU_ASSERT_STRING_EQUAL (first, "年間計画");
  CU_ASSERT_STRING_EQUAL (second, "実施記録");
  xml_free (&book);
  /* Read back: the title, months from 4月 to 3月, the stocktake done in May. */
  DcTableOptions options = { .sheet = "年間計画" };
  g_autoptr (DcTable) table = dc_table_open (path, &options, &error);
  g_assert_no_error (error);
  GPtrArray *cells;
  guint number;
  gboolean found = FALSE;
  while (dc_table_next_row (table, &cells, &number, &error)) {
    const char *first_cell = ((DcCell *) g_ptr_array_index (cells, 0))->text;
    if (number == 1)
      CU_ASSERT_PTR_NOT_NULL (strstr (first_cell, "令和8年度（2026年度） 情報セキュリティ定期業務 年間計画"));
    if (number == 4) {
      CU_ASSERT_STRING_EQUAL (((DcCell *) g_ptr_array_index (cells, 8))->text, "4月");
      CU_ASSERT_STRING_EQUAL (((DcCell *) g_ptr_array_index (cells, 19))->text, "3月");
    }
    if (number > 4 && g_str_has_prefix (((DcCell *) g_ptr_array_index (cells, 1))->text, "IDの定期棚卸点検")) {
      found = TRUE;
      CU_ASSERT_STRING_EQUAL (((DcCell *) g_ptr_array_index (cells, 6))->text, "2026-05-20");
      CU_ASSERT_STRING_EQUAL (((DcCell *) g_ptr_array_index (cells, 7))->text, "2028-03-31");
      CU_ASSERT_STRING_EQUAL (((DcCell *) g_ptr_array_index (cells, 9))->text, "済 5/20");
    }
  }
  g_assert_no_error (error);
  CU_ASSERT_TRUE (found);
  Xml log = xml_of (path, "xl/worksheets/sheet2.xml");
  CU_ASSERT_EQUAL (xcount (&log, "//x:sheetData/x:row"), 2);  /* the header and the 2026 stocktake */
  CU_ASSERT_EQUAL (xcount (&log, "//x:f"), 0);
  xml_free (&log);
  test_rmdir (dir);
}

TEST_MAIN ("due",
           { "deadlines at month ends and fiscal-year ends", test_next_deadlines },
           { "overdue and due soon across 31 March / 1 April", test_due_on_fiscal_year_boundaries },
           { "a fiscal year's plan month by month", test_plan_of_a_fiscal_year },
           { "the plan as a workbook (年間計画, 実施記録)", test_schedule_workbook })
