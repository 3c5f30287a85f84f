/* import: bringing an office's existing ledger into the register. */
#include "cli.h"
#include "commands.h"
#include "json.h"

#include <stdio.h>

static void
print_report (const DcImportReport *report, const char *path, gboolean dry_run)
{
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    dc_json_member (&json, "file", path);
    dc_json_member (&json, "sheet", report->sheet);
    dc_json_member (&json, "encoding", report->encoding);
    dc_json_key (&json, "header_row");
    dc_json_int (&json, report->header_row);
    dc_json_key (&json, "dry_run");
    dc_json_bool (&json, dry_run);
    const char *names[] = { "added", "updated", "unchanged", "skipped" };
    const guint counts[] = { report->added, report->updated, report->unchanged, report->skipped };
    for (gsize i = 0; i < G_N_ELEMENTS (names); i++) {
      dc_json_key (&json, names[i]);
      dc_json_int (&json, counts[i]);
    }
    dc_json_key (&json, "ignored_columns");
    dc_json_begin_array (&json);
    for (guint i = 0; report->ignored && i < report->ignored->len; i++)
      dc_json_string (&json, g_ptr_array_index (report->ignored, i));
    dc_json_end_array (&json);
    dc_json_key (&json, "rows");
    dc_json_begin_array (&json);
    for (guint i = 0; report->items && i < report->items->len; i++) {
      const DcImportItem *item = g_ptr_array_index (report->items, i);
      dc_json_begin_object (&json);
      dc_json_key (&json, "row");
      dc_json_int (&json, item->row);
      dc_json_member (&json, "code", item->code);
      dc_json_member (&json, "action", item->action);
      dc_json_member (&json, "changes", item->changes);
      dc_json_end_object (&json);
    }
    dc_json_end_array (&json);
    dc_json_key (&json, "problems");
    dc_json_begin_array (&json);
    for (guint i = 0; report->problems && i < report->problems->len; i++)
      dc_json_string (&json, g_ptr_array_index (report->problems, i));
    dc_json_end_array (&json);
    dc_json_end_object (&json);
    dc_json_print (&json);
    return;
  }
  for (guint i = 0; report->problems && i < report->problems->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (report->problems, i));
  if (!report->items)
    return;
  for (guint i = 0; dry_run && i < report->items->len; i++) {
    const DcImportItem *item = g_ptr_array_index (report->items, i);
    printf ("row %u  %-9s %s  %s\n", item->row, item->action, item->code, item->changes);
  }
  if (report->ignored && report->ignored->len) {
    printf ("columns not imported:");
    for (guint i = 0; i < report->ignored->len; i++)
      printf (" %s", (const char *) g_ptr_array_index (report->ignored, i));
    putchar ('\n');
  }
  if (!report->problems || report->problems->len == 0)
    printf ("%s %s (%s%s%sheader in row %u): %u added, %u updated, %u unchanged, %u skipped\n",
            dry_run ? "would import" : "imported", path, report->sheet ? "sheet " : "",
            report->sheet ? report->sheet : report->encoding ? report->encoding : "",
            ", ", report->header_row, report->added, report->updated, report->unchanged,
            report->skipped);
}

static int
run_assets (int argc, char **argv)
{
  g_autofree char *sheet = NULL;
  g_autofree char *map_path = NULL;
  g_autofree char *encoding = NULL;
  gboolean dry_run = FALSE, update = FALSE, skip = FALSE;
  GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, "The sheet to read (default: the first)", "NAME" },
    { "map", 0, 0, G_OPTION_ARG_FILENAME, &map_path, "A mapping file: [columns] field = header", "MAP.ini" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, "CSV encoding: utf-8, cp932, utf-16 (default: detected)", "ENCODING" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, "Check and show what would change; change nothing", NULL },
    { "update", 0, 0, G_OPTION_ARG_NONE, &update, "Update assets whose code is already in the register", NULL },
    { "skip-existing", 0, 0, G_OPTION_ARG_NONE, &skip, "Leave assets whose code is already in the register", NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "FILE",
                            "Imports assets from an Excel ledger (.xlsx) or a CSV. Headers are found below "
                            "title rows by their usual names; every row is checked and every problem listed with its "
                            "sheet, row and column; the whole file is imported in one transaction, or nothing.",
                            entries, TRUE, 2, "give one file"))
    return DC_EXIT_USAGE;
  if (update && skip)
    return dc_cli_usage (argv[0], "--update and --skip-existing exclude each other");

  GError *error = NULL;
  g_autoptr (GHashTable) map = map_path ? dc_header_read_map (map_path, &error) : NULL;
  if (map_path && !map)
    return dc_cli_fail (error);
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  DcImportOptions options = { sheet, encoding, map,
                              update ? DC_IMPORT_UPDATE : skip ? DC_IMPORT_SKIP_EXISTING : DC_IMPORT_NEW_ONLY,
                              dry_run };
  g_auto (DcImportReport) report;
  gboolean ok = dc_import_assets (store, argv[1], &options, &report, &error);
  print_report (&report, argv[1], dry_run);
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
