#include "base/dc-temp.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define TEMP_MARK ".daicho-tmp."
#define RESTORE_TEST_PREFIX "daicho-restore-test"

static DcTempNotice notice_func;

void
dc_temp_set_notice (DcTempNotice notice)
{
  notice_func = notice;
}

static void
tell_removed (const char *path)
{
  if (!notice_func)
    return;
  g_autofree char *message = g_strdup_printf (
      _ ("removed a half-written file left by an interrupted run: %s"), path);
  notice_func (message);
}

/* "PID.XXXXXX" followed by nothing or by one of SUFFIXES: the PID, else 0. */
static pid_t
owner_pid (const char *tail, const char *const *suffixes)
{
  const char *p = tail;
  while (g_ascii_isdigit (*p))
    p++;
  if (p == tail || p - tail > 9 || *p != '.')
    return 0;
  const char *random = p + 1;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isalnum (random[i]))
      return 0;
  const char *rest = random + 6;
  gboolean known = *rest == '\0';
  for (const char *const *s = suffixes; !known && *s; s++)
    known = g_str_equal (rest, *s);
  return known ? (pid_t) g_ascii_strtoll (tail, NULL, 10) : 0;
}

static gboolean
pid_running (pid_t pid)
{
  return pid == getpid () || kill (pid, 0) == 0 || errno != ESRCH;
}

/* The owner of NAME when it is one of our temporary names, else 0. */
static pid_t
temp_owner (const char *name, gboolean *is_folder)
{
  static const char *const file_suffixes[] = { "-wal", "-shm", "-journal", NULL };
  static const char *const none[] = { NULL };
  *is_folder = FALSE;
  if (name[0] == '.') {
    const char *mark = strstr (name + 1, TEMP_MARK);
    /* The last mark: a NAME may hold the mark itself. */
    for (const char *next; mark && (next = strstr (mark + 1, TEMP_MARK));)
      mark = next;
    return mark && mark > name + 1 ? owner_pid (mark + strlen (TEMP_MARK), file_suffixes) : 0;
  }
  if (g_str_has_prefix (name, RESTORE_TEST_PREFIX ".")) {
    *is_folder = TRUE;
    return owner_pid (name + strlen (RESTORE_TEST_PREFIX "."), none);
  }
  return 0;
}

/* A restore test's folder holds the copy and SQLite's files beside it. */
static gboolean
remove_folder (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir))) {
    g_autofree char *inner = g_build_filename (path, name, NULL);
    if (!g_file_test (inner, G_FILE_TEST_IS_SYMLINK) && g_file_test (inner, G_FILE_TEST_IS_REGULAR))
      g_unlink (inner);
  }
  return g_rmdir (path) == 0;
}

void
dc_temp_clean (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  if (!dir)
    return;
  const char *name;
  while ((name = g_dir_read_name (dir))) {
    gboolean is_folder;
    pid_t pid = temp_owner (name, &is_folder);
    if (pid <= 0 || pid_running (pid))
      continue;
    g_autofree char *path = g_build_filename (folder, name, NULL);
    GStatBuf st;
    if (g_lstat (path, &st) != 0 || st.st_uid != getuid ())
      continue;
    if (is_folder ? S_ISDIR (st.st_mode) && remove_folder (path)
                  : S_ISREG (st.st_mode) && g_unlink (path) == 0)
      tell_removed (path);
  }
}

char *
dc_temp_create (const char *path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  dc_temp_clean (folder);
  g_autofree char *name = g_strdup_printf (".%s" TEMP_MARK "%ld.XXXXXX", base, (long) getpid ());
  char *temp = g_build_filename (folder, name, NULL);
  int fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_IO, _ ("%s: cannot write here: %s"), path,
                 g_strerror (errno));
    g_free (temp);
    return NULL;
  }
  close (fd);
  return temp;
}

char *
dc_temp_make_dir (const char *prefix, GError **error)
{
  dc_temp_clean (g_get_tmp_dir ());
  g_autofree char *name = g_strdup_printf ("%s.%ld.XXXXXX", prefix, (long) getpid ());
  return g_dir_make_tmp (name, error);
}
