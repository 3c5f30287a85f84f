/* Files as input: only regular files are read (a device such as /dev/zero
 * never ends, a pipe cannot be read twice), and what a run or an import was
 * given is recorded by its SHA-256. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* The most a file read whole may hold. */
#define DC_FILE_MAX_READ ((gsize) 2 << 30)

/* Checks that PATH (a symbolic link is followed) is a regular file.
 * DC_INPUT_ERROR: DC_ERROR_INVALID naming PATH and what it is (a device, a
 * pipe, a directory, a socket), DC_ERROR_IO when it cannot be looked at.
 * Every reader of a user's file calls this, or dc_file_read, first. */
gboolean dc_file_check_regular (const char *path, GError **error);

/* Reads the regular file PATH whole into *DATA (NUL-terminated, owned by the
 * caller; *LENGTH without the NUL), like g_file_get_contents. DC_INPUT_ERROR:
 * DC_ERROR_INVALID for what is not a regular file or is larger than
 * DC_FILE_MAX_READ, DC_ERROR_IO when it cannot be read. */
gboolean dc_file_read (const char *path, char **data, gsize *length, GError **error);

/* The SHA-256 (hex) of the regular file at PATH, read in blocks. Errors as
 * dc_file_read's. */
char *dc_file_sha256 (const char *path, GError **error);

/* PATH with the symbolic links it names followed to the file they finally
 * point at (which may not exist yet), so that replacing it replaces that
 * file and not the link. PATH itself when it is no link. Stops after 40
 * links (a loop): returns the last name reached. */
char *dc_file_resolve_links (const char *path);

G_END_DECLS
