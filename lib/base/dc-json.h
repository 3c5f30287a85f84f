/* JSON as the register keeps it. Writing: byte for byte as the snapshots
 * have always been written (SQLite's json_object rules), so history hashes
 * stay the same whichever engine holds the register. Reading: the members
 * of an object as SQLite's json_each gave them, so no SQL needs an engine's
 * JSON functions. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Appends TEXT as a JSON string: " and \ escaped with a backslash,
 * \b \t \n \f \r for those controls, other controls as \u00xx (lower-case
 * hex); everything else, UTF-8 included, as it is. */
void dc_json_append_string (GString *out, const char *text);

/* Appends "NAME":VALUE to OBJECT, an object being written ("{" and the
 * members so far; a comma before all but the first): VALUE as a JSON
 * string, or as it is when RAW (a number, an array); null when NULL. Close
 * the object with '}'. */
void dc_json_append_member (GString *object, const char *name, const char *value, gboolean raw);

/* Appends the JSON text JSON without the white space between its tokens
 * (strings and numbers are copied as written), as SQLite's json() does for
 * a valid text. Text that is not JSON is copied with the same rule. */
void dc_json_append_minified (GString *out, const char *json);

typedef enum {
  DC_JSON_NULL,
  DC_JSON_TRUE,
  DC_JSON_FALSE,
  DC_JSON_NUMBER,
  DC_JSON_STRING,
  DC_JSON_ARRAY,
  DC_JSON_OBJECT
} DcJsonKind;

typedef struct {
  char *key;         /* the member's name; NULL for an element of an array */
  DcJsonKind kind;
  char *value;       /* a string's text (unescaped), a number as written, 1 or 0 for
                      * true or false, NULL for null, an array or object as its
                      * JSON text without white space */
  gint64 id;         /* where json_each placed it (its node in the parse), for
                      * keeping the order SQLite gave */
} DcJsonMember;

void dc_json_member_free (DcJsonMember *member);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcJsonMember, dc_json_member_free)

/* The members of the JSON object (or the elements of the array) JSON, in
 * their order, as a new array of DcJsonMember; NULL when JSON is not one
 * valid JSON object or array. */
GPtrArray *dc_json_members (const char *json);

/* The value (as DcJsonMember.value) of the member KEY of the JSON object
 * JSON, as a new string; NULL when it has none, it is null, or JSON is not
 * an object. */
char      *dc_json_member_value (const char *json, const char *key);

/* Whether JSON is one valid JSON value (white space around it allowed). */
gboolean   dc_json_valid (const char *json);
/* The kind of the JSON value JSON (DC_JSON_NULL for text that is not JSON). */
DcJsonKind dc_json_kind (const char *json);

/* Reads the JSON string at P, just after its opening quote, into OUT
 * (escapes resolved); the position after its closing quote, or NULL when
 * it is not a valid string. */
const char *dc_json_read_string (const char *p, GString *out);

G_END_DECLS
