/* Messages through gettext, in the text domain "daicho" wherever the code
 * runs: _() and C_() look the text up with dgettext, so the library's
 * messages are translated in any program that binds the domain (the CLI does,
 * cli/cli.c). N_() only marks text translated later (tables, GOption
 * entries). See docs/design.md "Messages and translations". */
#pragma once
#ifndef GETTEXT_PACKAGE
#define GETTEXT_PACKAGE "daicho"
#endif
#include <glib/gi18n-lib.h>

/* Plurals: dc_ngettext ("%u asset", "%u assets", n). */
#define dc_ngettext(singular, plural, n) g_dngettext (GETTEXT_PACKAGE, singular, plural, n)
