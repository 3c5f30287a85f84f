#include "dc-table-writer.h"
#include "base/dc-i18n.h"
#include "base/dc-csv-inject.h"
#include "base/dc-matchkey.h"
#include "base/dc-error.h"
#include "dc-output.h"
#include "base/dc-text.h"
#include "dc-workbook.h"

#include <errno.h>
#include <string.h>
#include <xlsxwriter.h>

struct _DcTableWriter {
  DcTableFormat format;
  DcOutput *output;
  GStrv headers;
  guint n_columns;
  /* CSV */
  gboolean cp932;
  GIConv to_cp932;     /* opened once: iconv_open per cell is slow */
  /* XLSX */
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  guint row;
};

static void
writer_free (DcTableWriter *writer)
{
  if (writer->to_cp932 != (GIConv) -1)
    g_iconv_close (writer->to_cp932);
  g_strfreev (writer->headers);
  g_free (writer);
}

/* ---- CSV cells ---- */

/* The first character of TEXT that CP932 cannot encode. */
static gunichar
first_unencodable (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p)) {
    char buffer[8];
    int length = g_unichar_to_utf8 (g_utf8_get_char (p), buffer);
    g_autofree char *encoded = g_convert (buffer, length, "CP932", "UTF-8", NULL, NULL, NULL);
    if (!encoded)
      return g_utf8_get_char (p);
  }
  return 0;
}

static gboolean
write_csv_cell (DcTableWriter *writer, const char *cell, guint column, const char *row_label,
                GError **error)
{
  /* What XML cannot hold (a register may hold U+FFFF from before input
   * refused it) as a visible \uFFFF: import refuses the character itself. */
  g_autofree char *visible = dc_text_xml_escape (cell ? cell : "", DC_TEXT_ESCAPE_VISIBLE);
  g_autofree char *safe = dc_csv_neutralise (visible ? visible : cell ? cell : "");
  GString *field = g_string_new ("\"");
  for (const char *p = safe; *p; p++) {
    if (*p == '"')
      g_string_append_c (field, '"');
    g_string_append_c (field, *p);
  }
  g_string_append_c (field, '"');
  g_autofree char *text = g_string_free (field, FALSE);
  if (!writer->cp932)
    return fputs (text, writer->output->file) >= 0;

  /* 〜 and the like as CP932 spells them, so text typed elsewhere encodes. */
  g_autofree char *folded = dc_match_key (text, DC_MATCH_CP932_FOLD);
  gsize written = 0;
  g_autofree char *encoded = g_convert_with_iconv (folded, -1, writer->to_cp932, NULL, &written, NULL);
  if (!encoded) {
    gunichar bad = first_unencodable (folded);
    char shown[8] = { 0 };
    g_unichar_to_utf8 (bad, shown);
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s, column %s: the character '%s' (U+%04X) has no CP932 (Shift_JIS) code; "
                 "change the text or export with --encoding utf-8-bom"),
                 row_label ? row_label : "header", writer->headers[column], shown, bad);
    return FALSE;
  }
  return fwrite (encoded, 1, written, writer->output->file) == written;
}

static gboolean
write_csv_row (DcTableWriter *writer, const char *const *cells, const char *row_label,
               GError **error)
{
  for (guint i = 0; i < writer->n_columns; i++) {
    if (i && fputc (',', writer->output->file) == EOF)
      return FALSE;
    if (!write_csv_cell (writer, cells[i], i, row_label, error))
      return FALSE;
  }
  return fputs ("\r\n", writer->output->file) >= 0;  /* RFC 4180 and Excel: CRLF */
}

/* ---- the writer ---- */

DcTableWriter *
dc_table_writer_new (const char *path, DcTableFormat format, const char *encoding,
                     const char *sheet_name, const char *const *headers, GError **error)
{
  g_autofree char *enc = g_ascii_strdown (encoding ? encoding : "utf-8-bom", -1);
  gboolean bom = g_str_equal (enc, "utf-8-bom") || g_str_equal (enc, "utf8-bom");
  gboolean cp932 = g_str_equal (enc, "cp932") || g_str_equal (enc, "shift_jis") ||
                   g_str_equal (enc, "sjis");
  if (!bom && !cp932 && !g_str_equal (enc, "utf-8") && !g_str_equal (enc, "utf8")) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("encoding '%s' is not supported; use utf-8-bom, utf-8 or cp932"), encoding);
    return NULL;
  }
  DcTableWriter *writer = g_new0 (DcTableWriter, 1);
  writer->format = format;
  writer->cp932 = cp932;
  writer->to_cp932 = cp932 ? g_iconv_open ("CP932", "UTF-8") : (GIConv) -1;
  writer->headers = g_strdupv ((char **) headers);
  writer->n_columns = g_strv_length (writer->headers);
  writer->output = dc_output_begin (path, format == DC_TABLE_CSV, error);
  if (!writer->output) {
    writer_free (writer);
    return NULL;
  }
  gboolean ok;
  if (format == DC_TABLE_CSV) {
    ok = !bom || fputs ("\xEF\xBB\xBF", writer->output->file) >= 0;
    ok = ok && write_csv_row (writer, headers, NULL, error);
  } else {
    writer->workbook = dc_workbook_workbook_new (writer->output->temp_path);
    writer->sheet = writer->workbook ? workbook_add_worksheet (writer->workbook, sheet_name) : NULL;
    ok = writer->sheet != NULL;
    for (guint i = 0; ok && i < writer->n_columns; i++)
      ok = worksheet_write_string (writer->sheet, 0, (lxw_col_t) i, headers[i], NULL) == LXW_NO_ERROR;
    writer->row = 1;
  }
  if (!ok) {
    if (error && !*error)
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be written"), path);
    dc_table_writer_abort (writer);
    return NULL;
  }
  return writer;
}

gboolean
dc_table_writer_row (DcTableWriter *writer, const char *const *cells, const gboolean *numeric,
                     const char *row_label, GError **error)
{
  if (writer->format == DC_TABLE_CSV) {
    if (write_csv_row (writer, cells, row_label, error))
      return TRUE;
    if (error && !*error)
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: write failed: %s"),
                   writer->output->path, g_strerror (errno));
    return FALSE;
  }
  for (guint i = 0; i < writer->n_columns; i++)
    if (!dc_workbook_write_cell (writer->sheet, writer->row, i, cells[i], numeric && numeric[i],
                             NULL, row_label, writer->headers[i], error))
      return FALSE;
  writer->row++;
  return TRUE;
}

gboolean
dc_table_writer_finish (DcTableWriter *writer, GError **error)
{
  gboolean ok = TRUE;
  if (writer->workbook) {
    ok = dc_workbook_workbook_close (writer->workbook, writer->output->path, error);
    writer->workbook = NULL;
  }
  DcOutput *output = g_steal_pointer (&writer->output);
  writer_free (writer);
  if (!ok) {
    dc_output_abort (output);
    return FALSE;
  }
  return dc_output_commit (output, error);
}

void
dc_table_writer_abort (DcTableWriter *writer)
{
  if (!writer)
    return;
  if (writer->workbook)
    workbook_close (writer->workbook);
  dc_output_abort (writer->output);
  writer_free (writer);
}
