/* The review workbook a section chief fills in (見直し票): 説明 (how to fill
 * it in, and the classification scheme), 見直し (one row per asset: current
 * values locked, decision and corrected values in dropdowns, a hidden key of
 * asset code and version, rows for new assets) and a hidden list sheet the
 * dropdowns draw on. */
#pragma once
#include "review/dc-review.h"

G_BEGIN_DECLS

typedef struct {
  char *path;
  char *section;
  char *section_name;
  guint rows;           /* assets listed */
} DcReviewWorkbook;

void       dc_review_workbook_free (DcReviewWorkbook *workbook);

/* Writes the workbook of SECTION (a code) for FISCAL_YEAR at PATH (through a
 * temporary file, mode 0600), with NEW_ROWS rows for new assets. *ROWS (may
 * be NULL) gets the number of assets listed. */
gboolean   dc_review_xlsx_write (DcStore *store, int fiscal_year, const char *section,
                                 const char *path, guint new_rows, guint *rows, GError **error);

/* One workbook per section with items in the open review of FISCAL_YEAR
 * (only SECTION and the sections below it, when given) into DIR, created when
 * missing: 情報資産見直し_2026年度_住宅課.xlsx. DcReviewWorkbook* in section order. */
GPtrArray *dc_review_export (DcStore *store, int fiscal_year, const char *section, const char *dir,
                             guint new_rows, GError **error);

G_END_DECLS
