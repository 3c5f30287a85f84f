/* Dates, the one module for them: as people write them (和暦 too) read into
 * ISO text (YYYY-MM-DD), local times, calendar arithmetic and Japanese fiscal
 * years (年度). */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* A date as people write it, as ISO text: 2026-04-01, 2026/4/1, 2026.4.1,
 * 2026年4月1日, 和暦 (令和8年4月1日, 令和元年5月1日, R8.4.1, R08.04.01, and
 * 平成 昭和 大正 明治 or H S T M), full-width or not, spaces inside ignored.
 * An era's date it never had (平成31年5月1日, 昭和64年1月8日) is refused.
 * NULL with DC_ERROR_INVALID naming WHAT (e.g. "--from") and TEXT as given,
 * and the forms that can be read. */
char  *dc_date_normalise (const char *text, const char *what, GError **error);

/* A fiscal year (年度) as people write it: 2026, 2026年度, 令和8年度, R8年度,
 * 令和元年度 (2019), 平成31年度 (2019). 0 with DC_ERROR_INVALID naming WHAT
 * and TEXT when it is none, or its era had no such year. */
int    dc_date_parse_fiscal_year (const char *text, const char *what, GError **error);

/* Now in UTC as the register stores a moment: "2026-12-02T15:38:00Z". */
char  *dc_date_now_utc (void);

/* Today's local date; DAICHO_TODAY=YYYY-MM-DD overrides it (tests, demos). */
char  *dc_date_today (void);

/* The fiscal year (年度, 1 April – 31 March) a date falls in: 2027-03-31 → 2026. */
int    dc_date_fiscal_year (const char *iso_date);
/* "2027-03-31" for fiscal year 2026. */
char  *dc_date_fiscal_year_end (int fiscal_year);

/* Dates as day numbers (days since 1970-01-01), for arithmetic: how many
 * days since a last login. */
gint32   dc_date_day_number (int year, int month, int day);
/* The day number of an ISO date; FALSE when ISO_DATE is not one. */
gboolean dc_date_to_day (const char *iso_date, gint32 *day);
char    *dc_date_from_day (gint32 day);

/* A stored UTC time (2026-12-02T15:38:00Z, 2026-12-02T15:38:00.123Z) as people
 * read it: in the machine's local time zone (TZ) with the zone's name,
 * "2026-12-03 00:38 JST". Text that is not such a time comes back as it is;
 * NULL gives NULL. Newly allocated. The one place times are made readable:
 * stored times and --json stay UTC. */
char    *dc_date_time_local (const char *utc);

/* Calendar arithmetic for schedules: months added with the month's end kept
 * in range (31 January + 1 month = 28/29 February), month ends, days between
 * dates, and the fiscal year (年度, 1 April – 31 March) with its Japanese name.
 * Dates are ISO text (YYYY-MM-DD) already normalised (dc_date_normalise). */
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
