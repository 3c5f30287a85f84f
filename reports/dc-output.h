/* Output files written under a temporary name in the same directory, mode
 * 0600, and renamed into place only when complete: a failed export leaves
 * no half-written file and the previous file untouched. */
#pragma once
#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct {
  char *path;       /* the final name */
  char *temp_path;  /* where it is being written */
  FILE *file;       /* open on temp_path (NULL when the writer opens the path itself) */
} DcOutput;

/* Creates a temporary file beside PATH (dc_temp_create: stale ones an
 * interrupted run left there are removed first). With OPEN_FILE, opens it
 * for writing. */
DcOutput *dc_output_begin (const char *path, gboolean open_file, GError **error);
/* Flushes, syncs and renames into place; frees OUTPUT either way. */
gboolean  dc_output_commit (DcOutput *output, GError **error);
/* Removes the temporary file; frees OUTPUT. */
void      dc_output_abort (DcOutput *output);

G_END_DECLS
