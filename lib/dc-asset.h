/* Information assets: the register's rows, their life cycle and dependencies. */
#pragma once
#include "model/dc-record.h"
#include "model/dc-scheme.h"

G_BEGIN_DECLS

/* Adds an asset (a DcRecord of dc_asset_kind). Without a code it gets the next
 * free "A-0001"-style code, written back into RECORD. Status starts active,
 * created/updated are today, version 1, and the first review is due at the
 * end of the current fiscal year unless next_review_due is given. */
gboolean  dc_asset_add (DcStore *store, DcRecord *record, GError **error);

/* Edits the given fields; bumps the version and the updated date. The review
 * dates are not touched (only a review sets them). */
gboolean  dc_asset_edit (DcStore *store, const char *code, const DcRecord *changes,
                         GError **error);

/* Advances the asset's version and sets its updated date to today, inside
 * the caller's change. */
gboolean  dc_asset_touch (DcStore *store, const char *code, GError **error);

/* Inside a change: sets the given fields of asset CODE (with MANAGED, the
 * library's own fields too, as an import does), then advances its version and
 * updated date only if the asset actually changed. */
gboolean  dc_asset_apply_changes (DcStore *store, const char *code, const DcRecord *changes,
                                  gboolean managed, GError **error);

/* Active → retired (no longer used, still kept). */
gboolean  dc_asset_retire (DcStore *store, const char *code, const char *note, GError **error);

/* Records the disposal (廃棄記録): date, method and certificate reference. */
gboolean  dc_asset_dispose (DcStore *store, const char *code, const char *date,
                            const char *method, const char *certificate, GError **error);

/* CODE uses DEPENDS_ON. A dependency that would close a cycle is refused
 * with the cycle named. */
gboolean  dc_asset_depend (DcStore *store, const char *code, const char *depends_on,
                           GError **error);
gboolean  dc_asset_undepend (DcStore *store, const char *code, const char *depends_on,
                             GError **error);

/* The next free code "A-0001", "A-0002", ... */
char     *dc_asset_next_code (DcStore *store, GError **error);

/* 重要度 of a record read from the register (0 when a level is missing). */
int       dc_asset_value (const DcScheme *scheme, const DcRecord *asset);

G_END_DECLS

G_BEGIN_DECLS
/* The code of the post responsible for asset CODE on DATE, as the register
 * knew it: its last recorded state by the end of that day, or, for a day
 * before the asset was entered, the post it was first recorded with. */
char     *dc_asset_post_on (DcStore *store, const char *code, const char *date, GError **error);

/* Codes of the assets CODE uses (or, REVERSE, that use CODE), sorted. */
GStrv     dc_asset_dependencies (DcStore *store, const char *code, gboolean reverse,
                                 GError **error);
G_END_DECLS
