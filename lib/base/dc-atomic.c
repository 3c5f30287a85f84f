#include "base/dc-atomic.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "base/dc-temp.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

static void
atomic_free (DcAtomic *atomic)
{
  if (atomic->file)
    fclose (atomic->file);
  g_free (atomic->path);
  g_free (atomic->temp_path);
  g_free (atomic);
}

DcAtomic *
dc_atomic_begin (const char *path, gboolean open_file, GError **error)
{
  DcAtomic *atomic = g_new0 (DcAtomic, 1);
  atomic->path = g_strdup (path);
  atomic->temp_path = dc_temp_create (path, error);
  if (!atomic->temp_path) {
    atomic_free (atomic);
    return NULL;
  }
  if (open_file && !(atomic->file = fopen (atomic->temp_path, "wbe"))) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: cannot write here: %s"), path,
                 g_strerror (errno));
    g_unlink (atomic->temp_path);
    atomic_free (atomic);
    return NULL;
  }
  return atomic;
}

static gboolean
sync_path (const char *path, gboolean directory)
{
  int fd = open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  gboolean ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

gboolean
dc_atomic_rename (const char *temp, const char *path, GError **error)
{
  if (!sync_path (temp, FALSE) || g_rename (temp, path) != 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be written: %s"), path,
                 g_strerror (errno));
    return FALSE;
  }
  g_autofree char *folder = g_path_get_dirname (path);
  sync_path (folder, TRUE);
  return TRUE;
}

gboolean
dc_atomic_commit (DcAtomic *atomic, GError **error)
{
  gboolean ok = TRUE;
  if (atomic->file) {
    ok = fflush (atomic->file) == 0;
    ok = (fclose (atomic->file) == 0) && ok;
    atomic->file = NULL;
    if (!ok)
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be written: %s"),
                   atomic->path, g_strerror (errno));
  }
  ok = ok && dc_atomic_rename (atomic->temp_path, atomic->path, error);
  if (!ok)
    g_unlink (atomic->temp_path);
  atomic_free (atomic);
  return ok;
}

void
dc_atomic_abort (DcAtomic *atomic)
{
  if (!atomic)
    return;
  if (atomic->file) {
    fclose (atomic->file);
    atomic->file = NULL;
  }
  g_unlink (atomic->temp_path);
  atomic_free (atomic);
}
