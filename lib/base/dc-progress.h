/* Progress of long work (imports, reconcile, exports, copy): the library says
 * how far it is; whoever set a handler shows it (the command line: one line
 * on a terminal). Process-wide, like GLib's log handler: one handler, set
 * once, first thing; without one every call is a no-op. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Called with WHAT (a short translated phrase naming the unit, "rows read"),
 * DONE so far and TOTAL (0 when not known); WHAT NULL when the work is over. */
typedef void (*DcProgressFunc) (const char *what, guint64 done, guint64 total);
void dc_progress_set_handler (DcProgressFunc func);

/* DONE of TOTAL (0: not known) units of WHAT are done. Cheap enough to call
 * for every row: the handler decides how often it shows anything. */
void dc_progress_update (const char *what, guint64 done, guint64 total);

/* The work is over (the handler takes its line away). Safe to call when no
 * update was made. */
void dc_progress_done (void);

G_END_DECLS
