#include "dc-text.h"
#include "dc-matchkey.h"

char *
dc_text_match_key (const char *text)
{
  return dc_match_key (text, DC_MATCH_NFKC | DC_MATCH_TRIM | DC_MATCH_CASEFOLD);
}

gboolean
dc_text_matches (const char *a, const char *b)
{
  g_autofree char *ka = dc_text_match_key (a);
  g_autofree char *kb = dc_text_match_key (b);
  return g_str_equal (ka, kb);
}

gsize
dc_text_display_width (const char *text)
{
  gsize width = 0;
  for (const char *p = text; p && *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    width += g_unichar_iswide (c) ? 2 : g_unichar_iszerowidth (c) ? 0 : 1;
  }
  return width;
}

char *
dc_text_list_to_json (const char *const *items)
{
  GString *out = g_string_new ("[");
  for (gsize i = 0; items && items[i]; i++) {
    if (i)
      g_string_append_c (out, ',');
    g_string_append_c (out, '"');
    for (const unsigned char *p = (const unsigned char *) items[i]; *p; p++) {
      switch (*p) {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default:
        if (*p < 0x20)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
    }
    g_string_append_c (out, '"');
  }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

/* One JSON string at P (after its opening quote) into OUT; the position after
 * its closing quote, or NULL. */
static const char *
read_json_string (const char *p, GString *out)
{
  while (*p && *p != '"') {
    if (*p != '\\') {
      g_string_append_c (out, *p++);
      continue;
    }
    p++;
    switch (*p) {
    case '"': case '\\': case '/': g_string_append_c (out, *p); break;
    case 'b': g_string_append_c (out, '\b'); break;
    case 'f': g_string_append_c (out, '\f'); break;
    case 'n': g_string_append_c (out, '\n'); break;
    case 'r': g_string_append_c (out, '\r'); break;
    case 't': g_string_append_c (out, '\t'); break;
    case 'u': {
      char hex[5] = { 0 };
      for (int i = 0; i < 4; i++) {
        if (!g_ascii_isxdigit (p[1 + i]))
          return NULL;
        hex[i] = p[1 + i];
      }
      gunichar c = (gunichar) g_ascii_strtoull (hex, NULL, 16);
      p += 4;
      if (c >= 0xD800 && c <= 0xDBFF && p[1] == '\\' && p[2] == 'u') {
        char low[5] = { 0 };
        for (int i = 0; i < 4; i++) {
          if (!g_ascii_isxdigit (p[3 + i]))
            return NULL;
          low[i] = p[3 + i];
        }
        gunichar l = (gunichar) g_ascii_strtoull (low, NULL, 16);
        if (l >= 0xDC00 && l <= 0xDFFF) {
          c = 0x10000 + ((c - 0xD800) << 10) + (l - 0xDC00);
          p += 6;
        }
      }
      g_string_append_unichar (out, c);
      break;
    }
    default:
      return NULL;
    }
    p++;
  }
  return *p == '"' ? p + 1 : NULL;
}

GStrv
dc_text_list_from_json (const char *json)
{
  if (!json)
    return NULL;
  const char *p = skip_space (json);
  if (*p++ != '[')
    return NULL;
  g_autoptr (GStrvBuilder) items = g_strv_builder_new ();
  p = skip_space (p);
  if (*p == ']')
    return *skip_space (p + 1) ? NULL : g_strv_builder_end (items);
  for (;;) {
    if (*p++ != '"')
      return NULL;
    g_autoptr (GString) item = g_string_new (NULL);
    p = read_json_string (p, item);
    if (!p)
      return NULL;
    g_strv_builder_add (items, item->str);
    p = skip_space (p);
    if (*p == ']')
      return *skip_space (p + 1) ? NULL : g_strv_builder_end (items);
    if (*p++ != ',')
      return NULL;
    p = skip_space (p);
  }
}

GStrv
dc_text_split_list (const char *text)
{
  g_autoptr (GStrvBuilder) items = g_strv_builder_new ();
  if (!text)
    return g_strv_builder_end (items);
  /* A DN holds commas of its own: then only lines and semicolons separate. */
  gboolean has_dn = g_regex_match_simple ("(^|[;\\n])\\s*[A-Za-z]+=[^,;]*,", text, 0, 0);
  const char *pattern = has_dn ? "[\\n;；]" : "[\\n;；、|,，]";
  g_auto (GStrv) parts = g_regex_split_simple (pattern, text, 0, 0);
  for (char **part = parts; *part; part++) {
    g_autofree char *trimmed = dc_match_key (*part, DC_MATCH_TRIM);
    if (*trimmed)
      g_strv_builder_add (items, trimmed);
  }
  return g_strv_builder_end (items);
}
