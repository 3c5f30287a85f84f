/* reconcile: the yearly ID stocktake (ID棚卸) — a system's exported ID list
 * against its ID register and the staff roster; decisions; sign-off. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "base/dc-atomic.h"
#include "dc-stocktake-xlsx.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>

/* Findings a run prints as text; --json, show and the report have all. */
#define MAX_PRINTED 200

static void
counts_json (DcJson *json, const guint *counts)
{
  dc_json_key (json, "counts");
  dc_json_begin_object (json);
  for (int k = 0; k < DC_N_FINDING_KINDS; k++) {
    dc_json_key (json, dc_finding_kind_name (k));
    dc_json_int (json, counts[k]);
  }
  dc_json_end_object (json);
}

static void
finding_json (DcJson *json, const DcFinding *f, const DcStocktakeFinding *decided)
{
  dc_json_begin_object (json);
  dc_json_key (json, "finding");
  dc_json_int (json, f->seq);
  dc_json_member (json, "kind", dc_finding_kind_name (f->kind));
  dc_json_member (json, "login_id", f->login_key);
  dc_json_member (json, "raw_login_id", f->raw_login_id);
  dc_json_member (json, "holder", f->holder);
  dc_json_member (json, "holder_name", f->holder_name);
  dc_json_member (json, "detail", f->detail);
  if (decided) {
    dc_json_member (json, "decision", decided->decision);
    dc_json_member (json, "note", decided->note);
    dc_json_member (json, "until", decided->until);
    dc_json_member (json, "decided_by", decided->decided_by);
    dc_json_member (json, "decided_on", decided->decided_on);
  }
  dc_json_end_object (json);
}

static void
run_json_members (DcJson *json, const DcStocktakeRun *run)
{
  dc_json_key (json, "run");
  dc_json_int (json, run->id);
  dc_json_member (json, "system", run->system);
  dc_json_member (json, "as_of", run->as_of);
  dc_json_member (json, "profile", run->profile);
  dc_json_key (json, "export");
  dc_json_begin_object (json);
  dc_json_member (json, "file", run->export_file);
  dc_json_member (json, "sha256", run->export_sha256);
  dc_json_key (json, "rows");
  dc_json_int (json, run->export_rows);
  dc_json_end_object (json);
  dc_json_key (json, "register_entries");
  dc_json_int (json, run->register_entries);
  dc_json_key (json, "dormant_days");
  dc_json_int (json, run->dormant_days);
  dc_json_member (json, "operator", run->operator);
  dc_json_member (json, "run_at", run->run_at);
  counts_json (json, run->counts);
  dc_json_key (json, "findings_total");
  dc_json_int (json, run->findings);
  dc_json_key (json, "decided");
  dc_json_int (json, run->decided);
  dc_json_member (json, "checked_post", run->checked_post);
  dc_json_member (json, "checked_person", run->checked_person);
  dc_json_member (json, "signoff_post", run->signoff_post);
  dc_json_member (json, "signoff_person", run->signoff_person);
  dc_json_member (json, "signoff_on", run->signoff_on);
  dc_json_key (json, "notes");
  dc_json_begin_array (json);
  for (char **note = run->notes; note && *note; note++)
    dc_json_string (json, *note);
  dc_json_end_array (json);
}

/* TEXT and spaces up to WIDTH display columns (full-width characters count two). */
static void
print_padded (const char *text, gsize width)
{
  fputs (text, stdout);
  for (gsize w = dc_text_display_width (text); w < width; w++)
    putchar (' ');
}

static void
print_counts (const DcStocktakeRun *run)
{
  printf (_ ("stocktake run %lld: %s as of %s, profile %s\n"), (long long) run->id, run->system,
          run->as_of, run->profile);
  g_autofree char *run_at = dc_date_time_local (run->run_at);
  printf (_ ("  run at %s by %s\n"), run_at, run->operator);
  printf (_ ("  export %s: %u accounts (sha256 %s)\n"), run->export_file, run->export_rows, run->export_sha256);
  printf (_ ("  ID register: %u entries\n"), run->register_entries);
  for (int k = 0; k < DC_N_FINDING_KINDS; k++)
    if (run->counts[k]) {
      printf ("  %-20s ", dc_finding_kind_name (k));
      print_padded (dc_finding_kind_ja (k), 24);
      printf ("%u\n", run->counts[k]);
    }
  for (char **note = run->notes; note && *note; note++)
    printf (_ ("  note: %s\n"), *note);
}

static void
print_finding (const DcFinding *f, const DcStocktakeFinding *decided)
{
  printf ("%4u  %-18s %s", f->seq, dc_finding_kind_name (f->kind), f->raw_login_id);
  if (f->holder || *f->holder_name)
    printf ("  [%s%s%s]", f->holder ? f->holder : "", f->holder && *f->holder_name ? " " : "", f->holder_name);
  printf ("  %s", f->detail);
  if (decided && decided->decision && decided->until)
    printf (_ ("  → %s: %s until %s"), dc_stocktake_decision_ja (decided->decision), decided->note, decided->until);
  else if (decided && decided->decision)
    printf ("  → %s: %s", dc_stocktake_decision_ja (decided->decision), decided->note);
  putchar ('\n');
}

/* The register, and in *RUN the run TEXT names; NULL after saying why (*STATUS). */
static DcStore *
open_for_run (const char *command, const char *text, gint64 *run, int *status)
{
  guint64 id = 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL)) {
    *status = dc_cli_usage (command, _ ("RUN is a stocktake run's number (see `daicho reconcile list`)"));
    return NULL;
  }
  *run = (gint64) id;
  GError *error = NULL;
  DcStore *store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    *status = dc_cli_fail (error);
  return store;
}

/* ---- the run itself ---- */

/* The report's place is tried before the run is stored (a file is created
 * beside OUTPUT and removed): a run stored and its report then not written
 * would be stored a second time by the re-run. */
static gboolean
output_writable (const char *output, GError **error)
{
  if (g_file_test (output, G_FILE_TEST_IS_DIR)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("%s is a directory; give -o the name of the "
                 "report file (REPORT.xlsx)"), output);
    return FALSE;
  }
  DcAtomic *probe = dc_atomic_begin (output, FALSE, error);
  if (!probe)
    return FALSE;
  dc_atomic_abort (probe);
  return TRUE;
}

static int
run_stocktake (int argc, char **argv)
{
  g_autofree char *system = NULL, *profile = NULL, *as_of = NULL, *output = NULL;
  g_autofree char *sheet = NULL, *encoding = NULL, *login_part = NULL;
  int dormant_days = 0;
  GOptionEntry entries[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("The system whose export this is (required)"), "SYSTEM" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile, N_ ("How to read the export: generic (default), ad-csvde, ad-powershell, ldif, passwd, m365, entra, google, or a profile file"), "PROFILE" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_ ("The date the stocktake looks at (default: today)"), "DATE" },
    { "dormant-days", 0, 0, G_OPTION_ARG_INT, &dormant_days, N_ ("Dormant: no login for more than N days (default 90)"), "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Also write the report workbook (xlsx)"), "REPORT.xlsx" },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_ ("xlsx exports: the sheet to read"), "NAME" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_ ("CSV exports: utf-8, cp932, utf-16 (default: detected)"), "ENCODING" },
    { "login-part", 0, 0, G_OPTION_ARG_STRING, &login_part, N_ ("local: compare only the part of logins before @ (user@domain exports against a register of short logins); full: the whole login (default: as the profile says)"), "local|full" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "EXPORT",
                            N_ ("Reconciles a system's exported ID list with its ID register and the staff roster "
                            "(ID棚卸) and stores the run with its findings. Exit 1 when there are findings.\n\n"
                            "Then: daicho reconcile decide RUN FINDING --decision fix|accept|exception --note TEXT; "
                            "daicho reconcile signoff RUN --by POST; daicho reconcile list|show|report RUN; "
                            "daicho reconcile profiles."),
                            entries, TRUE, 2, _ ("give the export file")))
    return DC_EXIT_USAGE;
  if (!system)
    return dc_cli_usage (argv[0], _ ("--system is required"));
  if (dormant_days < 0)
    return dc_cli_usage (argv[0], _ ("--dormant-days must be a number of days"));
  DcLoginPart part;
  if (login_part && !dc_profile_login_part_parse (login_part, &part))
    return dc_cli_usage (argv[0], _ ("--login-part must be local or full"));

  GError *error = NULL;
  if (output && !output_writable (output, &error))
    return dc_cli_fail (error);
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  DcStocktakeOptions options = { system, argv[1], profile, as_of, (guint) dormant_days,
                                 { sheet, encoding, NULL, TRUE, NULL }, login_part };
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_auto (DcReconcileResult) result;
  g_autoptr (DcStocktakeRun) run = dc_stocktake_run (store, &options, &result, problems, &error);
  for (guint i = 0; i < problems->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (problems, i));
  if (!run)
    return dc_cli_fail (error);
  if (output && !dc_stocktake_xlsx_write (store, run->id, output, &error))
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    run_json_members (&json, run);
    dc_json_key (&json, "findings");
    dc_json_begin_array (&json);
    for (guint i = 0; i < result.findings->len; i++)
      finding_json (&json, g_ptr_array_index (result.findings, i), NULL);
    dc_json_end_array (&json);
    dc_json_end_object (&json);
    dc_json_print (&json);
  } else {
    print_counts (run);
    /* A terminal shows the first findings; all of them are in the run. */
    guint shown = MIN (result.findings->len, MAX_PRINTED);
    for (guint i = 0; i < shown; i++)
      print_finding (g_ptr_array_index (result.findings, i), NULL);
    if (shown < result.findings->len)
      printf (_ ("... and %u more: daicho reconcile show %lld, or the report (-o FILE.xlsx)\n"),
              result.findings->len - shown, (long long) run->id);
    if (output)
      printf (_ ("wrote %s\n"), output);
  }
  return result.findings->len ? DC_EXIT_FINDINGS : DC_EXIT_OK;
}

/* ---- decisions, sign-off ---- */

static int
run_decide (int argc, char **argv)
{
  g_autofree char *decision = NULL, *note = NULL, *until = NULL, *kind = NULL;
  gboolean undecided = FALSE;
  GOptionEntry entries[] = {
    { "decision", 0, 0, G_OPTION_ARG_STRING, &decision, N_ ("fix (是正), accept (容認) or exception (例外)"), "DECISION" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("What was found and what is done about it (required)"), "TEXT" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_ ("Until when an exception is allowed (required for exception)"), "DATE" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_ ("Only findings of this kind (with a list or all)"), "KIND" },
    { "undecided", 0, 0, G_OPTION_ARG_NONE, &undecided, N_ ("Only findings without a decision yet"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "RUN FINDING",
                            N_ ("Records the decision on findings of a stocktake run: FINDING is a number (5), a list "
                            "(3,7-9) or all. Each decision is kept in the history."),
                            entries, FALSE, 3, _ ("give the run and the finding(s)")))
    return DC_EXIT_USAGE;
  if (!decision)
    return dc_cli_usage (argv[0], _ ("--decision is required"));
  int status = DC_EXIT_OK;
  gint64 run = 0;
  g_autoptr (DcStore) store = open_for_run (argv[0], argv[1], &run, &status);
  if (!store)
    return status;
  GError *error = NULL;
  guint decided = 0;
  DcStocktakeDecision what = { argv[2], kind, undecided, decision, note, until };
  g_autofree char *warning = NULL;
  if (!dc_stocktake_decide (store, run, &what, &decided, &warning, &error))
    return dc_cli_fail (error);
  printf (dc_ngettext ("recorded %u decision on run %lld\n", "recorded %u decisions on run %lld\n", decided),
          decided, (long long) run);
  if (warning) {
    fflush (stdout);   /* after what was recorded, also when both go to one pipe */
    fprintf (stderr, _ ("daicho: warning: %s\n"), warning);
  }
  return DC_EXIT_OK;
}

static int
run_signoff (int argc, char **argv)
{
  g_autofree char *by = NULL, *checked_by = NULL, *date = NULL;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_ ("The post that approves the result (承認者; required)"), "POST" },
    { "checked-by", 0, 0, G_OPTION_ARG_STRING, &checked_by, N_ ("The post that checked it (確認者)"), "POST" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("The date the approver decided (決裁日), as written on the stamped report, "
                                                          "not the day it is entered (default: today)"), "DATE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "RUN",
                            N_ ("Signs a stocktake run off (seed 003: the manager checks the result and keeps the "
                            "record). Refused while any finding has no decision; a signed-off run no longer changes."),
                            entries, FALSE, 2, _ ("give the run")))
    return DC_EXIT_USAGE;
  if (!by)
    return dc_cli_usage (argv[0], _ ("--by POST is required"));
  int status = DC_EXIT_OK;
  gint64 run = 0;
  g_autoptr (DcStore) store = open_for_run (argv[0], argv[1], &run, &status);
  if (!store)
    return status;
  GError *error = NULL;
  if (!dc_stocktake_signoff (store, run, by, checked_by, date, &error))
    return dc_cli_fail (error);
  g_autoptr (DcStocktakeRun) signed_run = dc_stocktake_get (store, run, &error);
  if (!signed_run)
    return dc_cli_fail (error);
  printf (_ ("stocktake run %lld signed off by %s on %s\n"), (long long) run, by, signed_run->signoff_on);
  return DC_EXIT_OK;
}

/* ---- reading ---- */

static int
run_list (int argc, char **argv)
{
  g_autofree char *system = NULL;
  GOptionEntry entries[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("Only runs of this system"), "SYSTEM" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL, N_ ("Lists the stocktake runs, newest first."), entries,
                            TRUE, 1, _ ("list takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  g_autoptr (GPtrArray) runs = store ? dc_stocktake_list (store, system, &error) : NULL;
  if (!runs)
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_array (&json);
    for (guint i = 0; i < runs->len; i++) {
      dc_json_begin_object (&json);
      run_json_members (&json, g_ptr_array_index (runs, i));
      dc_json_end_object (&json);
    }
    dc_json_end_array (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < runs->len; i++) {
    DcStocktakeRun *run = g_ptr_array_index (runs, i);
    char *row[] = { g_strdup_printf ("%" G_GINT64_FORMAT, run->id), g_strdup (run->system),
                    g_strdup (run->as_of), g_strdup (run->export_file), g_strdup_printf ("%u", run->findings),
                    g_strdup_printf ("%u", run->decided),
                    g_strdup (run->signoff_on ? run->signoff_on : "未承認"), NULL };
    g_ptr_array_add (rows, g_strdupv (row));
    for (char **cell = row; *cell; cell++)
      g_free (*cell);
  }
  const char *headers[] = { "照合番号", "システム", "基準日", "出力ファイル", "検出", "判定済み", "承認日", NULL };
  dc_cli_print_table (headers, rows);
  return DC_EXIT_OK;
}

static int
run_show (int argc, char **argv)
{
  g_autofree char *kind = NULL;
  gboolean undecided = FALSE;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_ ("Only findings of this kind"), "KIND" },
    { "undecided", 0, 0, G_OPTION_ARG_NONE, &undecided, N_ ("Only findings without a decision"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "RUN", N_ ("Shows a stocktake run, its findings and decisions."),
                            entries, TRUE, 2, _ ("give the run")))
    return DC_EXIT_USAGE;
  DcFindingKind only;
  if (kind && !dc_finding_kind_parse (kind, &only))
    return dc_cli_usage (argv[0], _ ("--kind must be a kind of finding, e.g. unregistered or dormant"));
  int status = DC_EXIT_OK;
  gint64 id = 0;
  g_autoptr (DcStore) store = open_for_run (argv[0], argv[1], &id, &status);
  if (!store)
    return status;
  GError *error = NULL;
  g_autoptr (DcStocktakeRun) run = dc_stocktake_get (store, id, &error);
  g_autoptr (GPtrArray) findings = run ? dc_stocktake_findings (store, id, kind ? dc_finding_kind_name (only) : NULL,
                                                          undecided, &error) : NULL;
  if (!findings)
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    run_json_members (&json, run);
    dc_json_key (&json, "findings");
    dc_json_begin_array (&json);
    for (guint i = 0; i < findings->len; i++) {
      DcStocktakeFinding *f = g_ptr_array_index (findings, i);
      finding_json (&json, f->finding, f);
    }
    dc_json_end_array (&json);
    dc_json_end_object (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  print_counts (run);
  if (run->signoff_on)
    printf (_ ("  decided: %u of %u; signed off on %s\n"), run->decided, run->findings, run->signoff_on);
  else
    printf (_ ("  decided: %u of %u\n"), run->decided, run->findings);
  for (guint i = 0; i < findings->len; i++) {
    DcStocktakeFinding *f = g_ptr_array_index (findings, i);
    print_finding (f->finding, f);
  }
  return DC_EXIT_OK;
}

static int
run_report (int argc, char **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The workbook to write (required)"), "REPORT.xlsx" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "RUN",
                            N_ ("Writes a stocktake run's report workbook (ID棚卸 照合結果報告書): summary with the "
                            "export's hash and the sign-off block, and the findings with their decisions."),
                            entries, FALSE, 2, _ ("give the run")))
    return DC_EXIT_USAGE;
  if (!output)
    return dc_cli_usage (argv[0], _ ("-o REPORT.xlsx is required"));
  int status = DC_EXIT_OK;
  gint64 id = 0;
  g_autoptr (DcStore) store = open_for_run (argv[0], argv[1], &id, &status);
  if (!store)
    return status;
  GError *error = NULL;
  if (!dc_stocktake_xlsx_write (store, id, output, &error))
    return dc_cli_fail (error);
  printf (_ ("wrote %s\n"), output);
  return DC_EXIT_OK;
}

static int
run_profiles (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, NULL, N_ ("Lists the built-in export profiles."), NULL, TRUE, 1,
                            _ ("profiles takes options only")))
    return DC_EXIT_USAGE;
  g_auto (GStrv) names = dc_profile_preset_names ();
  DcJson json;
  if (dc_cli.json) {
    dc_json_init (&json);
    dc_json_begin_array (&json);
  }
  for (char **name = names; *name; name++) {
    g_autoptr (DcProfile) profile = dc_profile_load (*name, NULL);
    if (!profile)
      continue;
    if (dc_cli.json) {
      dc_json_begin_object (&json);
      dc_json_member (&json, "name", profile->name);
      dc_json_member (&json, "title", profile->title);
      dc_json_member (&json, "key", profile->key);
      dc_json_end_object (&json);
    } else {
      printf ("%-14s %s\n", profile->name, profile->title);
    }
  }
  if (dc_cli.json) {
    dc_json_end_array (&json);
    dc_json_print (&json);
  }
  return DC_EXIT_OK;
}

int
dc_cmd_reconcile (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "decide", N_ ("record the decision on findings"), run_decide },
    { "signoff", N_ ("sign a run off"), run_signoff },
    { "list", N_ ("the stocktake runs"), run_list },
    { "show", N_ ("a run with its findings and decisions"), run_show },
    { "report", N_ ("a run's report workbook"), run_report },
    { "profiles", N_ ("the built-in export profiles"), run_profiles },
    { NULL, NULL, NULL }
  };
  for (const DcCliCommand *c = commands; argc > 1 && c->name; c++)
    if (g_str_equal (argv[1], c->name))
      return dc_cli_dispatch (commands, argc, argv);
  return run_stocktake (argc, argv);
}
