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
  const char *bad[] = { "2027-02-29", "2026-13-01", "2026-04", "20260401", "2026-04-01x", "",
                        "2026/4-1", "2026年4月1", "26/4/1", "R8.4", "X8.4.1", "令和0年5月1日",
                        "2026.13.1", "2026-04-01日" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    CU_ASSERT_PTR_NULL (dc_date_normalise (bad[i], "--from", &error));
    CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_INVALID));
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "--from") : NULL);
  }
}

static void
test_japanese_dates (void)
{
  const char *ok[][2] = {
    { "令和6年4月1日", "2024-04-01" }, { "令和元年5月1日", "2019-05-01" },
    { "令和1年5月1日", "2019-05-01" }, { "R6.4.1", "2024-04-01" }, { "R06.04.01", "2024-04-01" },
    { "Ｒ６．４．１", "2024-04-01" }, { "r6/4/1", "2024-04-01" }, { "R6-4-1", "2024-04-01" },
    { "平成31年4月30日", "2019-04-30" }, { "H31.4.30", "2019-04-30" },
    { "平成元年1月8日", "1989-01-08" }, { "昭和64年1月7日", "1989-01-07" },
    { "S64.1.7", "1989-01-07" }, { "昭和元年12月25日", "1926-12-25" },
    { "大正15年12月24日", "1926-12-24" }, { "T1.7.30", "1912-07-30" },
    { "明治45年7月29日", "1912-07-29" }, { "M33.1.1", "1900-01-01" },
    { "令和 6年 4月 1日", "2024-04-01" }, { "㋿6年4月1日", "2024-04-01" },
    { "2025/6/1", "2025-06-01" }, { "2025年6月1日", "2025-06-01" }, { "2025.6.1", "2025-06-01" },
    { "２０２５年６月１日", "2025-06-01" }, { "2025年06月01日", "2025-06-01" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (ok); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *d = dc_date_normalise (ok[i][0], "date", &error);
    if (!d)
      fprintf (stderr, "%s: %s\n", ok[i][0], error->message);
    CU_ASSERT_STRING_EQUAL (d ? d : "", ok[i][1]);
  }
  /* Days an era never had. */
  const char *outside[] = { "平成31年5月1日", "令和元年4月30日", "昭和64年1月8日", "平成元年1月7日",
                            "H32.1.1", "大正15年12月25日", "T1.7.29", "明治45年7月30日" };
  for (gsize i = 0; i < G_N_ELEMENTS (outside); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *d = dc_date_normalise (outside[i], "取得日", &error);
    CU_ASSERT_PTR_NULL (d);
    CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_INVALID));
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, outside[i]) : NULL);
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "does not exist") : NULL);
  }
  /* What cannot be read keeps the text and names the forms that can. */
  g_autoptr (GError) error = NULL;
  CU_ASSERT_PTR_NULL (dc_date_normalise ("来年の春", "--as-of", &error));
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "来年の春") : NULL);
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "令和8年4月1日") : NULL);
  CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "R8.4.1") : NULL);
}

static void
test_fiscal_year_words (void)
{
  const struct { const char *text; int year; } ok[] = {
    { "2026", 2026 }, { "2026年度", 2026 }, { "令和8年度", 2026 }, { "R8年度", 2026 },
    { "Ｒ８年度", 2026 }, { "r8", 2026 }, { "令和元年度", 2019 }, { "平成31年度", 2019 },
    { "H30年度", 2018 }, { "昭和63年度", 1988 }, { "平成元年度", 1989 }, { "２０２６年度", 2026 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (ok); i++)
    CU_ASSERT_EQUAL (dc_date_parse_fiscal_year (ok[i].text, "--fy", NULL), ok[i].year);
  const char *bad[] = { "", "26", "20261", "2026年度x", "令和年度", "平成32年度", "昭和64年度",
                        "1899", "来年度" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    CU_ASSERT_EQUAL (dc_date_parse_fiscal_year (bad[i], "--fy", &error), 0);
    CU_ASSERT_TRUE (g_error_matches (error, DC_INPUT_ERROR, DC_ERROR_INVALID));
    CU_ASSERT_PTR_NOT_NULL (error ? strstr (error->message, "--fy") : NULL);
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

/* ---- calendar arithmetic and fiscal years ---- */

#define ASSERT_DATE(expr, expected)          \
  do {                                       \
    g_autofree char *got_ = (expr);          \
    CU_ASSERT_STRING_EQUAL (got_, expected); \
  } while (0)

static void
test_months_from_month_ends (void)
{
  /* Monthly from 31 January: the end of each shorter month, not 3 March. */
  ASSERT_DATE (dc_date_add_months ("2027-01-31", 1), "2027-02-28");
  ASSERT_DATE (dc_date_add_months ("2028-01-31", 1), "2028-02-29");
  ASSERT_DATE (dc_date_add_months ("2027-01-31", 2), "2027-03-31");
  ASSERT_DATE (dc_date_add_months ("2027-03-31", 1), "2027-04-30");
  /* Every 6 months from 31 August; a year from 29 February. */
  ASSERT_DATE (dc_date_add_months ("2026-08-31", 6), "2027-02-28");
  ASSERT_DATE (dc_date_add_months ("2028-02-29", 12), "2029-02-28");
  ASSERT_DATE (dc_date_add_months ("2026-12-15", 1), "2027-01-15");
  ASSERT_DATE (dc_date_add_months ("2027-03-31", -1), "2027-02-28");
  CU_ASSERT_PTR_NULL (dc_date_add_months ("2027-02-30", 1));
  CU_ASSERT_PTR_NULL (dc_date_add_months ("2027/01/31", 1));
}

static void
test_month_ends_and_days (void)
{
  ASSERT_DATE (dc_date_month_end ("2027-02-01"), "2027-02-28");
  ASSERT_DATE (dc_date_month_end ("2028-02-10"), "2028-02-29");
  ASSERT_DATE (dc_date_month_end ("2026-11-22"), "2026-11-30");
  ASSERT_DATE (dc_date_add_days ("2027-03-31", 1), "2027-04-01");
  ASSERT_DATE (dc_date_add_days ("2027-04-01", -1), "2027-03-31");
  CU_ASSERT_EQUAL (dc_date_days_between ("2027-03-31", "2027-04-01"), 1);
  CU_ASSERT_EQUAL (dc_date_days_between ("2026-11-22", "2026-11-01"), -21);
  CU_ASSERT_TRUE (dc_date_is_iso ("2028-02-29"));
  CU_ASSERT_FALSE (dc_date_is_iso ("2027-02-29"));
  CU_ASSERT_FALSE (dc_date_is_iso ("2027-2-1"));
  CU_ASSERT_FALSE (dc_date_is_iso (NULL));
}

static void
test_fiscal_year_columns (void)
{
  /* 31 March is the last column of the year that began the April before. */
  CU_ASSERT_EQUAL (dc_date_fiscal_month_index ("2027-03-31"), 11);
  CU_ASSERT_EQUAL (dc_date_fiscal_month_index ("2027-04-01"), 0);
  CU_ASSERT_EQUAL (dc_date_fiscal_month_index ("2026-12-31"), 8);
  CU_ASSERT_EQUAL (dc_date_fiscal_month_index ("2027-01-01"), 9);
  CU_ASSERT_EQUAL (dc_date_fiscal_month_of_index (0), 4);
  CU_ASSERT_EQUAL (dc_date_fiscal_month_of_index (8), 12);
  CU_ASSERT_EQUAL (dc_date_fiscal_month_of_index (11), 3);
  ASSERT_DATE (dc_date_fiscal_month_start (2026, 0), "2026-04-01");
  ASSERT_DATE (dc_date_fiscal_month_start (2026, 11), "2027-03-01");
  ASSERT_DATE (dc_date_fiscal_year_start (2026), "2026-04-01");
  CU_ASSERT_EQUAL (dc_date_fiscal_year ("2027-03-31"), 2026);
  CU_ASSERT_EQUAL (dc_date_fiscal_year ("2027-04-01"), 2027);
}

static void
test_era_names (void)
{
  ASSERT_DATE (dc_date_fiscal_year_name (2026), "令和8年度");
  ASSERT_DATE (dc_date_fiscal_year_name (2019), "令和元年度");
  ASSERT_DATE (dc_date_fiscal_year_name (2018), "平成30年度");
  ASSERT_DATE (dc_date_fiscal_year_name (1989), "平成元年度");
  ASSERT_DATE (dc_date_fiscal_year_name (1980), "1980年度");
}

TEST_MAIN ("date",
           { "day numbers for date arithmetic", test_day_numbers },
           { "dates in the forms people write them", test_dates_normalised },
           { "和暦 and 2025年6月1日, era boundaries checked", test_japanese_dates },
           { "fiscal years as 2026, 2026年度, 令和8年度, R8年度", test_fiscal_year_words },
           { "fiscal years turn on 1 April", test_fiscal_year_boundaries },
           { "match keys: NFKC, trimming, case", test_match_keys },
           { "months added from month ends stay in the month", test_months_from_month_ends },
           { "month ends, days between dates", test_month_ends_and_days },
           { "fiscal-year columns turn on 1 April", test_fiscal_year_columns },
           { "fiscal years named by era", test_era_names })
