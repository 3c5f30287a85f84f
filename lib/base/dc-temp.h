/* Temporary files beside their target, named so that a later run finds the
 * ones an interrupted run (killed, power lost) left and removes them:
 * FOLDER/.NAME.daicho-tmp.PID.XXXXXX (and SQLite's -wal, -shm, -journal of
 * it), and daicho-restore-test.PID.XXXXXX folders in the system's temporary
 * folder. Only names of that form whose process PID is no longer running are
 * removed; nothing else is ever touched. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Where a removal is told (the command line prints it on stderr); NULL: nowhere. */
typedef void (*DcTempNotice) (const char *message);
void  dc_temp_set_notice (DcTempNotice notice);

/* Removes the stale temporary files and folders in FOLDER (see above),
 * telling each through the notice. Never fails; a file that cannot be
 * removed is left. */
void  dc_temp_clean (const char *folder);

/* Cleans PATH's folder, then creates an empty file .NAME.daicho-tmp.PID.XXXXXX
 * beside PATH (NAME its base name), mode 0600, and returns its path (free it).
 * NULL with DC_ERROR_IO when the folder cannot be written. */
char *dc_temp_create (const char *path, GError **error);

/* Cleans the system's temporary folder, then makes a new folder
 * PREFIX.PID.XXXXXX (mode 0700) in it and returns its path. PREFIX is one of
 * the names dc_temp_clean knows ("daicho-restore-test"). */
char *dc_temp_make_dir (const char *prefix, GError **error);

G_END_DECLS
