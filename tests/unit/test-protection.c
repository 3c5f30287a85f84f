/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-protection: the maximum principle over a chain and a diamond, a cycle
 * refused with its assets named, overrides with and without a reason. */
#include "testlib.h"
#include <string.h>

static void
add (DcStore *store, const char *code, const char *type, const char *c, const char *i, const char *a)
{
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "code", code, "type", type, "name", code,
                                  "c", c, "i", i, "a", a, "section", "jutaku", "post", "kacho", NULL));
}

static void
depend (DcStore *store, const char *user, const char *used)
{
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_asset_depend (store, user, used, &error));
}

/* "label source" of ASSET's PROPERTY, e.g. "3 D" (inherited from D). */
static char *
need_of (GHashTable *needs, const char *asset, char property)
{
  const DcProtection *p = g_hash_table_lookup (needs, asset);
  if (!p)
    return g_strdup ("(none)");
  const DcNeed *need = dc_protection_need (p, property);
  return g_strdup_printf ("%s %s%s", need->effective->label, need->source, need->effect ? " override" : "");
}

#define EXPECT_NEED(needs, asset, property, expected)        \
  do {                                                       \
    g_autofree char *got = need_of (needs, asset, property); \
    if (!g_str_equal (got, expected))                        \
      fprintf (stderr, "%s %c: %s\n", asset, property, got); \
    CU_ASSERT_STRING_EQUAL (got, expected);                  \
  } while (0)

static DcStore *
org (const char *dir, DcScheme **scheme)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);
  *scheme = dc_scheme_from_store (store, NULL);
  return store;
}

/* Personal data D (C3 I2 A1) runs on application S (C1 I1 A1), which runs
 * on server H (C2 I3 A2). */
static void
chain (DcStore *store)
{
  add (store, "D", "data", "3", "2", "1");
  add (store, "S", "software", "1", "1", "1");
  add (store, "H", "hardware", "2", "3", "2");
  depend (store, "D", "S");
  depend (store, "S", "H");
}

/* S and H take D's confidentiality. */
static void
test_chain (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcScheme) scheme = NULL;
  g_autoptr (DcStore) store = org (dir, &scheme);
  chain (store);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) needs = dc_protection_compute (store, scheme, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (needs);
  EXPECT_NEED (needs, "D", 'C', "3 D");
  EXPECT_NEED (needs, "S", 'C', "3 D");
  EXPECT_NEED (needs, "S", 'I', "2 D");
  EXPECT_NEED (needs, "S", 'A', "1 S");
  EXPECT_NEED (needs, "H", 'C', "3 D");   /* through S, from where it comes */
  EXPECT_NEED (needs, "H", 'I', "3 H");   /* its own is the highest */
  EXPECT_NEED (needs, "H", 'A', "2 H");
  const DcNeed *own = dc_protection_need (g_hash_table_lookup (needs, "H"), 'C');
  CU_ASSERT_STRING_EQUAL (own->own->label, "2");
  /* A disposed asset raises nothing. */
  CU_ASSERT_TRUE (dc_asset_dispose (store, "D", "2026-11-01", "消去", NULL, &error));
  g_autoptr (GHashTable) after = dc_protection_compute (store, scheme, &error);
  EXPECT_NEED (after, "H", 'C', "2 H");
  CU_ASSERT_PTR_NULL (g_hash_table_lookup (after, "D"));
  test_rmdir (dir);
}

/* T uses L and R; both use B. B takes T's C through either path, R's I. */
static void
test_diamond (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcScheme) scheme = NULL;
  g_autoptr (DcStore) store = org (dir, &scheme);
  add (store, "T", "data", "4", "1", "1");
  add (store, "L", "software", "2", "2", "1");
  add (store, "R", "software", "3", "3", "1");
  add (store, "B", "hardware", "1", "1", "3");
  depend (store, "T", "L");
  depend (store, "T", "R");
  depend (store, "L", "B");
  depend (store, "R", "B");
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) needs = dc_protection_compute (store, scheme, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (needs);
  EXPECT_NEED (needs, "L", 'C', "4 T");
  EXPECT_NEED (needs, "R", 'C', "4 T");
  EXPECT_NEED (needs, "R", 'I', "3 R");
  EXPECT_NEED (needs, "B", 'C', "4 T");
  EXPECT_NEED (needs, "B", 'I', "3 R");
  EXPECT_NEED (needs, "B", 'A', "3 B");
  /* Two users at the same level: the lower code is named, whatever the order. */
  add (store, "U2", "data", "1", "1", "2");
  add (store, "U1", "data", "1", "1", "2");
  add (store, "X", "hardware", "1", "1", "1");
  depend (store, "U2", "X");
  depend (store, "U1", "X");
  g_autoptr (GHashTable) tie = dc_protection_compute (store, scheme, &error);
  EXPECT_NEED (tie, "X", 'A', "2 U1");
  test_rmdir (dir);
}

static void
test_cycle_named (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcScheme) scheme = NULL;
  g_autoptr (DcStore) store = org (dir, &scheme);
  add (store, "P", "data", "3", "1", "1");
  add (store, "Q", "software", "1", "1", "1");
  add (store, "R", "hardware", "1", "1", "1");
  add (store, "Z", "data", "2", "1", "1");
  depend (store, "P", "Q");
  depend (store, "Q", "R");
  depend (store, "Z", "P");
  g_autoptr (GError) error = NULL;
  /* daicho refuses the edge that closes it... */
  CU_ASSERT_FALSE (dc_asset_depend (store, "R", "P", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "cycle") : NULL);
  g_clear_error (&error);
  /* ...and a register that has one anyway (written by another tool) cannot
   * inherit: the cycle is named, whichever asset the walk starts from. */
  CU_ASSERT_TRUE (dc_store_exec (store,
                                 "INSERT INTO asset_dependency SELECT a.id, b.id FROM asset a, asset b"
                                 " WHERE a.code = 'R' AND b.code = 'P'", NULL));
  g_autoptr (GHashTable) needs = dc_protection_compute (store, scheme, &error);
  CU_ASSERT_PTR_NULL (needs);
  CU_ASSERT_TRUE (g_error_matches (error, DC_RISK_ERROR, DC_ERROR_CONFLICT));
  const char *message = error ? error->message : "";
  /* Along "uses", from its lowest code. */
  CU_ASSERT_PTR_NOT_NULL (strstr (message, "cycle P → Q → R → P "));
  CU_ASSERT_PTR_NULL (strstr (message, "Z →"));  /* Z uses the cycle but is not on it */
  test_rmdir (dir);
}

static void
test_overrides (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcScheme) scheme = NULL;
  g_autoptr (DcStore) store = org (dir, &scheme);
  chain (store);
  g_autoptr (GError) error = NULL;
  gint64 history = test_count (store, "history");
  /* No reason, no effect: refused, nothing recorded. */
  CU_ASSERT_FALSE (dc_protection_override (store, "S", 'C', "1", "distribution", "  ", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "the reason") : NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_protection_override (store, "S", 'C', "1", NULL, "理由", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "the effect") : NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_protection_override (store, "S", 'C', "9", "分散効果", "理由", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "allowed: 1 一般") : NULL);
  g_clear_error (&error);
  CU_ASSERT_EQUAL (test_count (store, "history"), history);

  /* Down (distribution): S holds only an encrypted, split copy. */
  CU_ASSERT_TRUE (dc_protection_override (store, "S", 'C', "1 一般", "分散効果",
                                          "暗号化した分割データのみを保持するため", &error));
  g_assert_no_error (error);
  /* Up (cumulation): H carries many systems. */
  CU_ASSERT_TRUE (dc_protection_override (store, "H", 'A', "3", "cumulation",
                                          "多数の業務システムが稼働するため", &error));
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 2);
  g_autoptr (GHashTable) needs = dc_protection_compute (store, scheme, &error);
  EXPECT_NEED (needs, "S", 'C', "1 D override");   /* inherited 3 from D, overridden to 1 */
  const DcNeed *s = dc_protection_need (g_hash_table_lookup (needs, "S"), 'C');
  CU_ASSERT_STRING_EQUAL (s->inherited->label, "3");
  CU_ASSERT_STRING_EQUAL (s->effect, "distribution");
  CU_ASSERT_STRING_EQUAL (dc_protection_effect_name (s->effect), "分散効果");
  EXPECT_NEED (needs, "H", 'C', "2 H");            /* the override is what H inherits */
  EXPECT_NEED (needs, "H", 'A', "3 H override");
  g_autofree char *snapshot = dc_snapshot (store, "risk_override", "H/A", &error);
  CU_ASSERT_STRING_EQUAL (snapshot, "{\"asset\":\"H\",\"property\":\"A\",\"level\":\"3\",\"effect\":\"cumulation\","
                                    "\"reason\":\"多数の業務システムが稼働するため\",\"set_on\":\"2026-11-22\"}");
  /* Removed: the maximum principle again. */
  CU_ASSERT_TRUE (dc_protection_remove_override (store, "S", 'C', &error));
  CU_ASSERT_FALSE (dc_protection_remove_override (store, "S", 'C', &error));
  g_clear_error (&error);
  g_autoptr (GHashTable) again = dc_protection_compute (store, scheme, &error);
  EXPECT_NEED (again, "S", 'C', "3 D");
  EXPECT_NEED (again, "H", 'C', "3 D");
  g_auto (DcVerifyReport) report = { 0 };
  CU_ASSERT_TRUE (dc_history_verify (store, &report, &error));
  g_assert_no_error (error);
  test_rmdir (dir);
}

TEST_MAIN ("protection",
           { "the maximum principle over a chain", test_chain },
           { "the maximum principle over a diamond; ties named by code", test_diamond },
           { "a dependency cycle is refused with the cycle named", test_cycle_named },
           { "overrides need an effect and a reason, and propagate", test_overrides })
