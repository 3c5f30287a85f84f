/* CSV injection (OWASP): what exports do to cells that a spreadsheet would
 * run as formulas, and what imports undo. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* A cell beginning with = + - @ TAB or CR, possibly after quotes already
 * added this way, gets one more leading quote. */
char *dc_csv_neutralise (const char *cell);
/* Removes exactly the quote dc_csv_neutralise added. */
char *dc_csv_unneutralise (const char *cell);

G_END_DECLS
