/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-duty: the catalogue of periodic duties, their targets, and recording
 * completions (inside a caller's transaction too). */
#include "duty-org.h"

static const DcDuty *
duty (const char *code)
{
  return dc_duty_lookup (code, NULL);
}

static void
test_catalogue (void)
{
  const GPtrArray *duties = dc_duty_catalogue ();
  CU_ASSERT_TRUE (duties->len >= 14);
  for (guint i = 0; i < duties->len; i++) {
    const DcDuty *d = g_ptr_array_index (duties, i);
    CU_ASSERT_TRUE (*d->name && *d->role && *d->source);
    CU_ASSERT_TRUE (d->months >= 1);
  }
  /* The two the ID stocktake and the review record themselves. */
  CU_ASSERT_EQUAL (duty ("id_stocktake")->scope, DC_DUTY_SYSTEM);
  CU_ASSERT_EQUAL (duty ("id_stocktake")->interval, DC_DUTY_FISCAL_YEAR);
  CU_ASSERT_EQUAL (duty ("asset_review")->scope, DC_DUTY_REGISTER);
  CU_ASSERT_EQUAL (duty ("privileged_id_contractor_check")->interval, DC_DUTY_MONTHLY);
  CU_ASSERT_EQUAL (duty ("privileged_password_change")->months, 6);
  CU_ASSERT_STRING_EQUAL (dc_duty_interval_text (duty ("privileged_password_change")), "6か月ごと");
  CU_ASSERT_STRING_EQUAL (dc_duty_interval_text (duty ("server_maintenance")), "12か月ごと");
  CU_ASSERT_EQUAL (duty ("server_maintenance")->terms->len, 2);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_PTR_NULL (dc_duty_lookup ("stocktake", &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_DUTY_ERROR, DC_ERROR_NOT_FOUND));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "id_stocktake") : NULL);
}

static void
test_catalogue_errors (void)
{
  const char *bad[][2] = {
    { "[duty x]\nname = X\ninterval = weekly\nscope = system\n", "interval must be" },
    { "[duty x]\nname = X\ninterval = monthly\nscope = section\n", "scope must be" },
    { "[duty x]\nname = X\ninterval = months\nscope = system\n", "months = N" },
    { "[duty x]\nname = X\ninterval = monthly\nscope = asset\ncondition = a>>2\n", "condition term" },
    { "[duty x]\nname = X\ninterval = monthly\nscope = asset\ncondition = type>=data\n", "condition term" },
    { "[duty x]\nname = X\ninterval = monthly\nscope = register\ncondition = a>=2\n", "cannot have a condition" },
    { "[duty x]\ninterval = monthly\nscope = system\n", "needs name" },
    { "[duty x]\nname = X\ninterval = fiscal_year\nscope = system\nmonth = 13\n", "month must be" },
    { "[duty x]\nname = X\ninterval = monthly\nscope = system\n[duty x ]\nname = Y\ninterval = monthly\nscope = system\n", "defined twice" },
    { "[task x]\nname = X\n", "is not a duty" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    CU_ASSERT_PTR_NULL (dc_duty_catalogue_parse (bad[i][0], strlen (bad[i][0]), "t.ini", &error));
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, bad[i][1]) : NULL);
    if (!error || !strstr (error->message, bad[i][1]))
      fprintf (stderr, "case %zu: %s\n", i, error ? error->message : "(no error)");
  }
}

static const DcDutyTarget *
find_target (GPtrArray *targets, const char *duty_code, const char *system, const char *asset)
{
  for (guint i = 0; i < targets->len; i++) {
    const DcDutyTarget *t = g_ptr_array_index (targets, i);
    if (g_str_equal (t->duty->code, duty_code) && g_strcmp0 (t->system, system) == 0 &&
        g_strcmp0 (t->asset, asset) == 0)
      return t;
  }
  return NULL;
}

static void
test_targets (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = duty_register (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) targets = dc_duty_targets (store, NULL, &error);
  g_assert_no_error (error);
  const DcDutyTarget *stocktake = find_target (targets, "id_stocktake", "jutaku-sys", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (stocktake);
  CU_ASSERT_STRING_EQUAL (stocktake->post, "kacho");
  CU_ASSERT_STRING_EQUAL (stocktake->post_name, "住宅課長");
  CU_ASSERT_STRING_EQUAL (stocktake->name, "住宅管理システム");
  /* Server maintenance: hardware with availability 2 or more only. */
  const DcDutyTarget *server = find_target (targets, "server_maintenance", NULL, "H-0001");
  CU_ASSERT_PTR_NOT_NULL_FATAL (server);
  CU_ASSERT_STRING_EQUAL (server->post, "kakaricho");
  CU_ASSERT_STRING_EQUAL (server->since, "2025-06-01");
  CU_ASSERT_PTR_NULL (find_target (targets, "server_maintenance", NULL, "H-0002"));
  CU_ASSERT_PTR_NULL (find_target (targets, "server_maintenance", NULL, "A-0001"));
  /* Register-wide: no post until one is named. */
  const DcDutyTarget *review = find_target (targets, "asset_review", NULL, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (review);
  CU_ASSERT_PTR_NULL (review->post);
  CU_ASSERT_TRUE (dc_duty_set_register_post (store, "asset_review", "住宅課長", &error));
  g_assert_no_error (error);
  g_autofree char *post = dc_duty_register_post (store, "asset_review", NULL);
  CU_ASSERT_STRING_EQUAL (post, "kacho");
  CU_ASSERT_FALSE (dc_duty_set_register_post (store, "id_stocktake", "kacho", &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_DUTY_ERROR, DC_ERROR_INVALID));
  /* A retired server is no longer maintained. */
  CU_ASSERT_TRUE (dc_asset_retire (store, "H-0001", NULL, NULL));
  g_autoptr (GPtrArray) after = dc_duty_targets (store, duty ("server_maintenance"), NULL);
  CU_ASSERT_EQUAL (after->len, 0);
  test_rmdir (dir);
}

static gint64
history_count (DcStore *store, const char *entity)
{
  DcHistoryFilter filter = { entity, NULL, NULL };
  g_autoptr (GPtrArray) list = dc_history_list (store, &filter, NULL);
  return list ? (gint64) list->len : -1;
}

static void
test_record_done (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = duty_register (dir);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (dc_duty_record_done (store, "id_stocktake", "住宅管理システム", "2026/5/20", "kacho",
                                       "ID管理簿と照合、不要ID 2件を削除", &error));
  g_assert_no_error (error);
  g_autoptr (GPtrArray) done = dc_duty_done_list (store, "id_stocktake", NULL, NULL, NULL);
  CU_ASSERT_EQUAL_FATAL (done->len, 1);
  DcDutyDone *d = g_ptr_array_index (done, 0);
  CU_ASSERT_STRING_EQUAL (d->code, "id_stocktake/jutaku-sys/2026-05-20");
  CU_ASSERT_STRING_EQUAL (d->system, "jutaku-sys");
  CU_ASSERT_STRING_EQUAL (d->post, "kacho");
  CU_ASSERT_STRING_EQUAL (d->person, "000101");  /* who held 住宅課長 that day */
  CU_ASSERT_STRING_EQUAL (d->recorded_on, "2026-11-22");
  CU_ASSERT_EQUAL (history_count (store, "duty_done"), 1);

  /* The same day again: the note is updated (one more entry); identical: nothing. */
  CU_ASSERT_TRUE (dc_duty_record_done (store, "id_stocktake", "jutaku-sys", "2026-05-20", "kacho",
                                       "不要ID 3件", NULL));
  CU_ASSERT_TRUE (dc_duty_record_done (store, "id_stocktake", "jutaku-sys", "2026-05-20", "kacho",
                                       "不要ID 3件", NULL));
  CU_ASSERT_EQUAL (history_count (store, "duty_done"), 2);
  CU_ASSERT_EQUAL (test_count (store, "duty_done"), 1);

  /* Register-wide and per-asset duties; a vacant post keeps no person. */
  CU_ASSERT_TRUE (dc_duty_record_done (store, "asset_review", NULL, "2026-03-31", "kakaricho", NULL, &error));
  CU_ASSERT_TRUE (dc_duty_record_done_asset (store, "server_maintenance", "H-0001", "2026-11-01",
                                             "kakaricho", "保守業者による点検", &error));
  g_assert_no_error (error);
  g_autoptr (GPtrArray) all = dc_duty_done_list (store, NULL, NULL, NULL, NULL);
  CU_ASSERT_EQUAL_FATAL (all->len, 3);
  d = g_ptr_array_index (all, 0);  /* oldest first */
  CU_ASSERT_STRING_EQUAL (d->code, "asset_review/2026-03-31");
  CU_ASSERT_PTR_NULL (d->person);
  d = g_ptr_array_index (all, 2);
  CU_ASSERT_STRING_EQUAL (d->code, "server_maintenance/H-0001/2026-11-01");

  g_auto (DcVerifyReport) report;
  CU_ASSERT_TRUE (dc_history_verify (store, &report, NULL));
  test_rmdir (dir);
}

static void
test_record_done_refusals (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = duty_register (dir);
  struct {
    const char *duty, *system, *asset, *date, *post, *message;
    int code;
  } cases[] = {
    { "id_stocktake", NULL, NULL, "2026-05-20", "kacho", "give a system", DC_ERROR_INVALID },
    { "asset_review", "jutaku-sys", NULL, "2026-05-20", "kacho", "do not give a system", DC_ERROR_INVALID },
    { "server_maintenance", NULL, NULL, "2026-05-20", "kacho", "give an asset", DC_ERROR_INVALID },
    { "server_maintenance", NULL, "H-0002", "2026-05-20", "kacho", "type=hardware a>=2", DC_ERROR_INVALID },
    { "id_stocktake", "jutaku-sys", NULL, "2026-11-23", "kacho", "after today", DC_ERROR_INVALID },
    { "id_stocktake", "jutaku-sys", NULL, "2026-02-30", "kacho", "not a date", DC_ERROR_INVALID },
    { "id_stocktake", "jutaku-sys", NULL, "2026-05-20", "", "give the post", DC_ERROR_INVALID },
    { "id_stocktake", "jutaku-sys", NULL, "2026-05-20", "bucho", "does not exist", DC_ERROR_NOT_FOUND },
    { "id_stocktake", "no-sys", NULL, "2026-05-20", "kacho", "does not exist", DC_ERROR_NOT_FOUND },
    { "stocktake", "jutaku-sys", NULL, "2026-05-20", "kacho", "no periodic duty", DC_ERROR_NOT_FOUND },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    gboolean ok = cases[i].asset
                    ? dc_duty_record_done_asset (store, cases[i].duty, cases[i].asset, cases[i].date,
                                                 cases[i].post, NULL, &error)
                    : dc_duty_record_done (store, cases[i].duty, cases[i].system, cases[i].date,
                                           cases[i].post, NULL, &error);
    CU_ASSERT_FALSE (ok);
    CU_ASSERT_EQUAL (error ? error->code : 0, cases[i].code);
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, cases[i].message) : NULL);
    if (!error || !strstr (error->message, cases[i].message))
      fprintf (stderr, "case %zu: %s\n", i, error ? error->message : "(no error)");
  }
  CU_ASSERT_EQUAL (test_count (store, "duty_done"), 0);
  test_rmdir (dir);
}

static void
test_record_inside_a_transaction (void)
{
  /* An ID stocktake sign-off records its duty in its own transaction. */
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = duty_register (dir);
  gint64 before = history_count (store, NULL);
  CU_ASSERT_TRUE_FATAL (dc_store_begin (store, NULL));
  CU_ASSERT_TRUE (dc_duty_record_done (store, "id_stocktake", "jutaku-sys", "2026-05-20", "kacho", NULL, NULL));
  /* A failing record undoes only itself. */
  CU_ASSERT_FALSE (dc_duty_record_done (store, "id_stocktake", "jutaku-sys", "2099-01-01", "kacho", NULL, NULL));
  CU_ASSERT_EQUAL (test_count (store, "duty_done"), 1);
  dc_store_rollback (store);
  CU_ASSERT_EQUAL (test_count (store, "duty_done"), 0);
  CU_ASSERT_EQUAL (history_count (store, NULL), before);
  CU_ASSERT_TRUE_FATAL (dc_store_begin (store, NULL));
  CU_ASSERT_TRUE (dc_duty_record_done (store, "id_stocktake", "jutaku-sys", "2026-05-20", "kacho", NULL, NULL));
  CU_ASSERT_TRUE (dc_store_commit (store, NULL));
  CU_ASSERT_EQUAL (history_count (store, NULL), before + 1);
  test_rmdir (dir);
}

TEST_MAIN ("duty",
           { "the catalogue compiled in", test_catalogue },
           { "catalogue mistakes are named", test_catalogue_errors },
           { "targets: systems, assets meeting a condition, the register", test_targets },
           { "completions recorded with the post and its holder", test_record_done },
           { "completions refused with the reason", test_record_done_refusals },
           { "recording inside a caller's transaction", test_record_inside_a_transaction })
