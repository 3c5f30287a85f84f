/* The one way daicho writes a file that a person or a program will open:
 * under a temporary name beside the target (dc_temp_create: mode 0600, and
 * stale ones an interrupted run left there are removed first), synced, then
 * renamed into place and the folder synced. A failed write leaves no
 * half-written file and the previous file untouched. Every report writer in
 * reports/ and the backup and restore of lib/store go through it. */
#pragma once
#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct {
  char *path;       /* the final name */
  char *temp_path;  /* where it is being written */
  FILE *file;       /* open on temp_path (NULL when the writer opens the path itself) */
} DcAtomic;

/* Creates the temporary file beside PATH; with OPEN_FILE, opens it for
 * writing. NULL with DC_INPUT_ERROR/DC_ERROR_IO naming PATH when the folder
 * cannot be written. Free the result with dc_atomic_commit or dc_atomic_abort. */
DcAtomic *dc_atomic_begin (const char *path, gboolean open_file, GError **error);
/* Flushes and closes the file (when open), then dc_atomic_rename; on failure
 * the temporary file is removed. Frees ATOMIC either way. */
gboolean  dc_atomic_commit (DcAtomic *atomic, GError **error);
/* Removes the temporary file; frees ATOMIC. NULL is ignored. */
void      dc_atomic_abort (DcAtomic *atomic);

/* Syncs TEMP, renames it over PATH and syncs PATH's folder (best effort: the
 * rename is done by then). For a file whose temporary name was made with
 * dc_temp_create by a writer that needs it before it knows it will keep it
 * (a backup checked before it is kept). FALSE with DC_INPUT_ERROR/DC_ERROR_IO
 * naming PATH; TEMP is then left for the caller to remove. */
gboolean  dc_atomic_rename (const char *temp, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcAtomic, dc_atomic_abort)

G_END_DECLS
