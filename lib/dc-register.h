/* A register as a whole: creating it, and its settings. */
#pragma once
#include "model/dc-scheme.h"

G_BEGIN_DECLS

/* Copies SCHEME into the new register at STORE and records it in history;
 * ORGANISATION (may be NULL) is the name printed on ledgers. */
gboolean  dc_register_init (DcStore *store, const DcScheme *scheme, const char *organisation,
                            GError **error);

/* Register-wide settings ("organisation", ...). get returns NULL when unset. */
char     *dc_setting_get (DcStore *store, const char *key, GError **error);
gboolean  dc_setting_set (DcStore *store, const char *key, const char *value, GError **error);

G_END_DECLS
