/* staff: the staff roster (職員名簿) from the personnel section's list. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "cmd-record.h"
#include "import-report.h"

static int
run_import (int argc, char **argv)
{
  g_auto (DcCliImportSource) source = { 0 };
  g_autofree char *date = NULL;
  gboolean retire_absent = FALSE;
  const GOptionEntry more[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("The roster's date: when a status change without a date of its own took effect (default: today)"), "DATE" },
    { "retire-absent", 0, 0, G_OPTION_ARG_NONE, &retire_absent, N_ ("Persons present in the register but not in the roster retire on --date"), NULL },
  };
  g_autoptr (GArray) entries = dc_cli_import_source_options (dc_cli_option_entries (), &source, NULL);
  g_array_append_vals (entries, more, G_N_ELEMENTS (more));
  if (!dc_cli_command_line (&argc, &argv, "FILE",
                            N_ ("Imports the staff roster (職員名簿) from xlsx or CSV: employee number (leading zeros kept), "
                            "name, section, employment, status (在職, 異動, 出向, 休職, 退職) and its date. Known "
                            "persons are updated and every change is recorded in the history; the whole file is "
                            "imported in one transaction, or nothing."),
                            (GOptionEntry *) (void *) entries->data, TRUE, 2, _ ("give one file")))
    return DC_EXIT_USAGE;

  GError *error = NULL;
  source.fields = dc_staff_import_header_synonyms;
  int status = dc_cli_import_source_defaults (&source, argv[0]);
  if (status != DC_EXIT_OK)
    return status;
  if (!dc_cli_import_source_read (&source, &error))
    return dc_cli_fail (error);
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  DcStaffImportOptions options = { dc_cli_import_source (&source), source.dry_run, date, retire_absent };
  g_auto (DcStaffImportReport) report;
  gboolean ok = dc_staff_import (store, argv[1], &options, &report, &error);
  /* The names are JSON members and, with context "count", words of the summary line. */
  const DcCliCount counts[] = { { NC_ ("count", "added"), report.added }, { NC_ ("count", "updated"), report.updated },
                                { NC_ ("count", "unchanged"), report.unchanged },
                                { NC_ ("count", "retired"), report.retired } };
  const DcCliList lists[] = {
    { "notes", _ ("read differently from what the cells show:"), report.notes },
    { "skipped_rows", _ ("rows passed over (totals and notes, not data):"), report.skipped_rows },
    { "defaults", _ ("empty cells filled with a default:"), report.defaults },
    { "absent", retire_absent ? _ ("not in the roster (retired):")
                              : _ ("in the register as present but not in the roster "
                                   "(give --retire-absent to retire them):"), report.absent },
  };
  DcCliImportReport out = { argv[1], report.sheet, report.encoding, report.header_row, source.dry_run, !ok,
                            counts, G_N_ELEMENTS (counts), report.ignored, report.items,
                            lists, G_N_ELEMENTS (lists), report.problems };
  dc_cli_print_import_report (&out);
  return ok ? DC_EXIT_OK : dc_cli_fail (error);
}

int
dc_cmd_staff (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "import", N_ ("the staff roster (職員名簿) from an Excel or CSV file"), run_import },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
