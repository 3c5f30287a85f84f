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
