/* What daicho prints to a terminal shows register text, never acts on it:
 * a name holding ESC [ 3 1 m must not recolour or retitle the terminal. */
#define _GNU_SOURCE
#include "term-safe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  int fd;
  unsigned char held;   /* a CR (kept for a following LF) or a C2 lead byte (of a C1 control); 0 for none */
} Stream;

static gboolean
write_all (int fd, const char *data, gsize length)
{
  while (length > 0) {
    ssize_t n = write (fd, data, length);
    if (n < 0)
      return FALSE;
    data += n;
    length -= (gsize) n;
  }
  return TRUE;
}

/* C0 controls but tab and line feed, DEL and the C1 controls (U+0080..U+009F,
 * CSI U+009B among them) as \u001b: the form JSON uses, so --json output on a
 * terminal still reads as the same JSON. A CR before an LF is a line end. */
static ssize_t
safe_write (void *cookie, const char *buffer, size_t size)
{
  Stream *s = cookie;
  g_autoptr (GString) out = g_string_sized_new (size + 16);
  for (size_t i = 0; i < size; i++) {
    unsigned char c = (unsigned char) buffer[i];
    if (s->held == '\r') {
      s->held = 0;
      if (c == '\n')
        g_string_append_c (out, '\r');
      else
        g_string_append (out, "\\u000d");
    } else if (s->held == 0xC2) {
      s->held = 0;
      if (c >= 0x80 && c <= 0x9F) {
        g_string_append_printf (out, "\\u%04x", c);
        continue;
      }
      g_string_append_c (out, (char) 0xC2);
    }
    if (c == '\r' || c == 0xC2)
      s->held = c;
    else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
      g_string_append_printf (out, "\\u%04x", c);
    else
      g_string_append_c (out, (char) c);
  }
  return write_all (s->fd, out->str, out->len) ? (ssize_t) size : -1;
}

/* A CR or lead byte still held: written as it is, at the end. */
static void
release (Stream *s)
{
  if (s->held == '\r')
    write_all (s->fd, "\\u000d", 6);
  else if (s->held)
    write_all (s->fd, (const char *) &s->held, 1);
  s->held = 0;
}

static struct { FILE *file; Stream *stream; } guarded[2];

/* exit flushes cookie streams but does not close them. */
static void
release_guarded (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (guarded); i++)
    if (guarded[i].file) {
      fflush (guarded[i].file);
      release (guarded[i].stream);
    }
}

/* *TARGET (stdout or stderr) writing through safe_write when FD is a terminal. */
static void
guard (FILE **target, int fd, int buffering, guint slot)
{
  if (!isatty (fd))
    return;
  Stream *s = g_new0 (Stream, 1);   /* lives as long as the process */
  s->fd = fd;
  cookie_io_functions_t io = { .write = safe_write };
  FILE *file = fopencookie (s, "w", io);
  if (!file) {
    g_free (s);
    return;
  }
  setvbuf (file, NULL, buffering, BUFSIZ);
  fflush (*target);
  *target = file;
  guarded[slot].file = file;
  guarded[slot].stream = s;
}

void
dc_term_safe_begin (void)
{
  guard (&stdout, STDOUT_FILENO, _IOLBF, 0);
  guard (&stderr, STDERR_FILENO, _IONBF, 1);
  if (guarded[0].file || guarded[1].file)
    atexit (release_guarded);
}
