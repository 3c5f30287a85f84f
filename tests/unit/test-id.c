/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-id: ID register entries added, found, edited and revoked, each change
 * one history entry. */
#include "testlib.h"

static DcStore *
register_with_system (const char *dir)
{
  DcStore *store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  g_assert_true (test_add (store, &dc_system_kind, &error, "code", "sys", "name", "業務システム",
                           "admin_post", "kacho", NULL));
  g_assert_no_error (error);
  return store;
}

static gboolean
add (DcStore *store, GError **error, ...)
{
  g_autoptr (DcRecord) record = dc_record_new (&dc_id_kind);
  dc_record_set (record, "system", "sys", NULL);
  va_list args;
  va_start (args, error);
  for (const char *field; (field = va_arg (args, const char *));)
    dc_record_set (record, field, va_arg (args, const char *), NULL);
  va_end (args);
  return dc_id_add (store, NULL, record, error);
}

static void
test_add_and_get (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = register_with_system (dir);
  g_autoptr (GError) error = NULL;
  gint64 history = test_count (store, "history");
  CU_ASSERT_TRUE (add (store, &error, "login_id", "ichiro", "holder", "101", "kind", "特権",
                       "privileges", "照会、更新;照会", "approved_on", "2026/4/1", NULL));
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 1);
  g_autoptr (DcIdEntry) e = dc_id_get (store, "業務システム", "ichiro", &error);
  CU_ASSERT_STRING_EQUAL (e->system, "sys");
  CU_ASSERT_STRING_EQUAL (e->holder, "000101");               /* the roster's number */
  CU_ASSERT_STRING_EQUAL (e->holder_name, "住宅 一郎");        /* and its name */
  CU_ASSERT_STRING_EQUAL (e->kind, "privileged");
  CU_ASSERT_EQUAL (g_strv_length (e->privileges), 2);
  CU_ASSERT_STRING_EQUAL (e->privileges[0], "更新");
  CU_ASSERT_STRING_EQUAL (e->approved_on, "2026-04-01");
  CU_ASSERT_STRING_EQUAL (e->status, "active");
  CU_ASSERT_PTR_NULL (e->revoked_on);
  CU_ASSERT_STRING_EQUAL (e->created_on, "2026-11-22");
  /* The entry is found by a login that reads the same. */
  g_autoptr (DcIdEntry) wide = dc_id_get (store, "sys", "ｉｃｈｉｒｏ ", &error);
  CU_ASSERT_STRING_EQUAL (wide->login_id, "ichiro");
  g_autoptr (DcIdEntry) none = dc_id_get (store, "sys", "jiro", &error);
  CU_ASSERT_TRUE (!none && g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND));
  g_clear_error (&error);
  /* A holder not in the roster is kept as written; a name alone finds the person. */
  CU_ASSERT_TRUE (add (store, &error, "login_id", "guest", "holder", "999", NULL));
  CU_ASSERT_TRUE (add (store, &error, "login_id", "jiro", "holder_name", "住宅二郎", NULL));
  g_autoptr (DcIdEntry) guest = dc_id_get (store, "sys", "guest", &error);
  g_autoptr (DcIdEntry) jiro = dc_id_get (store, "sys", "jiro", &error);
  CU_ASSERT_STRING_EQUAL (guest->holder, "999");
  CU_ASSERT_STRING_EQUAL (jiro->holder, "000102");
  g_autofree char *snapshot = dc_snapshot (store, "id_entry", "sys/ichiro", &error);
  CU_ASSERT_TRUE (g_str_has_prefix (snapshot, "{\"system\":\"sys\",\"login_id\":\"ichiro\",\"holder\":\"000101\","));
  CU_ASSERT_TRUE (strstr (snapshot, "\"privileges\":[\"更新\",\"照会\"]") != NULL);
  test_rmdir (dir);
}

static void
test_refusals (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = register_with_system (dir);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (add (store, &error, "login_id", "ichiro", NULL));
  gint64 history = test_count (store, "history");
  const struct { const char *login, *field, *value, *says; int code; } cases[] = {
    { "ichiro", NULL, NULL, "already has login 'ichiro'", DC_ERROR_CONFLICT },
    { "ｉｃｈｉｒｏ", NULL, NULL, "differs from 'ichiro'", DC_ERROR_CONFLICT },
    { "ichiro ", NULL, NULL, "differs from 'ichiro'", DC_ERROR_CONFLICT },
    { "x", "kind", "管理人", "kind (ID種別) '管理人' is not allowed", DC_ERROR_INVALID },
    { "x", "valid_until", "来年", "valid_until: '来年' is not a date", DC_ERROR_INVALID },
    { "a\tb", NULL, NULL, "line break or tab", DC_ERROR_INVALID },
    { "   ", NULL, NULL, "login ID is empty", DC_ERROR_INVALID },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    CU_ASSERT_FALSE (add (store, &error, "login_id", cases[i].login, cases[i].field, cases[i].value, NULL));
    if (!error || error->code != cases[i].code || !strstr (error->message, cases[i].says))
      fprintf (stderr, "case %zu: %s\n", i, error ? error->message : "(no error)");
    CU_ASSERT_TRUE (error && error->code == cases[i].code && strstr (error->message, cases[i].says));
    g_clear_error (&error);
  }
  /* Case differs: another login (a case-blind export reports a collision). */
  CU_ASSERT_TRUE (add (store, &error, "login_id", "ICHIRO", NULL));
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 1);
  g_autoptr (DcRecord) no_system = dc_record_new (&dc_id_kind);
  dc_record_set (no_system, "login_id", "x", NULL);
  CU_ASSERT_FALSE (dc_id_add (store, NULL, no_system, &error));
  test_rmdir (dir);
}

static void
test_edit_and_revoke (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = register_with_system (dir);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE (add (store, &error, "login_id", "ichiro", "note", "初期", NULL));
  g_autoptr (DcRecord) changes = dc_record_new (&dc_id_kind);
  dc_record_set (changes, "valid_until", "2027-03-31", NULL);
  dc_record_set (changes, "privileges", "照会", NULL);
  CU_ASSERT_TRUE (dc_id_edit (store, "sys", "ichiro", changes, &error));
  g_autoptr (DcRecord) same = dc_record_new (&dc_id_kind);
  dc_record_set (same, "valid_until", "2027/3/31", NULL);
  gint64 history = test_count (store, "history");
  CU_ASSERT_TRUE (dc_id_edit (store, "sys", "ichiro", same, &error));
  CU_ASSERT_EQUAL (test_count (store, "history"), history);   /* nothing changed, nothing recorded */
  g_autoptr (DcRecord) managed = dc_record_new (&dc_id_kind);
  dc_record_set (managed, "status", "revoked", NULL);
  CU_ASSERT_FALSE (dc_id_edit (store, "sys", "ichiro", managed, &error));
  CU_ASSERT_TRUE (error && strstr (error->message, "daicho maintains it"));
  g_clear_error (&error);
  g_autoptr (DcRecord) key = dc_record_new (&dc_id_kind);
  dc_record_set (key, "login_id", "jiro", NULL);
  CU_ASSERT_FALSE (dc_id_edit (store, "sys", "ichiro", key, &error));
  g_clear_error (&error);
  CU_ASSERT_TRUE (dc_id_revoke (store, "sys", "ichiro", "2026-11-30", "退職", &error));
  g_autoptr (DcIdEntry) e = dc_id_get (store, "sys", "ichiro", &error);
  CU_ASSERT_STRING_EQUAL (e->status, "revoked");
  CU_ASSERT_STRING_EQUAL (e->revoked_on, "2026-11-30");
  CU_ASSERT_STRING_EQUAL (e->note, "初期 / 退職");
  CU_ASSERT_STRING_EQUAL (e->valid_until, "2027-03-31");
  CU_ASSERT_FALSE (dc_id_revoke (store, "sys", "ichiro", NULL, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT));
  g_clear_error (&error);
  DcHistoryFilter filter = { "id_entry", "sys/ichiro", NULL };
  g_autoptr (GPtrArray) entries = dc_history_list (store, &filter, &error);
  CU_ASSERT_EQUAL (entries->len, 3);
  CU_ASSERT_STRING_EQUAL (((DcHistoryEntry *) g_ptr_array_index (entries, 2))->action, "revoke");
  DcVerifyReport report;
  CU_ASSERT_TRUE (dc_history_verify (store, &report, &error));
  dc_verify_report_clear (&report);
  test_rmdir (dir);
}

static gboolean
collect (const DcIdEntry *e, gpointer data, GError **error G_GNUC_UNUSED)
{
  g_ptr_array_add (data, g_strdup (e->login_id));
  return TRUE;
}

static void
test_foreach_filters (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = register_with_system (dir);
  g_autoptr (GError) error = NULL;
  add (store, &error, "login_id", "b", "holder", "000101", "kind", "一般", NULL);
  add (store, &error, "login_id", "a", "holder", "000102", "kind", "特権", NULL);
  add (store, &error, "login_id", "c", "kind", "サービス", NULL);
  dc_id_revoke (store, "sys", "c", NULL, NULL, &error);
  const struct { DcIdFilter filter; const char *expected; } cases[] = {
    { { NULL, NULL, NULL, NULL }, "a b c" },
    { { "sys", "101", NULL, NULL }, "b" },
    { { NULL, NULL, "privileged", NULL }, "a" },
    { { NULL, NULL, NULL, "削除" }, "c" },
    { { NULL, NULL, "特権", "active" }, "a" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GPtrArray) logins = g_ptr_array_new_with_free_func (g_free);
    CU_ASSERT_TRUE (dc_id_foreach (store, &cases[i].filter, collect, logins, &error));
    g_ptr_array_add (logins, NULL);
    g_autofree char *got = g_strjoinv (" ", (char **) logins->pdata);
    CU_ASSERT_STRING_EQUAL (got, cases[i].expected);
  }
  DcIdFilter bad = { NULL, NULL, "wizard", NULL };
  CU_ASSERT_FALSE (dc_id_foreach (store, &bad, collect, NULL, &error));
  test_rmdir (dir);
}

TEST_MAIN ("id",
           { "an entry added and found, holder from the roster", test_add_and_get },
           { "look-alike logins and bad values refused", test_refusals },
           { "edit, no-op edit, revoke; history", test_edit_and_revoke },
           { "listing by system, holder, kind, status", test_foreach_filters })
