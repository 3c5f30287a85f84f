/* The files of the auditor's package (監査資料): their names and what each
 * is (for 説明.txt). The writer (reports/dc-audit-package) and the check
 * (dc-audit-verify) both work from this list. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* The format line of a package's manifest. */
#define DC_AUDIT_FILES_FORMAT "daicho-audit-package 1"
/* The history's entity of a package made (action "export", key the SHA-256 of
 * its MANIFEST.sha256); it has no table: the history is its record. */
#define DC_AUDIT_FILES_ENTITY "audit_package"
#define DC_AUDIT_FILES_REGISTER_XML "register.xml"
#define DC_AUDIT_FILES_README "説明.txt"

typedef struct {
  const char *file;  /* its name in the package */
  const char *text;  /* what it is, in Japanese, for 説明.txt */
} DcAuditFile;

extern const DcAuditFile dc_audit_files[];
extern const gsize dc_audit_files_count;

/* What FILE is ("" for a file the list does not name). */
const char *dc_audit_files_explanation (const char *file);

G_END_DECLS
