/* The history as people read it: actions, entities, fields and values in the
 * words of the catalogue in effect (Japanese under a Japanese locale, the
 * codes under C), times in local time. `--json` and what is stored keep the
 * codes; these are for text a person reads (`history`, `audit verify`,
 * 変更履歴.xlsx). */
#pragma once
#include "store/dc-history.h"

G_BEGIN_DECLS

/* TRUE when messages are read from the Japanese catalogue. */
gboolean    dc_words_japanese (void);

/* "add" → 追加, "asset" → 情報資産 (the catalogue's word, else the code). */
const char *dc_words_action (const char *action);
const char *dc_words_entity (const char *entity);
/* A field of ENTITY's snapshot: "status" → 状態. */
const char *dc_words_field (const char *entity, const char *field);

/* A value of FIELD as a person reads it, newly allocated: a status or kind by
 * its word (active → 使用中), an asset type by its name, a list or record
 * (JSON text) as "field: value" items, NULL or an empty list as "(none)". */
char       *dc_words_value (DcStore *store, const char *entity, const char *field, const char *value);

/* What ENTRY did, one field a line joined by SEPARATOR: "field: before →
 * after"; an addition (with ADDITION_VALUES) as its values "field: value",
 * empty ones left out. NULL on a database error. */
char       *dc_words_changes (DcStore *store, const DcHistoryEntry *entry, gboolean addition_values,
                              const char *separator, GError **error);

G_END_DECLS
