/* Whole-table reads for the CSV and xlsx suites. */
#pragma once
#include "readers.h"

/* Every row of a table as "ROW: type<text> type<text> ..." lines (types
 * e s n b d), for exact comparison. */
static inline char *
table_dump (DcTable *table, GError **error)
{
  static const char types[] = "esnbd";
  GString *out = g_string_new (NULL);
  GPtrArray *cells;
  guint row;
  while (dc_table_next_row (table, &cells, &row, error)) {
    g_string_append_printf (out, "%u:", row);
    for (guint i = 0; i < cells->len; i++) {
      DcCell *cell = cells->pdata[i];
      g_string_append_printf (out, " %c<%s>", types[cell->type], cell->text);
    }
    g_string_append_c (out, '\n');
  }
  return g_string_free (out, FALSE);
}

static inline char *
dump_file (const char *name, const DcTableOptions *options)
{
  g_autofree char *path = fixture (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcTable) table = dc_table_open (path, options, &error);
  g_assert_no_error (error);
  char *dump = table_dump (table, &error);
  g_assert_no_error (error);
  return dump;
}

#define ASSERT_DUMP(name, options, expected)                       \
  do {                                                             \
    g_autofree char *dump_ = dump_file (name, options);            \
    if (strcmp (dump_, expected) != 0)                             \
      fprintf (stderr, "%s:\n%s\nexpected:\n%s\n", name, dump_, expected); \
    CU_ASSERT_STRING_EQUAL (dump_, expected);                      \
  } while (0)
