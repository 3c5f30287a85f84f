#include "import/dc-header.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "base/dc-matchkey.h"

#include <stdlib.h>
#include <string.h>

/* How far down a title block may push the header. */
#define SCAN_ROWS 30

void
dc_header_free (DcHeader *header)
{
  if (!header)
    return;
  g_clear_pointer (&header->fields, g_ptr_array_unref);
  g_clear_pointer (&header->headers, g_ptr_array_unref);
  g_clear_pointer (&header->rows, g_ptr_array_unref);
  g_clear_pointer (&header->row_numbers, g_array_unref);
  g_free (header);
}

/* Header text as compared: NFKC, case folded, without spaces, ・ and the
 * brackets people put around units: "閲覧・更新 制限" ~ "閲覧更新制限". */
static char *
header_key (const char *text)
{
  g_autofree char *key = dc_match_key (text, DC_MATCH_NFKC | DC_MATCH_TRIM | DC_MATCH_CASEFOLD);
  GString *out = g_string_new (NULL);
  for (const char *p = key; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if (g_unichar_isspace (c) || c == 0x30FB || c == 0xFF65 || c == '_' || c == '.')
      continue;
    g_string_append_unichar (out, c);
  }
  return g_string_free (out, FALSE);
}

/* The header texts that name a field, as compared (header_key → field):
 * built once per search, so that a row of thousands of cells costs one
 * lookup a cell. The mapping file's texts come first; a field it maps is
 * found only there; among synonyms, the first field listed wins. */
static GHashTable *
vocabulary_new (const DcHeaderSynonyms *synonyms, GHashTable *map)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (map) {
    GHashTableIter iter;
    gpointer field, wanted;
    g_hash_table_iter_init (&iter, map);
    while (g_hash_table_iter_next (&iter, &field, &wanted)) {
      if (g_str_equal (field, "header_row") || g_str_equal (field, "sheet"))
        continue;
      g_hash_table_insert (words, header_key (wanted), field);
    }
  }
  for (const DcHeaderSynonyms *s = synonyms; s->field; s++) {
    if (map && g_hash_table_contains (map, s->field))
      continue;  /* the map decides where this field is */
    g_auto (GStrv) list = g_strsplit (s->synonyms, "|", -1);
    for (char **word = list; *word; word++) {
      char *key = header_key (*word);
      if (g_hash_table_contains (words, key))
        g_free (key);
      else
        g_hash_table_insert (words, key, (gpointer) s->field);
    }
  }
  return words;
}

/* The field whose synonyms include TEXT, or NULL. */
static const char *
field_for (GHashTable *vocabulary, const char *text)
{
  if (!text || !*text)
    return NULL;
  g_autofree char *key = header_key (text);
  return g_hash_table_lookup (vocabulary, key);
}

static const char *
cell_text (GPtrArray *row, guint column)
{
  if (!row || column >= row->len)
    return "";
  const DcCell *cell = g_ptr_array_index (row, column);
  return cell && cell->text ? cell->text : "";
}

/* The headers of row INDEX (0-based in ROWS): each cell's text, or for an
 * empty cell inside a merged range, the text at the range's top left (a
 * header merged down over two rows, or a group cell across columns). */
static GPtrArray *
headers_of (GPtrArray *rows, GArray *numbers, guint index, GArray *merges)
{
  GPtrArray *row = g_ptr_array_index (rows, index);
  guint row_number = g_array_index (numbers, guint, index);
  guint width = row->len;
  for (guint m = 0; m < merges->len; m++) {
    const DcCellRange *r = &g_array_index (merges, DcCellRange, m);
    if (r->first_row <= row_number && row_number <= r->last_row)
      width = MAX (width, r->last_col + 1);
  }
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < width; c++) {
    const char *text = cell_text (row, c);
    for (guint m = 0; !*text && m < merges->len; m++) {
      const DcCellRange *r = &g_array_index (merges, DcCellRange, m);
      if (r->first_row <= row_number && row_number <= r->last_row && r->first_col <= c &&
          c <= r->last_col) {
        for (guint i = 0; i < rows->len; i++)
          if (g_array_index (numbers, guint, i) == r->first_row)
            text = cell_text (g_ptr_array_index (rows, i), r->first_col);
      }
    }
    g_ptr_array_add (headers, g_strdup (text));
  }
  return headers;
}

/* Fields named by HEADERS, per column; the count of distinct fields found. */
static GPtrArray *
fields_of (GPtrArray *headers, GHashTable *vocabulary, guint *found, GPtrArray *group_row)
{
  GPtrArray *fields = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; c < headers->len; c++) {
    const char *field = field_for (vocabulary, g_ptr_array_index (headers, c));
    /* Under a group cell ("評価値" over "C"), try "評価値C" too. */
    if (!field && group_row && c < group_row->len) {
      g_autofree char *joined = g_strconcat (g_ptr_array_index (group_row, c),
                                             g_ptr_array_index (headers, c), NULL);
      field = field_for (vocabulary, joined);
    }
    if (field && g_hash_table_contains (seen, field))
      field = NULL;  /* the first column of that name wins */
    if (field)
      g_hash_table_add (seen, (gpointer) field);
    g_ptr_array_add (fields, (gpointer) field);
  }
  *found = g_hash_table_size (seen);
  return fields;
}

/* Every cell that says something names a field. */
static gboolean
only_fields (GPtrArray *headers, GPtrArray *fields)
{
  for (guint c = 0; c < headers->len; c++)
    if (*(const char *) g_ptr_array_index (headers, c) && !g_ptr_array_index (fields, c))
      return FALSE;
  return TRUE;
}

static gboolean
has_required (GPtrArray *fields, const char *const *required)
{
  for (guint c = 0; c < fields->len; c++)
    for (const char *const *r = required; *r; r++)
      if (g_strcmp0 (g_ptr_array_index (fields, c), *r) == 0)
        return TRUE;
  return FALSE;
}

static void
free_row (gpointer row)
{
  g_ptr_array_unref (row);
}

/* Copies a row of the table (its cells are the table's until the next row). */
static GPtrArray *
copy_row (GPtrArray *cells)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_cell_free);
  for (guint i = 0; i < cells->len; i++) {
    const DcCell *cell = g_ptr_array_index (cells, i);
    g_ptr_array_add (copy, dc_cell_new (cell->type, g_strdup (cell->text), cell->number));
  }
  return copy;
}

/* A mapping file may name only fields (and the options header_row, sheet). */
static gboolean
check_map (const DcHeaderSynonyms *synonyms, GHashTable *map, GError **error)
{
  GHashTableIter iter;
  gpointer key, value;
  if (!map)
    return TRUE;
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    gboolean known = g_str_equal (key, "header_row") || g_str_equal (key, "sheet");
    for (const DcHeaderSynonyms *s = synonyms; !known && s->field; s++)
      known = g_str_equal (s->field, key);
    if (g_str_equal (key, "header_row") && atoi (value) <= 0)
      known = FALSE;
    if (!known) {
      g_autoptr (GString) fields = g_string_new (NULL);
      for (const DcHeaderSynonyms *s = synonyms; s->field; s++)
        g_string_append_printf (fields, "%s%s", fields->len ? ", " : "", s->field);
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                   _ ("the mapping file names '%s = %s', which daicho does not know; [columns] "
                   "takes %s; [options] takes header_row (a row number) and sheet"),
                   (const char *) key, (const char *) value, fields->str);
      return FALSE;
    }
  }
  return TRUE;
}

DcHeader *
dc_header_detect (DcTable *table, const DcHeaderSynonyms *synonyms, const char *const *required,
                  GHashTable *map, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  g_autoptr (GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *cells;
  guint number;
  GError *local = NULL;
  while (rows->len < SCAN_ROWS && dc_table_next_row (table, &cells, &number, &local)) {
    g_ptr_array_add (rows, copy_row (cells));
    g_array_append_val (numbers, number);
  }
  if (local) {
    g_propagate_error (error, local);
    return NULL;
  }
  GArray *merges = dc_table_merges (table);
  if (!check_map (synonyms, map, error))
    return NULL;
  const char *forced = map ? g_hash_table_lookup (map, "header_row") : NULL;
  guint forced_row = forced ? (guint) atoi (forced) : 0;

  g_autoptr (GHashTable) vocabulary = vocabulary_new (synonyms, map);
  gint best = -1;
  guint best_found = 0;
  g_autoptr (GPtrArray) best_fields = NULL, best_headers = NULL;
  for (guint i = 0; i < rows->len; i++) {
    if (forced_row && g_array_index (numbers, guint, i) != forced_row)
      continue;
    g_autoptr (GPtrArray) headers = headers_of (rows, numbers, i, merges);
    g_autoptr (GPtrArray) group = i > 0 ? headers_of (rows, numbers, i - 1, merges) : NULL;
    guint found = 0;
    g_autoptr (GPtrArray) fields = fields_of (headers, vocabulary, &found, group);
    /* Two known headers make a header row; so does one alone in its row (an
     * ID list with a single column). */
    gboolean enough = found >= 2 || (found == 1 && only_fields (headers, fields));
    if ((found > best_found && enough && has_required (fields, required)) || forced_row) {
      best = (gint) i;
      best_found = found;
      g_clear_pointer (&best_fields, g_ptr_array_unref);
      g_clear_pointer (&best_headers, g_ptr_array_unref);
      best_fields = g_steal_pointer (&fields);
      best_headers = g_steal_pointer (&headers);
    }
  }
  if (best < 0) {
    g_autoptr (GString) known = g_string_new (NULL);
    for (const DcHeaderSynonyms *s = synonyms; s->field && known->len < 400; s++) {
      g_auto (GStrv) words = g_strsplit (s->synonyms, "|", 2);
      g_string_append_printf (known, "%s%s", known->len ? ", " : "", words[0]);
    }
    g_autofree char *where = dc_table_location (table, forced_row ? forced_row : 1, 0, NULL);
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s: no header row found in the first %u rows%s; the headers daicho knows "
                 "include %s — rename the columns or give a mapping file with --map"),
                 where, rows->len, forced_row ? _ (" (at the header_row of the mapping file)") : "",
                 known->str);
    return NULL;
  }

  DcHeader *header = g_new0 (DcHeader, 1);
  header->header_row = g_array_index (numbers, guint, best);
  header->fields = g_steal_pointer (&best_fields);
  header->headers = g_steal_pointer (&best_headers);
  /* Data starts below the header and below a header cell merged downwards
   * (at most three rows tall, in a column that names a field): a memo box
   * merged down the side must not swallow data rows. */
  guint data_row = header->header_row + 1;
  for (guint m = 0; m < merges->len; m++) {
    const DcCellRange *r = &g_array_index (merges, DcCellRange, m);
    gboolean field_column = r->first_col < header->fields->len &&
                            g_ptr_array_index (header->fields, r->first_col) != NULL;
    if (field_column && r->first_row + 1 >= header->header_row &&
        r->first_row <= header->header_row && r->last_row >= header->header_row &&
        r->last_row - r->first_row <= 2)
      data_row = MAX (data_row, r->last_row + 1);
  }
  header->first_data_row = data_row;
  header->rows = g_ptr_array_new_with_free_func (free_row);
  header->row_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < rows->len; i++) {
    guint n = g_array_index (numbers, guint, i);
    if (n >= data_row) {
      g_ptr_array_add (header->rows, g_ptr_array_ref (g_ptr_array_index (rows, i)));
      g_array_append_val (header->row_numbers, n);
    }
  }
  return header;
}

int
dc_header_column (const DcHeader *header, const char *field)
{
  for (guint c = 0; c < header->fields->len; c++)
    if (g_strcmp0 (g_ptr_array_index (header->fields, c), field) == 0)
      return (int) c;
  return -1;
}

GHashTable *
dc_header_read_map (const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s: not a mapping file (%s); write [columns] field = header"), path,
                 local->message);
    return NULL;
  }
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *groups[] = { "columns", "options" };
  for (gsize g = 0; g < G_N_ELEMENTS (groups); g++) {
    g_auto (GStrv) keys = g_key_file_get_keys (file, groups[g], NULL, NULL);
    for (char **key = keys; key && *key; key++)
      g_hash_table_insert (map, g_strdup (*key),
                           g_key_file_get_string (file, groups[g], *key, NULL));
  }
  return map;
}
