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

G_END_DECLS
