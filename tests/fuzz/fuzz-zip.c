/* Whole xlsx files as bytes: the zip layer and everything behind it. */
#include "fuzz.h"
#include "table-walk.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_init ();
  int fd;
  char *path = fuzz_memfile (data, size, &fd);
  if (!path)
    return 0;
  fuzz_walk_table (path, NULL);
  close (fd);
  g_free (path);
  return 0;
}
