#include "dc-workbook.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "base/dc-text.h"
#include "base/dc-atomic.h"

#include <stdlib.h>
#include <string.h>

lxw_workbook *
dc_workbook_workbook_new (const char *path)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  return workbook_new_opt (path, &options);
}

gboolean
dc_workbook_workbook_close (lxw_workbook *workbook, const char *name, GError **error)
{
  lxw_error rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: the workbook could not be written: %s"),
                 name, lxw_strerror (rc));
    return FALSE;
  }
  return TRUE;
}

static gboolean
parse_number (const char *text, double *number)
{
  char *end = NULL;
  if (!text || !*text || g_ascii_isspace (*text))
    return FALSE;
  *number = g_ascii_strtod (text, &end);
  return *end == '\0';
}

/* In xlsx text "_x0041_" means "A"; text that contains such a sequence
 * literally has its "_" written as "_x005F_" so that it reads back as typed. */
static char *
escape_literal_escapes (const char *text)
{
  static GRegex *pattern;
  /* Not G_REGEX_OPTIMIZE: PCRE2's JIT reads words past the end of the text,
   * which valgrind reports (rows point into SQLite's buffers); such cells are rare. */
  if (!pattern)
    pattern = g_regex_new ("_(x[0-9A-Fa-f]{4}_)", 0, 0, NULL);
  return g_regex_replace (pattern, text, -1, 0, "_x005F_\\1", 0, NULL);
}

gboolean
dc_workbook_write_cell (lxw_worksheet *sheet, guint row, guint col, const char *text, gboolean numeric,
                    lxw_format *format, const char *row_label, const char *header, GError **error)
{
  double number = 0;
  lxw_error rc;
  if (!text || !*text)
    rc = format ? worksheet_write_blank (sheet, row, (lxw_col_t) col, format) : LXW_NO_ERROR;
  else if (numeric && parse_number (text, &number))
    rc = worksheet_write_number (sheet, row, (lxw_col_t) col, number, format);
  else {
    /* Literal "_xHHHH_" first, then what XML cannot hold as "_xHHHH_" (a
     * register may hold U+FFFF from before input refused it; libxlsxwriter
     * escapes only C0 controls). */
    g_autofree char *literal = strstr (text, "_x") ? escape_literal_escapes (text) : NULL;
    g_autofree char *escaped = dc_text_xml_escape (literal ? literal : text, DC_TEXT_ESCAPE_XLSX);
    rc = worksheet_write_string (sheet, row, (lxw_col_t) col, escaped ? escaped : literal ? literal : text,
                                 format);
  }
  if (rc != LXW_NO_ERROR) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s, column %s: %s%s"),
                 row_label ? row_label : _ ("header"), header ? header : "?", lxw_strerror (rc),
                 rc == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED
                   ? _ (" (an Excel cell holds at most 32 767 characters; shorten the text)") : "");
    return FALSE;
  }
  return TRUE;
}

gboolean
dc_workbook_begin (DcWorkbookFile *file, const char *path, GError **error)
{
  memset (file, 0, sizeof *file);
  DcAtomic *output = dc_atomic_begin (path, FALSE, error);
  if (!output)
    return FALSE;
  file->output = output;
  file->path = g_strdup (path);
  file->workbook = dc_workbook_workbook_new (output->temp_path);
  if (!file->workbook) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: cannot start the workbook"), path);
    dc_atomic_abort (output);
    g_clear_pointer (&file->path, g_free);
    return FALSE;
  }
  return TRUE;
}

gboolean
dc_workbook_finish (DcWorkbookFile *file, gboolean ok, GError **error)
{
  ok = dc_workbook_workbook_close (file->workbook, file->path, ok ? error : NULL) && ok;
  if (!ok && error && !*error)
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be written"), file->path);
  if (ok)
    ok = dc_atomic_commit (file->output, error);
  else
    dc_atomic_abort (file->output);
  g_clear_pointer (&file->path, g_free);
  file->output = NULL;
  file->workbook = NULL;
  return ok;
}

/* g_unichar_iswide, with the common cases first (it searches a table):
 * nothing below U+1100 is wide; kana, CJK ideographs and full-width forms are. */
static gboolean
is_wide (gunichar c)
{
  if (c < 0x1100)
    return FALSE;
  if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x3099 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xFF01 && c <= 0xFF60))
    return TRUE;
  return g_unichar_iswide (c);
}

/* Widths are counted in tenths as spreadsheets render them: a full-width
 * character takes about 1.7 units (1.8 here, to err towards taller rows). */
void
dc_workbook_measure (const char *text, guint max_width, guint *widest, guint *lines)
{
  guint room = max_width * 10, line_width = 0, line_print = 0;
  *widest = 0;
  *lines = 0;
  for (const char *p = text ? text : "";; p = g_utf8_next_char (p)) {
    gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);
    if (c == '\n' || c == 0) {
      *widest = MAX (*widest, line_width);
      *lines += MAX (1, (line_print + room - 1) / room);
      line_width = line_print = 0;
      if (!*p)
        return;
      continue;
    }
    gboolean wide = is_wide (c);
    line_width += wide ? 2 : 1;
    line_print += wide ? 18 : 10;
  }
}

char *
dc_workbook_header_text (const char *text)
{
  g_autofree char *plain = dc_workbook_plain_text (text);
  g_auto (GStrv) parts = g_strsplit (plain, "&", -1);
  return g_strjoinv ("&&", parts);
}

void
dc_workbook_properties (lxw_workbook *workbook, const char *title, const char *company)
{
  g_autofree char *plain_title = dc_workbook_plain_text (title);
  g_autofree char *plain_company = company ? dc_workbook_plain_text (company) : NULL;
  lxw_doc_properties properties = { .title = plain_title, .company = plain_company, .author = "daicho" };
  workbook_set_properties (workbook, &properties);
}

char *
dc_workbook_plain_text (const char *text)
{
  char *escaped = dc_text_xml_escape (text, DC_TEXT_ESCAPE_VISIBLE);
  return escaped ? escaped : g_strdup (text ? text : "");
}

void
dc_workbook_print_setup (lxw_worksheet *sheet, gboolean landscape, guint repeat_rows)
{
  if (landscape)
    worksheet_set_landscape (sheet);
  else
    worksheet_set_portrait (sheet);
  worksheet_set_paper (sheet, 9);  /* A4 */
  worksheet_fit_to_pages (sheet, 1, 0);
  if (repeat_rows)
    worksheet_repeat_rows (sheet, 0, repeat_rows - 1);
  worksheet_set_margins (sheet, 0.4, 0.4, 0.7, 0.6);
  worksheet_set_footer (sheet, "&C&P / &N");
}

lxw_format *
dc_workbook_cell_format (lxw_workbook *workbook, lxw_color_t fill, gboolean unlocked)
{
  lxw_format *f = workbook_add_format (workbook);
  format_set_border (f, LXW_BORDER_THIN);
  format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (f);
  if (fill)
    format_set_bg_color (f, fill);
  if (unlocked)
    format_set_unlocked (f);
  return f;
}

lxw_format *
dc_workbook_title_format (lxw_workbook *workbook)
{
  lxw_format *f = workbook_add_format (workbook);
  format_set_bold (f);
  format_set_font_size (f, 14);
  return f;
}

gboolean
dc_workbook_page_header (lxw_worksheet *sheet, const char *mark, const char *document,
                     const char *organisation, const char *title, const char *right,
                     GError **error)
{
  g_autofree char *left = dc_workbook_header_text (mark ? mark : "");
  g_autofree char *doc = dc_workbook_header_text (document);
  g_autofree char *org = dc_workbook_header_text (organisation ? organisation : "");
  g_autofree char *end = dc_workbook_header_text (right);
  /* Shorten the title before escaping it, so that an "&&" is never cut in half. */
  for (glong keep = g_utf8_strlen (title, -1);; keep -= 4) {
    g_autofree char *short_title = g_utf8_substring (title, 0, MAX (keep, 0));
    g_autofree char *cut = dc_workbook_header_text (short_title);
    g_autofree char *header = g_strdup_printf ("&L&\"-,Bold\"&KFF0000%s&C&\"-,Bold\"%s%s%s　%s&R%s",
                                               left, doc, *org ? " " : "", org, cut, end);
    if (worksheet_set_header (sheet, header) == LXW_NO_ERROR)
      return TRUE;
    if (keep <= 0) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("the page header of sheet %s is too long"),
                   title);
      return FALSE;
    }
  }
}

guint
dc_workbook_wrapped_lines (const char *text, guint width)
{
  guint widest, lines;
  dc_workbook_measure (text, width, &widest, &lines);
  return lines;
}

double
dc_workbook_row_height (guint lines)
{
  return MIN (lines, DC_XLSX_MAX_LINES) * DC_XLSX_LINE_HEIGHT;
}

/* ---- a sheet that is one table ---- */

#define MIN_WIDTH 4        /* headers wrap, so they need not set the width */

/* A header wraps between its words, never inside one: words end at spaces,
 * before an opening bracket (管理責任者|（補職名）) and after ・, / or the
 * particle の (個人情報の|有無). Calls FUNC with each word's display width. */
static void
header_words (const char *header, void (*func) (guint width, gpointer data), gpointer data)
{
  guint width = 0;
  for (const char *p = header; p && *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if (c == ' ' || c == 0x3000) {
      if (width)
        func (width, data);
      width = 0;
      continue;
    }
    if ((c == 0xFF08 || c == '(') && width) {
      func (width, data);
      width = 0;
    }
    g_autofree char *one = g_ucs4_to_utf8 (&c, 1, NULL, NULL, NULL);
    width += dc_text_display_width (one);
    if (c == 0x30FB || c == '/' || c == 0xFF0F || c == 0x306E) {
      func (width, data);
      width = 0;
    }
  }
  if (width)
    func (width, data);
}

static void
widest_word (guint width, gpointer data)
{
  guint *widest = data;
  *widest = MAX (*widest, width);
}

/* The narrowest a column may be: its header's widest word. */
static guint
header_floor (const char *header)
{
  guint widest = 0;
  header_words (header, widest_word, &widest);
  return widest;
}

typedef struct {
  guint room, lines, used;
} HeaderLines;

/* Words packed onto lines ROOM wide, as the header cell shows them (a space
 * counted between words, which is generous for Japanese ones). */
static void
pack_word (guint width, gpointer data)
{
  HeaderLines *h = data;
  if (h->lines > 0 && h->used + 1 + width <= h->room) {
    h->used += 1 + width;
    return;
  }
  /* A new line; a word wider than the column (cut by its print width) wraps inside itself. */
  h->lines += 1 + (width > h->room ? (width - 1) / h->room : 0);
  h->used = width > h->room ? (width - 1) % h->room + 1 : width;
}

gboolean
dc_workbook_grid_begin (DcWorkbookGrid *grid, lxw_worksheet *sheet, const DcWorkbookColumn *columns,
                    guint n_columns, lxw_format *header, lxw_format *text, lxw_format *number,
                    GError **error)
{
  *grid = (DcWorkbookGrid) { sheet, columns, n_columns, 0, g_new0 (guint, n_columns), text, number };
  if (!sheet) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("the workbook refused a sheet"));
    return FALSE;
  }
  /* Columns are at least half their header wide (within their print width)
   * and as wide as its widest word (even past the print width), so a header
   * wraps onto a few lines between its words and the row is sized for them. */
  guint header_lines = 1;
  for (guint c = 0; c < n_columns; c++) {
    guint header_width = dc_text_display_width (columns[c].header);
    grid->widths[c] = MAX (MIN_WIDTH, MAX (MIN (columns[c].max_width, (header_width + 1) / 2),
                                           header_floor (columns[c].header)));
    HeaderLines h = { grid->widths[c], 0, 0 };
    header_words (columns[c].header, pack_word, &h);
    header_lines = MAX (header_lines, h.lines);
  }
  worksheet_set_row (sheet, 0, header_lines * DC_XLSX_LINE_HEIGHT + 2, NULL);
  for (guint c = 0; c < n_columns; c++)
    if (!dc_workbook_write_cell (sheet, 0, c, columns[c].header, FALSE, header, NULL, columns[c].header,
                             error))
      return FALSE;
  return TRUE;
}

gboolean
dc_workbook_grid_row (DcWorkbookGrid *grid, const char *const *cells, lxw_format *const *formats,
                  const char *row_label, GError **error)
{
  guint row = ++grid->rows;
  guint lines = 1;
  for (guint c = 0; c < grid->n_columns; c++) {
    guint widest, cell_lines;
    dc_workbook_measure (cells[c], grid->columns[c].max_width, &widest, &cell_lines);
    grid->widths[c] = MAX (grid->widths[c], widest);
    lines = MAX (lines, cell_lines);
  }
  if (lines > 1)  /* before the row's cells: constant-memory mode writes rows in order */
    worksheet_set_row (grid->sheet, row, dc_workbook_row_height (lines), NULL);
  for (guint c = 0; c < grid->n_columns; c++) {
    const DcWorkbookColumn *column = &grid->columns[c];
    lxw_format *format = formats && formats[c] ? formats[c] : column->numeric ? grid->number : grid->text;
    if (!dc_workbook_write_cell (grid->sheet, row, c, cells[c], column->numeric, format, row_label,
                             column->header, error))
      return FALSE;
  }
  return TRUE;
}

void
dc_workbook_grid_finish (DcWorkbookGrid *grid, guint freeze_columns)
{
  for (guint c = 0; c < grid->n_columns; c++)
    worksheet_set_column (grid->sheet, (lxw_col_t) c, (lxw_col_t) c,
                          MAX (MIN (grid->widths[c], grid->columns[c].max_width),
                               header_floor (grid->columns[c].header)) + 1,
                          grid->columns[c].numeric ? grid->number : grid->text);
  worksheet_freeze_panes (grid->sheet, 1, (lxw_col_t) freeze_columns);
  worksheet_autofilter (grid->sheet, 0, 0, grid->rows, (lxw_col_t) (grid->n_columns - 1));
  dc_workbook_print_setup (grid->sheet, TRUE, 1);
}

void
dc_workbook_grid_clear (DcWorkbookGrid *grid)
{
  g_clear_pointer (&grid->widths, g_free);
}
