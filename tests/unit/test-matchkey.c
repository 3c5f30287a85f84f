#include "testlib.h"

static gboolean
same_key (const char *a, const char *b, DcMatchFlags flags)
{
  g_autofree char *ka = dc_match_key (a, flags);
  g_autofree char *kb = dc_match_key (b, flags);
  return g_str_equal (ka, kb);
}

static void
test_cp932_pairs (void)
{
  /* JIS form, CP932 form: equal under the fold, different without it. */
  static const char *const pairs[][2] = {
    { "1\u301C3", "1\uFF5E3" }, { "\u2212", "\uFF0D" }, { "\u2016", "\u2225" },
    { "\u2015", "\u2014" }, { "\u00A2", "\uFFE0" }, { "\u00A3", "\uFFE1" }, { "\u00AC", "\uFFE2" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++) {
    CU_ASSERT_TRUE (same_key (pairs[i][0], pairs[i][1], DC_MATCH_DEFAULT));
    CU_ASSERT_TRUE (same_key (pairs[i][0], pairs[i][1], DC_MATCH_CP932_FOLD));
    CU_ASSERT_FALSE (same_key (pairs[i][0], pairs[i][1], 0));
  }
  /* Without NFKC the fold lands on the CP932 form. */
  g_autofree char *folded = dc_match_key ("〜−‖—¢£¬", DC_MATCH_CP932_FOLD);
  CU_ASSERT_STRING_EQUAL (folded, "～－∥―￠￡￢");
  /* The fold comes before NFKC, so 〜 meets ～ even though NFKC makes ～ a ~. */
  g_autofree char *wave = dc_match_key ("〜", DC_MATCH_DEFAULT);
  CU_ASSERT_STRING_EQUAL (wave, "~");
}

static void
test_nfkc_trim_case (void)
{
  g_autofree char *digits = dc_match_key ("ＡＢＣ１２３", DC_MATCH_DEFAULT);
  CU_ASSERT_STRING_EQUAL (digits, "ABC123");
  g_autofree char *kana = dc_match_key ("ｶﾞｲﾄﾞ", DC_MATCH_NFKC);
  CU_ASSERT_STRING_EQUAL (kana, "ガイド");
  g_autofree char *trimmed = dc_match_key ("\u3000 住宅課\t\u3000", DC_MATCH_DEFAULT);
  CU_ASSERT_STRING_EQUAL (trimmed, "住宅課");
  /* Trimming alone removes U+3000 at the ends and keeps it inside. */
  g_autofree char *inner = dc_match_key ("\u3000住宅\u3000一郎\u3000", DC_MATCH_TRIM);
  CU_ASSERT_STRING_EQUAL (inner, "住宅\u3000一郎");
  CU_ASSERT_FALSE (same_key ("Data", "data", DC_MATCH_DEFAULT));
  CU_ASSERT_TRUE (same_key ("Data", "ｄａｔａ", DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD));
  g_autofree char *identity = dc_match_key (" ＡＢ ", 0);
  CU_ASSERT_STRING_EQUAL (identity, " ＡＢ ");
  g_autofree char *null_key = dc_match_key (NULL, DC_MATCH_DEFAULT);
  CU_ASSERT_STRING_EQUAL (null_key, "");
  g_autofree char *invalid = dc_match_key ("\xff\xfe", DC_MATCH_DEFAULT);
  CU_ASSERT_STRING_EQUAL (invalid, "");
  g_autofree char *spaces = dc_match_key ("\u3000 \t", DC_MATCH_DEFAULT);
  CU_ASSERT_STRING_EQUAL (spaces, "");
}

static void
test_raw_kept (void)
{
  g_autoptr (DcMatchValue) value = dc_match_value_new ("　００１２３ ", DC_MATCH_DEFAULT);
  CU_ASSERT_STRING_EQUAL (value->raw, "　００１２３ ");
  CU_ASSERT_STRING_EQUAL (value->key, "00123");
  g_autoptr (DcMatchValue) empty = dc_match_value_new (NULL, DC_MATCH_DEFAULT);
  CU_ASSERT_STRING_EQUAL (empty->raw, "");
  CU_ASSERT_STRING_EQUAL (empty->key, "");
  /* dc_text_match_key is NFKC + trim + casefold. */
  g_autofree char *text_key = dc_text_match_key (" Ｄａｔａ\u3000");
  CU_ASSERT_STRING_EQUAL (text_key, "data");
}

/* The shortcut for kana, kanji and ASCII gives what Unicode normalisation gives. */
static void
test_plain_text_shortcut (void)
{
  const char *texts[] = { "佐藤　雅之", "　住宅課長 ", "職員 24", "ヤマダ タロウ", "々〆〇ー・", "ABC 照会",
                          "ｱｲｳ", "ＡＢＣ", "が", "か\u3099", "①", "Ⅱ", "﨑", "\u3000", "" };
  DcMatchFlags flags[] = { DC_MATCH_DEFAULT, DC_MATCH_DEFAULT | DC_MATCH_CASEFOLD, DC_MATCH_TRIM,
                           DC_MATCH_NFKC };
  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    for (gsize f = 0; f < G_N_ELEMENTS (flags); f++) {
      g_autofree char *key = dc_match_key (texts[t], flags[f]);
      g_autofree char *normal = (flags[f] & DC_MATCH_NFKC)
        ? g_utf8_normalize (texts[t], -1, G_NORMALIZE_ALL_COMPOSE) : g_strdup (texts[t]);
      g_autofree char *folded = (flags[f] & DC_MATCH_CASEFOLD) ? g_utf8_casefold (normal, -1) : g_strdup (normal);
      g_autoptr (GString) expected = g_string_new (folded);
      if (flags[f] & DC_MATCH_TRIM) {   /* trimmed of Unicode white space */
        while (expected->len && (expected->str[0] == ' ' || g_str_has_prefix (expected->str, "\u3000")))
          g_string_erase (expected, 0, expected->str[0] == ' ' ? 1 : 3);
        while (expected->len && (expected->str[expected->len - 1] == ' ' ||
                                 g_str_has_suffix (expected->str, "\u3000")))
          g_string_truncate (expected, expected->len - (expected->str[expected->len - 1] == ' ' ? 1 : 3));
      }
      if (strcmp (key, expected->str) != 0)
        fprintf (stderr, "'%s' flags %d: '%s', expected '%s'\n", texts[t], flags[f], key, expected->str);
      CU_ASSERT_STRING_EQUAL (key, expected->str);
    }
}

TEST_MAIN ("matchkey",
           { "kana, kanji and ASCII take a shortcut to the same key", test_plain_text_shortcut },
           { "CP932 and JIS forms of the same character match", test_cp932_pairs },
           { "NFKC, trimming with U+3000, optional case folding", test_nfkc_trim_case },
           { "the raw value is kept next to its key", test_raw_kept })
