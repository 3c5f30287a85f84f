/* When an account last logged in, as systems write it. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Parses TEXT as a last-login time and gives the local date it falls on as a
 * day number (dc_date_day_number). Understood:
 *   a Windows FILETIME (100 ns since 1601-01-01 UTC: 133578360000000000),
 *   an LDAP GeneralizedTime (20260401090000Z, 20260401090000.0+0900),
 *   ISO 8601 (2026-04-01, 2026-04-01T09:00:00Z, 2026-04-01 09:00:00.123+09:00),
 *   2026/4/1 and 2026/04/01 09:00[:00] [UTC|JST|GMT],
 *   M/D/YYYY [h:mm[:ss] [AM|PM]] (PowerShell in an English locale),
 *   2026年4月1日 [9時00分].
 * A time with a zone (Z, +09:00, UTC) is moved into the local time zone; one
 * without is local already. FILETIME_ONLY: TEXT must be a FILETIME. FALSE when
 * TEXT is none of these (or a FILETIME of 0, which means never). */
gboolean dc_login_time_parse (const char *text, gboolean filetime_only, gint32 *day);

G_END_DECLS
