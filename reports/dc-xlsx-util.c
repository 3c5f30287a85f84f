#include "dc-xlsx-util.h"
#include "dc-error.h"

#include <stdlib.h>

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
  else
    rc = worksheet_write_string (sheet, row, (lxw_col_t) col, text, format);
  if (rc != LXW_NO_ERROR) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, "%s, column %s: %s%s",
                 row_label ? row_label : "header", header ? header : "?", lxw_strerror (rc),
                 rc == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED
                   ? " (an Excel cell holds at most 32 767 characters; shorten the text)" : "");
    return FALSE;
  }
  return TRUE;
}
