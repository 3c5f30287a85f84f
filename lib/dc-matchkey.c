#include "base/dc-matchkey.h"
#include <string.h>

/* Characters that JIS X 0208 (Shift_JIS, EUC-JP, most Unix converters) and
 * Microsoft's CP932 map to different code points. Each is folded to the
 * CP932 form, which is what Windows exports contain. */
static gunichar
cp932_fold_char (gunichar c)
{
  switch (c) {
  case 0x301C: return 0xFF5E;   /* WAVE DASH → FULLWIDTH TILDE */
  case 0x2212: return 0xFF0D;   /* MINUS SIGN → FULLWIDTH HYPHEN-MINUS */
  case 0x2016: return 0x2225;   /* DOUBLE VERTICAL LINE → PARALLEL TO */
  case 0x2014: return 0x2015;   /* EM DASH → HORIZONTAL BAR */
  case 0x00A2: return 0xFFE0;   /* ¢ → ￠ */
  case 0x00A3: return 0xFFE1;   /* £ → ￡ */
  case 0x00AC: return 0xFFE2;   /* ¬ → ￢ */
  default: return c;
  }
}

static char *
cp932_fold (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    g_string_append_unichar (out, cp932_fold_char (g_utf8_get_char (p)));
  return g_string_free (out, FALSE);
}

/* Trims every Unicode white space, so U+3000 goes even without NFKC. */
static char *
trim (const char *text)
{
  const char *start = text;
  while (*start && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  const char *end = start + strlen (start);
  while (end > start) {
    const char *prev = g_utf8_prev_char (end);
    if (!g_unichar_isspace (g_utf8_get_char (prev)))
      break;
    end = prev;
  }
  return g_strndup (start, end - start);
}

/* Plain ASCII (most logins and dates) needs no Unicode work: NFKC and the
 * CP932 fold leave it as it is, and trimming and case folding are bytewise. */
static gboolean
ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';  /* as g_unichar_isspace */
}

static char *
ascii_key (const char *raw, gsize length, DcMatchFlags flags)
{
  const char *start = raw, *end = raw + length;
  if (flags & DC_MATCH_TRIM) {
    while (start < end && ascii_space (*start))
      start++;
    while (end > start && ascii_space (end[-1]))
      end--;
  }
  char *key = g_strndup (start, end - start);
  if (flags & DC_MATCH_CASEFOLD)
    for (char *p = key; *p; p++)
      *p = g_ascii_tolower (*p);
  return key;
}

static gboolean
is_ascii (const char *text, gsize *length)
{
  const unsigned char *p = (const unsigned char *) text;
  while (*p && *p < 0x80)
    p++;
  *length = (const char *) p - text;
  return *p == '\0';
}

/* Characters that NFKC, the CP932 fold and case folding all leave as they
 * are: kana, the common kanji, 々 〆 〇 ・ ー. Names and privileges are mostly
 * these and ASCII, and Unicode normalisation of a million of them is slow. */
static gboolean
stable_char (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x3096) ||
         (c >= 0x30A1 && c <= 0x30FC) || c == 0x3005 || c == 0x3006 || c == 0x3007;
}

/* The key of text of ASCII, stable characters and U+3000 without Unicode
 * tables (the same as the general path gives); NULL for any other text. */
static char *
plain_key (const char *raw, DcMatchFlags flags)
{
  GString *key = g_string_sized_new (strlen (raw));
  for (const guchar *p = (const guchar *) raw; *p;) {
    if (*p < 0x80) {
      g_string_append_c (key, (flags & DC_MATCH_CASEFOLD) ? g_ascii_tolower (*p) : *p);
      p++;
      continue;
    }
    gunichar c = g_utf8_get_char_validated ((const char *) p, -1);
    if (c == 0x3000 && (flags & DC_MATCH_NFKC))
      g_string_append_c (key, ' ');        /* NFKC: the ideographic space is a space */
    else if (c == 0x3000 || stable_char (c))
      g_string_append_len (key, (const char *) p, g_utf8_skip[*p]);
    else {
      g_string_free (key, TRUE);
      return NULL;
    }
    p += g_utf8_skip[*p];
  }
  if (!(flags & DC_MATCH_TRIM))
    return g_string_free (key, FALSE);
  char *trimmed = trim (key->str);
  g_string_free (key, TRUE);
  return trimmed;
}

char *
dc_match_key (const char *raw, DcMatchFlags flags)
{
  gsize length;
  if (raw && is_ascii (raw, &length))
    return ascii_key (raw, length, flags);
  char *plain = raw ? plain_key (raw, flags) : NULL;
  if (plain)
    return plain;
  if (!raw || !g_utf8_validate (raw, -1, NULL))
    return g_strdup ("");
  /* The fold comes first: NFKC would turn ～ into ~ but leave 〜 alone. */
  char *key = (flags & DC_MATCH_CP932_FOLD) ? cp932_fold (raw) : g_strdup (raw);
  if (flags & DC_MATCH_NFKC) {
    char *nfkc = g_utf8_normalize (key, -1, G_NORMALIZE_ALL_COMPOSE);   /* NFKC; _ALL alone is NFKD */
    g_free (key);
    key = nfkc;
  }
  if (flags & DC_MATCH_TRIM) {
    char *trimmed = trim (key);
    g_free (key);
    key = trimmed;
  }
  if (flags & DC_MATCH_CASEFOLD) {
    char *folded = g_utf8_casefold (key, -1);
    g_free (key);
    key = folded;
  }
  return key;
}

DcMatchValue *
dc_match_value_new (const char *raw, DcMatchFlags flags)
{
  DcMatchValue *value = g_new0 (DcMatchValue, 1);
  value->raw = g_strdup (raw ? raw : "");
  value->key = dc_match_key (raw, flags);
  return value;
}

void
dc_match_value_free (DcMatchValue *value)
{
  if (!value)
    return;
  g_free (value->raw);
  g_free (value->key);
  g_free (value);
}
