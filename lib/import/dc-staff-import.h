/* `staff import`: the personnel section's roster (職員名簿) read through
 * dc-import-table into the staff of lib/model/dc-staff, all or nothing. */
#pragma once
#include "import/dc-import-table.h"
#include "model/dc-staff.h"

G_BEGIN_DECLS

typedef struct {
  DcImportSource source;
  gboolean dry_run;
  const char *date;           /* effective date of status changes without one; NULL: today */
  gboolean retire_absent;     /* persons not in the file retire on DATE */
} DcStaffImportOptions;

typedef struct {
  char *sheet;                /* the sheet read (NULL for CSV) */
  char *encoding;             /* the CSV encoding (NULL for xlsx) */
  guint header_row;
  GPtrArray *ignored;         /* headers of columns that name no field */
  GPtrArray *items;           /* DcImportItem*: add, update, unchanged, retire */
  GPtrArray *absent;          /* "employee_no name" of active persons not in the file */
  GPtrArray *notes;           /* what was read differently from what the cell shows */
  GPtrArray *problems;        /* one per problem, naming file, sheet, row and column */
  GPtrArray *skipped_rows;    /* rows of totals and notes passed over */
  GPtrArray *defaults;        /* per field, how many rows took --default (char*) */
  guint added, updated, unchanged, retired;
} DcStaffImportReport;

void dc_staff_import_report_clear (DcStaffImportReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcStaffImportReport, dc_staff_import_report_clear)

extern const DcHeaderSynonyms dc_staff_import_header_synonyms[];

/* Imports a roster: new persons are added, known ones (by employee number)
 * updated, each change one history entry, the whole file in one transaction
 * or not at all (FALSE with every problem in REPORT). */
gboolean dc_staff_import (DcStore *store, const char *path, const DcStaffImportOptions *options,
                          DcStaffImportReport *report, GError **error);

G_END_DECLS
