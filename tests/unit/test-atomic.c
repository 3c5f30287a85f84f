/* dc-atomic: a file replaced whole or not at all, private, with no
 * temporary file left behind either way. */
#include "testlib.h"
#include "base/dc-atomic.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

/* The names in DIR, sorted and joined with spaces. */
static char *
names_in (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  for (const char *n; d && (n = g_dir_read_name (d));)
    g_ptr_array_add (names, g_strdup (n));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
contents (const char *path)
{
  char *text = NULL;
  return g_file_get_contents (path, &text, NULL, NULL) ? text : g_strdup ("(none)");
}

static void
test_commit_replaces_the_file_privately (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "台帳.csv", NULL);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  GError *error = NULL;
  DcAtomic *atomic = dc_atomic_begin (path, TRUE, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (atomic);
  fputs ("new", atomic->file);
  /* While it is written, the old file is whole and the new one has its own name. */
  g_autofree char *during = contents (path);
  CU_ASSERT_STRING_EQUAL (during, "old");
  CU_ASSERT_TRUE (dc_atomic_commit (atomic, &error));
  g_assert_no_error (error);
  g_autofree char *after = contents (path);
  CU_ASSERT_STRING_EQUAL (after, "new");
  struct stat st;
  CU_ASSERT_EQUAL (g_stat (path, &st), 0);
  CU_ASSERT_EQUAL (st.st_mode & 0777, 0600);
  g_autofree char *left = names_in (dir);
  CU_ASSERT_STRING_EQUAL (left, "台帳.csv");
  test_rmdir (dir);
}

static void
test_abort_keeps_the_old_file (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.xlsx", NULL);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  {
    g_autoptr (DcAtomic) atomic = dc_atomic_begin (path, TRUE, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL (atomic);
    fputs ("half", atomic->file);
  }  /* dropped without a commit, as on an error */
  g_autofree char *after = contents (path);
  CU_ASSERT_STRING_EQUAL (after, "old");
  g_autofree char *left = names_in (dir);
  CU_ASSERT_STRING_EQUAL (left, "out.xlsx");
  test_rmdir (dir);
}

static void
test_rename_moves_a_file_written_elsewhere (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "backup.db", NULL);
  DcAtomic *atomic = dc_atomic_begin (path, FALSE, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (atomic);
  g_assert_true (g_file_set_contents (atomic->temp_path, "copy", -1, NULL));  /* as SQLite would */
  CU_ASSERT_TRUE (dc_atomic_commit (atomic, NULL));
  g_autofree char *after = contents (path);
  CU_ASSERT_STRING_EQUAL (after, "copy");
  /* Renaming a temporary file that is not there fails and names the target. */
  g_autofree char *missing = g_build_filename (dir, ".gone", NULL);
  GError *error = NULL;
  CU_ASSERT_FALSE (dc_atomic_rename (missing, path, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_IO));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "backup.db") : NULL);
  g_clear_error (&error);
  test_rmdir (dir);
}

static void
test_begin_fails_where_nothing_can_be_written (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "x.csv", NULL);
  GError *error = NULL;
  CU_ASSERT_PTR_NULL (dc_atomic_begin (path, TRUE, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_IO));
  g_clear_error (&error);
  test_rmdir (dir);
}

TEST_MAIN ("atomic",
           { "a commit replaces the file whole, mode 0600, nothing left [SEC-OUTPUT-01 SEC-OUTPUT-02]", test_commit_replaces_the_file_privately },
           { "an abort keeps the old file [SEC-OUTPUT-01]", test_abort_keeps_the_old_file },
           { "a file written elsewhere is renamed into place", test_rename_moves_a_file_written_elsewhere },
           { "nothing is begun where nothing can be written", test_begin_fails_where_nothing_can_be_written })
