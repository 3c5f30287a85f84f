#include "base/dc-keyfile.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"


gboolean
dc_key_fail (DcKeyReader *reader, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (reader->error, reader->domain, DC_ERROR_INVALID, "%s: %s", reader->origin, message);
  return FALSE;
}

char *
dc_key_get (DcKeyReader *reader, const char *group, const char *key)
{
  char *value = g_key_file_get_string (reader->file, group, key, NULL);
  return value ? g_strstrip (value) : NULL;
}

char *
dc_key_required (DcKeyReader *reader, const char *group, const char *key)
{
  char *value = dc_key_get (reader, group, key);
  if (!value || !*value) {
    g_free (value);
    dc_key_fail (reader, _ ("[%s] needs a non-empty '%s'"), group, key);
    return NULL;
  }
  return value;
}

char *
dc_key_optional (DcKeyReader *reader, const char *group, const char *key)
{
  char *value = dc_key_get (reader, group, key);
  return value ? value : g_strdup ("");
}

gboolean
dc_key_only (DcKeyReader *reader, const char *group, const char *const *keys)
{
  g_auto (GStrv) present = g_key_file_get_keys (reader->file, group, NULL, NULL);
  for (char **key = present; key && *key; key++)
    if (!g_strv_contains (keys, *key)) {
      g_autofree char *allowed = g_strjoinv (", ", (char **) keys);
      return dc_key_fail (reader, _ ("[%s] has an unknown key '%s' (allowed: %s)"), group, *key, allowed);
    }
  return TRUE;
}

GStrv
dc_key_split (const char *text)
{
  g_auto (GStrv) items = g_strsplit (text, ";", -1);
  g_autoptr (GStrvBuilder) clean = g_strv_builder_new ();
  for (char **item = items; *item; item++) {
    g_strstrip (*item);
    if (**item)
      g_strv_builder_add (clean, *item);
  }
  return g_strv_builder_end (clean);
}
