/* Text helpers for matching what people type against register values. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* NFKC, trimmed of ASCII and ideographic (U+3000) space, casefolded:
 * "３ 課外秘　" and "3 課外秘" give the same key. */
char *dc_text_match_key (const char *text);

/* TRUE when A and B have the same match key. */
gboolean dc_text_matches (const char *a, const char *b);

/* Columns TEXT takes in a terminal or a spreadsheet: East Asian wide
 * characters count two, zero-width ones nothing, others one. */
gsize dc_text_display_width (const char *text);

/* A list of names (privileges, users) as a JSON array of strings, and back.
 * from_json returns NULL for text that is not such an array. */
char  *dc_text_list_to_json (const char *const *items);
GStrv  dc_text_list_from_json (const char *json);

/* Splits what people write for a list of names: one per line, or separated by
 * ; ； 、 | and, unless a value is an LDAP DN (CN=x,OU=y), commas. Each
 * trimmed; empty ones dropped; duplicates and order kept as written. */
GStrv  dc_text_split_list (const char *text);

G_END_DECLS
