/* The risk workbook: リスク評価 (every risk), ヒートマップ and リスク対応計画. */
#include "dc-risk-xlsx.h"
#include "base/dc-i18n.h"
#include "dc-workbook.h"

#define DOCUMENT "情報資産リスク評価"

typedef struct {
  const DcRiskReport *report;
  lxw_workbook *workbook;
  lxw_format *header, *text, *number, *title, *label;
  lxw_format **level_text;     /* per level: a coloured text cell */
  lxw_format **level_number;   /* per level: a coloured number cell */
  guint *level_counts;         /* applicable risks per level */
} Writer;

static lxw_format *
cell_format (lxw_workbook *workbook, gboolean centred, guint32 fill)
{
  lxw_format *format = dc_workbook_cell_format (workbook, fill, FALSE);
  if (centred)
    format_set_align (format, LXW_ALIGN_CENTER);
  return format;
}

static void
make_formats (Writer *w)
{
  const DcRiskMethod *method = w->report->method;
  w->header = cell_format (w->workbook, TRUE, 0xD9E1F2);
  format_set_bold (w->header);
  format_set_align (w->header, LXW_ALIGN_VERTICAL_CENTER);
  w->text = cell_format (w->workbook, FALSE, 0);
  w->number = cell_format (w->workbook, TRUE, 0);
  w->title = workbook_add_format (w->workbook);
  format_set_bold (w->title);
  format_set_font_size (w->title, 12);
  w->label = cell_format (w->workbook, FALSE, 0xF2F2F2);
  format_set_bold (w->label);
  w->level_text = g_new0 (lxw_format *, method->levels->len);
  w->level_number = g_new0 (lxw_format *, method->levels->len);
  for (guint l = 0; l < method->levels->len; l++) {
    guint32 color = ((const DcRiskLevel *) g_ptr_array_index (method->levels, l))->color;
    w->level_text[l] = cell_format (w->workbook, TRUE, color);
    w->level_number[l] = cell_format (w->workbook, TRUE, color);
    format_set_align (w->level_number[l], LXW_ALIGN_VERTICAL_CENTER);
  }
}

static lxw_format *
level_format (Writer *w, const char *code)
{
  guint index = 0;
  return code && dc_risk_method_find_level (w->report->method, code, &index) ? w->level_text[index] : NULL;
}

static gboolean
applicable (const DcRiskLine *line)
{
  const char *status = line->v[DC_RISK_STATUS];
  return g_strcmp0 (status, "not_applicable") != 0 && g_strcmp0 (status, "closed") != 0;
}

static gboolean
page_header (Writer *w, lxw_worksheet *sheet, const char *sheet_title, GError **error)
{
  g_autofree char *title = g_strdup_printf ("%s %s", sheet_title, w->report->subtitle);
  g_autofree char *right = g_strdup_printf ("基準日 %s", w->report->date);
  return dc_workbook_page_header (sheet, w->report->handling_mark, DOCUMENT, w->report->organisation,
                              title, right, error);
}

static const char *
text_or_empty (const char *text)
{
  return text ? text : "";
}

/* ---- リスク評価: every risk, highest first ---- */

static const DcWorkbookColumn risk_columns[] = {
  { "No", 4, TRUE }, { "資産番号", 10, FALSE }, { "資産名称", 24, FALSE }, { "資産種別", 8, FALSE },
  { "所管課", 12, FALSE }, { "脅威番号", 6, FALSE }, { "脅威", 26, FALSE }, { "損なう特性", 6, FALSE },
  { "資産価値", 6, TRUE }, { "価値の根拠", 14, FALSE }, { "脅威の起こりやすさ", 6, TRUE },
  { "脆弱性", 6, TRUE }, { "被害発生可能性", 8, TRUE }, { "リスク値", 6, TRUE }, { "算定式", 14, FALSE },
  { "リスクレベル", 6, FALSE }, { "現状の対策", 24, FALSE }, { "状態", 10, FALSE },
};

static gboolean
write_risk_sheet (Writer *w, GError **error)
{
  const guint n = G_N_ELEMENTS (risk_columns);
  g_auto (DcWorkbookGrid) grid = { 0 };
  if (!dc_workbook_grid_begin (&grid, workbook_add_worksheet (w->workbook, "リスク評価"), risk_columns, n,
                           w->header, w->text, w->number, error))
    return FALSE;
  GPtrArray *lines = w->report->lines;
  for (guint i = 0; i < lines->len; i++) {
    const DcRiskLine *l = g_ptr_array_index (lines, i);
    g_autofree char *number = g_strdup_printf ("%u", i + 1);
    g_autofree char *basis = dc_risk_line_value_basis (l);
    const char *cells[] = {
      number, l->v[DC_RISK_ASSET], l->v[DC_RISK_ASSET_NAME], l->v[DC_RISK_ASSET_TYPE_NAME],
      l->v[DC_RISK_SECTION_NAME], l->v[DC_RISK_THREAT], l->v[DC_RISK_THREAT_NAME],
      l->v[DC_RISK_PROPERTY_NAME], l->v[DC_RISK_VALUE], basis, l->v[DC_RISK_LIKELIHOOD],
      l->v[DC_RISK_VULNERABILITY], l->v[DC_RISK_POSSIBILITY], l->v[DC_RISK_RISK_VALUE],
      l->v[DC_RISK_FORMULA], l->v[DC_RISK_LEVEL_NAME], l->v[DC_RISK_CONTROLS],
      dc_risk_status_name (l->v[DC_RISK_STATUS]),
    };
    lxw_format *formats[G_N_ELEMENTS (risk_columns)] = { NULL };
    formats[15] = level_format (w, l->v[DC_RISK_LEVEL]);
    if (!dc_workbook_grid_row (&grid, cells, formats, l->v[DC_RISK_CODE], error))
      return FALSE;
    guint level = 0;
    if (applicable (l) && dc_risk_method_find_level (w->report->method, l->v[DC_RISK_LEVEL], &level))
      w->level_counts[level]++;
  }
  dc_workbook_grid_finish (&grid, 3);
  return page_header (w, grid.sheet, "リスク評価表", error);
}

/* ---- リスク対応計画: what is treated, or needs a decision ---- */

static const DcWorkbookColumn plan_columns[] = {
  { "No", 4, TRUE }, { "資産番号", 10, FALSE }, { "資産名称", 20, FALSE }, { "脅威", 22, FALSE },
  { "リスク値", 6, TRUE }, { "リスクレベル", 6, FALSE }, { "対応", 6, FALSE }, { "対策内容", 26, FALSE },
  { "担当（補職）", 14, FALSE }, { "期限", 11, FALSE }, { "完了日", 11, FALSE },
  { "残留 起こりやすさ", 6, TRUE }, { "残留 脆弱性", 6, TRUE }, { "残留リスク値", 6, TRUE },
  { "残留レベル", 6, FALSE }, { "受容の承認者（補職）", 14, FALSE }, { "受容日", 11, FALSE },
  { "受容期限", 11, FALSE }, { "受容の理由", 20, FALSE }, { "状態", 10, FALSE },
};

static gboolean
in_plan (const DcRiskLine *l)
{
  return applicable (l) && (l->v[DC_RISK_TREATMENT] || dc_risk_status_due (l->v[DC_RISK_STATUS]));
}

static gboolean
write_plan_sheet (Writer *w, GError **error)
{
  const guint n = G_N_ELEMENTS (plan_columns);
  g_auto (DcWorkbookGrid) grid = { 0 };
  if (!dc_workbook_grid_begin (&grid, workbook_add_worksheet (w->workbook, "リスク対応計画"), plan_columns, n,
                           w->header, w->text, w->number, error))
    return FALSE;
  GPtrArray *lines = w->report->lines;
  guint number = 0;
  for (guint i = 0; i < lines->len; i++) {
    const DcRiskLine *l = g_ptr_array_index (lines, i);
    if (!in_plan (l))
      continue;
    g_autofree char *no = g_strdup_printf ("%u", ++number);
    g_autofree char *threat = g_strdup_printf ("%s %s", l->v[DC_RISK_THREAT], l->v[DC_RISK_THREAT_NAME]);
    g_autofree char *owner = l->v[DC_RISK_OWNER_POST_NAME] ? g_strdup (l->v[DC_RISK_OWNER_POST_NAME]) : NULL;
    const char *cells[] = {
      no, l->v[DC_RISK_ASSET], l->v[DC_RISK_ASSET_NAME], threat, l->v[DC_RISK_RISK_VALUE],
      l->v[DC_RISK_LEVEL_NAME], dc_risk_treatment_name (l->v[DC_RISK_TREATMENT]), l->v[DC_RISK_CONTROL],
      owner, l->v[DC_RISK_DUE_ON], l->v[DC_RISK_COMPLETED_ON], l->v[DC_RISK_RESIDUAL_LIKELIHOOD],
      l->v[DC_RISK_RESIDUAL_VULNERABILITY], l->v[DC_RISK_RESIDUAL_VALUE], l->v[DC_RISK_RESIDUAL_LEVEL_NAME],
      l->v[DC_RISK_APPROVER_POST_NAME], l->v[DC_RISK_ACCEPTED_ON], l->v[DC_RISK_ACCEPT_UNTIL],
      l->v[DC_RISK_ACCEPT_REASON], dc_risk_status_name (l->v[DC_RISK_STATUS]),
    };
    lxw_format *formats[G_N_ELEMENTS (plan_columns)] = { NULL };
    formats[5] = level_format (w, l->v[DC_RISK_LEVEL]);
    formats[14] = level_format (w, l->v[DC_RISK_RESIDUAL_LEVEL]);
    if (!dc_workbook_grid_row (&grid, cells, formats, l->v[DC_RISK_CODE], error))
      return FALSE;
  }
  dc_workbook_grid_finish (&grid, 3);
  return page_header (w, grid.sheet, "リスク対応計画", error);
}

/* ---- ヒートマップ: counts by value and 被害発生可能性, and the criteria ---- */

#define LABEL_WIDTH 22     /* column A */
#define CELL_WIDTH 11      /* columns B onwards */
#define TEXT_FIRST 1       /* long texts span columns B to I */
#define TEXT_LAST 8

static void
put (lxw_worksheet *sheet, guint row, guint col, const char *text, lxw_format *format)
{
  dc_workbook_write_cell (sheet, row, col, text, FALSE, format, NULL, NULL, NULL);
}

static void
put_number (lxw_worksheet *sheet, guint row, guint col, gint64 n, lxw_format *format)
{
  worksheet_write_number (sheet, row, (lxw_col_t) col, (double) n, format);
}

/* TEXT in columns FIRST to TEXT_LAST merged, the row as tall as it wraps.
 * Call before anything else is written on the row. */
static void
put_long (lxw_worksheet *sheet, guint row, guint first, const char *text, lxw_format *format)
{
  guint width = (TEXT_LAST - first + 1) * CELL_WIDTH;
  worksheet_set_row (sheet, row, dc_workbook_row_height (dc_workbook_wrapped_lines (text, width)), NULL);
  worksheet_merge_range (sheet, row, (lxw_col_t) first, row, TEXT_LAST, "", format);
  put (sheet, row, first, text, format);  /* as text, never a formula */
}

static void
add_value (GArray *values, int value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, int, i) == value)
      return;
  g_array_append_val (values, value);
}

static gint
compare_ints (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The heat map's columns: every value of the scheme and of the lines. */
static GArray *
heat_values (const DcRiskReport *report)
{
  GArray *values = dc_scheme_level_values (report->scheme);
  for (guint i = 0; i < report->lines->len; i++)
    add_value (values, dc_risk_line_int (g_ptr_array_index (report->lines, i), DC_RISK_VALUE));
  g_array_sort (values, compare_ints);
  return values;
}

static guint
count_cell (const DcRiskReport *report, int value, int possibility)
{
  guint count = 0;
  for (guint i = 0; i < report->lines->len; i++) {
    const DcRiskLine *l = g_ptr_array_index (report->lines, i);
    count += applicable (l) && dc_risk_line_int (l, DC_RISK_VALUE) == value &&
             dc_risk_line_int (l, DC_RISK_POSSIBILITY) == possibility;
  }
  return count;
}

static guint
write_heat_table (Writer *w, lxw_worksheet *sheet, guint row)
{
  const DcRiskReport *report = w->report;
  g_autoptr (GArray) values = heat_values (report);
  g_autoptr (GArray) possibilities = dc_risk_method_possibilities (report->method);
  put (sheet, row++, 0, "リスクの分布（件数）：被害発生可能性 × 資産価値（脅威が損なう特性の評価値）", w->title);
  put (sheet, row, 0, "被害発生可能性 ＼ 資産価値", w->header);
  for (guint v = 0; v < values->len; v++) {
    g_autofree char *label = g_strdup_printf ("%d", g_array_index (values, int, v));
    put (sheet, row, v + 1, label, w->header);
  }
  put (sheet, row++, values->len + 1, "計", w->header);
  g_autofree guint *column_totals = g_new0 (guint, values->len);
  for (guint p = possibilities->len; p-- > 0; row++) {
    int possibility = g_array_index (possibilities, int, p);
    g_autofree char *label = g_strdup_printf ("%d", possibility);
    put (sheet, row, 0, label, w->label);
    guint total = 0;
    for (guint v = 0; v < values->len; v++) {
      int value = g_array_index (values, int, v);
      guint count = count_cell (report, value, possibility);
      const DcRiskLevel *level = dc_risk_method_level_at (report->method, value, possibility);
      guint index = 0;
      if (level)
        dc_risk_method_find_level (report->method, level->code, &index);
      put_number (sheet, row, v + 1, count, level ? w->level_number[index] : w->number);
      total += count;
      column_totals[v] += count;
    }
    put_number (sheet, row, values->len + 1, total, w->number);
  }
  put (sheet, row, 0, "計", w->label);
  guint all = 0;
  for (guint v = 0; v < values->len; v++) {
    put_number (sheet, row, v + 1, column_totals[v], w->number);
    all += column_totals[v];
  }
  put_number (sheet, row++, values->len + 1, all, w->number);
  return row + 1;
}

static guint
write_legend (Writer *w, lxw_worksheet *sheet, guint row)
{
  const DcRiskMethod *method = w->report->method;
  put (sheet, row++, 0, "リスクレベルと対応方針", w->title);
  const char *headers[] = { "リスクレベル", "リスク値", "件数", "受容基準" };
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    put (sheet, row, c, headers[c], w->header);
  put_long (sheet, row++, 4, "対応方針", w->header);
  for (guint l = method->levels->len; l-- > 0; row++) {
    const DcRiskLevel *level = g_ptr_array_index (method->levels, l);
    g_autofree char *band = dc_risk_method_band (method, l);
    put_long (sheet, row, 4, level->description, w->text);
    put (sheet, row, 0, level->name, w->level_text[l]);
    put (sheet, row, 1, band, w->number);
    put_number (sheet, row, 2, w->level_counts[l], w->number);
    put (sheet, row, 3, l <= method->accept ? "受容可能" : "対応が必要", w->number);
  }
  return row + 1;
}

static guint
write_scale (Writer *w, lxw_worksheet *sheet, guint row, const char *title, GPtrArray *scale)
{
  put (sheet, row, 0, title, w->header);
  put_long (sheet, row++, TEXT_FIRST, "基準", w->header);
  for (guint i = scale->len; i-- > 0; row++) {
    g_autofree char *rating = g_strdup_printf ("%u", i + 1);
    put_long (sheet, row, TEXT_FIRST, g_ptr_array_index (scale, i), w->text);
    put (sheet, row, 0, rating, w->number);
  }
  return row + 1;
}

static guint
write_criteria (Writer *w, lxw_worksheet *sheet, guint row)
{
  const DcRiskMethod *method = w->report->method;
  static const char *const formulas[] = {
    "リスク値 ＝ 資産価値（脅威が損なう特性の評価値）× 被害発生可能性（起こりやすさと脆弱性から換算表で求める）",
    "リスク値 ＝ 資産価値（脅威が損なう特性の評価値）× 脅威の起こりやすさ × 脆弱性",
    "リスクレベル ＝ 表（被害発生可能性 × 資産価値）。被害発生可能性は起こりやすさと脆弱性から換算表で求める",
  };
  put (sheet, row++, 0, "評価基準", w->title);
  put_long (sheet, row, TEXT_FIRST, method->title, w->text);
  put (sheet, row++, 0, "評価方法", w->label);
  put_long (sheet, row, TEXT_FIRST, formulas[method->kind], w->text);
  put (sheet, row++, 0, "算定", w->label);
  put_long (sheet, row, TEXT_FIRST, "資産価値は、依存する資産（その資産を利用する資産）の評価値を含めた最大値"
            "（最大値の原則）。累積効果・分散効果による上書きは理由とともに記録する", w->text);
  put (sheet, row++, 0, "資産価値", w->label);
  if (method->acceptance_max_months) {
    g_autofree char *months = g_strdup_printf ("受容基準を超えるリスクを受容するときは、承認者と有効期限（最長 %d か月）"
                                               "と理由を定める。期限を過ぎた受容は再評価する", method->acceptance_max_months);
    put_long (sheet, row, TEXT_FIRST, months, w->text);
    put (sheet, row++, 0, "リスクの受容", w->label);
  }
  row = write_scale (w, sheet, row + 1, "脅威の起こりやすさ", method->likelihood);
  row = write_scale (w, sheet, row, "脆弱性", method->vulnerability);
  if (method->kind == DC_RISK_PRODUCT)
    return row;
  put (sheet, row++, 0, "被害発生可能性の換算表", w->title);
  put (sheet, row, 0, "起こりやすさ ＼ 脆弱性", w->header);
  guint nv = method->vulnerability->len;
  for (guint v = 0; v < nv; v++) {
    g_autofree char *label = g_strdup_printf ("%u", v + 1);
    put (sheet, row, v + 1, label, w->header);
  }
  row++;
  for (guint l = method->likelihood->len; l-- > 0; row++) {
    g_autofree char *label = g_strdup_printf ("%u", l + 1);
    put (sheet, row, 0, label, w->label);
    for (guint v = 0; v < nv; v++)
      put_number (sheet, row, v + 1, method->possibility[l * nv + v], w->number);
  }
  return row;
}

static gboolean
write_heat_map (Writer *w, GError **error)
{
  lxw_worksheet *sheet = workbook_add_worksheet (w->workbook, "ヒートマップ");
  if (!sheet) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("cannot add the heat map sheet"));
    return FALSE;
  }
  worksheet_set_column (sheet, 0, 0, LABEL_WIDTH, NULL);
  worksheet_set_column (sheet, 1, 20, CELL_WIDTH, NULL);
  guint row = write_heat_table (w, sheet, 0);
  row = write_legend (w, sheet, row);
  write_criteria (w, sheet, row);
  dc_workbook_print_setup (sheet, TRUE, 0);
  worksheet_fit_to_pages (sheet, 1, 1);  /* the map and its criteria on one page */
  return page_header (w, sheet, "ヒートマップ", error);
}

/* ---- the workbook ---- */

static gboolean
write_workbook (Writer *w, GError **error)
{
  dc_workbook_properties (w->workbook, DOCUMENT, text_or_empty (w->report->organisation));
  make_formats (w);
  /* The risk sheet counts the levels the heat map's legend shows. */
  return write_risk_sheet (w, error) && write_heat_map (w, error) && write_plan_sheet (w, error);
}

gboolean
dc_risk_xlsx_write (const DcRiskReport *report, const char *path, GError **error)
{
  DcWorkbookFile file;
  if (!dc_workbook_begin (&file, path, error))
    return FALSE;
  Writer w = { .report = report, .workbook = file.workbook };
  w.level_counts = g_new0 (guint, report->method->levels->len);
  gboolean ok = write_workbook (&w, error);
  g_free (w.level_text);
  g_free (w.level_number);
  g_free (w.level_counts);
  return dc_workbook_finish (&file, ok, error);
}
