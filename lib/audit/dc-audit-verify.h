/* audit verify DIR: checking an auditor's package (監査資料) against its
 * manifest, its schema and, given the database, the history it came from.
 * Verifying is reading: it lives with the other readers of the audit area. */
#pragma once
#include "store/dc-history.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray *problems;     /* char*: one line per problem */
  gint64 files;            /* files checked */
  gint64 seq;              /* the manifest's history entry */
  char *hash;
  gint64 newer;            /* with a database: entries after the package's */
  GPtrArray *changes;      /* with a database: DcHistoryEntry* of those, oldest first (the
                            * entry recording this package left out) */
} DcAuditVerifyReport;

void dc_audit_verify_report_clear (DcAuditVerifyReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcAuditVerifyReport, dc_audit_verify_report_clear)

/* Checks the package in DIR: every file against MANIFEST.sha256, no file
 * more, none missing that its format lists, register.xml valid against the
 * schema and tied to the same history entry as the manifest; with STORE (may
 * be NULL), that the database verifies (dc_history_verify), holds that entry
 * with that hash, recorded this very manifest when the package was made, and
 * that register.xml is byte for byte the one rebuilt from the history up to
 * that entry (the entities that differ are named). Problems go to REPORT (FALSE when any);
 * FALSE with ERROR when the package cannot be read at all. */
gboolean dc_audit_verify_package (const char *dir, DcStore *store, DcAuditVerifyReport *report,
                                  GError **error);

G_END_DECLS
