/* The register as it stood on a past date, rebuilt from history. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

/* From now on STORE shows the register as it stood at the end of DATE (local
 * time): every change recorded up to then, none after. The past state is
 * rebuilt from the history's snapshots into TEMP tables named like the real
 * ones, which SQLite reads first, so every read of the library sees the past.
 * The store becomes read-only. */
gboolean dc_asof_rewind (DcStore *store, const char *date, GError **error);

/* The UTC timestamp (history format) at which DATE ends in local time. */
char    *dc_asof_cutoff (const char *date, GError **error);

G_END_DECLS
