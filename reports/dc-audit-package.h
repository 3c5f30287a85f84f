/* The auditor's package (監査資料): a directory of the register's workbooks,
 * register.xml, 説明.txt and MANIFEST.sha256, written into a temporary
 * directory beside the target and renamed into place only when complete. */
#pragma once
#include "daicho.h"

G_BEGIN_DECLS

#define DC_AUDIT_PACKAGE_FORMAT "daicho-audit-package 1"
/* The history's entity of a package made (action "export", key the SHA-256 of
 * its MANIFEST.sha256); it has no table: the history is its record. */
#define DC_AUDIT_PACKAGE_ENTITY "audit_package"

typedef struct {
  const char *dir;         /* the package directory */
  const char *as_of;       /* NULL: the register now */
  DcAuditFilter filter;
  gboolean force;          /* replace a directory that is not empty */
} DcAuditExportOptions;

typedef struct {
  GPtrArray *files;        /* char*: the files written, in manifest order */
  GPtrArray *left_out;     /* char*: "FILE: why" for parts left out */
  gint64 seq;              /* the last history entry the package covers */
  char *hash;
} DcAuditExportReport;

void dc_audit_export_report_clear (DcAuditExportReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcAuditExportReport, dc_audit_export_report_clear)

/* Writes the package. A DIR that exists and is not empty is refused
 * (DC_ERROR_CONFLICT) unless FORCE. With AS_OF the store is rewound (and
 * stays so). When the package is complete, one history entry (its own
 * transaction) records the manifest's SHA-256 and the cut-off (last entry,
 * as-of, filters) before the package is put in place. */
gboolean dc_audit_export (DcStore *store, const DcAuditExportOptions *options,
                          DcAuditExportReport *report, GError **error);

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
