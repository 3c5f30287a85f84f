/* Progress as one line on a terminal (see progress-line.h). */
#include "progress-line.h"
#include "cli.h"
#include "base/dc-i18n.h"
#include "base/dc-progress.h"

#include <string.h>
#include <unistd.h>

#define DEFAULT_AFTER_US (2 * G_USEC_PER_SEC)
#define REDRAW_US (G_USEC_PER_SEC / 5)

static struct {
  gint64 after_us;    /* -1: never */
  gint64 first_us;    /* the first report of this process: the wait counts from it */
  const char *what;   /* the step under way, NULL between steps */
  gint64 started_us;  /* when it began: its rate counts from it */
  gint64 drawn_us;
  gboolean shown;
} line;

/* DAICHO_PROGRESS_AFTER in microseconds; -1 for "off". */
static gint64
read_after (void)
{
  const char *text = g_getenv ("DAICHO_PROGRESS_AFTER");
  if (!text || !*text)
    return DEFAULT_AFTER_US;
  if (g_str_equal (text, "off"))
    return -1;
  char *end = NULL;
  double seconds = g_ascii_strtod (text, &end);
  return end && !*end && seconds >= 0 && seconds < 86400 ? (gint64) (seconds * G_USEC_PER_SEC)
                                                         : DEFAULT_AFTER_US;
}

/* Straight to the terminal, past the stream that shows control characters
 * (term-safe.h): this text is daicho's own, and \r and ESC [ K must act. */
static void
write_raw (const char *text)
{
  gsize length = strlen (text);
  while (length > 0) {
    ssize_t n = write (STDERR_FILENO, text, length);
    if (n <= 0)
      return;
    text += n, length -= (gsize) n;
  }
}

static void
take_away (void)
{
  if (line.shown)
    write_raw ("\r\033[K");
  line.shown = FALSE;
  line.what = NULL;
}

static void
draw (const char *what, guint64 done, guint64 total, gint64 now)
{
  double seconds = (double) (now - line.started_us) / G_USEC_PER_SEC;
  double rate = seconds > 0 ? (double) done / seconds : 0;
  g_autofree char *text = total > 0
    ? g_strdup_printf (_ ("%s: %llu of %llu (%.0f %%), %.0f a second"), what,
                       (unsigned long long) done, (unsigned long long) total,
                       100.0 * (double) done / (double) total, rate)
    : g_strdup_printf (_ ("%s: %llu, %.0f a second"), what, (unsigned long long) done, rate);
  g_autofree char *shown = g_strconcat ("\r", text, "\033[K", NULL);
  write_raw (shown);
  line.shown = TRUE;
  line.drawn_us = now;
}

static void
on_progress (const char *what, guint64 done, guint64 total)
{
  if (!what) {
    take_away ();
    return;
  }
  if (dc_cli.json || line.after_us < 0)
    return;
  gint64 now = g_get_monotonic_time ();
  if (!line.first_us)
    line.first_us = now;
  if (line.what != what && g_strcmp0 (line.what, what) != 0) {
    take_away ();
    line.what = what;
    line.started_us = now;
    line.drawn_us = 0;
  }
  /* The last unit of a known total is always drawn: the line ends true. */
  gboolean last = total > 0 && done >= total;
  if (now - line.first_us < line.after_us || (line.shown && !last && now - line.drawn_us < REDRAW_US))
    return;
  draw (what, done, total, now);
}

void
dc_progress_line_install (void)
{
  if (!isatty (STDERR_FILENO))
    return;
  line.after_us = read_after ();
  dc_progress_set_handler (on_progress);
}
