#include "readers/dc-ldif.h"
#include "base/dc-file.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "base/dc-text.h"
#include <string.h>

struct _DcLdif {
  char *origin;
  char *data;
  gsize length;
  gsize pos;
  guint line;          /* of the next physical line */
  gboolean started;    /* past a leading "version:" line */
};

DcLdif *
dc_ldif_new_from_data (const char *origin, const char *data, gsize length, GError **error)
{
  DcLdif *ldif = g_new0 (DcLdif, 1);
  ldif->origin = g_strdup (origin);
  ldif->data = g_strndup (data, length);
  ldif->length = strlen (ldif->data);
  ldif->line = 1;
  if (ldif->length != length) {
    g_set_error (error, DC_LDIF_ERROR, DC_ERROR_INVALID, _ ("%s: a NUL byte at byte offset %llu"),
                 origin, (unsigned long long) ldif->length);
    dc_ldif_free (ldif);
    return NULL;
  }
  return ldif;
}

DcLdif *
dc_ldif_open (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!dc_file_read (path, &data, &length, error))
    return NULL;
  return dc_ldif_new_from_data (path, data, length, error);
}

/* One physical line without its line end, or NULL at the end. */
static char *
physical_line (DcLdif *ldif)
{
  if (ldif->pos >= ldif->length)
    return NULL;
  const char *start = ldif->data + ldif->pos;
  const char *nl = memchr (start, '\n', ldif->length - ldif->pos);
  gsize len = nl ? (gsize) (nl - start) : ldif->length - ldif->pos;
  ldif->pos += len + (nl ? 1 : 0);
  ldif->line++;
  if (len && start[len - 1] == '\r')
    len--;
  return g_strndup (start, len);
}

static gboolean
continues (DcLdif *ldif)
{
  return ldif->pos < ldif->length && ldif->data[ldif->pos] == ' ';
}

/* One logical line (folded lines joined: a line starting with one space
 * continues the previous one), its first line number in *LINE. Comments,
 * folded or not, are skipped. */
static char *
logical_line (DcLdif *ldif, guint *line)
{
  for (;;) {
    *line = ldif->line;
    char *first = physical_line (ldif);
    if (!first)
      return NULL;
    GString *joined = g_string_new (first);
    g_free (first);
    while (continues (ldif)) {
      g_autofree char *next = physical_line (ldif);
      g_string_append (joined, next + 1);
    }
    if (joined->str[0] != '#')
      return g_string_free (joined, FALSE);
    g_string_free (joined, TRUE);
  }
}

static gboolean
line_error (DcLdif *ldif, guint line, GError **error, const char *what)
{
  g_set_error (error, DC_LDIF_ERROR, DC_ERROR_INVALID, _ ("%s: line %u: %s"), ldif->origin, line, what);
  return FALSE;
}

/* A strict base64 decoder: g_base64_decode skips what it does not know. */
static guint8 *
decode_base64 (const char *text, gsize *length)
{
  g_autoptr (GString) clean = g_string_new (NULL);
  for (const char *p = text; *p; p++) {
    if (*p == ' ')
      continue;
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return NULL;
    g_string_append_c (clean, *p);
  }
  const char *pad = strchr (clean->str, '=');
  if (clean->len % 4 || (pad && (strspn (pad, "=") != strlen (pad) || strlen (pad) > 2)))
    return NULL;
  if (clean->len == 0) {
    *length = 0;
    return (guint8 *) g_strdup ("");
  }
  return g_base64_decode (clean->str, length);
}

/* Whether TEXT (UTF-8) holds a character daicho does not take in. */
static gboolean
holds_refused (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!dc_text_char_taken (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Splits "name: value", "name:: base64" and "name:< url". *BINARY is set
 * when a base64 value is not UTF-8 text (it is then returned as base64). */
static gboolean
parse_attribute (DcLdif *ldif, guint line, const char *text, char **name, char **value,
                 gboolean *binary, GError **error)
{
  const char *colon = strchr (text, ':');
  if (!colon || colon == text)
    return line_error (ldif, line, error, _ ("not an “attribute: value” line"));
  for (const char *p = text; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != ';' && *p != '.')
      return line_error (ldif, line, error, _ ("the attribute name has a character LDIF does not allow"));
  *binary = FALSE;
  const char *v = colon + 1;
  if (*v == '<')
    return line_error (ldif, line, error, _ ("values given by URL (:<) are not read"));
  gboolean base64 = *v == ':';
  if (base64)
    v++;
  while (*v == ' ')
    v++;
  if (base64) {
    gsize length;
    g_autofree guint8 *bytes = decode_base64 (v, &length);
    if (!bytes)
      return line_error (ldif, line, error, _ ("the base64 value (::) is not valid base64"));
    g_autofree char *decoded = g_utf8_validate_len ((const char *) bytes, length, NULL) && !memchr (bytes, 0, length)
                                 ? g_strndup ((const char *) bytes, length) : NULL;
    /* Text with characters no text holds (controls, U+FFFF) is binary: an
     * objectGUID may happen to be valid UTF-8. */
    if (decoded && !holds_refused (decoded)) {
      *value = g_steal_pointer (&decoded);
    } else {
      *value = g_base64_encode (bytes, length);
      *binary = TRUE;
    }
  } else {
    if (!g_utf8_validate (v, -1, NULL))
      return line_error (ldif, line, error, _ ("the value is not UTF-8 (use :: and base64)"));
    if (holds_refused (v)) {
      g_autofree char *attribute = g_strndup (text, colon - text);
      g_autofree char *refusal = dc_text_refusal (v, NULL);
      g_autofree char *what = g_strdup_printf (_ ("attribute %s: the value %s"), attribute, refusal);
      return line_error (ldif, line, error, what);
    }
    *value = g_strdup (v);
  }
  *name = g_strndup (text, colon - text);
  return TRUE;
}

static DcLdifAttribute *
find_attribute (const DcLdifEntry *entry, const char *name)
{
  for (guint i = 0; i < entry->attributes->len; i++) {
    DcLdifAttribute *attribute = entry->attributes->pdata[i];
    if (g_ascii_strcasecmp (attribute->name, name) == 0)
      return attribute;
  }
  return NULL;
}

static void
attribute_free (DcLdifAttribute *attribute)
{
  g_free (attribute->name);
  g_ptr_array_unref (attribute->values);
  g_free (attribute);
}

static void
add_value (DcLdifEntry *entry, char *name, char *value, gboolean binary)
{
  DcLdifAttribute *attribute = find_attribute (entry, name);
  if (!attribute) {
    attribute = g_new0 (DcLdifAttribute, 1);
    attribute->name = name;
    attribute->values = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (entry->attributes, attribute);
  } else {
    g_free (name);
  }
  if (binary && !attribute->is_binary) {
    /* One binary value makes the attribute binary: earlier values follow. */
    for (guint i = 0; i < attribute->values->len; i++) {
      char *text = attribute->values->pdata[i];
      attribute->values->pdata[i] = g_base64_encode ((const guint8 *) text, strlen (text));
      g_free (text);
    }
    attribute->is_binary = TRUE;
  } else if (!binary && attribute->is_binary) {
    char *encoded = g_base64_encode ((const guint8 *) value, strlen (value));
    g_free (value);
    value = encoded;
  }
  g_ptr_array_add (attribute->values, value);
}

gboolean
dc_ldif_next (DcLdif *ldif, DcLdifEntry **entry_out, GError **error)
{
  guint line;
  char *text;
  /* Blank lines separate entries; a leading "version: 1" is skipped. */
  while ((text = logical_line (ldif, &line)) && *text == '\0')
    g_free (text);
  if (text && !ldif->started && g_ascii_strncasecmp (text, "version:", 8) == 0) {
    g_free (text);
    while ((text = logical_line (ldif, &line)) && *text == '\0')
      g_free (text);
  }
  ldif->started = TRUE;
  if (!text)
    return FALSE;

  g_autoptr (DcLdifEntry) entry = g_new0 (DcLdifEntry, 1);
  entry->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) attribute_free);
  entry->line = line;
  do {
    g_autofree char *owned = text;
    g_autofree char *name = NULL, *value = NULL;
    gboolean binary;
    if (!parse_attribute (ldif, line, text, &name, &value, &binary, error))
      return FALSE;
    if (!entry->dn) {
      if (g_ascii_strcasecmp (name, "dn") != 0)
        return line_error (ldif, line, error, _ ("an entry must begin with “dn:”"));
      if (binary)
        return line_error (ldif, line, error, _ ("the dn is not UTF-8 text"));
      entry->dn = g_steal_pointer (&value);
    } else {
      add_value (entry, g_steal_pointer (&name), g_steal_pointer (&value), binary);
    }
  } while ((text = logical_line (ldif, &line)) && *text != '\0');
  g_free (text);
  *entry_out = g_steal_pointer (&entry);
  return TRUE;
}

const GPtrArray *
dc_ldif_entry_values (const DcLdifEntry *entry, const char *attribute)
{
  DcLdifAttribute *found = find_attribute (entry, attribute);
  return found ? found->values : NULL;
}

void
dc_ldif_entry_free (DcLdifEntry *entry)
{
  if (!entry)
    return;
  g_free (entry->dn);
  if (entry->attributes)
    g_ptr_array_unref (entry->attributes);
  g_free (entry);
}

void
dc_ldif_free (DcLdif *ldif)
{
  if (!ldif)
    return;
  g_free (ldif->origin);
  g_free (ldif->data);
  g_free (ldif);
}
