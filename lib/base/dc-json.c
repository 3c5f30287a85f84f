#include "base/dc-json.h"

#include <string.h>

void
dc_json_append_string (GString *out, const char *text)
{
  /* The short escapes SQLite writes (json.c, jsonAppendString). */
  static const char short_escape[0x20] = {
    ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r',
  };
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++) {
    if (*p == '"' || *p == '\\') {
      g_string_append_c (out, '\\');
      g_string_append_c (out, (char) *p);
    } else if (*p < 0x20 && short_escape[*p]) {
      g_string_append_c (out, '\\');
      g_string_append_c (out, short_escape[*p]);
    } else if (*p < 0x20) {
      g_string_append_printf (out, "\\u%04x", *p);
    } else {
      g_string_append_c (out, (char) *p);
    }
  }
  g_string_append_c (out, '"');
}

void
dc_json_append_minified (GString *out, const char *json)
{
  gboolean in_string = FALSE;
  for (const char *p = json; *p; p++) {
    if (in_string) {
      g_string_append_c (out, *p);
      if (*p == '\\' && p[1])
        g_string_append_c (out, *++p);
      else if (*p == '"')
        in_string = FALSE;
    } else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
      continue;
    } else {
      in_string = *p == '"';
      g_string_append_c (out, *p);
    }
  }
}

const char *
dc_json_read_string (const char *p, GString *out)
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


static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

/* Scans the JSON value at P: the position after it, or NULL when it is not
 * valid. *NODES gets how many nodes SQLite's parser would give it (one per
 * value, one per member's name), *KIND its kind. DEPTH stops runaway nesting. */
static const char *
scan_value (const char *p, int depth, gint64 *nodes, DcJsonKind *kind)
{
  p = skip_space (p);
  *nodes = 1;
  if (depth > 1000)
    return NULL;
  if (*p == '"') {
    *kind = DC_JSON_STRING;
    g_autoptr (GString) ignored = g_string_new (NULL);
    return dc_json_read_string (p + 1, ignored);
  }
  if (*p == '{' || *p == '[') {
    gboolean object = *p == '{';
    char close = object ? '}' : ']';
    *kind = object ? DC_JSON_OBJECT : DC_JSON_ARRAY;
    p = skip_space (p + 1);
    if (*p == close)
      return p + 1;
    for (;;) {
      if (object) {
        if (*p != '"')
          return NULL;
        g_autoptr (GString) ignored = g_string_new (NULL);
        p = dc_json_read_string (p + 1, ignored);
        if (!p)
          return NULL;
        p = skip_space (p);
        if (*p++ != ':')
          return NULL;
        (*nodes)++;
      }
      gint64 inner = 0;
      DcJsonKind inner_kind;
      p = scan_value (p, depth + 1, &inner, &inner_kind);
      if (!p)
        return NULL;
      *nodes += inner;
      p = skip_space (p);
      if (*p == close)
        return p + 1;
      if (*p++ != ',')
        return NULL;
      p = skip_space (p);
    }
  }
  static const struct { const char *word; DcJsonKind kind; } words[] = {
    { "null", DC_JSON_NULL }, { "true", DC_JSON_TRUE }, { "false", DC_JSON_FALSE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_has_prefix (p, words[i].word)) {
      *kind = words[i].kind;
      return p + strlen (words[i].word);
    }
  /* A number: -? digits (. digits)? ([eE] [+-]? digits)? */
  const char *start = p;
  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return NULL;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.') {
    if (!g_ascii_isdigit (*++p))
      return NULL;
    while (g_ascii_isdigit (*p))
      p++;
  }
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-')
      p++;
    if (!g_ascii_isdigit (*p))
      return NULL;
    while (g_ascii_isdigit (*p))
      p++;
  }
  *kind = DC_JSON_NUMBER;
  return p > start ? p : NULL;
}

gboolean
dc_json_valid (const char *json)
{
  gint64 nodes;
  DcJsonKind kind;
  const char *end = json ? scan_value (json, 0, &nodes, &kind) : NULL;
  return end && !*skip_space (end);
}

DcJsonKind
dc_json_kind (const char *json)
{
  gint64 nodes;
  DcJsonKind kind = DC_JSON_NULL;
  const char *end = json ? scan_value (json, 0, &nodes, &kind) : NULL;
  return end && !*skip_space (end) ? kind : DC_JSON_NULL;
}

void
dc_json_member_free (DcJsonMember *member)
{
  if (!member)
    return;
  g_free (member->key);
  g_free (member->value);
  g_free (member);
}

/* The value of the member whose text runs from START to END. */
static char *
member_value (const char *start, const char *end, DcJsonKind kind)
{
  g_autofree char *text = g_strndup (start, end - start);
  switch (kind) {
  case DC_JSON_NULL:
    return NULL;
  case DC_JSON_TRUE:
    return g_strdup ("1");
  case DC_JSON_FALSE:
    return g_strdup ("0");
  case DC_JSON_NUMBER:
    return g_steal_pointer (&text);
  case DC_JSON_STRING: {
    GString *out = g_string_new (NULL);
    dc_json_read_string (text + 1, out);
    return g_string_free (out, FALSE);
  }
  default: {
    GString *out = g_string_new (NULL);
    dc_json_append_minified (out, text);
    return g_string_free (out, FALSE);
  }
  }
}

GPtrArray *
dc_json_members (const char *json)
{
  if (!dc_json_valid (json))
    return NULL;
  const char *p = skip_space (json);
  if (*p != '{' && *p != '[')
    return NULL;
  gboolean object = *p == '{';
  char close = object ? '}' : ']';
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_json_member_free);
  gint64 node = 1;   /* node 0 is the object or array itself */
  p = skip_space (p + 1);
  while (*p != close) {
    DcJsonMember *member = g_new0 (DcJsonMember, 1);
    g_ptr_array_add (members, member);
    if (object) {
      GString *key = g_string_new (NULL);
      p = skip_space (dc_json_read_string (p + 1, key));
      member->key = g_string_free (key, FALSE);
      p = skip_space (p + 1);   /* past the ':' */
      node++;
    }
    gint64 nodes = 0;
    const char *start = p;
    const char *end = scan_value (p, 1, &nodes, &member->kind);
    member->value = member_value (start, end, member->kind);
    member->id = node;
    node += nodes;
    p = skip_space (end);
    if (*p == ',')
      p = skip_space (p + 1);
  }
  return g_steal_pointer (&members);
}

char *
dc_json_member_value (const char *json, const char *key)
{
  g_autoptr (GPtrArray) members = json && *json == '{' ? dc_json_members (json) : NULL;
  for (guint i = 0; members && i < members->len; i++) {
    DcJsonMember *m = g_ptr_array_index (members, i);
    if (g_str_equal (m->key, key))
      return g_steal_pointer (&m->value);
  }
  return NULL;
}

void
dc_json_append_member (GString *object, const char *name, const char *value, gboolean raw)
{
  if (object->len > 1)
    g_string_append_c (object, ',');
  dc_json_append_string (object, name);
  g_string_append_c (object, ':');
  if (!value)
    g_string_append (object, "null");
  else if (raw)
    g_string_append (object, value);
  else
    dc_json_append_string (object, value);
}
