/* Progress of long work: one process-wide handler (see dc-progress.h). */
#include "base/dc-progress.h"

static DcProgressFunc progress_func;

void
dc_progress_set_handler (DcProgressFunc func)
{
  progress_func = func;
}

void
dc_progress_update (const char *what, guint64 done, guint64 total)
{
  if (progress_func)
    progress_func (what, done, total);
}

void
dc_progress_done (void)
{
  if (progress_func)
    progress_func (NULL, 0, 0);
}
