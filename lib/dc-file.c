#include "base/dc-file.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* Refuses what ST describes unless it is a regular file. */
static gboolean
regular (const char *path, const struct stat *st, GError **error)
{
  const char *what;
  if (S_ISREG (st->st_mode))
    return TRUE;
  if (S_ISCHR (st->st_mode) || S_ISBLK (st->st_mode))
    what = _ ("a device");
  else if (S_ISFIFO (st->st_mode))
    what = _ ("a pipe");
  else if (S_ISDIR (st->st_mode))
    what = _ ("a directory");
  else
    what = _ ("a socket or another special file");
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
               _ ("%s: is %s, not a file; daicho reads only files (save the data to a file and give that)"),
               path, what);
  return FALSE;
}

static gboolean
unreadable (const char *path, int errsv, GError **error)
{
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: cannot be read: %s"), path, g_strerror (errsv));
  return FALSE;
}

gboolean
dc_file_check_regular (const char *path, GError **error)
{
  GStatBuf st;
  if (g_stat (path, &st) != 0)
    return unreadable (path, errno, error);
  return regular (path, &st, error);
}

/* Opens PATH for reading if it is a regular file (without waiting for a
 * writer, should it be a pipe); -1 with ERROR set otherwise. */
static int
open_regular (const char *path, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    unreadable (path, errno, error);
    return -1;
  }
  struct stat st;
  if (fstat (fd, &st) != 0) {
    unreadable (path, errno, error);
    close (fd);
    return -1;
  }
  if (!regular (path, &st, error)) {
    close (fd);
    return -1;
  }
  return fd;
}

static gboolean
too_large (const char *path, GError **error)
{
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s: is larger than %u GiB; daicho reads no file this large"),
               path, (guint) (DC_FILE_MAX_READ >> 30));
  return FALSE;
}

gboolean
dc_file_read (const char *path, char **data, gsize *length, GError **error)
{
  int fd = open_regular (path, error);
  if (fd < 0)
    return FALSE;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  guint8 block[1 << 16];
  for (;;) {
    ssize_t n = read (fd, block, sizeof block);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int errsv = errno;
      close (fd);
      return unreadable (path, errsv, error);
    }
    if (n == 0)
      break;
    if (bytes->len + (gsize) n > DC_FILE_MAX_READ) {
      close (fd);
      return too_large (path, error);
    }
    g_byte_array_append (bytes, block, (guint) n);
  }
  close (fd);
  if (length)
    *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *data = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

char *
dc_file_sha256 (const char *path, GError **error)
{
  int fd = open_regular (path, error);
  if (fd < 0)
    return NULL;
  FILE *file = fdopen (fd, "rb");
  if (!file) {
    unreadable (path, errno, error);
    close (fd);
    return NULL;
  }
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar block[1 << 16];
  size_t n;
  while ((n = fread (block, 1, sizeof block, file)) > 0)
    g_checksum_update (sum, block, n);
  gboolean failed = ferror (file);
  fclose (file);
  if (failed) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be read to the end"), path);
    return NULL;
  }
  return g_strdup (g_checksum_get_string (sum));
}

char *
dc_file_resolve_links (const char *path)
{
  char *current = g_strdup (path);
  for (int i = 0; i < 40; i++) {
    g_autofree char *target = g_file_read_link (current, NULL);
    if (!target)
      break;
    if (!g_path_is_absolute (target)) {
      g_autofree char *folder = g_path_get_dirname (current);
      char *joined = g_build_filename (folder, target, NULL);
      g_free (target);
      target = joined;
    }
    g_free (current);
    current = g_steal_pointer (&target);
  }
  return current;
}
