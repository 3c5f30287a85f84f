/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-scheme: presets, user scheme files, validation, value rules, marks. */
#include "testlib.h"

static void
test_presets_load_and_validate (void)
{
  g_auto (GStrv) names = dc_scheme_preset_names ();
  CU_ASSERT_EQUAL (g_strv_length (names), 3);
  const struct { const char *name; guint c, i, a, types; } expected[] = {
    { "chitose", 4, 3, 3, 5 }, { "soumu", 3, 2, 2, 5 }, { "ipa", 3, 3, 3, 5 },
  };
  for (gsize n = 0; n < G_N_ELEMENTS (expected); n++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (DcScheme) scheme = dc_scheme_load (expected[n].name, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL (scheme);
    CU_ASSERT_STRING_EQUAL (scheme->name, expected[n].name);
    CU_ASSERT_EQUAL (scheme->properties[0].levels->len, expected[n].c);
    CU_ASSERT_EQUAL (scheme->properties[1].levels->len, expected[n].i);
    CU_ASSERT_EQUAL (scheme->properties[2].levels->len, expected[n].a);
    CU_ASSERT_EQUAL (scheme->types->len, expected[n].types);
  }
}

static void
test_chitose_matches_seed (void)
{
  g_autoptr (DcScheme) scheme = dc_scheme_load ("chitose", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (scheme);
  const char *names[] = { "一般", "庁外秘", "課外秘", "極秘" };
  for (int i = 0; i < 4; i++) {
    g_autofree char *label = g_strdup_printf ("%d", i + 1);
    const DcLevel *level = dc_scheme_level (scheme, 'C', label);
    CU_ASSERT_PTR_NOT_NULL_FATAL (level);
    CU_ASSERT_STRING_EQUAL (level->name, names[i]);
    CU_ASSERT_EQUAL (level->rank, i + 1);
  }
  /* 付表2 (1) 機密性, 3 課外秘, ソフト */
  const DcLevel *c3 = dc_scheme_level (scheme, 'C', "3");
  CU_ASSERT_STRING_EQUAL (g_hash_table_lookup (c3->definitions, "software"),
                          "特定の関係者または特定の部署の職員のみが利用可能");
  const DcLevel *a3 = dc_scheme_level (scheme, 'A', "3");
  CU_ASSERT_STRING_EQUAL (g_hash_table_lookup (a3->definitions, "document"),
                          "必要とする場合即時利用できる必要がある");
  CU_ASSERT_STRING_EQUAL (dc_scheme_type (scheme, "infrastructure")->name, "インフラ");
}

static void
test_user_scheme_with_2b_labels (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("DAICHO_ROOT") ? g_getenv ("DAICHO_ROOT") : ".",
                                            "fixtures/schemes/custom-2b.ini", NULL);
  g_autoptr (DcScheme) scheme = dc_scheme_load (path, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (scheme);
  const DcLevel *c2b = dc_scheme_level (scheme, 'C', "2B");
  const DcLevel *c2a = dc_scheme_level (scheme, 'C', "2A");
  CU_ASSERT_PTR_NOT_NULL_FATAL (c2b);
  CU_ASSERT_TRUE (c2b->rank > c2a->rank);
  CU_ASSERT_EQUAL (scheme->value_rule, DC_VALUE_SUM);
  CU_ASSERT_TRUE (dc_scheme_needs_mark (scheme, c2b));
  CU_ASSERT_FALSE (dc_scheme_needs_mark (scheme, c2a));
  CU_ASSERT_PTR_NOT_NULL (dc_scheme_type (scheme, "system"));
  CU_ASSERT_PTR_NULL (dc_scheme_type (scheme, "hardware"));
}

/* A minimal valid scheme text with one change applied by the caller. */
#define MINIMAL \
  "[scheme]\nname=t\ntitle=テスト\nvalue_rule=%s\nhandling_mark=秘\nhandling_threshold=%s\n" \
  "[types]\ncodes=data\n[type data]\nname=データ\n" \
  "[property C]\nname=機密性\nlevels=1;2\n" \
  "[level C 1]\nname=低\nvalue=%s\ndefinition.data=x\n" \
  "[level C 2]\nname=高\nvalue=2\ndefinition.data=%s\n" \
  "[property I]\nname=完全性\nlevels=1\n[level I 1]\nname=低\ndefinition.data=x\n" \
  "[property A]\nname=可用性\nlevels=1\n[level A 1]\nname=低\ndefinition.data=x\n"

static DcScheme *
parse_variant (const char *rule, const char *threshold, const char *value, const char *definition,
               GError **error)
{
  g_autofree char *text = g_strdup_printf (MINIMAL, rule, threshold, value, definition);
  return dc_scheme_parse (text, strlen (text), "variant.ini", error);
}

static void
test_invalid_schemes_name_the_problem (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DcScheme) ok = parse_variant ("max", "2", "1", "y", &error);
  CU_ASSERT_PTR_NOT_NULL (ok);

  const struct { const char *rule, *threshold, *value, *definition, *message; } bad[] = {
    { "median", "2", "1", "y", "value_rule 'median'" },
    { "max", "9", "1", "y", "handling_threshold '9'" },
    { "max", "2", "5", "y", "[level C 2] value 2 must be greater" },
    { "max", "2", "one", "y", "[level C 1] value must be a whole number" },
    { "max", "2", "1", "", "[level C 2] needs a non-empty 'definition.data'" },
    { "max", "2", "-1", "y", "[level C 1] value -1 is outside 0 to 1000" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_clear_error (&error);
    g_autoptr (DcScheme) scheme = parse_variant (bad[i].rule, bad[i].threshold, bad[i].value,
                                                 bad[i].definition, &error);
    CU_ASSERT_PTR_NULL (scheme);
    CU_ASSERT_TRUE (g_error_matches (error, DC_SCHEME_ERROR, DC_ERROR_INVALID));
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "variant.ini") : NULL);
    if (!error || !strstr (error->message, bad[i].message))
      fprintf (stderr, "expected '%s' in: %s\n", bad[i].message, error ? error->message : "(none)");
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, bad[i].message) : NULL);
  }
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (dc_scheme_load ("no-such-scheme", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "chitose") : NULL);
}

static void
test_value_rules (void)
{
  g_autoptr (DcScheme) max = parse_variant ("max", "2", "1", "y", NULL);
  g_autoptr (DcScheme) sum = parse_variant ("sum", "2", "1", "y", NULL);
  g_autoptr (DcScheme) product = parse_variant ("product", "2", "1", "y", NULL);
  const DcLevel *c2 = dc_scheme_level (max, 'C', "2");
  const DcLevel *i1 = dc_scheme_level (max, 'I', "1");
  const DcLevel *a1 = dc_scheme_level (max, 'A', "1");
  CU_ASSERT_EQUAL (dc_scheme_asset_value (max, c2, i1, a1), 2);
  CU_ASSERT_EQUAL (dc_scheme_asset_value (sum, c2, i1, a1), 4);
  CU_ASSERT_EQUAL (dc_scheme_asset_value (product, c2, i1, a1), 2);
}

static void
test_register_describes_itself (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "soumu");
  g_autoptr (GError) error = NULL;
  g_autoptr (DcScheme) scheme = dc_scheme_from_store (store, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (scheme);
  CU_ASSERT_STRING_EQUAL (scheme->name, "soumu");
  DcStmt *stmt = dc_store_prepare (store, "SELECT count(*) FROM level WHERE property = 'C'", NULL);
  CU_ASSERT_EQUAL (dc_store_step (store, stmt, NULL), DC_STMT_ROW);
  CU_ASSERT_EQUAL (dc_stmt_int (stmt, 0), 3);
  dc_stmt_finalize (stmt);
  /* A second scheme is refused. */
  g_autoptr (DcScheme) other = dc_scheme_load ("ipa", NULL);
  CU_ASSERT_FALSE (dc_register_init (store, other, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_SCHEME_ERROR, DC_ERROR_CONFLICT));
  test_rmdir (dir);
}

static void
test_level_keys_without_the_property (void)
{
  const char *c_names[] = { "機密性", "Confidentiality", NULL };
  const char *i_names[] = { "完全性", "Integrity", NULL };
  const struct { const char *text; char property; const char *key; } forms[] = {
    { "機密性3", 'C', "3" }, { "機密性：3", 'C', "3" }, { "機密性 ３", 'C', "3" },
    { "機密性-3", 'C', "3" }, { "C3", 'C', "3" }, { "ｃ３", 'C', "3" }, { "Ⅲ", 'C', "3" },
    { "III", 'C', "3" }, { "ⅲ", 'C', "3" }, { "Ⅳ", 'C', "4" }, { "IV", 'C', "4" },
    { "Ⅰ", 'C', "1" }, { "Ⅱ", 'C', "2" }, { "機密性Ⅱ", 'C', "2" }, { "Confidentiality 2", 'C', "2" },
    { "完全性：高", 'I', "高" }, { "I2", 'I', "2" }, { "II", 'I', "2" }, { "I", 'I', "1" },
    { "３", 'C', "3" }, { "課外秘", 'C', "課外秘" }, { "2A", 'C', "2a" }, { "C", 'C', "c" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++) {
    g_autofree char *key = dc_scheme_level_key (forms[i].text, forms[i].property,
                                                forms[i].property == 'C' ? c_names : i_names);
    if (!g_str_equal (key, forms[i].key))
      fprintf (stderr, "%s: '%s', not '%s'\n", forms[i].text, key, forms[i].key);
    CU_ASSERT_STRING_EQUAL (key, forms[i].key);
  }
}

TEST_MAIN ("scheme",
           { "levels written with the property or as Roman numerals", test_level_keys_without_the_property },
           { "the presets load and validate", test_presets_load_and_validate },
           { "chitose carries seed 001 付表2", test_chitose_matches_seed },
           { "a user's scheme with 2A/2B labels", test_user_scheme_with_2b_labels },
           { "invalid schemes name file, group and key", test_invalid_schemes_name_the_problem },
           { "max, sum and product value rules", test_value_rules },
           { "the register keeps its scheme; one per register", test_register_describes_itself })
