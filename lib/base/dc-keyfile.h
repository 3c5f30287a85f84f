/* Reading key files (schemes' risk methods, threat catalogues) with errors
 * that name the file, the group and the key. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Reading a key file: every error is "ORIGIN: message" in DOMAIN. */
typedef struct {
  GKeyFile *file;
  const char *origin;
  GQuark domain;
  GError **error;
} DcKeyReader;

/* Sets the error (DC_ERROR_INVALID); returns FALSE. */
gboolean  dc_key_fail (DcKeyReader *reader, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* The value, stripped; NULL when the key is absent. */
char     *dc_key_get (DcKeyReader *reader, const char *group, const char *key);
/* A non-empty value, or NULL with the error "[GROUP] needs a non-empty 'KEY'". */
char     *dc_key_required (DcKeyReader *reader, const char *group, const char *key);
/* The value, or "" when absent. */
char     *dc_key_optional (DcKeyReader *reader, const char *group, const char *key);
/* FALSE (and the error) when GROUP has a key not in KEYS (NULL-terminated):
 * a misspelt key would otherwise be silently ignored. */
gboolean  dc_key_only (DcKeyReader *reader, const char *group, const char *const *keys);
/* A ";"-separated list, items trimmed, empty ones dropped. */
GStrv     dc_key_split (const char *text);

G_END_DECLS
