/* dc-date and dc-text: dates as people write them, fiscal years, match keys. */
#include "testlib.h"

static void
test_dates_normalised (void)
{
  const char *ok[][2] = { { "2026-04-01", "2026-04-01" }, { "2026/4/1", "2026-04-01" },
                          { "２０２６－０４－０１", "2026-04-01" }, { " 2028-02-29 ", "2028-02-29" } };
  for (gsize i = 0; i < G_N_ELEMENTS (ok); i++) {
    g_autofree char *d = dc_date_normalise (ok[i][0], "date", NULL);
    CU_ASSERT_STRING_EQUAL (d, ok[i][1]);
  }
  const char *bad[] = { "2027-02-29", "2026-13-01", "2026-04", "20260401", "2026-04-01x", "", "R8.4.1" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    CU_ASSERT_PTR_NULL (dc_date_normalise (bad[i], "--from", &error));
    CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_INVALID));
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "--from") : NULL);
  }
}

static void
test_fiscal_year_boundaries (void)
{
  CU_ASSERT_EQUAL (dc_date_fiscal_year ("2027-03-31"), 2026);
  CU_ASSERT_EQUAL (dc_date_fiscal_year ("2027-04-01"), 2027);
  CU_ASSERT_EQUAL (dc_date_fiscal_year ("2026-12-31"), 2026);
  CU_ASSERT_EQUAL (dc_date_fiscal_year ("2027-01-01"), 2026);
  g_autofree char *end = dc_date_fiscal_year_end (2026);
  CU_ASSERT_STRING_EQUAL (end, "2027-03-31");
  g_autofree char *today = dc_date_today ();
  CU_ASSERT_STRING_EQUAL (today, "2026-11-22");
}

static void
test_match_keys (void)
{
  CU_ASSERT_TRUE (dc_text_matches ("３", "3"));
  CU_ASSERT_TRUE (dc_text_matches ("　住宅課 ", "住宅課"));
  CU_ASSERT_TRUE (dc_text_matches ("Data", "data"));
  CU_ASSERT_TRUE (dc_text_matches ("ｶﾅ", "カナ"));
  CU_ASSERT_FALSE (dc_text_matches ("住宅課", "住宅係"));
  g_autofree char *invalid = dc_text_match_key ("\xff\xfe");
  CU_ASSERT_STRING_EQUAL (invalid, "");
}

static void
test_day_numbers (void)
{
  CU_ASSERT_EQUAL (dc_date_day_number (1970, 1, 1), 0);
  CU_ASSERT_EQUAL (dc_date_day_number (2026, 11, 22) - dc_date_day_number (2026, 8, 24), 90);
  CU_ASSERT_EQUAL (dc_date_day_number (2024, 3, 1) - dc_date_day_number (2024, 2, 28), 2);   /* leap year */
  CU_ASSERT_EQUAL (dc_date_day_number (1969, 12, 31), -1);
  const char *dates[] = { "1900-01-01", "1969-12-31", "2000-02-29", "2026-03-31", "9999-12-31" };
  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++) {
    gint32 day;
    CU_ASSERT_TRUE (dc_date_to_day (dates[i], &day));
    g_autofree char *back = dc_date_from_day (day);
    CU_ASSERT_STRING_EQUAL (back, dates[i]);
  }
  gint32 day;
  CU_ASSERT_FALSE (dc_date_to_day ("2026-02-29", &day));
  CU_ASSERT_FALSE (dc_date_to_day (NULL, &day));
}

TEST_MAIN ("date",
           { "day numbers for date arithmetic", test_day_numbers },
           { "dates in the forms people write them", test_dates_normalised },
           { "fiscal years turn on 1 April", test_fiscal_year_boundaries },
           { "match keys: NFKC, trimming, case", test_match_keys })
