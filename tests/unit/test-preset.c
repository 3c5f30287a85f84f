/* dc-preset and dc-file: built-in data files, and file hashes. */
#include "testlib.h"

static void
test_presets (void)
{
  g_auto (GStrv) schemes = dc_preset_names ("schemes");
  g_autofree char *joined = g_strjoinv (",", schemes);
  CU_ASSERT_STRING_EQUAL (joined, "chitose,ipa,soumu");
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = dc_preset_read ("profiles", "generic", "profile", &length, &error);
  CU_ASSERT_TRUE (text && length == strlen (text) && strstr (text, "name = generic"));
  g_autofree char *missing = dc_preset_read ("profiles", "nope", "profile", &length, &error);
  CU_ASSERT_TRUE (!missing && error && strstr (error->message, "profile 'nope' is neither built in (ad-csvde"));
  g_clear_error (&error);
  /* A path is a file even when its name is a preset's. */
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "generic", NULL);
  g_assert_true (g_file_set_contents (path, "mine", -1, NULL));
  g_autofree char *mine = dc_preset_read ("profiles", path, "profile", &length, &error);
  CU_ASSERT_STRING_EQUAL (mine, "mine");
  test_rmdir (dir);
}

static void
test_file_hash (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "f", NULL);
  g_assert_true (g_file_set_contents (path, "abc", -1, NULL));
  g_autoptr (GError) error = NULL;
  g_autofree char *sha = dc_file_sha256 (path, &error);
  CU_ASSERT_STRING_EQUAL (sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_autofree char *none = dc_file_sha256 ("/no/such/file", &error);
  CU_ASSERT_TRUE (!none && g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_IO));
  test_rmdir (dir);
}

TEST_MAIN ("preset",
           { "built-in files and files of one's own", test_presets },
           { "SHA-256 of a file", test_file_hash })
