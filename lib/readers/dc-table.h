/* One streaming interface over CSV/TSV text and xlsx sheets, used by every
 * import: rows of typed cells, where they came from, and merged ranges. */
#pragma once
#include <glib.h>
#include "readers/dc-cell.h"

G_BEGIN_DECLS

typedef struct {
  char *sheet;       /* NULL for CSV */
  char *encoding;    /* CSV: "UTF-8", "UTF-8-BOM", "CP932", "UTF-16LE", "UTF-16BE"; NULL for xlsx */
  char delimiter;    /* CSV */
} DcTableInfo;

typedef struct {
  const char *sheet;      /* xlsx: sheet name; NULL = first sheet */
  int sheet_index;        /* xlsx: 1-based index when sheet is NULL and index > 0 */
  const char *encoding;   /* CSV: NULL = detect; else a name dc_csv_decode accepts */
  char delimiter;         /* CSV: 0 = detect among ',', ';', '\t' */
} DcTableOptions;

typedef struct _DcTable DcTable;

/* Opens by content (zip magic → xlsx, else CSV/TSV text); OPTIONS may be
 * NULL. Errors name the file; an unknown sheet is DC_ERROR_NOT_FOUND. */
DcTable *dc_table_open (const char *path, const DcTableOptions *options, GError **error);
/* The next row: *CELLS (DcCell*, owned by the table until the next call;
 * index = 0-based column) and its 1-based row number. FALSE at the end (no
 * error) or on error. xlsx rows absent from the file are skipped; trailing
 * empty cells may be dropped. */
gboolean dc_table_next_row (DcTable *table, GPtrArray **cells, guint *row_number, GError **error);
const DcTableInfo *dc_table_info (DcTable *table);
/* DcCellRange of the chosen sheet, known right after open; empty for CSV. */
GArray *dc_table_merges (DcTable *table);
/* "台帳.xlsx, sheet 台帳, row 5, column C (資産名称)"; COLUMN is 0-based,
 * HEADER may be NULL. */
char *dc_table_location (DcTable *table, guint row, guint column, const char *header);
/* "台帳.xlsx, sheet 台帳, row 5": a problem of the row as a whole. */
char *dc_table_row_location (DcTable *table, guint row);
/* xlsx sheet names in workbook order; for CSV the file's base name. */
GStrv dc_table_sheet_names (DcTable *table);
void dc_table_close (DcTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcTable, dc_table_close)

G_END_DECLS
