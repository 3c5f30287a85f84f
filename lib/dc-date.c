#include "dc-date.h"
#include "dc-i18n.h"
#include "dc-error.h"
#include "dc-text.h"

#include <stdio.h>

static gboolean
parse_ymd (const char *text, GDateYear *y, GDateMonth *m, GDateDay *d)
{
  unsigned year, month, day;
  char sep1, sep2, extra;
  if (sscanf (text, "%4u%c%2u%c%2u%c", &year, &sep1, &month, &sep2, &day, &extra) != 5)
    return FALSE;
  if (sep1 != sep2 || (sep1 != '-' && sep1 != '/'))
    return FALSE;
  if (year < 1900 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  *y = year;
  *m = month;
  *d = day;
  return TRUE;
}

char *
dc_date_normalise (const char *text, const char *what, GError **error)
{
  g_autofree char *key = dc_text_match_key (text);  /* full-width digits → ASCII */
  GDateYear y;
  GDateMonth m;
  GDateDay d;
  if (!parse_ymd (key, &y, &m, &d)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s: '%s' is not a date; write it as YYYY-MM-DD, e.g. 2026-04-01"),
                 what, text ? text : "");
    return NULL;
  }
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

char *
dc_date_today (void)
{
  const char *fixed = g_getenv ("DAICHO_TODAY");
  if (fixed && *fixed) {
    char *date = dc_date_normalise (fixed, "DAICHO_TODAY", NULL);
    if (date)
      return date;
    g_warning (_ ("DAICHO_TODAY='%s' is not a date (YYYY-MM-DD); using the real date"), fixed);
  }
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

int
dc_date_fiscal_year (const char *iso_date)
{
  int year = 0, month = 0;
  if (sscanf (iso_date, "%d-%d", &year, &month) != 2)
    return 0;
  return month >= 4 ? year : year - 1;
}

char *
dc_date_fiscal_year_end (int fiscal_year)
{
  return g_strdup_printf ("%04d-03-31", fiscal_year + 1);
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
gint32
dc_date_day_number (int year, int month, int day)
{
  year -= month <= 2;
  int era = (year >= 0 ? year : year - 399) / 400;
  int yoe = year - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

gboolean
dc_date_to_day (const char *iso_date, gint32 *day)
{
  GDateYear y;
  GDateMonth m;
  GDateDay d;
  if (!iso_date || !parse_ymd (iso_date, &y, &m, &d))
    return FALSE;
  *day = dc_date_day_number (y, m, d);
  return TRUE;
}

char *
dc_date_from_day (gint32 day)
{
  int z = day + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;
  int y = yoe + era * 400 + (m <= 2);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* ---- times as people read them ---- */

char *
dc_date_time_local (const char *utc)
{
  if (!utc)
    return NULL;
  g_autoptr (GTimeZone) zulu = g_time_zone_new_utc ();
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (utc, zulu);
  if (!at)
    return g_strdup (utc);
  g_autoptr (GDateTime) local = g_date_time_to_local (at);
  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M %Z") : g_strdup (utc);
}
