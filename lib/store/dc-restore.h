/* restore: a backup put in place of the register, checked as a backup is,
 * with the ledger carried over and the replaced register kept as .bak; and
 * the yearly restore test. */
#pragma once
#include "store/dc-backup.h"

G_BEGIN_DECLS

/* What a restore replaced. */
typedef struct {
  char *backup_of_replaced;   /* REGISTER.bak, or NULL when there was no register */
  gint64 replaced_history_seq;
  char *replaced_history_hash;
  gint64 ledger_carried;      /* ledger lines carried over from the replaced register */
} DcRestoreResult;

void dc_restore_result_clear (DcRestoreResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcRestoreResult, dc_restore_result_clear)

/* Puts the register file FILE in place of the register TARGET: a checked copy
 * (dc_backup_open_checked_copy) beside TARGET, the backup ledger lines of the
 * replaced register that FILE lacks carried over, one "restore" history entry
 * naming what was replaced, then TARGET kept as TARGET.bak (mode 0600) and the
 * copy renamed to TARGET. An existing TARGET.bak, or a TARGET that cannot be
 * opened as a register, is replaced only with FORCE (else DC_ERROR_CONFLICT).
 * Nobody else may be using TARGET meanwhile. A TARGET that is a symbolic
 * link is followed (dc_file_resolve_links): the file it names is replaced,
 * the link stays. */
gboolean dc_restore (const char *file, const char *target, const char *actor, gboolean force,
                     DcRegisterFile *info, DcRestoreResult *result, GError **error);

/* The yearly restore test: FILE restored into a temporary folder and checked
 * as a restore checks it, then removed. Nothing else is touched. */
gboolean dc_restore_test (const char *file, DcRegisterFile *info, GError **error);

G_END_DECLS
