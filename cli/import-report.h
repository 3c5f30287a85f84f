/* What an import did (or, with --dry-run, would do), printed the same way
 * for assets, staff and ID registers: as text or as --json. */
#pragma once
#include "cli.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;      /* "added", "updated", ... */
  guint count;
} DcCliCount;

typedef struct {
  const char *name;      /* JSON member and text heading: "absent", "notes" */
  const char *heading;   /* text mode: the line before the list */
  GPtrArray *lines;      /* char* */
} DcCliList;

typedef struct {
  const char *path;
  const char *sheet;     /* NULL for CSV */
  const char *encoding;  /* NULL for xlsx */
  guint header_row;
  gboolean dry_run;
  gboolean refused;      /* nothing was imported: only the problems are told */
  const DcCliCount *counts;
  guint n_counts;
  GPtrArray *ignored;    /* headers of columns not imported */
  GPtrArray *items;      /* DcImportItem* */
  const DcCliList *lists;
  guint n_lists;
  GPtrArray *problems;
} DcCliImportReport;

void dc_cli_print_import_report (const DcCliImportReport *report);

/* The report of an import of assets or IDs (added, updated, unchanged, skipped);
 * REFUSED when the import failed and nothing was imported. */
void dc_cli_print_import (const DcImportAssetsReport *report, const char *path, gboolean dry_run, gboolean refused);

/* The options every import takes: --sheet, --map, --encoding, --dry-run; and
 * those of imports of keyed records: --update, --skip-existing. */
typedef struct {
  char *sheet;
  char *map_path;
  char *encoding;
  gboolean dry_run;
  gboolean update;
  gboolean skip;
  GHashTable *map;     /* read by dc_cli_import_source_read */
} DcCliImportSource;

void     dc_cli_import_source_clear (DcCliImportSource *source);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcCliImportSource, dc_cli_import_source_clear)
/* Appends the options to ENTRIES (a zero-terminated GOptionEntry array);
 * with MODES, --update and --skip-existing of records (what they are, e.g. "logins"). */
GArray  *dc_cli_import_source_options (GArray *entries, DcCliImportSource *source,
                                       const char *modes);
/* Reads the mapping file, if one was given. */
gboolean dc_cli_import_source_read (DcCliImportSource *source, GError **error);
/* Checks the modes (exit code 2 into *STATUS when both are given) and gives
 * the options of a keyed import. */
gboolean dc_cli_import_options (const DcCliImportSource *source, const char *command,
                                DcImportOptions *options, int *status);
/* The source as the library takes it. */
DcImportSource dc_cli_import_source (const DcCliImportSource *source);

/* Runs an import of keyed records (assets, logins) from the parsed command
 * line: reads the mapping file, checks the modes, opens the register, calls
 * IMPORT and prints its report. Gives the exit code. */
typedef gboolean (*DcCliKeyedImport) (DcStore *store, const char *path, const DcImportOptions *options,
                                      DcImportAssetsReport *report, gpointer data, GError **error);
int dc_cli_run_keyed_import (DcCliImportSource *source, const char *command, const char *path,
                             DcCliKeyedImport import, gpointer data);

G_END_DECLS
