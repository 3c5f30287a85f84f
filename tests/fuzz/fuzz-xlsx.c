/* The XML parts of an xlsx (see xlsx-parts.h) through the table reader. */
#include "xlsx-parts.h"
#include "table-walk.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_init ();
  int fd;
  char *path = fuzz_xlsx_from_parts (data, size, FUZZ_WORKBOOK ("S"), &fd);
  if (!path)
    return 0;
  fuzz_walk_table (path, NULL);
  close (fd);
  g_free (path);
  return 0;
}
