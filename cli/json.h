/* A small streaming JSON writer for --json output. */
#pragma once
#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct {
  GString *out;
  GArray *first;   /* per nesting level: no member written yet */
} DcJson;

void  dc_json_init (DcJson *json);
/* Returns the text and frees the writer. */
char *dc_json_finish (DcJson *json);
/* Prints the text and a newline to stdout, and frees the writer. */
void  dc_json_print (DcJson *json);
/* Writes what has been built so far to STREAM once it is large (long lists
 * are not held in memory whole); the rest comes with dc_json_finish. */
void  dc_json_flush (DcJson *json, FILE *stream);

void  dc_json_begin_object (DcJson *json);
void  dc_json_end_object (DcJson *json);
void  dc_json_begin_array (DcJson *json);
void  dc_json_end_array (DcJson *json);
/* The member name inside an object. */
void  dc_json_key (DcJson *json, const char *key);
/* For members written thousands of times: KEY and SUFFIX quoted once,
 * "section_name": (to free), then a member with that name and VALUE, a
 * string (NULL: null) or, when RAW, JSON text already (a number). */
char *dc_json_quoted_key (const char *key, const char *suffix);
void  dc_json_member_quoted (DcJson *json, const char *quoted_key, const char *value,
                             gboolean raw);
void  dc_json_string (DcJson *json, const char *value);   /* NULL → null */
void  dc_json_int (DcJson *json, gint64 value);
void  dc_json_bool (DcJson *json, gboolean value);
/* Inserts text that is already JSON (snapshots from the register). */
void  dc_json_raw (DcJson *json, const char *json_text);
/* key + string in one call. */
void  dc_json_member (DcJson *json, const char *key, const char *value);

G_END_DECLS
