#include "json.h"

#include <stdio.h>

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

static void
append_quoted (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  const char *run = text;  /* start of characters that need no escape */
  for (const unsigned char *p = (const unsigned char *) text; *p; p++) {
    if (*p >= 0x20 && *p != '"' && *p != '\\')
      continue;
    g_string_append_len (out, run, (const char *) p - run);
    switch (*p) {
    case '"': g_string_append (out, "\\\""); break;
    case '\\': g_string_append (out, "\\\\"); break;
    case '\n': g_string_append (out, "\\n"); break;
    case '\r': g_string_append (out, "\\r"); break;
    case '\t': g_string_append (out, "\\t"); break;
    default: g_string_append_printf (out, "\\u%04x", *p);
    }
    run = (const char *) p + 1;
  }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

void
dc_json_key (DcJson *json, const char *key)
{
  separate (json);
  append_quoted (json->out, key);
  g_string_append_c (json->out, ':');
  /* The value that follows must not add a comma; it clears the flag again. */
  g_array_index (json->first, gboolean, json->first->len - 1) = TRUE;
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
