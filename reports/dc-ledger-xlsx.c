/* The print-ready ledger workbook: 全体, one sheet per section, 集計. */
#include "dc-ledger-xlsx.h"
#include "base/dc-i18n.h"
#include "dc-workbook.h"
#include "base/dc-text.h"

#include <string.h>

typedef struct {
  DcWorkbookGrid grid;
  char *title;         /* 全体 or the section's name */
  gboolean marked;     /* holds an asset that carries the handling mark */
} Sheet;

typedef struct {
  DcLedger *ledger;
  lxw_workbook *workbook;
  lxw_format *header, *text, *number;
  const DcLedgerColumn *columns;
  guint n_columns;
  GStrv headers;
  DcWorkbookColumn *grid_columns;  /* the columns with the headers in the ledger's language */
  Sheet all;
  GHashTable *sections;       /* section code → Sheet* */
  GPtrArray *section_order;   /* Sheet* in section-code order */
  GPtrArray *section_names;   /* names in the same order */
  /* 集計 */
  guint (*by_type_level)[3][DC_SCHEME_MAX_LEVELS];  /* [type][property][rank - 1] */
  guint personal[3];             /* none, personal, specific */
  GHashTable *per_section;       /* section code → guint[4]: assets, personal, specific, marked */
  guint total;                   /* assets in use: the ones counted above */
  guint retired, disposed;       /* the others, on lines of their own */
  gboolean summary_marked;       /* an asset in use carries the handling mark */
} Writer;

/* ---- sheet names: at most 31 characters, none of []:*?/\, unique ---- */

/* The longest start of TEXT that is at most UNITS UTF-16 code units: Excel
 * counts characters beyond U+FFFF (𠮷) twice. */
static char *
cut_utf16 (const char *text, glong units)
{
  const char *p = text;
  for (glong used = 0; *p; p = g_utf8_next_char (p)) {
    used += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
    if (used > units)
      break;
  }
  return g_strndup (text, (gsize) (p - text));
}

static char *
sheet_name (const char *wanted, GHashTable *used)
{
  g_autoptr (GString) base = g_string_new (NULL);
  for (const char *p = wanted; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    /* ASCII only: strchr would see 政 (U+653F) as '?' (0x3F). */
    if (!dc_text_xml_char (c) || (c < 0x80 && strchr ("[]:*?/\\", (int) c) != NULL))
      c = '_';
    g_string_append_unichar (base, c);
  }
  while (base->len && base->str[0] == '\'')
    g_string_erase (base, 0, 1);
  while (base->len && base->str[base->len - 1] == '\'')
    g_string_truncate (base, base->len - 1);
  if (!base->len)
    g_string_assign (base, "所属");
  for (int n = 1;; n++) {
    g_autofree char *suffix = n == 1 ? g_strdup ("") : g_strdup_printf ("(%d)", n);
    g_autofree char *cut = cut_utf16 (base->str, 31 - (glong) strlen (suffix));
    char *name = g_strconcat (cut, suffix, NULL);
    g_autofree char *folded = g_utf8_casefold (name, -1);  /* Excel ignores case */
    if (!g_hash_table_contains (used, folded)) {
      g_hash_table_add (used, g_steal_pointer (&folded));
      return name;
    }
    g_free (name);
  }
}

/* ---- formats and sheets ---- */

static void
make_formats (Writer *w)
{
  w->header = workbook_add_format (w->workbook);
  format_set_bold (w->header);
  format_set_bg_color (w->header, 0xD9E1F2);
  format_set_border (w->header, LXW_BORDER_THIN);
  format_set_text_wrap (w->header);
  format_set_align (w->header, LXW_ALIGN_CENTER);
  format_set_align (w->header, LXW_ALIGN_VERTICAL_CENTER);
  /* Every text cell wraps: a column never grows past its print width. */
  w->text = workbook_add_format (w->workbook);
  format_set_border (w->text, LXW_BORDER_THIN);
  format_set_align (w->text, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (w->text);
  w->number = workbook_add_format (w->workbook);
  format_set_border (w->number, LXW_BORDER_THIN);
  format_set_align (w->number, LXW_ALIGN_CENTER);
  format_set_align (w->number, LXW_ALIGN_VERTICAL_TOP);
}

static gboolean
add_sheet (Writer *w, Sheet *sheet, const char *name, const char *title, GError **error)
{
  sheet->title = g_strdup (title);
  if (!dc_workbook_grid_begin (&sheet->grid, workbook_add_worksheet (w->workbook, name), w->grid_columns,
                           w->n_columns, w->header, w->text, w->number, error)) {
    g_prefix_error (error, _ ("sheet '%s': "), name);
    return FALSE;
  }
  return TRUE;
}

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->title);
  dc_workbook_grid_clear (&sheet->grid);
}

static gboolean
finish_sheet (Writer *w, Sheet *sheet, GError **error)
{
  dc_workbook_grid_finish (&sheet->grid, 1);
  const DcScheme *scheme = dc_ledger_scheme (w->ledger);
  gboolean english = dc_ledger_english (w->ledger);
  g_autofree char *right = g_strdup_printf ("%s %s", english ? "as of" : "基準日", dc_ledger_date (w->ledger));
  return dc_workbook_page_header (sheet->grid.sheet, sheet->marked ? scheme->handling_mark : "",
                              english ? "Information asset register" : "情報資産台帳",
                              dc_ledger_organisation (w->ledger), sheet->title, right, error);
}

/* ---- rows ---- */

static gboolean
write_row (Sheet *sheet, const char *code, const char *const *cells, GError **error)
{
  return dc_workbook_grid_row (&sheet->grid, cells, NULL, code, error);
}

/* The summary counts the assets in use; retired and disposed ones are
 * counted apart. */
static void
count_asset (Writer *w, const DcRecord *asset, gboolean marked)
{
  const char *status = dc_record_get (asset, "status");
  if (g_strcmp0 (status, "disposed") == 0) {
    w->disposed++;
    return;
  }
  if (g_strcmp0 (status, "retired") == 0) {
    w->retired++;
    return;
  }
  w->summary_marked |= marked;
  const DcScheme *scheme = dc_ledger_scheme (w->ledger);
  const char *fields[3] = { "c", "i", "a" };
  for (guint t = 0; t < scheme->types->len; t++) {
    const DcAssetType *type = g_ptr_array_index (scheme->types, t);
    if (!g_str_equal (type->code, dc_record_get (asset, "type")))
      continue;
    for (int p = 0; p < 3; p++) {
      const DcLevel *level = dc_scheme_level (scheme, scheme->properties[p].code,
                                              dc_record_get (asset, fields[p]));
      if (level)
        w->by_type_level[t][p][level->rank - 1]++;
    }
  }
  const char *personal = dc_record_get (asset, "personal_info");
  int kind = g_str_equal (personal, "specific") ? 2 : g_str_equal (personal, "personal") ? 1 : 0;
  w->personal[kind]++;
  guint *section = g_hash_table_lookup (w->per_section, dc_record_get (asset, "section"));
  section[0]++;
  section[1] += kind == 1;
  section[2] += kind == 2;
  section[3] += marked;
  w->total++;
}

static gboolean
on_asset (const DcRecord *asset, const char *const *cells, gpointer data, GError **error)
{
  Writer *w = data;
  const DcScheme *scheme = dc_ledger_scheme (w->ledger);
  gboolean marked = dc_scheme_needs_mark (scheme, dc_scheme_level (scheme, 'C', dc_record_get (asset, "c")));
  Sheet *section = g_hash_table_lookup (w->sections, dc_record_get (asset, "section"));
  const char *code = dc_record_key (asset);
  if (!write_row (&w->all, code, cells, error) || !write_row (section, code, cells, error))
    return FALSE;
  w->all.marked |= marked;
  section->marked |= marked;
  count_asset (w, asset, marked);
  return TRUE;
}

/* ---- 集計 ---- */

/* The summary's cells; each column as wide as its widest header or label
 * (wide characters count 2), so no header word is split by wrapping. */
typedef struct {
  lxw_worksheet *sheet;
  double widths[17];
} Summary;

static void
fit (Summary *m, guint col, const char *text, double min)
{
  if (col < G_N_ELEMENTS (m->widths))
    m->widths[col] = MAX (m->widths[col], MAX (min, dc_text_display_width (text) + 2.0));
}

static void
put (Summary *m, guint row, guint col, const char *text, lxw_format *format)
{
  dc_workbook_write_cell (m->sheet, row, col, text, FALSE, format, NULL, NULL, NULL);
  if (format)  /* titles (no format) run over the next cells */
    fit (m, col, text, 8);
}

static void
put_number (Summary *m, guint row, guint col, guint n, lxw_format *format)
{
  worksheet_write_number (m->sheet, row, (lxw_col_t) col, n, format);
  fit (m, col, "", 8);
}

static gboolean
write_summary (Writer *w, const char *name, GError **error)
{
  const DcScheme *scheme = dc_ledger_scheme (w->ledger);
  gboolean en = dc_ledger_english (w->ledger);
  Summary m = { workbook_add_worksheet (w->workbook, name), { 0 } };
  if (!m.sheet) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("cannot add the summary sheet"));
    return FALSE;
  }
  guint row = 0;
  put (&m, row++, 0, en ? "Assets in use by type and level" : "資産種別×評価値 件数（使用中の情報資産）", NULL);
  for (int p = 0; p < 3; p++) {
    const DcProperty *property = &scheme->properties[p];
    put (&m, row, 0, en ? property->name_en : property->name, w->header);
    for (guint l = 0; l < property->levels->len; l++) {
      const DcLevel *level = g_ptr_array_index (property->levels, l);
      g_autofree char *label = g_strdup_printf ("%s %s", level->label,
                                                en && *level->name_en ? level->name_en : level->name);
      put (&m, row, l + 1, label, w->header);
    }
    put (&m, row++, property->levels->len + 1, en ? "Total" : "計", w->header);
    for (guint t = 0; t < scheme->types->len; t++, row++) {
      const DcAssetType *type = g_ptr_array_index (scheme->types, t);
      put (&m, row, 0, en && *type->name_en ? type->name_en : type->name, w->text);
      guint sum = 0;
      for (guint l = 0; l < property->levels->len; l++) {
        put_number (&m, row, l + 1, w->by_type_level[t][p][l], w->number);
        sum += w->by_type_level[t][p][l];
      }
      put_number (&m, row, property->levels->len + 1, sum, w->number);
    }
    row++;
  }

  put (&m, row++, 0, en ? "Assets in use by section" : "所管課別 件数（使用中の情報資産）", NULL);
  const char *section_headers[2][5] = {
    { "所管課", "資産数", "個人情報", "特定個人情報", "取扱注意" },
    { "Section", "Assets", "Personal information", "Specific personal information", "Marked" },
  };
  for (guint c = 0; c < 5; c++)
    put (&m, row, c, c == 4 && *scheme->handling_mark && !en ? scheme->handling_mark
                                                               : section_headers[en][c], w->header);
  guint first_section_row = ++row;
  for (guint s = 0; s < w->section_order->len; s++, row++) {
    const char *code = g_ptr_array_index (w->section_names, s);
    const guint *counts = g_hash_table_lookup (w->per_section, code);
    put (&m, row, 0, ((Sheet *) g_ptr_array_index (w->section_order, s))->title, w->text);
    for (guint c = 0; c < 4; c++)
      put_number (&m, row, c + 1, counts[c], w->number);
  }
  guint last_section_row = row - 1;
  row++;

  put (&m, row++, 0, en ? "Personal information (assets in use)" : "個人情報の有無（使用中の情報資産）", NULL);
  const char *personal[2][3] = { { "なし", "個人情報", "特定個人情報" },
                                 { "None", "Personal information", "Specific personal information" } };
  for (guint k = 0; k < 3; k++, row++) {
    put (&m, row, 0, personal[en][k], w->text);
    put_number (&m, row, 1, w->personal[k], w->number);
  }
  put (&m, row, 0, en ? "Total in use" : "計（使用中）", w->header);
  put_number (&m, row++, 1, w->total, w->number);
  row++;

  /* The assets not in use: not in the counts above, on lines of their own. */
  put (&m, row++, 0, en ? "Not counted above" : "上の件数に含めないもの", NULL);
  put (&m, row, 0, en ? "Retired" : "使用終了", w->text);
  put_number (&m, row++, 1, w->retired, w->number);
  put (&m, row, 0, en ? "Disposed" : "廃棄済み", w->text);
  put_number (&m, row++, 1, w->disposed, w->number);

  for (guint c = 0; c < G_N_ELEMENTS (m.widths); c++)
    if (m.widths[c] > 0)
      worksheet_set_column (m.sheet, (lxw_col_t) c, (lxw_col_t) c, MAX (m.widths[c], c == 0 ? 16 : 8), NULL);
  dc_workbook_print_setup (m.sheet, TRUE, 0);

  if (w->section_order->len) {
    lxw_chart *chart = workbook_add_chart (w->workbook, LXW_CHART_BAR);
    lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
    chart_series_set_categories (series, name, first_section_row, 0, last_section_row, 0);
    chart_series_set_values (series, name, first_section_row, 1, last_section_row, 1);
    chart_series_set_name (series, en ? "Assets" : "資産数");
    chart_title_set_name (chart, en ? "Assets in use by section" : "所管課別 資産数（使用中）");
    chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
    lxw_chart_options placement = { .x_scale = 1.2, .y_scale = 1.0 + w->section_order->len / 12.0 };
    worksheet_insert_chart_opt (m.sheet, 0, 7, chart, &placement);
  }
  /* The title, organisation, date and handling mark, as on the other sheets. */
  g_autofree char *right = g_strdup_printf ("%s %s", en ? "as of" : "基準日", dc_ledger_date (w->ledger));
  return dc_workbook_page_header (m.sheet, w->summary_marked ? scheme->handling_mark : "",
                              en ? "Information asset register" : "情報資産台帳",
                              dc_ledger_organisation (w->ledger), en ? "Summary" : "集計", right, error);
}

/* ---- the workbook ---- */

static gboolean
plan_sections (Writer *w, const DcLedgerFilter *filter, GHashTable *used_names, GError **error)
{
  DcCondition conditions[3];
  guint n = dc_ledger_filter_conditions (filter, conditions);
  DcStore *store = dc_ledger_store (w->ledger);
  g_autoptr (GHashTable) counts = dc_record_count_by (store, &dc_asset_kind, conditions, n,
                                                      "section", error);
  g_autoptr (GPtrArray) sections = counts ? dc_record_list (store, &dc_section_kind, NULL, 0, error) : NULL;
  if (!sections)
    return FALSE;
  for (guint i = 0; i < sections->len; i++) {
    const DcRecord *section = g_ptr_array_index (sections, i);
    const char *code = dc_record_key (section);
    if (!g_hash_table_contains (counts, code))
      continue;
    Sheet *sheet = g_new0 (Sheet, 1);
    g_autofree char *name = sheet_name (dc_record_get (section, "name"), used_names);
    g_hash_table_insert (w->sections, g_strdup (code), sheet);
    g_ptr_array_add (w->section_order, sheet);
    g_ptr_array_add (w->section_names, g_strdup (code));
    g_hash_table_insert (w->per_section, g_strdup (code), g_new0 (guint, 4));
    if (!add_sheet (w, sheet, name, dc_record_get (section, "name"), error))
      return FALSE;
  }
  return TRUE;
}

static void
writer_clear (Writer *w)
{
  sheet_free (&w->all);
  for (guint i = 0; w->section_order && i < w->section_order->len; i++) {
    sheet_free (g_ptr_array_index (w->section_order, i));
    g_free (g_ptr_array_index (w->section_order, i));
  }
  g_clear_pointer (&w->section_order, g_ptr_array_unref);
  g_clear_pointer (&w->section_names, g_ptr_array_unref);
  g_clear_pointer (&w->sections, g_hash_table_unref);
  g_clear_pointer (&w->per_section, g_hash_table_unref);
  g_clear_pointer (&w->headers, g_strfreev);
  g_clear_pointer (&w->grid_columns, g_free);
  g_free (w->by_type_level);
}

static gboolean
write_workbook (Writer *w, const DcLedgerFilter *filter, GError **error)
{
  gboolean en = dc_ledger_english (w->ledger);
  const char *all_name = en ? "All" : "全体";
  const char *summary_name = en ? "Summary" : "集計";
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (used, g_utf8_casefold (all_name, -1));
  g_hash_table_add (used, g_utf8_casefold (summary_name, -1));
  g_hash_table_add (used, g_utf8_casefold ("History", -1));  /* reserved by Excel */

  dc_workbook_properties (w->workbook, en ? "Information asset register" : "情報資産台帳",
                      dc_ledger_organisation (w->ledger));
  make_formats (w);
  if (!add_sheet (w, &w->all, all_name, en ? "All sections" : "全体", error) ||
      !plan_sections (w, filter, used, error) ||
      !dc_ledger_foreach (w->ledger, filter, on_asset, w, error) ||
      !finish_sheet (w, &w->all, error))
    return FALSE;
  for (guint i = 0; i < w->section_order->len; i++)
    if (!finish_sheet (w, g_ptr_array_index (w->section_order, i), error))
      return FALSE;
  return write_summary (w, summary_name, error);
}

gboolean
dc_ledger_write_xlsx (DcLedger *ledger, const DcLedgerFilter *filter, const char *path,
                      GError **error)
{
  DcWorkbookFile file;
  if (!dc_workbook_begin (&file, path, error))
    return FALSE;
  Writer w = { .ledger = ledger, .workbook = file.workbook };
  w.columns = dc_ledger_columns (&w.n_columns);
  w.headers = dc_ledger_headers (ledger);
  w.grid_columns = g_new0 (DcWorkbookColumn, w.n_columns);
  for (guint c = 0; c < w.n_columns; c++)
    w.grid_columns[c] = (DcWorkbookColumn) { w.headers[c], w.columns[c].max_width, w.columns[c].numeric };
  w.sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.section_order = g_ptr_array_new ();
  w.section_names = g_ptr_array_new_with_free_func (g_free);
  w.per_section = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.by_type_level = g_malloc0 (sizeof *w.by_type_level * dc_ledger_scheme (ledger)->types->len);
  gboolean ok = write_workbook (&w, filter, error);
  writer_clear (&w);
  return dc_workbook_finish (&file, ok, error);
}
