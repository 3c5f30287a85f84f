/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-stocktake: runs stored with their findings, decisions, sign-off, and
 * the digest that lets `audit verify` see an edited finding. */
#include "testlib.h"

typedef struct {
  char *dir;
  DcStore *store;
  char *export;
} World;

static World
world (void)
{
  World w = { test_tmpdir (), NULL, NULL };
  w.store = test_register (w.dir, "chitose");
  test_small_org (w.store);
  GError *error = NULL;
  g_assert_true (test_add (w.store, &dc_system_kind, &error, "code", "sys", "name", "業務システム",
                           "admin_post", "kacho", NULL));
  g_assert_true (dc_post_assign (w.store, "kacho", "000101", "2025-04-01", NULL, &error));
  g_assert_true (dc_post_assign (w.store, "kakaricho", "000102", "2025-04-01", NULL, &error));
  g_autoptr (DcRecord) id = dc_record_new (&dc_id_kind);
  dc_record_set (id, "system", "sys", NULL);
  dc_record_set (id, "login_id", "ichiro", NULL);
  dc_record_set (id, "holder", "000101", NULL);
  g_assert_true (dc_id_add (w.store, NULL, id, &error));
  w.export = g_build_filename (w.dir, "export.csv", NULL);
  g_assert_true (g_file_set_contents (w.export, "ID,状態\nichiro,有効\nguest,有効\nadmin,無効\n", -1, &error));
  g_assert_no_error (error);
  return w;
}

static void
world_free (World *w)
{
  dc_store_free (w->store);
  test_rmdir (w->dir);
  g_free (w->dir);
  g_free (w->export);
}

static DcStocktakeRun *
run (World *w, GError **error)
{
  DcStocktakeOptions options = { "sys", w->export, NULL, "2026-11-22", 0, { 0 }, NULL };
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_auto (DcReconcileResult) result;
  return dc_stocktake_run (w->store, &options, &result, problems, error);
}

static void
test_a_run_is_stored_with_one_history_entry (void)
{
  World w = world ();
  g_autoptr (GError) error = NULL;
  gint64 history = test_count (w.store, "history");
  g_autoptr (DcStocktakeRun) r = run (&w, &error);
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (r->id, 1);
  CU_ASSERT_STRING_EQUAL (r->system, "sys");
  CU_ASSERT_STRING_EQUAL (r->export_file, "export.csv");
  g_autofree char *sha = dc_file_sha256 (w.export, &error);
  CU_ASSERT_STRING_EQUAL (r->export_sha256, sha);
  CU_ASSERT_EQUAL (r->export_rows, 3);
  CU_ASSERT_EQUAL (r->register_entries, 1);
  CU_ASSERT_STRING_EQUAL (r->profile, "generic");
  CU_ASSERT_EQUAL (r->dormant_days, 90);
  CU_ASSERT_STRING_EQUAL (r->operator, test_actor ());
  CU_ASSERT_EQUAL (r->counts[DC_FINDING_UNREGISTERED], 2);
  CU_ASSERT_EQUAL (r->findings, 2);
  CU_ASSERT_EQUAL (g_strv_length (r->notes), 2);   /* no privileges, no last login */
  CU_ASSERT_EQUAL (test_count (w.store, "history"), history + 1);
  g_autoptr (GPtrArray) findings = dc_stocktake_findings (w.store, 1, NULL, FALSE, &error);
  CU_ASSERT_EQUAL (findings->len, 2);
  DcStocktakeFinding *first = g_ptr_array_index (findings, 0);
  CU_ASSERT_STRING_EQUAL (first->finding->raw_login_id, "admin");
  CU_ASSERT_EQUAL (first->finding->seq, 1);
  CU_ASSERT_PTR_NULL (first->decision);
  g_autoptr (DcStocktakeRun) second = run (&w, &error);
  CU_ASSERT_EQUAL (second->id, 2);
  g_autoptr (GPtrArray) runs = dc_stocktake_list (w.store, "業務システム", &error);
  CU_ASSERT_EQUAL (runs->len, 2);
  CU_ASSERT_EQUAL (((DcStocktakeRun *) g_ptr_array_index (runs, 0))->id, 2);   /* newest first */
  DcVerifyReport report;
  CU_ASSERT_TRUE (dc_history_verify (w.store, &report, &error));
  dc_verify_report_clear (&report);
  world_free (&w);
}

static void
test_an_edited_or_removed_finding_fails_verification (void)
{
  const char *edits[] = {
    "UPDATE reconcile_finding SET detail = '問題なし' WHERE seq = 2",
    "DELETE FROM reconcile_finding WHERE seq = 1",
    "INSERT INTO reconcile_finding VALUES (1, 3, 'dormant', 'x', 'x', NULL, '', 'x')",
    "UPDATE reconcile_finding SET holder = '' WHERE seq = 1",   /* NULL and "" differ */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (edits); i++) {
    World w = world ();
    g_autoptr (GError) error = NULL;
    g_autoptr (DcStocktakeRun) r = run (&w, &error);
    CU_ASSERT_TRUE (dc_store_exec (w.store, edits[i], NULL));
    DcVerifyReport report;
    CU_ASSERT_FALSE (dc_history_verify (w.store, &report, &error));
    CU_ASSERT_TRUE (report.problem && strstr (report.problem, "reconcile_run 1 differs"));
    dc_verify_report_clear (&report);
    world_free (&w);
  }
}

static void
test_decisions_then_signoff (void)
{
  World w = world ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DcStocktakeRun) r = run (&w, &error);
  guint decided = 0;
  CU_ASSERT_FALSE (dc_stocktake_signoff (w.store, 1, "kacho", NULL, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT) &&
                  strstr (error->message, "2 findings without a decision (1, 2)"));
  g_clear_error (&error);
  const struct { const char *selection, *kind, *decision, *note, *until, *says; int code; } refused[] = {
    { "1", NULL, "maybe", "x", NULL, "is not allowed", DC_ERROR_INVALID },
    { "1", NULL, "fix", "  ", NULL, "--note is required", DC_ERROR_INVALID },
    { "1", NULL, "exception", "x", NULL, "needs --until", DC_ERROR_INVALID },
    { "1", NULL, "accept", "x", "someday", "not a date", DC_ERROR_INVALID },
    { "3", NULL, "fix", "x", NULL, "there is no finding 3", DC_ERROR_NOT_FOUND },
    { "1-x", NULL, "fix", "x", NULL, "does not name findings", DC_ERROR_INVALID },
    { "all", "dormant", "fix", "x", NULL, "no finding of run 1 matches", DC_ERROR_NOT_FOUND },
    { "all", "hungry", "fix", "x", NULL, "not a kind of finding", DC_ERROR_INVALID },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++) {
    DcStocktakeDecision what = { refused[i].selection, refused[i].kind, FALSE, refused[i].decision,
                        refused[i].note, refused[i].until };
    CU_ASSERT_FALSE (dc_stocktake_decide (w.store, 1, &what, &decided, NULL, &error));
    if (!error || error->code != refused[i].code || !strstr (error->message, refused[i].says))
      fprintf (stderr, "case %zu: %s\n", i, error ? error->message : "(no error)");
    CU_ASSERT_TRUE (error && error->code == refused[i].code && strstr (error->message, refused[i].says));
    g_clear_error (&error);
  }
  CU_ASSERT_EQUAL (test_count (w.store, "reconcile_decision"), 0);
  DcStocktakeDecision fix = { "1", NULL, FALSE, "是正", "削除を依頼", NULL };
  CU_ASSERT_TRUE (dc_stocktake_decide (w.store, 1, &fix, &decided, NULL, &error));
  CU_ASSERT_EQUAL (decided, 1);
  DcStocktakeDecision rest = { "all", NULL, TRUE, "容認", "x", NULL };
  CU_ASSERT_TRUE (dc_stocktake_decide (w.store, 1, &rest, &decided, NULL, &error));
  CU_ASSERT_EQUAL (decided, 1);   /* only the one without a decision */
  DcStocktakeDecision exception = { "all", "unregistered", FALSE, "例外", "委託先の検証用", "2027-03-31" };
  static char unset[] = "unset";   /* not ours to free: the call sets *WARNING without freeing it */
  char *warning = unset;
  CU_ASSERT_TRUE (dc_stocktake_decide (w.store, 1, &exception, &decided, &warning, &error));
  CU_ASSERT_EQUAL (decided, 2);
  CU_ASSERT_PTR_NULL (warning);   /* one note on findings of one kind: no warning */
  if (warning != unset)
    g_free (warning);
  g_autoptr (GPtrArray) open = dc_stocktake_findings (w.store, 1, NULL, TRUE, &error);
  CU_ASSERT_EQUAL (open->len, 0);
  g_autoptr (GPtrArray) all = dc_stocktake_findings (w.store, 1, "unregistered", FALSE, &error);
  DcStocktakeFinding *f = g_ptr_array_index (all, 0);
  CU_ASSERT_STRING_EQUAL (f->decision, "exception");
  CU_ASSERT_STRING_EQUAL (f->until, "2027-03-31");
  CU_ASSERT_STRING_EQUAL (f->decided_by, test_actor ());
  CU_ASSERT_STRING_EQUAL (dc_stocktake_decision_ja (f->decision), "例外");
  /* A post without a holder on the date cannot sign. */
  CU_ASSERT_FALSE (dc_stocktake_signoff (w.store, 1, "kacho", NULL, "2025-01-01", &error));
  CU_ASSERT_TRUE (error && strstr (error->message, "has no holder on 2025-01-01"));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_stocktake_signoff (w.store, 1, "kacho", NULL, "2026-11-25", &error));
  CU_ASSERT_TRUE (error && strstr (error->message, "after today"));
  g_clear_error (&error);
  CU_ASSERT_TRUE (dc_stocktake_signoff (w.store, 1, "住宅課長", "kakaricho", "2026-11-21", &error));
  g_assert_no_error (error);
  g_autoptr (DcStocktakeRun) signed_run = dc_stocktake_get (w.store, 1, &error);
  CU_ASSERT_STRING_EQUAL (signed_run->signoff_post, "kacho");
  CU_ASSERT_STRING_EQUAL (signed_run->signoff_person, "000101");
  CU_ASSERT_STRING_EQUAL (signed_run->checked_person, "000102");
  CU_ASSERT_STRING_EQUAL (signed_run->signoff_on, "2026-11-21");
  CU_ASSERT_EQUAL (signed_run->decided, 2);
  DcStocktakeDecision late = { "1", NULL, FALSE, "fix", "late", NULL };
  CU_ASSERT_FALSE (dc_stocktake_decide (w.store, 1, &late, &decided, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT));
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_stocktake_signoff (w.store, 1, "kacho", NULL, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT));
  g_clear_error (&error);
  DcHistoryFilter filter = { "reconcile_decision", "1/1", NULL };
  g_autoptr (GPtrArray) entries = dc_history_list (w.store, &filter, &error);
  CU_ASSERT_EQUAL (entries->len, 2);   /* decided, then decided again (the open-only pass left it) */
  DcVerifyReport report;
  CU_ASSERT_TRUE (dc_history_verify (w.store, &report, &error));
  dc_verify_report_clear (&report);
  world_free (&w);
}

static void
test_missing_run_and_bad_options (void)
{
  World w = world ();
  g_autoptr (GError) error = NULL;
  g_autoptr (DcStocktakeRun) none = dc_stocktake_get (w.store, 7, &error);
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND));
  g_clear_error (&error);
  DcStocktakeOptions options = { "sys", w.export, NULL, "2026-02-30", 0, { 0 }, NULL };
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_auto (DcReconcileResult) result;
  g_autoptr (DcStocktakeRun) bad_date = dc_stocktake_run (w.store, &options, &result, problems, &error);
  CU_ASSERT_TRUE (!bad_date && error && strstr (error->message, "--as-of"));
  CU_ASSERT_EQUAL (test_count (w.store, "reconcile_run"), 0);
  world_free (&w);
}

TEST_MAIN ("stocktake",
           { "a run is stored with its findings and one history entry", test_a_run_is_stored_with_one_history_entry },
           { "an edited, removed or added finding fails verification", test_an_edited_or_removed_finding_fails_verification },
           { "decisions on every finding, then the sign-off", test_decisions_then_signoff },
           { "a missing run, a bad date", test_missing_run_and_bad_options })
