#include "readers/dc-table.h"
#include "base/dc-file.h"
#include "base/dc-i18n.h"
#include "readers/dc-csv.h"
#include "base/dc-error.h"
#include "readers/dc-xlsx.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct _DcTable {
  char *path;
  char *base;          /* named in locations */
  DcTableInfo info;
  DcCsv *csv;
  DcXlsx *xlsx;
  GPtrArray *cells;    /* CSV rows as DcCell (from csv_cells, texts in the CSV's record) */
  GPtrArray *csv_cells; /* DcCell structs reused from row to row */
  GArray *no_merges;
};

DcCell *
dc_cell_new (DcCellType type, char *text, double number)
{
  DcCell *cell = g_new (DcCell, 1);
  cell->type = type;
  cell->text = text;
  cell->number = number;
  return cell;
}

void
dc_cell_free (DcCell *cell)
{
  if (!cell)
    return;
  g_free (cell->text);
  g_free (cell);
}

char *
dc_cell_number_text (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  for (int precision = 15; precision <= 17; precision++) {
    g_ascii_formatd (buffer, sizeof buffer, precision == 15 ? "%.15g" : precision == 16 ? "%.16g" : "%.17g",
                     number);
    if (g_ascii_strtod (buffer, NULL) == number)
      break;
  }
  return g_strdup (g_str_equal (buffer, "-0") ? "0" : buffer);
}

char *
dc_column_letters (guint column)
{
  char letters[8];
  int i = sizeof letters - 1;
  letters[i] = '\0';
  guint n = column + 1;
  while (n > 0 && i > 0) {
    letters[--i] = 'A' + (n - 1) % 26;
    n = (n - 1) / 26;
  }
  return g_strdup (letters + i);
}

static gboolean
looks_like_zip (const char *path, gboolean *is_zip, GError **error)
{
  FILE *file = fopen (path, "rb");
  if (!file) {
    g_set_error (error, DC_CSV_ERROR, DC_ERROR_IO, _ ("%s: cannot be read: %s"), path, g_strerror (errno));
    return FALSE;
  }
  unsigned char magic[4] = { 0 };
  size_t n = fread (magic, 1, sizeof magic, file);
  fclose (file);
  *is_zip = n == 4 && memcmp (magic, "PK\x03\x04", 4) == 0;
  return TRUE;
}

DcTable *
dc_table_open (const char *path, const DcTableOptions *options, GError **error)
{
  static const DcTableOptions defaults = { NULL, 0, NULL, 0 };
  if (!options)
    options = &defaults;
  gboolean is_zip;
  if (!dc_file_check_regular (path, error) || !looks_like_zip (path, &is_zip, error))
    return NULL;
  g_autoptr (DcTable) table = g_new0 (DcTable, 1);
  table->path = g_strdup (path);
  table->base = g_path_get_basename (path);
  table->cells = g_ptr_array_new ();
  table->csv_cells = g_ptr_array_new_with_free_func (g_free);
  table->no_merges = g_array_new (FALSE, FALSE, sizeof (DcCellRange));
  if (is_zip) {
    table->xlsx = dc_xlsx_open (path, error);
    if (!table->xlsx ||
        !dc_xlsx_select_sheet (table->xlsx, options->sheet, options->sheet_index, error))
      return NULL;
    table->info.sheet = g_strdup (dc_xlsx_sheet (table->xlsx));
  } else {
    table->csv = dc_csv_open (path, options->encoding, options->delimiter, error);
    if (!table->csv)
      return NULL;
    table->info.encoding = g_strdup (dc_csv_encoding (table->csv));
    table->info.delimiter = dc_csv_delimiter (table->csv);
  }
  return g_steal_pointer (&table);
}

gboolean
dc_table_next_row (DcTable *table, GPtrArray **cells, guint *row_number, GError **error)
{
  if (table->xlsx)
    return dc_xlsx_next_row (table->xlsx, cells, row_number, error);
  GPtrArray *fields;
  g_ptr_array_set_size (table->cells, 0);
  if (!dc_csv_next_row (table->csv, &fields, row_number, error))
    return FALSE;
  while (table->csv_cells->len < fields->len)
    g_ptr_array_add (table->csv_cells, g_new0 (DcCell, 1));
  for (guint i = 0; i < fields->len; i++) {
    DcCell *cell = table->csv_cells->pdata[i];
    cell->text = fields->pdata[i];
    cell->type = *cell->text ? DC_CELL_STRING : DC_CELL_EMPTY;
    g_ptr_array_add (table->cells, cell);
  }
  *cells = table->cells;
  return TRUE;
}

const DcTableInfo *
dc_table_info (DcTable *table)
{
  return &table->info;
}

GArray *
dc_table_merges (DcTable *table)
{
  return table->xlsx ? dc_xlsx_merges (table->xlsx) : table->no_merges;
}

char *
dc_table_row_location (DcTable *table, guint row)
{
  GString *out = g_string_new (table->base);
  if (table->info.sheet)
    g_string_append_printf (out, C_ ("location", ", sheet %s"), table->info.sheet);
  g_string_append_printf (out, C_ ("location", ", row %u"), row);
  return g_string_free (out, FALSE);
}

char *
dc_table_location (DcTable *table, guint row, guint column, const char *header)
{
  g_autofree char *letters = dc_column_letters (column);
  g_autofree char *where = dc_table_row_location (table, row);
  GString *out = g_string_new (where);
  g_string_append_printf (out, C_ ("location", ", column %s"), letters);
  if (header && *header)
    g_string_append_printf (out, C_ ("location", " (%s)"), header);
  return g_string_free (out, FALSE);
}

GStrv
dc_table_sheet_names (DcTable *table)
{
  if (table->xlsx)
    return dc_xlsx_sheet_names (table->xlsx);
  GStrv names = g_new0 (char *, 2);
  names[0] = g_strdup (table->base);
  return names;
}

void
dc_table_close (DcTable *table)
{
  if (!table)
    return;
  dc_csv_free (table->csv);
  dc_xlsx_free (table->xlsx);
  g_ptr_array_unref (table->cells);
  g_ptr_array_unref (table->csv_cells);
  g_array_unref (table->no_merges);
  g_free (table->info.sheet);
  g_free (table->info.encoding);
  g_free (table->path);
  g_free (table->base);
  g_free (table);
}
