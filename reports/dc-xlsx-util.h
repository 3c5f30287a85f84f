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

/* A workbook written to a temporary file beside PATH (dc-output), renamed
 * into place by dc_xlsx_finish only when complete. */
typedef struct {
  lxw_workbook *workbook;
  char *path;            /* the name the user asked for */
  gpointer output;       /* DcOutput */
} DcXlsxFile;

gboolean dc_xlsx_begin (DcXlsxFile *file, const char *path, GError **error);
/* Closes the workbook; with OK renames it into place, else removes it. */
gboolean dc_xlsx_finish (DcXlsxFile *file, gboolean ok, GError **error);

/* Points per line of wrapped 11-point text, and the most lines a row takes
 * (Excel rows stop at 409 points). */
#define DC_XLSX_LINE_HEIGHT 14.5
#define DC_XLSX_MAX_LINES 15

/* How TEXT lays out in a column MAX_WIDTH wide: its widest line in display
 * columns and the lines it wraps to. Neither Excel nor LibreOffice sizes rows
 * for wrapped text when they open a file, so writers set row heights from this. */
void     dc_xlsx_measure (const char *text, guint max_width, guint *widest, guint *lines);

/* Text for a page header or footer: '&' is a control character there. */
char    *dc_xlsx_header_text (const char *text);

/* A sheet to print on A4: LANDSCAPE or not, one page wide, the first
 * REPEAT_ROWS rows on every page (0: none), "page / pages" in the footer. */
void     dc_xlsx_print_setup (lxw_worksheet *sheet, gboolean landscape, guint repeat_rows);

/* A cell format with a thin border, top alignment and wrapping text; FILL
 * (0: none) as its background; UNLOCKED cells stay editable on a protected sheet. */
lxw_format *dc_xlsx_cell_format (lxw_workbook *workbook, lxw_color_t fill, gboolean unlocked);
/* Bold 14-point text: a sheet's title. */
lxw_format *dc_xlsx_title_format (lxw_workbook *workbook);

G_END_DECLS
