/* A register copied whole into another place, on either engine: a file into
 * a PostgreSQL database (moving a register onto a server), a server's
 * register into a file, a file into a file. Every table row by row with its
 * ids, the history verbatim (so its hashes, actors and times stay what they
 * were), in one transaction on the destination, which is then verified. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 rows;          /* rows copied, every table */
  gint64 entries;       /* history entries verified in the copy */
  gint64 entities;      /* records that match their last snapshot there */
  char *head_hash;      /* the copy's newest history hash (the source's) */
} DcCopyReport;

void dc_copy_report_clear (DcCopyReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcCopyReport, dc_copy_report_clear)

/* Copies the register SOURCE (read only) to DESTINATION: a file that does not
 * exist yet (written under a temporary name, mode 0600, renamed when the copy
 * verified), or the address of an empty PostgreSQL database (or one holding
 * a register with nothing in it; the login must own the database: only the
 * owner may write history rows). Users of a server are not copied: logins
 * belong to a server. DC_ERROR_INVALID when DESTINATION exists or holds data;
 * DC_ERROR_TAMPERED when the copy does not verify; nothing is left at
 * DESTINATION on failure but the empty schema a server database got. */
gboolean dc_copy (DcStore *source, const char *destination, DcCopyReport *report, GError **error);

/* The copy itself, into the register at PATH as it is: a server's empty
 * database, or a file that is new or empty (a temporary name the caller
 * renames: dc_copy, a backup). Verified; PATH is not removed on failure. */
gboolean dc_copy_into (DcStore *source, const char *path, DcCopyReport *report, GError **error);

G_END_DECLS
