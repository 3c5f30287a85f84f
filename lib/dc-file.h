/* Files as evidence: what a run or an import was given is recorded by its
 * SHA-256. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* The SHA-256 (hex) of the file at PATH, read in blocks. */
char *dc_file_sha256 (const char *path, GError **error);

/* PATH with the symbolic links it names followed to the file they finally
 * point at (which may not exist yet), so that replacing it replaces that
 * file and not the link. PATH itself when it is no link. Stops after 40
 * links (a loop): returns the last name reached. */
char *dc_file_resolve_links (const char *path);

G_END_DECLS
