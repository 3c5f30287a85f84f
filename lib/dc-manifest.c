#include "audit/dc-manifest.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "base/dc-file.h"

#include <string.h>

DcManifest *
dc_manifest_new (void)
{
  DcManifest *m = g_new0 (DcManifest, 1);
  m->names = g_ptr_array_new_with_free_func (g_free);
  m->hashes = g_ptr_array_new_with_free_func (g_free);
  m->keys = g_ptr_array_new_with_free_func (g_free);
  m->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return m;
}

void
dc_manifest_free (DcManifest *m)
{
  if (!m)
    return;
  g_ptr_array_unref (m->names);
  g_ptr_array_unref (m->hashes);
  g_ptr_array_unref (m->keys);
  g_hash_table_unref (m->meta);
  g_free (m);
}

void
dc_manifest_set (DcManifest *m, const char *key, const char *value)
{
  if (!g_hash_table_contains (m->meta, key))
    g_ptr_array_add (m->keys, g_strdup (key));
  g_hash_table_replace (m->meta, g_strdup (key), g_strdup (value));
}

const char *
dc_manifest_get (const DcManifest *m, const char *key)
{
  return g_hash_table_lookup (m->meta, key);
}

gboolean
dc_manifest_add_file (DcManifest *m, const char *dir, const char *name, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *hash = dc_file_sha256 (path, error);
  if (!hash)
    return FALSE;
  g_ptr_array_add (m->names, g_strdup (name));
  g_ptr_array_add (m->hashes, hash);
  return TRUE;
}

char *
dc_manifest_text (const DcManifest *m)
{
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < m->keys->len; i++) {
    const char *key = g_ptr_array_index (m->keys, i);
    g_string_append_printf (text, "# %s: %s\n", key, (const char *) g_hash_table_lookup (m->meta, key));
  }
  for (guint i = 0; i < m->names->len; i++)
    g_string_append_printf (text, "%s  %s\n", (const char *) g_ptr_array_index (m->hashes, i),
                            (const char *) g_ptr_array_index (m->names, i));
  return g_string_free (text, FALSE);
}

static gboolean
plain_name (const char *name)
{
  return *name && !strchr (name, '/') && !strchr (name, '\\') && strcmp (name, ".") && strcmp (name, "..")
         && g_utf8_validate (name, -1, NULL);
}

static gboolean
is_hash (const char *text, gsize length)
{
  if (length != 64)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

DcManifest *
dc_manifest_read (const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, DC_MANIFEST_NAME, NULL);
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &data, NULL, &local)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: cannot be read (%s); is %s an audit package?"),
                 path, local->message, dir);
    return NULL;
  }
  g_autoptr (DcManifest) m = dc_manifest_new ();
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    char *line = lines[i];
    gsize length = strlen (line);
    if (length && line[length - 1] == '\r')
      line[--length] = '\0';
    if (!length)
      continue;
    if (line[0] == '#') {
      char *colon = strstr (line, ": ");
      if (colon) {
        g_autofree char *key = g_strstrip (g_strndup (line + 1, colon - line - 1));
        dc_manifest_set (m, key, colon + 2);
      }
      continue;
    }
    /* "HEX  NAME" (text mode) or "HEX *NAME" (binary mode). */
    const char *name = length > 66 ? line + 66 : "";
    if (!is_hash (line, length > 64 ? 64 : length) || length < 67 || line[64] != ' '
        || (line[65] != ' ' && line[65] != '*') || !plain_name (name)) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                   _ ("%s, line %u: not a line of sha256sum (“HASH  FILE” with a file of the package)"), path, i + 1);
      return NULL;
    }
    g_ptr_array_add (m->hashes, g_strndup (line, 64));
    g_ptr_array_add (m->names, g_strdup (name));
  }
  return g_steal_pointer (&m);
}

gboolean
dc_manifest_check (const DcManifest *m, const char *dir, GPtrArray *problems, GError **error)
{
  g_autoptr (GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < m->names->len; i++) {
    const char *name = g_ptr_array_index (m->names, i);
    g_hash_table_add (listed, (gpointer) name);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
      g_ptr_array_add (problems, g_strdup_printf (_ ("missing: %s"), name));
      continue;
    }
    g_autofree char *hash = dc_file_sha256 (path, error);
    if (!hash)
      return FALSE;
    if (strcmp (hash, g_ptr_array_index (m->hashes, i)) != 0)
      g_ptr_array_add (problems, g_strdup_printf (_ ("changed: %s (its SHA-256 is not the manifest's)"), name));
  }
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  while (d && (entry = g_dir_read_name (d)))
    if (strcmp (entry, DC_MANIFEST_NAME) && !g_hash_table_contains (listed, entry))
      g_ptr_array_add (problems, g_strdup_printf (_ ("not in the manifest: %s"), entry));
  return problems->len == 0;
}
