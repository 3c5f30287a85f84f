/* Output to a terminal that shows control characters instead of obeying them. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* When stdout (stderr) is a terminal, replaces it with a stream that writes
 * C0 controls but tab and line feed (a CR only before an LF), DEL and the C1
 * controls U+0080..U+009F as "\u001b": register text (a name holding
 * ESC [ 3 1 m, a system export's login) is shown, never run by the terminal.
 * Output to a pipe or a file is left byte for byte as it is. Call once, first
 * thing in main; the streams are flushed and closed at exit. */
void dc_term_safe_begin (void);

G_END_DECLS
