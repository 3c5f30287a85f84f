#include "dc-text.h"

char *
dc_text_match_key (const char *text)
{
  if (!text || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  /* NFKC has turned U+3000 into an ASCII space, so g_strstrip trims both. */
  g_strstrip (nfkc);
  return g_utf8_casefold (nfkc, -1);
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
