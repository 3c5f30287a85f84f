/* Reads a whole table the way an import does, checking the promises of
 * dc-table.h on the way. */
#pragma once
#include "readers/dc-table.h"

static inline void
fuzz_walk_table (const char *path, const DcTableOptions *options)
{
  GError *error = NULL;
  DcTable *table = dc_table_open (path, options, &error);
  if (!table) {
    g_assert (error && error->message);
    g_error_free (error);
    return;
  }
  GStrv names = dc_table_sheet_names (table);
  g_assert (names && names[0]);
  g_strfreev (names);
  GArray *merges = dc_table_merges (table);
  for (guint i = 0; i < merges->len; i++) {
    DcCellRange *r = &g_array_index (merges, DcCellRange, i);
    g_assert (r->first_row >= 1 && r->first_row <= r->last_row && r->first_col <= r->last_col);
  }
  GPtrArray *cells;
  guint row, rows = 0;
  while (rows++ < 100000 && dc_table_next_row (table, &cells, &row, &error)) {
    g_assert (row >= 1);
    for (guint i = 0; i < cells->len; i++) {
      DcCell *cell = cells->pdata[i];
      g_assert (cell->text && g_utf8_validate (cell->text, -1, NULL));
      g_assert ((cell->type == DC_CELL_EMPTY) == (cell->text[0] == '\0'));
    }
    char *location = dc_table_location (table, row, cells->len, "h");
    g_free (location);
  }
  g_clear_error (&error);
  dc_table_close (table);
}
