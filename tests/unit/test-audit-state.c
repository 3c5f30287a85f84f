/* engines: both (under make check DB=postgresql its registers are on a server) */
#include "testlib.h"

/* The value of MEMBER of entity KIND KEY in audit_state (NULL when absent);
 * the snapshot read in C, as on either engine. */
static char *
state_value (DcStore *store, const char *kind, const char *key, const char *member)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store,
    "SELECT json FROM audit_state WHERE entity = ?1 AND key = ?2", NULL);
  g_assert_nonnull (stmt);
  dc_stmt_bind_text (stmt, 1, kind);
  dc_stmt_bind_text (stmt, 2, key);
  if (dc_store_step (store, stmt, NULL) != DC_STMT_ROW)
    return NULL;
  g_autoptr (GPtrArray) members = dc_json_members (dc_stmt_text (stmt, 0));
  for (guint i = 0; members && i < members->len; i++) {
    DcJsonMember *m = g_ptr_array_index (members, i);
    if (g_strcmp0 (m->key, member) == 0)
      return g_strdup (m->value);
  }
  return NULL;
}

static gint64
state_count (DcStore *store, const char *kind)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT count(*) FROM audit_state WHERE entity = ?1", NULL);
  dc_stmt_bind_text (stmt, 1, kind);
  g_assert_true (dc_store_step (store, stmt, NULL) == DC_STMT_ROW);
  return dc_stmt_int64 (stmt, 0);
}

/* Changes placed in the past: the state of a day shows that day's values. */
static void
test_as_of_shows_old_values (void)
{
  if (!test_file_only ("it places changes in the past with the history's clock; on a server the server stamps the time"))
    return;
  g_autofree char *dir = test_tmpdir ();
  static const char *const times[] = {
    "2025-03-01T00:00:00.000Z", "2025-03-01T00:00:00.001Z",
    "2025-03-02T00:00:00.000Z", "2025-03-02T00:00:00.001Z", "2025-03-02T00:00:00.002Z",
    "2025-03-02T00:00:00.003Z", "2025-03-02T00:00:00.004Z", "2025-03-02T00:00:00.005Z",
    "2025-03-02T00:00:00.006Z",
    "2025-06-01T01:00:00.000Z",  /* A-0001 renamed */
    NULL
  };
  test_clock (times);
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcRecord) changes = dc_record_new (&dc_asset_kind);
  dc_record_set (changes, "name", "新しい名前", NULL);
  CU_ASSERT_TRUE_FATAL (dc_asset_edit (store, "A-0001", changes, &error));
  test_clock (NULL);

  g_auto (DcAuditState) then = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_audit_state_load (store, "2025-05-01", NULL, &then, &error));
  g_autofree char *old = state_value (store, "asset", "A-0001", "name");
  CU_ASSERT_STRING_EQUAL (old, "入居者台帳");
  CU_ASSERT_EQUAL (then.seq, 9);
  CU_ASSERT_EQUAL (strlen (then.hash), 64);

  g_auto (DcAuditState) now = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_audit_state_load (store, NULL, NULL, &now, &error));
  g_autofree char *current = state_value (store, "asset", "A-0001", "name");
  CU_ASSERT_STRING_EQUAL (current, "新しい名前");
  CU_ASSERT_EQUAL (now.seq, 10);
  g_autofree char *head = dc_history_head (store, NULL, &error);
  CU_ASSERT_STRING_EQUAL (now.hash, head);

  g_auto (DcAuditState) before = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_audit_state_load (store, "2020-01-01", NULL, &before, &error));
  CU_ASSERT_EQUAL (before.entities, 0);
  CU_ASSERT_EQUAL (before.seq, 0);
  CU_ASSERT_STRING_EQUAL (before.hash, DC_HISTORY_GENESIS_HASH);
  test_rmdir (dir);
}

/* --section keeps the section and those below it; --system its assets. */
static void
test_filters (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  g_autoptr (GError) error = NULL;
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_section_kind, &error, "code", "zeimu", "name", "税務課", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_post_kind, &error, "code", "zeimu-kacho", "name", "税務課長", "section", "zeimu", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_system_kind, &error, "code", "zei-sys", "name", "税務システム",
                                  "admin_post", "zeimu-kacho", "section", "zeimu", NULL));
  CU_ASSERT_TRUE_FATAL (test_add (store, &dc_asset_kind, &error, "type", "data", "name", "課税台帳",
                                  "c", "3", "i", "2", "a", "1", "section", "zeimu", "post", "zeimu-kacho",
                                  "system", "zei-sys", NULL));
  g_auto (DcAuditState) all = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_audit_state_load (store, NULL, NULL, &all, &error));
  CU_ASSERT_EQUAL (state_count (store, "asset"), 2);

  DcAuditFilter by_parent = { "建設部", NULL, 0 };  /* by name; jutaku lies below it */
  g_auto (DcAuditState) s1 = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_audit_state_load (store, NULL, &by_parent, &s1, &error));
  CU_ASSERT_EQUAL (state_count (store, "asset"), 1);
  g_autofree char *kept = state_value (store, "asset", "A-0001", "section");
  CU_ASSERT_STRING_EQUAL (kept, "jutaku");
  CU_ASSERT_EQUAL (state_count (store, "system"), 0);
  CU_ASSERT_EQUAL (state_count (store, "section"), 3);  /* the context stays */

  DcAuditFilter by_system = { NULL, "zei-sys", 0 };
  g_auto (DcAuditState) s2 = { 0 };
  CU_ASSERT_TRUE_FATAL (dc_audit_state_load (store, NULL, &by_system, &s2, &error));
  CU_ASSERT_EQUAL (state_count (store, "asset"), 1);
  CU_ASSERT_EQUAL (state_count (store, "system"), 1);
  g_autofree char *name = state_value (store, "asset", "A-0002", "name");
  CU_ASSERT_STRING_EQUAL (name, "課税台帳");

  DcAuditFilter unknown = { "無い課", NULL, 0 };
  g_auto (DcAuditState) s3 = { 0 };
  CU_ASSERT_FALSE (dc_audit_state_load (store, NULL, &unknown, &s3, &error));
  g_assert_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, "--section"));
  test_rmdir (dir);
}

TEST_MAIN ("audit-state",
           { "the state of a past day shows its values", test_as_of_shows_old_values },
           { "filters by section (with those below) and system", test_filters })
