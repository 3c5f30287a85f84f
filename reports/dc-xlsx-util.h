/* What every xlsx writer of daicho shares: workbooks in constant-memory mode,
 * cells written as strings or numbers only (never formulas), errors as GError. */
#pragma once
#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

/* A workbook in constant-memory mode (rows are streamed to disk), at PATH. */
lxw_workbook *dc_xlsx_workbook_new (const char *path);

/* Closes (writes) the workbook; NAME is the file the user asked for. */
gboolean dc_xlsx_workbook_close (lxw_workbook *workbook, const char *name, GError **error);

/* Writes TEXT at ROW/COL: a number when NUMERIC and TEXT is one, else a
 * string, so "=HYPERLINK(...)" stays text. Empty text writes nothing but the
 * format. ROW_LABEL and HEADER name the cell in errors. */
gboolean dc_xlsx_write_cell (lxw_worksheet *sheet, guint row, guint col, const char *text,
                             gboolean numeric, lxw_format *format, const char *row_label,
                             const char *header, GError **error);

G_END_DECLS
