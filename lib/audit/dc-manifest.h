/* MANIFEST.sha256 of the auditor's package: one "HEX  NAME" line per file,
 * as sha256sum writes and checks them (`sha256sum -c MANIFEST.sha256`), and
 * comment lines "# key: value" (which sha256sum skips) that tie the package
 * to a database: the format, the export time, the last history entry. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

#define DC_MANIFEST_NAME "MANIFEST.sha256"

typedef struct {
  GPtrArray *names;     /* char*: the files listed, in order */
  GPtrArray *hashes;    /* char*: their SHA-256 */
  GPtrArray *keys;      /* char*: the comment lines' keys, in order */
  GHashTable *meta;     /* key → value */
} DcManifest;

DcManifest *dc_manifest_new (void);
void        dc_manifest_free (DcManifest *manifest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcManifest, dc_manifest_free)

void  dc_manifest_set (DcManifest *manifest, const char *key, const char *value);
const char *dc_manifest_get (const DcManifest *manifest, const char *key);
/* Lists NAME with the SHA-256 of DIR/NAME. */
gboolean dc_manifest_add_file (DcManifest *manifest, const char *dir, const char *name, GError **error);
/* The text: the comments first, then the files. */
char *dc_manifest_text (const DcManifest *manifest);

/* Reads DIR/MANIFEST.sha256. Lines that are neither comments nor "HEX  NAME"
 * with a plain file name (no directory, no "..") are DC_ERROR_INVALID with
 * their line number. */
DcManifest *dc_manifest_read (const char *dir, GError **error);

/* Checks every listed file of DIR against its hash, and that DIR holds no
 * file the manifest does not list. Each problem is one line in PROBLEMS
 * ("changed: 情報資産台帳.xlsx"); TRUE when there are none. */
gboolean dc_manifest_check (const DcManifest *manifest, const char *dir, GPtrArray *problems,
                            GError **error);

G_END_DECLS
