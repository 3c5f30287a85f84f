/* Reads every row of a CSV or xlsx through lib/dc-table, the reader under
 * every import, and prints "ROWS CELLS BYTES" (what openpyxl-read.py prints
 * for the same file): the reader alone, without import's checks.
 *
 *   table-read FILE
 */
#include "readers/dc-table.h"

#include <stdio.h>
#include <string.h>

int
main (int argc, char **argv)
{
  if (argc != 2) {
    fprintf (stderr, "usage: table-read FILE\n");
    return 2;
  }
  GError *error = NULL;
  g_autoptr (DcTable) table = dc_table_open (argv[1], NULL, &error);
  if (!table) {
    fprintf (stderr, "%s\n", error->message);
    return 3;
  }
  guint64 rows = 0, cells = 0, bytes = 0;
  GPtrArray *row;
  guint number;
  while (dc_table_next_row (table, &row, &number, &error)) {
    rows++;
    for (guint c = 0; c < row->len; c++) {
      const DcCell *cell = g_ptr_array_index (row, c);
      if (cell && cell->type != DC_CELL_EMPTY) {
        cells++;
        bytes += strlen (cell->text);
      }
    }
  }
  if (error) {
    fprintf (stderr, "%s\n", error->message);
    return 3;
  }
  printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n", rows, cells, bytes);
  return 0;
}
