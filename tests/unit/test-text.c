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

/* One rule for what every edge takes in, one for what XML holds. */
static void
test_characters_and_lengths_taken (void)
{
  const gunichar refused[] = { 0x0, 0x1, 0x1B, 0x1F, 0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF, 0xD800 };
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    CU_ASSERT_FALSE (dc_text_char_taken (refused[i]));
  const gunichar taken[] = { '\t', '\n', '\r', ' ', 0x7F, 0x9B, 0x3000, 0xFDCF, 0xFDF0, 0xFFFD, 0x1F600 };
  for (gsize i = 0; i < G_N_ELEMENTS (taken); i++)
    CU_ASSERT_TRUE (dc_text_char_taken (taken[i]));
  CU_ASSERT_TRUE (dc_text_xml_char (0xFDD0));   /* a noncharacter XML holds */
  CU_ASSERT_FALSE (dc_text_xml_char (0xFFFF));

  g_autofree char *ok = dc_text_refusal ("台帳\tデータ", "name");
  CU_ASSERT_PTR_NULL (ok);
  g_autofree char *ffff = dc_text_refusal ("台帳\xef\xbf\xbf", "name");
  CU_ASSERT_PTR_NOT_NULL_FATAL (ffff);
  CU_ASSERT_PTR_NOT_NULL (strstr (ffff, "holds U+FFFF (character 3)"));
  g_autofree char *name = g_strnfill (DC_TEXT_MAX_NAME + 1, 'x');
  g_autofree char *long_name = dc_text_refusal (name, "name");
  CU_ASSERT_PTR_NOT_NULL_FATAL (long_name);
  CU_ASSERT_PTR_NOT_NULL (strstr (long_name, "is 1025 characters long; at most 1024"));
  g_autofree char *as_note = dc_text_refusal (name, "note");
  CU_ASSERT_PTR_NULL (as_note);
  CU_ASSERT_EQUAL (dc_text_max_length ("login_id"), DC_TEXT_MAX_LOGIN);
  CU_ASSERT_EQUAL (dc_text_max_length (NULL), DC_TEXT_MAX_TEXT);

  g_autofree char *none = dc_text_xml_escape ("台帳 a\tb", DC_TEXT_ESCAPE_XLSX);
  CU_ASSERT_PTR_NULL (none);
  g_autofree char *cell = dc_text_xml_escape ("a\001b\xef\xbf\xbf", DC_TEXT_ESCAPE_XLSX);
  CU_ASSERT_STRING_EQUAL (cell, "a_x0001_b_xFFFF_");
  g_autofree char *shown = dc_text_xml_escape ("a\xef\xbf\xbe", DC_TEXT_ESCAPE_VISIBLE);
  CU_ASSERT_STRING_EQUAL (shown, "a\\uFFFE");
}

TEST_MAIN ("text",
           { "characters and lengths taken in; XML escapes", test_characters_and_lengths_taken },
           { "match keys and display widths", test_match_keys_and_widths },
           { "lists of names to JSON and back", test_lists_as_json },
           { "lists as people type them", test_split_lists })
