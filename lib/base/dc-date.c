#include "base/dc-date.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "base/dc-text.h"
#include "base/dc-era.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* Digits at *P (at most MAX of them, at least one) as a number; moves *P past them. */
static gboolean
read_number (const char **p, int max, int *value)
{
  int n = 0, digits = 0;
  while (g_ascii_isdigit (**p) && digits < max) {
    n = n * 10 + (**p - '0');
    (*p)++;
    digits++;
  }
  *value = n;
  return digits > 0 && !g_ascii_isdigit (**p);
}

static gboolean
skip (const char **p, const char *word)
{
  if (!g_str_has_prefix (*p, word))
    return FALSE;
  *p += strlen (word);
  return TRUE;
}

typedef enum { WRITTEN_OK, WRITTEN_NOT_A_DATE, WRITTEN_OUTSIDE_ERA } Written;

/* A date as people write it (KEY a match key without spaces): 2026-04-01,
 * 2026/4/1, 2026.4.1, 2026年4月1日, 令和8年4月1日, 令和元年5月1日, R8.4.1.
 * WRITTEN_OUTSIDE_ERA (with *ERA set) for an era's year, month and day it
 * never had (平成31年5月1日). */
static Written
parse_written (const char *key, int *year, int *month, int *day, const DcEra **era)
{
  const char *p = key;
  *era = dc_era_prefix (p, &p);
  if (*era) {
    int n = 1;
    if (!skip (&p, "元") && (!read_number (&p, 2, &n) || n < 1))
      return WRITTEN_NOT_A_DATE;
    *year = dc_era_western_year (*era, n);
  } else if (!read_number (&p, 4, year) || p - key != 4)
    return WRITTEN_NOT_A_DATE;
  gboolean kanji = skip (&p, "年");
  char sep = kanji ? 0 : *p;
  if (!kanji && (sep != '-' && sep != '/' && sep != '.'))
    return WRITTEN_NOT_A_DATE;
  if (!kanji)
    p++;
  if (!read_number (&p, 2, month))
    return WRITTEN_NOT_A_DATE;
  if (kanji ? !skip (&p, "月") : *p++ != sep)
    return WRITTEN_NOT_A_DATE;
  if (!read_number (&p, 2, day) || (kanji && !skip (&p, "日")) || *p)
    return WRITTEN_NOT_A_DATE;
  if (*year < 1868 || *year > 9999 || !g_date_valid_dmy (*day, *month, *year))
    return WRITTEN_NOT_A_DATE;
  if (*era) {
    const DcEra *next = dc_era_next (*era);
    gint32 at = dc_date_day_number (*year, *month, *day);
    if (at < dc_date_day_number ((*era)->year, (*era)->month, (*era)->day) ||
        (next && at >= dc_date_day_number (next->year, next->month, next->day)))
      return WRITTEN_OUTSIDE_ERA;
  }
  return WRITTEN_OK;
}

/* TEXT's match key without any space inside: "令和 8年 4月 1日" is read too. */
static char *
compact_key (const char *text)
{
  g_autofree char *key = dc_text_match_key (text);
  GString *out = g_string_sized_new (strlen (key));
  for (const char *p = key; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* "平成 (1989-01-08 – 2019-04-30)": when ERA was. */
static char *
era_span (const DcEra *era)
{
  const DcEra *next = dc_era_next (era);
  g_autofree char *last = next ? dc_date_from_day (dc_date_day_number (next->year, next->month,
                                                                       next->day) - 1)
                               : NULL;
  return g_strdup_printf ("%s (%04d-%02d-%02d – %s)", era->name, era->year, era->month, era->day,
                          last ? last : "");
}

char *
dc_date_normalise (const char *text, const char *what, GError **error)
{
  g_autofree char *key = compact_key (text ? text : "");
  int y, m, d;
  const DcEra *era = NULL;
  switch (parse_written (key, &y, &m, &d, &era)) {
  case WRITTEN_OK:
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  case WRITTEN_OUTSIDE_ERA: {
    g_autofree char *span = era_span (era);
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s: '%s' does not exist: the era %s; check the era and the year"),
                 what, text, span);
    return NULL;
  }
  case WRITTEN_NOT_A_DATE:
  default:
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s: '%s' is not a date; write it as 2026-04-01, 2026/4/1, 2026.4.1, "
                 "2026年4月1日, 令和8年4月1日 or R8.4.1 (eras 令和 平成 昭和 大正 明治, R H S T M)"),
                 what, text ? text : "");
    return NULL;
  }
}

int
dc_date_parse_fiscal_year (const char *text, const char *what, GError **error)
{
  g_autofree char *key = compact_key (text ? text : "");
  const char *p = key;
  const DcEra *era = dc_era_prefix (p, &p);
  int year = 0, n = 1;
  gboolean ok;
  if (era) {
    ok = skip (&p, "元") || (read_number (&p, 2, &n) && n >= 1);
    year = dc_era_western_year (era, n);
  } else
    ok = read_number (&p, 4, &year) && p - key == 4;
  if (ok) {
    skip (&p, "年度");
    ok = !*p && year >= 1900 && year <= 9998;
  }
  if (ok && era) {
    /* 平成31年度 and 令和元年度 are both 2019: the fiscal year only has to
     * share a day with the era. */
    const DcEra *next = dc_era_next (era);
    gint32 first = dc_date_day_number (year, 4, 1), last = dc_date_day_number (year + 1, 3, 31);
    if (last < dc_date_day_number (era->year, era->month, era->day) ||
        (next && first >= dc_date_day_number (next->year, next->month, next->day))) {
      g_autofree char *span = era_span (era);
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                   _ ("%s: '%s' does not exist: the era %s; check the era and the year"),
                   what, text, span);
      return 0;
    }
  }
  if (!ok) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s: '%s' is not a fiscal year; write it as 2026, 2026年度, 令和8年度 or R8年度"),
                 what, text ? text : "");
    return 0;
  }
  return year;
}

char *
dc_date_now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
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
  /* libc keeps the local time zone it read once; GLib would look it up on
   * every call, and an import asks for today once a row. */
  time_t now = time (NULL);
  struct tm local;
  char date[16];
  if (!localtime_r (&now, &local) || !strftime (date, sizeof date, "%Y-%m-%d", &local))
    g_error ("the system clock cannot be read as a local date");
  return g_strdup (date);
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

/* ---- calendar arithmetic and the fiscal year (schedules) ---- */

/* Parses exactly YYYY-MM-DD into a valid GDate. */
static gboolean
parse_iso (const char *text, GDate *date)
{
  unsigned y, m, d;
  char extra;
  if (!text || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3 ||
      y < 1 || y > 9999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static char *
format_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
dc_date_is_iso (const char *text)
{
  GDate date;
  return parse_iso (text, &date);
}

/* DATE moved by N units with GDate's ADD or SUBTRACT. */
static char *
move (const char *text, int n, void (*add) (GDate *, guint), void (*subtract) (GDate *, guint))
{
  GDate date;
  if (!parse_iso (text, &date))
    return NULL;
  if (n >= 0)
    add (&date, (guint) n);
  else
    subtract (&date, (guint) -n);
  return format_iso (&date);
}

char *
dc_date_add_months (const char *text, int months)
{
  /* GDate clamps the day to the new month's length, which is what a
   * "monthly from 31 January" schedule wants. */
  return move (text, months, g_date_add_months, g_date_subtract_months);
}

char *
dc_date_add_days (const char *text, int days)
{
  return move (text, days, g_date_add_days, g_date_subtract_days);
}

char *
dc_date_month_end (const char *text)
{
  GDate date;
  if (!parse_iso (text, &date))
    return NULL;
  g_date_set_day (&date, g_date_get_days_in_month (g_date_get_month (&date),
                                                   g_date_get_year (&date)));
  return format_iso (&date);
}

int
dc_date_days_between (const char *a, const char *b)
{
  GDate x, y;
  if (!parse_iso (a, &x) || !parse_iso (b, &y))
    return 0;
  return g_date_days_between (&x, &y);
}

char *
dc_date_fiscal_year_start (int fiscal_year)
{
  return g_strdup_printf ("%04d-04-01", fiscal_year);
}

int
dc_date_fiscal_month_index (const char *date)
{
  int year, month;
  if (sscanf (date, "%d-%d", &year, &month) != 2)
    return -1;
  return (month + 8) % 12;  /* April 4 → 0, March 3 → 11 */
}

int
dc_date_fiscal_month_of_index (int index)
{
  return (index + 3) % 12 + 1;
}

char *
dc_date_fiscal_month_start (int fiscal_year, int index)
{
  int month = dc_date_fiscal_month_of_index (index);
  return g_strdup_printf ("%04d-%02d-01", month >= 4 ? fiscal_year : fiscal_year + 1, month);
}

char *
dc_date_fiscal_year_name (int fiscal_year)
{
  /* Offices name a fiscal year by the era of its April: 2019 (令和 from May)
   * is still 令和元年度 in practice. */
  const char *era = fiscal_year >= 2019 ? "令和" : "平成";
  int year = fiscal_year >= 2019 ? fiscal_year - 2018 : fiscal_year - 1988;
  if (year < 1)
    return g_strdup_printf ("%d年度", fiscal_year);
  return year == 1 ? g_strdup_printf ("%s元年度", era) : g_strdup_printf ("%s%d年度", era, year);
}
