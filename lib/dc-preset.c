#include "base/dc-preset.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "dc-resources.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

static char *
resource_dir (const char *dir)
{
  return g_strconcat ("/daicho/schema/", dir, "/", NULL);
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

GStrv
dc_preset_names (const char *dir)
{
  g_autofree char *path = resource_dir (dir);
  g_auto (GStrv) files = g_resource_enumerate_children (dc_resources_get_resource (), path, 0, NULL);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  for (char **file = files; file && *file; file++)
    if (g_str_has_suffix (*file, ".ini")) {
      g_autofree char *name = g_strndup (*file, strlen (*file) - 4);
      g_strv_builder_add (names, name);
    }
  GStrv sorted = g_strv_builder_end (names);
  qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_names);
  return sorted;
}

char *
dc_preset_read (const char *dir, const char *name_or_path, const char *what, gsize *length,
                GError **error)
{
  g_autofree char *path = resource_dir (dir);
  g_autofree char *resource = g_strconcat (path, name_or_path, ".ini", NULL);
  g_autoptr (GBytes) preset = strchr (name_or_path, '/') ? NULL
    : g_resource_lookup_data (dc_resources_get_resource (), resource, 0, NULL);
  if (preset) {
    *length = g_bytes_get_size (preset);
    return g_strndup (g_bytes_get_data (preset, NULL), *length);
  }
  char *text = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (name_or_path, &text, length, &local)) {
    g_auto (GStrv) names = dc_preset_names (dir);
    g_autofree char *list = g_strjoinv (", ", names);
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s '%s' is neither built in (%s) nor a readable %s file: %s"), what, name_or_path,
                 list, what, local->message);
    return NULL;
  }
  return text;
}
