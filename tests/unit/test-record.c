/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-record: checking input against the register, storing, reading, filtering. */
#include "testlib.h"

static void
expect_error (GError *error, int code, const char *words)
{
  CU_ASSERT_PTR_NOT_NULL_FATAL (error);
  CU_ASSERT_EQUAL (error->code, code);
  if (!strstr (error->message, words))
    fprintf (stderr, "expected '%s' in: %s\n", words, error->message);
  CU_ASSERT_PTR_NOT_NULL (strstr (error->message, words));
}

#define ASSET(...) test_add (store, &dc_asset_kind, &error, "type", "data", "name", "x", \
                             "section", "jutaku", "post", "kacho", __VA_ARGS__, NULL)

static void
test_levels_in_every_written_form (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  const char *forms[] = { "3", "３", "3 課外秘", "３　課外秘", "課外秘", "3課外秘", " 3 ",
                          "機密性3", "機密性：3", "C3", "Ｃ３", "Ⅲ", "III", "ⅲ", "機密性Ⅲ",
                          "機密性：課外秘" };
  const char *i_forms[] = { "高", "完全性：高", "I3", "Ⅲ", "III", "完全性3", "3 高" };
  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++) {
    g_autofree char *code = g_strdup_printf ("L-%zu", i);
    CU_ASSERT_TRUE (ASSET ("code", code, "c", forms[i], "i", i_forms[i % G_N_ELEMENTS (i_forms)],
                           "a", "A1"));
    if (error)
      fprintf (stderr, "%s: %s\n", forms[i], error->message);
    g_assert_no_error (error);
    g_autoptr (DcRecord) asset = dc_record_get_one (store, &dc_asset_kind, code, NULL);
    CU_ASSERT_STRING_EQUAL (dc_record_get (asset, "c"), "3");
    CU_ASSERT_STRING_EQUAL (dc_record_display (asset, "c"), "3 課外秘");
    CU_ASSERT_STRING_EQUAL (dc_record_get (asset, "i"), "3");
  }
  test_rmdir (dir);
}

static void
test_yes_and_no_in_every_written_form (void)
{
  const DcField *personal = dc_record_kind_field (&dc_asset_kind, "personal_info");
  const DcField *io = dc_record_kind_field (&dc_asset_kind, "external_io");
  const char *yes[] = { "○", "◯", "〇", "●", "✓", "レ", "有", "あり", "有り", "Yes", "YES", "Y", "y",
                        "1", "１", "ｙｅｓ" };
  const char *no[] = { "×", "✕", "－", "-", "ー", "無", "なし", "無し", "No", "N", "0", "０" };
  const char *specific[] = { "特定", "特定個人情報", "マイナンバー", "個人番号" };
  for (gsize i = 0; i < G_N_ELEMENTS (yes); i++) {
    const DcEnumValue *p = dc_enum_find (personal, yes[i]), *x = dc_enum_find (io, yes[i]);
    if (!p || !x)
      fprintf (stderr, "yes: %s not read\n", yes[i]);
    CU_ASSERT_STRING_EQUAL (p ? p->code : "", "personal");
    CU_ASSERT_STRING_EQUAL (x ? x->code : "", "both");
  }
  for (gsize i = 0; i < G_N_ELEMENTS (no); i++) {
    const DcEnumValue *p = dc_enum_find (personal, no[i]), *x = dc_enum_find (io, no[i]);
    if (!p || !x)
      fprintf (stderr, "no: %s not read\n", no[i]);
    CU_ASSERT_STRING_EQUAL (p ? p->code : "", "none");
    CU_ASSERT_STRING_EQUAL (x ? x->code : "", "none");
  }
  for (gsize i = 0; i < G_N_ELEMENTS (specific); i++) {
    const DcEnumValue *p = dc_enum_find (personal, specific[i]);
    CU_ASSERT_STRING_EQUAL (p ? p->code : "", "specific");
  }
  CU_ASSERT_PTR_NULL (dc_enum_find (personal, "たぶん"));
  CU_ASSERT_PTR_NULL (dc_enum_find (personal, "△"));

  /* A word it does not know keeps today's error with the text. */
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  CU_ASSERT_TRUE (ASSET ("code", "Y-1", "c", "1", "i", "1", "a", "1", "external_io", "○"));
  g_assert_no_error (error);
  g_autoptr (DcRecord) asset = dc_record_get_one (store, &dc_asset_kind, "Y-1", NULL);
  CU_ASSERT_STRING_EQUAL (dc_record_get (asset, "personal_info"), "none");
  CU_ASSERT_STRING_EQUAL (dc_record_get (asset, "external_io"), "both");
  CU_ASSERT_FALSE (ASSET ("code", "Y-2", "c", "1", "i", "1", "a", "1", "personal_info", "△"));
  expect_error (error, DC_ERROR_INVALID, "personal_info (個人情報の有無) '△' is not allowed; use one of: none (なし)");
  g_clear_error (&error);
  test_rmdir (dir);
}

static void
test_bad_values_name_value_and_allowed (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  gint64 assets = test_count (store, "asset"), history = test_count (store, "history");
  GError *error = NULL;

  CU_ASSERT_FALSE (ASSET ("c", "5", "i", "1", "a", "1"));
  expect_error (error, DC_ERROR_INVALID, "level '5' is not in the register's scheme; allowed: 1 一般, 2 庁外秘, 3 課外秘, 4 極秘");
  g_clear_error (&error);
  CU_ASSERT_FALSE (ASSET ("c", "1", "i", "4", "a", "1"));
  expect_error (error, DC_ERROR_INVALID, "allowed: 1 低, 2 中, 3 高");
  g_clear_error (&error);
  CU_ASSERT_FALSE (test_add (store, &dc_asset_kind, &error, "type", "紙", "name", "x", "c", "1", "i", "1",
                             "a", "1", "section", "jutaku", "post", "kacho", NULL));
  expect_error (error, DC_ERROR_INVALID, "asset type '紙' is not in the register's scheme; allowed: data (データ)");
  g_clear_error (&error);
  CU_ASSERT_FALSE (test_add (store, &dc_asset_kind, &error, "type", "data", "name", "x", "c", "1", "i", "1",
                             "a", "1", "section", "somu", "post", "kacho", NULL));
  expect_error (error, DC_ERROR_NOT_FOUND, "section 'somu' does not exist; known: jutaku (住宅課), kensetsu (建設部)");
  g_clear_error (&error);
  CU_ASSERT_FALSE (test_add (store, &dc_asset_kind, &error, "type", "data", "name", "x", "c", "1", "i", "1",
                             "a", "1", "section", "jutaku", "post", "bucho", NULL));
  expect_error (error, DC_ERROR_NOT_FOUND, "post 'bucho' does not exist; known: kacho (住宅課長), kakaricho (管理係長)");
  g_clear_error (&error);
  CU_ASSERT_FALSE (ASSET ("c", "1", "i", "1", "a", "1", "personal_info", "たぶん"));
  expect_error (error, DC_ERROR_INVALID, "personal_info (個人情報の有無) 'たぶん' is not allowed; use one of: none (なし), personal (個人情報), specific (特定個人情報)");
  g_clear_error (&error);
  CU_ASSERT_FALSE (ASSET ("c", "1", "i", "1", "a", "1", "next_review_due", "2027-02-30"));
  expect_error (error, DC_ERROR_INVALID, "'2027-02-30' is not a date");
  g_clear_error (&error);
  CU_ASSERT_FALSE (test_add (store, &dc_asset_kind, &error, "type", "data", "c", "1", "i", "1", "a", "1",
                             "section", "jutaku", "post", "kacho", NULL));
  expect_error (error, DC_ERROR_INVALID, "name (資産名称) is required");
  g_clear_error (&error);
  CU_ASSERT_EQUAL (test_count (store, "asset"), assets);
  CU_ASSERT_EQUAL (test_count (store, "history"), history);
  test_rmdir (dir);
}

static void
test_references_by_code_or_unique_name (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "code", "N-1", "type", "ドキュメント", "name", "x",
                            "c", "1", "i", "1", "a", "1", "section", "住宅課", "post", "住宅課長", NULL));
  g_autoptr (DcRecord) asset = dc_record_get_one (store, &dc_asset_kind, "N-1", NULL);
  CU_ASSERT_STRING_EQUAL (dc_record_get (asset, "section"), "jutaku");
  CU_ASSERT_STRING_EQUAL (dc_record_get (asset, "type"), "document");
  CU_ASSERT_STRING_EQUAL (dc_record_display (asset, "post"), "住宅課長");
  /* Two sections named the same: the name is ambiguous, the code is not. */
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "soumu-a", "name", "総務課", NULL));
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "soumu-b", "name", "総務課", NULL));
  gint64 id = dc_record_resolve (store, &dc_section_kind, "総務課", &error);
  CU_ASSERT_EQUAL (id, 0);
  expect_error (error, DC_ERROR_INVALID, "ambiguous");
  g_clear_error (&error);
  CU_ASSERT_TRUE (dc_record_resolve (store, &dc_section_kind, "soumu-b", &error) > 0);
  test_rmdir (dir);
}

/* An import remembers what it resolved; what the record engine adds meanwhile
 * is seen (a new section of the same name makes the name ambiguous, a new
 * section makes its name known). */
static void
test_remembered_references_follow_added_records (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  dc_record_memo_begin (store);
  CU_ASSERT_TRUE (ASSET ("code", "M-1", "section", "建設部", "c", "1", "i", "1", "a", "1"));
  g_assert_no_error (error);
  CU_ASSERT_TRUE (ASSET ("code", "M-2", "section", "建設部", "c", "1", "i", "1", "a", "1"));
  g_assert_no_error (error);
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "kensetsu-2", "name", "建設部", NULL));
  CU_ASSERT_FALSE (ASSET ("code", "M-3", "section", "建設部", "c", "1", "i", "1", "a", "1"));
  expect_error (error, DC_ERROR_INVALID, "ambiguous");
  g_clear_error (&error);
  CU_ASSERT_FALSE (ASSET ("code", "M-4", "section", "新設課", "c", "1", "i", "1", "a", "1"));
  expect_error (error, DC_ERROR_NOT_FOUND, "新設課");
  g_clear_error (&error);
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "shinsetsu", "name", "新設課", NULL));
  CU_ASSERT_TRUE (ASSET ("code", "M-4", "section", "新設課", "c", "1", "i", "1", "a", "1"));
  g_assert_no_error (error);
  dc_record_memo_end (store);
  g_autoptr (DcRecord) asset = dc_record_get_one (store, &dc_asset_kind, "M-4", NULL);
  CU_ASSERT_STRING_EQUAL (asset ? dc_record_get (asset, "section") : "", "shinsetsu");
  test_rmdir (dir);
}

static void
test_duplicate_key_is_conflict (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  CU_ASSERT_FALSE (test_add (store, &dc_person_kind, &error, "employee_no", "000101", "name", "別人", NULL));
  expect_error (error, DC_ERROR_CONFLICT, "person '000101' already exists");
  g_clear_error (&error);
  test_rmdir (dir);
}

static void
test_edit_refuses_key_and_managed_fields (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  g_autoptr (DcRecord) changes = dc_record_new (&dc_asset_kind);
  dc_record_set (changes, "status", "disposed", NULL);
  CU_ASSERT_FALSE (dc_asset_edit (store, "A-0001", changes, &error));
  expect_error (error, DC_ERROR_INVALID, "status (状態) cannot be edited");
  g_clear_error (&error);
  g_autoptr (DcRecord) key = dc_record_new (&dc_section_kind);
  dc_record_set (key, "code", "new", NULL);
  CU_ASSERT_FALSE (dc_record_edit (store, "jutaku", key, &error));
  expect_error (error, DC_ERROR_INVALID, "permanent key");
  g_clear_error (&error);
  g_autoptr (DcRecord) nothing = dc_record_new (&dc_section_kind);
  CU_ASSERT_FALSE (dc_record_edit (store, "jutaku", nothing, &error));
  expect_error (error, DC_ERROR_INVALID, "nothing to change");
  g_clear_error (&error);
  CU_ASSERT_FALSE (dc_record_set (nothing, "colour", "red", &error));
  g_clear_error (&error);
  test_rmdir (dir);
}

static guint
list_count (DcStore *store, const DcCondition *conditions, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = dc_record_list (store, &dc_asset_kind, conditions, n, &error);
  g_assert_no_error (error);
  return list->len;
}

static void
test_filters (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);  /* A-0001: C3 I2 A1 in jutaku */
  GError *error = NULL;
  CU_ASSERT_TRUE (test_add (store, &dc_section_kind, &error, "code", "doboku", "name", "土木課", "parent", "kensetsu", NULL));
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "type", "hardware", "name", "端末", "c", "1", "i", "1",
                            "a", "3", "section", "doboku", "post", "kakaricho", "personal_info", "あり", NULL));
  CU_ASSERT_TRUE (test_add (store, &dc_asset_kind, &error, "type", "data", "name", "マイナンバー", "c", "4", "i", "3",
                            "a", "2", "section", "jutaku", "post", "kacho", "personal_info", "特定個人情報", NULL));
  g_assert_no_error (error);
  DcCondition min_c3[] = { { "c", "3", TRUE } };
  CU_ASSERT_EQUAL (list_count (store, min_c3, 1), 2);
  DcCondition c3[] = { { "c", "課外秘", FALSE } };
  CU_ASSERT_EQUAL (list_count (store, c3, 1), 1);
  DcCondition min_a2[] = { { "a", "2", TRUE } };
  CU_ASSERT_EQUAL (list_count (store, min_a2, 1), 2);
  DcCondition department[] = { { "section", "建設部", FALSE } };
  CU_ASSERT_EQUAL (list_count (store, department, 1), 3);
  DcCondition doboku[] = { { "section", "doboku", FALSE } };
  CU_ASSERT_EQUAL (list_count (store, doboku, 1), 1);
  DcCondition personal[] = { { "personal_info", "personal", FALSE } };
  CU_ASSERT_EQUAL (list_count (store, personal, 1), 1);
  DcCondition both[] = { { "section", "jutaku", FALSE }, { "type", "データ", FALSE }, { "post", "kacho", FALSE } };
  CU_ASSERT_EQUAL (list_count (store, both, 3), 2);
  DcCondition bad[] = { { "c", "9", TRUE } };
  g_autoptr (GPtrArray) none = dc_record_list (store, &dc_asset_kind, bad, 1, &error);
  CU_ASSERT_PTR_NULL (none);
  expect_error (error, DC_ERROR_INVALID, "level '9'");
  g_clear_error (&error);
  test_rmdir (dir);
}

/* dc_record_find_code and the look-alike refusal give the same answers from
 * the index an import attaches as from reading every code. */
static void
test_codes_found_with_and_without_index (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  CU_ASSERT_TRUE (ASSET ("code", "B-0001", "c", "1", "i", "1", "a", "1"));
  g_assert_no_error (error);
  for (int indexed = 0; indexed < 2; indexed++) {
    CU_ASSERT_TRUE_FATAL (dc_store_begin (store, &error));
    if (indexed)
      CU_ASSERT_TRUE_FATAL (dc_record_index_codes (store, &dc_asset_kind, &error));
    g_autofree char *exact = dc_record_find_code (store, &dc_asset_kind, "B-0001", &error);
    g_autofree char *wide = dc_record_find_code (store, &dc_asset_kind, "ｂ－０００１", &error);
    g_autofree char *none = dc_record_find_code (store, &dc_asset_kind, "B-0002", &error);
    g_assert_no_error (error);
    CU_ASSERT_STRING_EQUAL (exact, "B-0001");
    CU_ASSERT_STRING_EQUAL (wide, "B-0001");
    CU_ASSERT_PTR_NULL (none);
    /* An add is refused for a look-alike, and noted in the index when done. */
    CU_ASSERT_FALSE (ASSET ("code", "b-0001", "c", "1", "i", "1", "a", "1"));
    expect_error (error, DC_ERROR_CONFLICT, "differs from the existing asset 'B-0001' only in width or case");
    g_clear_error (&error);
    CU_ASSERT_TRUE (ASSET ("code", "C-0001", "c", "1", "i", "1", "a", "1"));
    g_assert_no_error (error);
    g_autofree char *added = dc_record_find_code (store, &dc_asset_kind, "c-0001", &error);
    CU_ASSERT_STRING_EQUAL (added, "C-0001");
    CU_ASSERT_FALSE (ASSET ("code", "Ｃ-0001", "c", "1", "i", "1", "a", "1"));
    expect_error (error, DC_ERROR_CONFLICT, "'C-0001' only in width or case");
    g_clear_error (&error);
    dc_record_unindex_codes (store, &dc_asset_kind);
    dc_store_rollback (store);
  }
  test_rmdir (dir);
}

/* Text longer than an Excel cell holds is refused on input: it could never
 * be exported. */
static void
test_text_longer_than_a_cell_is_refused (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  test_small_org (store);
  GError *error = NULL;
  GString *text = g_string_new (NULL);
  for (int i = 0; i < DC_TEXT_MAX_TEXT; i++)
    g_string_append (text, "台");
  CU_ASSERT_TRUE (ASSET ("code", "T-1", "c", "1", "i", "1", "a", "1", "note", text->str));
  g_assert_no_error (error);
  g_string_append_c (text, 'x');
  CU_ASSERT_FALSE (ASSET ("code", "T-2", "c", "1", "i", "1", "a", "1", "note", text->str));
  expect_error (error, DC_ERROR_INVALID, "note (備考) is 32768 characters long; at most 32767");
  g_clear_error (&error);
  g_string_free (text, TRUE);
  CU_ASSERT_EQUAL (test_count (store, "asset"), 2);
  test_rmdir (dir);
}

TEST_MAIN ("record",
           { "levels as 3, ３, 3 課外秘, 課外秘, 機密性3, C3 or Ⅲ", test_levels_in_every_written_form },
           { "yes and no as ○, ×, あり, なし, Y, N, 1, 0", test_yes_and_no_in_every_written_form },
           { "bad values name the value and the allowed ones; nothing written", test_bad_values_name_value_and_allowed },
           { "references by code or by a unique name", test_references_by_code_or_unique_name },
           { "remembered references follow the records added meanwhile",
             test_remembered_references_follow_added_records },
           { "a duplicate key is a conflict", test_duplicate_key_is_conflict },
           { "edit refuses keys and managed fields", test_edit_refuses_key_and_managed_fields },
           { "list filters: levels, sections with subsections, enums", test_filters },
           { "codes found and look-alikes refused alike with and without the import's index",
             test_codes_found_with_and_without_index },
           { "text longer than a spreadsheet cell is refused", test_text_longer_than_a_cell_is_refused })
