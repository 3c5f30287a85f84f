/* The review workbook: 説明, 見直し and the hidden 選択肢. */
#include "dc-review-xlsx.h"
#include "base/dc-i18n.h"
#include "model/dc-asset.h"
#include "base/dc-date.h"
#include "base/dc-date.h"
#include "model/dc-register.h"
#include "model/dc-scheme.h"
#include "readers/dc-table.h"
#include "base/dc-text.h"
#include "dc-workbook.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#define HEADER_ROW 4       /* 0-based: title, information, sign-off, legend, header */
#define FROZEN_COLUMNS 5   /* key, code, name, state, decision stay in view */
#define LIST_SHEET "選択肢"
#define HELP_SHEET "説明"

/* The dropdown lists, in the columns of the list sheet. */
enum { L_DECISION, L_TYPE, L_PERSONAL, L_C, L_I, L_A, L_EXTERNAL, L_POST, L_SYSTEM, L_SECTION, N_LISTS };
static const char *const list_titles[N_LISTS] = {
  "判定", "資産種別", "個人情報の有無", "機密性", "完全性", "可用性", "外部入出力の有無",
  "管理責任者（補職名）", "情報システム", "所管課"
};

typedef struct {
  DcStore *store;
  DcScheme *scheme;
  DcReviewCampaign *campaign;
  const char *section;
  char *section_name;
  lxw_workbook *workbook;
  lxw_worksheet *help, *sheet, *lists;
  lxw_format *title, *bold, *label, *wrap, *head_now, *head_edit, *now, *edit, *edit_date, *plain;
  const DcReviewColumn *columns;
  guint n_columns;
  GPtrArray *list_values[N_LISTS];   /* char* */
  char *list_formula[N_LISTS];       /* "='選択肢'!$A$2:$A$5", NULL when the list is empty */
  char **list_inline[N_LISTS];       /* the values, when short enough to go in the rule itself */
  guint row;                         /* the next row of 見直し */
  guint rows;                        /* assets listed */
  gboolean marked;                   /* an asset carries the handling mark */
} Writer;

void
dc_review_workbook_free (DcReviewWorkbook *workbook)
{
  if (!workbook)
    return;
  g_free (workbook->path);
  g_free (workbook->section);
  g_free (workbook->section_name);
  g_free (workbook);
}

static void
writer_clear (Writer *w)
{
  dc_scheme_free (w->scheme);
  dc_review_campaign_free (w->campaign);
  g_free (w->section_name);
  for (int l = 0; l < N_LISTS; l++) {
    if (w->list_values[l])
      g_ptr_array_unref (w->list_values[l]);
    g_free (w->list_formula[l]);
    g_free (w->list_inline[l]);
  }
}

static gboolean
put (Writer *w, lxw_worksheet *sheet, guint row, guint col, const char *text, lxw_format *format,
     GError **error)
{
  return dc_workbook_write_cell (sheet, row, col, text, FALSE, format, NULL, NULL, error);
}

/* ---- formats ---- */

static void
make_formats (Writer *w)
{
  w->title = dc_workbook_title_format (w->workbook);
  w->bold = workbook_add_format (w->workbook);
  format_set_bold (w->bold);
  w->label = workbook_add_format (w->workbook);
  format_set_bold (w->label);
  format_set_align (w->label, LXW_ALIGN_RIGHT);
  w->wrap = workbook_add_format (w->workbook);
  format_set_text_wrap (w->wrap);
  format_set_align (w->wrap, LXW_ALIGN_VERTICAL_TOP);
  w->plain = workbook_add_format (w->workbook);
  w->head_now = dc_workbook_cell_format (w->workbook, 0xD9D9D9, FALSE);
  format_set_bold (w->head_now);
  format_set_align (w->head_now, LXW_ALIGN_CENTER);
  w->head_edit = dc_workbook_cell_format (w->workbook, 0xFFD966, FALSE);
  format_set_bold (w->head_edit);
  format_set_align (w->head_edit, LXW_ALIGN_CENTER);
  w->now = dc_workbook_cell_format (w->workbook, 0xF2F2F2, FALSE);
  w->edit = dc_workbook_cell_format (w->workbook, 0xFFF2CC, TRUE);
  w->edit_date = dc_workbook_cell_format (w->workbook, 0xFFF2CC, TRUE);
  format_set_num_format (w->edit_date, "yyyy-mm-dd");
}

/* ---- the dropdown lists ---- */

/* Names of the records of KIND, or the code where a name is not unique. */
static GPtrArray *
record_choices (DcStore *store, const DcRecordKind *kind, GError **error)
{
  g_autoptr (GPtrArray) records = dc_record_list (store, kind, NULL, 0, error);
  if (!records)
    return NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < records->len; i++) {
    const char *name = dc_record_get (g_ptr_array_index (records, i), "name");
    g_hash_table_insert (seen, (gpointer) name,
                         GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (seen, name)) + 1));
  }
  GPtrArray *choices = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < records->len; i++) {
    const DcRecord *r = g_ptr_array_index (records, i);
    const char *name = dc_record_get (r, "name");
    g_ptr_array_add (choices, g_strdup (GPOINTER_TO_INT (g_hash_table_lookup (seen, name)) == 1
                                          ? name : dc_record_key (r)));
  }
  return choices;
}

static GPtrArray *
enum_choices (const char *field_name)
{
  const DcField *field = dc_record_kind_field (&dc_asset_kind, field_name);
  GPtrArray *choices = g_ptr_array_new_with_free_func (g_free);
  for (const DcEnumValue *v = field->values; v->code; v++)
    g_ptr_array_add (choices, g_strdup (v->ja));
  return choices;
}

static GPtrArray *
level_choices (const DcScheme *scheme, char property)
{
  const DcProperty *p = dc_scheme_property (scheme, property);
  GPtrArray *choices = g_ptr_array_new_with_free_func (g_free);
  for (guint l = 0; l < p->levels->len; l++) {
    const DcLevel *level = g_ptr_array_index (p->levels, l);
    g_ptr_array_add (choices, g_strdup_printf ("%s %s", level->label, level->name));
  }
  return choices;
}

/* The values as a NULL-terminated array for a list written into the rule
 * itself, or NULL when they do not fit: Excel takes 255 characters there, with
 * commas between the values, and libxlsxwriter 1.1.4 counts that limit in bytes.
 * Lists that fit avoid a range rule, which that version leaks when freeing. */
static char **
inline_list (GPtrArray *values)
{
  gsize bytes = 0;
  for (guint i = 0; i < values->len; i++) {
    const char *v = g_ptr_array_index (values, i);
    if (strpbrk (v, ",\"") || !*v)
      return NULL;
    bytes += strlen (v) + (i ? 1 : 0);
  }
  if (values->len == 0 || bytes > 255)
    return NULL;
  char **list = g_new0 (char *, values->len + 1);
  for (guint i = 0; i < values->len; i++)
    list[i] = g_ptr_array_index (values, i);
  return list;
}

static gboolean
make_lists (Writer *w, GError **error)
{
  w->list_values[L_DECISION] = g_ptr_array_new_with_free_func (g_free);
  for (int d = 0; d < DC_REVIEW_N_DECISIONS; d++)
    g_ptr_array_add (w->list_values[L_DECISION], g_strdup (dc_review_decisions[d]));
  w->list_values[L_TYPE] = g_ptr_array_new_with_free_func (g_free);
  for (guint t = 0; t < w->scheme->types->len; t++)
    g_ptr_array_add (w->list_values[L_TYPE],
                     g_strdup (((DcAssetType *) g_ptr_array_index (w->scheme->types, t))->name));
  w->list_values[L_PERSONAL] = enum_choices ("personal_info");
  w->list_values[L_C] = level_choices (w->scheme, 'C');
  w->list_values[L_I] = level_choices (w->scheme, 'I');
  w->list_values[L_A] = level_choices (w->scheme, 'A');
  w->list_values[L_EXTERNAL] = enum_choices ("external_io");
  if (!(w->list_values[L_POST] = record_choices (w->store, &dc_post_kind, error)) ||
      !(w->list_values[L_SYSTEM] = record_choices (w->store, &dc_system_kind, error)) ||
      !(w->list_values[L_SECTION] = record_choices (w->store, &dc_section_kind, error)))
    return FALSE;
  guint longest = 0;
  for (int l = 0; l < N_LISTS; l++) {
    longest = MAX (longest, w->list_values[l]->len);
    g_autofree char *letters = dc_column_letters ((guint) l);
    if (w->list_values[l]->len)
      w->list_formula[l] = g_strdup_printf ("='%s'!$%s$2:$%s$%u", LIST_SHEET, letters, letters,
                                            w->list_values[l]->len + 1);
    w->list_inline[l] = inline_list (w->list_values[l]);
  }
  /* Row by row: the workbook streams rows in order. */
  for (guint r = 0; r <= longest; r++)
    for (int l = 0; l < N_LISTS; l++) {
      const char *text = r == 0 ? list_titles[l]
                         : r <= w->list_values[l]->len ? g_ptr_array_index (w->list_values[l], r - 1) : NULL;
      if (text && !put (w, w->lists, r, (guint) l, text, r == 0 ? w->bold : NULL, error))
        return FALSE;
    }
  worksheet_set_column (w->lists, 0, N_LISTS - 1, 20, NULL);
  worksheet_protect (w->lists, NULL, NULL);
  worksheet_hide (w->lists);
  return TRUE;
}

/* The list a column's dropdown draws on, or -1. */
static int
column_list (const DcReviewColumn *column)
{
  if (column->role == DC_REVIEW_COL_DECISION)
    return L_DECISION;
  if (column->role == DC_REVIEW_COL_TRANSFER)
    return L_SECTION;
  if (column->role != DC_REVIEW_COL_NEW)
    return -1;
  const char *names[] = { "type", "personal_info", "c", "i", "a", "external_io", "post", "system" };
  const int lists[] = { L_TYPE, L_PERSONAL, L_C, L_I, L_A, L_EXTERNAL, L_POST, L_SYSTEM };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (column->field, names[i]))
      return lists[i];
  return -1;
}

static gboolean
is_date_column (const DcReviewColumn *column)
{
  return column->role == DC_REVIEW_COL_DATE ||
         (column->role == DC_REVIEW_COL_DISPOSAL && g_str_equal (column->field, "disposed_on"));
}

static void
validate (Writer *w, guint col, guint first, guint last, int list)
{
  if (first > last)
    return;
  lxw_data_validation v = { 0 };
  v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  v.error_title = "入力できない値です";
  if (list >= 0) {
    if (!w->list_formula[list])
      return;
    v.validate = w->list_inline[list] ? LXW_VALIDATION_TYPE_LIST : LXW_VALIDATION_TYPE_LIST_FORMULA;
    v.value_list = w->list_inline[list];
    v.value_formula = w->list_formula[list];
    v.error_message = "一覧（▼）から選んでください。";
  } else {
    v.validate = LXW_VALIDATION_TYPE_DATE;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_datetime = (lxw_datetime) { 2000, 1, 1, 0, 0, 0 };
    v.maximum_datetime = (lxw_datetime) { 2099, 12, 31, 0, 0, 0 };
    v.error_message = "日付を 2026-12-01 の形で入力してください。";
  }
  worksheet_data_validation_range (w->sheet, first, (lxw_col_t) col, last, (lxw_col_t) col, &v);
}

/* ---- 見直し ---- */

/* Lines TEXT wraps to in a column WIDTH characters wide. */
static guint
lines_for (const char *text, guint width)
{
  guint widest, lines;
  dc_workbook_measure (text, width, &widest, &lines);
  return lines;
}

static gboolean
write_row (Writer *w, char **cells, lxw_format **formats, GError **error)
{
  guint lines = 1;
  for (guint c = 1; c < w->n_columns; c++)
    lines = MAX (lines, lines_for (cells[c], w->columns[c].width));
  if (lines > 1)
    worksheet_set_row (w->sheet, w->row, MIN (lines, DC_XLSX_MAX_LINES) * DC_XLSX_LINE_HEIGHT, NULL);
  for (guint c = 0; c < w->n_columns; c++)
    if (!dc_workbook_write_cell (w->sheet, w->row, c, cells[c], FALSE, formats[c], cells[1],
                             w->columns[c].header, error))
      return FALSE;
  w->row++;
  return TRUE;
}

static gboolean
write_top (Writer *w, guint n_items, GError **error)
{
  g_autofree char *year = dc_date_fiscal_year_name (w->campaign->fiscal_year);
  g_autofree char *title = g_strdup_printf ("%s（%d年度） 情報資産台帳 見直し票　%s", year,
                                            w->campaign->fiscal_year, w->section_name);
  g_autofree char *today = dc_date_today ();
  g_autofree char *info = g_strdup_printf ("提出期限 %s　／　対象 %u件　／　作成 %s", w->campaign->due_on,
                                           n_items, today);
  g_autofree char *mark = g_strdup_printf ("%s %d %d %s", DC_REVIEW_MARK, DC_REVIEW_LAYOUT,
                                           w->campaign->fiscal_year, w->section);
  worksheet_set_row (w->sheet, 0, 22, NULL);
  gboolean ok = put (w, w->sheet, 0, 0, mark, NULL, error) &&
                put (w, w->sheet, 0, 1, title, w->title, error) &&
                put (w, w->sheet, 1, 1, info, NULL, error) &&
                put (w, w->sheet, 2, 2, DC_REVIEW_SIGNOFF_NAME, w->label, error) &&
                put (w, w->sheet, 2, 3, "", w->edit, error) &&
                put (w, w->sheet, 2, 4, DC_REVIEW_SIGNOFF_DATE, w->label, error) &&
                put (w, w->sheet, 2, 5, "", w->edit_date, error) &&
                put (w, w->sheet, 3, 1,
                     "灰色の欄は現在の登録内容です（変更できません）。黄色の欄に記入してください。"
                     "記入のしかたは「説明」シートにあります。", NULL, error);
  if (!ok)
    return FALSE;
  validate (w, 5, 2, 2, -1);
  guint lines = 1;
  for (guint c = 1; c < w->n_columns; c++)
    lines = MAX (lines, lines_for (w->columns[c].header, w->columns[c].width));
  worksheet_set_row (w->sheet, HEADER_ROW, lines * DC_XLSX_LINE_HEIGHT + 2, NULL);
  for (guint c = 0; c < w->n_columns; c++) {
    DcReviewColumnRole role = w->columns[c].role;
    gboolean editable = role != DC_REVIEW_COL_CURRENT && role != DC_REVIEW_COL_STATE &&
                        role != DC_REVIEW_COL_KEY;
    g_autofree char *header = column_list (&w->columns[c]) >= 0
                                ? g_strconcat (w->columns[c].header, " ▼", NULL)
                                : g_strdup (w->columns[c].header);
    /* The key column's header stays as the import finds it. */
    if (!put (w, w->sheet, HEADER_ROW, c, c == 0 ? w->columns[c].header : header,
              editable ? w->head_edit : w->head_now, error))
      return FALSE;
  }
  w->row = HEADER_ROW + 1;
  return TRUE;
}

static char *
state_text (const DcReviewItem *item)
{
  if (g_str_equal (item->state, "pending"))
    return g_strdup (dc_review_state_name (item->state));
  return g_strdup_printf ("%s（%s %s）", dc_review_state_name (item->state),
                          item->reviewed_on ? item->reviewed_on : "", item->reviewer ? item->reviewer : "");
}

static gboolean
write_item (Writer *w, const DcReviewItem *item, GError **error)
{
  g_autoptr (DcRecord) asset = dc_record_get_one (w->store, &dc_asset_kind, item->asset, error);
  if (!asset)
    return FALSE;
  const DcLevel *c = dc_scheme_level (w->scheme, 'C', dc_record_get (asset, "c"));
  w->marked |= dc_scheme_needs_mark (w->scheme, c);
  g_autofree char **cells = g_new0 (char *, w->n_columns + 1);
  g_autofree lxw_format **formats = g_new0 (lxw_format *, w->n_columns);
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < w->n_columns; i++) {
    const DcReviewColumn *column = &w->columns[i];
    char *text = NULL;
    switch (column->role) {
    case DC_REVIEW_COL_KEY:
      text = g_strdup_printf ("%s@%" G_GINT64_FORMAT, item->asset, item->asset_version);
      formats[i] = w->plain;
      break;
    case DC_REVIEW_COL_CURRENT: {
      const char *display = dc_record_display (asset, column->field);
      text = g_strdup (display ? display : dc_record_get (asset, column->field));
      formats[i] = w->now;
      break;
    }
    case DC_REVIEW_COL_STATE:
      text = state_text (item);
      formats[i] = w->now;
      break;
    default:
      formats[i] = is_date_column (column) ? w->edit_date : w->edit;
    }
    if (text)
      g_ptr_array_add (owned, text);
    cells[i] = text ? text : "";
  }
  w->rows++;
  return write_row (w, cells, formats, error);
}

static gboolean
write_new_rows (Writer *w, guint new_rows, GError **error)
{
  g_autofree char **cells = g_new0 (char *, w->n_columns + 1);
  g_autofree lxw_format **formats = g_new0 (lxw_format *, w->n_columns);
  for (guint i = 0; i < w->n_columns; i++)
    cells[i] = "";
  cells[1] = "▼ 新たに登録する資産（必要な行だけ記入。資産種別・資産名称・機密性・完全性・可用性・"
             "管理責任者は必須。所管課はこの票の所属）";
  if (!put (w, w->sheet, w->row++, 1, cells[1], w->bold, error))
    return FALSE;
  for (guint i = 0; i < w->n_columns; i++) {
    const DcReviewColumn *column = &w->columns[i];
    switch (column->role) {
    case DC_REVIEW_COL_KEY:
      cells[i] = "";  /* each row's, below */
      formats[i] = w->plain;
      break;
    case DC_REVIEW_COL_CURRENT:
      cells[i] = g_str_equal (column->field, "code") ? "（新規）" : "";
      formats[i] = w->now;
      break;
    case DC_REVIEW_COL_DECISION:
      cells[i] = "新規";
      formats[i] = w->now;
      break;
    case DC_REVIEW_COL_STATE:
    case DC_REVIEW_COL_TRANSFER:
    case DC_REVIEW_COL_DISPOSAL:
      cells[i] = "";
      formats[i] = w->now;
      break;
    default:
      cells[i] = "";
      formats[i] = is_date_column (column) ? w->edit_date : w->edit;
    }
  }
  /* Each row's own key: a second return of the same row is recognised. */
  guint32 token = g_random_int ();
  for (guint r = 0; r < new_rows; r++) {
    g_autofree char *key = g_strdup_printf ("%s%08x:%u", DC_REVIEW_KEY_NEW_PREFIX, token, r + 1);
    for (guint i = 0; i < w->n_columns; i++)
      if (w->columns[i].role == DC_REVIEW_COL_KEY)
        cells[i] = key;
    if (!write_row (w, cells, formats, error))
      return FALSE;
  }
  return TRUE;
}

static void
finish_sheet (Writer *w, guint first_data, guint last_asset, guint last_row)
{
  for (guint c = 0; c < w->n_columns; c++) {
    lxw_row_col_options hidden = { .hidden = 1 };
    worksheet_set_column_opt (w->sheet, (lxw_col_t) c, (lxw_col_t) c, w->columns[c].width + 1, NULL,
                              c == 0 ? &hidden : NULL);
    int list = column_list (&w->columns[c]);
    gboolean whole = w->columns[c].role == DC_REVIEW_COL_NEW || w->columns[c].role == DC_REVIEW_COL_DATE;
    if (list >= 0 || is_date_column (&w->columns[c]))
      validate (w, c, first_data, whole ? last_row : last_asset, list);
  }
  worksheet_freeze_panes (w->sheet, HEADER_ROW + 1, FROZEN_COLUMNS);
  if (last_asset >= first_data)
    worksheet_autofilter (w->sheet, HEADER_ROW, 1, last_asset, (lxw_col_t) (w->n_columns - 1));
  worksheet_set_landscape (w->sheet);
  /* A3, two pages wide, each with the asset's code, name, state and decision. */
  worksheet_set_paper (w->sheet, 8);
  worksheet_fit_to_pages (w->sheet, 2, 0);
  worksheet_repeat_rows (w->sheet, HEADER_ROW, HEADER_ROW);
  worksheet_repeat_columns (w->sheet, 1, FROZEN_COLUMNS - 1);
  worksheet_set_margins (w->sheet, 0.4, 0.4, 0.7, 0.6);
  g_autofree char *year = dc_date_fiscal_year_name (w->campaign->fiscal_year);
  g_autofree char *section = dc_workbook_header_text (w->section_name);
  g_autofree char *mark = w->marked && *w->scheme->handling_mark ? dc_workbook_header_text (w->scheme->handling_mark)
                                                                  : g_strdup ("");
  g_autofree char *page_header = g_strdup_printf ("&L&\"-,Bold\"&KFF0000%s&C%s 情報資産台帳 見直し票　%s",
                                                  mark, year, section);
  if (worksheet_set_header (w->sheet, page_header) != LXW_NO_ERROR)
    worksheet_set_header (w->sheet, "&C情報資産台帳 見直し票");
  worksheet_set_footer (w->sheet, "&C&P / &N");
  /* Locked cells stay locked; widths, heights and the filter remain usable. */
  lxw_protection protection = { .format_columns = 1, .format_rows = 1, .autofilter = 1 };
  worksheet_protect (w->sheet, NULL, &protection);
}

static gboolean
write_review_sheet (Writer *w, guint new_rows, GError **error)
{
  g_autoptr (GPtrArray) items = dc_review_items (w->store, w->campaign->fiscal_year, w->section, error);
  if (!items)
    return FALSE;
  /* Assets disposed or transferred by this review are done with. */
  g_autoptr (GPtrArray) listed = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++) {
    const DcReviewItem *item = g_ptr_array_index (items, i);
    if (g_str_equal (item->asset_status, "active") && !g_str_equal (item->state, "transferred"))
      g_ptr_array_add (listed, (gpointer) item);
  }
  if (!write_top (w, listed->len, error))
    return FALSE;
  guint first_data = w->row;
  for (guint i = 0; i < listed->len; i++)
    if (!write_item (w, g_ptr_array_index (listed, i), error))
      return FALSE;
  guint last_asset = w->row - 1;  /* < first_data when none */
  if (!write_new_rows (w, new_rows, error))
    return FALSE;
  finish_sheet (w, first_data, last_asset, w->row - 1);
  return TRUE;
}

/* ---- 説明 ---- */

static gboolean
help_lines (Writer *w, guint *row, const char *const *lines, GError **error)
{
  for (const char *const *l = lines; *l; l++) {
    gboolean heading = g_ascii_isdigit ((*l)[0]);
    guint height = lines_for (*l, 100);
    if (height > 1)
      worksheet_set_row (w->help, *row, height * DC_XLSX_LINE_HEIGHT, NULL);
    if (!put (w, w->help, (*row)++, 1, *l, heading ? w->bold : w->wrap, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
write_help (Writer *w, GError **error)
{
  g_autofree char *year = dc_date_fiscal_year_name (w->campaign->fiscal_year);
  g_autofree char *title = g_strdup_printf ("%s 情報資産台帳の見直し（%s）", year, w->section_name);
  g_autofree char *due = g_strdup_printf ("提出期限: %s", w->campaign->due_on);
  g_autofree char *about = g_strdup_printf (
      "この票は、%sが所管する情報資産について、情報資産台帳と重要性分類（機密性・完全性・可用性）の"
      "年1回の見直しを行うためのものです。「%s」シートに、使用中の情報資産が1行に1件ずつ載っています。",
      w->section_name, DC_REVIEW_SHEET);
  const char *const intro[] = { title, due, "", "1. この票について", about, "", "2. 記入のしかた",
    "・灰色の欄は現在の登録内容で、変更できません。黄色の欄に記入してください。",
    "・各行の「判定 ▼」で、次のいずれかを選んでください。",
    "　変更なし … 登録内容に誤りも変更もない。",
    "　修正 … 登録内容を改める。「修正後の〜」の欄のうち、改める欄だけに新しい値を記入します（空欄の項目は現在のまま）。",
    "　廃棄 … 資産を廃棄した。「廃棄日」と「廃棄方法」を記入し、廃棄証明書などがあれば「廃棄証明」にその番号を記入します。",
    "　移管 … 他の所属へ移す。「移管先（所管課）」と「修正後の管理責任者（補職名）」を選びます。",
    "・「確認者」「確認日」には、その行を確認した者の氏名と日付を記入します。空欄の行には、シート上部の"
    "「" DC_REVIEW_SIGNOFF_NAME "」「" DC_REVIEW_SIGNOFF_DATE "」が用いられます。",
    "・「判定」が空欄の行は未回答として扱います。",
    "・新たに登録する資産は、一覧の下の「（新規）」の行に記入します（資産種別、資産名称、機密性、完全性、"
    "可用性、管理責任者は必須）。",
    "・行の追加・削除・並べ替えはできません。他のファイルから貼り付けた値も、取り込むときにすべて検査し、"
    "選択肢にない値や必要な欄が空いている行は、シート名・行・列を示してお返しします。",
    "", "3. 返送",
    "記入が終わったら、このファイルを台帳の取りまとめ担当へ返送してください（ファイル名は変えても構いません）。"
    "この票を作成した後に登録内容が変わった資産の行は取り込めないため、その場合は票を改めてお送りします。",
    "", NULL };
  guint row = 0;
  worksheet_set_column (w->help, 0, 0, 2, NULL);
  worksheet_set_column (w->help, 1, 1, 100, NULL);
  worksheet_set_row (w->help, 0, 22, NULL);
  if (!put (w, w->help, row++, 1, intro[0], w->title, error) || !help_lines (w, &row, intro + 1, error))
    return FALSE;
  g_autofree char *scheme = g_strdup_printf ("4. 重要性分類の基準（%s）", w->scheme->title);
  if (!put (w, w->help, row++, 1, scheme, w->bold, error))
    return FALSE;
  for (int p = 0; p < 3; p++) {
    const DcProperty *property = &w->scheme->properties[p];
    if (!put (w, w->help, row++, 1, property->name, w->bold, error))
      return FALSE;
    for (guint l = 0; l < property->levels->len; l++) {
      const DcLevel *level = g_ptr_array_index (property->levels, l);
      g_autofree char *line = g_strdup_printf ("　%s %s … %s", level->label, level->name, level->description);
      const char *const one[] = { line, NULL };
      if (!help_lines (w, &row, one, error))
        return FALSE;
    }
  }
  dc_workbook_print_setup (w->help, FALSE, 0);
  worksheet_protect (w->help, NULL, NULL);
  worksheet_activate (w->help);
  return TRUE;
}

/* ---- the workbook ---- */

static gboolean
write_workbook (Writer *w, guint new_rows, GError **error)
{
  g_autofree char *organisation = dc_setting_get (w->store, "organisation", NULL);
  g_autofree char *year = dc_date_fiscal_year_name (w->campaign->fiscal_year);
  g_autofree char *title = g_strdup_printf ("%s 情報資産台帳 見直し票 %s", year, w->section_name);
  dc_workbook_properties (w->workbook, title, organisation);
  make_formats (w);
  w->help = workbook_add_worksheet (w->workbook, HELP_SHEET);
  w->sheet = workbook_add_worksheet (w->workbook, DC_REVIEW_SHEET);
  w->lists = workbook_add_worksheet (w->workbook, LIST_SHEET);
  if (!w->help || !w->sheet || !w->lists) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_IO, _ ("the workbook's sheets could not be made"));
    return FALSE;
  }
  return make_lists (w, error) && write_help (w, error) && write_review_sheet (w, new_rows, error);
}

gboolean
dc_review_xlsx_write (DcStore *store, int fiscal_year, const char *section, const char *path,
                      guint new_rows, guint *rows, GError **error)
{
  Writer w = { .store = store, .section = section };
  w.columns = dc_review_columns (&w.n_columns);
  g_autoptr (DcRecord) record = dc_record_get_one (store, &dc_section_kind, section, error);
  if (!record || !(w.campaign = dc_review_campaign_get (store, fiscal_year, error)) ||
      !(w.scheme = dc_scheme_from_store (store, error))) {
    writer_clear (&w);
    return FALSE;
  }
  w.section_name = g_strdup (dc_record_get (record, "name"));
  DcWorkbookFile file;
  if (!dc_workbook_begin (&file, path, error)) {
    writer_clear (&w);
    return FALSE;
  }
  w.workbook = file.workbook;
  gboolean ok = write_workbook (&w, new_rows, error);
  if (rows)
    *rows = w.rows;
  writer_clear (&w);
  return dc_workbook_finish (&file, ok, error);
}

/* A file name from a section's name: characters Windows refuses replaced. */
static char *
file_name_part (const char *name)
{
  g_autoptr (GString) part = g_string_new (NULL);
  for (const char *p = name; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    g_string_append_unichar (part, c < 0x20 || (c < 0x80 && strchr ("\\/:*?\"<>|", (int) c)) ? '_' : c);
  }
  return g_string_free (g_steal_pointer (&part), FALSE);
}

GPtrArray *
dc_review_export (DcStore *store, int fiscal_year, const char *section, const char *dir,
                  guint new_rows, GError **error)
{
  g_autoptr (DcReviewCampaign) campaign = dc_review_campaign_get (store, fiscal_year, error);
  if (!campaign)
    return NULL;
  if (g_str_equal (campaign->status, "closed")) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT,
                 _ ("the review of fiscal year %d was closed on %s; its workbooks can no longer be "
                 "returned"), fiscal_year, campaign->closed_on);
    return NULL;
  }
  g_autoptr (GPtrArray) sections = dc_review_status (store, fiscal_year, section, error);
  if (!sections)
    return NULL;
  if (sections->len == 0) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_NOT_FOUND,
                 section ? _ ("the review of fiscal year %d has no assets in section %s")
                         : _ ("the review of fiscal year %d has no assets"), fiscal_year, section);
    return NULL;
  }
  if (g_mkdir_with_parents (dir, 0700) != 0) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_IO, _ ("%s: the folder could not be made: %s"), dir,
                 g_strerror (errno));
    return NULL;
  }
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_review_workbook_free);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < sections->len; i++) {
    const DcReviewSectionStatus *s = g_ptr_array_index (sections, i);
    g_autofree char *part = file_name_part (s->section_name);
    g_autofree char *base = g_strdup_printf ("情報資産見直し_%d年度_%s.xlsx", fiscal_year, part);
    g_autofree char *folded = g_utf8_casefold (base, -1);
    if (g_hash_table_contains (names, folded)) {  /* two sections of one name */
      g_autofree char *code = file_name_part (s->section);
      g_free (base);
      base = g_strdup_printf ("情報資産見直し_%d年度_%s_%s.xlsx", fiscal_year, part, code);
    }
    g_hash_table_add (names, g_steal_pointer (&folded));
    DcReviewWorkbook *workbook = g_new0 (DcReviewWorkbook, 1);
    workbook->path = g_build_filename (dir, base, NULL);
    workbook->section = g_strdup (s->section);
    workbook->section_name = g_strdup (s->section_name);
    g_ptr_array_add (written, workbook);
    if (!dc_review_xlsx_write (store, fiscal_year, s->section, workbook->path, new_rows, &workbook->rows,
                               error))
      return NULL;
  }
  return g_steal_pointer (&written);
}

#ifdef __SANITIZE_ADDRESS__
/* libxlsxwriter 1.1.4 (Debian 12) never frees its copy of a range list rule's
 * formula (a few bytes per rule, once per workbook); LeakSanitizer is told so
 * in sanitized builds rather than failing every export of a large register. */
const char *__lsan_default_suppressions (void);
const char *
__lsan_default_suppressions (void)
{
  return "leak:lxw_strdup\n";
}
#endif
