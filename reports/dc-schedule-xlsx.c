/* 年間計画: the plan of periodic duties by month, and the year's completions. */
#include "dc-schedule-xlsx.h"
#include "base/dc-date.h"
#include "base/dc-date.h"
#include "model/dc-post.h"
#include "model/dc-register.h"
#include "dc-workbook.h"

#include <string.h>

#define HEADER_ROW 3
#define FIRST_MONTH_COLUMN 8

typedef struct {
  DcStore *store;
  int fiscal_year;
  const char *today;
  lxw_workbook *workbook;
  lxw_format *title, *header, *text, *month[5];   /* month[DcPlanMark] */
  GHashTable *holders;   /* post code → "氏名（職員番号）" today */
} Writer;

static const char *const headers[] = { "No", "業務", "周期", "対象", "担当補職", "現在の担当者", "前回実施",
                                       "次回期限" };
static const guint widths[] = { 4, 30, 10, 22, 18, 20, 11, 11 };

static gboolean
put (lxw_worksheet *sheet, guint row, guint col, const char *text, lxw_format *format, GError **error)
{
  return dc_workbook_write_cell (sheet, row, col, text, FALSE, format, NULL, NULL, error);
}

static void
make_formats (Writer *w)
{
  w->title = dc_workbook_title_format (w->workbook);
  w->header = dc_workbook_cell_format (w->workbook, 0xD9E1F2, FALSE);
  format_set_bold (w->header);
  format_set_align (w->header, LXW_ALIGN_CENTER);
  w->text = dc_workbook_cell_format (w->workbook, 0, FALSE);
  w->month[DC_PLAN_NONE] = dc_workbook_cell_format (w->workbook, 0, FALSE);
  w->month[DC_PLAN_PLANNED] = dc_workbook_cell_format (w->workbook, 0, FALSE);
  w->month[DC_PLAN_DUE] = dc_workbook_cell_format (w->workbook, 0xFFE699, FALSE);
  w->month[DC_PLAN_DONE] = dc_workbook_cell_format (w->workbook, 0xE2EFDA, FALSE);
  w->month[DC_PLAN_MISSED] = dc_workbook_cell_format (w->workbook, 0xF8CBAD, FALSE);
  for (int m = 0; m < 5; m++)
    format_set_align (w->month[m], LXW_ALIGN_CENTER);
}

/* Who holds POST today, cached: posts repeat on many rows. */
static const char *
holder (Writer *w, const char *post)
{
  if (!post)
    return "";
  const char *known = g_hash_table_lookup (w->holders, post);
  if (known)
    return known;
  g_autoptr (GPtrArray) holders = dc_post_holders_on (w->store, post, w->today, NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; holders && i < holders->len; i++) {
    const DcAssignment *a = g_ptr_array_index (holders, i);
    g_string_append_printf (text, "%s%s（%s）", i ? "、" : "", a->person_name, a->employee_no);
  }
  if (!text->len)
    g_string_assign (text, "（空席）");
  char *value = g_string_free (g_steal_pointer (&text), FALSE);
  g_hash_table_insert (w->holders, g_strdup (post), value);
  return value;
}

static char *
month_text (const DcPlanRow *row, int m)
{
  const char *note = row->notes[m];
  switch (row->marks[m]) {
  case DC_PLAN_NONE:
    return g_strdup ("");
  case DC_PLAN_PLANNED:
    return note ? g_strdup_printf ("○ %s", note) : g_strdup ("○");
  case DC_PLAN_DUE:
    return g_strdup (note ? note : "期限");
  case DC_PLAN_DONE:
    return g_strdup_printf ("済 %s", note ? note : "");
  case DC_PLAN_MISSED:
    return note ? g_strdup_printf ("未実施（%s）", note) : g_strdup ("未実施");
  }
  g_assert_not_reached ();
}

static gboolean
write_plan (Writer *w, GPtrArray *rows, GError **error)
{
  lxw_worksheet *sheet = workbook_add_worksheet (w->workbook, "年間計画");
  g_autofree char *organisation = dc_setting_get (w->store, "organisation", NULL);
  g_autofree char *year = dc_date_fiscal_year_name (w->fiscal_year);
  g_autofree char *title = g_strdup_printf ("%s（%d年度） 情報セキュリティ定期業務 年間計画%s%s", year,
                                            w->fiscal_year, organisation ? "　" : "", organisation ? organisation : "");
  g_autofree char *legend = g_strdup_printf ("%s 現在　○ 予定月　期限 M/D 期限日　済 M/D 実施日　未実施 期限を過ぎて"
                                             "記録なし（記録のない業務は未実施として扱います）", w->today);
  worksheet_set_row (sheet, 0, 22, NULL);
  if (!put (sheet, 0, 0, title, w->title, error) || !put (sheet, 1, 0, legend, NULL, error))
    return FALSE;
  worksheet_set_row (sheet, HEADER_ROW, 30, NULL);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    if (!put (sheet, HEADER_ROW, c, headers[c], w->header, error))
      return FALSE;
  for (int m = 0; m < 12; m++) {
    g_autofree char *month = g_strdup_printf ("%d月", dc_date_fiscal_month_of_index (m));
    if (!put (sheet, HEADER_ROW, FIRST_MONTH_COLUMN + (guint) m, month, w->header, error))
      return FALSE;
  }
  if (!put (sheet, HEADER_ROW, FIRST_MONTH_COLUMN + 12, "根拠", w->header, error))
    return FALSE;
  for (guint r = 0; r < rows->len; r++) {
    const DcPlanRow *row = g_ptr_array_index (rows, r);
    const DcDutyTarget *t = row->item->target;
    guint line = HEADER_ROW + 1 + r;
    g_autofree char *number = g_strdup_printf ("%u", r + 1);
    const char *cells[] = { number, t->duty->name, dc_duty_interval_text (t->duty), t->name,
                            t->post ? t->post_name : "（未設定）",
                            t->post ? holder (w, t->post) : "",
                            row->item->last_done ? row->item->last_done : "記録なし",
                            row->item->next_due ? row->item->next_due : "直ちに" };
    worksheet_set_row (sheet, line, 29, NULL);
    for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
      if (!dc_workbook_write_cell (sheet, line, c, cells[c], c == 0, w->text, t->name, headers[c], error))
        return FALSE;
    for (int m = 0; m < 12; m++) {
      g_autofree char *text = month_text (row, m);
      if (!put (sheet, line, FIRST_MONTH_COLUMN + (guint) m, text, w->month[row->marks[m]], error))
        return FALSE;
    }
    if (!put (sheet, line, FIRST_MONTH_COLUMN + 12, t->duty->source, w->text, error))
      return FALSE;
  }
  for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
    worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, widths[c], NULL);
  worksheet_set_column (sheet, FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + 11, 9, NULL);
  worksheet_set_column (sheet, FIRST_MONTH_COLUMN + 12, FIRST_MONTH_COLUMN + 12, 40, NULL);
  worksheet_freeze_panes (sheet, HEADER_ROW + 1, 4);
  if (rows->len)
    worksheet_autofilter (sheet, HEADER_ROW, 0, HEADER_ROW + rows->len, FIRST_MONTH_COLUMN + 12);
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 8);  /* A3 */
  worksheet_fit_to_pages (sheet, 1, 0);
  worksheet_repeat_rows (sheet, HEADER_ROW, HEADER_ROW);
  worksheet_set_footer (sheet, "&C&P / &N");
  return TRUE;
}

static gboolean
write_log (Writer *w, GError **error)
{
  lxw_worksheet *sheet = workbook_add_worksheet (w->workbook, "実施記録");
  g_autoptr (GPtrArray) done = dc_duty_done_list (w->store, NULL, NULL, NULL, error);
  if (!done)
    return FALSE;
  g_autofree char *start = dc_date_fiscal_year_start (w->fiscal_year);
  g_autofree char *end = dc_date_fiscal_year_end (w->fiscal_year);
  const char *titles[] = { "実施日", "業務", "対象", "実施した補職", "職員番号", "備考", "記録日" };
  const guint log_widths[] = { 11, 30, 18, 18, 12, 50, 11 };
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++) {
    worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, log_widths[c], NULL);
    if (!put (sheet, 0, c, titles[c], w->header, error))
      return FALSE;
  }
  guint row = 1;
  for (guint i = 0; i < done->len; i++) {
    const DcDutyDone *d = g_ptr_array_index (done, i);
    if (strcmp (d->done_on, start) < 0 || strcmp (d->done_on, end) > 0)
      continue;
    const DcDuty *duty = dc_duty_lookup (d->duty, NULL);
    const char *cells[] = { d->done_on, duty ? duty->name : d->duty,
                            d->system ? d->system : d->asset ? d->asset : "全庁", d->post,
                            d->person ? d->person : "", d->note, d->recorded_on };
    for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
      if (!dc_workbook_write_cell (sheet, row, c, cells[c], FALSE, w->text, d->code, titles[c], error))
        return FALSE;
    row++;
  }
  worksheet_freeze_panes (sheet, 1, 0);
  dc_workbook_print_setup (sheet, TRUE, 1);
  return TRUE;
}

gboolean
dc_schedule_xlsx_write (DcStore *store, int fiscal_year, const char *path, GError **error)
{
  g_autofree char *today = dc_date_today ();
  g_autoptr (GPtrArray) rows = dc_due_plan (store, fiscal_year, today, error);
  if (!rows)
    return FALSE;
  DcWorkbookFile file;
  if (!dc_workbook_begin (&file, path, error))
    return FALSE;
  Writer w = { .store = store, .fiscal_year = fiscal_year, .today = today, .workbook = file.workbook };
  w.holders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *year = dc_date_fiscal_year_name (fiscal_year);
  g_autofree char *title = g_strdup_printf ("%s 情報セキュリティ定期業務 年間計画", year);
  dc_workbook_properties (w.workbook, title, NULL);
  make_formats (&w);
  gboolean ok = write_plan (&w, rows, error) && write_log (&w, error);
  g_hash_table_unref (w.holders);
  return dc_workbook_finish (&file, ok, error);
}
