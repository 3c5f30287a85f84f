/* The auditor's package (監査資料): a directory of the register's workbooks,
 * register.xml, 説明.txt and MANIFEST.sha256, written into a temporary
 * directory beside the target and renamed into place only when complete. */
#pragma once
#include "daicho.h"

G_BEGIN_DECLS

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

G_END_DECLS
