/* dc-keyfile: reading key files with errors that name the file, the group
 * and the key. */
#include "testlib.h"
#include "base/dc-keyfile.h"
#include <string.h>

static void
test_key_reader (void)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  static const char text[] = "[g]\nname =  spaced  \nempty =\nlist = a; ;b ;c;\nodd = 1\n";
  g_assert_true (g_key_file_load_from_data (file, text, strlen (text), G_KEY_FILE_NONE, NULL));
  g_autoptr (GError) error = NULL;
  DcKeyReader reader = { file, "f.ini", DC_RISK_ERROR, &error };
  g_autofree char *name = dc_key_get (&reader, "g", "name");
  CU_ASSERT_STRING_EQUAL (name, "spaced");
  g_autofree char *absent = dc_key_get (&reader, "g", "nope");
  CU_ASSERT_PTR_NULL (absent);
  g_autofree char *optional = dc_key_optional (&reader, "g", "nope");
  CU_ASSERT_STRING_EQUAL (optional, "");
  g_autofree char *empty = dc_key_required (&reader, "g", "empty");
  CU_ASSERT_PTR_NULL (empty);
  CU_ASSERT_STRING_EQUAL (error ? error->message : "", "f.ini: [g] needs a non-empty 'empty'");
  g_clear_error (&error);
  g_autofree char *list = dc_key_required (&reader, "g", "list");
  g_auto (GStrv) items = dc_key_split (list);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (items), 3);
  CU_ASSERT_STRING_EQUAL (items[2], "c");
  static const char *const keys[] = { "name", "empty", "list", NULL };
  CU_ASSERT_FALSE (dc_key_only (&reader, "g", keys));
  CU_ASSERT_STRING_EQUAL (error ? error->message : "",
                          "f.ini: [g] has an unknown key 'odd' (allowed: name, empty, list)");
  CU_ASSERT_TRUE (g_error_matches (error, DC_RISK_ERROR, DC_ERROR_INVALID));
}

TEST_MAIN ("keyfile",
           { "key files: values, required, lists, unknown keys", test_key_reader })
