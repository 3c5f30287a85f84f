/* The ID stocktake report: 概要 (summary and sign-off) and 検出事項 (findings). */
#include "dc-stocktake-xlsx.h"
#include "dc-workbook.h"

typedef struct {
  DcStore *store;
  const DcStocktakeRun *run;
  GPtrArray *findings;        /* DcStocktakeFinding* */
  DcStaffRoster *roster;
  char *organisation;
  char *system_name;
  lxw_workbook *workbook;
  lxw_format *title, *label, *text, *number, *header, *stamp;
} Report;

static void
make_formats (Report *r)
{
  r->title = workbook_add_format (r->workbook);
  format_set_bold (r->title);
  format_set_font_size (r->title, 16);
  format_set_align (r->title, LXW_ALIGN_CENTER);
  r->header = workbook_add_format (r->workbook);
  format_set_bold (r->header);
  format_set_bg_color (r->header, 0xD9E1F2);
  format_set_border (r->header, LXW_BORDER_THIN);
  format_set_text_wrap (r->header);
  format_set_align (r->header, LXW_ALIGN_CENTER);
  format_set_align (r->header, LXW_ALIGN_VERTICAL_CENTER);
  r->label = workbook_add_format (r->workbook);
  format_set_bold (r->label);
  format_set_bg_color (r->label, 0xF2F2F2);
  format_set_border (r->label, LXW_BORDER_THIN);
  format_set_align (r->label, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (r->label);
  r->text = workbook_add_format (r->workbook);
  format_set_border (r->text, LXW_BORDER_THIN);
  format_set_align (r->text, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (r->text);
  r->number = workbook_add_format (r->workbook);
  format_set_border (r->number, LXW_BORDER_THIN);
  format_set_align (r->number, LXW_ALIGN_CENTER);
  format_set_align (r->number, LXW_ALIGN_VERTICAL_TOP);
  r->stamp = workbook_add_format (r->workbook);   /* an empty box for the seal (印) */
  format_set_border (r->stamp, LXW_BORDER_THIN);
}

static gboolean
cell (lxw_worksheet *sheet, guint row, guint col, const char *text, lxw_format *format, GError **error)
{
  return dc_workbook_write_cell (sheet, row, col, text, FALSE, format, "概要", NULL, error);
}

static gboolean
number (lxw_worksheet *sheet, guint row, guint col, guint value, lxw_format *format, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%u", value);
  return dc_workbook_write_cell (sheet, row, col, text, TRUE, format, "概要", NULL, error);
}

/* A label in column A and its value across B to D, the row as tall as the value needs. */
static gboolean
labelled (Report *r, lxw_worksheet *sheet, guint row, const char *label, const char *value,
          GError **error)
{
  guint widest, lines;
  dc_workbook_measure (value, 66, &widest, &lines);
  if (lines > 1)
    worksheet_set_row (sheet, row, MIN (lines, DC_XLSX_MAX_LINES) * DC_XLSX_LINE_HEIGHT, NULL);
  if (!cell (sheet, row, 0, label, r->label, error))
    return FALSE;
  worksheet_merge_range (sheet, row, 1, row, 3, "", r->text);
  return cell (sheet, row, 1, value, r->text, error);
}

static char *
person (Report *r, const char *employee_no)
{
  const DcStaffMember *m = employee_no ? dc_staff_roster_by_number (r->roster, employee_no) : NULL;
  return m ? g_strdup (m->name) : g_strdup (employee_no ? employee_no : "");
}

static char *
post_name (Report *r, const char *code)
{
  if (!code)
    return g_strdup ("");
  g_autoptr (DcRecord) post = dc_record_get_one (r->store, &dc_post_kind, code, NULL);
  return g_strdup (post ? dc_record_get (post, "name") : code);
}

/* 確認者 / 承認者: post, name, date and a box for the seal. */
static gboolean
signoff_block (Report *r, lxw_worksheet *sheet, guint row, GError **error)
{
  const DcStocktakeRun *run = r->run;
  g_autofree char *checked_post = post_name (r, run->checked_post);
  g_autofree char *checked = person (r, run->checked_person);
  g_autofree char *signoff_post = post_name (r, run->signoff_post);
  g_autofree char *signer = person (r, run->signoff_person);
  const char *date = run->signoff_on ? run->signoff_on : "";
  const char *rows[][3] = {
    { "", "確認者", "承認者" },
    { "補職", checked_post, signoff_post },
    { "氏名", checked, signer },
    { "日付", run->checked_post ? date : "", date },
    { "印", "", "" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++) {
    lxw_format *value = i == 0 ? r->header : i == 4 ? r->stamp : r->text;
    if (i == 4)
      worksheet_set_row (sheet, row + i, 42, NULL);
    if (!cell (sheet, row + i, 1, rows[i][0], i == 0 ? r->header : r->label, error) ||
        !cell (sheet, row + i, 2, rows[i][1], value, error) ||
        !cell (sheet, row + i, 3, rows[i][2], value, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
write_summary (Report *r, GError **error)
{
  const DcStocktakeRun *run = r->run;
  lxw_worksheet *sheet = workbook_add_worksheet (r->workbook, "概要");
  worksheet_set_column (sheet, 0, 0, 20, NULL);
  worksheet_set_column (sheet, 1, 2, 14, NULL);
  worksheet_set_column (sheet, 3, 3, 40, NULL);
  worksheet_set_row (sheet, 0, 24, NULL);
  worksheet_merge_range (sheet, 0, 0, 0, 3, "", r->title);
  if (!cell (sheet, 0, 0, "ID棚卸 照合結果報告書", r->title, error))
    return FALSE;
  g_autofree char *number_text = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);
  g_autofree char *system = g_strdup_printf ("%s (%s)", r->system_name, run->system);
  g_autofree char *rows_text = g_strdup_printf ("%u", run->export_rows);
  g_autofree char *entries = g_strdup_printf ("%u", run->register_entries);
  g_autofree char *dormant = g_strdup_printf ("最終ログインが基準日より %u 日を超えて前", run->dormant_days);
  g_autofree char *run_at = dc_date_time_local (run->run_at);
  const char *facts[][2] = {
    { "団体", r->organisation }, { "情報システム", system }, { "照合番号", number_text },
    { "基準日", run->as_of }, { "実施日時", run_at }, { "実施者", run->operator },
    { "照合した出力", run->export_file }, { "出力の SHA-256", run->export_sha256 },
    { "出力のID数", rows_text }, { "ID管理簿のID数", entries }, { "読み取り形式", run->profile },
    { "長期未使用の基準", dormant },
  };
  guint row = 2;
  for (gsize i = 0; i < G_N_ELEMENTS (facts); i++, row++)
    if (!labelled (r, sheet, row, facts[i][0], facts[i][1], error))
      return FALSE;

  row++;
  const char *headers[] = { "検出事項の種別", "件数", "判定済み", "内容と通常の対応" };
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    if (!cell (sheet, row, c, headers[c], r->header, error))
      return FALSE;
  guint decided[DC_N_FINDING_KINDS] = { 0 }, total = 0;
  for (guint i = 0; i < r->findings->len; i++) {
    DcStocktakeFinding *f = g_ptr_array_index (r->findings, i);
    decided[f->finding->kind] += f->decision != NULL;
  }
  for (int k = 0; k < DC_N_FINDING_KINDS; k++) {
    row++;
    guint widest, lines;
    dc_workbook_measure (dc_finding_kind_explanation (k), 40, &widest, &lines);
    worksheet_set_row (sheet, row, MIN (lines, DC_XLSX_MAX_LINES) * DC_XLSX_LINE_HEIGHT, NULL);
    if (!cell (sheet, row, 0, dc_finding_kind_ja (k), r->label, error) ||
        !number (sheet, row, 1, run->counts[k], r->number, error) ||
        !number (sheet, row, 2, decided[k], r->number, error) ||
        !cell (sheet, row, 3, dc_finding_kind_explanation (k), r->text, error))
      return FALSE;
    total += run->counts[k];
  }
  row++;
  if (!cell (sheet, row, 0, "計", r->header, error) || !number (sheet, row, 1, total, r->number, error) ||
      !number (sheet, row, 2, run->decided, r->number, error) || !cell (sheet, row, 3, "", r->text, error))
    return FALSE;
  row += 2;
  for (char **note = run->notes; *note; note++, row++)
    if (!labelled (r, sheet, row, g_str_has_prefix (*note, DC_RECONCILE_NOTE_LOGIN_PART) ? "照合の方法"
                                                                                        : "確認していない事項",
                   *note, error))
      return FALSE;
  row++;
  if (!signoff_block (r, sheet, row, error))
    return FALSE;
  dc_workbook_print_setup (sheet, FALSE, 0);
  return TRUE;
}

typedef struct {
  const char *header;
  guint width;
  gboolean numeric;
} Column;

static const Column finding_columns[] = {
  { "No", 5, TRUE }, { "種別", 14, FALSE }, { "システム上のID", 18, FALSE }, { "照合キー", 16, FALSE },
  { "職員番号", 9, FALSE }, { "氏名", 12, FALSE }, { "内容", 40, FALSE }, { "判定", 7, FALSE },
  { "対応内容", 28, FALSE }, { "期限", 11, FALSE }, { "判定者", 10, FALSE }, { "判定日", 11, FALSE },
};

static gboolean
write_findings (Report *r, GError **error)
{
  lxw_worksheet *sheet = workbook_add_worksheet (r->workbook, "検出事項");
  guint n = G_N_ELEMENTS (finding_columns);
  for (guint c = 0; c < n; c++) {
    worksheet_set_column (sheet, c, c, finding_columns[c].width + 1,
                          finding_columns[c].numeric ? r->number : r->text);
    if (!dc_workbook_write_cell (sheet, 0, c, finding_columns[c].header, FALSE, r->header, NULL,
                             finding_columns[c].header, error))
      return FALSE;
  }
  for (guint i = 0; i < r->findings->len; i++) {
    const DcStocktakeFinding *f = g_ptr_array_index (r->findings, i);
    g_autofree char *seq = g_strdup_printf ("%u", f->finding->seq);
    const char *cells[] = {
      seq, dc_finding_kind_ja (f->finding->kind), f->finding->raw_login_id, f->finding->login_key,
      f->finding->holder, f->finding->holder_name, f->finding->detail, dc_stocktake_decision_ja (f->decision),
      f->note, f->until, f->decided_by, f->decided_on,
    };
    guint lines = 1;
    for (guint c = 0; c < n; c++) {
      guint widest, cell_lines;
      dc_workbook_measure (cells[c], finding_columns[c].width, &widest, &cell_lines);
      lines = MAX (lines, cell_lines);
    }
    if (lines > 1)
      worksheet_set_row (sheet, i + 1, MIN (lines, DC_XLSX_MAX_LINES) * DC_XLSX_LINE_HEIGHT, NULL);
    for (guint c = 0; c < n; c++)
      if (!dc_workbook_write_cell (sheet, i + 1, c, cells[c], finding_columns[c].numeric,
                               finding_columns[c].numeric ? r->number : r->text, seq,
                               finding_columns[c].header, error))
        return FALSE;
  }
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_autofilter (sheet, 0, 0, r->findings->len, n - 1);
  dc_workbook_print_setup (sheet, TRUE, 1);
  g_autofree char *org = dc_workbook_header_text (r->organisation);
  g_autofree char *system = dc_workbook_header_text (r->system_name);
  g_autofree char *header = g_strdup_printf ("&L%s&C&\"-,Bold\"ID棚卸 検出事項　%s（照合番号 %" G_GINT64_FORMAT
                                             "）&R基準日 %s", org, system, r->run->id, r->run->as_of);
  if (g_utf8_strlen (header, -1) <= 255)
    worksheet_set_header (sheet, header);
  return TRUE;
}

gboolean
dc_stocktake_xlsx_write (DcStore *store, gint64 id, const char *path, GError **error)
{
  g_autoptr (DcStocktakeRun) run = dc_stocktake_get (store, id, error);
  g_autoptr (GPtrArray) findings = run ? dc_stocktake_findings (store, id, NULL, FALSE, error) : NULL;
  g_autoptr (DcStaffRoster) roster = findings ? dc_staff_roster_load (store, error) : NULL;
  if (!roster)
    return FALSE;
  g_autoptr (DcRecord) system = dc_record_get_one (store, &dc_system_kind, run->system, error);
  if (!system)
    return FALSE;
  g_autofree char *organisation = dc_setting_get (store, "organisation", NULL);
  DcWorkbookFile file;
  if (!dc_workbook_begin (&file, path, error))
    return FALSE;
  Report r = { .store = store, .run = run, .findings = findings, .roster = roster,
               .organisation = organisation ? g_steal_pointer (&organisation) : g_strdup (""),
               .system_name = g_strdup (dc_record_get (system, "name")), .workbook = file.workbook };
  dc_workbook_properties (r.workbook, "ID棚卸 照合結果報告書", r.organisation);
  make_formats (&r);
  gboolean ok = write_summary (&r, error) && write_findings (&r, error);
  g_free (r.organisation);
  g_free (r.system_name);
  return dc_workbook_finish (&file, ok, error);
}
