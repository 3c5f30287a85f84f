/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-asset: defaults, edits, life cycle and dependencies. */
#include "testlib.h"

static DcRecord *
get (DcStore *store, const char *code)
{
  g_autoptr (GError) error = NULL;
  DcRecord *record = dc_record_get_one (store, &dc_asset_kind, code, &error);
  g_assert_no_error (error);
  return record;
}

static void
test_add_defaults_and_codes (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);  /* A-0001, added on DAICHO_TODAY 2026-11-22 */
  g_autoptr (DcRecord) a = get (store, "A-0001");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "status"), "active");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "created_on"), "2026-11-22");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "next_review_due"), "2027-03-31");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "version"), "1");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "personal_info"), "none");
  CU_ASSERT_PTR_NULL (dc_record_get (a, "last_reviewed_on"));
  GError *error = NULL;
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "code", "A-0041", "type", "data", "name", "y",
                            "c", "1", "i", "1", "a", "1", "section", "jutaku", "post", "kacho", NULL));
  g_autoptr (DcRecord) next = dc_record_new (&dc_asset_kind);
  const char *fields[] = { "type", "data", "name", "z", "c", "1", "i", "1", "a", "1", "section", "jutaku", "post", "kacho" };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i += 2)
    dc_record_set (next, fields[i], fields[i + 1], NULL);
  CU_ASSERT_TRUE (dc_asset_add (store, next, &error));
  CU_ASSERT_STRING_EQUAL (dc_record_key (next), "A-0042");
  test_rmdir (dir);
}

static void
test_edit_bumps_version_not_review_dates (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_setenv ("DAICHO_TODAY", "2027-05-10", TRUE);
  g_autoptr (DcRecord) changes = dc_record_new (&dc_asset_kind);
  dc_record_set (changes, "storage", "書庫 キャビネットB-3", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_asset_edit (store, "A-0001", changes, &error));
  g_autoptr (DcRecord) a = get (store, "A-0001");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "storage"), "書庫 キャビネットB-3");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "version"), "2");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "updated_on"), "2027-05-10");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "created_on"), "2026-11-22");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "next_review_due"), "2027-03-31");
  g_setenv ("DAICHO_TODAY", "2026-11-22", TRUE);
  test_rmdir (dir);
}

static void
test_life_cycle (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  CU_ASSERT_TRUE (dc_asset_retire (store, "A-0001", "システム更新で不要", &error));
  CU_ASSERT_FALSE (dc_asset_retire (store, "A-0001", NULL, &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_CONFLICT);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_asset_dispose (store, "A-0001", "2026-12-01", "", NULL, &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_INVALID);
  g_clear_error (&error);
  CU_ASSERT_TRUE (dc_asset_dispose (store, "A-0001", "2026/12/1", "物理破壊", "CERT-1", &error));
  g_autoptr (DcRecord) a = get (store, "A-0001");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "status"), "disposed");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "disposed_on"), "2026-12-01");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "disposal_method"), "物理破壊");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "disposal_certificate"), "CERT-1");
  CU_ASSERT_STRING_EQUAL (dc_record_get (a, "note"), "システム更新で不要");
  CU_ASSERT_FALSE (dc_asset_dispose (store, "A-0001", "2026-12-02", "溶解", NULL, &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_CONFLICT);
  g_clear_error (&error);
  DcHistoryFilter filter = { "asset", "A-0001", NULL };
  g_autoptr (GPtrArray) entries = dc_history_list (store, &filter, NULL);
  CU_ASSERT_EQUAL_FATAL (entries->len, 3);
  CU_ASSERT_STRING_EQUAL (((DcHistoryEntry *) g_ptr_array_index (entries, 1))->action, "retire");
  CU_ASSERT_STRING_EQUAL (((DcHistoryEntry *) g_ptr_array_index (entries, 2))->action, "dispose");
  test_rmdir (dir);
}

static void
add_plain (DcStore *store, const char *code)
{
  GError *error = NULL;
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "code", code, "type", "hardware", "name", code,
                            "c", "1", "i", "1", "a", "1", "section", "jutaku", "post", "kacho", NULL));
  g_assert_no_error (error);
}

static void
test_dependencies_and_cycles (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  add_plain (store, "SRV");
  add_plain (store, "NET");
  add_plain (store, "DC");
  GError *error = NULL;
  CU_ASSERT_TRUE (dc_asset_depend (store, "A-0001", "SRV", &error));
  CU_ASSERT_TRUE (dc_asset_depend (store, "SRV", "NET", &error));
  CU_ASSERT_TRUE (dc_asset_depend (store, "NET", "DC", &error));
  CU_ASSERT_FALSE (dc_asset_depend (store, "DC", "A-0001", &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_CONFLICT);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "DC → A-0001 → SRV → NET → DC"));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_asset_depend (store, "SRV", "SRV", &error));
  CU_ASSERT_EQUAL (error->code, DC_ERROR_INVALID);
  g_clear_error (&error);
  g_auto (GStrv) uses = dc_asset_dependencies (store, "SRV", FALSE, NULL);
  g_auto (GStrv) used_by = dc_asset_dependencies (store, "SRV", TRUE, NULL);
  CU_ASSERT_EQUAL (g_strv_length (uses), 1);
  CU_ASSERT_STRING_EQUAL (uses[0], "NET");
  CU_ASSERT_STRING_EQUAL (used_by[0], "A-0001");
  /* The dependency is part of the asset's recorded state. */
  g_autofree char *snapshot = dc_snapshot (store, "asset", "A-0001", NULL);
  CU_ASSERT_PTR_NOT_NULL (strstr (snapshot, "\"depends_on\":[\"SRV\"]"));
  CU_ASSERT_TRUE (dc_asset_undepend (store, "NET", "DC", &error));
  CU_ASSERT_TRUE (dc_asset_depend (store, "DC", "A-0001", &error));
  g_auto (DcVerifyReport) report;
  CU_ASSERT_TRUE (dc_history_verify (store, &report, &error));
  test_rmdir (dir);
}

static void
test_value_and_mark (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);  /* C3 I2 A1 */
  g_autoptr (DcScheme) scheme = dc_scheme_from_store (store, NULL);
  g_autoptr (DcRecord) a = get (store, "A-0001");
  CU_ASSERT_EQUAL (dc_asset_value (scheme, a), 3);
  CU_ASSERT_TRUE (dc_scheme_needs_mark (scheme, dc_scheme_level (scheme, 'C', dc_record_get (a, "c"))));
  CU_ASSERT_FALSE (dc_scheme_needs_mark (scheme, dc_scheme_level (scheme, 'C', "2")));
  test_rmdir (dir);
}

static void
test_post_on_a_date (void)
{
  if (!test_file_only ("it places changes in the past with the history's clock; on a server the server stamps the time"))
    return;
  g_autofree char *dir = test_tmpdir ();
  static const char *const times[] = {
    "2025-03-01T00:00:00.000Z", "2025-03-01T00:00:00.001Z", "2025-03-02T00:00:00.000Z",
    "2025-03-02T00:00:00.001Z", "2025-03-02T00:00:00.002Z", "2025-03-02T00:00:00.003Z",
    "2025-03-02T00:00:00.004Z", "2025-03-02T00:00:00.005Z",
    "2025-03-10T00:00:00.000Z",   /* A-0001 entered, post kacho */
    "2025-08-01T00:00:00.000Z",   /* A-0001 moved to kakaricho */
    NULL
  };
  test_clock (times);
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (DcRecord) changes = dc_record_new (&dc_asset_kind);
  dc_record_set (changes, "post", "kakaricho", NULL);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_asset_edit (store, "A-0001", changes, &error));
  test_clock (NULL);
  const char *cases[][2] = {
    { "2025-07-31", "kacho" }, { "2025-08-01", "kakaricho" }, { "2030-01-01", "kakaricho" },
    { "2024-01-01", "kacho" },  /* before it was entered: as first recorded */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *post = dc_asset_post_on (store, "A-0001", cases[i][0], &error);
    CU_ASSERT_STRING_EQUAL (post, cases[i][1]);
  }
  test_rmdir (dir);
}

static void
test_code_series (void)
{
  /* The parts of a code. */
  g_autofree char *prefix = NULL;
  guint digits = 0;
  gint64 number = 0;
  CU_ASSERT_TRUE (dc_asset_code_split ("HO-010", &prefix, &digits, &number));
  CU_ASSERT_STRING_EQUAL (prefix, "HO-");
  CU_ASSERT_EQUAL (digits, 3);
  CU_ASSERT_EQUAL (number, 10);
  CU_ASSERT_FALSE (dc_asset_code_split ("HO-", NULL, NULL, NULL));
  CU_ASSERT_FALSE (dc_asset_code_split ("1234567890123456789", NULL, NULL, NULL));
  /* The series most codes use; its padding kept, or none when unpadded. */
  const char *const office[] = { "HO-001", "HO-002", "X-9", "HO-010", NULL };
  g_clear_pointer (&prefix, g_free);
  guint width = 0;
  CU_ASSERT_TRUE (dc_asset_code_series (office, &prefix, &width));
  CU_ASSERT_STRING_EQUAL (prefix, "HO-");
  CU_ASSERT_EQUAL (width, 3);
  g_autofree char *next = dc_asset_code_next (office, prefix, width, 1);
  CU_ASSERT_STRING_EQUAL (next, "HO-011");
  const char *const plain[] = { "K1", "K2", "K10", NULL };
  g_clear_pointer (&prefix, g_free);
  CU_ASSERT_TRUE (dc_asset_code_series (plain, &prefix, &width));
  CU_ASSERT_EQUAL (width, 1);
  g_autofree char *k = dc_asset_code_next (plain, prefix, width, 1);
  CU_ASSERT_STRING_EQUAL (k, "K11");
  /* A tie: the series of the code added last. */
  const char *const tie[] = { "A-0001", "B-01", NULL };
  g_clear_pointer (&prefix, g_free);
  CU_ASSERT_TRUE (dc_asset_code_series (tie, &prefix, &width));
  CU_ASSERT_STRING_EQUAL (prefix, "B-");
  const char *const none[] = { "総務", NULL };
  CU_ASSERT_FALSE (dc_asset_code_series (none, NULL, NULL));
  /* A pattern's number is the first. */
  g_autofree char *first = dc_asset_code_next (none, "T-", 4, 100);
  CU_ASSERT_STRING_EQUAL (first, "T-0100");
}

static void
test_new_codes_continue_the_series (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);  /* A-0001 in jutaku */
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_section_kind, &error, "code", "honcho", "name", "本庁舎管理課", NULL));
  for (int i = 1; i <= 10; i++) {
    g_autofree char *code = g_strdup_printf ("HO-%03d", i);
    CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "code", code, "type", "data", "name", "x",
                                    "c", "1", "i", "1", "a", "1", "section", "honcho", "post", "kacho", NULL));
  }
  const char *rule = NULL;
  g_autofree char *ho = dc_asset_code_new (store, "本庁舎管理課", NULL, &rule, &error);
  CU_ASSERT_STRING_EQUAL (ho, "HO-011");
  CU_ASSERT_STRING_EQUAL (rule, "the series of the section's assets");
  g_autofree char *jutaku = dc_asset_code_new (store, "jutaku", NULL, NULL, &error);
  CU_ASSERT_STRING_EQUAL (jutaku, "A-0002");
  /* Codes about to be added count too. */
  const char *const taken[] = { "HO-011", NULL };
  g_autofree char *after = dc_asset_code_new (store, "honcho", taken, NULL, &error);
  CU_ASSERT_STRING_EQUAL (after, "HO-012");
  /* A section without assets: the register's pattern, else its series. */
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_section_kind, &error, "code", "zeimu", "name", "税務課", NULL));
  g_autofree char *register_series = dc_asset_code_new (store, "zeimu", NULL, &rule, &error);
  CU_ASSERT_STRING_EQUAL (register_series, "HO-011");
  CU_ASSERT_STRING_EQUAL (rule, "the series of the register's assets");
  CU_ASSERT_TRUE (dc_setting_set (store, DC_ASSET_CODE_SETTING, "ZM-0001", &error));
  g_autofree char *pattern = dc_asset_code_new (store, "zeimu", NULL, &rule, &error);
  CU_ASSERT_STRING_EQUAL (pattern, "ZM-0001");
  g_autoptr (DcRecord) record = dc_record_new (&dc_asset_kind);
  const char *fields[] = { "type", "data", "name", "z", "c", "1", "i", "1", "a", "1", "section", "honcho", "post", "kacho" };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i += 2)
    dc_record_set (record, fields[i], fields[i + 1], NULL);
  CU_ASSERT_TRUE (dc_asset_add (store, record, &error));
  CU_ASSERT_STRING_EQUAL (dc_record_key (record), "HO-011");
  g_assert_no_error (error);
  test_rmdir (dir);
}

TEST_MAIN ("asset",
           { "code series: split, choose, next", test_code_series },
           { "new codes continue the section's series", test_new_codes_continue_the_series },
           { "the responsible post on a date, from history", test_post_on_a_date },
           { "new assets: defaults and generated codes", test_add_defaults_and_codes },
           { "an edit bumps version, not review dates", test_edit_bumps_version_not_review_dates },
           { "retire and dispose with a disposal record", test_life_cycle },
           { "dependencies; a cycle is refused and named", test_dependencies_and_cycles },
           { "重要度 and the handling mark", test_value_and_mark })
