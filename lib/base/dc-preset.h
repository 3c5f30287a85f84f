/* Data files built into daicho (schema/DIR/NAME.ini, embedded as GResources)
 * or the user's own files in the same format: schemes, export profiles. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* The names of the built-in files of DIR ("schemes"), sorted, without ".ini". */
GStrv dc_preset_names (const char *dir);

/* The text of the built-in NAME of DIR, or of the file NAME_OR_PATH. The error
 * (DC_INPUT_ERROR, DC_ERROR_INVALID) names WHAT ("scheme") and lists the
 * built-in names. */
char *dc_preset_read (const char *dir, const char *name_or_path, const char *what,
                      gsize *length, GError **error);

G_END_DECLS
