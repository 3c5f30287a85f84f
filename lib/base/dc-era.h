/* Japanese eras (元号) for dates people write: 令和6年4月1日, R6.4.1, 平成31年4月30日. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;      /* "令和" */
  char initial;          /* 'R' */
  int year, month, day;  /* its first day: 2019-05-01 */
} DcEra;

/* The era TEXT begins with (its name, or its initial R H S T M in either case
 * followed by a digit or 元); *REST points past it. NULL when none. TEXT is
 * a match key (NFKC: Ｒ and ㋿ already R and 令和). */
const DcEra *dc_era_prefix (const char *text, const char **rest);

/* The era that follows ERA, or NULL for the current one. */
const DcEra *dc_era_next (const DcEra *era);

/* The Western year of year N (1 = 元年) of ERA. */
int dc_era_western_year (const DcEra *era, int n);

G_END_DECLS
