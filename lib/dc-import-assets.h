/* Importing assets from an office's own ledger (xlsx or CSV): headers found
 * by their usual names, every row checked, all problems listed, and the whole
 * file applied in one transaction or not at all. */
#pragma once
#include "import/dc-import-table.h"
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef enum {
  DC_IMPORT_NEW_ONLY,        /* an asset code already in the register is a conflict */
  DC_IMPORT_UPDATE,          /* existing assets are updated with the file's values */
  DC_IMPORT_SKIP_EXISTING    /* existing assets are left as they are */
} DcImportMode;

typedef struct {
  DcImportSource source;    /* the file's sheet, encoding and column map */
  DcImportMode mode;
  gboolean dry_run;         /* check and report, then change nothing */
} DcImportOptions;

typedef struct {
  char *sheet;              /* the sheet read (NULL for CSV) */
  char *encoding;           /* the CSV encoding read (NULL for xlsx) */
  guint header_row;
  GPtrArray *ignored;       /* headers of columns that name no field (char*) */
  GPtrArray *items;         /* DcImportItem* in file order */
  GPtrArray *problems;      /* one message per problem, each naming file, sheet, row, column */
  GPtrArray *skipped_rows;  /* rows of totals and notes passed over (dc_import_table_skipped) */
  guint added, updated, unchanged, skipped;
} DcImportAssetsReport;

void dc_import_assets_report_clear (DcImportAssetsReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcImportAssetsReport, dc_import_assets_report_clear)

/* The header words understood for each asset field (Japanese and English). */
extern const DcHeaderSynonyms dc_asset_header_synonyms[];

/* Imports PATH. On problems returns FALSE with every one in REPORT->problems
 * and an error (DC_ERROR_CONFLICT when they are all existing codes, else
 * DC_ERROR_INVALID); the register is unchanged. */
gboolean dc_import_assets (DcStore *store, const char *path, const DcImportOptions *options,
                           DcImportAssetsReport *report, GError **error);

G_END_DECLS
