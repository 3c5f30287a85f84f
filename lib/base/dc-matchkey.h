/* Matching keys: the form two values are compared in when one came from
 * another system (CP932 export, typed by hand, full-width digits). The raw
 * value is always kept next to its key, so nothing shown to people changes. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DC_MATCH_NFKC = 1,         /* full-width ASCII, half-width kana, ① ... */
  DC_MATCH_CP932_FOLD = 2,   /* 〜/～, −/－, ‖/∥, ―/—, ¢£¬ and ￠￡￢ */
  DC_MATCH_TRIM = 4,         /* leading/trailing white space, U+3000 too */
  DC_MATCH_CASEFOLD = 8
} DcMatchFlags;

#define DC_MATCH_DEFAULT (DC_MATCH_NFKC | DC_MATCH_CP932_FOLD | DC_MATCH_TRIM)

/* The key of RAW; "" for NULL or text that is not UTF-8. */
char *dc_match_key (const char *raw, DcMatchFlags flags);

typedef struct {
  char *raw;
  char *key;
} DcMatchValue;

DcMatchValue *dc_match_value_new (const char *raw, DcMatchFlags flags);
void dc_match_value_free (DcMatchValue *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcMatchValue, dc_match_value_free)

G_END_DECLS
