/* dc-temp: temporary files beside their target, and the removal of those an
 * interrupted run left (only ours, only of processes no longer running). */
#include "testlib.h"

#include <sys/wait.h>
#include <unistd.h>

static GPtrArray *notices;

static void
collect (const char *message)
{
  g_ptr_array_add (notices, g_strdup (message));
}

/* The PID of a process that has ended. */
static pid_t
dead_pid (void)
{
  pid_t pid = fork ();
  if (pid == 0)
    _exit (0);
  waitpid (pid, NULL, 0);
  return pid;
}

static void
touch (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

static gboolean
exists (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_create_names_it_for_the_next_run (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *target = g_build_filename (dir, "ledger.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *temp = dc_temp_create (target, &error);
  g_assert_no_error (error);
  g_autofree char *base = g_path_get_basename (temp);
  g_autofree char *prefix = g_strdup_printf (".ledger.xlsx.daicho-tmp.%ld.", (long) getpid ());
  CU_ASSERT_TRUE (g_str_has_prefix (base, prefix));
  CU_ASSERT_EQUAL (strlen (base), strlen (prefix) + 6);
  GStatBuf st;
  CU_ASSERT_EQUAL (g_stat (temp, &st), 0);
  CU_ASSERT_EQUAL (st.st_mode & 0777, 0600);
  /* A run still going keeps its file. */
  dc_temp_clean (dir);
  CU_ASSERT_TRUE (g_file_test (temp, G_FILE_TEST_EXISTS));
  test_rmdir (dir);
}

static void
test_clean_removes_only_stale_ones_of_ours (void)
{
  g_autofree char *dir = test_tmpdir ();
  long dead = dead_pid ();
  g_autofree char *stale = g_strdup_printf (".r.db.daicho-tmp.%ld.aB3dE6", dead);
  g_autofree char *stale_wal = g_strdup_printf (".r.db.daicho-tmp.%ld.aB3dE6-wal", dead);
  g_autofree char *live = g_strdup_printf (".r.db.daicho-tmp.%ld.aB3dE6", (long) getppid ());
  g_autofree char *short_random = g_strdup_printf (".r.db.daicho-tmp.%ld.aB3", dead);
  g_autofree char *no_dot = g_strdup_printf ("r.db.daicho-tmp.%ld.aB3dE6", dead);
  g_autofree char *other_suffix = g_strdup_printf (".r.db.daicho-tmp.%ld.aB3dE6.bak", dead);
  g_autofree char *folder = g_strdup_printf ("daicho-restore-test.%ld.aB3dE6", dead);
  const char *files[] = { stale, stale_wal, live, short_random, no_dot, other_suffix,
                          ".r.db.tmp-aB3dE6", ".daicho-tmp.1.aB3dE6" };
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    touch (dir, files[i]);
  g_autofree char *folder_path = g_build_filename (dir, folder, NULL);
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  touch (folder_path, "register.db");
  notices = g_ptr_array_new_with_free_func (g_free);
  dc_temp_set_notice (collect);
  dc_temp_clean (dir);
  dc_temp_set_notice (NULL);
  CU_ASSERT_FALSE (exists (dir, stale));
  CU_ASSERT_FALSE (exists (dir, stale_wal));
  CU_ASSERT_FALSE (exists (dir, folder));
  for (gsize i = 2; i < G_N_ELEMENTS (files); i++)
    CU_ASSERT_TRUE (exists (dir, files[i]));
  CU_ASSERT_EQUAL (notices->len, 3);
  for (guint i = 0; i < notices->len; i++)
    CU_ASSERT_TRUE (g_str_has_prefix (g_ptr_array_index (notices, i),
                                      "removed a half-written file left by an interrupted run: "));
  g_ptr_array_unref (notices);
  test_rmdir (dir);
}

static void
test_resolve_links_follows_to_the_file (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *real = g_build_filename (dir, "real.db", NULL);
  g_autofree char *link1 = g_build_filename (dir, "one.db", NULL);
  g_autofree char *link2 = g_build_filename (dir, "two.db", NULL);
  g_assert_cmpint (symlink ("real.db", link1), ==, 0);  /* relative, to a file not there yet */
  g_assert_cmpint (symlink (link1, link2), ==, 0);
  g_autofree char *resolved = dc_file_resolve_links (link2);
  CU_ASSERT_STRING_EQUAL (resolved, real);
  g_autofree char *plain = dc_file_resolve_links (real);
  CU_ASSERT_STRING_EQUAL (plain, real);
  test_rmdir (dir);
}

TEST_MAIN ("temp",
           { "a temporary file carries its PID and is private [SEC-OUTPUT-02]", test_create_names_it_for_the_next_run },
           { "only stale temporary files of ours are removed [SEC-FAULT-01]", test_clean_removes_only_stale_ones_of_ours },
           { "links are followed to the file they name", test_resolve_links_follows_to_the_file })
