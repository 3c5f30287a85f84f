#include "base/dc-text.h"
#include "base/dc-json.h"
#include "base/dc-matchkey.h"
#include "base/dc-i18n.h"

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
    p = dc_json_read_string (p, item);
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

guint
dc_text_max_length (const char *field)
{
  static const struct { const char *field; guint max; } limits[] = {
    { "login_id", DC_TEXT_MAX_LOGIN }, { "key", DC_TEXT_MAX_LOGIN }, { "actor", DC_TEXT_MAX_LOGIN },
    { "name", DC_TEXT_MAX_NAME }, { "holder_name", DC_TEXT_MAX_NAME },
  };
  for (gsize i = 0; field && i < G_N_ELEMENTS (limits); i++)
    if (g_str_equal (field, limits[i].field))
      return limits[i].max;
  return DC_TEXT_MAX_TEXT;
}

gboolean
dc_text_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
         || (c >= 0x10000 && c <= 0x10FFFF);
}

gboolean
dc_text_char_taken (gunichar c)
{
  return dc_text_xml_char (c) && !(c >= 0xFDD0 && c <= 0xFDEF) && (c & 0xFFFE) != 0xFFFE;
}

char *
dc_text_refusal (const char *text, const char *field)
{
  const char *end = NULL;
  if (!g_utf8_validate (text, -1, &end))
    return g_strdup_printf (_ ("is not UTF-8 text (at byte %ld); save it as UTF-8"), (long) (end - text));
  long n = 0;
  for (const char *p = text; *p; p = g_utf8_next_char (p), n++) {
    guchar b = (guchar) *p;
    if (b >= 0x20 && b < 0x80)
      continue;   /* most text of most files: no decoding */
    gunichar c = g_utf8_get_char (p);
    if (!dc_text_char_taken (c))
      return g_strdup_printf (_ ("holds U+%04X (character %ld), a character no workbook or XML file can "
                                 "hold; remove it"), c, n + 1);
  }
  guint max = dc_text_max_length (field);
  if (n > (long) max)
    return g_strdup_printf (_ ("is %ld characters long; at most %u are allowed here, shorten it"), n, max);
  return NULL;
}

char *
dc_text_xml_escape (const char *text, DcTextEscape style)
{
  /* By bytes first, as this runs for every cell written: in UTF-8 the
   * characters XML cannot hold are C0 controls, EF BF BE/BF (U+FFFE, U+FFFF)
   * and ED A0..BF (surrogates, which valid UTF-8 never holds). */
  const unsigned char *b = (const unsigned char *) text;
  for (; b && *b; b++)
    if ((*b < 0x20 && *b != '\t' && *b != '\n' && *b != '\r')
        || (*b == 0xEF && b[1] == 0xBF && (b[2] == 0xBE || b[2] == 0xBF)) || (*b == 0xED && b[1] >= 0xA0))
      break;
  if (!b || !*b)
    return NULL;
  const char *p = text;
  while (*p && dc_text_xml_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  GString *out = g_string_new_len (text, p - text);
  for (; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if (dc_text_xml_char (c))
      g_string_append_unichar (out, c);
    else if (style == DC_TEXT_ESCAPE_XLSX)
      g_string_append_printf (out, "_x%04X_", c);
    else
      g_string_append_printf (out, "\\u%04X", c);
  }
  return g_string_free (out, FALSE);
}
