/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-risk: rating, treating and accepting risks; statuses on the day they
 * are read (an expired acceptance is due again); finding risks by what
 * people type; filters. */
#include "testlib.h"
#include <string.h>

static DcStore *
assessed_register (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);  /* A-0001 入居者台帳 C3 I2 A1 */
  GError *error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_post_kind, &error, "code", "ciso", "name", "情報管理最高責任者", NULL));
  g_auto (DcRiskRunAssessReport) report = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_risk_run_assess (store, NULL, &report, &error));
  return store;
}

static DcRiskLine *
line (DcStore *store, const char *code)
{
  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, NULL);
  DcRiskLine *l = dc_risk_get (store, context, code, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (l);
  return l;
}

#define EXPECT_FIELD(l, field, expected)                                              \
  do {                                                                                \
    if (g_strcmp0 ((l)->v[field], expected) != 0)                                     \
      fprintf (stderr, "%s: %s\n", dc_risk_field_name (field), (l)->v[field]);        \
    CU_ASSERT_STRING_EQUAL ((l)->v[field] ? (l)->v[field] : "(null)", expected);     \
  } while (0)

static void
test_rating_rescores (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = assessed_register (dir);
  g_autoptr (GError) error = NULL;
  /* Unauthorised access: defaults 2 and 2 → 被害発生可能性 1. */
  g_autoptr (DcRiskLine) before = line (store, "A-0001/T01");
  EXPECT_FIELD (before, DC_RISK_FORMULA, "3 × 1 = 3");
  CU_ASSERT_PTR_NULL (before->v[DC_RISK_RATED_ON]);
  gint64 history = test_count (store, "history");
  DcRiskChanges rate = { .likelihood = "3", .vulnerability = "３", .controls = "ID・パスワードのみ" };
  CU_ASSERT_TRUE (dc_risk_set (store, "A-0001/T01", &rate, &error));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 1);
  g_autoptr (DcRiskLine) after = line (store, "A-0001/T01");
  EXPECT_FIELD (after, DC_RISK_FORMULA, "3 × 3 = 9");
  EXPECT_FIELD (after, DC_RISK_LEVEL, "high");
  EXPECT_FIELD (after, DC_RISK_CONTROLS, "ID・パスワードのみ");
  EXPECT_FIELD (after, DC_RISK_RATED_ON, "2026-11-22");
  /* A rating a person gave survives the next assessment. */
  g_auto (DcRiskRunAssessReport) report = { 0 };
  CU_ASSERT_TRUE (dc_risk_run_assess (store, NULL, &report, &error));
  g_autoptr (DcRiskLine) kept = line (store, "A-0001/T01");
  EXPECT_FIELD (kept, DC_RISK_FORMULA, "3 × 3 = 9");
  /* Off the scale: refused with the scale's meanings, nothing recorded. */
  history = test_count (store, "history");
  DcRiskChanges bad = { .likelihood = "4" };
  CU_ASSERT_FALSE (dc_risk_set (store, "A-0001/T01", &bad, &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "3 通常の業務で発生しうる") : NULL);
  CU_ASSERT_EQUAL (test_count (store, "history"), history);
  g_clear_error (&error);
  /* The residual rating after a control. */
  DcRiskChanges plan = { .treatment = "低減", .control = "多要素認証を導入する", .owner = "住宅課長",
                         .due = "2027/3/31", .residual_likelihood = "3", .residual_vulnerability = "1" };
  CU_ASSERT_TRUE (dc_risk_set (store, "A-0001/T01", &plan, &error));
  g_assert_no_error (error);
  g_autoptr (DcRiskLine) planned = line (store, "A-0001/T01");
  EXPECT_FIELD (planned, DC_RISK_TREATMENT, "reduce");
  EXPECT_FIELD (planned, DC_RISK_OWNER_POST, "kacho");
  EXPECT_FIELD (planned, DC_RISK_OWNER_POST_NAME, "住宅課長");
  EXPECT_FIELD (planned, DC_RISK_DUE_ON, "2027-03-31");
  EXPECT_FIELD (planned, DC_RISK_RESIDUAL_FORMULA, "3 × 1 = 3");
  EXPECT_FIELD (planned, DC_RISK_RESIDUAL_LEVEL, "low");
  EXPECT_FIELD (planned, DC_RISK_STATUS, "in_progress");
  g_auto (DcVerifyReport) verified = { 0 };
  CU_ASSERT_TRUE (dc_history_verify (store, &verified, &error));
  test_rmdir (dir);
}

static void
test_treatment_statuses (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = assessed_register (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcRiskLine) untreated = line (store, "A-0001/T05");
  EXPECT_FIELD (untreated, DC_RISK_STATUS, "untreated");
  CU_ASSERT_TRUE (dc_risk_status_due (untreated->v[DC_RISK_STATUS]));
  /* Accepting goes through risk accept. */
  DcRiskChanges wrong = { .treatment = "受容" };
  CU_ASSERT_FALSE (dc_risk_set (store, "A-0001/T05", &wrong, &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "daicho risk accept A-0001/T05") : NULL);
  g_clear_error (&error);
  DcRiskChanges unknown = { .treatment = "祈る" };
  CU_ASSERT_FALSE (dc_risk_set (store, "A-0001/T05", &unknown, &error));
  g_clear_error (&error);
  /* Completion needs a treatment. */
  DcRiskChanges early = { .done = "2026-11-01" };
  CU_ASSERT_FALSE (dc_risk_set (store, "A-0001/T05", &early, &error));
  g_clear_error (&error);

  DcRiskChanges plan = { .treatment = "reduce", .control = "外部宛メールの送信保留", .due = "2027-01-31" };
  CU_ASSERT_TRUE (dc_risk_set (store, "A-0001/T05", &plan, &error));
  g_setenv ("DAICHO_TODAY", "2027-02-01", TRUE);
  g_autoptr (DcRiskLine) late = line (store, "A-0001/T05");
  EXPECT_FIELD (late, DC_RISK_STATUS, "overdue");
  DcRiskChanges done = { .done = "2027-02-01", .vulnerability = "1" };
  CU_ASSERT_TRUE (dc_risk_set (store, "A-0001/T05", &done, &error));
  g_autoptr (DcRiskLine) treated = line (store, "A-0001/T05");
  EXPECT_FIELD (treated, DC_RISK_STATUS, "treated");
  EXPECT_FIELD (treated, DC_RISK_FORMULA, "3 × 1 = 3");
  g_setenv ("DAICHO_TODAY", "2026-11-22", TRUE);

  /* Not applicable: only with a reason. */
  DcRiskChanges bare = { .not_applicable = " " };
  CU_ASSERT_FALSE (dc_risk_set (store, "A-0001/T09", &bare, &error));
  g_clear_error (&error);
  DcRiskChanges na = { .not_applicable = "窓口・執務室で表示しないバッチ処理専用のデータ" };
  CU_ASSERT_TRUE (dc_risk_set (store, "A-0001/T09", &na, &error));
  g_autoptr (DcRiskLine) skipped = line (store, "A-0001/T09");
  EXPECT_FIELD (skipped, DC_RISK_STATUS, "not_applicable");
  EXPECT_FIELD (skipped, DC_RISK_APPLICABLE, "0");
  DcRiskChanges back = { .applicable = TRUE };
  CU_ASSERT_TRUE (dc_risk_set (store, "A-0001/T09", &back, &error));
  g_autoptr (DcRiskLine) again = line (store, "A-0001/T09");
  EXPECT_FIELD (again, DC_RISK_STATUS, "within_criteria");
  test_rmdir (dir);
}

static void
test_acceptance_expires (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = assessed_register (dir);
  g_autoptr (GError) error = NULL;
  gint64 history = test_count (store, "history");
  /* Each of approver, expiry and reason is required. */
  CU_ASSERT_FALSE (dc_risk_accept (store, "A-0001/T15", NULL, "2027-03-31", "理由", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "--approver") : NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_risk_accept (store, "A-0001/T15", "ciso", NULL, "理由", &error));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_risk_accept (store, "A-0001/T15", "ciso", "2027-03-31", "", &error));
  g_clear_error (&error);
  /* The expiry lies after today and within 12 months. */
  CU_ASSERT_FALSE (dc_risk_accept (store, "A-0001/T15", "ciso", "2026-11-22", "理由", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "after today (2026-11-22)") : NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_risk_accept (store, "A-0001/T15", "ciso", "2027-11-23", "理由", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "at the latest on 2027-11-22") : NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_risk_accept (store, "A-0001/T15", "no-such-post", "2027-03-31", "理由", &error));
  g_clear_error (&error);
  CU_ASSERT_EQUAL (test_count (store, "history"), history);

  CU_ASSERT_TRUE (dc_risk_accept (store, "A-0001/T15", "情報管理最高責任者", "2027-03-31",
                                  "入力内容は翌日に複数人で照合しており影響が限定的", &error));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 1);
  g_autoptr (DcRiskLine) accepted = line (store, "A-0001/T15");
  EXPECT_FIELD (accepted, DC_RISK_STATUS, "accepted");
  EXPECT_FIELD (accepted, DC_RISK_TREATMENT, "accept");
  EXPECT_FIELD (accepted, DC_RISK_APPROVER_POST, "ciso");
  EXPECT_FIELD (accepted, DC_RISK_ACCEPTED_ON, "2026-11-22");
  EXPECT_FIELD (accepted, DC_RISK_ACCEPT_UNTIL, "2027-03-31");
  /* Valid through its last day; due again the day after. */
  g_setenv ("DAICHO_TODAY", "2027-03-31", TRUE);
  g_autoptr (DcRiskLine) last_day = line (store, "A-0001/T15");
  EXPECT_FIELD (last_day, DC_RISK_STATUS, "accepted");
  g_setenv ("DAICHO_TODAY", "2027-04-01", TRUE);
  g_autoptr (DcRiskLine) expired = line (store, "A-0001/T15");
  EXPECT_FIELD (expired, DC_RISK_STATUS, "acceptance_expired");
  CU_ASSERT_TRUE (dc_risk_status_due (expired->v[DC_RISK_STATUS]));
  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, &error);
  DcRiskFilter due = { .due = TRUE };
  g_autoptr (GPtrArray) lines = dc_risk_list (store, context, &due, &error);
  gboolean listed = FALSE;
  for (guint i = 0; i < lines->len; i++)
    listed |= g_str_equal (((DcRiskLine *) g_ptr_array_index (lines, i))->v[DC_RISK_CODE], "A-0001/T15");
  CU_ASSERT_TRUE (listed);
  /* Accepted again for the new fiscal year. */
  CU_ASSERT_TRUE (dc_risk_accept (store, "A-0001/T15", "ciso", "2028-03-31", "前年度と同じ", &error));
  g_autoptr (DcRiskLine) renewed = line (store, "A-0001/T15");
  EXPECT_FIELD (renewed, DC_RISK_STATUS, "accepted");
  EXPECT_FIELD (renewed, DC_RISK_ACCEPTED_ON, "2027-04-01");
  /* Another treatment clears the acceptance. */
  DcRiskChanges reduce = { .treatment = "reduce" };
  CU_ASSERT_TRUE (dc_risk_set (store, "A-0001/T15", &reduce, &error));
  g_autoptr (DcRiskLine) reduced = line (store, "A-0001/T15");
  CU_ASSERT_PTR_NULL (reduced->v[DC_RISK_APPROVER_POST]);
  CU_ASSERT_PTR_NULL (reduced->v[DC_RISK_ACCEPT_UNTIL]);
  g_setenv ("DAICHO_TODAY", "2026-11-22", TRUE);
  test_rmdir (dir);
}

static void
test_finding_and_filtering (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = assessed_register (dir);
  g_autoptr (GError) error = NULL;
  const char *forms[] = { "A-0001/T05", "A-0001 T05", "入居者台帳/t05", "Ａ－０００１／T05" };
  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++) {
    g_autofree char *code = dc_risk_resolve (store, forms[i], &error);
    if (!code)
      fprintf (stderr, "%s: %s\n", forms[i], error ? error->message : "");
    CU_ASSERT_STRING_EQUAL (code ? code : "", "A-0001/T05");
    g_clear_error (&error);
  }
  g_autofree char *none = dc_risk_resolve (store, "A-0001/T03", &error);
  CU_ASSERT_PTR_NULL (none);
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "its threats: T01, T02, T05") : NULL);
  g_clear_error (&error);
  g_autofree char *alone = dc_risk_resolve (store, "A-0001", &error);
  CU_ASSERT_PTR_NULL (alone);
  g_clear_error (&error);

  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, &error);
  DcRiskFilter high = { .level = "高" };
  g_autoptr (GPtrArray) highs = dc_risk_list (store, context, &high, &error);
  /* Data of C3: T02 malware and T05 mail (likelihood 3 → 被害発生可能性 2, C 3 × 2 = 6);
   * T15 operator error is I (2 × 2 = 4, 中). */
  CU_ASSERT_EQUAL (highs->len, 2);
  for (guint i = 0; i < highs->len; i++)
    EXPECT_FIELD ((DcRiskLine *) g_ptr_array_index (highs, i), DC_RISK_LEVEL, "high");
  DcRiskFilter medium = { .level = "medium", .status = "未対応" };
  g_autoptr (GPtrArray) mediums = dc_risk_list (store, context, &medium, &error);
  CU_ASSERT_EQUAL_FATAL (mediums->len, 1);
  EXPECT_FIELD ((DcRiskLine *) g_ptr_array_index (mediums, 0), DC_RISK_CODE, "A-0001/T15");
  EXPECT_FIELD ((DcRiskLine *) g_ptr_array_index (mediums, 0), DC_RISK_FORMULA, "2 × 2 = 4");
  DcRiskFilter due = { .due = TRUE };
  g_autoptr (GPtrArray) dues = dc_risk_list (store, context, &due, &error);
  CU_ASSERT_EQUAL (dues->len, 3);
  CU_ASSERT_STRING_EQUAL (dc_risk_status_code ("受容期限切れ"), "acceptance_expired");
  CU_ASSERT_STRING_EQUAL (dc_risk_status_code ("受容期限超過"), "acceptance_expired");
  CU_ASSERT_STRING_EQUAL (dc_risk_status_name ("acceptance_expired"), "受容期限超過");
  CU_ASSERT_STRING_EQUAL (dc_risk_treatment_code ("移転"), "transfer");
  CU_ASSERT_STRING_EQUAL (dc_risk_treatment_name ("avoid"), "回避");

  /* Closed risks are kept but left alone. */
  CU_ASSERT_TRUE (dc_asset_dispose (store, "A-0001", "2026-11-20", "溶解処理", NULL, &error));
  g_auto (DcRiskRunAssessReport) report = { 0 };
  CU_ASSERT_TRUE (dc_risk_run_assess (store, NULL, &report, &error));
  CU_ASSERT_EQUAL (report.closed, 13);
  g_autoptr (DcRiskContext) later = dc_risk_context_new (store, &error);
  g_autoptr (GPtrArray) open = dc_risk_list (store, later, NULL, &error);
  CU_ASSERT_EQUAL (open->len, 0);
  DcRiskFilter all = { .closed = TRUE };
  g_autoptr (GPtrArray) kept = dc_risk_list (store, later, &all, &error);
  CU_ASSERT_EQUAL (kept->len, 13);
  DcRiskChanges late = { .likelihood = "1" };
  CU_ASSERT_FALSE (dc_risk_set (store, "A-0001/T05", &late, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_RISK_ERROR, DC_ERROR_CONFLICT));
  test_rmdir (dir);
}

TEST_MAIN ("risk",
           { "ratings rescore the risk, survive the next assessment, residual rating", test_rating_rescores },
           { "treatment, overdue and completed, not applicable with a reason", test_treatment_statuses },
           { "acceptance needs approver, expiry and reason; expired acceptance is due again", test_acceptance_expires },
           { "risks found by what people type; filters by level, status, due; closed risks", test_finding_and_filtering })
