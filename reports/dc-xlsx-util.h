/* What every xlsx writer of daicho shares: workbooks in constant-memory mode,
 * cells written as strings or numbers only (never formulas), errors as GError. */
#pragma once
#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

/* A workbook in constant-memory mode (rows are streamed to disk), at PATH. */
lxw_workbook *dc_workbook_workbook_new (const char *path);

/* Closes (writes) the workbook; NAME is the file the user asked for. */
gboolean dc_workbook_workbook_close (lxw_workbook *workbook, const char *name, GError **error);

/* Writes TEXT at ROW/COL: a number when NUMERIC and TEXT is one, else a
 * string, so "=HYPERLINK(...)" stays text. Empty text writes nothing but the
 * format. ROW_LABEL and HEADER name the cell in errors. */
gboolean dc_workbook_write_cell (lxw_worksheet *sheet, guint row, guint col, const char *text,
                             gboolean numeric, lxw_format *format, const char *row_label,
                             const char *header, GError **error);

/* A workbook written to a temporary file beside PATH (dc-output), renamed
 * into place by dc_workbook_finish only when complete. */
typedef struct {
  lxw_workbook *workbook;
  char *path;            /* the name the user asked for */
  gpointer output;       /* DcOutput */
} DcWorkbookFile;

gboolean dc_workbook_begin (DcWorkbookFile *file, const char *path, GError **error);
/* Closes the workbook; with OK renames it into place, else removes it. */
gboolean dc_workbook_finish (DcWorkbookFile *file, gboolean ok, GError **error);

/* Points per line of wrapped 11-point text, and the most lines a row takes
 * (Excel rows stop at 409 points). */
#define DC_XLSX_LINE_HEIGHT 14.5
#define DC_XLSX_MAX_LINES 15

/* How TEXT lays out in a column MAX_WIDTH wide: its widest line in display
 * columns and the lines it wraps to. Neither Excel nor LibreOffice sizes rows
 * for wrapped text when they open a file, so writers set row heights from this. */
void     dc_workbook_measure (const char *text, guint max_width, guint *widest, guint *lines);

/* Text for a page header or footer: '&' is a control character there (and
 * what XML cannot hold is written as dc_workbook_plain_text does). */
char    *dc_workbook_header_text (const char *text);

/* TEXT (NULL: "") for a place of a workbook that is not a cell (document
 * properties, sheet names, headers): each character XML 1.0 cannot hold
 * as a visible "\uFFFF", so the workbook stays well-formed. A new string. */
char    *dc_workbook_plain_text (const char *text);

/* The workbook's document properties: TITLE, COMPANY (may be NULL) as
 * dc_workbook_plain_text writes them, author daicho. */
void     dc_workbook_properties (lxw_workbook *workbook, const char *title, const char *company);

/* A sheet to print on A4: LANDSCAPE or not, one page wide, the first
 * REPEAT_ROWS rows on every page (0: none), "page / pages" in the footer. */
void     dc_workbook_print_setup (lxw_worksheet *sheet, gboolean landscape, guint repeat_rows);

/* A cell format with a thin border, top alignment and wrapping text; FILL
 * (0: none) as its background; UNLOCKED cells stay editable on a protected sheet. */
lxw_format *dc_workbook_cell_format (lxw_workbook *workbook, lxw_color_t fill, gboolean unlocked);
/* Bold 14-point text: a sheet's title. */
lxw_format *dc_workbook_title_format (lxw_workbook *workbook);

/* The page header: MARK (a handling mark, in red) on the left; DOCUMENT,
 * ORGANISATION and TITLE in the middle; RIGHT (e.g. the date) on the right.
 * TITLE is shortened until the header fits Excel's 255 characters. */
gboolean dc_workbook_page_header (lxw_worksheet *sheet, const char *mark, const char *document,
                              const char *organisation, const char *title, const char *right,
                              GError **error);

/* How many lines TEXT wraps to in a cell WIDTH units wide. */
guint    dc_workbook_wrapped_lines (const char *text, guint width);
/* The height in points of a row of LINES lines of 11-point text. */
double   dc_workbook_row_height (guint lines);

/* A sheet that is one table: a header row, then rows of wrapped text, each
 * row as tall as its text needs, columns as wide as their text within their
 * print width. */
typedef struct {
  const char *header;
  guint max_width;     /* print width cap (Excel units); longer text wraps */
  gboolean numeric;    /* numbers written as numbers, centred */
} DcWorkbookColumn;

typedef struct {
  lxw_worksheet *sheet;
  const DcWorkbookColumn *columns;
  guint n_columns;
  guint rows;          /* data rows written */
  guint *widths;       /* the widest text of each column so far */
  lxw_format *text, *number;
} DcWorkbookGrid;

/* Writes the header row of SHEET (FALSE when SHEET is NULL: the name was refused). */
gboolean dc_workbook_grid_begin (DcWorkbookGrid *grid, lxw_worksheet *sheet, const DcWorkbookColumn *columns,
                             guint n_columns, lxw_format *header, lxw_format *text,
                             lxw_format *number, GError **error);
/* The next row; FORMATS (may be NULL, or hold NULLs) overrides a cell's format.
 * ROW_LABEL names the row in errors. */
gboolean dc_workbook_grid_row (DcWorkbookGrid *grid, const char *const *cells, lxw_format *const *formats,
                           const char *row_label, GError **error);
/* Column widths, the header and FREEZE_COLUMNS columns frozen, a filter, and
 * the print setup (A4 landscape) with the header row on every page. */
void     dc_workbook_grid_finish (DcWorkbookGrid *grid, guint freeze_columns);
void     dc_workbook_grid_clear (DcWorkbookGrid *grid);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcWorkbookGrid, dc_workbook_grid_clear)

G_END_DECLS
