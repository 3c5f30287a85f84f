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

G_END_DECLS
