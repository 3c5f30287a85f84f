/* Calendar dates as ISO text (YYYY-MM-DD), and Japanese fiscal years. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Accepts 2026-04-01, 2026/4/1 and full-width digits; returns ISO text or
 * NULL with DC_ERROR_INVALID naming WHAT (e.g. "--from"). */
char  *dc_date_normalise (const char *text, const char *what, GError **error);

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

G_END_DECLS
