/* The fiscal year's plan of periodic duties (年間計画): one row per duty and
 * target with its post, the person holding it, the last time and the next
 * deadline, and a column per month (4月 … 3月) saying what is planned, due,
 * done or missed; and the completions recorded in the year (実施記録). */
#pragma once
#include "duty/dc-due.h"

G_BEGIN_DECLS

/* Writes the plan of FISCAL_YEAR at PATH (through a temporary file, mode
 * 0600), judged as of today. */
gboolean dc_schedule_xlsx_write (DcStore *store, int fiscal_year, const char *path, GError **error);

G_END_DECLS
