/* The codes new assets get: an office that numbers its assets HO-001… gets
 * HO-011 next, not A-0001. A series is a prefix followed by a number; its
 * zero padding is kept (HO-001 → HO-011, HO-1 → HO-11). */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

/* The register setting that names the pattern of new codes, written as a
 * code of the series ("HO-001": prefix HO-, three digits). */
#define DC_ASSET_CODE_SETTING "asset.code_pattern"

/* CODE as a member of a series: PREFIX (may be "") followed by 1 to 18 ASCII
 * digits, the number they make and their count. FALSE when CODE does not end
 * in digits. Any out-parameter may be NULL. */
gboolean dc_asset_code_split (const char *code, char **prefix, guint *digits, gint64 *number);

/* Of CODES (in the order they were added), the series most of them belong
 * to (a tie: the one of the code added last): its prefix and width (the
 * count of digits when its codes are zero-padded, else 1). FALSE when no
 * code ends in digits. */
gboolean dc_asset_code_series (const char *const *codes, char **prefix, guint *width);

/* PREFIX followed by one more than the highest number of PREFIX among CODES,
 * at least FIRST, with at least WIDTH digits. */
char    *dc_asset_code_next (const char *const *codes, const char *prefix, guint width, gint64 first);

/* The series a new asset of SECTION continues (see dc_asset_code_new): its
 * PREFIX, WIDTH and the FIRST number it may take; into *RULE (may be NULL) a
 * few words (N_) on why. */
gboolean dc_asset_code_rule (DcStore *store, const char *section, char **prefix, guint *width,
                             gint64 *first, const char **rule, GError **error);

/* The code a new asset of SECTION (a section's code or name as written; NULL
 * or unknown: none) gets: the next of the series the section's assets use;
 * else of the pattern the register's setting names (DC_ASSET_CODE_SETTING;
 * its number is the first); else of the series the register's assets use;
 * else A-0001. Past the highest number in the register and in TAKEN (codes
 * about to be added, may be NULL); a code already in the register, also
 * written differently (Ｈ０-…), is passed over. Into *RULE (may be NULL) a
 * few words (N_) on which of these gave it. */
char    *dc_asset_code_new (DcStore *store, const char *section, const char *const *taken,
                            const char **rule, GError **error);

G_END_DECLS
