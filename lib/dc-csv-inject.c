#include "base/dc-csv-inject.h"

#include <string.h>

static gboolean
starts_formula (const char *cell)
{
  while (*cell == '\'')
    cell++;
  return *cell && strchr ("=+-@\t\r", *cell) != NULL;
}

char *
dc_csv_neutralise (const char *cell)
{
  return starts_formula (cell) ? g_strconcat ("'", cell, NULL) : g_strdup (cell);
}

char *
dc_csv_unneutralise (const char *cell)
{
  return cell[0] == '\'' && starts_formula (cell) ? g_strdup (cell + 1) : g_strdup (cell);
}
