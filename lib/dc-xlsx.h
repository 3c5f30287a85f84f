/* Reading xlsx workbooks (Excel, LibreOffice, openpyxl, libxlsxwriter):
 * streaming over the sheet XML, shared strings kept compactly, cell types
 * and dates decided by styles. Writers live in reports/. */
#pragma once
#include <glib.h>
#include "readers/dc-table.h"

G_BEGIN_DECLS

typedef struct _DcXlsx DcXlsx;

/* Opens PATH and reads its workbook, relationships, styles and shared
 * strings (DC_XLSX_ERROR: DC_ERROR_IO, or DC_ERROR_INVALID naming the entry). */
DcXlsx *dc_xlsx_open (const char *path, GError **error);
/* Sheet names in workbook order. */
GStrv dc_xlsx_sheet_names (DcXlsx *xlsx);
/* Chooses the sheet: by NAME (exact, then ignoring case), else by 1-based
 * INDEX when > 0, else the first; reads its merged ranges. An unknown sheet
 * is DC_ERROR_NOT_FOUND listing the names. */
gboolean dc_xlsx_select_sheet (DcXlsx *xlsx, const char *name, int index, GError **error);
const char *dc_xlsx_sheet (DcXlsx *xlsx);
/* DcCellRange of the selected sheet. */
GArray *dc_xlsx_merges (DcXlsx *xlsx);
/* The next row of the selected sheet, as dc_table_next_row. */
gboolean dc_xlsx_next_row (DcXlsx *xlsx, GPtrArray **cells, guint *row, GError **error);
gboolean dc_xlsx_date1904 (DcXlsx *xlsx);
void dc_xlsx_free (DcXlsx *xlsx);

/* "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" with a time part, of an Excel
 * serial (1900 system with its fictitious 1900-02-29 = 60, or 1904);
 * NULL outside 0 .. 9999-12-31. */
char *dc_xlsx_serial_text (double serial, gboolean date1904);
/* TRUE when number format FORMAT_CODE (or built-in ID when CODE is NULL)
 * shows a date or time. */
gboolean dc_xlsx_format_is_date (guint id, const char *format_code);
/* "C5" → column 2, row 5; FALSE when REF is not a cell reference within
 * XFD1048576. ROW may be NULL; a reference without digits sets *ROW to 0. */
gboolean dc_xlsx_parse_ref (const char *ref, guint *column, guint *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcXlsx, dc_xlsx_free)

G_END_DECLS
