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

char *
dc_file_resolve_links (const char *path)
{
  char *current = g_strdup (path);
  for (int i = 0; i < 40; i++) {
    g_autofree char *target = g_file_read_link (current, NULL);
    if (!target)
      break;
    if (!g_path_is_absolute (target)) {
      g_autofree char *folder = g_path_get_dirname (current);
      char *joined = g_build_filename (folder, target, NULL);
      g_free (target);
      target = joined;
    }
    g_free (current);
    current = g_steal_pointer (&target);
  }
  return current;
}
