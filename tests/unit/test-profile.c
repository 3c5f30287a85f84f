/* dc-profile: the built-in export profiles and profile files of one's own. */
#include "testlib.h"

static DcProfile *
parse (const char *text, GError **error)
{
  return dc_profile_parse (text, strlen (text), "mine.ini", error);
}

static void
test_presets_load (void)
{
  g_auto (GStrv) names = dc_profile_preset_names ();
  g_autofree char *joined = g_strjoinv (",", names);
  CU_ASSERT_STRING_EQUAL (joined, "ad-csvde,ad-powershell,entra,generic,google,ldif,m365,passwd");
  for (char **name = names; *name; name++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (DcProfile) p = dc_profile_load (*name, &error);
    g_assert_no_error (error);
    CU_ASSERT_STRING_EQUAL (p->name, *name);
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (DcProfile) ad = dc_profile_load ("ad-csvde", &error);
  CU_ASSERT_EQUAL (ad->format, DC_PROFILE_TABLE);
  CU_ASSERT_TRUE (ad->match & DC_MATCH_CASEFOLD);
  CU_ASSERT_TRUE (ad->dn_cn);
  CU_ASSERT_TRUE (ad->filetime);
  CU_ASSERT_EQUAL (((DcStatusCheck *) g_ptr_array_index (ad->status, 0))->rule, DC_STATUS_UAC);
  g_autoptr (DcProfile) passwd = dc_profile_load ("passwd", &error);
  CU_ASSERT_EQUAL (passwd->format, DC_PROFILE_PASSWD);
  CU_ASSERT_EQUAL (passwd->match, 0);   /* exact */
  CU_ASSERT_EQUAL (passwd->system_uids->len, 4);
  g_autoptr (DcProfile) generic = dc_profile_load ("generic", &error);
  CU_ASSERT_FALSE (generic->match & DC_MATCH_CASEFOLD);
  g_autoptr (DcProfile) ldif = dc_profile_load ("ldif", &error);
  CU_ASSERT_EQUAL (ldif->status->len, 3);   /* userAccountControl, pwdAccountLockedTime, nsAccountLock */
}

static void
test_a_profile_of_ones_own (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DcProfile) p = parse (
      "[profile]\nname = kintai\nkey = 利用者コード|コード\nmatch = nfkc trim\n"
      "[privileges]\nflags = 照会|更新|削除\n"
      "[status]\ncolumn = 停止\nrule = values\ndisabled = ○\n"
      "[last_login]\ncolumn = 最終利用\n", &error);
  g_assert_no_error (error);
  CU_ASSERT_STRING_EQUAL (p->key, "利用者コード|コード");
  CU_ASSERT_EQUAL (p->match, DC_MATCH_NFKC | DC_MATCH_TRIM);
  CU_ASSERT_EQUAL (g_strv_length (p->flag_columns), 3);
  CU_ASSERT_STRING_EQUAL (p->separators, ";");   /* the default */
  CU_ASSERT_STRING_EQUAL (p->title, "kintai");   /* the name when no title */
  CU_ASSERT_FALSE (p->filetime);
}

static void
test_bad_profiles_say_what_is_wrong (void)
{
  const char *cases[][2] = {
    { "not a key file", "not a profile file" },
    { "[profile]\nkey = ID\n", "[profile] name: is required" },
    { "[profile]\nname = x\n", "[profile] key: is required" },
    { "[profile]\nname = x\nkey = ID\nformat = json\n", "use table, ldif or passwd" },
    { "[profile]\nname = x\nkey = ID\nmatch = nfkc lowercase\n", "use nfkc, cp932, trim and casefold" },
    { "[profile]\nname = x\nkey = ID\n[status]\nrule = uac\n", "[status] column: is required" },
    { "[profile]\nname = x\nkey = ID\n[status:2]\ncolumn = S\nrule = magic\n", "use values, uac or present" },
    { "[profile]\nname = x\nkey = ID\n[status]\ncolumn = S\n", "needs enabled = ... or disabled" },
    { "[profile]\nname = x\nkey = ID\n[last_login]\ncolumn = L\nformat = epoch\n", "use auto or filetime" },
    { "[profile]\nname = x\nformat = passwd\n[passwd]\nsystem_uids = 1-x\n", "ranges such as 1-999" },
    { "[profile]\nname = x\nkey = ID\n[privileges]\ndn = maybe\n", "write true or false" },
    { "[profile]\nname = x\nkey = ID\nlogin_part = domain\n", "[profile] login_part: use full" },
    { "[profile]\nname = x\nkey = ID\nlogin_domains = a.jp\n", "login_domains: is for login_part = local" },
    { "[profile]\nname = x\nkey = ID\n[guests]\ncolumn = userType\n", "[guests] values: is required" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (DcProfile) p = parse (cases[i][0], &error);
    CU_ASSERT_PTR_NULL (p);
    if (!error || !strstr (error->message, cases[i][1]))
      fprintf (stderr, "case %zu: %s\n", i, error ? error->message : "(no error)");
    CU_ASSERT_TRUE (error && strstr (error->message, cases[i][1]) && strstr (error->message, "mine.ini"));
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (DcProfile) missing = dc_profile_load ("no-such-profile", &error);
  CU_ASSERT_TRUE (error && strstr (error->message, "neither built in (ad-csvde, ad-powershell"));
}

static void
test_flag_marks (void)
{
  const char *set[] = { "○", "◯", "〇", "●", "✓", "1", "TRUE", "yes", "有", "あり", "可", " ○ " };
  const char *unset[] = { "", "×", "0", "false", "-", "無", "x" };
  for (gsize i = 0; i < G_N_ELEMENTS (set); i++)
    CU_ASSERT_TRUE (dc_profile_flag_set (set[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (unset); i++)
    CU_ASSERT_FALSE (dc_profile_flag_set (unset[i]));
}

/* The example in docs/profiles.md is a working profile. */
static void
test_documented_example_parses (void)
{
  const char *root = g_getenv ("DAICHO_ROOT");
  g_autofree char *path = g_build_filename (root ? root : ".", "docs", "profiles.md", NULL);
  g_autofree char *doc = NULL;
  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &doc, NULL, NULL));
  char *start = strstr (doc, "```ini\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (start);
  start += strlen ("```ini\n");
  char *end = strstr (start, "```");
  CU_ASSERT_PTR_NOT_NULL_FATAL (end);
  g_autoptr (GError) error = NULL;
  g_autoptr (DcProfile) p = dc_profile_parse (start, (gsize) (end - start), "profiles.md", &error);
  g_assert_no_error (error);
  CU_ASSERT_STRING_EQUAL (p->name, "kintai");
  CU_ASSERT_EQUAL (g_strv_length (p->flag_columns), 4);
  CU_ASSERT_STRING_EQUAL (p->separators, ";、");
  CU_ASSERT_EQUAL (((DcStatusCheck *) g_ptr_array_index (p->status, 0))->rule, DC_STATUS_VALUES);
  CU_ASSERT_EQUAL (g_strv_length (p->never), 2);
}

/* login_part = local: the part before the last "@", of the listed domains only. */
static void
test_login_part (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DcProfile) p = parse ("[profile]\nname = x\nkey = ID\nmatch = nfkc casefold\nlogin_part = local\n"
                                   "login_domains = Ｃｉｔｙ.lg.jp|b.jp\n", &error);
  g_assert_no_error (error);
  const char *cases[][2] = {
    { "Sato@CITY.lg.jp", "sato" }, { "sato@b.jp", "sato" }, { "sato@c.jp", "sato@c.jp" },
    { "sato", "sato" }, { "@city.lg.jp", "@city.lg.jp" }, { "a@b@city.lg.jp", "a@b" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *key = dc_profile_login_key (p, cases[i][0], 0);
    CU_ASSERT_STRING_EQUAL (key, cases[i][1]);
  }
  g_autoptr (DcProfile) entra = dc_profile_load ("entra", &error);
  g_assert_no_error (error);
  CU_ASSERT_EQUAL (entra->login_part, DC_LOGIN_PART_FULL);   /* docs/profiles.md says why */
  CU_ASSERT_STRING_EQUAL (entra->guest_values[0], "guest");
  DcLoginPart part;
  CU_ASSERT_TRUE (dc_profile_login_part_parse ("local", &part) && part == DC_LOGIN_PART_LOCAL);
  CU_ASSERT_FALSE (dc_profile_login_part_parse ("Local", &part));
}

TEST_MAIN ("profile",
           { "login_part = local and login_domains", test_login_part },
           { "the example in docs/profiles.md parses", test_documented_example_parses },
           { "the built-in profiles load", test_presets_load },
           { "a profile file of one's own", test_a_profile_of_ones_own },
           { "a bad profile names the group and key", test_bad_profiles_say_what_is_wrong },
           { "marks that grant a flag column's privilege", test_flag_marks })
