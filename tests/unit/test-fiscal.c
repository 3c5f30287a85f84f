/* dc-fiscal: month arithmetic at month ends, fiscal-year boundaries, era names. */
#include "testlib.h"

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

TEST_MAIN ("fiscal",
           { "months added from month ends stay in the month", test_months_from_month_ends },
           { "month ends, days between dates", test_month_ends_and_days },
           { "fiscal-year columns turn on 1 April", test_fiscal_year_columns },
           { "fiscal years named by era", test_era_names })
