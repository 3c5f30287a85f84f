/* import: bringing an office's existing ledger into the register. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "cmd-record.h"
#include "import-report.h"

#include <stdio.h>

static gboolean
import_assets (DcStore *store, const char *path, const DcImportOptions *options, DcImportAssetsReport *report,
               G_GNUC_UNUSED gpointer data, GError **error)
{
  return dc_import_assets (store, path, options, report, error);
}

static int
run_assets (int argc, char **argv)
{
  g_auto (DcCliImportSource) source = { 0 };
  g_autoptr (GArray) entries = dc_cli_import_source_options (dc_cli_option_entries (), &source, N_ ("assets"));
  if (!dc_cli_command_line (&argc, &argv, "FILE",
                            N_ ("Imports assets from an Excel ledger (.xlsx) or a CSV. Headers are found below "
                            "title rows by their usual names; every row is checked and every problem listed with its "
                            "sheet, row and column; the whole file is imported in one transaction, or nothing."),
                            (GOptionEntry *) (void *) entries->data, TRUE, 2, _ ("give one file")))
    return DC_EXIT_USAGE;
  return dc_cli_run_keyed_import (&source, argv[0], argv[1], import_assets, NULL);
}

int
dc_cmd_import (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "assets", N_ ("assets from an Excel ledger or a CSV"), run_assets },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
