/* import: bringing an office's existing ledger into the register. */
#include "cli.h"
#include "commands.h"
#include "cmd-record.h"
#include "import-report.h"

#include <stdio.h>

static int
run_assets (int argc, char **argv)
{
  g_auto (DcCliImportSource) source = { 0 };
  g_autoptr (GArray) entries = dc_cli_import_source_options (dc_cli_option_entries (), &source, "assets");
  if (!dc_cli_command_line (&argc, &argv, "FILE",
                            "Imports assets from an Excel ledger (.xlsx) or a CSV. Headers are found below "
                            "title rows by their usual names; every row is checked and every problem listed with its "
                            "sheet, row and column; the whole file is imported in one transaction, or nothing.",
                            (GOptionEntry *) (void *) entries->data, TRUE, 2, "give one file"))
    return DC_EXIT_USAGE;
  int status = DC_EXIT_OK;
  DcImportOptions options;
  GError *error = NULL;
  if (!dc_cli_import_source_read (&source, &error))
    return dc_cli_fail (error);
  if (!dc_cli_import_options (&source, argv[0], &options, &status))
    return status;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  g_auto (DcImportReport) report;
  gboolean ok = dc_import_assets (store, argv[1], &options, &report, &error);
  dc_cli_print_import (&report, argv[1], source.dry_run);
  return ok ? DC_EXIT_OK : dc_cli_fail (error);
}

int
dc_cmd_import (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "assets", "assets from an Excel ledger or a CSV", run_assets },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
