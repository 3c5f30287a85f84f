/* dc-json: JSON written byte for byte as SQLite's json_object() wrote the
 * snapshots, and read as json_each() read it. SQLite itself is the oracle:
 * every case is checked against what it says for the same text. */
#include "testlib.h"
#include <sqlite3.h>

static sqlite3 *
oracle (void)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  return db;
}

/* What SQLite says SQL gives for TEXT bound to ?1 (first row, first column). */
static char *
ask (sqlite3 *db, const char *sql, const char *text)
{
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  char *answer = sqlite3_step (stmt) == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  sqlite3_finalize (stmt);
  return answer;
}

static void
test_strings_as_sqlite_writes_them (void)
{
  sqlite3 *db = oracle ();
  /* Every ASCII character, and text an office writes. */
  for (int c = 1; c < 0x80; c++) {
    char text[4] = { 'a', (char) c, 'z', 0 };
    g_autoptr (GString) ours = g_string_new (NULL);
    dc_json_append_string (ours, text);
    g_autofree char *theirs = ask (db, "SELECT json_quote(?1)", text);
    if (g_strcmp0 (ours->str, theirs) != 0)
      fprintf (stderr, "U+%04X: %s vs %s\n", c, ours->str, theirs);
    CU_ASSERT_STRING_EQUAL (ours->str, theirs);
  }
  const char *texts[] = { "住宅課長（兼務）", "タブ\tと改行\nと\"引用\"\\ /", "😀 \xef\xbf\xbd", "" };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++) {
    g_autoptr (GString) ours = g_string_new (NULL);
    dc_json_append_string (ours, texts[i]);
    g_autofree char *theirs = ask (db, "SELECT json_quote(?1)", texts[i]);
    CU_ASSERT_STRING_EQUAL (ours->str, theirs);
  }
  sqlite3_close (db);
}

static const char *const documents[] = {
  "{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":true,\"e\":false,\"f\":[1,\"y\",{\"g\":[]}],\"h\":{}}",
  " { \"sp ace\" : [ 1 , 2 ] , \"esc\\\"aped\" : \"\\u7167\\n\" , \"n\" : -1.5e3 } ",
  "[\"照会\",\"更新\",[],{\"k\":\"v\"},0]",
  "{}", "[]",
  "{\"assignments\":[{\"employee_no\":\"000101\",\"from\":\"2025-04-01\",\"to\":null}],\"z\":2}",
};

static void
test_minified_as_json_gives (void)
{
  sqlite3 *db = oracle ();
  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++) {
    g_autoptr (GString) ours = g_string_new (NULL);
    dc_json_append_minified (ours, documents[i]);
    g_autofree char *theirs = ask (db, "SELECT json(?1)", documents[i]);
    CU_ASSERT_STRING_EQUAL (ours->str, theirs);
    CU_ASSERT_TRUE (dc_json_valid (documents[i]));
  }
  sqlite3_close (db);
}

static void
test_members_as_json_each_gives (void)
{
  sqlite3 *db = oracle ();
  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++) {
    g_autoptr (GPtrArray) members = dc_json_members (documents[i]);
    CU_ASSERT_PTR_NOT_NULL_FATAL (members);
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT key, value, type, id FROM json_each(?1) ORDER BY id",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, documents[i], -1, SQLITE_STATIC);
    guint n = 0;
    while (sqlite3_step (stmt) == SQLITE_ROW) {
      CU_ASSERT_FATAL (n < members->len);
      const DcJsonMember *m = g_ptr_array_index (members, n++);
      if (sqlite3_column_type (stmt, 0) == SQLITE_TEXT) {
        CU_ASSERT_STRING_EQUAL (m->key, (const char *) sqlite3_column_text (stmt, 0));
      } else {
        CU_ASSERT_PTR_NULL (m->key);
      }
      const char *value = (const char *) sqlite3_column_text (stmt, 1);
      const char *type = (const char *) sqlite3_column_text (stmt, 2);
      if (!g_str_equal (type, "real")) {   /* SQLite writes -1.5e3 as -1500.0 */
        CU_ASSERT_STRING_EQUAL (m->value ? m->value : "(null)", value ? value : "(null)");
      }
      CU_ASSERT_EQUAL (m->id, sqlite3_column_int64 (stmt, 3));
    }
    CU_ASSERT_EQUAL (n, members->len);
    sqlite3_finalize (stmt);
  }
  g_autofree char *post = dc_json_member_value ("{\"code\":\"A-1\",\"post\":\"kacho\"}", "post");
  CU_ASSERT_STRING_EQUAL (post, "kacho");
  g_autofree char *none = dc_json_member_value ("{\"post\":null}", "post");
  CU_ASSERT_PTR_NULL (none);
  sqlite3_close (db);
}

static void
test_invalid_text_is_refused (void)
{
  const char *bad[] = { "", "{", "[1,]", "{\"a\"}", "{\"a\":}", "[1] x", "\"\\q\"", "01x", "tru", "{'a':1}", NULL };
  for (const char **b = bad; *b; b++) {
    CU_ASSERT_FALSE (dc_json_valid (*b));
    g_autoptr (GPtrArray) none = dc_json_members (*b);
    CU_ASSERT_PTR_NULL (none);
  }
  CU_ASSERT_EQUAL (dc_json_kind ("{}"), DC_JSON_OBJECT);
  CU_ASSERT_EQUAL (dc_json_kind (" [1] "), DC_JSON_ARRAY);
  CU_ASSERT_EQUAL (dc_json_kind ("\"x\""), DC_JSON_STRING);
}

TEST_MAIN ("json",
           { "strings are written as SQLite's json_quote writes them", test_strings_as_sqlite_writes_them },
           { "white space goes as SQLite's json() drops it", test_minified_as_json_gives },
           { "members come as SQLite's json_each gives them", test_members_as_json_each_gives },
           { "text that is not JSON is refused", test_invalid_text_is_refused });
