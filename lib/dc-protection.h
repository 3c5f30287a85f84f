/* Protection needs (保護要件) and their inheritance along asset dependencies:
 * by the maximum principle an asset needs at least the C, I and A of every
 * asset that uses it (a server holding personal data is as confidential as the
 * data). An override sets another level, up or down, for a stated reason:
 * 累積効果 (cumulation), 分散効果 (distribution) or another. */
#pragma once
#include "model/dc-scheme.h"

G_BEGIN_DECLS

typedef struct {
  const DcLevel *own;        /* the asset's own classification */
  const DcLevel *inherited;  /* by the maximum principle: own or a user's */
  const DcLevel *effective;  /* INHERITED, or the override */
  char *source;              /* the asset whose own level INHERITED is */
  char *effect;              /* the override's effect, NULL without one */
  char *reason;
} DcNeed;

typedef struct {
  char *code;
  char *name;
  char *type;
  DcNeed need[3];            /* C, I, A */
} DcProtection;

void          dc_protection_free (DcProtection *protection);

/* The needs of every asset that is not disposed: code → DcProtection*. A
 * dependency cycle is refused (DC_ERROR_CONFLICT) with the cycle named. */
GHashTable   *dc_protection_compute (DcStore *store, const DcScheme *scheme, GError **error);

const DcNeed *dc_protection_need (const DcProtection *protection, char property);

/* The stored code of an effect that TEXT names (cumulation, 累積効果, ...). */
const char   *dc_protection_effect_code (const char *text);
/* Its Japanese name: 累積効果, 分散効果, その他. */
const char   *dc_protection_effect_name (const char *code);

/* Sets asset ASSET's PROPERTY to LEVEL against the maximum principle; EFFECT
 * and a non-empty REASON are required. One history entry ("risk_override"). */
gboolean      dc_protection_override (DcStore *store, const char *asset, char property,
                                      const char *level, const char *effect, const char *reason,
                                      GError **error);
gboolean      dc_protection_remove_override (DcStore *store, const char *asset, char property,
                                             GError **error);

G_END_DECLS
