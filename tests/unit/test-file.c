#include "testlib.h"
#include "readers.h"

#include <sys/stat.h>

/* A regular file is read whole and hashed. */
static void
test_regular_file (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.csv", NULL);
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (path, "abc", 3, NULL));
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  CU_ASSERT_TRUE (dc_file_check_regular (path, &error));
  CU_ASSERT_TRUE_FATAL (dc_file_read (path, &data, &length, &error));
  CU_ASSERT_EQUAL (length, 3);
  CU_ASSERT_STRING_EQUAL (data, "abc");
  g_autofree char *sum = dc_file_sha256 (path, &error);
  CU_ASSERT_STRING_EQUAL (sum, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_autofree char *empty = g_build_filename (dir, "empty.csv", NULL);
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (empty, "", 0, NULL));
  g_clear_pointer (&data, g_free);
  CU_ASSERT_TRUE (dc_file_read (empty, &data, &length, &error));
  CU_ASSERT_EQUAL (length, 0);
  CU_ASSERT_STRING_EQUAL (data, "");
  g_clear_pointer (&data, g_free);
  CU_ASSERT_FALSE (dc_file_read ("/nonexistent/x.csv", &data, &length, &error));
  CU_ASSERT_TRUE (error_says (error, DC_INPUT_ERROR, DC_ERROR_IO, "/nonexistent/x.csv", NULL));
}

/* A device never ends, a pipe waits for a writer, a directory is no file:
 * each is refused at once, naming what it is. */
static void
test_special_files_refused (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  CU_ASSERT_TRUE_FATAL (mkfifo (fifo, 0600) == 0);
  const struct { const char *path, *what; } cases[] = {
    { "/dev/zero", "a device" }, { fifo, "a pipe" }, { dir, "a directory" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *data = NULL;
    gsize length = 0;
    CU_ASSERT_FALSE (dc_file_check_regular (cases[i].path, &error));
    CU_ASSERT_TRUE (error_says (error, DC_INPUT_ERROR, DC_ERROR_INVALID, cases[i].path, cases[i].what, NULL));
    g_clear_error (&error);
    CU_ASSERT_FALSE (dc_file_read (cases[i].path, &data, &length, &error));
    CU_ASSERT_TRUE (error_says (error, DC_INPUT_ERROR, DC_ERROR_INVALID, cases[i].path, cases[i].what, NULL));
    g_clear_error (&error);
    g_autofree char *sum = dc_file_sha256 (cases[i].path, &error);
    CU_ASSERT_PTR_NULL (sum);
    CU_ASSERT_TRUE (error_says (error, DC_INPUT_ERROR, DC_ERROR_INVALID, cases[i].path, cases[i].what, NULL));
  }
  g_unlink (fifo);
}

TEST_MAIN ("file",
           { "a regular file is read and hashed", test_regular_file },
           { "devices, pipes and directories are refused [SEC-INPUT-05]", test_special_files_refused })
