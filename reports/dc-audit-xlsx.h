/* The workbooks of the auditor's package that have no writer of their own:
 * ID管理簿 (one sheet per system), ID棚卸結果 (runs, findings with their
 * decisions, sign-offs), 見直し記録 (campaigns, decisions per asset, returned
 * workbooks) and 変更履歴 (the history with actor and time). All are read
 * from the audit state (dc-audit-state), so --as-of and the filters apply. */
#pragma once
#include "daicho.h"

G_BEGIN_DECLS

typedef struct {
  const char *organisation;   /* page header ("" for none) */
  const char *handling_mark;  /* page header: the register's details are confidential */
  const char *date;           /* 基準日 */
  const char *history_from;   /* UTC: history from this time on (NULL: from the start) */
  const char *history_to;     /* UTC: history before this time (NULL: to the end) */
  gboolean filtered;          /* history only of entities the filters kept */
} DcAuditBook;

typedef enum {
  DC_AUDIT_ID_REGISTER,   /* ID管理簿 */
  DC_AUDIT_STOCKTAKE,     /* ID棚卸結果 */
  DC_AUDIT_REVIEW,        /* 見直し記録 */
  DC_AUDIT_HISTORY,       /* 変更履歴 */
} DcAuditBookKind;

/* Writes the workbook KIND at PATH (through a temporary file, mode 0600).
 * *ROWS gets the rows written; a workbook with no rows is not written
 * (TRUE, *ROWS = 0): its data does not exist yet. */
gboolean dc_audit_xlsx_write (DcStore *store, DcAuditBookKind kind, const DcAuditBook *book,
                              const char *path, guint *rows, GError **error);

G_END_DECLS
