/* Shared bits of the libFuzzer harnesses: quiet GLib, and files in memory
 * for readers that take a path (memfd, seen as /proc/self/fd/N). */
#pragma once
#define _GNU_SOURCE
#include <glib.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

static void
fuzz_quiet (const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
}

static inline void
fuzz_init (void)
{
  static gboolean done;
  if (!done) {
    g_log_set_default_handler (fuzz_quiet, NULL);
    done = TRUE;
  }
}

/* A path whose content is DATA; close *FD when done. */
static inline char *
fuzz_memfile (const uint8_t *data, size_t size, int *fd)
{
  *fd = memfd_create ("fuzz", 0);
  if (*fd < 0)
    return NULL;
  for (size_t off = 0; off < size;) {
    ssize_t n = write (*fd, data + off, size - off);
    if (n <= 0)
      break;
    off += n;
  }
  return g_strdup_printf ("/proc/self/fd/%d", *fd);
}
