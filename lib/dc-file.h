/* Files as evidence: what a run or an import was given is recorded by its
 * SHA-256. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* The SHA-256 (hex) of the file at PATH, read in blocks. */
char *dc_file_sha256 (const char *path, GError **error);

G_END_DECLS
