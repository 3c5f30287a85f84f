#include "readers/dc-cell.h"

DcCell *
dc_cell_new (DcCellType type, char *text, double number)
{
  DcCell *cell = g_new (DcCell, 1);
  cell->type = type;
  cell->text = text;
  cell->number = number;
  return cell;
}

void
dc_cell_free (DcCell *cell)
{
  if (!cell)
    return;
  g_free (cell->text);
  g_free (cell);
}

char *
dc_cell_number_text (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  for (int precision = 15; precision <= 17; precision++) {
    g_ascii_formatd (buffer, sizeof buffer, precision == 15 ? "%.15g" : precision == 16 ? "%.16g" : "%.17g",
                     number);
    if (g_ascii_strtod (buffer, NULL) == number)
      break;
  }
  return g_strdup (g_str_equal (buffer, "-0") ? "0" : buffer);
}

char *
dc_cell_column_letters (guint column)
{
  char letters[8];
  int i = sizeof letters - 1;
  letters[i] = '\0';
  guint n = column + 1;
  while (n > 0 && i > 0) {
    letters[--i] = 'A' + (n - 1) % 26;
    n = (n - 1) / 26;
  }
  return g_strdup (letters + i);
}
