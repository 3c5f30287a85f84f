/* The progress of long work (dc-progress.h) as one line on stderr. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Makes the command line show progress when stderr is a terminal and --json
 * was not given: a line "WHAT: DONE of TOTAL (N %), R a second" for the step
 * under way (reading rows, storing them) once the command's long work has
 * taken DAICHO_PROGRESS_AFTER seconds (default 2; 0 at once; "off" never),
 * redrawn at most five times a second and taken away when each step ends. Nothing is written to a pipe or a file. Call once, in main. */
void dc_progress_line_install (void);

G_END_DECLS
