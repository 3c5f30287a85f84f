/* A plain table (a header row, then rows) written as CSV or as a one-sheet
 * xlsx: `export ledger --format csv` and `export assets`. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef enum { DC_TABLE_CSV, DC_TABLE_XLSX } DcTableFormat;

typedef struct _DcTableWriter DcTableWriter;

/* ENCODING (CSV only): "utf-8-bom" (default: what Excel on Japanese Windows
 * opens), "utf-8", or "cp932". HEADERS names the columns; errors cite them. */
DcTableWriter *dc_table_writer_new (const char *path, DcTableFormat format, const char *encoding,
                                    const char *sheet_name, const char *const *headers,
                                    GError **error);
/* One row of text cells. ROW_LABEL (e.g. the asset code) names the row in
 * errors: a character the encoding lacks is an error, never dropped. Cells
 * marked in NUMERIC are written as numbers in xlsx. */
gboolean dc_table_writer_row (DcTableWriter *writer, const char *const *cells,
                              const gboolean *numeric, const char *row_label, GError **error);
/* Completes the file and renames it into place; frees WRITER. */
gboolean dc_table_writer_finish (DcTableWriter *writer, GError **error);
/* Drops the partial file; frees WRITER. */
void     dc_table_writer_abort (DcTableWriter *writer);

G_END_DECLS
