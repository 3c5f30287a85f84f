/* Helpers of the reader suites: fixture paths and whole-table reads. */
#pragma once
#include "testlib.h"
#include <string.h>

/* FIXTURE under fixtures/readers/ (DAICHO_ROOT, else the current folder). */
static inline char *
fixture (const char *name)
{
  const char *root = g_getenv ("DAICHO_ROOT");
  return g_build_filename (root ? root : ".", "fixtures", "readers", name, NULL);
}

/* TRUE when ERROR is DOMAIN/CODE and its message contains every NULL-terminated string. */
static inline gboolean
error_says (const GError *error, GQuark domain, int code, ...)
{
  if (!error || error->domain != domain || error->code != code) {
    fprintf (stderr, "unexpected error: %s\n", error ? error->message : "(none)");
    return FALSE;
  }
  va_list args;
  va_start (args, code);
  gboolean ok = TRUE;
  for (const char *s; (s = va_arg (args, const char *));)
    if (!strstr (error->message, s)) {
      fprintf (stderr, "“%s” not in: %s\n", s, error->message);
      ok = FALSE;
    }
  va_end (args);
  return ok;
}
