#include "dc-xlsx-util.h"
#include "dc-error.h"

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
