#include "dc-file.h"
#include "dc-i18n.h"
#include "dc-error.h"

#include <errno.h>
#include <stdio.h>

char *
dc_file_sha256 (const char *path, GError **error)
{
  FILE *file = fopen (path, "rb");
  if (!file) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: cannot be read: %s"), path, g_strerror (errno));
    return NULL;
  }
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar block[1 << 16];
  size_t n;
  while ((n = fread (block, 1, sizeof block, file)) > 0)
    g_checksum_update (sum, block, n);
  gboolean failed = ferror (file);
  fclose (file);
  if (failed) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be read to the end"), path);
    return NULL;
  }
  return g_strdup (g_checksum_get_string (sum));
}
