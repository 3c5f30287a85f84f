#include "base/dc-era.h"

#include <string.h>

/* Newest first; each ends the day before the next begins. 明治 counts from
 * 1 January of 明治元年 (1868-01-25 in the Gregorian calendar). */
static const DcEra eras[] = {
  { "令和", 'R', 2019, 5, 1 },
  { "平成", 'H', 1989, 1, 8 },
  { "昭和", 'S', 1926, 12, 25 },
  { "大正", 'T', 1912, 7, 30 },
  { "明治", 'M', 1868, 1, 25 },
};

const DcEra *
dc_era_prefix (const char *text, const char **rest)
{
  for (gsize i = 0; text && i < G_N_ELEMENTS (eras); i++) {
    gsize length = strlen (eras[i].name);
    if (g_str_has_prefix (text, eras[i].name)) {
      *rest = text + length;
      return &eras[i];
    }
    if (g_ascii_toupper (text[0]) == eras[i].initial &&
        (g_ascii_isdigit (text[1]) || g_str_has_prefix (text + 1, "元"))) {
      *rest = text + 1;
      return &eras[i];
    }
  }
  return NULL;
}

const DcEra *
dc_era_next (const DcEra *era)
{
  return era > eras ? era - 1 : NULL;
}

int
dc_era_western_year (const DcEra *era, int n)
{
  return era->year + n - 1;
}
