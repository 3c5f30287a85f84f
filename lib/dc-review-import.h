/* Taking back a section's review workbook (見直し票): every row checked (the
 * decision and dropdown values, levels, what 修正, 廃棄 and 移管 need, dates),
 * rows whose asset changed since the workbook was written refused as
 * conflicts, and the rest applied in one transaction with the reviewer named
 * in the workbook as the actor of each change. The workbook itself (its name,
 * SHA-256, reviewer and counts) is recorded as a review_return. */
#pragma once
#include "review/dc-review.h"

G_BEGIN_DECLS

typedef struct {
  gboolean dry_run;   /* check and report, change nothing */
  gboolean partial;   /* apply the rows without problems, leave the others */
} DcReviewImportOptions;

typedef struct {
  guint row;          /* 1-based row of the sheet */
  char *code;         /* the asset (for a new asset, the code it got) */
  char *decision;     /* 変更なし, 修正, 廃棄, 移管, 新規 */
  char *state;        /* the item's state after it (unchanged, changed, ...) */
  char *reviewer;
  char *changes;      /* "機密性: 2 → 3; 備考: → 委託先変更" */
} DcReviewImportRow;

typedef struct {
  char *file;         /* the file's base name */
  char *sha256;
  int fiscal_year;
  char *section;
  char *section_name;
  char *reviewer;     /* 見直し実施者, else the rows' reviewers */
  char *reviewed_on;
  char *return_code;  /* "2026/jutaku/1": the record of this workbook */
  GPtrArray *rows;    /* DcReviewImportRow*: applied (or, in a dry run, to apply) */
  GPtrArray *problems;/* char*: each naming the file, sheet, row and column */
  guint conflicts;    /* problems that are conflicts: rows changed since the export, new rows taken */
  guint answered[DC_REVIEW_N_STATES];  /* rows by decision, [0] = rows left unanswered */
  guint refused;      /* rows left out under partial */
} DcReviewImportReport;

void     dc_review_import_report_clear (DcReviewImportReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcReviewImportReport, dc_review_import_report_clear)

/* Imports the workbook at PATH. Without PARTIAL, any problem refuses the whole
 * file: FALSE with every problem in REPORT and DC_ERROR_CONFLICT when they are
 * all conflicts (rows changed since the export, new rows already added from an
 * earlier return of the same workbook), else DC_ERROR_INVALID. With PARTIAL the
 * rows without problems are applied (TRUE; REFUSED counts the others,
 * CONFLICTS those of them that are conflicts). A file that is not a review
 * workbook, of a closed review, or already imported is refused as a whole.
 * A new asset's item keeps its row's key, so that row is never added twice. */
gboolean dc_review_import (DcStore *store, const char *path, const DcReviewImportOptions *options,
                           DcReviewImportReport *report, GError **error);

G_END_DECLS
