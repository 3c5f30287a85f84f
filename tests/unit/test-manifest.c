#include "testlib.h"

static void
put (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (path, text, -1, NULL));
}

static void
test_write_read_check (void)
{
  g_autofree char *dir = test_tmpdir ();
  put (dir, "台帳.xlsx", "one");
  put (dir, "b.txt", "two");
  g_autoptr (DcManifest) m = dc_manifest_new ();
  dc_manifest_set (m, "format", "x 1");
  dc_manifest_set (m, "history_hash", "abc");
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_manifest_add_file (m, dir, "台帳.xlsx", &error));
  CU_ASSERT_TRUE_FATAL (dc_manifest_add_file (m, dir, "b.txt", &error));
  g_autofree char *text = dc_manifest_text (m);
  /* sha256sum's form: the hash, two spaces, the name. */
  CU_ASSERT_STRING_EQUAL (text, "# format: x 1\n# history_hash: abc\n"
                          "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed  台帳.xlsx\n"
                          "3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3  b.txt\n");
  put (dir, DC_MANIFEST_NAME, text);

  g_autoptr (DcManifest) read = dc_manifest_read (dir, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (read);
  CU_ASSERT_STRING_EQUAL (dc_manifest_get (read, "history_hash"), "abc");
  CU_ASSERT_EQUAL (read->names->len, 2);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  CU_ASSERT_TRUE (dc_manifest_check (read, dir, problems, &error));
  CU_ASSERT_EQUAL (problems->len, 0);

  put (dir, "b.txt", "twO");
  put (dir, "c.txt", "new");
  g_autofree char *gone = g_build_filename (dir, "台帳.xlsx", NULL);
  g_unlink (gone);
  CU_ASSERT_FALSE (dc_manifest_check (read, dir, problems, &error));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL_FATAL (problems->len, 3);
  CU_ASSERT_STRING_EQUAL (g_ptr_array_index (problems, 0), "missing: 台帳.xlsx");
  CU_ASSERT_PTR_NOT_NULL (strstr (g_ptr_array_index (problems, 1), "changed: b.txt"));
  CU_ASSERT_STRING_EQUAL (g_ptr_array_index (problems, 2), "not in the manifest: c.txt");
  test_rmdir (dir);
}

/* Names that leave the directory, or lines of another form, are refused. */
static void
test_bad_lines_refused (void)
{
  g_autofree char *dir = test_tmpdir ();
  const char *bad[] = {
    "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed  ../etc/passwd\n",
    "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed  ..\n",
    "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431e  a.txt\n",
    "7692C3AD3540BB803C020B3AEE66CD8887123234EA0C6E7143C0ADD73FF431ED  a.txt\n",
    "# ok: 1\nhello\n",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    put (dir, DC_MANIFEST_NAME, bad[i]);
    g_autoptr (GError) error = NULL;
    g_autoptr (DcManifest) m = dc_manifest_read (dir, &error);
    CU_ASSERT_PTR_NULL (m);
    CU_ASSERT_TRUE (error && error->code == DC_ERROR_INVALID && strstr (error->message, "line "));
  }
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (dir, "nothing", NULL);
  CU_ASSERT_PTR_NULL (dc_manifest_read (missing, &error));
  g_assert_error (error, DC_INPUT_ERROR, DC_ERROR_IO);
  test_rmdir (dir);
}

TEST_MAIN ("manifest",
           { "written, read back and checked [SEC-TAMPER-06]", test_write_read_check },
           { "bad lines and names are refused", test_bad_lines_refused })
