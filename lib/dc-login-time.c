#include "ids/dc-login-time.h"
#include "base/dc-date.h"
#include "base/dc-matchkey.h"

#include <string.h>

#define SECONDS_PER_DAY 86400
/* Seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01. */
#define FILETIME_EPOCH_OFFSET G_GINT64_CONSTANT (11644473600)

/* The local date of a UTC instant (seconds since 1970). */
static gint32
local_day (gint64 unix_seconds)
{
  static GTimeZone *local;
  if (g_once_init_enter (&local))
    g_once_init_leave (&local, g_time_zone_new_local ());
  int interval = g_time_zone_find_interval (local, G_TIME_TYPE_UNIVERSAL, unix_seconds);
  gint64 offset = interval >= 0 ? g_time_zone_get_offset (local, interval) : 0;
  gint64 local_seconds = unix_seconds + offset;
  return (gint32) (local_seconds >= 0 ? local_seconds / SECONDS_PER_DAY
                                      : -((-local_seconds + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY));
}

/* Reads MIN to MAX digits at *P. */
static gboolean
digits (const char **p, int min, int max, int *value)
{
  int n = 0, v = 0;
  while (n < max && g_ascii_isdigit ((*p)[n]))
    v = v * 10 + ((*p)[n++] - '0');
  if (n < min)
    return FALSE;
  *p += n;
  *value = v;
  return TRUE;
}

static gboolean
accept (const char **p, char c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ')
    (*p)++;
}

typedef struct {
  int year, month, day, hour, minute, second;
  gboolean zoned;        /* a zone was given: the time is moved to local */
  int offset_minutes;    /* east of UTC */
} Moment;

/* [T or space] h:mm[:ss[.frac]] */
static gboolean
clock_time (const char **p, Moment *m)
{
  const char *start = *p;
  if (**p == 'T' || **p == ' ')
    (*p)++;
  skip_spaces (p);
  if (!digits (p, 1, 2, &m->hour) || !accept (p, ':') || !digits (p, 2, 2, &m->minute)) {
    *p = start;
    return FALSE;
  }
  if (accept (p, ':') && !digits (p, 2, 2, &m->second))
    return FALSE;
  if (**p == '.' || **p == ',') {
    (*p)++;
    while (g_ascii_isdigit (**p))
      (*p)++;
  }
  return TRUE;
}

/* Z, +09:00, +0900, or a word: UTC, GMT, JST. */
static gboolean
zone (const char **p, Moment *m)
{
  skip_spaces (p);
  if (accept (p, 'Z'))
    return m->zoned = TRUE;
  if (**p == '+' || **p == '-') {
    int sign = **p == '-' ? -1 : 1, hours = 0, minutes = 0;
    (*p)++;
    if (!digits (p, 2, 2, &hours))
      return FALSE;
    accept (p, ':');
    digits (p, 2, 2, &minutes);
    m->zoned = TRUE;
    m->offset_minutes = sign * (hours * 60 + minutes);
    return TRUE;
  }
  const char *words[] = { "UTC", "GMT", "JST" };
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_has_prefix (*p, words[i])) {
      *p += 3;
      m->zoned = TRUE;
      m->offset_minutes = i == 2 ? 9 * 60 : 0;
      return TRUE;
    }
  return TRUE;   /* no zone: local time */
}

/* 2026-04-01, 2026/4/1, then an optional time and zone. */
static gboolean
year_first (const char *p, Moment *m)
{
  if (!digits (&p, 4, 4, &m->year))
    return FALSE;
  char separator = *p;
  if ((separator != '-' && separator != '/') || !accept (&p, separator) ||
      !digits (&p, 1, 2, &m->month) || !accept (&p, separator) || !digits (&p, 1, 2, &m->day))
    return FALSE;
  if (*p && clock_time (&p, m) && !zone (&p, m))
    return FALSE;
  skip_spaces (&p);
  return *p == '\0';
}

/* M/D/YYYY [h:mm[:ss] [AM|PM]] */
static gboolean
month_first (const char *p, Moment *m)
{
  if (!digits (&p, 1, 2, &m->month) || !accept (&p, '/') || !digits (&p, 1, 2, &m->day) ||
      !accept (&p, '/') || !digits (&p, 4, 4, &m->year))
    return FALSE;
  if (*p && clock_time (&p, m)) {
    skip_spaces (&p);
    if (!g_ascii_strncasecmp (p, "PM", 2) && m->hour < 12)
      m->hour += 12;
    else if (!g_ascii_strncasecmp (p, "AM", 2) && m->hour == 12)
      m->hour = 0;
    if (!g_ascii_strncasecmp (p, "AM", 2) || !g_ascii_strncasecmp (p, "PM", 2))
      p += 2;
    if (!zone (&p, m))
      return FALSE;
  }
  skip_spaces (&p);
  return *p == '\0';
}

/* 20260401090000Z, 20260401090000.0+0900 */
static gboolean
generalized (const char *p, Moment *m)
{
  if (!digits (&p, 4, 4, &m->year) || !digits (&p, 2, 2, &m->month) || !digits (&p, 2, 2, &m->day) ||
      !digits (&p, 2, 2, &m->hour) || !digits (&p, 2, 2, &m->minute))
    return FALSE;
  digits (&p, 2, 2, &m->second);
  if (*p == '.' || *p == ',')
    for (p++; g_ascii_isdigit (*p); p++)
      ;
  return zone (&p, m) && *p == '\0';
}

/* 2026年4月1日, the rest (a time) passed over. */
static gboolean
japanese (const char *p, Moment *m)
{
  return digits (&p, 4, 4, &m->year) && g_str_has_prefix (p, "年") && (p += strlen ("年")) &&
         digits (&p, 1, 2, &m->month) && g_str_has_prefix (p, "月") && (p += strlen ("月")) &&
         digits (&p, 1, 2, &m->day) && g_str_has_prefix (p, "日");
}

static gboolean
moment_day (const Moment *m, gint32 *day)
{
  if (m->year < 1601 || m->year > 9999 || !g_date_valid_dmy (m->day, m->month, m->year) ||
      m->hour > 23 || m->minute > 59 || m->second > 60)
    return FALSE;
  gint32 civil = dc_date_day_number (m->year, m->month, m->day);
  if (!m->zoned) {
    *day = civil;
    return TRUE;
  }
  gint64 utc = (gint64) civil * SECONDS_PER_DAY + m->hour * 3600 + m->minute * 60 + m->second -
               (gint64) m->offset_minutes * 60;
  *day = local_day (utc);
  return TRUE;
}

gboolean
dc_login_time_parse (const char *text, gboolean filetime_only, gint32 *day)
{
  if (!text)
    return FALSE;
  /* Full-width digits and spaces as people type them in Excel. */
  g_autofree char *normal = dc_match_key (text, DC_MATCH_NFKC | DC_MATCH_TRIM);
  const char *p = normal;
  gsize n = strlen (p);
  if (n >= 15 && strspn (p, "0123456789") == n) {
    guint64 ticks = g_ascii_strtoull (p, NULL, 10);
    if (ticks == 0 || ticks >= G_MAXINT64)
      return FALSE;
    *day = local_day ((gint64) (ticks / 10000000) - FILETIME_EPOCH_OFFSET);
    return TRUE;
  }
  if (filetime_only)
    return FALSE;
  Moment m = { 0 };
  if (year_first (p, &m) || (memset (&m, 0, sizeof m), month_first (p, &m)) ||
      (memset (&m, 0, sizeof m), generalized (p, &m)) || (memset (&m, 0, sizeof m), japanese (p, &m)))
    return moment_day (&m, day);
  return FALSE;
}
