#include "readers/dc-csv.h"
#include "base/dc-file.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "readers/dc-table.h"
#include <string.h>

/* ---- code units. Errors name the row and column of a byte that does not
 * decode, so positions are counted before decoding. In UTF-8 and CP932
 * every byte below 0x40 stands for itself (CP932 trail bytes start at 0x40),
 * so quotes, delimiters and line ends can be found in the raw bytes; UTF-16
 * is counted in 16-bit units. */

typedef struct {
  const guint8 *data;   /* the whole file, BOM included */
  gsize start;          /* first unit after the BOM */
  gsize n_units;
  guint width;          /* 1, or 2 for UTF-16 */
  gboolean big_endian;
} Units;

static guint
unit_at (const Units *u, gsize i)
{
  if (u->width == 1)
    return u->data[i];
  const guint8 *p = u->data + 2 * i;
  return u->big_endian ? (guint) (p[0] << 8 | p[1]) : (guint) (p[1] << 8 | p[0]);
}

static const char delimiters[] = { ',', ';', '\t' };

typedef struct {
  guint n[3];        /* delimiters seen in a record: , ; TAB */
} Counts;

typedef struct {
  guint row;         /* 1-based record number */
  guint column;      /* 0-based field index in the record */
  Counts counts;
} Scan;

/* Scans units [start, END) quote-aware, leaving in SCAN where END falls
 * (fields split at DELIMITER, 0 for none). With PER_RECORD, appends the
 * delimiter counts of each complete record, at most MAX_RECORDS. */
static void
scan_units (const Units *u, gsize end, char delimiter, Scan *scan, GArray *per_record,
            guint max_records)
{
  gboolean quoted = FALSE;
  memset (scan, 0, sizeof *scan);
  scan->row = 1;
  for (gsize i = u->start; i < end; i++) {
    guint c = unit_at (u, i);
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < end && unit_at (u, i + 1) == '\n')
        i++;
      if (per_record) {
        g_array_append_val (per_record, scan->counts);
        if (per_record->len >= max_records)
          return;
      }
      scan->row++;
      scan->column = 0;
      memset (&scan->counts, 0, sizeof scan->counts);
    } else {
      for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
        if (c == (guint) delimiters[d])
          scan->counts.n[d]++;
      if (delimiter && c == (guint) delimiter)
        scan->column++;
    }
  }
}

/* A delimiter found the same non-zero number of times in every sampled
 * record wins (the most frequent such); failing that, the most frequent
 * overall; ',' when none occurs. */
static char
detect_units (const Units *u, gsize end)
{
  g_autoptr (GArray) records = g_array_new (FALSE, TRUE, sizeof (Counts));
  Scan scan;
  scan_units (u, MIN (end, u->start + 64 * 1024), 0, &scan, records, 50);
  if (records->len == 0)   /* a single record without a line end */
    g_array_append_val (records, scan.counts);
  char best = ',';
  guint best_count = 0;
  gboolean best_consistent = FALSE;
  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++) {
    guint first = g_array_index (records, Counts, 0).n[d], total = 0;
    gboolean consistent = first > 0;
    for (guint r = 0; r < records->len; r++) {
      guint n = g_array_index (records, Counts, r).n[d];
      total += n;
      consistent = consistent && n == first;
    }
    guint count = consistent ? first : total;
    if ((consistent && !best_consistent) ||
        (consistent == best_consistent && count > best_count)) {
      best = delimiters[d];
      best_count = count;
      best_consistent = consistent;
    }
  }
  return best;
}

char
dc_csv_detect_delimiter (const char *text, gsize length)
{
  Units u = { (const guint8 *) text, 0, length, 1, FALSE };
  return detect_units (&u, length);
}

/* DC_ERROR_INVALID: "PATH: WHAT at byte offset N (row R, column C)". */
static void
set_position_error (GError **error, const char *path, const Units *u, gsize unit,
                    const char *what)
{
  Scan scan;
  scan_units (u, unit, detect_units (u, unit), &scan, NULL, 0);
  g_autofree char *column = dc_column_letters (scan.column);
  g_set_error (error, DC_CSV_ERROR, DC_ERROR_INVALID,
               _ ("%s: %s at byte offset %llu (row %u, column %s)"),
               path, what, (unsigned long long) (unit * u->width), scan.row, column);
}

/* ---- decoding ---- */

typedef enum { ENC_AUTO, ENC_UTF8, ENC_UTF8_BOM, ENC_CP932, ENC_UTF16LE, ENC_UTF16BE, ENC_UTF16 } Encoding;

static const char *const encoding_names[] = {
  [ENC_UTF8] = "UTF-8", [ENC_UTF8_BOM] = "UTF-8-BOM", [ENC_CP932] = "CP932",
  [ENC_UTF16LE] = "UTF-16LE", [ENC_UTF16BE] = "UTF-16BE",
};

static gboolean
parse_encoding (const char *path, const char *name, Encoding *encoding, GError **error)
{
  static const struct { const char *name; Encoding encoding; } names[] = {
    { "utf-8", ENC_UTF8 }, { "utf8", ENC_UTF8 }, { "utf-8-bom", ENC_UTF8_BOM },
    { "cp932", ENC_CP932 }, { "sjis", ENC_CP932 }, { "shift_jis", ENC_CP932 },
    { "shift-jis", ENC_CP932 }, { "windows-31j", ENC_CP932 },
    { "utf-16le", ENC_UTF16LE }, { "utf-16be", ENC_UTF16BE }, { "utf-16", ENC_UTF16 },
  };
  *encoding = ENC_AUTO;
  if (!name)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0) {
      *encoding = names[i].encoding;
      return TRUE;
    }
  g_set_error (error, DC_CSV_ERROR, DC_ERROR_INVALID,
               _ ("%s: unknown encoding “%s” (known: UTF-8, UTF-8-BOM, CP932, UTF-16LE, UTF-16BE)"),
               path, name);
  return FALSE;
}

static Encoding
bom_encoding (const guint8 *data, gsize length)
{
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return ENC_UTF8_BOM;
  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return ENC_UTF16LE;
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return ENC_UTF16BE;
  return ENC_AUTO;
}

/* Converts units [start, n_units) from CHARSET; on failure returns NULL and
 * sets *BAD to the unit where decoding stopped. */
static char *
convert (const Units *u, Encoding encoding, gsize *bad)
{
  const char *bytes = (const char *) u->data + u->start * u->width;
  gsize length = (u->n_units - u->start) * u->width;
  if (encoding == ENC_UTF8 || encoding == ENC_UTF8_BOM) {
    const char *end;
    if (g_utf8_validate_len (bytes, length, &end))
      return g_strndup (bytes, length);
    *bad = u->start + (end - bytes);
    return NULL;
  }
  const char *charset = encoding == ENC_CP932 ? "CP932" : encoding_names[encoding];
  gsize read = 0;
  g_autoptr (GError) local = NULL;
  char *text = g_convert (bytes, length, "UTF-8", charset, &read, NULL, &local);
  if (!text)
    *bad = u->start + read / u->width;
  return text;
}

char *
dc_csv_decode (const char *path, const guint8 *data, gsize length, const char *encoding_name,
               char **detected, GError **error)
{
  Encoding encoding;
  if (!parse_encoding (path, encoding_name, &encoding, error))
    return NULL;
  Encoding bom = bom_encoding (data, length);
  if (encoding == ENC_AUTO && bom != ENC_AUTO)
    encoding = bom;
  if (encoding == ENC_UTF16)
    encoding = bom == ENC_UTF16BE ? ENC_UTF16BE : ENC_UTF16LE;
  if (encoding == ENC_UTF8 && bom == ENC_UTF8_BOM)
    encoding = ENC_UTF8_BOM;
  if (encoding == ENC_UTF8_BOM && bom != ENC_UTF8_BOM)
    encoding = ENC_UTF8;

  Units u = { data, 0, length, 1, FALSE };
  if (encoding == ENC_UTF16LE || encoding == ENC_UTF16BE) {
    u.width = 2;
    u.big_endian = encoding == ENC_UTF16BE;
    u.n_units = length / 2;
    u.start = bom == encoding ? 1 : 0;
    if (length % 2) {
      g_set_error (error, DC_CSV_ERROR, DC_ERROR_INVALID,
                   _ ("%s: an odd number of bytes (%llu) cannot be %s"),
                   path, (unsigned long long) length, encoding_names[encoding]);
      return NULL;
    }
  } else if (bom == ENC_UTF8_BOM && (encoding == ENC_UTF8_BOM || encoding == ENC_AUTO)) {
    u.start = 3;
  }

  for (gsize i = u.start; i < u.n_units; i++)
    if (unit_at (&u, i) == 0) {
      set_position_error (error, path, &u, i, _ ("a NUL byte (not allowed in CSV text)"));
      return NULL;
    }

  gsize bad = 0;
  char *text;
  if (encoding != ENC_AUTO) {
    text = convert (&u, encoding, &bad);
  } else {
    /* Strict UTF-8 first: CP932 decodes most UTF-8 into nonsense. */
    encoding = ENC_UTF8;
    text = convert (&u, ENC_UTF8, &bad);
    if (!text) {
      gsize bad_cp932 = 0;
      text = convert (&u, ENC_CP932, &bad_cp932);
      /* If neither fits, the encoding that read further is the likely one. */
      if (text || bad_cp932 > bad) {
        encoding = ENC_CP932;
        bad = bad_cp932;
      }
    }
  }
  if (!text) {
    guint8 byte = u.width == 1 ? data[bad] : data[bad * 2];
    g_autofree char *what = g_strdup_printf (_ ("a byte (0x%02X) that is not valid %s"), byte,
                                             encoding == ENC_UTF8_BOM ? "UTF-8" : encoding_names[encoding]);
    set_position_error (error, path, &u, bad, what);
    return NULL;
  }
  if (detected)
    *detected = g_strdup (encoding_names[encoding]);
  return text;
}

/* ---- records ---- */

struct _DcCsv {
  char *origin;
  char *text;
  gsize length;
  gsize pos;
  guint row;
  char *encoding;
  char delimiter;
  GPtrArray *fields;   /* pointers into buffer */
  GString *buffer;     /* the current record's fields, each NUL-terminated */
  GArray *offsets;     /* where each field starts in buffer */
};

DcCsv *
dc_csv_new_from_data (const char *origin, const guint8 *data, gsize length, const char *encoding,
                      char delimiter, GError **error)
{
  g_autofree char *detected = NULL;
  char *text = dc_csv_decode (origin, data, length, encoding, &detected, error);
  if (!text)
    return NULL;
  DcCsv *csv = g_new0 (DcCsv, 1);
  csv->origin = g_strdup (origin);
  csv->text = text;
  csv->length = strlen (text);
  csv->encoding = g_steal_pointer (&detected);
  csv->delimiter = delimiter ? delimiter : dc_csv_detect_delimiter (text, csv->length);
  csv->fields = g_ptr_array_new ();
  csv->buffer = g_string_sized_new (256);
  csv->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  return csv;
}

DcCsv *
dc_csv_open (const char *path, const char *encoding, char delimiter, GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!dc_file_read (path, &data, &length, error))
    return NULL;
  return dc_csv_new_from_data (path, (const guint8 *) data, length, encoding, delimiter, error);
}

static gboolean
field_error (DcCsv *csv, guint column, GError **error, const char *what)
{
  g_autofree char *letters = dc_column_letters (column);
  g_set_error (error, DC_CSV_ERROR, DC_ERROR_INVALID, _ ("%s: row %u, column %s: %s"),
               csv->origin, csv->row, letters, what);
  return FALSE;
}

/* One field from csv->pos, appended to csv->buffer with its NUL; leaves pos
 * on the delimiter, line end or end. Fields share one buffer per record: a
 * million rows cost no allocation each. */
static gboolean
read_field (DcCsv *csv, guint column, GError **error)
{
  const char *text = csv->text;
  gsize pos = csv->pos;
  gsize start = csv->buffer->len;
  g_array_append_val (csv->offsets, start);
  if (text[pos] != '"') {
    gsize end = pos;
    while (end < csv->length && text[end] != csv->delimiter && text[end] != '\r' && text[end] != '\n')
      end++;
    csv->pos = end;
    if (end - pos > DC_CSV_MAX_FIELD)
      return field_error (csv, column, error, _ ("the field is longer than 1 MiB; no cell holds this much text (is it the file you meant?)"));
    g_string_append_len (csv->buffer, text + pos, end - pos);
    g_string_append_c (csv->buffer, '\0');
    return TRUE;
  }
  GString *value = csv->buffer;
  pos++;
  for (;;) {
    const char *quote = memchr (text + pos, '"', csv->length - pos);
    if (!quote)
      return field_error (csv, column, error, _ ("a quoted field is not closed (a \" is missing)"));
    g_string_append_len (value, text + pos, quote - (text + pos));
    pos = quote - text + 1;
    if (value->len - start > DC_CSV_MAX_FIELD)
      return field_error (csv, column, error, _ ("the field is longer than 1 MiB; no cell holds this much text (is it the file you meant?)"));
    if (text[pos] != '"')
      break;
    g_string_append_c (value, '"');   /* "" inside quotes */
    pos++;
  }
  csv->pos = pos;
  if (pos < csv->length && text[pos] != csv->delimiter && text[pos] != '\r' && text[pos] != '\n')
    return field_error (csv, column, error, _ ("text follows the closing quote of a quoted field"));
  g_string_append_c (value, '\0');
  return TRUE;
}

gboolean
dc_csv_next_row (DcCsv *csv, GPtrArray **fields, guint *row, GError **error)
{
  g_ptr_array_set_size (csv->fields, 0);
  g_string_truncate (csv->buffer, 0);
  g_array_set_size (csv->offsets, 0);
  if (csv->pos >= csv->length)
    return FALSE;
  csv->row++;
  gsize start = csv->pos;
  for (guint column = 0;; column++) {
    if (column >= DC_CSV_MAX_COLUMNS)
      return field_error (csv, column, error, _ ("the line has more than 16384 fields, as many columns as "
                                                 "Excel has; daicho reads no more (is it the file you meant?)"));
    if (!read_field (csv, column, error))
      return FALSE;
    if (csv->pos - start > DC_CSV_MAX_LINE)
      return field_error (csv, column, error, _ ("the line is longer than 64 MiB"));
    if (csv->pos >= csv->length)
      break;
    char c = csv->text[csv->pos++];
    if (c == '\r' && csv->pos < csv->length && csv->text[csv->pos] == '\n')
      csv->pos++;
    if (c != csv->delimiter)
      break;
  }
  /* The buffer has stopped growing: now the fields can point into it. */
  for (guint i = 0; i < csv->offsets->len; i++)
    g_ptr_array_add (csv->fields, csv->buffer->str + g_array_index (csv->offsets, gsize, i));
  *fields = csv->fields;
  if (row)
    *row = csv->row;
  return TRUE;
}

const char *
dc_csv_encoding (DcCsv *csv)
{
  return csv->encoding;
}

char
dc_csv_delimiter (DcCsv *csv)
{
  return csv->delimiter;
}

void
dc_csv_free (DcCsv *csv)
{
  if (!csv)
    return;
  g_free (csv->origin);
  g_free (csv->text);
  g_free (csv->encoding);
  g_ptr_array_unref (csv->fields);
  g_string_free (csv->buffer, TRUE);
  g_array_unref (csv->offsets);
  g_free (csv);
}
