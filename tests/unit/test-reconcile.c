/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-reconcile: the comparison's rules, one by one, on a small register. */
#include "testlib.h"

typedef struct {
  char *dir;
  DcStore *store;
} World;

static gboolean
add_id (DcStore *store, const char *login, ...)
{
  g_autoptr (DcRecord) record = dc_record_new (&dc_id_kind);
  dc_record_set (record, "system", "sys", NULL);
  dc_record_set (record, "login_id", login, NULL);
  va_list args;
  va_start (args, login);
  for (const char *field; (field = va_arg (args, const char *));)
    dc_record_set (record, field, va_arg (args, const char *), NULL);
  va_end (args);
  g_autoptr (GError) error = NULL;
  gboolean ok = dc_id_add (store, NULL, record, &error);
  g_assert_no_error (error);
  return ok;
}

/* The small organisation with a system "sys", persons in every status and
 * 住宅課長 held by 000101 from 2025-04-01. */
static World
world (void)
{
  World w = { test_tmpdir (), NULL };
  w.store = test_register (w.dir, "chitose");
  test_small_org (w.store);
  GError *error = NULL;
  g_assert_true (test_add (w.store, &dc_system_kind, &error, "code", "sys", "name", "業務システム",
                           "admin_post", "kacho", NULL));
  const char *persons[][4] = {
    { "000201", "退職 当日", "retired", "2026-11-22" }, { "000202", "退職 前日", "retired", "2026-11-21" },
    { "000203", "異動 当日", "transferred", "2026-11-22" }, { "000204", "異動 翌日", "transferred", "2026-11-23" },
    { "000205", "出向 日付なし", "seconded", NULL }, { "000206", "休職 中", "on_leave", "2026-10-01" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (persons); i++)
    g_assert_true (test_add (w.store, &dc_person_kind, &error, "employee_no", persons[i][0], "name",
                             persons[i][1], "status", persons[i][2], "status_date", persons[i][3], NULL));
  g_assert_true (dc_post_assign (w.store, "kacho", "000101", "2025-04-01", NULL, &error));
  g_assert_no_error (error);
  return w;
}

static void
world_free (World *w)
{
  dc_store_free (w->store);
  test_rmdir (w->dir);
  g_free (w->dir);
}

/* Reconciles EXPORT (CSV text) against "sys" with PROFILE (a profile file's
 * text, or NULL for generic) as of 2026-11-22, 90 dormant days; returns the
 * findings as sorted "kind raw" lines. */
static char *
reconcile (World *w, const char *export, const char *profile_text, DcReconcileResult *result)
{
  g_autofree char *path = g_build_filename (w->dir, "export.csv", NULL);
  g_assert_true (g_file_set_contents (path, export, -1, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (DcProfile) profile = profile_text
    ? dc_profile_parse (profile_text, strlen (profile_text), "test", &error)
    : dc_profile_load ("generic", &error);
  g_assert_no_error (error);
  g_autoptr (DcNames) names = dc_names_new (profile->dn_cn);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (DcAccounts) accounts = dc_accounts_read (path, NULL, profile, names, problems, &error);
  g_assert_no_error (error);
  g_autoptr (DcRegisterIds) ids = dc_reconcile_register_ids_load (w->store, "sys", profile, names, &error);
  g_autoptr (DcStaffRoster) roster = dc_staff_roster_load (w->store, &error);
  g_assert_no_error (error);
  DcReconcileOptions options = { "2026-11-22", 90, NULL };
  dc_reconcile (ids, accounts, roster, names, &options, result);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < result->findings->len; i++) {
    DcFinding *f = g_ptr_array_index (result->findings, i);
    g_ptr_array_add (lines, g_strdup_printf ("%s %s", dc_finding_kind_name (f->kind), f->raw_login_id));
  }
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

#define ASSERT_FINDINGS(got, expected)                                   \
  do {                                                                   \
    if (strcmp (got, expected) != 0)                                     \
      fprintf (stderr, "findings:\n%s\nexpected:\n%s\n", got, expected); \
    CU_ASSERT_STRING_EQUAL (got, expected);                              \
  } while (0)

static const char *
detail_of (DcReconcileResult *result, DcFindingKind kind)
{
  for (guint i = 0; i < result->findings->len; i++) {
    DcFinding *f = g_ptr_array_index (result->findings, i);
    if (f->kind == kind)
      return f->detail;
  }
  return "";
}

static void
test_collisions_are_reported_not_merged (void)
{
  World w = world ();
  add_id (w.store, "ab", "holder", "000101", NULL);
  g_auto (DcReconcileResult) r;
  /* The export has ab twice: as written and in full width. ab pairs with its
   * entry exactly; ａｂ stays unregistered. */
  g_autofree char *got = reconcile (&w, "ID,状態\nab,有効\nａｂ,有効\n", NULL, &r);
  ASSERT_FINDINGS (got, "unregistered ａｂ\nkey_collision ab");
  CU_ASSERT_TRUE (strstr (detail_of (&r, DC_FINDING_KEY_COLLISION), "行 2「ab」、行 3「ａｂ」") != NULL);
  CU_ASSERT_EQUAL (r.matched, 1);
  world_free (&w);
}

static void
test_register_collisions_under_a_case_blind_profile (void)
{
  World w = world ();
  add_id (w.store, "Tanaka", "holder", "000101", NULL);
  add_id (w.store, "tanaka", "holder", "000101", NULL);
  const char *profile = "[profile]\nname = win\nkey = ID\nmatch = nfkc cp932 trim casefold\n";
  g_auto (DcReconcileResult) exact;
  g_autofree char *got = reconcile (&w, "ID\ntanaka\n", profile, &exact);
  ASSERT_FINDINGS (got, "not_in_system Tanaka\nkey_collision Tanaka");
  CU_ASSERT_TRUE (strstr (detail_of (&exact, DC_FINDING_KEY_COLLISION), "ID管理簿の「Tanaka」、「tanaka」") != NULL);
  /* Written like neither: nothing pairs, nothing is guessed. */
  g_auto (DcReconcileResult) neither;
  g_autofree char *none = reconcile (&w, "ID\nTANAKA\n", profile, &neither);
  ASSERT_FINDINGS (none, "unregistered TANAKA\nnot_in_system Tanaka\nnot_in_system tanaka\nkey_collision Tanaka");
  /* Without case folding the three are different IDs. */
  g_auto (DcReconcileResult) generic;
  g_autofree char *plain = reconcile (&w, "ID\ntanaka\n", NULL, &generic);
  ASSERT_FINDINGS (plain, "not_in_system Tanaka");
  world_free (&w);
}

static void
test_dormant_and_expiry_boundaries (void)
{
  World w = world ();
  add_id (w.store, "d90", "holder", "000101", NULL);
  add_id (w.store, "d91", "holder", "000101", NULL);
  add_id (w.store, "never", "holder", "000101", NULL);
  add_id (w.store, "glass", "kind", "emergency", NULL);
  add_id (w.store, "today", "holder", "000101", "valid_until", "2026-11-22", NULL);
  add_id (w.store, "yesterday", "holder", "000101", "valid_until", "2026-11-21", NULL);
  add_id (w.store, "off", "holder", "000101", "valid_until", "2026-01-01", NULL);
  g_auto (DcReconcileResult) r;
  g_autofree char *got = reconcile (&w,
      "ID,状態,最終ログイン\nd90,有効,2026-08-24\nd91,有効,2026-08-23\nnever,有効,\nglass,有効,\n"
      "today,有効,2026-11-22\nyesterday,有効,2026-11-22\noff,無効,2025-01-01\n", NULL, &r);
  /* 90 days before is not more than 90; an emergency ID is never dormant; a
   * disabled account is neither dormant nor expired. */
  ASSERT_FINDINGS (got, "dormant d91\ndormant never\ndisabled_in_system off\nexpired_approval yesterday");
  CU_ASSERT_TRUE (strstr (detail_of (&r, DC_FINDING_DORMANT), "最終ログイン 2026-08-23（基準日の 91 日前") != NULL);
  world_free (&w);
}

static void
test_holders_departed_unknown_or_none (void)
{
  World w = world ();
  const char *holders[][2] = {
    { "ret-today", "000201" }, { "ret-before", "000202" }, { "moved-today", "000203" },
    { "moves-tomorrow", "000204" }, { "seconded", "000205" }, { "on-leave", "000206" },
    { "stranger", "999999" }, { "padded", "101" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (holders); i++)
    add_id (w.store, holders[i][0], "holder", holders[i][1], NULL);
  add_id (w.store, "nobody", "kind", "user", NULL);
  add_id (w.store, "batch", "kind", "service", NULL);
  add_id (w.store, "shared", "kind", "shared", "shared_reason", "窓口", "approver", "住宅課長",
         "shared_users", "000101;000202;幽霊", NULL);
  add_id (w.store, "gone-disabled", "holder", "000202", NULL);
  g_auto (DcReconcileResult) r;
  g_autofree char *got = reconcile (&w,
      "ID,状態\nret-today,有効\nret-before,有効\nmoved-today,有効\nmoves-tomorrow,有効\nseconded,有効\n"
      "on-leave,有効\nstranger,有効\npadded,有効\nnobody,有効\nbatch,有効\nshared,有効\ngone-disabled,無効\n",
      NULL, &r);
  /* A retirement date is the last day of service; a transfer takes effect on its date. */
  ASSERT_FINDINGS (got, "holder_departed moved-today\nholder_departed ret-before\nholder_departed seconded\n"
                        "holder_departed shared\nholder_unknown nobody\nholder_unknown shared\n"
                        "holder_unknown stranger\ndisabled_in_system gone-disabled");
  world_free (&w);
}

static void
test_privileges_revocations_and_presence (void)
{
  World w = world ();
  add_id (w.store, "clerk", "holder", "000101", "privileges", "照会;更新", NULL);
  add_id (w.store, "old", "holder", "000101", NULL);
  g_autoptr (GError) error = NULL;
  g_assert_true (dc_id_revoke (w.store, "sys", "old", "2026-04-01", NULL, &error));
  add_id (w.store, "old-off", "holder", "000101", NULL);
  g_assert_true (dc_id_revoke (w.store, "sys", "old-off", "2026-04-01", NULL, &error));
  add_id (w.store, "old-gone", "holder", "000101", NULL);
  g_assert_true (dc_id_revoke (w.store, "sys", "old-gone", "2026-04-01", NULL, &error));
  add_id (w.store, "missing", "holder", "000101", NULL);
  g_auto (DcReconcileResult) r;
  g_autofree char *got = reconcile (&w, "ID,状態,権限\nclerk,有効,照会;削除;ＥＸＰＯＲＴ;更新\nold,有効,\n"
                                        "old-off,無効,\nstranger,無効,\n", NULL, &r);
  ASSERT_FINDINGS (got, "unregistered stranger\nnot_in_system missing\nrevoked_in_system old\nexcess_privilege clerk");
  CU_ASSERT_STRING_EQUAL (detail_of (&r, DC_FINDING_EXCESS_PRIVILEGE), "承認されていない権限: 削除、ＥＸＰＯＲＴ");
  CU_ASSERT_TRUE (strstr (detail_of (&r, DC_FINDING_UNREGISTERED), "システムでは無効") != NULL);
  world_free (&w);
}

static void
test_separation_of_duties_and_shared_approval (void)
{
  World w = world ();
  /* 住宅課長 was held by 000101 on 2025-06-01: the applicant approved his own. */
  add_id (w.store, "self", "holder", "000101", "applicant", "000101", "approver", "住宅課長",
          "registrar", "000102", "approved_on", "2025-06-01", NULL);
  /* Before 2025-04-01 nobody held it: nothing to compare. */
  add_id (w.store, "early", "holder", "000101", "applicant", "000101", "approver", "住宅課長",
          "approved_on", "2024-06-01", NULL);
  add_id (w.store, "registrar", "holder", "000102", "applicant", "000102", "approver", "住宅 一郎",
          "registrar", "住宅一郎", NULL);
  add_id (w.store, "fine", "holder", "000102", "applicant", "000102", "approver", "kacho",
          "registrar", "部外者", "approved_on", "2026-01-01", NULL);
  add_id (w.store, "group", "kind", "shared", "shared_reason", "窓口", "approver", "住宅課長", NULL);
  g_auto (DcReconcileResult) r;
  g_autofree char *got = reconcile (&w, "ID\nself\nearly\nregistrar\nfine\ngroup\n", NULL, &r);
  ASSERT_FINDINGS (got, "shared_unapproved group\nsod_violation registrar\nsod_violation self");
  CU_ASSERT_STRING_EQUAL (detail_of (&r, DC_FINDING_SHARED_UNAPPROVED), "共有IDの共有者の記録がない");
  world_free (&w);
}

static void
test_what_the_export_lacks_is_noted (void)
{
  World w = world ();
  add_id (w.store, "a", "holder", "000101", NULL);
  g_auto (DcReconcileResult) r;
  g_autofree char *got = reconcile (&w, "ID,氏名\na,住宅 一郎\n", NULL, &r);
  ASSERT_FINDINGS (got, "");
  CU_ASSERT_EQUAL (r.notes->len, 3);
  CU_ASSERT_EQUAL (r.matched, 1);
  world_free (&w);
}

/* user@domain against short logins: only the part before "@", of the listed
 * domains when listed; the run says so. */
static void
test_login_local_part (void)
{
  World w = world ();
  add_id (w.store, "sato.m", "holder", "000101", NULL);
  add_id (w.store, "goto.d", "holder", "000101", NULL);
  const char *export = "userPrincipalName,accountEnabled\nSato.M@city.example.lg.jp,True\n"
                       "goto.d@city.onmicrosoft.com,True\n";
  const char *full = "[profile]\nname = e\nkey = userPrincipalName\nmatch = nfkc cp932 trim casefold\n"
                     "[status]\ncolumn = accountEnabled\nenabled = True\n";
  g_auto (DcReconcileResult) before;
  g_autofree char *whole = reconcile (&w, export, full, &before);
  ASSERT_FINDINGS (whole, "unregistered goto.d@city.onmicrosoft.com\nunregistered Sato.M@city.example.lg.jp\n"
                          "not_in_system goto.d\nnot_in_system sato.m");
  g_autofree char *any = g_strdup_printf ("[profile]\nname = e\nkey = userPrincipalName\nmatch = nfkc cp932 trim casefold\n"
                                          "login_part = local\n[status]\ncolumn = accountEnabled\nenabled = True\n");
  g_auto (DcReconcileResult) r;
  g_autofree char *got = reconcile (&w, export, any, &r);
  ASSERT_FINDINGS (got, "");
  CU_ASSERT_EQUAL (r.matched, 2);
  gboolean noted = FALSE;
  for (guint i = 0; i < r.notes->len; i++)
    noted |= strstr (g_ptr_array_index (r.notes, i), "「@」より前の部分だけで照合した（すべてのドメイン") != NULL;
  CU_ASSERT_TRUE (noted);
  /* Only the listed domain is cut: the tenant's own domain stays whole. */
  g_autofree char *listed = g_strdup_printf ("[profile]\nname = e\nkey = userPrincipalName\nmatch = nfkc cp932 trim casefold\n"
                                             "login_part = local\nlogin_domains = CITY.example.lg.jp; @other.lg.jp\n"
                                             "[status]\ncolumn = accountEnabled\nenabled = True\n");
  g_auto (DcReconcileResult) some;
  g_autofree char *part = reconcile (&w, export, listed, &some);
  ASSERT_FINDINGS (part, "unregistered goto.d@city.onmicrosoft.com\nnot_in_system goto.d");
  noted = FALSE;
  for (guint i = 0; i < some.notes->len; i++)
    noted |= strstr (g_ptr_array_index (some.notes, i), "ドメイン city.example.lg.jp、other.lg.jp のもの") != NULL;
  CU_ASSERT_TRUE (noted);
  /* Two domains' sato give one short login: reported, never merged. */
  g_auto (DcReconcileResult) two;
  g_autofree char *both = reconcile (&w, "userPrincipalName,accountEnabled\nsato.m@a.lg.jp,True\nsato.m@b.lg.jp,True\n"
                                         "goto.d@a.lg.jp,True\n", any, &two);
  ASSERT_FINDINGS (both, "unregistered sato.m@a.lg.jp\nunregistered sato.m@b.lg.jp\nnot_in_system sato.m\n"
                         "key_collision sato.m@a.lg.jp");
  world_free (&w);
}

/* Guests (#EXT#, or the profile's guest column) the register does not list
 * are external_guest, with where they come from; a registered guest is an
 * ordinary pair. */
static void
test_external_guests (void)
{
  World w = world ();
  add_id (w.store, "vendor_partner.co.jp#EXT#@city.onmicrosoft.com", "holder", "000101", NULL);
  const char *profile = "[profile]\nname = e\nkey = userPrincipalName\nmatch = nfkc cp932 trim casefold\n"
                        "display_name = displayName\n[guests]\ncolumn = userType\nvalues = Guest\n";
  g_auto (DcReconcileResult) r;
  g_autofree char *got = reconcile (&w,
      "userPrincipalName,displayName,userType\n"
      "taro_gmail.com#EXT#@city.onmicrosoft.com,Taro,Guest\n"
      "vendor_partner.co.jp#EXT#@city.onmicrosoft.com,業者,Guest\n"
      "hanako@partner.co.jp,花子,guest\n"
      "member@city.example.lg.jp,職員,Member\n", profile, &r);
  ASSERT_FINDINGS (got, "unregistered member@city.example.lg.jp\n"
                        "external_guest hanako@partner.co.jp\nexternal_guest taro_gmail.com#EXT#@city.onmicrosoft.com");
  CU_ASSERT_EQUAL (r.counts[DC_FINDING_EXTERNAL_GUEST], 2);
  CU_ASSERT_EQUAL (r.matched, 1);
  gboolean ext = FALSE, typed = FALSE;
  for (guint i = 0; i < r.findings->len; i++) {
    DcFinding *f = g_ptr_array_index (r.findings, i);
    ext |= f->kind == DC_FINDING_EXTERNAL_GUEST &&
           strstr (f->detail, "本人のアドレス taro@gmail.com、所属元ドメイン gmail.com、招待元 city.onmicrosoft.com、行 2、表示名 Taro") != NULL;
    typed |= f->kind == DC_FINDING_EXTERNAL_GUEST && strstr (f->detail, "所属元ドメイン partner.co.jp、行 4") != NULL;
  }
  CU_ASSERT_TRUE (ext);
  CU_ASSERT_TRUE (typed);
  g_autofree char *home = NULL;
  CU_ASSERT_TRUE (dc_profile_login_is_guest ("a_b_c.jp#EXT#@t.onmicrosoft.com", &home));
  CU_ASSERT_STRING_EQUAL (home, "a_b@c.jp");
  CU_ASSERT_FALSE (dc_profile_login_is_guest ("a_b@c.jp", NULL));
  world_free (&w);
}

TEST_MAIN ("reconcile",
           { "user@domain against short logins (login_part = local)", test_login_local_part },
           { "external guests", test_external_guests },
           { "logins that read the same are reported, not merged", test_collisions_are_reported_not_merged },
           { "register collisions under a case-blind profile", test_register_collisions_under_a_case_blind_profile },
           { "dormant after N days, expiry after valid-until; emergency and disabled IDs", test_dormant_and_expiry_boundaries },
           { "holders departed (by date), unknown or missing", test_holders_departed_unknown_or_none },
           { "excess privileges, revoked IDs, presence", test_privileges_revocations_and_presence },
           { "separation of duties (posts on the approval date) and shared IDs", test_separation_of_duties_and_shared_approval },
           { "what the export cannot tell is noted", test_what_the_export_lacks_is_noted })
