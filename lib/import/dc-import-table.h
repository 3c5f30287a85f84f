/* What every import shares: the file (xlsx or CSV) opened with the user's
 * --sheet, --encoding and --map, its header found by the words people use,
 * data rows with cells merged downwards filled in, and problems collected
 * with the file, sheet, row and column they are in. */
#pragma once
#include "import/dc-header.h"
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *sheet;        /* xlsx: NULL = the first sheet (or the map's "sheet") */
  const char *encoding;     /* CSV: NULL = detect */
  GHashTable *map;          /* from dc_header_read_map, or NULL */
  gboolean literal;         /* another system's file: no CSV guard of daicho's to undo */
  GHashTable *defaults;     /* field → value (--default FIELD=VALUE) for every row whose
                               cell is empty or whose file has no such column, or NULL */
} DcImportSource;

/* What happened (or, with dry_run, would happen) to one row. */
typedef struct {
  guint row;
  char *code;
  char *action;             /* "add", "update", "unchanged", "skip" */
  char *changes;            /* for add: the name; for update: "c: 2 → 3; note: → ..." */
} DcImportItem;

void dc_import_item_free (DcImportItem *item);

typedef struct _DcImportTable DcImportTable;

/* One data row. TEXTS[c] is what column c says: a cell merged downwards
 * (所管課 written once for several rows) gives its text to the rows below,
 * and the CSV injection guard of daicho's own exports is undone. */
typedef struct {
  guint number;             /* 1-based row of the sheet or file */
  GPtrArray *cells;         /* DcCell*, as read (types: a number cell lost its zeros) */
  GPtrArray *texts;         /* const char*, per column (valid during the call) */
} DcImportRow;

/* Opens PATH and finds its header (see dc_header_detect). Problems found
 * later are appended to PROBLEMS (char*, owned by the caller). */
DcImportTable *dc_import_table_open (const char *path, const DcImportSource *source,
                                     const DcHeaderSynonyms *synonyms, const char *const *required,
                                     GPtrArray *problems, GError **error);
void           dc_import_table_free (DcImportTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcImportTable, dc_import_table_free)

const DcHeader *dc_import_table_header (DcImportTable *table);
/* The sheet read (NULL for CSV) and the CSV encoding (NULL for xlsx). */
const char     *dc_import_table_sheet (DcImportTable *table);
const char     *dc_import_table_encoding (DcImportTable *table);
/* Headers of the columns that name no field (char*, new array). */
GPtrArray      *dc_import_table_ignored (DcImportTable *table);
/* The rows dc_import_table_foreach passes over as not data, one line each
 * ("row 23: 合計 — a totals row"): a row of totals (計, 合計, 小計 or 総計 in
 * its first cells, the rest empty or counts) and a row that is only a note
 * (※ …). A new reference to the table's own array, filled as rows are read. */
GPtrArray      *dc_import_table_skipped (DcImportTable *table);
/* What every import's report says of the file it read, in one call: the
 * sheet and encoding (new copies), the header row, the ignored headers and
 * the skipped rows (as the functions above). */
void            dc_import_table_describe (DcImportTable *table, char **sheet, char **encoding,
                                          guint *header_row, GPtrArray **ignored, GPtrArray **skipped_rows);

/* One line per field that took a --default in some rows, for the report:
 * "post: 12 rows took --default post=住宅課長" (char*, new array). */
GPtrArray      *dc_import_table_defaults_used (DcImportTable *table);
/* Whether the file itself has a column of FIELD (a --default alone is none). */
gboolean        dc_import_table_has_column (DcImportTable *table, const char *field);

/* Calls FUNC for every data row that is not empty and not a row of totals
 * or a note (dc_import_table_skipped), in file order. A field of the
 * source's defaults reads as its default where the row's cell is empty or
 * the file has no such column (then the default has a column of its own
 * after the file's, named "--default FIELD" in problems). FALSE
 * when the file could not be read further (ERROR set). */
typedef void (*DcImportRowFunc) (DcImportTable *table, const DcImportRow *row, gpointer data);
gboolean        dc_import_table_foreach (DcImportTable *table, DcImportRowFunc func, gpointer data,
                                         GError **error);

/* The row's text in the column of FIELD, trimmed of surrounding white space
 * (U+3000 too) when TRIM; "" when the file has no such column. */
char           *dc_import_row_field (DcImportTable *table, const DcImportRow *row,
                                     const char *field, gboolean trim);
/* The cell in the column of FIELD as read, or NULL. */
const DcCell   *dc_import_row_cell (DcImportTable *table, const DcImportRow *row, const char *field);

/* "FILE, sheet S, row R, column C (HEADER)" of FIELD's column (NULL: the row). */
char           *dc_import_table_where (DcImportTable *table, guint row, const char *field);
/* The same at a 0-based column (-1: the row). */
char           *dc_import_table_where_at (DcImportTable *table, guint row, int column);

/* Records a problem "FILE, sheet S, row R, column C (HEADER): MESSAGE" at the
 * column of FIELD (NULL: the row as a whole). */
void            dc_import_table_problem (DcImportTable *table, guint row, const char *field,
                                         const char *message);
/* The same at a 0-based column (-1: the row as a whole). */
void            dc_import_table_problem_at (DcImportTable *table, guint row, int column,
                                            const char *message);

/* Ends an import that holds the write transaction: commits when OK, there
 * are no PROBLEMS and it is no dry run; else rolls back. With problems, the
 * error says how many and that nothing was imported (DC_ERROR_CONFLICT when
 * all of them are CONFLICTS, keys already in the register). When the store's
 * transaction was lost (the disk full), rolls back, empties PROBLEMS (the
 * rows' failures after it) and fails with that DC_ERROR_DATABASE. */
gboolean        dc_import_finish (DcStore *store, const char *path, gboolean ok, gboolean dry_run,
                                  GPtrArray *problems, guint conflicts, GError **error);

G_END_DECLS
