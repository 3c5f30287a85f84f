/* export: the ledger workbook, CSV, and the asset list for import. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "dc-ledger-xlsx.h"
#include "dc-schedule-xlsx.h"

#include <stdio.h>

typedef struct {
  char *output, *format, *encoding, *lang, *section, *status, *as_of;
} ExportOptions;

static void
export_options_clear (ExportOptions *o)
{
  char **fields[] = { &o->output, &o->format, &o->encoding, &o->lang, &o->section, &o->status, &o->as_of };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    g_clear_pointer (fields[i], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

static GOptionEntry *
export_entries (ExportOptions *o, gboolean ledger)
{
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output, N_ ("The file to write (replaced only when complete)"), "FILE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o->format, N_ ("xlsx or csv (default: from the file name, else xlsx)"), "FORMAT" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &o->encoding, N_ ("CSV: utf-8-bom (default, for Excel), utf-8 or cp932"), "ENCODING" },
    { "section", 0, 0, G_OPTION_ARG_STRING, &o->section, N_ ("Only this section and the sections below it"), "SECTION" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &o->status, N_ ("Only assets in this status: active, retired, disposed"), "STATUS" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &o->as_of, N_ ("The register as it stood at the end of this date, from history"), "DATE" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &o->lang, N_ ("Headers and names: ja (default) or en"), "LANG" },
    { NULL }
  };
  if (!ledger)
    entries[G_N_ELEMENTS (entries) - 2] = (GOptionEntry) { NULL };  /* assets: no --lang */
  return g_memdup2 (entries, sizeof entries);
}

static DcTableFormat
format_of (const ExportOptions *o)
{
  if (o->format)
    return g_ascii_strcasecmp (o->format, "csv") == 0 ? DC_TABLE_CSV : DC_TABLE_XLSX;
  return o->output && g_str_has_suffix (o->output, ".csv") ? DC_TABLE_CSV : DC_TABLE_XLSX;
}

/* Opens the register, rewound to --as-of when given; checks the options. */
static DcStore *
open_for_export (const char *command, ExportOptions *o, int *status)
{
  if (o->format && g_ascii_strcasecmp (o->format, "csv") && g_ascii_strcasecmp (o->format, "xlsx")) {
    *status = dc_cli_usage (command, _ ("--format must be xlsx or csv"));
    return NULL;
  }
  if (o->lang && g_strcmp0 (o->lang, "ja") && g_strcmp0 (o->lang, "en")) {
    *status = dc_cli_usage (command, _ ("--lang must be ja or en"));
    return NULL;
  }
  if (o->encoding && format_of (o) != DC_TABLE_CSV) {
    *status = dc_cli_usage (command, _ ("--encoding applies to CSV only"));
    return NULL;
  }
  GError *error = NULL;
  DcStore *store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (store && o->as_of && !dc_asof_rewind (store, o->as_of, &error))
    g_clear_pointer (&store, dc_store_free);
  if (!store)
    *status = dc_cli_fail (error);
  return store;
}

static int
run_ledger (int argc, char **argv)
{
  g_auto (ExportOptions) o = { 0 };
  g_autofree GOptionEntry *entries = export_entries (&o, TRUE);
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Writes the register as the ledger an office prints and files (情報資産台帳): sheets 全体, "
                            "one per section and 集計, A4 landscape; or as CSV."),
                            entries, FALSE, 1, _ ("export ledger takes options only")))
    return DC_EXIT_USAGE;
  int status = DC_EXIT_OK;
  g_autoptr (DcStore) store = open_for_export (argv[0], &o, &status);
  if (!store)
    return status;
  DcTableFormat format = format_of (&o);
  const char *path = o.output ? o.output : format == DC_TABLE_CSV ? "情報資産台帳.csv" : "情報資産台帳.xlsx";
  g_autofree char *today = dc_date_today ();
  GError *error = NULL;
  g_autoptr (DcLedger) ledger = dc_ledger_new (store, dc_store_as_of (store) ? dc_store_as_of (store) : today,
                                               g_strcmp0 (o.lang, "en") == 0, &error);
  DcLedgerFilter filter = { o.section, o.status, NULL };
  gboolean ok = ledger && (format == DC_TABLE_CSV
                             ? dc_ledger_write_csv (ledger, &filter, path, o.encoding, &error)
                             : dc_ledger_write_xlsx (ledger, &filter, path, &error));
  if (!ok)
    return dc_cli_fail (error);
  printf (_ ("wrote %s (as of %s)\n"), path, dc_ledger_date (ledger));
  return DC_EXIT_OK;
}

static int
run_assets (int argc, char **argv)
{
  g_auto (ExportOptions) o = { 0 };
  g_autofree GOptionEntry *entries = export_entries (&o, FALSE);
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Writes every field of the assets, with codes, in the form `daicho import assets` reads "
                            "back: exporting and importing changes nothing."),
                            entries, FALSE, 1, _ ("export assets takes options only")))
    return DC_EXIT_USAGE;
  if (!o.output)
    return dc_cli_usage (argv[0], _ ("-o FILE is required"));
  int status = DC_EXIT_OK;
  g_autoptr (DcStore) store = open_for_export (argv[0], &o, &status);
  if (!store)
    return status;
  GError *error = NULL;
  DcLedgerFilter filter = { o.section, o.status, NULL };
  if (!dc_assets_write (store, &filter, o.output, format_of (&o), o.encoding, &error))
    return dc_cli_fail (error);
  printf (_ ("wrote %s\n"), o.output);
  return DC_EXIT_OK;
}

static int
run_schedule (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *fy_text = NULL;
  int fy = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The workbook to write (default: 年間計画.xlsx)"), "FILE" },
    { "fy", 0, 0, G_OPTION_ARG_STRING, &fy_text, N_ ("The fiscal year (default: this one)"), "YEAR" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Writes the fiscal year's plan of periodic duties by month (年間計画): what is planned, "
                            "due, done and missed for each duty and target, with the post and who holds it."),
                            entries, FALSE, 1, _ ("export schedule takes options only")))
    return DC_EXIT_USAGE;
  if (!dc_cli_fiscal_year (argv[0], fy_text, &fy))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  g_autofree char *today = dc_date_today ();
  const char *path = output ? output : "年間計画.xlsx";
  if (!store || !dc_schedule_xlsx_write (store, fy ? fy : dc_date_fiscal_year (today), path, &error))
    return dc_cli_fail (error);
  printf (_ ("wrote %s\n"), path);
  return DC_EXIT_OK;
}

int
dc_cmd_export (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "ledger", N_ ("the ledger workbook (or CSV) to print, file and hand to auditors"), run_ledger },
    { "assets", N_ ("every asset field in the form import reads back"), run_assets },
    { "schedule", N_ ("the fiscal year's plan of periodic duties by month (年間計画)"), run_schedule },
    { "risk", N_ ("the risk workbook: risk sheet, heat map, treatment plan"), dc_cmd_export_risk },  /* in cmd-risk.c, beside the risk commands */
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
