#include "import/dc-import-table.h"
#include "base/dc-i18n.h"
#include "base/dc-progress.h"
#include "base/dc-csv-inject.h"
#include "base/dc-error.h"
#include "base/dc-matchkey.h"
#include "base/dc-text.h"

#include <string.h>

void
dc_import_item_free (DcImportItem *item)
{
  g_free (item->code);
  g_free (item->action);
  g_free (item->changes);
  g_free (item);
}

struct _DcImportTable {
  DcTable *table;
  DcHeader *header;
  GPtrArray *problems;
  gboolean undo_guard;  /* a CSV of daicho's own: undo its injection guard */
  GArray *merges;       /* the sheet's merged ranges */
  GHashTable *merged;   /* "row:column" of a downward merge's top left → its text */
  GPtrArray *skipped;   /* rows of totals and notes passed over (char*) */
  GHashTable *defaults; /* field → value, or NULL */
  guint n_columns;      /* the file's header columns; the defaults' own come after */
  GHashTable *defaulted; /* field → rows that took its default */
  guint visiting;       /* the row being visited, and its columns that took a default */
  GArray *took;         /* gboolean per column */
  GHashTable *told;     /* "column\nmessage" of problems with a default, told once */
};

/* The defaults name only fields of SYNONYMS, with values the register takes. */
static gboolean
check_defaults (const DcImportSource *source, const DcHeaderSynonyms *synonyms, GError **error)
{
  GHashTableIter iter;
  gpointer key, value;
  if (!source->defaults)
    return TRUE;
  g_hash_table_iter_init (&iter, source->defaults);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    gboolean known = FALSE;
    for (const DcHeaderSynonyms *s = synonyms; !known && s->field; s++)
      known = g_str_equal (s->field, key);
    if (!known) {
      g_autoptr (GString) fields = g_string_new (NULL);
      for (const DcHeaderSynonyms *s = synonyms; s->field; s++)
        g_string_append_printf (fields, "%s%s", fields->len ? ", " : "", s->field);
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                   _ ("--default %s=%s: daicho knows no field %s here; give one of %s"),
                   (const char *) key, (const char *) value, (const char *) key, fields->str);
      return FALSE;
    }
    g_autofree char *refusal = dc_text_refusal (value, key);
    if (refusal) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("--default %s=…: the value %s"),
                   (const char *) key, refusal);
      return FALSE;
    }
  }
  return TRUE;
}

/* A workbook of several sheets and no --sheet: the one sheet whose header is
 * recognised (a cover, 目次 or 記入例 comes first in many ledgers). Opens it
 * into *TABLE with its header; when none or several are, the error lists
 * each sheet with what was found there. */
static DcHeader *
choose_sheet (const char *path, const DcImportSource *source, const DcHeaderSynonyms *synonyms,
              const char *const *required, GStrv names, DcTable **table, GError **error)
{
  g_autoptr (GString) found = g_string_new (NULL);
  g_autoptr (DcHeader) chosen = NULL;
  guint recognised = 0;
  for (guint i = 0; names[i]; i++) {
    DcTableOptions options = { .sheet_index = (int) i + 1 };
    g_autoptr (DcTable) candidate = dc_table_open (path, &options, error);
    if (!candidate)
      return NULL;
    g_autoptr (GError) local = NULL;
    g_autoptr (DcHeader) header = dc_header_detect (candidate, synonyms, required, source->map, &local);
    if (!header && !g_error_matches (local, DC_INPUT_ERROR, DC_ERROR_INVALID)) {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
    guint known = 0;
    for (guint c = 0; header && c < header->fields->len; c++)
      known += g_ptr_array_index (header->fields, c) != NULL;
    /* A 記入例 with the ledger's header and a made-up row is no ledger. */
    static const char *const examples[] = { "記入例", "記載例", "入力例", "見本", "サンプル", "例" };
    gboolean example = FALSE;
    g_autofree char *name = dc_match_key (names[i], DC_MATCH_NFKC | DC_MATCH_TRIM);
    for (gsize e = 0; e < G_N_ELEMENTS (examples); e++)
      example |= g_str_has_prefix (name, examples[e]) || g_str_has_suffix (name, examples[e]);
    if (found->len)
      g_string_append (found, "; ");
    if (header && example)
      g_string_append_printf (found, _ ("sheet %s: an example, passed over"), names[i]);
    else if (header)
      g_string_append_printf (found, _ ("sheet %s: a header in row %u (%u columns known)"),
                              names[i], header->header_row, known);
    else
      g_string_append_printf (found, _ ("sheet %s: no header row"), names[i]);
    if (header && !example && recognised++ == 0) {
      /* The table goes on from the rows its header has read. */
      g_clear_pointer (table, dc_table_close);
      *table = g_steal_pointer (&candidate);
      chosen = g_steal_pointer (&header);
    }
  }
  if (recognised != 1) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 recognised ? _ ("%s: several sheets have a header daicho recognises (%s); choose "
                                 "one with --sheet NAME")
                            : _ ("%s: no sheet has a header daicho recognises (%s); rename the "
                                 "columns or give a mapping file with --map, and --sheet NAME"),
                 path, found->str);
    return NULL;
  }
  return g_steal_pointer (&chosen);
}

DcImportTable *
dc_import_table_open (const char *path, const DcImportSource *source,
                      const DcHeaderSynonyms *synonyms, const char *const *required,
                      GPtrArray *problems, GError **error)
{
  if (!check_defaults (source, synonyms, error))
    return NULL;
  const char *sheet = source->sheet ? source->sheet
                      : source->map ? g_hash_table_lookup (source->map, "sheet") : NULL;
  DcTableOptions options = { .sheet = sheet, .encoding = source->encoding };
  g_autoptr (DcTable) table = dc_table_open (path, &options, error);
  if (!table)
    return NULL;
  const DcTableInfo *info = dc_table_info (table);
  if ((info->sheet == NULL && source->sheet) || (info->sheet != NULL && source->encoding)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s: %s applies only to %s files"),
                 path, source->sheet ? "--sheet" : "--encoding", source->sheet ? "xlsx" : "CSV");
    return NULL;
  }
  g_auto (GStrv) names = info->sheet && !sheet ? dc_table_sheet_names (table) : NULL;
  DcHeader *header = names && g_strv_length (names) > 1
                       ? choose_sheet (path, source, synonyms, required, names, &table, error)
                       : dc_header_detect (table, synonyms, required, source->map, error);
  if (!header)
    return NULL;
  DcImportTable *it = g_new0 (DcImportTable, 1);
  it->table = g_steal_pointer (&table);
  it->header = header;
  it->problems = g_ptr_array_ref (problems);
  it->undo_guard = dc_table_info (it->table)->sheet == NULL && !source->literal;
  it->merges = dc_table_merges (it->table);
  it->merged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  it->skipped = g_ptr_array_new_with_free_func (g_free);
  it->n_columns = header->fields->len;
  it->defaulted = g_hash_table_new (g_str_hash, g_str_equal);
  it->took = g_array_new (FALSE, TRUE, sizeof (gboolean));
  it->told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (source->defaults) {
    it->defaults = g_hash_table_ref (source->defaults);
    /* A field the file has no column of gets one of its own after the file's,
     * in the order of SYNONYMS. */
    for (const DcHeaderSynonyms *s = synonyms; s->field; s++)
      if (g_hash_table_contains (it->defaults, s->field) && dc_header_column (header, s->field) < 0) {
        g_ptr_array_add (header->fields, (gpointer) s->field);
        g_ptr_array_add (header->headers, g_strdup_printf ("--default %s", s->field));
      }
  }
  return it;
}

void
dc_import_table_free (DcImportTable *it)
{
  if (!it)
    return;
  dc_header_free (it->header);
  dc_table_close (it->table);
  g_ptr_array_unref (it->problems);
  g_hash_table_unref (it->merged);
  g_ptr_array_unref (it->skipped);
  g_clear_pointer (&it->defaults, g_hash_table_unref);
  g_hash_table_unref (it->defaulted);
  g_array_unref (it->took);
  g_hash_table_unref (it->told);
  g_free (it);
}

const DcHeader *dc_import_table_header (DcImportTable *it) { return it->header; }
const char *dc_import_table_sheet (DcImportTable *it) { return dc_table_info (it->table)->sheet; }
const char *dc_import_table_encoding (DcImportTable *it) { return dc_table_info (it->table)->encoding; }

GPtrArray *
dc_import_table_ignored (DcImportTable *it)
{
  GPtrArray *ignored = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < it->n_columns; c++) {
    const char *text = g_ptr_array_index (it->header->headers, c);
    if (!g_ptr_array_index (it->header->fields, c) && *text)
      g_ptr_array_add (ignored, g_strdup (text));
  }
  return ignored;
}

/* A cell of a data row: its own text, or, below the top of a range merged
 * downwards, the range's text. Rows arrive in order, so the top is seen first. */
static const char *
cell_text (DcImportTable *it, GPtrArray *cells, guint row, guint column)
{
  const DcCell *cell = column < cells->len ? g_ptr_array_index (cells, column) : NULL;
  const char *text = cell && cell->text ? cell->text : "";
  for (guint m = 0; m < it->merges->len; m++) {
    const DcCellRange *r = &g_array_index (it->merges, DcCellRange, m);
    if (r->first_col != column || r->last_row == r->first_row || row < r->first_row ||
        row > r->last_row)
      continue;
    g_autofree char *key = g_strdup_printf ("%u:%u", r->first_row, column);
    if (row == r->first_row) {
      g_hash_table_insert (it->merged, g_steal_pointer (&key), g_strdup (text));
    } else if (!*text) {
      const char *top = g_hash_table_lookup (it->merged, key);
      text = top ? top : "";
    }
  }
  return text;
}

gboolean
dc_import_table_has_column (DcImportTable *it, const char *field)
{
  int column = dc_header_column (it->header, field);
  return column >= 0 && (guint) column < it->n_columns;
}

GPtrArray *
dc_import_table_defaults_used (DcImportTable *it)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; it->defaults && c < it->header->fields->len; c++) {
    const char *field = g_ptr_array_index (it->header->fields, c);
    guint rows = field ? GPOINTER_TO_UINT (g_hash_table_lookup (it->defaulted, field)) : 0;
    if (rows)
      g_ptr_array_add (lines, g_strdup_printf (dc_ngettext ("%s: %u row took --default %s=%s",
                                                            "%s: %u rows took --default %s=%s", rows),
                                               field, rows, field,
                                               (const char *) g_hash_table_lookup (it->defaults, field)));
  }
  return lines;
}

GPtrArray *
dc_import_table_skipped (DcImportTable *it)
{
  return g_ptr_array_ref (it->skipped);
}

void
dc_import_table_describe (DcImportTable *it, char **sheet, char **encoding, guint *header_row,
                          GPtrArray **ignored, GPtrArray **skipped_rows)
{
  *sheet = g_strdup (dc_import_table_sheet (it));
  *encoding = g_strdup (dc_import_table_encoding (it));
  *header_row = dc_import_table_header (it)->header_row;
  *ignored = dc_import_table_ignored (it);
  *skipped_rows = dc_import_table_skipped (it);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
      if ((guchar) *p < 0x80)
        return FALSE;
      g_autofree char *key = dc_match_key (p, DC_MATCH_TRIM);   /* U+3000 and the like */
      return *key == '\0';
    }
  return TRUE;
}

/* TEXT's NFKC form without any space: "合　計" → "合計". */
static char *
compact (const char *text)
{
  g_autofree char *key = dc_match_key (text, DC_MATCH_NFKC | DC_MATCH_TRIM);
  GString *out = g_string_sized_new (strlen (key));
  for (const char *p = key; *p; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* A count in a row of totals: 12, 1,234, 12件, 7名, 3.5. */
static gboolean
is_count (const char *text)
{
  g_autofree char *key = compact (text);
  static const char *const units[] = { "件", "名", "人", "台" };
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (key, units[i]))
      key[strlen (key) - strlen (units[i])] = '\0';
  gboolean digits = FALSE;
  for (const char *p = key; *p; p++) {
    if (!g_ascii_isdigit (*p) && *p != ',' && *p != '.')
      return FALSE;
    digits |= g_ascii_isdigit (*p);
  }
  return digits;
}

/* Why a row with text is not data: a row of totals (計, 合計, 小計, 総計 in
 * one of its first three cells, nothing but counts elsewhere) or a note alone
 * in its row (※, 注:, (注), *). NULL for a row of data. */
static char *
not_data (GPtrArray *texts, guint number)
{
  static const char *const totals[] = { "計", "合計", "小計", "総計", "合計件数", NULL };
  int label = -1;
  guint filled = 0, last = 0;
  gboolean counts = TRUE;
  for (guint c = 0; c < texts->len; c++) {
    const char *text = g_ptr_array_index (texts, c);
    if (is_blank (text))
      continue;
    filled++;
    last = c;
    g_autofree char *key = compact (text);
    if (label < 0 && c < 3 && g_strv_contains (totals, key))
      label = (int) c;
    else
      counts = counts && is_count (text);
  }
  if (label >= 0 && counts)
    return g_strdup_printf (_ ("row %u: %s — a row of totals"), number,
                            (const char *) g_ptr_array_index (texts, label));
  if (filled != 1)
    return NULL;
  g_autofree char *note = compact (g_ptr_array_index (texts, last));
  static const char *const marks[] = { "※", "注:", "注)", "(注)", "注記", "*" };
  gboolean marked = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (marks); i++)
    marked |= g_str_has_prefix (note, marks[i]);
  if (!marked)
    return NULL;
  g_autofree char *shown = g_utf8_substring (note, 0, MIN (g_utf8_strlen (note, -1), 20));
  return g_strdup_printf (_ ("row %u: %s%s — a note"), number, shown,
                          g_utf8_strlen (note, -1) > 20 ? "…" : "");
}

static void
visit (DcImportTable *it, GPtrArray *cells, guint number, DcImportRowFunc func, gpointer data)
{
  guint width = MAX (cells->len, it->header->fields->len);
  g_autoptr (GPtrArray) texts = g_ptr_array_sized_new (width);
  g_autoptr (GPtrArray) owned = it->undo_guard ? g_ptr_array_new_with_free_func (g_free) : NULL;
  gboolean empty = TRUE, refused = FALSE;
  for (guint c = 0; c < width; c++) {
    /* A default's own column has no cell (one past the header is not its). */
    gboolean own = c >= it->n_columns && c < it->header->fields->len;
    const char *text = own ? "" : cell_text (it, cells, number, c);
    if (owned) {
      char *plain = dc_csv_unneutralise (text);
      g_ptr_array_add (owned, plain);
      text = plain;
    }
    g_ptr_array_add (texts, (gpointer) text);
    empty = empty && is_blank (text);
    /* What a column of a field says enters the register: the characters and
     * lengths every edge takes (a row refused here is not read further). */
    const char *field = c < it->header->fields->len ? g_ptr_array_index (it->header->fields, c) : NULL;
    g_autofree char *refusal = field && *text ? dc_text_refusal (text, field) : NULL;
    if (refusal) {
      g_autofree char *message = g_strdup_printf (_ ("the value %s"), refusal);
      dc_import_table_problem_at (it, number, (int) c, message);
      refused = TRUE;
    }
  }
  if (empty || refused)
    return;
  char *why = not_data (texts, number);
  if (why) {
    g_ptr_array_add (it->skipped, why);
    return;
  }
  /* The defaults fill what the row leaves empty (after the row is known to
   * be data: a default is no text of the file's). */
  it->visiting = number;
  g_array_set_size (it->took, 0);
  g_array_set_size (it->took, it->header->fields->len);
  for (guint c = 0; it->defaults && c < it->header->fields->len; c++) {
    const char *field = g_ptr_array_index (it->header->fields, c);
    const char *value = field ? g_hash_table_lookup (it->defaults, field) : NULL;
    if (!value || !is_blank (g_ptr_array_index (texts, c)))
      continue;
    g_ptr_array_index (texts, c) = (gpointer) value;
    g_array_index (it->took, gboolean, c) = TRUE;
    guint rows = GPOINTER_TO_UINT (g_hash_table_lookup (it->defaulted, field));
    g_hash_table_insert (it->defaulted, (gpointer) field, GUINT_TO_POINTER (rows + 1));
  }
  DcImportRow row = { number, cells, texts };
  func (it, &row, data);
}

gboolean
dc_import_table_foreach (DcImportTable *it, DcImportRowFunc func, gpointer data, GError **error)
{
  /* The rows read while looking for the header come first. */
  for (guint i = 0; i < it->header->rows->len; i++)
    visit (it, g_ptr_array_index (it->header->rows, i),
           g_array_index (it->header->row_numbers, guint, i), func, data);
  GPtrArray *cells;
  guint number;
  GError *local = NULL;
  while (dc_table_next_row (it->table, &cells, &number, &local)) {
    visit (it, cells, number, func, data);
    dc_progress_update (_ ("rows read"), number, 0);
  }
  dc_progress_done ();
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  return TRUE;
}

char *
dc_import_row_field (DcImportTable *it, const DcImportRow *row, const char *field, gboolean trim)
{
  int column = dc_header_column (it->header, field);
  const char *text = column >= 0 && (guint) column < row->texts->len
                       ? g_ptr_array_index (row->texts, column) : "";
  return trim ? dc_match_key (text, DC_MATCH_TRIM) : g_strdup (text);
}

const DcCell *
dc_import_row_cell (DcImportTable *it, const DcImportRow *row, const char *field)
{
  int column = dc_header_column (it->header, field);
  return column >= 0 && (guint) column < it->n_columns && (guint) column < row->cells->len
           ? g_ptr_array_index (row->cells, column) : NULL;
}

char *
dc_import_table_where_at (DcImportTable *it, guint row, int column)
{
  const char *header = column >= 0 && (guint) column < it->header->headers->len
                         ? g_ptr_array_index (it->header->headers, column) : NULL;
  if (column >= 0 && (guint) column >= it->n_columns && header) {
    /* A default's own column: the row, and the option the value came from. */
    g_autofree char *where = dc_table_row_location (it->table, row);
    return g_strdup_printf (C_ ("location", "%s (%s)"), where, header);
  }
  return column >= 0 ? dc_table_location (it->table, row, (guint) column, header)
                     : dc_table_row_location (it->table, row);
}

char *
dc_import_table_where (DcImportTable *it, guint row, const char *field)
{
  return dc_import_table_where_at (it, row, field ? dc_header_column (it->header, field) : -1);
}

void
dc_import_table_problem_at (DcImportTable *it, guint row, int column, const char *message)
{
  gboolean defaulted = row == it->visiting && column >= 0 && (guint) column < it->took->len &&
                       g_array_index (it->took, gboolean, column);
  if (defaulted) {
    /* A default's value is wrong in every row that took it: told once. */
    char *key = g_strdup_printf ("%d\n%s", column, message);
    if (!g_hash_table_add (it->told, key))
      return;
    g_autofree char *where = dc_import_table_where_at (it, row, column);
    const char *field = g_ptr_array_index (it->header->fields, column);
    if ((guint) column >= it->n_columns)
      g_ptr_array_add (it->problems, g_strdup_printf (_ ("%s: %s (every row that took it)"), where, message));
    else
      g_ptr_array_add (it->problems, g_strdup_printf (_ ("%s, --default %s: %s (every row that took it)"),
                                                      where, field, message));
    return;
  }
  g_autofree char *where = dc_import_table_where_at (it, row, column);
  g_ptr_array_add (it->problems, g_strdup_printf ("%s: %s", where, message));
}

void
dc_import_table_problem (DcImportTable *it, guint row, const char *field, const char *message)
{
  dc_import_table_problem_at (it, row, field ? dc_header_column (it->header, field) : -1, message);
}

gboolean
dc_import_finish (DcStore *store, const char *path, gboolean ok, gboolean dry_run,
                  GPtrArray *problems, guint conflicts, GError **error)
{
  /* A lost transaction (the disk full) is the cause of the problems the rows
   * met after it: the error names that cause, and they are no news. */
  if (ok && !dc_store_check (store, error)) {
    dc_store_rollback (store);
    g_ptr_array_set_size (problems, 0);
    return FALSE;
  }
  if (ok && problems->len == 0 && !dry_run)
    return dc_store_commit (store, error);
  dc_store_rollback (store);
  if (!ok || problems->len == 0)
    return ok;   /* a database error, or a dry run */
  g_set_error (error, DC_INPUT_ERROR, conflicts == problems->len ? DC_ERROR_CONFLICT : DC_ERROR_INVALID,
               dc_ngettext ("%s: %u problem; nothing was imported", "%s: %u problems; nothing was imported",
                            problems->len), path, problems->len);
  return FALSE;
}
