/* dc-accounts: exports read through each built-in profile (fixtures/id). */
#include "testlib.h"

typedef struct {
  DcProfile *profile;
  DcNames *names;
  DcAccounts *accounts;
  GPtrArray *problems;
  GError *error;
} Read;

static Read
read_export (const char *file, const char *profile)
{
  Read r = { 0 };
  r.profile = dc_profile_load (profile, &r.error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (r.profile);
  r.names = dc_names_new (r.profile->dn_cn);
  r.problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = test_fixture ("id", file);
  r.accounts = dc_accounts_read (path, NULL, r.profile, r.names, r.problems, &r.error);
  return r;
}

static void
read_clear (Read *r)
{
  dc_accounts_free (r->accounts);
  dc_names_free (r->names);
  dc_profile_free (r->profile);
  g_ptr_array_unref (r->problems);
  g_clear_error (&r->error);
}

static const DcAccount *
account (Read *r, const char *raw)
{
  for (guint i = 0; i < r->accounts->accounts->len; i++) {
    const DcAccount *a = &g_array_index (r->accounts->accounts, DcAccount, i);
    if (g_str_equal (a->raw, raw))
      return a;
  }
  fprintf (stderr, "no account %s\n", raw);
  return NULL;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The account's privileges as displayed, sorted, joined by ",". */
static char *
privileges (Read *r, const DcAccount *a)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < a->n_privileges; i++)
    g_ptr_array_add (names, (gpointer) dc_names_display (r->names, g_ptr_array_index (r->accounts->privileges, a->first_privilege + i)));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static gint32
day (const char *iso)
{
  gint32 d = 0;
  g_assert_true (dc_date_to_day (iso, &d));
  return d;
}

static void
test_generic_cp932 (void)
{
  Read r = read_export ("jutaku-export-cp932.csv", "generic");
  g_assert_no_error (r.error);
  CU_ASSERT_EQUAL (r.accounts->accounts->len, 16);
  CU_ASSERT_STRING_EQUAL (r.accounts->source, "CSV, CP932");
  CU_ASSERT_TRUE (r.accounts->has_privileges && r.accounts->has_status && r.accounts->has_last_login);
  const DcAccount *goto_d = account (&r, "goto.d   ");   /* trailing spaces kept in the raw login */
  CU_ASSERT_STRING_EQUAL (goto_d->key, "goto.d");
  CU_ASSERT_EQUAL (goto_d->last_login, day ("2026-05-01"));
  CU_ASSERT_EQUAL (goto_d->row, 4);
  const DcAccount *matsuda = account (&r, "ｍａｔｓｕｄａ．ｋ");
  CU_ASSERT_STRING_EQUAL (matsuda->key, "matsuda.k");
  g_autofree char *granted = privileges (&r, matsuda);
  CU_ASSERT_STRING_EQUAL (granted, "削除,更新,照会");
  CU_ASSERT_EQUAL (account (&r, "murakami.a")->last_login, DC_LOGIN_NEVER);     /* empty */
  CU_ASSERT_EQUAL (account (&r, "emergency01")->last_login, DC_LOGIN_NEVER);    /* なし */
  CU_ASSERT_FALSE (account (&r, "suzuki.s")->enabled);                          /* 無効 */
  CU_ASSERT_TRUE (account (&r, "sato.m")->enabled);
  CU_ASSERT_STRING_EQUAL (account (&r, "sato.m")->display_name, "佐藤 雅之");
  read_clear (&r);
}

static void
test_ad_csvde_utf16 (void)
{
  Read r = read_export ("lan-csvde.csv", "ad-csvde");
  g_assert_no_error (r.error);
  CU_ASSERT_EQUAL (r.accounts->accounts->len, 9);
  CU_ASSERT_EQUAL (r.accounts->skipped, 1);                    /* WS-0001$ is a computer */
  CU_ASSERT_STRING_EQUAL (r.accounts->source, "CSV, UTF-16LE");
  CU_ASSERT_STRING_EQUAL (account (&r, "NAKAMURA.M")->key, "nakamura.m");
  CU_ASSERT_FALSE (account (&r, "Guest")->enabled);            /* 66082 has bit 0x2 */
  CU_ASSERT_FALSE (account (&r, "kobayashi.r")->enabled);      /* 514 */
  CU_ASSERT_TRUE (account (&r, "svc-backup")->enabled);        /* 66048 */
  CU_ASSERT_EQUAL (account (&r, "Guest")->last_login, DC_LOGIN_NEVER);       /* 0 */
  CU_ASSERT_EQUAL (account (&r, "yoshida.n")->last_login, DC_LOGIN_NEVER);   /* empty */
  CU_ASSERT_EQUAL (account (&r, "ito.t")->last_login, day ("2026-11-20"));   /* FILETIME */
  g_autofree char *admin = privileges (&r, account (&r, "Administrator"));
  CU_ASSERT_STRING_EQUAL (admin, "Administrators,Domain Admins");            /* CNs of the DNs */
  read_clear (&r);
}

static void
test_ad_powershell_type_line (void)
{
  const char *files[] = { "lan-powershell.csv", "lan-powershell-filetime.csv" };
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++) {
    Read r = read_export (files[i], "ad-powershell");
    g_assert_no_error (r.error);
    CU_ASSERT_EQUAL (r.accounts->accounts->len, 9);
    CU_ASSERT_EQUAL (account (&r, "ito.t")->row, 6);           /* row 1 is #TYPE, row 2 the header */
    CU_ASSERT_EQUAL (account (&r, "ito.t")->last_login, day ("2026-11-20"));
    CU_ASSERT_EQUAL (account (&r, "yoshida.n")->last_login, DC_LOGIN_NEVER);
    CU_ASSERT_FALSE (account (&r, "Guest")->enabled);
    g_autofree char *ueno = privileges (&r, account (&r, "ueno.k"));
    CU_ASSERT_STRING_EQUAL (ueno, "Domain Users,Schema Admins");
    read_clear (&r);
  }
}

static void
test_ldif_groups_base64_locks (void)
{
  Read r = read_export ("ldap-directory.ldif", "ldif");
  g_assert_no_error (r.error);
  CU_ASSERT_EQUAL (r.accounts->accounts->len, 5);
  CU_ASSERT_EQUAL (r.accounts->skipped, 4);                    /* the domain, the ou, two groups */
  CU_ASSERT_STRING_EQUAL (account (&r, "newbie")->display_name, "新井 悠");    /* cn:: base64 */
  CU_ASSERT_FALSE (account (&r, "murakami.a")->enabled);       /* pwdAccountLockedTime */
  CU_ASSERT_TRUE (account (&r, "sato.m")->enabled);
  CU_ASSERT_EQUAL (account (&r, "sato.m")->last_login, day ("2026-11-20"));
  CU_ASSERT_EQUAL (account (&r, "newbie")->last_login, DC_LOGIN_NEVER);        /* others have one */
  g_autofree char *matsuda = privileges (&r, account (&r, "matsuda.k"));
  CU_ASSERT_STRING_EQUAL (matsuda, "jutaku-admins,mail-users");                /* member and memberUid */
  read_clear (&r);
}

static void
test_passwd (void)
{
  Read r = read_export ("server-passwd", "passwd");
  g_assert_no_error (r.error);
  CU_ASSERT_EQUAL (r.accounts->accounts->len, 10);
  CU_ASSERT_FALSE (account (&r, "root")->optional);
  CU_ASSERT_TRUE (account (&r, "daemon")->optional);
  CU_ASSERT_TRUE (account (&r, "nobody")->optional);
  CU_ASSERT_FALSE (account (&r, "sato")->optional);
  CU_ASSERT_STRING_EQUAL (account (&r, "Sato")->key, "Sato");   /* exact */
  CU_ASSERT_FALSE (account (&r, "locked")->enabled);
  CU_ASSERT_TRUE (account (&r, "jutaku-app")->enabled);       /* nologin does not disable */
  CU_ASSERT_STRING_EQUAL (account (&r, "sato")->display_name, "Sato Masayuki");
  CU_ASSERT_FALSE (r.accounts->has_privileges || r.accounts->has_last_login);
  read_clear (&r);
}

static void
test_problems_listed_with_their_place (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bad.csv", NULL);
  g_assert_true (g_file_set_contents (path, "ログインID,状態,最終ログイン\nsato.m,保留,2026-11-01\n"
                                      ",有効,2026-11-01\nmatsuda.k,有効,昨日\n", -1, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (DcProfile) profile = dc_profile_load ("generic", &error);
  g_autoptr (DcNames) names = dc_names_new (FALSE);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (DcAccounts) accounts = dc_accounts_read (path, NULL, profile, names, problems, &error);
  CU_ASSERT_PTR_NULL (accounts);
  CU_ASSERT_TRUE (error && strstr (error->message, "3 problems"));
  CU_ASSERT_EQUAL (problems->len, 3);
  CU_ASSERT_TRUE (strstr (problems->pdata[0], "bad.csv, row 2, column B (状態): '保留' is neither") != NULL);
  CU_ASSERT_TRUE (strstr (problems->pdata[1], "row 3, column A (ログインID): the login ID is empty") != NULL);
  CU_ASSERT_TRUE (strstr (problems->pdata[2], "row 4, column C (最終ログイン): '昨日'") != NULL);
  g_clear_error (&error);
  g_autoptr (DcProfile) ldif = dc_profile_load ("ldif", &error);
  DcImportSource sheet = { .sheet = "x" };
  g_autoptr (DcAccounts) none = dc_accounts_read (path, &sheet, ldif, names, problems, &error);
  CU_ASSERT_TRUE (!none && error && strstr (error->message, "apply to CSV and xlsx"));
  test_rmdir (dir);
}

static void
test_names_interned (void)
{
  g_autoptr (DcNames) names = dc_names_new (TRUE);
  const char *a = dc_names_intern (names, "CN=Domain Admins,CN=Users,DC=x");
  const char *b = dc_names_intern (names, " domain admins ");
  CU_ASSERT_PTR_EQUAL (a, b);
  CU_ASSERT_STRING_EQUAL (dc_names_display (names, a), "Domain Admins");
  const char *escaped = dc_names_intern (names, "CN=Smith\\, John,OU=People,DC=x");
  CU_ASSERT_STRING_EQUAL (dc_names_display (names, escaped), "Smith, John");
  CU_ASSERT_PTR_EQUAL (dc_names_intern (names, "照会"), dc_names_intern (names, "照会　"));
  CU_ASSERT_STRING_EQUAL (dc_names_intern (names, "  "), "");
  g_autoptr (DcNames) plain = dc_names_new (FALSE);
  CU_ASSERT_STRING_EQUAL (dc_names_display (plain, dc_names_intern (plain, "CN=a,OU=b")), "CN=a,OU=b");
}

static void
test_other_programs_values (void)
{
  /* Windows PowerShell 5.1's Export-Csv of a collection. */
  CU_ASSERT_TRUE (dc_accounts_is_type_name ("Microsoft.ActiveDirectory.Management.ADPropertyValueCollection"));
  CU_ASSERT_TRUE (dc_accounts_is_type_name (" System.Object[] "));
  CU_ASSERT_TRUE (dc_accounts_is_type_name ("System.Collections.Generic.List`1[System.String]"));
  CU_ASSERT_FALSE (dc_accounts_is_type_name ("CN=Domain Users,CN=Users,DC=x"));
  CU_ASSERT_FALSE (dc_accounts_is_type_name ("Microsoft.Admins"));
  CU_ASSERT_FALSE (dc_accounts_is_type_name ("System."));
  CU_ASSERT_FALSE (dc_accounts_is_type_name ("System Admins"));
  /* csvde without -u: X'hex' of UTF-8, alone or between ";". */
  char *bad = NULL;
  g_autofree char *one = dc_accounts_csvde_decode ("X'e4bd8fe5ae85e8aab2'", &bad);
  CU_ASSERT_STRING_EQUAL (one, "住宅課");
  g_autofree char *two = dc_accounts_csvde_decode ("CN=a,DC=x;X'434e3de4bd8f2c44433d78'", &bad);
  CU_ASSERT_STRING_EQUAL (two, "CN=a,DC=x;CN=住,DC=x");
  g_autofree char *plain = dc_accounts_csvde_decode ("it's X'", &bad);
  CU_ASSERT_STRING_EQUAL (plain, "it's X'");
  CU_ASSERT_PTR_NULL (dc_accounts_csvde_decode ("X'ff'", &bad));
  CU_ASSERT_STRING_EQUAL (bad, "X'ff'");
  g_free (bad);
}

int
main (void)
{
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  static const TestCase cases[] = {
    { "generic: CP932, full-width and padded logins, 有効/無効, dates, なし", test_generic_cp932 },
    { "ad-csvde: UTF-16, computers passed over, userAccountControl, DNs, FILETIME", test_ad_csvde_utf16 },
    { "ad-powershell: #TYPE line, LastLogonDate or lastLogonTimestamp", test_ad_powershell_type_line },
    { "ldif: base64, folded lines, groups, locked accounts", test_ldif_groups_base64_locks },
    { "passwd: exact logins, the OS's own accounts, locked passwords", test_passwd },
    { "every problem listed with file, row and column", test_problems_listed_with_their_place },
    { "privilege names interned once, DNs by their CN", test_names_interned },
    { "type names for collections, csvde's X'hex' values", test_other_programs_values },
  };
  return test_main ("accounts", cases, G_N_ELEMENTS (cases));
}
