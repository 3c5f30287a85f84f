#include "base/dc-date.h"
#include "base/dc-date.h"

#include <stdio.h>
#include <string.h>

/* Parses exactly YYYY-MM-DD into a valid GDate. */
static gboolean
parse (const char *text, GDate *date)
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
format (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
dc_date_is_iso (const char *text)
{
  GDate date;
  return parse (text, &date);
}

/* DATE moved by N units with GDate's ADD or SUBTRACT. */
static char *
move (const char *text, int n, void (*add) (GDate *, guint), void (*subtract) (GDate *, guint))
{
  GDate date;
  if (!parse (text, &date))
    return NULL;
  if (n >= 0)
    add (&date, (guint) n);
  else
    subtract (&date, (guint) -n);
  return format (&date);
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
  if (!parse (text, &date))
    return NULL;
  g_date_set_day (&date, g_date_get_days_in_month (g_date_get_month (&date),
                                                   g_date_get_year (&date)));
  return format (&date);
}

int
dc_date_days_between (const char *a, const char *b)
{
  GDate x, y;
  if (!parse (a, &x) || !parse (b, &y))
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
