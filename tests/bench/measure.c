/* Runs one command and prints how long it took and how much memory it
 * used at most: "WALL_MS PEAK_RSS_KB". The time is the wall clock from
 * fork to exit (CLOCK_MONOTONIC); the peak resident set comes from the
 * child's rusage (wait4), the figure GNU time -v prints as "Maximum resident
 * set size". The command's stdout goes to OUT (default /dev/null), its
 * stderr to ERR (default inherited); a failing command fails measure.
 *
 *   measure [-o OUT] [-e ERR] -- COMMAND [ARG...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
redirect (const char *path, int fd)
{
  int file = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (file < 0 || dup2 (file, fd) < 0) {
    perror (path);
    _exit (127);
  }
  close (file);
}

int
main (int argc, char **argv)
{
  const char *out = "/dev/null", *err = NULL;
  int opt;
  while ((opt = getopt (argc, argv, "+o:e:")) != -1) {
    if (opt == 'o')
      out = optarg;
    else if (opt == 'e')
      err = optarg;
    else
      return 2;
  }
  if (optind < argc && strcmp (argv[optind], "--") == 0)
    optind++;
  if (optind >= argc) {
    fprintf (stderr, "usage: measure [-o OUT] [-e ERR] -- COMMAND [ARG...]\n");
    return 2;
  }

  double start = now_ms ();
  pid_t pid = fork ();
  if (pid < 0) {
    perror ("fork");
    return 1;
  }
  if (pid == 0) {
    redirect (out, STDOUT_FILENO);
    if (err)
      redirect (err, STDERR_FILENO);
    execvp (argv[optind], argv + optind);
    perror (argv[optind]);
    _exit (127);
  }
  int status;
  struct rusage usage;
  if (wait4 (pid, &status, 0, &usage) < 0) {
    perror ("wait4");
    return 1;
  }
  double elapsed = now_ms () - start;
  printf ("%.3f %ld\n", elapsed, usage.ru_maxrss);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0) {
    fprintf (stderr, "measure: %s %s %d\n", argv[optind],
             WIFEXITED (status) ? "exited with" : "was killed by signal",
             WIFEXITED (status) ? WEXITSTATUS (status) : WTERMSIG (status));
    return 1;
  }
  return 0;
}
