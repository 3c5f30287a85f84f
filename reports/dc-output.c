#include "dc-output.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "base/dc-temp.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

static void
output_free (DcOutput *output)
{
  if (output->file)
    fclose (output->file);
  g_free (output->path);
  g_free (output->temp_path);
  g_free (output);
}

DcOutput *
dc_output_begin (const char *path, gboolean open_file, GError **error)
{
  DcOutput *output = g_new0 (DcOutput, 1);
  output->path = g_strdup (path);
  output->temp_path = dc_temp_create (path, error);
  if (!output->temp_path) {
    output_free (output);
    return NULL;
  }
  if (open_file && !(output->file = fopen (output->temp_path, "wbe"))) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: cannot write here: %s"), path,
                 g_strerror (errno));
    g_unlink (output->temp_path);
    output_free (output);
    return NULL;
  }
  return output;
}

gboolean
dc_output_commit (DcOutput *output, GError **error)
{
  gboolean ok = TRUE;
  if (output->file) {
    ok = fflush (output->file) == 0 && fsync (fileno (output->file)) == 0;
    ok = (fclose (output->file) == 0) && ok;
    output->file = NULL;
  } else {  /* written by a library under its name: sync it before it replaces anything */
    int fd = open (output->temp_path, O_RDONLY | O_CLOEXEC);
    ok = fd >= 0 && fsync (fd) == 0;
    if (fd >= 0)
      close (fd);
  }
  if (ok && g_rename (output->temp_path, output->path) != 0)
    ok = FALSE;
  if (!ok) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: could not be written: %s"),
                 output->path, g_strerror (errno));
    g_unlink (output->temp_path);
  }
  output_free (output);
  return ok;
}

void
dc_output_abort (DcOutput *output)
{
  if (!output)
    return;
  if (output->file) {
    fclose (output->file);
    output->file = NULL;
  }
  g_unlink (output->temp_path);
  output_free (output);
}
