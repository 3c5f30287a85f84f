/* dc-text: match keys, display widths, and lists of names as JSON. */
#include "testlib.h"

static void
test_match_keys_and_widths (void)
{
  CU_ASSERT_TRUE (dc_text_matches ("３ 課外秘　", "3 課外秘"));
  CU_ASSERT_FALSE (dc_text_matches ("3課外秘", "3 課外秘"));
  CU_ASSERT_EQUAL (dc_text_display_width ("ab住宅"), 6);
  CU_ASSERT_EQUAL (dc_text_display_width (NULL), 0);
}

static void
test_lists_as_json (void)
{
  const char *items[] = { "照会", "a\"b\\c", "tab\there", "line\nbreak", "\x01", NULL };
  g_autofree char *json = dc_text_list_to_json (items);
  CU_ASSERT_STRING_EQUAL (json, "[\"照会\",\"a\\\"b\\\\c\",\"tab\\there\",\"line\\nbreak\",\"\\u0001\"]");
  g_auto (GStrv) back = dc_text_list_from_json (json);
  CU_ASSERT_TRUE (g_strv_equal ((const char *const *) back, items));
  g_auto (GStrv) empty = dc_text_list_from_json (" [ ] ");
  CU_ASSERT_EQUAL (g_strv_length (empty), 0);
  g_auto (GStrv) escaped = dc_text_list_from_json ("[\"\\u7167\\u4f1a\", \"\\ud83d\\ude00\", \"a\\/b\"]");
  CU_ASSERT_STRING_EQUAL (escaped[0], "照会");
  CU_ASSERT_STRING_EQUAL (escaped[1], "😀");
  CU_ASSERT_STRING_EQUAL (escaped[2], "a/b");
  const char *bad[] = { "", "{}", "[1]", "[\"a\"", "[\"a\",]", "[\"a\"] x", "[\"\\q\"]", "[\"\\u12\"]", NULL };
  for (const char **b = bad; *b; b++) {
    g_auto (GStrv) none = dc_text_list_from_json (*b);
    CU_ASSERT_PTR_NULL (none);
  }
}

static void
test_split_lists (void)
{
  const struct { const char *text; const char *joined; } cases[] = {
    { "照会;更新", "照会|更新" }, { "照会、更新，削除", "照会|更新|削除" }, { " a | b ", "a|b" },
    { "a\nb;;", "a|b" }, { "", "" }, { "管理　", "管理" },
    /* A DN keeps its commas: only lines and semicolons separate. */
    { "CN=A,OU=x;CN=B,OU=y", "CN=A,OU=x|CN=B,OU=y" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_auto (GStrv) items = dc_text_split_list (cases[i].text);
    g_autofree char *joined = g_strjoinv ("|", items);
    CU_ASSERT_STRING_EQUAL (joined, cases[i].joined);
  }
}

TEST_MAIN ("text",
           { "match keys and display widths", test_match_keys_and_widths },
           { "lists of names to JSON and back", test_lists_as_json },
           { "lists as people type them", test_split_lists })
