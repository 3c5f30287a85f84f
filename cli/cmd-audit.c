/* audit export and audit verify DIR: the auditor's package; records expiring. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "dc-audit-package.h"
#include "json.h"

#include <stdio.h>

int
dc_cmd_audit_export (int argc, char **argv)
{
  g_autofree char *output = NULL, *as_of = NULL, *section = NULL, *system = NULL;
  g_autofree char *fy_text = NULL;
  int fy = 0;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The package directory to create (made only when complete)"), "DIR" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_ ("The register as it stood at the end of this date, from history"), "DATE" },
    { "fy", 0, 0, G_OPTION_ARG_STRING, &fy_text, N_ ("Only this fiscal year's stocktakes, reviews, duties, risk runs and changes"), "YEAR" },
    { "section", 0, 0, G_OPTION_ARG_STRING, &section, N_ ("Only this section's assets (and those below it) and what concerns them"), "SECTION" },
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("Only this system's assets, IDs and stocktakes"), "SYSTEM" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_ ("Replace the audit package already in the directory (only a package: never a directory of other files, nor a symbolic link)"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Writes the auditor's package (監査資料) into a new directory: 情報資産台帳.xlsx, "
                            "リスク評価.xlsx, ID管理簿.xlsx, ID棚卸結果.xlsx, 見直し記録.xlsx, 変更履歴.xlsx, "
                            "register.xml, 説明.txt and MANIFEST.sha256 (mode 0700, files 0600)."),
                            entries, FALSE, 1, _ ("audit export takes options only")))
    return DC_EXIT_USAGE;
  if (!dc_cli_fiscal_year (argv[0], fy_text, &fy))
    return DC_EXIT_USAGE;
  if (!output)
    return dc_cli_usage (argv[0], _ ("-o DIR is required (the package directory)"));
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  DcAuditExportOptions options = { output, as_of, { section, system, fy }, force };
  g_auto (DcAuditExportReport) report = { 0 };
  if (!dc_audit_export (store, &options, &report, &error))
    return dc_cli_fail (error);
  printf (_ ("wrote %s: %u files, history up to entry %lld\n"), output, report.files->len + 1,
          (long long) report.seq);
  for (guint i = 0; i < report.files->len; i++)
    printf ("  %s\n", (const char *) g_ptr_array_index (report.files, i));
  printf ("  %s\n", DC_MANIFEST_NAME);
  for (guint i = 0; i < report.left_out->len; i++)
    printf (_ ("left out: %s\n"), (const char *) g_ptr_array_index (report.left_out, i));
  return DC_EXIT_OK;
}

int
dc_cmd_audit_verify_package (const char *dir)
{
  GError *error = NULL;
  g_autoptr (DcStore) store = NULL;
  if (dc_cli.db && !(store = dc_cli_open (DC_STORE_OPEN_READ, &error)))
    return dc_cli_fail (error);
  g_auto (DcAuditVerifyReport) report = { 0 };
  gboolean ok = dc_audit_verify_package (dir, store, &report, &error);
  if (!ok && error)
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    dc_json_key (&json, "intact");
    dc_json_bool (&json, ok);
    dc_json_key (&json, "files");
    dc_json_int (&json, report.files);
    dc_json_key (&json, "history_seq");
    dc_json_int (&json, report.seq);
    dc_json_member (&json, "history_hash", report.hash);
    dc_json_key (&json, "database_checked");
    dc_json_bool (&json, store != NULL);
    dc_json_key (&json, "newer_entries");
    dc_json_int (&json, report.newer);
    dc_json_key (&json, "changes_after");
    dc_json_begin_array (&json);
    for (guint i = 0; report.changes && i < report.changes->len; i++) {
      const DcHistoryEntry *c = g_ptr_array_index (report.changes, i);
      dc_json_begin_object (&json);
      dc_json_key (&json, "seq");
      dc_json_int (&json, c->seq);
      dc_json_member (&json, "at", c->at);
      dc_json_member (&json, "actor", c->actor);
      dc_json_member (&json, "action", c->action);
      dc_json_member (&json, "entity", c->entity);
      dc_json_member (&json, "key", c->entity_key);
      dc_json_end_object (&json);
    }
    dc_json_end_array (&json);
    dc_json_key (&json, "problems");
    dc_json_begin_array (&json);
    for (guint i = 0; i < report.problems->len; i++)
      dc_json_string (&json, g_ptr_array_index (report.problems, i));
    dc_json_end_array (&json);
    dc_json_end_object (&json);
    dc_json_print (&json);
  } else if (ok) {
    printf (_ ("intact: %lld files match %s; register.xml is valid; history up to entry %lld (%s)\n"),
            (long long) report.files, DC_MANIFEST_NAME, (long long) report.seq, report.hash);
    if (store)
      printf (_ ("the database holds that entry unchanged and verifies; %lld changes were made after the "
                 "package\n"), (long long) report.newer);
  }
  if (!dc_cli.json && report.changes && report.changes->len) {
    printf (_ ("changes after the package (entry, time UTC, who, action, entity, key):\n"));
    for (guint i = 0; i < report.changes->len; i++) {
      const DcHistoryEntry *c = g_ptr_array_index (report.changes, i);
      printf ("  %lld  %s  %s  %s  %s  %s\n", (long long) c->seq, c->at, c->actor, c->action, c->entity,
              c->entity_key);
    }
  }
  for (guint i = 0; i < report.problems->len; i++)
    fprintf (stderr, _ ("daicho: NOT INTACT: %s\n"), (const char *) g_ptr_array_index (report.problems, i));
  return ok ? DC_EXIT_OK : DC_EXIT_FINDINGS;
}

static int
run_expiring (int argc, char **argv)
{
  g_autofree char *as_of = NULL;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_ ("The date to judge on (default: today)"), "DATE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Lists the records past their retention period (DOMAIN.md §7): disposal records of "
                            "assets with personal information (5 years), ID stocktakes, closed reviews, duty "
                            "completions and risk runs (1 year after their fiscal year). Nothing is deleted. "
                            "Exit 1 when any."),
                            entries, TRUE, 1, _ ("records expiring takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autofree char *date = as_of ? dc_date_normalise (as_of, "--as-of", &error) : dc_date_today ();
  if (!date)
    return dc_cli_fail (error);
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  g_autoptr (GPtrArray) list = store ? dc_retention_expiring (store, date, &error) : NULL;
  if (!list)
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_array (&json);
    for (guint i = 0; i < list->len; i++) {
      DcExpiring *r = g_ptr_array_index (list, i);
      dc_json_begin_object (&json);
      dc_json_member (&json, "kind", r->kind);
      dc_json_member (&json, "key", r->key);
      dc_json_member (&json, "record", r->record);
      dc_json_member (&json, "basis_date", r->basis_date);
      dc_json_member (&json, "rule", r->rule);
      dc_json_member (&json, "kept_until", r->kept_until);
      dc_json_end_object (&json);
    }
    dc_json_end_array (&json);
    dc_json_print (&json);
  } else if (list->len) {
    const char *headers[] = { "種別", "キー", "記録", "起算日", "保存期間", "保存期限", NULL };
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    for (guint i = 0; i < list->len; i++) {
      DcExpiring *r = g_ptr_array_index (list, i);
      char *row[] = { r->kind, r->key, r->record, r->basis_date ? r->basis_date : "", r->rule, r->kept_until, NULL };
      g_ptr_array_add (rows, g_strdupv (row));
    }
    dc_cli_print_table (headers, rows);
    printf (dc_ngettext ("%u record is past its retention period on %s; nothing was deleted\n",
                        "%u records are past their retention period on %s; nothing was deleted\n", list->len),
            list->len, date);
  } else {
    printf (_ ("no record is past its retention period on %s\n"), date);
  }
  return list->len ? DC_EXIT_FINDINGS : DC_EXIT_OK;
}

int
dc_cmd_records (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "expiring", N_ ("records past their retention period (nothing is deleted)"), run_expiring },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
