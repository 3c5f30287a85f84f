/* Calendar arithmetic for schedules: months added with the month's end kept
 * in range (31 January + 1 month = 28/29 February), month ends, days between
 * dates, and the fiscal year (年度, 1 April – 31 March) with its Japanese name.
 * Dates are ISO text (YYYY-MM-DD) already normalised (dc_date_normalise). */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* DATE plus MONTHS (may be negative); a day past the new month's end becomes
 * its last day. NULL when DATE is not an ISO date. */
char  *dc_date_add_months (const char *date, int months);
/* DATE plus DAYS (may be negative). */
char  *dc_date_add_days (const char *date, int days);
/* The last day of DATE's month. */
char  *dc_date_month_end (const char *date);
/* Days from A to B (B - A); negative when B is earlier. */
int    dc_date_days_between (const char *a, const char *b);
/* TRUE when TEXT is an ISO date (exactly YYYY-MM-DD, a real day). */
gboolean dc_date_is_iso (const char *text);

/* "2026-04-01" for fiscal year 2026. */
char  *dc_date_fiscal_year_start (int fiscal_year);
/* 0 for April … 11 for March: the column of DATE's month in a fiscal-year plan. */
int    dc_date_fiscal_month_index (const char *date);
/* The calendar month (1–12) of column INDEX (0 = April). */
int    dc_date_fiscal_month_of_index (int index);
/* "2026-04-01" … : the first day of column INDEX of FISCAL_YEAR. */
char  *dc_date_fiscal_month_start (int fiscal_year, int index);
/* "令和8年度" for 2026, "令和元年度" for 2019, "平成30年度" for 2018. */
char  *dc_date_fiscal_year_name (int fiscal_year);

G_END_DECLS
