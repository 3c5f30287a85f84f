/* Canonical JSON snapshots of register entities, as recorded in history. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

/* Entities whose changes are recorded: "scheme", "setting", "section", "post",
 * "person", "system", "asset". NULL-terminated. */
extern const char *const dc_snapshot_entities[];

gboolean  dc_snapshot_entity_known (const char *entity);

/* The entity's current state as JSON, or NULL (no error) when it does not
 * exist. Snapshots name other entities by their immutable codes. */
char     *dc_snapshot (DcStore *store, const char *entity, const char *key, GError **error);

typedef gboolean (*DcSnapshotFunc) (const char *entity, const char *key, const char *json,
                                    gpointer user_data, GError **error);

/* Every existing entity of that kind with its snapshot, in key order. */
gboolean  dc_snapshot_foreach (DcStore *store, const char *entity, DcSnapshotFunc func,
                               gpointer user_data, GError **error);

G_END_DECLS
