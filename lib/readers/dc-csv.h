/* CSV/TSV text as exported by Excel and by other systems: RFC 4180 quoting,
 * delimiter and encoding detection, limits on field and line length. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

#define DC_CSV_MAX_FIELD   (1u << 20)    /* bytes of one field (UTF-8): no cell text is this long */
#define DC_CSV_MAX_LINE    (64u << 20)   /* bytes of one record (UTF-8) */
#define DC_CSV_MAX_COLUMNS 16384         /* fields of one record: as many columns as Excel has */

/* Decodes a whole byte buffer to UTF-8, detecting BOM → strict UTF-8 →
 * CP932 unless ENCODING is given ("UTF-8", "UTF-8-BOM", "CP932",
 * "UTF-16LE", "UTF-16BE"; also "utf-8", "sjis", "shift_jis", "cp932",
 * "utf-16"); sets *DETECTED to one of the canonical names. A BOM is dropped.
 * Invalid bytes and NUL bytes are DC_ERROR_INVALID naming PATH, the byte
 * offset and the row and column they fall in. */
char *dc_csv_decode (const char *path, const guint8 *data, gsize length,
                     const char *encoding, char **detected, GError **error);

/* The most plausible delimiter among ',', ';' and TAB in the first records
 * of TEXT (UTF-8); ',' when nothing tells. */
char dc_csv_detect_delimiter (const char *text, gsize length);

typedef struct _DcCsv DcCsv;

/* Reads PATH whole and decodes it; DELIMITER 0 detects. */
DcCsv *dc_csv_open (const char *path, const char *encoding, char delimiter, GError **error);
/* The same over bytes in memory; ORIGIN names them in errors. */
DcCsv *dc_csv_new_from_data (const char *origin, const guint8 *data, gsize length,
                             const char *encoding, char delimiter, GError **error);
/* The next record: *FIELDS (char *, UTF-8, owned by CSV until the next call)
 * and its 1-based record number. FALSE at the end (no error) or on error
 * (DC_ERROR_INVALID naming the row and column). */
gboolean dc_csv_next_row (DcCsv *csv, GPtrArray **fields, guint *row, GError **error);
const char *dc_csv_encoding (DcCsv *csv);
char dc_csv_delimiter (DcCsv *csv);
void dc_csv_free (DcCsv *csv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcCsv, dc_csv_free)

G_END_DECLS
