/* The baseline of the ledger export: a bare libxlsxwriter program that
 * writes given cells and nothing else, in constant-memory mode as daicho
 * does. The cells come from CELLS (made by dump-cells.py from daicho's own
 * workbook, so both write the same sheets, rows and cells):
 *
 *   "\f" NAME          a new sheet
 *   CELL \x1f CELL ... one row; a cell starting with \x1e is a number
 *
 *   xlsx-baseline CELLS OUT.xlsx
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_SHEETS 4096

int
main (int argc, char **argv)
{
  if (argc != 3) {
    fprintf (stderr, "usage: xlsx-baseline CELLS OUT.xlsx\n");
    return 2;
  }
  FILE *in = fopen (argv[1], "r");
  if (!in) {
    perror (argv[1]);
    return 1;
  }
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook = workbook_new_opt (argv[2], &options);
  if (!workbook)
    return 1;
  lxw_format *header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_border (header, LXW_BORDER_THIN);
  format_set_text_wrap (header);
  lxw_format *text = workbook_add_format (workbook);
  format_set_border (text, LXW_BORDER_THIN);
  format_set_text_wrap (text);
  lxw_format *number = workbook_add_format (workbook);
  format_set_border (number, LXW_BORDER_THIN);

  lxw_worksheet *sheet = NULL;
  lxw_row_t row = 0;
  char *line = NULL;
  size_t size = 0;
  ssize_t length;
  while ((length = getline (&line, &size, in)) > 0) {
    if (line[length - 1] == '\n')
      line[--length] = '\0';
    if (line[0] == '\f') {
      sheet = workbook_add_worksheet (workbook, line + 1);
      row = 0;
      continue;
    }
    if (!sheet)
      return 1;
    lxw_col_t col = 0;
    for (char *cell, *rest = line; (cell = strsep (&rest, "\x1f")); col++) {
      lxw_format *format = row == 0 ? header : text;
      if (cell[0] == '\x1e')
        worksheet_write_number (sheet, row, col, strtod (cell + 1, NULL), number);
      else if (cell[0])
        worksheet_write_string (sheet, row, col, cell, format);
      else
        worksheet_write_blank (sheet, row, col, format);
    }
    row++;
  }
  free (line);
  fclose (in);
  return workbook_close (workbook) == LXW_NO_ERROR ? 0 : 1;
}
