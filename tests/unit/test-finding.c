/* dc-finding: the kinds' stable names, Japanese names and order. */
#include "testlib.h"

static void
test_kinds (void)
{
  const char *names[] = { "unregistered", "external_guest", "not_in_system", "login_spelling", "revoked_in_system", "holder_departed",
                          "holder_unknown", "excess_privilege", "dormant", "disabled_in_system",
                          "expired_approval", "shared_unapproved", "sod_violation", "key_collision" };
  CU_ASSERT_EQUAL (G_N_ELEMENTS (names), DC_N_FINDING_KINDS);
  for (int k = 0; k < DC_N_FINDING_KINDS; k++) {
    CU_ASSERT_STRING_EQUAL (dc_finding_kind_name (k), names[k]);
    CU_ASSERT_TRUE (*dc_finding_kind_ja (k) && *dc_finding_kind_explanation (k));
    DcFindingKind parsed;
    CU_ASSERT_TRUE (dc_finding_kind_parse (names[k], &parsed) && parsed == (DcFindingKind) k);
    CU_ASSERT_TRUE (dc_finding_kind_parse (dc_finding_kind_ja (k), &parsed) && parsed == (DcFindingKind) k);
  }
  DcFindingKind none;
  CU_ASSERT_FALSE (dc_finding_kind_parse ("Unregistered", &none));
  CU_ASSERT_FALSE (dc_finding_kind_parse (NULL, &none));
}

static void
test_order (void)
{
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_finding_free);
  g_ptr_array_add (findings, dc_finding_new (DC_FINDING_DORMANT, "b", "b", NULL, NULL, g_strdup ("x")));
  g_ptr_array_add (findings, dc_finding_new (DC_FINDING_UNREGISTERED, "z", "z", NULL, NULL, g_strdup ("x")));
  g_ptr_array_add (findings, dc_finding_new (DC_FINDING_DORMANT, "a", "a", "001", "名", g_strdup ("x")));
  g_ptr_array_sort (findings, dc_finding_compare);
  const char *order[] = { "z", "a", "b" };
  for (guint i = 0; i < 3; i++)
    CU_ASSERT_STRING_EQUAL (((DcFinding *) g_ptr_array_index (findings, i))->login_key, order[i]);
  CU_ASSERT_STRING_EQUAL (((DcFinding *) g_ptr_array_index (findings, 0))->holder_name, "");
}

TEST_MAIN ("finding",
           { "kinds: stable names, Japanese names, explanations", test_kinds },
           { "findings sort by kind, then login", test_order })
