/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-risk-run: `risk assess` creates and scores the risks and freezes a run;
 * a later run (edited catalogue, another method, next fiscal year) leaves the
 * earlier one exactly as it was. */
#include "testlib.h"
#include <string.h>

/* The small organisation plus personal data D (C3 I2 A1) on server H
 * (C2 I3 A2). */
static DcStore *
risk_register (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "code", "D", "type", "data", "name", "住民データ",
                                  "c", "3", "i", "2", "a", "1", "section", "jutaku", "post", "kacho", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "code", "H", "type", "hardware", "name", "サーバ",
                                  "c", "2", "i", "3", "a", "2", "section", "jutaku", "post", "kakaricho", NULL));
  CU_ASSERT_TRUE_FATAL (dc_asset_depend (store, "D", "H", &error));
  return store;
}

static guint
applicable_pairs (DcStore *store)
{
  g_autoptr (DcThreatCatalogue) catalogue = dc_threat_catalogue_from_store (store, NULL, NULL);
  g_autoptr (GPtrArray) assets = dc_record_list (store, &dc_asset_kind, NULL, 0, NULL);
  guint pairs = 0;
  for (guint a = 0; a < assets->len; a++)
    for (guint t = 0; t < catalogue->threats->len; t++)
      pairs += dc_threat_applies (g_ptr_array_index (catalogue->threats, t),
                                  dc_record_get (g_ptr_array_index (assets, a), "type"));
  return pairs;
}

static DcRiskLine *
line (DcStore *store, const char *code)
{
  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, NULL);
  return dc_risk_get (store, context, code, NULL);
}

#define EXPECT_FIELD(l, field, expected) CU_ASSERT_STRING_EQUAL ((l)->v[field], expected)

static gint64
entries_of (DcStore *store, const char *entity)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT count(*) FROM history WHERE entity = ?1", NULL);
  dc_stmt_bind_text (stmt, 1, entity);
  dc_store_step (store, stmt, NULL);
  return dc_stmt_int64 (stmt, 0);
}

static void
test_assess_creates_and_scores (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = risk_register (dir);
  g_autoptr (GError) error = NULL;
  g_auto (DcRiskRunAssessReport) report = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_risk_run_assess (store, NULL, &report, &error));
  guint pairs = applicable_pairs (store);
  /* A-0001 (data) too: 13 threats to data, 11 to hardware. */
  CU_ASSERT_EQUAL (pairs, 13 + 13 + 11);
  CU_ASSERT_EQUAL (report.run, 1);
  CU_ASSERT_EQUAL (report.added, pairs);
  CU_ASSERT_TRUE (report.catalogue_installed);
  CU_ASSERT_EQUAL (report.warnings->len, 0);
  CU_ASSERT_EQUAL (test_count (store, "risk"), pairs);
  CU_ASSERT_EQUAL (entries_of (store, "risk"), pairs);
  CU_ASSERT_EQUAL (entries_of (store, "risk_run"), 1);
  CU_ASSERT_EQUAL (entries_of (store, "threat_catalogue"), 1);

  /* Mail sent to the wrong address (C, likelihood 3, vulnerability 2 → 2). */
  g_autoptr (DcRiskLine) mail = line (store, "D/T05");
  CU_ASSERT_PTR_NOT_NULL_FATAL (mail);
  EXPECT_FIELD (mail, DC_RISK_FORMULA, "3 × 2 = 6");
  EXPECT_FIELD (mail, DC_RISK_LEVEL, "high");
  EXPECT_FIELD (mail, DC_RISK_LEVEL_NAME, "高");
  EXPECT_FIELD (mail, DC_RISK_STATUS, "untreated");
  EXPECT_FIELD (mail, DC_RISK_PROPERTY_NAME, "機密性");
  EXPECT_FIELD (mail, DC_RISK_VALUE_NAME, "課外秘");
  CU_ASSERT_PTR_NULL (mail->v[DC_RISK_VALUE_FROM]);
  /* The server inherits D's confidentiality: value 3, not its own 2. */
  g_autoptr (DcRiskLine) access = line (store, "H/T01");
  EXPECT_FIELD (access, DC_RISK_FORMULA, "3 × 1 = 3");
  EXPECT_FIELD (access, DC_RISK_VALUE_FROM, "D");
  EXPECT_FIELD (access, DC_RISK_STATUS, "within_criteria");
  g_autoptr (DcRiskLine) failure = line (store, "H/T19");
  EXPECT_FIELD (failure, DC_RISK_FORMULA, "2 × 1 = 2");
  EXPECT_FIELD (failure, DC_RISK_PROPERTY, "A");

  /* The register, highest first. */
  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, &error);
  g_autoptr (GPtrArray) lines = dc_risk_list (store, context, NULL, &error);
  CU_ASSERT_EQUAL_FATAL (lines->len, pairs);
  for (guint i = 1; i < lines->len; i++) {
    const DcRiskLine *a = g_ptr_array_index (lines, i - 1), *b = g_ptr_array_index (lines, i);
    guint la = 0, lb = 0;
    dc_risk_method_find_level (context->method, a->v[DC_RISK_LEVEL], &la);
    dc_risk_method_find_level (context->method, b->v[DC_RISK_LEVEL], &lb);
    CU_ASSERT_TRUE (la > lb || (la == lb && dc_risk_line_int (a, DC_RISK_RISK_VALUE) >= dc_risk_line_int (b, DC_RISK_RISK_VALUE)));
  }

  /* Nothing changed: the next run records only itself. */
  gint64 history = test_count (store, "history");
  g_auto (DcRiskRunAssessReport) again = { 0 };
  CU_ASSERT_TRUE (dc_risk_run_assess (store, NULL, &again, &error));
  CU_ASSERT_EQUAL (again.run, 2);
  CU_ASSERT_EQUAL (again.added + again.changed + again.closed, 0);
  CU_ASSERT_FALSE (again.catalogue_installed);
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 1);

  g_autoptr (DcRiskRun) run = dc_risk_run_get (store, 1, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (run);
  CU_ASSERT_STRING_EQUAL (run->catalogue, "standard");
  CU_ASSERT_STRING_EQUAL (run->catalogue_version, "2026.1");
  CU_ASSERT_STRING_EQUAL (run->method, "ipa");
  CU_ASSERT_STRING_EQUAL (run->scheme, "chitose");
  CU_ASSERT_STRING_EQUAL (run->scope, "");
  CU_ASSERT_EQUAL (run->fiscal_year, 2026);
  CU_ASSERT_EQUAL (run->items, pairs);
  g_auto (DcVerifyReport) verified = { 0 };
  CU_ASSERT_TRUE (dc_history_verify (store, &verified, &error));
  g_assert_no_error (error);
  test_rmdir (dir);
}

static char *
run_lines_json (DcStore *store, gint64 number)
{
  g_autoptr (GPtrArray) lines = dc_risk_run_lines (store, number, NULL);
  GString *all = g_string_new (NULL);
  for (guint i = 0; lines && i < lines->len; i++)
    g_string_append_printf (all, "%s\n", ((DcRiskLine *) g_ptr_array_index (lines, i))->json);
  return g_string_free (all, FALSE);
}

static void
test_frozen_run_survives_catalogue_edit (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = risk_register (dir);
  g_autoptr (GError) error = NULL;
  g_auto (DcRiskRunAssessReport) first = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_risk_run_assess (store, NULL, &first, &error));
  g_autofree char *frozen = run_lines_json (store, 1);
  g_autofree char *frozen_record = dc_snapshot (store, "risk_run", "1", &error);
  CU_ASSERT_PTR_NOT_NULL (strstr (frozen, "\"threat_name\":\"電子メールの誤送信（宛先・添付ファイルの誤り）\""));

  /* The office edits the catalogue: T05 renamed and judged less likely,
   * T24 removed. */
  g_autoptr (DcThreatCatalogue) shipped = dc_threat_catalogue_load ("standard", &error);
  g_autoptr (GString) text = g_string_new (shipped->definition);
  g_string_replace (text, "version = 2026.1", "version = 2027.1", 1);
  g_string_replace (text, "name = 電子メールの誤送信（宛先・添付ファイルの誤り）", "name = メール・チャットの誤送信", 1);
  g_string_replace (text, "property = C\ntypes = data\nlikelihood = 3", "property = C\ntypes = data\nlikelihood = 2", 1);
  g_string_truncate (text, strstr (text->str, "[threat T24]") - text->str);
  g_string_append (text, "[threat T26]\nname = 書類の滅失\nproperty = A\ntypes = document\nlikelihood = 2\n");
  g_autoptr (DcThreatCatalogue) edited = dc_threat_catalogue_parse (text->str, text->len, "edited.ini", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (edited);
  CU_ASSERT_TRUE (dc_threat_catalogue_install (store, edited, &error));
  /* And D's confidentiality rises. */
  g_autoptr (DcRecord) changes = dc_record_new (&dc_asset_kind);
  dc_record_set (changes, "c", "4", NULL);
  CU_ASSERT_TRUE (dc_asset_edit (store, "D", changes, &error));

  g_auto (DcRiskRunAssessReport) second = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_risk_run_assess (store, NULL, &second, &error));
  CU_ASSERT_EQUAL (second.closed, 2);  /* D/T24 and A-0001/T24 */
  g_autoptr (DcRiskLine) mail = line (store, "D/T05");
  EXPECT_FIELD (mail, DC_RISK_THREAT_NAME, "メール・チャットの誤送信");
  EXPECT_FIELD (mail, DC_RISK_FORMULA, "4 × 1 = 4");
  EXPECT_FIELD (mail, DC_RISK_LEVEL, "medium");
  g_autoptr (DcRiskLine) backup = line (store, "D/T24");
  EXPECT_FIELD (backup, DC_RISK_STATUS, "closed");

  /* Run 1 is exactly as it was. */
  g_autofree char *still = run_lines_json (store, 1);
  CU_ASSERT_STRING_EQUAL (still, frozen);
  g_autofree char *still_record = dc_snapshot (store, "risk_run", "1", &error);
  CU_ASSERT_STRING_EQUAL (still_record, frozen_record);
  g_autoptr (DcRiskRun) two = dc_risk_run_get (store, 2, &error);
  CU_ASSERT_STRING_EQUAL (two->catalogue_version, "2027.1");
  CU_ASSERT_EQUAL (two->items, first.added - 2);

  /* Next fiscal year's run does not rewrite this year's either. */
  g_setenv ("DAICHO_TODAY", "2027-05-10", TRUE);
  g_auto (DcRiskRunAssessReport) third = { 0 };
  CU_ASSERT_TRUE (dc_risk_run_assess (store, NULL, &third, &error));
  g_setenv ("DAICHO_TODAY", "2026-11-22", TRUE);
  g_autoptr (DcRiskRun) three = dc_risk_run_get (store, 3, &error);
  CU_ASSERT_EQUAL (three->fiscal_year, 2027);
  g_autofree char *after_year = run_lines_json (store, 1);
  CU_ASSERT_STRING_EQUAL (after_year, frozen);
  g_autoptr (DcRiskRun) one = dc_risk_run_get (store, 1, &error);
  CU_ASSERT_EQUAL (one->fiscal_year, 2026);
  CU_ASSERT_STRING_EQUAL (one->catalogue_version, "2026.1");
  g_auto (DcVerifyReport) verified = { 0 };
  CU_ASSERT_TRUE (dc_history_verify (store, &verified, &error));
  g_assert_no_error (error);

  /* A frozen line edited behind daicho's back is found by audit verify. */
  test_tamper (store, "UPDATE risk_run_item SET data = replace(data, '\"risk_value\":', '\"risk_value\":1')"
                     " WHERE run_id = 1 AND seq = 1");
  g_auto (DcVerifyReport) tampered = { 0 };
  CU_ASSERT_FALSE (dc_history_verify (store, &tampered, &error));
  CU_ASSERT_PTR_NOT_NULL (tampered.problem ? strstr (tampered.problem, "risk_run 1 differs") : NULL);
  test_rmdir (dir);
}

static void
test_one_asset_and_method_change (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = risk_register (dir);
  g_autoptr (GError) error = NULL;
  DcRiskAssessOptions options = { "住民データ", "課内の見直し" };
  g_auto (DcRiskRunAssessReport) report = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_risk_run_assess (store, &options, &report, &error));
  g_autoptr (DcRiskRun) run = dc_risk_run_get (store, 1, &error);
  CU_ASSERT_STRING_EQUAL (run->scope, "D");
  CU_ASSERT_STRING_EQUAL (run->note, "課内の見直し");
  CU_ASSERT_EQUAL (run->items, 13);
  CU_ASSERT_EQUAL (test_count (store, "risk"), 13);

  /* The product method from now on; run 1 keeps the IPA method it used. */
  g_autofree char *path = g_build_filename (dir, "product.ini", NULL);
  g_assert_true (g_file_set_contents (path,
      "[risk]\nmethod = product\nlevels = low;medium;high\naccept = low\n"
      "[risk level low]\nname = 低\ncolor = #C6EFCE\nmax = 6\n"
      "[risk level medium]\nname = 中\ncolor = #FFEB9C\nmax = 12\n"
      "[risk level high]\nname = 高\ncolor = #FFC7CE\n", -1, NULL));
  CU_ASSERT_TRUE (dc_risk_method_set (store, path, &error));
  g_auto (DcRiskRunAssessReport) second = { 0 };
  CU_ASSERT_TRUE (dc_risk_run_assess (store, NULL, &second, &error));
  g_autoptr (DcRiskLine) mail = line (store, "D/T05");
  EXPECT_FIELD (mail, DC_RISK_FORMULA, "3 × 3 × 2 = 18");
  EXPECT_FIELD (mail, DC_RISK_LEVEL, "high");
  g_autoptr (DcRiskRun) first_run = dc_risk_run_get (store, 1, &error);
  g_autoptr (DcRiskMethod) first_method = dc_risk_run_method (first_run, &error);
  CU_ASSERT_EQUAL (first_method->kind, DC_RISK_IPA);
  g_autoptr (GPtrArray) frozen = dc_risk_run_lines (store, 1, &error);
  for (guint i = 0; i < frozen->len; i++) {
    const DcRiskLine *l = g_ptr_array_index (frozen, i);
    if (g_str_equal (l->v[DC_RISK_CODE], "D/T05"))
      EXPECT_FIELD (l, DC_RISK_FORMULA, "3 × 2 = 6");
  }
  /* A disposed asset cannot be assessed alone. */
  CU_ASSERT_TRUE (dc_asset_dispose (store, "H", "2026-11-20", "物理破壊", NULL, &error));
  DcRiskAssessOptions gone = { "H", NULL };
  g_auto (DcRiskRunAssessReport) refused = { 0 };
  CU_ASSERT_FALSE (dc_risk_run_assess (store, &gone, &refused, &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "disposed") : NULL);
  test_rmdir (dir);
}

static void
test_uncovered_type_and_cycle (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *custom = test_fixture ("schemes", "custom-2b.ini");
  g_autoptr (DcStore) store = test_register (dir, custom);
  GError *error = NULL;
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "s", "name", "総務課", NULL));
  CU_ASSERT_TRUE (test_add (store, &dc_post_kind, &error, "code", "p", "name", "総務課長", NULL));
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "code", "SYS", "type", "system", "name", "基幹系",
                            "c", "2B", "i", "2", "a", "2", "section", "s", "post", "p", NULL));
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "code", "DAT", "type", "data", "name", "台帳",
                            "c", "3", "i", "2", "a", "1", "section", "s", "post", "p", NULL));
  g_auto (DcRiskRunAssessReport) report = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_risk_run_assess (store, NULL, &report, &error));
  CU_ASSERT_EQUAL_FATAL (report.warnings->len, 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (g_ptr_array_index (report.warnings, 0), "asset type system"));
  /* The 2A/2B labels: C "3" has value 4 in this scheme. */
  g_autoptr (DcRiskLine) mail = line (store, "DAT/T05");
  EXPECT_FIELD (mail, DC_RISK_FORMULA, "4 × 2 = 8");
  EXPECT_FIELD (mail, DC_RISK_VALUE_LABEL, "3");

  /* A dependency cycle stops the assessment before anything is written. */
  CU_ASSERT_TRUE (dc_store_exec (store,
                                 "INSERT INTO asset_dependency SELECT a.id, b.id FROM asset a, asset b WHERE a.code = 'SYS' AND b.code = 'DAT';"
                                 "INSERT INTO asset_dependency SELECT a.id, b.id FROM asset a, asset b WHERE a.code = 'DAT' AND b.code = 'SYS';",
                                 NULL));
  gint64 history = test_count (store, "history");
  g_auto (DcRiskRunAssessReport) refused = { 0 };
  CU_ASSERT_FALSE (dc_risk_run_assess (store, NULL, &refused, &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "cycle") : NULL);
  g_clear_error (&error);
  CU_ASSERT_EQUAL (test_count (store, "history"), history);
  test_rmdir (dir);
}

TEST_MAIN ("risk-run",
           { "assess creates and scores every risk, inherits values, runs again quietly", test_assess_creates_and_scores },
           { "a frozen run is unchanged by an edited catalogue and next year's run", test_frozen_run_survives_catalogue_edit },
           { "one asset at a time; a new method leaves earlier runs alone", test_one_asset_and_method_change },
           { "types no threat covers are reported; a cycle stops the assessment", test_uncovered_type_and_cycle })
