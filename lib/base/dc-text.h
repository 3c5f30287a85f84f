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

/* ---- what daicho takes in, and what XML can hold ----
 * One limit table and one character rule for every edge (imports, system
 * exports, LDIF, review workbooks, the command line, the actor). */

#define DC_TEXT_MAX_LOGIN 1024    /* AD's userPrincipalName holds at most 1 024 */
#define DC_TEXT_MAX_NAME  1024    /* names of assets, systems, sections, people */
#define DC_TEXT_MAX_TEXT  32767   /* any other text: what one Excel cell holds */

/* The most characters a value of FIELD takes ("login_id", "key" of a system
 * export, "actor": DC_TEXT_MAX_LOGIN; "name", "holder_name":
 * DC_TEXT_MAX_NAME; any other field or NULL: DC_TEXT_MAX_TEXT). */
guint  dc_text_max_length (const char *field);

/* TRUE for a character XML 1.0 can hold (tab, line feed, carriage return,
 * U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF). */
gboolean dc_text_xml_char (gunichar c);

/* TRUE for a character daicho takes in: one XML 1.0 holds that is not a
 * noncharacter (U+FDD0..U+FDEF, U+FFFE and U+FFFF of every plane). */
gboolean dc_text_char_taken (gunichar c);

/* Why TEXT (UTF-8) cannot be a value of FIELD, as a clause to follow the
 * value's name ("holds U+FFFF ...; remove it", "is N characters long ..."),
 * or NULL when it can. Bytes that are not UTF-8 are refused too. */
char  *dc_text_refusal (const char *text, const char *field);

/* How dc_text_xml_escape writes a character: as a workbook cell does
 * (ST_Xstring "_xFFFF_", which Excel and LibreOffice read back as the
 * character), or as "\uFFFF" for people (text files, sheet names, headers). */
typedef enum { DC_TEXT_ESCAPE_XLSX, DC_TEXT_ESCAPE_VISIBLE } DcTextEscape;

/* TEXT with each character XML 1.0 cannot hold escaped as STYLE says; NULL
 * when TEXT has none. For registers that hold such text from before it was
 * refused on input. */
char  *dc_text_xml_escape (const char *text, DcTextEscape style);

G_END_DECLS
