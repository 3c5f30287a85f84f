/* A cell as every reader hands it on (CSV, xlsx, LDIF through dc-table):
 * its type, the text a person reads, the number behind it; and the letters
 * of a spreadsheet column. The readers build cells here, dc-table streams them. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DC_CELL_EMPTY,
  DC_CELL_STRING,
  DC_CELL_NUMBER,
  DC_CELL_BOOL,
  DC_CELL_DATE
} DcCellType;

typedef struct {
  DcCellType type;
  /* UTF-8 as a person reads it: strings as is; numbers in shortest
   * round-trip form ("123", "0.5", "1e+20"); booleans "TRUE"/"FALSE";
   * dates "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS"; "" for empty. */
  char *text;
  double number;   /* NUMBER, DATE (the serial), BOOL (0/1) */
} DcCell;

/* 1-based rows, 0-based columns (0 = column A), inclusive. */
typedef struct {
  guint first_row;
  guint first_col;
  guint last_row;
  guint last_col;
} DcCellRange;

DcCell *dc_cell_new (DcCellType type, char *text, double number);  /* takes TEXT */
void    dc_cell_free (DcCell *cell);
/* Shortest text that reads back as the same double: "123", "0.1", "1e+20". */
char   *dc_cell_number_text (double number);
/* "A" for 0, "Z" for 25, "AA" for 26. */
char   *dc_cell_column_letters (guint column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcCell, dc_cell_free)

G_END_DECLS
