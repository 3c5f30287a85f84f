/* dc-import-table: what every import shares. */
#include "testlib.h"

static const DcHeaderSynonyms synonyms[] = {
  { "code", "コード|Code" }, { "name", "名称|Name" }, { "section", "所属" }, { NULL, NULL }
};
static const char *const required[] = { "code", NULL };

typedef struct {
  GPtrArray *seen;   /* "row: code/name/section" */
} Seen;

static void
remember (DcImportTable *table, const DcImportRow *row, gpointer data)
{
  Seen *seen = data;
  g_autofree char *code = dc_import_row_field (table, row, "code", TRUE);
  g_autofree char *name = dc_import_row_field (table, row, "name", FALSE);
  g_autofree char *section = dc_import_row_field (table, row, "section", TRUE);
  g_ptr_array_add (seen->seen, g_strdup_printf ("%u:%s/%s/%s", row->number, code, name, section));
}

static char *
read_all (const char *path, gboolean literal, GPtrArray *problems)
{
  g_autoptr (GError) error = NULL;
  DcImportSource source = { .literal = literal };
  g_autoptr (DcImportTable) table = dc_import_table_open (path, &source, synonyms, required, problems, &error);
  g_assert_no_error (error);
  Seen seen = { g_ptr_array_new_with_free_func (g_free) };
  g_assert_true (dc_import_table_foreach (table, remember, &seen, &error));
  dc_import_table_problem (table, 3, "name", "a problem");
  dc_import_table_problem (table, 4, NULL, "a row problem");
  g_ptr_array_add (seen.seen, NULL);
  char *all = g_strjoinv (" ", (char **) seen.seen->pdata);
  g_ptr_array_unref (seen.seen);
  return all;
}

static void
test_rows_guard_and_places (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.csv", NULL);
  /* A title, the header, a row daicho's export guarded, an empty row, a row of spaces. */
  g_assert_true (g_file_set_contents (path, "一覧\nコード,名称,所属\n A1 ,'=x,総務\n,,\n　, ,\nA2,b,\n", -1, NULL));
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ours = read_all (path, FALSE, problems);
  CU_ASSERT_STRING_EQUAL (ours, "3:A1/=x/総務 6:A2/b/");
  g_autofree char *theirs = read_all (path, TRUE, problems);
  CU_ASSERT_STRING_EQUAL (theirs, "3:A1/'=x/総務 6:A2/b/");   /* another system's text as it is */
  CU_ASSERT_STRING_EQUAL (problems->pdata[0], "t.csv, row 3, column B (名称): a problem");
  CU_ASSERT_STRING_EQUAL (problems->pdata[1], "t.csv, row 4: a row problem");
  test_rmdir (dir);
}

static void
test_one_column_list_and_option_misuse (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ids.csv", NULL);
  g_assert_true (g_file_set_contents (path, "Code\nx\ny\n", -1, NULL));
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *all = read_all (path, TRUE, problems);
  CU_ASSERT_STRING_EQUAL (all, "2:x// 3:y//");   /* a header of one known column */
  g_autoptr (GError) error = NULL;
  DcImportSource sheet = { .sheet = "Sheet1" };
  g_autoptr (DcImportTable) none = dc_import_table_open (path, &sheet, synonyms, required, problems, &error);
  CU_ASSERT_TRUE (!none && error && strstr (error->message, "--sheet applies only to xlsx files"));
  /* A title alone is not a header. */
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "一覧表\nx\n", -1, NULL));
  DcImportSource plain = { 0 };
  g_autoptr (DcImportTable) untitled = dc_import_table_open (path, &plain, synonyms, required, problems, &error);
  CU_ASSERT_TRUE (!untitled && error && strstr (error->message, "no header row found"));
  test_rmdir (dir);
}

static void
test_defaults_fill_empty_cells_and_missing_columns (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "d.csv", NULL);
  /* No 所属 column; a name left empty; a row of totals stays passed over. */
  g_assert_true (g_file_set_contents (path, "コード,名称\nA1,a\nA2,\n合計,2\n", -1, NULL));
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) defaults = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (defaults, "section", "総務課");
  g_hash_table_insert (defaults, "name", "(名称なし)");
  DcImportSource source = { .defaults = defaults };
  g_autoptr (GError) error = NULL;
  g_autoptr (DcImportTable) table = dc_import_table_open (path, &source, synonyms, required, problems, &error);
  g_assert_no_error (error);
  CU_ASSERT_FALSE (dc_import_table_has_column (table, "section"));
  CU_ASSERT_TRUE (dc_import_table_has_column (table, "name"));
  Seen seen = { g_ptr_array_new_with_free_func (g_free) };
  g_assert_true (dc_import_table_foreach (table, remember, &seen, &error));
  g_ptr_array_add (seen.seen, NULL);
  g_autofree char *all = g_strjoinv (" ", (char **) seen.seen->pdata);
  g_ptr_array_unref (seen.seen);
  CU_ASSERT_STRING_EQUAL (all, "2:A1/a/総務課 3:A2/(名称なし)/総務課");
  g_autoptr (GPtrArray) used = dc_import_table_defaults_used (table);
  CU_ASSERT_EQUAL (used->len, 2);
  CU_ASSERT_STRING_EQUAL (used->pdata[0], "name: 1 row took --default name=(名称なし)");
  CU_ASSERT_STRING_EQUAL (used->pdata[1], "section: 2 rows took --default section=総務課");
  g_autoptr (GPtrArray) ignored = dc_import_table_ignored (table);
  CU_ASSERT_EQUAL (ignored->len, 0);
  /* A problem in a default's column names the row and the option. */
  dc_import_table_problem (table, 3, "section", "no such section");
  CU_ASSERT_STRING_EQUAL (problems->pdata[0], "d.csv, row 3 (--default section): no such section (every row that took it)");
  /* A field the import does not know is refused. */
  g_hash_table_insert (defaults, "colour", "red");
  g_autoptr (DcImportTable) refused = dc_import_table_open (path, &source, synonyms, required, problems, &error);
  CU_ASSERT_TRUE (!refused && error && strstr (error->message, "--default colour=red"));
  test_rmdir (dir);
}

TEST_MAIN ("import-table",
           { "--default: empty cells and missing columns", test_defaults_fill_empty_cells_and_missing_columns },
           { "data rows, the CSV guard, places of problems", test_rows_guard_and_places },
           { "a one-column list; options for the wrong kind of file", test_one_column_list_and_option_misuse })
