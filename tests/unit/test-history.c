/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-history: the hash chain, its verification, and one entry per change. */
#include "testlib.h"
#include "store/dc-engine.h"   /* the engine's own view of the transaction */

static gint64
history_count (DcStore *store)
{
  return test_count (store, "history");
}

static gboolean
verify (DcStore *store, DcVerifyReport *report, GError **error)
{
  return dc_history_verify (store, report, error);
}

static void
test_chain_links_and_hashes (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GPtrArray) entries = dc_history_list (store, NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (entries);
  CU_ASSERT_EQUAL (entries->len, 9);  /* init, organisation, 7 records */
  const char *prev = DC_HISTORY_GENESIS_HASH;
  for (guint i = 0; i < entries->len; i++) {
    DcHistoryEntry *e = g_ptr_array_index (entries, i);
    CU_ASSERT_EQUAL (e->seq, (gint64) i + 1);
    CU_ASSERT_STRING_EQUAL (e->prev_hash, prev);
    g_autofree char *hash = dc_history_entry_hash (e);
    CU_ASSERT_STRING_EQUAL (e->hash, hash);
    CU_ASSERT_STRING_EQUAL (e->actor, test_actor ());
    CU_ASSERT_TRUE (g_str_has_suffix (e->at, "Z"));
    prev = e->hash;
  }
  DcHistoryEntry *last = g_ptr_array_index (entries, entries->len - 1);
  CU_ASSERT_STRING_EQUAL (last->entity, "asset");
  CU_ASSERT_PTR_NULL (last->before_json);
  CU_ASSERT_PTR_NOT_NULL (strstr (last->after_json, "\"name\":\"入居者台帳\""));
  g_auto (DcVerifyReport) report;
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (verify (store, &report, &error));
  CU_ASSERT_EQUAL (report.entries, 9);
  CU_ASSERT_STRING_EQUAL (report.head_hash, last->hash);
  test_rmdir (dir);
}

/* The canonical form is fixed: a known entry has a known hash. */
static void
test_hash_is_canonical (void)
{
  DcHistoryEntry e = { 1, "2026-04-01T00:00:00.000Z", "a", "add", "section", "s", NULL,
                       "{\"code\":\"s\"}", DC_HISTORY_GENESIS_HASH, NULL };
  g_autofree char *hash = dc_history_entry_hash (&e);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *canonical = "1:1\n24:2026-04-01T00:00:00.000Z\n1:a\n3:add\n7:section\n1:s\n-\n"
                          "12:{\"code\":\"s\"}\n64:" DC_HISTORY_GENESIS_HASH "\n";
  g_checksum_update (sum, (const guchar *) canonical, -1);
  CU_ASSERT_STRING_EQUAL (hash, g_checksum_get_string (sum));
  /* Moving a byte between fields changes the hash (length prefixes). */
  DcHistoryEntry f = e;
  f.actor = "ad";
  f.action = "d";
  g_autofree char *other = dc_history_entry_hash (&f);
  CU_ASSERT_STRING_NOT_EQUAL (hash, other);
}

static void
expect_tampered (DcStore *store, gint64 first_bad, const char *words)
{
  g_auto (DcVerifyReport) report;
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (verify (store, &report, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_HISTORY_ERROR, DC_ERROR_TAMPERED));
  CU_ASSERT_EQUAL (report.first_bad_seq, first_bad);
  if (!report.problem || !strstr (report.problem, words))
    fprintf (stderr, "expected '%s' in: %s\n", words, report.problem);
  CU_ASSERT_PTR_NOT_NULL (report.problem ? strstr (report.problem, words) : NULL);
}

static void
test_edited_row_detected (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  test_tamper (store, "UPDATE history SET actor = 'mallory' WHERE seq = 4;");
  expect_tampered (store, 4, "entry 4 was changed");
  test_rmdir (dir);
}

static void
test_deleted_row_detected (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  test_tamper (store, "DELETE FROM history WHERE seq = 6;");
  expect_tampered (store, 6, "entry 6 is missing");
  test_rmdir (dir);
}

static void
test_reordered_rows_detected (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  test_tamper (store, "UPDATE history SET seq = 100 WHERE seq = 3;"
                 "UPDATE history SET seq = 3 WHERE seq = 5;"
                 "UPDATE history SET seq = 5 WHERE seq = 100;");
  expect_tampered (store, 3, "entry 3");
  test_rmdir (dir);
}

/* Rewriting a row and recomputing its own hash still breaks the next link. */
static void
test_rehashed_row_detected (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GPtrArray) entries = dc_history_list (store, NULL, NULL);
  DcHistoryEntry *e = g_ptr_array_index (entries, 4);
  g_free (e->actor);
  e->actor = g_strdup ("mallory");
  g_autofree char *forged = dc_history_entry_hash (e);
  g_autofree char *sql = g_strdup_printf (                         "UPDATE history SET actor = 'mallory', hash = '%s'"
                                          " WHERE seq = 5;", forged);
  test_tamper (store, sql);
  expect_tampered (store, 6, "entry 6 does not follow entry 5");
  test_rmdir (dir);
}

static void
test_data_changed_outside_detected (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  test_tamper (store, "UPDATE asset SET name = '改ざん' WHERE code = 'A-0001';");
  expect_tampered (store, 0, "asset A-0001 differs");
  test_tamper (store, "UPDATE asset SET name = '入居者台帳' WHERE code = 'A-0001';"
                 "DELETE FROM section WHERE code = 'kensetsu' AND 1 = 0;"
                 "INSERT INTO person (employee_no, name) VALUES ('999', 'ghost');");
  expect_tampered (store, 0, "person 999 exists in the register but no history");
  test_tamper (store, "DELETE FROM person WHERE employee_no IN ('999', '000102');");
  expect_tampered (store, 0, "person 000102 is recorded in history but missing");
  test_rmdir (dir);
}

static void
test_append_only_triggers (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  g_autoptr (GError) error = NULL;
  CU_ASSERT_FALSE (dc_store_exec (store, "UPDATE history SET actor = 'x'", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "cannot be changed") : NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_store_exec (store, "DELETE FROM history", &error));
  CU_ASSERT_EQUAL (history_count (store), 2);
  test_rmdir (dir);
}

static gboolean
apply_nothing (DcStore *store, gpointer data, GError **error)
{
  return TRUE;
}

static gboolean
apply_then_fail (DcStore *store, gpointer data, GError **error)
{
  dc_store_exec (store, "UPDATE asset SET name = 'half' WHERE code = 'A-0001'", NULL);
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, "refused");
  return FALSE;
}

static void
test_change_is_atomic (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  gint64 before = history_count (store);
  g_autoptr (GError) error = NULL;
  /* A change that changes nothing records nothing. */
  CU_ASSERT_TRUE (dc_change (store, "edit", "asset", "A-0001", apply_nothing, NULL, &error));
  CU_ASSERT_EQUAL (history_count (store), before);
  /* A failed change leaves neither data nor history behind. */
  CU_ASSERT_FALSE (dc_change (store, "edit", "asset", "A-0001", apply_then_fail, NULL, &error));
  CU_ASSERT_EQUAL (history_count (store), before);
  g_autoptr (DcRecord) asset = dc_record_get_one (store, &dc_asset_kind, "A-0001", NULL);
  CU_ASSERT_STRING_EQUAL (dc_record_get (asset, "name"), "入居者台帳");
  CU_ASSERT_TRUE (store->engine->outside_transaction (store));
  /* Inside a caller's transaction a failed change undoes only itself. */
  g_clear_error (&error);
  CU_ASSERT_TRUE_FATAL (dc_store_begin (store, &error));
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "x1", "name", "X1", NULL));
  CU_ASSERT_FALSE (dc_change (store, "edit", "asset", "A-0001", apply_then_fail, NULL, &error));
  CU_ASSERT_FALSE (store->engine->outside_transaction (store));
  dc_store_rollback (store);
  CU_ASSERT_EQUAL (history_count (store), before);
  g_clear_error (&error);
  g_auto (DcVerifyReport) report;
  CU_ASSERT_TRUE (verify (store, &report, &error));
  test_rmdir (dir);
}

static void
test_changes_diff (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (DcRecord) changes = dc_record_new (&dc_asset_kind);
  dc_record_set (changes, "c", "4", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (dc_asset_edit (store, "A-0001", changes, &error));
  DcHistoryFilter filter = { "asset", "A-0001", NULL };
  g_autoptr (GPtrArray) entries = dc_history_list (store, &filter, NULL);
  CU_ASSERT_EQUAL_FATAL (entries->len, 2);
  g_autoptr (GPtrArray) diff = dc_history_changes (store, g_ptr_array_index (entries, 1), NULL);
  CU_ASSERT_EQUAL_FATAL (diff->len, 2);  /* c and version; updated_on is the same day */
  DcFieldChange *c = g_ptr_array_index (diff, 0);
  CU_ASSERT_STRING_EQUAL (c->field, "c");
  CU_ASSERT_STRING_EQUAL (c->before, "3");
  CU_ASSERT_STRING_EQUAL (c->after, "4");
  test_rmdir (dir);
}

/* Snapshots are compared with what history recorded years ago: their shape
 * may only change together with a migration that records the new shape.
 * If this test fails, write that migration before changing the expectation. */
static void
test_snapshot_shapes_are_fixed (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_post_assign (store, "kacho", "000101", "2025-04-01", NULL, &error));
  const char *expected[][3] = {
    { "section", "jutaku", "{\"code\":\"jutaku\",\"name\":\"住宅課\",\"parent\":\"kensetsu\"}" },
    { "person", "000101", "{\"employee_no\":\"000101\",\"name\":\"住宅 一郎\",\"section\":null,"
                          "\"employment\":\"regular\",\"status\":\"active\",\"status_date\":null}" },
    { "post", "kacho", "{\"code\":\"kacho\",\"name\":\"住宅課長\",\"section\":\"jutaku\",\"description\":\"\","
                       "\"assignments\":[{\"employee_no\":\"000101\",\"from\":\"2025-04-01\",\"to\":null}]}" },
    { "asset", "A-0001", "{\"code\":\"A-0001\",\"type\":\"data\",\"name\":\"入居者台帳\",\"main_items\":\"\","
                         "\"personal_info\":\"none\",\"c\":\"3\",\"i\":\"2\",\"a\":\"1\",\"external_io\":\"none\","
                         "\"access_restriction\":\"\",\"section\":\"jutaku\",\"post\":\"kacho\",\"system\":null,"
                         "\"storage\":\"\",\"retention\":\"\",\"status\":\"active\",\"disposed_on\":null,"
                         "\"disposal_method\":null,\"disposal_certificate\":null,\"note\":\"\","
                         "\"created_on\":\"2026-11-22\",\"updated_on\":\"2026-11-22\",\"last_reviewed_on\":null,"
                         "\"next_review_due\":\"2027-03-31\",\"version\":1,\"depends_on\":[]}" },
    { "setting", "organisation", "{\"key\":\"organisation\",\"value\":\"テスト市\"}" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++) {
    g_autofree char *json = dc_snapshot (store, expected[i][0], expected[i][1], &error);
    if (g_strcmp0 (json, expected[i][2]) != 0)
      fprintf (stderr, "%s %s: %s\n", expected[i][0], expected[i][1], json);
    CU_ASSERT_STRING_EQUAL (json, expected[i][2]);
  }
  /* The scheme's snapshot covers its levels, types and definitions. */
  g_autofree char *scheme = dc_snapshot (store, "scheme", "chitose", &error);
  CU_ASSERT_TRUE (g_str_has_prefix (scheme, "{\"name\":\"chitose\",\"title\":"));
  CU_ASSERT_PTR_NOT_NULL (strstr (scheme, "\"types\":[{\"code\":\"data\",\"position\":1,\"name\":\"データ\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (scheme, "\"label\":\"4\",\"rank\":4,\"name\":\"極秘\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (scheme, "\"definitions\":{\"data\":\"第三者に開示・提供可能\""));
  test_rmdir (dir);
}

TEST_MAIN ("history",
           { "snapshot shapes are fixed (a change needs a migration)", test_snapshot_shapes_are_fixed },
           { "entries chain by hash, oldest first [SEC-TAMPER-01]", test_chain_links_and_hashes },
           { "the hash covers a fixed canonical form [SEC-TAMPER-01]", test_hash_is_canonical },
           { "an edited history row is found [SEC-TAMPER-01]", test_edited_row_detected },
           { "a deleted history row is found [SEC-TAMPER-01]", test_deleted_row_detected },
           { "reordered history rows are found [SEC-TAMPER-01]", test_reordered_rows_detected },
           { "a row rewritten with a new hash breaks the next link [SEC-TAMPER-01]", test_rehashed_row_detected },
           { "data changed, added or deleted outside daicho is found [SEC-TAMPER-03]", test_data_changed_outside_detected },
           { "history rows refuse UPDATE and DELETE [SEC-TAMPER-02]", test_append_only_triggers },
           { "a change is one transaction with one entry, or nothing [SEC-FAULT-04]", test_change_is_atomic },
           { "the changed fields of an entry", test_changes_diff })
