/* audit: verify the history chain (or a package), export the auditor's package (監査資料). */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "dc-audit-package.h"
#include "json.h"

#include <stdio.h>

static int
run_export (int argc, char **argv)
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

static int
verify_package (const char *dir)
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
    printf (_ ("changes after the package (entry, time, who, action, entity, key):\n"));
    for (guint i = 0; i < report.changes->len; i++) {
      const DcHistoryEntry *c = g_ptr_array_index (report.changes, i);
      g_autofree char *at = dc_date_time_local (c->at);
      printf ("  %lld  %s  %s  %s  %s  %s\n", (long long) c->seq, at, c->actor, dc_words_action (c->action),
              dc_words_entity (c->entity), c->entity_key);
    }
  }
  for (guint i = 0; i < report.problems->len; i++)
    fprintf (stderr, _ ("daicho: NOT INTACT: %s\n"), (const char *) g_ptr_array_index (report.problems, i));
  return ok ? DC_EXIT_OK : DC_EXIT_FINDINGS;
}

/* How the register on a server was reached: whether the connection is
 * encrypted and whether the server's certificate and name were checked
 * (SEC-CRYPT-01); nothing for a file. */
static void
print_connection (DcStoreConnection *c)
{
  if (!c->encrypted) {
    printf (_ ("connection: NOT encrypted (sslmode=%s); ask for TLS with sslmode=verify-full in the "
               "address (admin manual 3.7)\n"), c->sslmode);
    return;
  }
  const char *checked = g_str_equal (c->sslmode, "verify-full")
                          ? _ ("the server's certificate and host name were checked")
                        : g_str_equal (c->sslmode, "verify-ca")
                          ? _ ("the server's certificate was checked, not its host name")
                          : _ ("the server's certificate was NOT checked");
  printf (_ ("connection: encrypted with %s (%s), sslmode=%s: %s\n"), c->protocol, c->cipher, c->sslmode, checked);
}

static void
json_connection (DcJson *json, DcStoreConnection *c)
{
  dc_json_key (json, "connection");
  dc_json_begin_object (json);
  dc_json_key (json, "encrypted");
  dc_json_bool (json, c->encrypted);
  dc_json_member (json, "protocol", c->protocol);
  dc_json_member (json, "cipher", c->cipher);
  dc_json_member (json, "sslmode", c->sslmode);
  dc_json_end_object (json);
}

static int
run_verify (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, "[DIR]",
                            N_ ("Checks that the history chain is intact (no entry changed, removed or reordered "
                            "without the chain being rewritten as a whole) and that "
                            "every record equals the state its history recorded. With DIR, checks the auditor's "
                            "package there instead: every file against MANIFEST.sha256, register.xml against its "
                            "schema, and with --db that database's history holds the package's last entry. "
                            "Exit 0 when intact, 1 when not."),
                            NULL, TRUE, -1, NULL))
    return DC_EXIT_USAGE;
  if (argc > 2)
    return dc_cli_usage (argv[0], _ ("verify takes at most one package directory"));
  if (argc == 2)
    return verify_package (argv[1]);
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_READ, &error);
  if (!store)
    return dc_cli_fail (error);
  g_auto (DcVerifyReport) report;
  gboolean ok = dc_history_verify (store, &report, &error);
  if (!ok && !report.problem)
    return dc_cli_fail (error);
  g_autoptr (DcStoreConnection) connection = dc_store_connection (store);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    dc_json_key (&json, "intact");
    dc_json_bool (&json, ok);
    dc_json_key (&json, "entries");
    dc_json_int (&json, report.entries);
    dc_json_key (&json, "entities");
    dc_json_int (&json, report.entities);
    dc_json_key (&json, "first_bad_seq");
    if (report.first_bad_seq)
      dc_json_int (&json, report.first_bad_seq);
    else
      dc_json_raw (&json, NULL);
    dc_json_member (&json, "problem", report.problem);
    dc_json_member (&json, "head_hash", report.head_hash);
    if (connection)
      json_connection (&json, connection);
    dc_json_end_object (&json);
    dc_json_print (&json);
  } else if (ok) {
    printf (_ ("intact: %lld history entries chain correctly and %lld records match them\nhead hash: %s\n"),
            (long long) report.entries, (long long) report.entities, report.head_hash);
  }
  if (connection && !dc_cli.json)
    print_connection (connection);
  if (ok)
    return DC_EXIT_OK;
  fprintf (stderr, _ ("daicho: NOT INTACT: %s\n"), report.problem);
  if (report.first_bad_seq)
    fprintf (stderr, _ ("daicho: first bad history entry: %lld\n"), (long long) report.first_bad_seq);
  g_error_free (error);
  return DC_EXIT_FINDINGS;
}

int
dc_cmd_audit (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "verify", N_ ("check the history chain and the records against it, or a package (DIR)"), run_verify },
    { "export", N_ ("write the auditor's package (監査資料) into a new directory"), run_export },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
