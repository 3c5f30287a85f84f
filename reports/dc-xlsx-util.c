#include "dc-xlsx-util.h"
#include "dc-error.h"
#include "dc-output.h"

#include <stdlib.h>
#include <string.h>

lxw_workbook *
dc_xlsx_workbook_new (const char *path)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  return workbook_new_opt (path, &options);
}

gboolean
dc_xlsx_workbook_close (lxw_workbook *workbook, const char *name, GError **error)
{
  lxw_error rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, "%s: the workbook could not be written: %s",
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
  if (!strstr (text, "_x"))
    return g_strdup (text);
  if (!pattern)
    pattern = g_regex_new ("_(x[0-9A-Fa-f]{4}_)", G_REGEX_OPTIMIZE, 0, NULL);
  return g_regex_replace (pattern, text, -1, 0, "_x005F_\\1", 0, NULL);
}

gboolean
dc_xlsx_write_cell (lxw_worksheet *sheet, guint row, guint col, const char *text, gboolean numeric,
                    lxw_format *format, const char *row_label, const char *header, GError **error)
{
  double number = 0;
  lxw_error rc;
  if (!text || !*text)
    rc = format ? worksheet_write_blank (sheet, row, (lxw_col_t) col, format) : LXW_NO_ERROR;
  else if (numeric && parse_number (text, &number))
    rc = worksheet_write_number (sheet, row, (lxw_col_t) col, number, format);
  else {
    g_autofree char *literal = escape_literal_escapes (text);
    rc = worksheet_write_string (sheet, row, (lxw_col_t) col, literal, format);
  }
  if (rc != LXW_NO_ERROR) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, "%s, column %s: %s%s",
                 row_label ? row_label : "header", header ? header : "?", lxw_strerror (rc),
                 rc == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED
                   ? " (an Excel cell holds at most 32 767 characters; shorten the text)" : "");
    return FALSE;
  }
  return TRUE;
}

gboolean
dc_xlsx_begin (DcXlsxFile *file, const char *path, GError **error)
{
  memset (file, 0, sizeof *file);
  DcOutput *output = dc_output_begin (path, FALSE, error);
  if (!output)
    return FALSE;
  file->output = output;
  file->path = g_strdup (path);
  file->workbook = dc_xlsx_workbook_new (output->temp_path);
  if (!file->workbook) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, "%s: cannot start the workbook", path);
    dc_output_abort (output);
    g_clear_pointer (&file->path, g_free);
    return FALSE;
  }
  return TRUE;
}

gboolean
dc_xlsx_finish (DcXlsxFile *file, gboolean ok, GError **error)
{
  ok = dc_xlsx_workbook_close (file->workbook, file->path, ok ? error : NULL) && ok;
  if (!ok && error && !*error)
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, "%s: could not be written", file->path);
  if (ok)
    ok = dc_output_commit (file->output, error);
  else
    dc_output_abort (file->output);
  g_clear_pointer (&file->path, g_free);
  file->output = NULL;
  file->workbook = NULL;
  return ok;
}

/* Widths are counted in tenths as spreadsheets render them: a full-width
 * character takes about 1.7 units (1.8 here, to err towards taller rows). */
void
dc_xlsx_measure (const char *text, guint max_width, guint *widest, guint *lines)
{
  guint room = max_width * 10, line_width = 0, line_print = 0;
  *widest = 0;
  *lines = 0;
  for (const char *p = text ? text : "";; p = g_utf8_next_char (p)) {
    gunichar c = *p ? g_utf8_get_char (p) : '\n';
    if (c == '\n') {
      *widest = MAX (*widest, line_width);
      *lines += MAX (1, (line_print + room - 1) / room);
      line_width = line_print = 0;
      if (!*p)
        return;
      continue;
    }
    gboolean wide = g_unichar_iswide (c);
    line_width += wide ? 2 : 1;
    line_print += wide ? 18 : 10;
  }
}

char *
dc_xlsx_header_text (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, "&", -1);
  return g_strjoinv ("&&", parts);
}

void
dc_xlsx_print_setup (lxw_worksheet *sheet, gboolean landscape, guint repeat_rows)
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
dc_xlsx_cell_format (lxw_workbook *workbook, lxw_color_t fill, gboolean unlocked)
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
dc_xlsx_title_format (lxw_workbook *workbook)
{
  lxw_format *f = workbook_add_format (workbook);
  format_set_bold (f);
  format_set_font_size (f, 14);
  return f;
}
