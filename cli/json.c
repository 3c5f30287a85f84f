#include "json.h"

#include <stdio.h>
#include <string.h>

void
dc_json_init (DcJson *json)
{
  json->out = g_string_new (NULL);
  json->first = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

char *
dc_json_finish (DcJson *json)
{
  g_array_free (json->first, TRUE);
  return g_string_free (json->out, FALSE);
}

void
dc_json_print (DcJson *json)
{
  g_autofree char *text = dc_json_finish (json);
  puts (text);
}

/* Before a value: a comma unless it is the first in its container (values
 * after a key never take one). */
static void
separate (DcJson *json)
{
  if (json->first->len == 0)
    return;
  gboolean *first = &g_array_index (json->first, gboolean, json->first->len - 1);
  if (!*first)
    g_string_append_c (json->out, ',');
  *first = FALSE;
}

/* After a member name: the value that follows must not add a comma; it
 * clears the flag again. */
static void
after_key (DcJson *json)
{
  g_array_index (json->first, gboolean, json->first->len - 1) = TRUE;
}

static void
open_container (DcJson *json, char bracket)
{
  separate (json);
  g_string_append_c (json->out, bracket);
  gboolean first = TRUE;
  g_array_append_val (json->first, first);
}

static void
close_container (DcJson *json, char bracket)
{
  g_array_set_size (json->first, json->first->len - 1);
  g_string_append_c (json->out, bracket);
}

void dc_json_begin_object (DcJson *json) { open_container (json, '{'); }
void dc_json_end_object (DcJson *json) { close_container (json, '}'); }
void dc_json_begin_array (DcJson *json) { open_container (json, '['); }
void dc_json_end_array (DcJson *json) { close_container (json, ']'); }

/* g_string_append_len without its generic insert (lists write megabytes). */
static inline void
put (GString *out, const char *data, gsize n)
{
  if (out->len + n < out->allocated_len) {
    memcpy (out->str + out->len, data, n);
    out->len += n;
    out->str[out->len] = '\0';
  } else {
    g_string_append_len (out, data, (gssize) n);
  }
}

/* Bytes that need an escape inside a JSON string: controls, " and \. */
static gboolean
needs_escape (unsigned char c)
{
  return c < 0x20 || c == '"' || c == '\\';
}

/* Whether any of the 8 bytes of WORD needs an escape (exact, no false
 * negatives), so clean text is scanned a word at a time. */
static gboolean
word_needs_escape (guint64 word)
{
  const guint64 ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  guint64 quote = word ^ (ones * '"'), backslash = word ^ (ones * '\\');
  guint64 control = (word - ones * 0x20) & ~word;
  return ((((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | control) & highs) != 0;
}

static void
append_escaped (GString *out, const char *text)
{
  const char *p = text, *end = text + strlen (text);
  while (p < end) {
    const char *run = p;  /* bytes that need no escape */
    guint64 word;
    while (end - p >= 8 && (memcpy (&word, p, 8), !word_needs_escape (word)))
      p += 8;
    while (p < end && !needs_escape ((unsigned char) *p))
      p++;
    put (out, run, (gsize) (p - run));
    if (p == end)
      return;
    switch (*p) {
    case '"': put (out, "\\\"", 2); break;
    case '\\': put (out, "\\\\", 2); break;
    case '\n': put (out, "\\n", 2); break;
    case '\r': put (out, "\\r", 2); break;
    case '\t': put (out, "\\t", 2); break;
    default: g_string_append_printf (out, "\\u%04x", (unsigned char) *p);
    }
    p++;
  }
}

static void
append_quoted (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  append_escaped (out, text);
  g_string_append_c (out, '"');
}

void
dc_json_flush (DcJson *json, FILE *stream)
{
  if (json->out->len < 65536)
    return;
  fwrite (json->out->str, 1, json->out->len, stream);
  g_string_truncate (json->out, 0);
}

void
dc_json_key (DcJson *json, const char *key)
{
  separate (json);
  put (json->out, "\"", 1);
  append_escaped (json->out, key);
  put (json->out, "\":", 2);
  after_key (json);
}

char *
dc_json_quoted_key (const char *key, const char *suffix)
{
  GString *out = g_string_new ("\"");
  append_escaped (out, key);
  append_escaped (out, suffix);
  g_string_append (out, "\":");
  return g_string_free (out, FALSE);
}

void
dc_json_member_quoted (DcJson *json, const char *quoted_key, const char *value, gboolean raw)
{
  separate (json);
  put (json->out, quoted_key, strlen (quoted_key));
  if (!value)
    put (json->out, "null", 4);
  else if (raw)
    put (json->out, value, strlen (value));
  else
    append_quoted (json->out, value);
}

void
dc_json_string (DcJson *json, const char *value)
{
  separate (json);
  if (value)
    append_quoted (json->out, value);
  else
    g_string_append (json->out, "null");
}

void
dc_json_int (DcJson *json, gint64 value)
{
  separate (json);
  g_string_append_printf (json->out, "%" G_GINT64_FORMAT, value);
}

void
dc_json_bool (DcJson *json, gboolean value)
{
  separate (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
dc_json_raw (DcJson *json, const char *json_text)
{
  separate (json);
  g_string_append (json->out, json_text ? json_text : "null");
}

void
dc_json_member (DcJson *json, const char *key, const char *value)
{
  dc_json_key (json, key);
  dc_json_string (json, value);
}
