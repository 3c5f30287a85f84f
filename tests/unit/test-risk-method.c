/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-risk-method: the IPA method against hand-worked examples, the product
 * and matrix methods, the file format's checks, and the register's method. */
#include "testlib.h"
#include <string.h>

static DcRiskMethod *
parse (const char *text, const int *values, guint n_values, GError **error)
{
  return dc_risk_method_parse_text (text, strlen (text), "test.ini", values, n_values, error);
}

static const char *
level_code (const DcRiskMethod *method, guint index)
{
  return ((const DcRiskLevel *) g_ptr_array_index (method->levels, index))->code;
}

/* IPA's grid (被害発生可能性): likelihood 3 → 3/2/1, 2 → 2/1/1, 1 → 1/1/1 for
 * vulnerability 3/2/1; risk value = value × 被害発生可能性; the presets' bands
 * 低 ≤ 3 < 中 ≤ 5 < 高. Worked by hand. */
static void
test_ipa_hand_worked (void)
{
  g_autoptr (DcRiskMethod) method = dc_risk_method_default ();
  CU_ASSERT_EQUAL_FATAL (method->kind, DC_RISK_IPA);
  const struct {
    int value, likelihood, vulnerability, possibility, risk;
    const char *level, *formula;
  } cases[] = {
    { 3, 3, 3, 3, 9, "high", "3 × 3 = 9" },
    { 3, 3, 2, 2, 6, "high", "3 × 2 = 6" },
    { 3, 3, 1, 1, 3, "low", "3 × 1 = 3" },
    { 3, 2, 3, 2, 6, "high", "3 × 2 = 6" },
    { 3, 2, 2, 1, 3, "low", "3 × 1 = 3" },
    { 3, 2, 1, 1, 3, "low", "3 × 1 = 3" },
    { 3, 1, 3, 1, 3, "low", "3 × 1 = 3" },
    { 3, 1, 1, 1, 3, "low", "3 × 1 = 3" },
    { 2, 3, 3, 3, 6, "high", "2 × 3 = 6" },
    { 2, 3, 2, 2, 4, "medium", "2 × 2 = 4" },
    { 2, 2, 3, 2, 4, "medium", "2 × 2 = 4" },
    { 4, 1, 1, 1, 4, "medium", "4 × 1 = 4" },   /* 極秘 in Chitose's scheme */
    { 4, 3, 2, 2, 8, "high", "4 × 2 = 8" },
    { 1, 3, 3, 3, 3, "low", "1 × 3 = 3" },
    { 1, 1, 1, 1, 1, "low", "1 × 1 = 1" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_auto (DcRiskScore) score = { 0 };
    CU_ASSERT_TRUE_FATAL (dc_risk_method_score (method, cases[i].value, cases[i].likelihood,
                                                cases[i].vulnerability, &score, &error));
    CU_ASSERT_EQUAL (score.possibility, cases[i].possibility);
    CU_ASSERT_EQUAL (score.risk_value, cases[i].risk);
    CU_ASSERT_STRING_EQUAL (level_code (method, score.level), cases[i].level);
    CU_ASSERT_STRING_EQUAL (score.formula, cases[i].formula);
  }
  /* Ratings off the scale are refused, naming the scale. */
  g_autoptr (GError) error = NULL;
  g_auto (DcRiskScore) off = { 0 };
  CU_ASSERT_FALSE (dc_risk_method_score (method, 3, 4, 1, &off, &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "likelihood 1 to 3") : NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_risk_method_score (method, 3, 1, 0, &off, &error));
  /* Within the acceptance criteria: 低 only. */
  CU_ASSERT_STRING_EQUAL (level_code (method, method->accept), "low");
  CU_ASSERT_EQUAL (method->acceptance_max_months, 12);
  /* Heat-map cells: the level of value × 被害発生可能性. */
  CU_ASSERT_STRING_EQUAL (dc_risk_method_level_at (method, 4, 1)->code, "medium");
  CU_ASSERT_STRING_EQUAL (dc_risk_method_level_at (method, 2, 3)->code, "high");
  g_autoptr (GArray) possibilities = dc_risk_method_possibilities (method);
  CU_ASSERT_EQUAL (possibilities->len, 3);
  CU_ASSERT_EQUAL (g_array_index (possibilities, int, 2), 3);
}

static const char product_text[] =
  "[risk]\nmethod = product\nlevels = low;medium;high\naccept = low\n"
  "[risk level low]\nname = 低\ncolor = #C6EFCE\nmax = 6\n"
  "[risk level medium]\nname = 中\ncolor = #FFEB9C\nmax = 12\n"
  "[risk level high]\nname = 高\ncolor = FFC7CE\n";

static void
test_product (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DcRiskMethod) method = parse (product_text, NULL, 0, &error);
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (method->kind, DC_RISK_PRODUCT);
  CU_ASSERT_EQUAL (method->possibility_max, 9);
  CU_ASSERT_EQUAL (((DcRiskLevel *) g_ptr_array_index (method->levels, 2))->color, 0xFFC7CE);
  g_auto (DcRiskScore) score = { 0 };
  CU_ASSERT_TRUE (dc_risk_method_score (method, 3, 2, 3, &score, &error));
  CU_ASSERT_EQUAL (score.possibility, 6);
  CU_ASSERT_EQUAL (score.risk_value, 18);
  CU_ASSERT_STRING_EQUAL (score.formula, "3 × 2 × 3 = 18");
  CU_ASSERT_STRING_EQUAL (level_code (method, score.level), "high");
  g_auto (DcRiskScore) small = { 0 };
  CU_ASSERT_TRUE (dc_risk_method_score (method, 2, 1, 3, &small, &error));
  CU_ASSERT_STRING_EQUAL (small.formula, "2 × 1 × 3 = 6");
  CU_ASSERT_STRING_EQUAL (level_code (method, small.level), "low");
  /* 被害発生可能性 can be 1, 2, 3, 4, 6, 9. */
  g_autoptr (GArray) possibilities = dc_risk_method_possibilities (method);
  const int expected[] = { 1, 2, 3, 4, 6, 9 };
  CU_ASSERT_EQUAL_FATAL (possibilities->len, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    CU_ASSERT_EQUAL (g_array_index (possibilities, int, i), expected[i]);
}

/* A municipality's own matrix: four named levels, its own possibility grid. */
static const char matrix_text[] =
  "[risk]\nmethod = matrix\ntitle = 架空市リスクマトリクス\nlevels = l1;l2;l3;l4\naccept = l2\n"
  "acceptance_max_months = 6\n"
  "[risk possibility]\nlikelihood.1 = 1;1;2\nlikelihood.2 = 1;2;3\nlikelihood.3 = 2;3;3\n"
  "[risk level l1]\nname = 軽微\ncolor = #FFFFFF\n"
  "[risk level l2]\nname = 注意\ncolor = #FFFF00\n"
  "[risk level l3]\nname = 警戒\ncolor = #FFA500\n"
  "[risk level l4]\nname = 重大\ncolor = #FF0000\n"
  "[risk matrix]\n"
  "value.1 = l1;l1;l2\nvalue.2 = l1;l2;l3\nvalue.3 = l2;l3;l4\nvalue.4 = l2;l4;l4\n";

static void
test_matrix (void)
{
  const int values[] = { 1, 2, 3, 4 };
  g_autoptr (GError) error = NULL;
  g_autoptr (DcRiskMethod) method = parse (matrix_text, values, 4, &error);
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (method->kind, DC_RISK_MATRIX);
  CU_ASSERT_STRING_EQUAL (method->title, "架空市リスクマトリクス");
  CU_ASSERT_EQUAL (method->acceptance_max_months, 6);
  g_auto (DcRiskScore) score = { 0 };
  /* likelihood 2, vulnerability 2 → 被害発生可能性 2; value 3 → l3 警戒. */
  CU_ASSERT_TRUE (dc_risk_method_score (method, 3, 2, 2, &score, &error));
  CU_ASSERT_EQUAL (score.possibility, 2);
  CU_ASSERT_EQUAL (score.risk_value, 6);
  CU_ASSERT_STRING_EQUAL (level_code (method, score.level), "l3");
  CU_ASSERT_STRING_EQUAL (score.formula, "表（被害発生可能性 2・資産価値 3）→ 警戒");
  g_auto (DcRiskScore) top = { 0 };
  CU_ASSERT_TRUE (dc_risk_method_score (method, 4, 3, 3, &top, &error));
  CU_ASSERT_STRING_EQUAL (level_code (method, top.level), "l4");
  CU_ASSERT_STRING_EQUAL (dc_risk_method_level_at (method, 1, 3)->name, "注意");
  CU_ASSERT_STRING_EQUAL (dc_risk_method_find_level (method, "重大", NULL)->code, "l4");
  /* A value the matrix has no line for. */
  g_auto (DcRiskScore) none = { 0 };
  CU_ASSERT_FALSE (dc_risk_method_score (method, 5, 1, 1, &none, &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "value.5") : NULL);
  g_clear_error (&error);
  /* A scheme with a level of value 5 needs a line for it. */
  const int more[] = { 1, 2, 3, 4, 5 };
  g_autoptr (DcRiskMethod) refused = parse (matrix_text, more, 5, &error);
  CU_ASSERT_PTR_NULL (refused);
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "no line value.5") : NULL);
  /* Written back and read again, it is the same method. */
  g_autofree char *text = dc_risk_method_to_text (method);
  g_autoptr (DcRiskMethod) again = parse (text, values, 4, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (again);
  g_autofree char *text_again = dc_risk_method_to_text (again);
  CU_ASSERT_STRING_EQUAL (text, text_again);
}

static void
test_file_checks (void)
{
  static const char head[] = "[risk]\nmethod = ipa\nlevels = low;high\naccept = low\n";
  static const char low[] = "[risk level low]\nname = 低\ncolor = #00FF00\nmax = 3\n";
  static const char high[] = "[risk level high]\nname = 高\ncolor = #FF0000\n";
  const struct {
    const char *text;
    const char *says;
  } cases[] = {
    { "[risk]\nmethod = fuzzy\n", "method 'fuzzy' is not one of ipa, product, matrix" },
    { "[risk]\nmethod = ipa\nlevels = low;high\naccept = middle\n"
      "[risk level low]\nname = 低\ncolor = #00FF00\nmax = 3\n"
      "[risk level high]\nname = 高\ncolor = #FF0000\n", "accept 'middle' is not one of the levels" },
    { "[risk]\nmethod = ipa\nlevels = low;mid;high\naccept = low\n"
      "[risk level low]\nname = 低\ncolor = #00FF00\nmax = 4\n"
      "[risk level mid]\nname = 中\ncolor = #FFFF00\nmax = 4\n"
      "[risk level high]\nname = 高\ncolor = #FF0000\n", "max 4 must be greater than the max 4" },
    { "[risk]\nmethod = ipa\nlevels = low;high\naccept = low\n"
      "[risk level low]\nname = 低\ncolor = #00FF00\nmax = 3\n"
      "[risk level high]\nname = 高\ncolor = #FF0000\nmax = 9\n", "remove max" },
    { "[risk]\nmethod = ipa\nlevels = low;high\naccept = low\n"
      "[risk level low]\nname = 低\ncolor = green\nmax = 3\n"
      "[risk level high]\nname = 高\ncolor = #FF0000\n", "color 'green' must be written #RRGGBB" },
    { "[risk]\nmethod = ipa\nlevels = low;high\naccept = low\nthreshold = 3\n", "unknown key 'threshold'" },
    { "[risk]\nmethod = ipa\nlevels = low;high\naccept = low\n"
      "[risk level low]\nname = 低\ncolor = #00FF00\nmax = 3\n"
      "[risk level high]\nname = 高\ncolor = #FF0000\n[risk levle high]\nname = x\n",
      "[risk levle high] is not a group of the risk method" },
    { "[risk]\nmethod = product\nlevels = low;high\naccept = low\n"
      "[risk possibility]\nlikelihood.1 = 1;1;1\n", "remove [risk possibility]" },
    { "[risk]\nmethod = ipa\nlevels = low;high\naccept = low\n"
      "[risk possibility]\nlikelihood.1 = 1;1;1\nlikelihood.2 = 1;2;1\nlikelihood.3 = 1;2;3\n",
      "the grid must not decrease" },
    { "[risk]\nmethod = ipa\nlevels = low;high\naccept = low\n"
      "[risk likelihood]\n1 = a\n2 = b\n3 = c\n4 = d\n5 = e\n", "[risk possibility] is needed" },
    { "[risk]\nmethod = matrix\nlevels = low;high\naccept = low\n"
      "[risk level low]\nname = 低\ncolor = #00FF00\n[risk level high]\nname = 高\ncolor = #FF0000\n"
      "[risk matrix]\nvalue.1 = low;high\n", "value.1 lists 2 levels; it needs one per 被害発生可能性 1 to 3" },
    { "[risk]\nmethod = matrix\nlevels = low;high\naccept = low\n"
      "[risk level low]\nname = 低\ncolor = #00FF00\n[risk level high]\nname = 高\ncolor = #FF0000\n"
      "[risk matrix]\nvalue.1 = high;low;low\n", "a matrix must not decrease" },
    { "[scheme]\nname = x\n", "needs a [risk] group" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (DcRiskMethod) method = parse (cases[i].text, NULL, 0, &error);
    CU_ASSERT_PTR_NULL (method);
    if (!error || !strstr (error->message, cases[i].says))
      fprintf (stderr, "case %zu: %s\n", i, error ? error->message : "(accepted)");
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, cases[i].says) : NULL);
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "test.ini") : NULL);
  }
  /* The same groups, well formed, are accepted. */
  g_autofree char *good = g_strconcat (head, low, high, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcRiskMethod) method = parse (good, NULL, 0, &error);
  g_assert_no_error (error);
}

static void
test_presets_use_ipa (void)
{
  g_autoptr (DcRiskMethod) fallback = dc_risk_method_default ();
  g_autofree char *fallback_text = dc_risk_method_to_text (fallback);
  const char *presets[] = { "chitose", "soumu", "ipa" };
  for (gsize i = 0; i < G_N_ELEMENTS (presets); i++) {
    g_autoptr (DcScheme) scheme = dc_scheme_load (presets[i], NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL (scheme);
    g_autoptr (DcRiskMethod) own = NULL;
    CU_ASSERT_TRUE (dc_risk_method_from_scheme (scheme, presets[i], &own, NULL));
    CU_ASSERT_PTR_NOT_NULL_FATAL (own);
    CU_ASSERT_EQUAL (own->kind, DC_RISK_IPA);
    g_autofree char *text = dc_risk_method_to_text (own);
    CU_ASSERT_STRING_EQUAL (text, fallback_text);
  }
  /* A scheme file without [risk] has no method of its own. */
  g_autofree char *custom = test_fixture ("schemes", "custom-2b.ini");
  g_autoptr (DcScheme) own = dc_scheme_load (custom, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (own);
  DcRiskMethod *none = (DcRiskMethod *) 1;
  CU_ASSERT_TRUE (dc_risk_method_from_scheme (own, custom, &none, NULL));
  CU_ASSERT_PTR_NULL (none);
  /* A broken [risk] section makes the scheme file invalid, naming the file. */
  g_autoptr (DcScheme) ipa = dc_scheme_load ("ipa", NULL);
  g_autofree char *broken = g_strconcat (ipa->definition, "\n[risk level extra]\nname = x\n", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcScheme) parsed = dc_scheme_parse (broken, strlen (broken), "broken.ini", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (parsed);
  g_autoptr (DcRiskMethod) refused = NULL;
  CU_ASSERT_FALSE (dc_risk_method_from_scheme (parsed, "broken.ini", &refused, &error));
  CU_ASSERT_PTR_NULL (refused);
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "broken.ini") : NULL);
}

static void
test_register_method (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *custom = test_fixture ("schemes", "custom-2b.ini");
  g_autoptr (DcStore) store = test_register (dir, custom);
  g_autoptr (GError) error = NULL;
  /* No [risk] in its scheme and none set: the IPA method. */
  g_autoptr (DcRiskMethod) initial = dc_risk_method_from_store (store, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (initial);
  CU_ASSERT_EQUAL (initial->kind, DC_RISK_IPA);
  CU_ASSERT_FALSE (dc_risk_method_is_set (store, &error));

  /* A matrix that lacks a value of the scheme (custom-2b has values 1 to 4). */
  g_autofree char *short_matrix = g_build_filename (dir, "short.ini", NULL);
  g_autoptr (GString) cut = g_string_new (matrix_text);
  g_string_truncate (cut, strstr (cut->str, "value.4") - cut->str);
  g_assert_true (g_file_set_contents (short_matrix, cut->str, -1, NULL));
  gint64 history = test_count (store, "history");
  CU_ASSERT_FALSE (dc_risk_method_set (store, short_matrix, &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "no line value.4") : NULL);
  g_clear_error (&error);
  CU_ASSERT_EQUAL (test_count (store, "history"), history);

  g_autofree char *path = g_build_filename (dir, "matrix.ini", NULL);
  g_assert_true (g_file_set_contents (path, matrix_text, -1, NULL));
  CU_ASSERT_TRUE (dc_risk_method_set (store, path, &error));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 1);
  CU_ASSERT_TRUE (dc_risk_method_is_set (store, &error));
  g_autoptr (DcRiskMethod) now = dc_risk_method_from_store (store, &error);
  CU_ASSERT_EQUAL (now->kind, DC_RISK_MATRIX);
  g_autofree char *snapshot = dc_snapshot (store, "risk_method", "method", &error);
  CU_ASSERT_PTR_NOT_NULL (snapshot ? strstr (snapshot, "\"method\":\"matrix\"") : NULL);
  /* Back to a preset's method by name. */
  CU_ASSERT_TRUE (dc_risk_method_set (store, "ipa", &error));
  g_autoptr (DcRiskMethod) back = dc_risk_method_from_store (store, &error);
  CU_ASSERT_EQUAL (back->kind, DC_RISK_IPA);
  g_auto (DcVerifyReport) report = { 0 };
  CU_ASSERT_TRUE (dc_history_verify (store, &report, &error));
  g_assert_no_error (error);
  test_rmdir (dir);
}

TEST_MAIN ("risk-method",
           { "IPA method: hand-worked examples of the grid and the bands", test_ipa_hand_worked },
           { "product method: value × likelihood × vulnerability", test_product },
           { "matrix method: named levels from a grid, checked against the scheme", test_matrix },
           { "a method file's mistakes are named", test_file_checks },
           { "the presets use the IPA method; a scheme file may have none", test_presets_use_ipa },
           { "the register's method: default, set, recorded in history", test_register_method })
