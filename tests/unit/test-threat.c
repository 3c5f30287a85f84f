/* engines: both (under make check DB=postgresql its registers are on a server) */
/* dc-threat: the shipped catalogue, the file's checks, the register's copy. */
#include "testlib.h"
#include <string.h>

static void
test_standard_catalogue (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DcThreatCatalogue) catalogue = dc_threat_catalogue_load (DC_THREAT_DEFAULT_CATALOGUE, &error);
  g_assert_no_error (error);
  CU_ASSERT_STRING_EQUAL (catalogue->name, "standard");
  CU_ASSERT_STRING_EQUAL (catalogue->version, "2026.1");
  CU_ASSERT_EQUAL (catalogue->threats->len, 26);
  CU_ASSERT_EQUAL (strlen (catalogue->sha256), 64);
  /* The threats every office expects, each with the property it harms. */
  const struct {
    const char *code, *name_part;
    char property;
    const char *type;
  } expected[] = {
    { "T01", "不正アクセス", 'C', "data" },
    { "T02", "マルウェア", 'C', "hardware" },
    { "T03", "紛失・盗難", 'C', "hardware" },
    { "T05", "電子メールの誤送信", 'C', "data" },
    { "T06", "FAXの誤送信", 'C', "document" },
    { "T07", "内部不正", 'C', "data" },
    { "T08", "委託先", 'C', "data" },
    { "T15", "誤操作", 'I', "data" },
    { "T19", "機器の故障", 'A', "hardware" },
    { "T21", "停電", 'A', "infrastructure" },
    { "T22", "自然災害", 'A', "document" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++) {
    const DcThreat *threat = dc_threat_catalogue_find (catalogue, expected[i].code);
    CU_ASSERT_PTR_NOT_NULL_FATAL (threat);
    CU_ASSERT_PTR_NOT_NULL (strstr (threat->name, expected[i].name_part));
    CU_ASSERT_EQUAL (threat->property, expected[i].property);
    CU_ASSERT_TRUE (dc_threat_applies (threat, expected[i].type));
    CU_ASSERT_TRUE (*threat->name_en && *threat->description && *threat->controls);
  }
  /* Every type of the presets meets at least one threat to each property,
   * and every threat names only types the presets have. */
  g_autoptr (DcScheme) scheme = dc_scheme_load ("chitose", NULL);
  for (guint t = 0; t < scheme->types->len; t++) {
    const char *type = ((DcAssetType *) g_ptr_array_index (scheme->types, t))->code;
    for (const char *p = "CIA"; *p; p++) {
      gboolean covered = FALSE;
      for (guint i = 0; i < catalogue->threats->len; i++) {
        const DcThreat *threat = g_ptr_array_index (catalogue->threats, i);
        covered |= threat->property == *p && dc_threat_applies (threat, type);
      }
      if (!covered)
        fprintf (stderr, "no threat to %c of %s\n", *p, type);
      CU_ASSERT_TRUE (covered);
    }
  }
  for (guint i = 0; i < catalogue->threats->len; i++) {
    const DcThreat *threat = g_ptr_array_index (catalogue->threats, i);
    CU_ASSERT_PTR_NOT_NULL_FATAL (threat->types);
    for (char **type = threat->types; *type; type++)
      CU_ASSERT_PTR_NOT_NULL (dc_scheme_type (scheme, *type));
    CU_ASSERT_TRUE (threat->likelihood >= 1 && threat->likelihood <= 3);
    CU_ASSERT_EQUAL (threat->vulnerability, 2);
  }
  g_auto (GStrv) names = dc_threat_catalogue_names ();
  CU_ASSERT_TRUE (g_strv_contains ((const char *const *) names, "standard"));
}

static void
test_file_checks (void)
{
  static const char head[] = "[catalogue]\nname = x\nversion = 1\ntitle = t\n";
  const struct {
    const char *body;
    const char *says;
  } cases[] = {
    { "[threat T1]\nname = a\nproperty = C\ntypes = data\nlikelihood = 2\nrisk = 3\n", "unknown key 'risk'" },
    { "[threat T1]\nname = a\nproperty = X\ntypes = data\nlikelihood = 2\n", "property 'X' must be C" },
    { "[threat T1]\nname = a\nproperty = C\ntypes = data\n", "likelihood must be a rating" },
    { "[threat T1]\nname = a\nproperty = C\ntypes = data\nlikelihood = 11\n", "not '11'" },
    { "[threat T1]\nname = a\nproperty = C\ntypes = ;\nlikelihood = 1\n", "types lists no asset type" },
    { "[threat T/1]\nname = a\nproperty = C\ntypes = data\nlikelihood = 1\n", "is not a threat code" },
    { "[threats]\nname = a\n", "[threats] is not a group of a catalogue" },
    { "", "defines no threat" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *text = g_strconcat (head, cases[i].body, NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (DcThreatCatalogue) catalogue = dc_threat_catalogue_parse (text, strlen (text), "mine.ini", &error);
    CU_ASSERT_PTR_NULL (catalogue);
    if (!error || !strstr (error->message, cases[i].says))
      fprintf (stderr, "case %zu: %s\n", i, error ? error->message : "(accepted)");
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, cases[i].says) : NULL);
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "mine.ini") : NULL);
  }
  /* "*" applies to every type; vulnerability defaults to 2. */
  static const char every[] = "[catalogue]\nname = x\nversion = 1\ntitle = t\n"
                              "[threat Z]\nname = z\nproperty = A\ntypes = *\nlikelihood = 1\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (DcThreatCatalogue) catalogue = dc_threat_catalogue_parse (every, strlen (every), "every.ini", &error);
  g_assert_no_error (error);
  const DcThreat *z = dc_threat_catalogue_find (catalogue, "Z");
  CU_ASSERT_TRUE (dc_threat_applies (z, "anything"));
  CU_ASSERT_EQUAL (z->vulnerability, 2);
  g_autoptr (DcThreatCatalogue) missing = dc_threat_catalogue_load ("no-such-catalogue", &error);
  CU_ASSERT_PTR_NULL (missing);
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "standard") : NULL);
}

static void
test_register_copy (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr (DcStore) store = test_register (dir, "chitose");
  g_autoptr (GError) error = NULL;
  gboolean installed = TRUE;
  g_autoptr (DcThreatCatalogue) shipped = dc_threat_catalogue_from_store (store, &installed, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (shipped);
  CU_ASSERT_FALSE (installed);
  CU_ASSERT_STRING_EQUAL (shipped->name, "standard");
  CU_ASSERT_EQUAL (test_count (store, "threat_catalogue"), 0);

  gint64 history = test_count (store, "history");
  CU_ASSERT_TRUE (dc_threat_catalogue_install (store, shipped, &error));
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 1);
  /* Installing the same text again changes nothing and records nothing. */
  CU_ASSERT_TRUE (dc_threat_catalogue_install (store, shipped, &error));
  CU_ASSERT_EQUAL (test_count (store, "history"), history + 1);

  /* An office's own edition replaces it. */
  g_autoptr (GString) edited = g_string_new (shipped->definition);
  g_string_replace (edited, "version = 2026.1", "version = 2026.2-kakushi", 1);
  g_string_replace (edited, "name = 機器の故障\n", "name = 機器・設備の故障\n", 1);
  g_autoptr (DcThreatCatalogue) own = dc_threat_catalogue_parse (edited->str, edited->len, "own.ini", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (own);
  CU_ASSERT_TRUE (dc_threat_catalogue_install (store, own, &error));
  g_autoptr (DcThreatCatalogue) now = dc_threat_catalogue_from_store (store, &installed, &error);
  CU_ASSERT_TRUE (installed);
  CU_ASSERT_STRING_EQUAL (now->version, "2026.2-kakushi");
  CU_ASSERT_STRING_EQUAL (dc_threat_catalogue_find (now, "T19")->name, "機器・設備の故障");
  CU_ASSERT_STRING_NOT_EQUAL (now->sha256, shipped->sha256);
  DcHistoryFilter filter = { "threat_catalogue", NULL, NULL };
  g_autoptr (GPtrArray) entries = dc_history_list (store, &filter, &error);
  CU_ASSERT_EQUAL (entries->len, 2);
  g_auto (DcVerifyReport) report = { 0 };
  CU_ASSERT_TRUE (dc_history_verify (store, &report, &error));
  test_rmdir (dir);
}

TEST_MAIN ("threat",
           { "the standard catalogue: the usual threats, each property and type covered", test_standard_catalogue },
           { "a catalogue file's mistakes are named", test_file_checks },
           { "the register keeps its own copy, replaced with history", test_register_copy })
