/* dc-login-time: last-login times as systems write them. */
#include "testlib.h"

/* The local date TEXT falls on, as ISO text, or "-" when it does not parse. */
static char *
day_of (const char *text, gboolean filetime_only)
{
  gint32 day = 0;
  return dc_login_time_parse (text, filetime_only, &day) ? dc_date_from_day (day) : g_strdup ("-");
}

#define ASSERT_DAY(text, expected)                                         \
  do {                                                                     \
    g_autofree char *got_ = day_of (text, FALSE);                          \
    if (strcmp (got_, expected) != 0)                                      \
      fprintf (stderr, "%s: got %s, expected %s\n", text, got_, expected); \
    CU_ASSERT_STRING_EQUAL (got_, expected);                               \
  } while (0)

static void
test_local_dates (void)
{
  ASSERT_DAY ("2026-04-01", "2026-04-01");
  ASSERT_DAY ("2026-04-01 23:59:59", "2026-04-01");
  ASSERT_DAY ("2026/4/1", "2026-04-01");
  ASSERT_DAY ("2026/04/01 9:00", "2026-04-01");
  ASSERT_DAY ("２０２６／０４／０１", "2026-04-01");        /* full width, as typed in Excel */
  ASSERT_DAY ("4/1/2026 11:59:00 PM", "2026-04-01");       /* PowerShell, English locale */
  ASSERT_DAY ("4/1/2026", "2026-04-01");
  ASSERT_DAY ("2026年4月1日", "2026-04-01");
  ASSERT_DAY ("2026年4月1日 23時59分", "2026-04-01");
  ASSERT_DAY ("  2026-04-01  ", "2026-04-01");
}

static void
test_zoned_times_move_to_local (void)
{
  /* The tests run in Asia/Tokyo (UTC+9): 20:00 UTC is the next morning. */
  ASSERT_DAY ("2026-03-31T20:00:00Z", "2026-04-01");
  ASSERT_DAY ("2026-03-31T14:59:59Z", "2026-03-31");
  ASSERT_DAY ("2026-03-31T15:00:00.123Z", "2026-04-01");
  ASSERT_DAY ("2026-04-01T09:00:00+09:00", "2026-04-01");
  ASSERT_DAY ("2026-03-31 23:00:00-05:00", "2026-04-01");
  ASSERT_DAY ("2026/03/31 20:00:00 UTC", "2026-04-01");
  ASSERT_DAY ("2026/04/01 00:30:00 JST", "2026-04-01");
  ASSERT_DAY ("20260331200000Z", "2026-04-01");             /* LDAP GeneralizedTime */
  ASSERT_DAY ("20260331200000.0Z", "2026-04-01");
  ASSERT_DAY ("20260401090000+0900", "2026-04-01");
}

static void
test_filetime (void)
{
  /* 2026-04-01T03:00:00Z = 1775012400 s after 1970. */
  ASSERT_DAY ("134194860000000000", "2026-04-01");
  g_autofree char *only = day_of ("134194860000000000", TRUE);
  CU_ASSERT_STRING_EQUAL (only, "2026-04-01");
  g_autofree char *not_filetime = day_of ("2026-04-01", TRUE);
  CU_ASSERT_STRING_EQUAL (not_filetime, "-");
  g_autofree char *zero = day_of ("0", TRUE);                  /* never: the caller's "never" list */
  CU_ASSERT_STRING_EQUAL (zero, "-");
  g_autofree char *max = day_of ("9223372036854775807", FALSE);
  CU_ASSERT_STRING_EQUAL (max, "-");
}

static void
test_not_times (void)
{
  const char *bad[] = { "", "昨日", "2026-13-01", "2026-02-30", "2026-04-01 25:00", "4/31/2026",
                        "2026-04-01T09:00:00+", "12345", "2026/4", "Never logged in", NULL };
  for (const char **b = bad; *b; b++) {
    g_autofree char *got = day_of (*b, FALSE);
    if (strcmp (got, "-") != 0)
      fprintf (stderr, "'%s' parsed as %s\n", *b, got);
    CU_ASSERT_STRING_EQUAL (got, "-");
  }
}

int
main (void)
{
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  static const TestCase cases[] = {
    { "local dates in the forms systems and people write", test_local_dates },
    { "times with a zone move to the local date", test_zoned_times_move_to_local },
    { "Windows FILETIME", test_filetime },
    { "what is not a time is refused", test_not_times },
  };
  return test_main ("login-time", cases, G_N_ELEMENTS (cases));
}
