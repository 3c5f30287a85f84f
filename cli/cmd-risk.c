/* risk: assess, list, show, set, accept, runs; and `export risk`. The method,
 * protection needs and the threat catalogue are in cmd-risk-setup.c. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "dc-risk-xlsx.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>

static DcStore *
open_register (GError **error)
{
  return dc_cli_open (DC_STORE_OPEN_EXISTING, error);
}

/* "高 3 · 中 5 · 低 10", highest first, from level code → count. */
static char *
counts_text (const DcRiskMethod *method, GHashTable *counts)
{
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint l = method->levels->len; l-- > 0;) {
    const DcRiskLevel *level = g_ptr_array_index (method->levels, l);
    g_string_append_printf (text, "%s%s %u", text->len ? " · " : "", level->name,
                            GPOINTER_TO_UINT (g_hash_table_lookup (counts, level->code)));
  }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Applicable lines per level code, and how many need a decision. */
static GHashTable *
count_lines (GPtrArray *lines, guint *due)
{
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);
  *due = 0;
  for (guint i = 0; i < lines->len; i++) {
    const DcRiskLine *l = g_ptr_array_index (lines, i);
    if (g_strcmp0 (l->v[DC_RISK_STATUS], "not_applicable") == 0 || g_strcmp0 (l->v[DC_RISK_STATUS], "closed") == 0)
      continue;
    gpointer n = g_hash_table_lookup (counts, l->v[DC_RISK_LEVEL]);
    g_hash_table_insert (counts, l->v[DC_RISK_LEVEL], GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
    *due += dc_risk_status_due (l->v[DC_RISK_STATUS]);
  }
  return counts;
}

/* ---- assess ---- */

static void
assess_json (const DcRiskRun *run, const DcRiskRunAssessReport *report, guint due)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_object (&json);
  dc_json_key (&json, "run");
  dc_json_int (&json, run->number);
  dc_json_member (&json, "run_on", run->run_on);
  dc_json_key (&json, "fiscal_year");
  dc_json_int (&json, run->fiscal_year);
  dc_json_member (&json, "scope", run->scope);
  dc_json_member (&json, "method", run->method);
  dc_json_member (&json, "catalogue", run->catalogue);
  dc_json_member (&json, "catalogue_version", run->catalogue_version);
  dc_json_key (&json, "items");
  dc_json_int (&json, run->items);
  dc_json_key (&json, "counts");
  dc_json_raw (&json, run->counts);
  const struct { const char *key; gint64 value; } numbers[] = {
    { "due", due }, { "added", report->added }, { "changed", report->changed }, { "closed", report->closed },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++) {
    dc_json_key (&json, numbers[i].key);
    dc_json_int (&json, numbers[i].value);
  }
  dc_json_key (&json, "catalogue_installed");
  dc_json_bool (&json, report->catalogue_installed);
  dc_json_key (&json, "warnings");
  dc_json_begin_array (&json);
  for (guint i = 0; i < report->warnings->len; i++)
    dc_json_string (&json, g_ptr_array_index (report->warnings, i));
  dc_json_end_array (&json);
  dc_json_end_object (&json);
  dc_json_print (&json);
}

static int
run_assess (int argc, char **argv)
{
  g_autofree char *asset = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "asset", 0, 0, G_OPTION_ARG_STRING, &asset, N_ ("Only this asset (code or name)"), "CODE" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("A note kept with the run (e.g. 令和8年度 定期評価)"), "TEXT" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Brings the risk register up to date: a risk for every asset and threat of the "
                            "catalogue that applies to its type, scored with the asset's effective value "
                            "(inherited along dependencies) by the register's method, and freezes the result "
                            "as an assessment run that later runs never rewrite."),
                            entries, TRUE, 1, _ ("risk assess takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = open_register (&error);
  DcRiskAssessOptions options = { asset, note };
  g_auto (DcRiskRunAssessReport) report = { 0 };
  if (!store || !dc_risk_run_assess (store, &options, &report, &error))
    return dc_cli_fail (error);
  g_autoptr (DcRiskRun) run = dc_risk_run_get (store, report.run, &error);
  g_autoptr (GPtrArray) lines = run ? dc_risk_run_lines (store, report.run, &error) : NULL;
  g_autoptr (DcRiskMethod) method = lines ? dc_risk_run_method (run, &error) : NULL;
  if (!method)
    return dc_cli_fail (error);
  guint due = 0;
  g_autoptr (GHashTable) counts = count_lines (lines, &due);
  if (dc_cli.json) {
    assess_json (run, &report, due);
    return DC_EXIT_OK;
  }
  g_autofree char *levels = counts_text (method, counts);
  if (*run->scope)
    printf (_ ("assessment run %lld (%s, %d年度) of asset %s: %s method, catalogue %s %s\n"),
            (long long) run->number, run->run_on, run->fiscal_year, run->scope, run->method, run->catalogue,
            run->catalogue_version);
  else
    printf (_ ("assessment run %lld (%s, %d年度): %s method, catalogue %s %s\n"), (long long) run->number,
            run->run_on, run->fiscal_year, run->method, run->catalogue, run->catalogue_version);
  if (report.catalogue_installed)
    printf (_ ("  the threat catalogue %s was copied into the register\n"), run->catalogue);
  printf (_ ("  %lld risks: %s; %u need a decision (`daicho risk list --due`)\n"), (long long) run->items, levels,
          due);
  printf (_ ("  %u added, %u changed, %u closed since the last assessment\n"), report.added, report.changed,
          report.closed);
  for (guint i = 0; i < report.warnings->len; i++)
    fprintf (stderr, _ ("daicho: warning: %s\n"), (const char *) g_ptr_array_index (report.warnings, i));
  return DC_EXIT_OK;
}

/* ---- list and show ---- */

static void
lines_json (GPtrArray *lines)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_array (&json);
  for (guint i = 0; i < lines->len; i++)
    dc_json_raw (&json, ((DcRiskLine *) g_ptr_array_index (lines, i))->json);
  dc_json_end_array (&json);
  dc_json_print (&json);
}

static void
lines_text (GPtrArray *lines, const DcRiskMethod *method)
{
  static const char *const headers[] = { "リスク", "資産名称", "脅威", "特性", "算定式", "レベル", "対応",
                                         "状態", NULL };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < lines->len; i++) {
    const DcRiskLine *l = g_ptr_array_index (lines, i);
    char **row = g_new0 (char *, 9);
    const char *cells[] = { l->v[DC_RISK_CODE], l->v[DC_RISK_ASSET_NAME], l->v[DC_RISK_THREAT_NAME],
                            l->v[DC_RISK_PROPERTY_NAME], l->v[DC_RISK_FORMULA], l->v[DC_RISK_LEVEL_NAME],
                            dc_risk_treatment_name (l->v[DC_RISK_TREATMENT]),
                            dc_risk_status_name (l->v[DC_RISK_STATUS]) };
    for (guint c = 0; c < 8; c++)
      row[c] = g_strdup (cells[c] ? cells[c] : "");
    g_ptr_array_add (rows, row);
  }
  dc_cli_print_table (headers, rows);
  guint due = 0;
  g_autoptr (GHashTable) counts = count_lines (lines, &due);
  g_autofree char *levels = counts_text (method, counts);
  g_autofree char *risks = g_strdup_printf (dc_ngettext ("%u risk", "%u risks", lines->len), lines->len);
  printf (dc_ngettext ("%s: %s; %u needs a decision\n", "%s: %s; %u need a decision\n", due), risks, levels, due);
}

/* The lines of run RUN (0: the register now), filtered, and the method that scored them. */
static GPtrArray *
load_lines (DcStore *store, gint64 run_number, const DcRiskFilter *filter, DcRiskMethod **method,
            GError **error)
{
  if (!run_number) {
    g_autoptr (DcRiskContext) context = dc_risk_context_new (store, error);
    GPtrArray *lines = context ? dc_risk_list (store, context, filter, error) : NULL;
    if (lines)
      *method = g_steal_pointer (&context->method);
    return lines;
  }
  g_autoptr (DcRiskRun) run = dc_risk_run_get (store, run_number, error);
  g_autoptr (GPtrArray) all = run ? dc_risk_run_lines (store, run_number, error) : NULL;
  if (!all || !(*method = dc_risk_run_method (run, error)))
    return NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_risk_line_free);
  for (guint i = 0; i < all->len; i++)
    if (dc_risk_filter_matches (filter, *method, g_ptr_array_index (all, i))) {
      g_ptr_array_add (lines, g_ptr_array_index (all, i));
      all->pdata[i] = NULL;
    }
  return lines;
}

static int
run_list (int argc, char **argv)
{
  g_autofree char *level = NULL, *status = NULL, *asset = NULL, *threat = NULL;
  gboolean due = FALSE, closed = FALSE;
  gint64 run = 0;
  GOptionEntry entries[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_ ("Only risks of this level (code or name: high, 高)"), "LEVEL" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_ ("Only risks in this status (untreated 未対応, in_progress, "
      "overdue, treated, accepted, acceptance_expired, within_criteria, not_applicable, closed)"), "STATUS" },
    { "due", 0, 0, G_OPTION_ARG_NONE, &due, N_ ("Only risks that need a decision: untreated, overdue, acceptance expired"), NULL },
    { "asset", 0, 0, G_OPTION_ARG_STRING, &asset, N_ ("Only this asset's risks"), "CODE" },
    { "threat", 0, 0, G_OPTION_ARG_STRING, &threat, N_ ("Only this threat's risks"), "CODE" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &closed, N_ ("Also closed risks (asset disposed of, threat no longer applies)"), NULL },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run, N_ ("The risks as assessment run N froze them"), "N" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Lists the risk register, highest level and risk value first, with the formula "
                            "each risk was scored by."), entries, TRUE, 1, _ ("risk list takes options only")))
    return DC_EXIT_USAGE;
  if (status && !dc_risk_status_code (status))
    return dc_cli_usage (argv[0], _ ("--status must be one of untreated, in_progress, overdue, treated, accepted, "
                         "acceptance_expired, within_criteria, not_applicable, closed (or 未対応, ...)"));
  GError *error = NULL;
  g_autoptr (DcStore) store = open_register (&error);
  g_autoptr (DcRiskMethod) method = NULL;
  DcRiskFilter filter = { asset, threat, level, status, due, closed || (status && g_str_equal (dc_risk_status_code (status), "closed")) };
  g_autoptr (GPtrArray) lines = store ? load_lines (store, run, &filter, &method, &error) : NULL;
  if (!lines)
    return dc_cli_fail (error);
  if (level && !dc_risk_method_find_level (method, level, NULL)) {
    g_autoptr (GString) known = g_string_new (NULL);
    for (guint l = 0; l < method->levels->len; l++) {
      const DcRiskLevel *each = g_ptr_array_index (method->levels, l);
      g_string_append_printf (known, "%s%s (%s)", l ? ", " : "", each->code, each->name);
    }
    g_autofree char *message = g_strdup_printf (_ ("--level '%s' is not a level of the method: %s"), level, known->str);
    return dc_cli_usage (argv[0], message);
  }
  if (dc_cli.json)
    lines_json (lines);
  else
    lines_text (lines, method);
  return DC_EXIT_OK;
}

static void
show_field (const char *label, const char *value)
{
  if (!value || !*value)
    return;
  printf ("  %s", label);
  for (gsize w = dc_text_display_width (label); w < 16; w++)
    putchar (' ');
  printf ("%s\n", value);
}

static const char *
scale_text (GPtrArray *scale, const char *rating)
{
  int r = rating ? atoi (rating) : 0;
  return r >= 1 && r <= (int) scale->len ? g_ptr_array_index (scale, r - 1) : "";
}

static void
show_text (const DcRiskLine *l, const DcRiskMethod *method)
{
  const char *const *v = (const char *const *) l->v;
  printf ("%s  %s × %s\n", v[DC_RISK_CODE], v[DC_RISK_ASSET_NAME], v[DC_RISK_THREAT_NAME]);
  g_autofree char *asset = g_strdup_printf ("%s %s（%s、%s）", v[DC_RISK_ASSET], v[DC_RISK_ASSET_NAME],
                                            v[DC_RISK_ASSET_TYPE_NAME], v[DC_RISK_SECTION_NAME]);
  g_autofree char *threat = g_strdup_printf ("%s %s（%sを損なう）", v[DC_RISK_THREAT], v[DC_RISK_THREAT_NAME],
                                             v[DC_RISK_PROPERTY_NAME]);
  g_autofree char *basis = dc_risk_line_value_basis (l);
  g_autofree char *value = g_strdup_printf ("%s（%s %s、%s）", v[DC_RISK_VALUE], v[DC_RISK_VALUE_LABEL],
                                            v[DC_RISK_VALUE_NAME] ? v[DC_RISK_VALUE_NAME] : "", basis);
  g_autofree char *likelihood = g_strdup_printf ("%s — %s", v[DC_RISK_LIKELIHOOD],
                                                 scale_text (method->likelihood, v[DC_RISK_LIKELIHOOD]));
  g_autofree char *vulnerability = g_strdup_printf ("%s — %s", v[DC_RISK_VULNERABILITY],
                                                    scale_text (method->vulnerability, v[DC_RISK_VULNERABILITY]));
  g_autofree char *score = g_strdup_printf ("%s → %s", v[DC_RISK_FORMULA], v[DC_RISK_LEVEL_NAME]);
  show_field ("資産", asset);
  show_field ("脅威", threat);
  show_field ("資産価値", value);
  show_field ("起こりやすさ", likelihood);
  show_field ("脆弱性", vulnerability);
  show_field ("現状の対策", v[DC_RISK_CONTROLS]);
  show_field ("評価日", v[DC_RISK_RATED_ON] ? v[DC_RISK_RATED_ON] : "（既定値のまま）");
  show_field ("被害発生可能性", v[DC_RISK_POSSIBILITY]);
  show_field ("リスク値", score);
  show_field ("状態", dc_risk_status_name (v[DC_RISK_STATUS]));
  show_field ("対象外の理由", v[DC_RISK_NOT_APPLICABLE_REASON]);
  show_field ("対応", dc_risk_treatment_name (v[DC_RISK_TREATMENT]));
  show_field ("対策内容", v[DC_RISK_CONTROL]);
  show_field ("担当", v[DC_RISK_OWNER_POST_NAME]);
  show_field ("期限", v[DC_RISK_DUE_ON]);
  show_field ("完了日", v[DC_RISK_COMPLETED_ON]);
  if (v[DC_RISK_RESIDUAL_FORMULA]) {
    g_autofree char *residual = g_strdup_printf ("%s → %s（起こりやすさ %s、脆弱性 %s）", v[DC_RISK_RESIDUAL_FORMULA],
                                                 v[DC_RISK_RESIDUAL_LEVEL_NAME], v[DC_RISK_RESIDUAL_LIKELIHOOD],
                                                 v[DC_RISK_RESIDUAL_VULNERABILITY]);
    show_field ("残留リスク", residual);
  }
  show_field ("受容の承認者", v[DC_RISK_APPROVER_POST_NAME]);
  show_field ("受容日", v[DC_RISK_ACCEPTED_ON]);
  show_field ("受容期限", v[DC_RISK_ACCEPT_UNTIL]);
  show_field ("受容の理由", v[DC_RISK_ACCEPT_REASON]);
  show_field ("備考", v[DC_RISK_NOTE]);
}

static int
run_show (int argc, char **argv)
{
  gint64 run = 0;
  GOptionEntry entries[] = {
    { "run", 0, 0, G_OPTION_ARG_INT64, &run, N_ ("The risk as assessment run N froze it"), "N" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "RISK",
                            N_ ("Shows one risk (ASSET/THREAT, e.g. A-0001/T05): its ratings and what they "
                            "mean, the value and where it comes from, the formula, treatment and acceptance."),
                            entries, TRUE, 2, _ ("give one risk, e.g. A-0001/T05")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = open_register (&error);
  g_autofree char *code = store ? dc_risk_resolve (store, argv[1], &error) : NULL;
  g_autoptr (DcRiskMethod) method = NULL;
  DcRiskFilter filter = { .closed = TRUE };
  g_autoptr (GPtrArray) lines = code ? load_lines (store, run, &filter, &method, &error) : NULL;
  if (!lines)
    return dc_cli_fail (error);
  for (guint i = 0; i < lines->len; i++) {
    const DcRiskLine *l = g_ptr_array_index (lines, i);
    if (!g_str_equal (l->v[DC_RISK_CODE], code))
      continue;
    if (dc_cli.json)
      puts (l->json);
    else
      show_text (l, method);
    return DC_EXIT_OK;
  }
  g_set_error (&error, DC_RISK_ERROR, DC_ERROR_NOT_FOUND,
               _ ("assessment run %lld has no risk %s (it assessed other assets, or the risk was closed before it)"),
               (long long) run, code);
  return dc_cli_fail (error);
}

/* ---- set and accept ---- */

static int
run_set (int argc, char **argv)
{
  DcRiskChanges c = { 0 };
  g_autofree char *likelihood = NULL, *vulnerability = NULL, *controls = NULL, *treatment = NULL,
                  *control = NULL, *owner = NULL, *due = NULL, *done = NULL, *rl = NULL, *rv = NULL,
                  *note = NULL, *not_applicable = NULL;
  gboolean applicable = FALSE;
  GOptionEntry entries[] = {
    { "likelihood", 0, 0, G_OPTION_ARG_STRING, &likelihood, N_ ("脅威の起こりやすさ (1-3 in the IPA method)"), "N" },
    { "vulnerability", 0, 0, G_OPTION_ARG_STRING, &vulnerability, N_ ("脆弱性, from the controls in place (1-3)"), "N" },
    { "controls", 0, 0, G_OPTION_ARG_STRING, &controls, N_ ("現状の対策: the controls the vulnerability rests on"), "TEXT" },
    { "treatment", 0, 0, G_OPTION_ARG_STRING, &treatment, N_ ("reduce 低減, avoid 回避, transfer 移転, or none "
      "(to accept, use `risk accept`)"), "TREATMENT" },
    { "control", 0, 0, G_OPTION_ARG_STRING, &control, N_ ("対策内容: the planned control"), "TEXT" },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_ ("The post responsible for the control (\"\" clears)"), "POST" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_ ("Due date of the control (\"\" clears)"), "DATE" },
    { "done", 0, 0, G_OPTION_ARG_STRING, &done, N_ ("Date the control was completed (\"\" clears)"), "DATE" },
    { "residual-likelihood", 0, 0, G_OPTION_ARG_STRING, &rl, N_ ("Likelihood after the control (\"\" clears the residual rating)"), "N" },
    { "residual-vulnerability", 0, 0, G_OPTION_ARG_STRING, &rv, N_ ("Vulnerability after the control"), "N" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("備考"), "TEXT" },
    { "not-applicable", 0, 0, G_OPTION_ARG_STRING, &not_applicable, N_ ("The threat does not apply to this asset, and why"), "REASON" },
    { "applicable", 0, 0, G_OPTION_ARG_NONE, &applicable, N_ ("The threat applies again"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "RISK",
                            N_ ("Rates a risk (likelihood, vulnerability, the controls in place) and records its "
                            "treatment (control, owner post, due date, residual rating); the risk is scored "
                            "again at once. One history entry."), entries, FALSE, 2, _ ("give one risk, e.g. A-0001/T05")))
    return DC_EXIT_USAGE;
  c = (DcRiskChanges) { likelihood, vulnerability, controls, treatment, control, owner, due, done, rl, rv,
                        note, not_applicable, applicable };
  GError *error = NULL;
  g_autoptr (DcStore) store = open_register (&error);
  g_autofree char *code = store ? dc_risk_resolve (store, argv[1], &error) : NULL;
  if (!code || !dc_risk_set (store, code, &c, &error))
    return dc_cli_fail (error);
  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, &error);
  g_autoptr (DcRiskLine) line = context ? dc_risk_get (store, context, code, &error) : NULL;
  if (!line)
    return dc_cli_fail (error);
  printf (_ ("risk %s: %s → %s (%s)\n"), code, line->v[DC_RISK_FORMULA], line->v[DC_RISK_LEVEL_NAME],
          dc_risk_status_name (line->v[DC_RISK_STATUS]));
  return DC_EXIT_OK;
}

static int
run_accept (int argc, char **argv)
{
  g_autofree char *approver = NULL, *until = NULL, *reason = NULL;
  GOptionEntry entries[] = {
    { "approver", 0, 0, G_OPTION_ARG_STRING, &approver, N_ ("The post that approves the acceptance (required)"), "POST" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_ ("When the acceptance expires (required); then the risk is due again"), "DATE" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("Why the risk is accepted (required)"), "TEXT" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "RISK",
                            N_ ("Accepts (retains) a risk: approved by a post, until a date within the method's "
                            "limit, for a stated reason. After the date the risk is due again."),
                            entries, FALSE, 2, _ ("give one risk, e.g. A-0001/T05")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = open_register (&error);
  g_autofree char *code = store ? dc_risk_resolve (store, argv[1], &error) : NULL;
  if (!code || !dc_risk_accept (store, code, approver, until, reason, &error))
    return dc_cli_fail (error);
  printf (_ ("risk %s accepted until %s\n"), code, until);
  return DC_EXIT_OK;
}

/* ---- runs ---- */

static int
run_runs (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, NULL, N_ ("Lists the assessment runs, oldest first, with what each used."),
                            NULL, TRUE, 1, _ ("risk runs takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = open_register (&error);
  g_autoptr (GPtrArray) runs = store ? dc_risk_runs (store, &error) : NULL;
  if (!runs)
    return dc_cli_fail (error);
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_array (&json);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < runs->len; i++) {
    const DcRiskRun *run = g_ptr_array_index (runs, i);
    dc_json_begin_object (&json);
    dc_json_key (&json, "number");
    dc_json_int (&json, run->number);
    const char *members[][2] = {
      { "run_on", run->run_on }, { "scope", run->scope }, { "actor", run->actor }, { "note", run->note },
      { "scheme", run->scheme }, { "method", run->method }, { "catalogue", run->catalogue },
      { "catalogue_version", run->catalogue_version }, { "catalogue_sha256", run->catalogue_sha256 },
    };
    for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
      dc_json_member (&json, members[m][0], members[m][1]);
    dc_json_key (&json, "fiscal_year");
    dc_json_int (&json, run->fiscal_year);
    dc_json_key (&json, "items");
    dc_json_int (&json, run->items);
    dc_json_key (&json, "counts");
    dc_json_raw (&json, run->counts);
    dc_json_end_object (&json);
    g_autoptr (DcRiskMethod) method = dc_risk_run_method (run, NULL);
    char **row = g_new0 (char *, 8);
    row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, run->number);
    row[1] = g_strdup (run->run_on);
    row[2] = g_strdup_printf ("%d", run->fiscal_year);
    row[3] = g_strdup (*run->scope ? run->scope : "全体");
    row[4] = g_strdup (run->method);
    row[5] = g_strdup_printf ("%s %s", run->catalogue, run->catalogue_version);
    row[6] = method ? counts_text (method, run->level_counts) : g_strdup (run->counts);
    g_ptr_array_add (rows, row);
  }
  dc_json_end_array (&json);
  g_autofree char *text = dc_json_finish (&json);
  if (dc_cli.json) {
    puts (text);
    return DC_EXIT_OK;
  }
  static const char *const headers[] = { "回", "実施日", "年度", "範囲", "方法", "脅威カタログ", "件数", NULL };
  dc_cli_print_table (headers, rows);
  return DC_EXIT_OK;
}

int
dc_cmd_risk (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "assess", N_ ("assess every asset against the threat catalogue; freeze the run"), run_assess },
    { "list", N_ ("the risk register, highest first (--level, --due, --run N)"), run_list },
    { "show", N_ ("one risk in full"), run_show },
    { "set", N_ ("rate a risk and record its treatment"), run_set },
    { "accept", N_ ("accept a risk: approver post, expiry date, reason"), run_accept },
    { "runs", N_ ("the assessment runs and what each used"), run_runs },
    { "method", N_ ("the register's risk method (--set FILE to change it)"), dc_cmd_risk_method },
    { "needs", N_ ("protection needs inherited along dependencies"), dc_cmd_risk_needs },
    { "override", N_ ("set a protection need against the maximum principle, with a reason"), dc_cmd_risk_override },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}

/* ---- export risk ---- */

int
dc_cmd_export_risk (int argc, char **argv)
{
  g_autofree char *output = NULL;
  gint64 run_number = 0;
  gboolean closed = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The workbook to write (replaced only when complete)"), "FILE" },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run_number, N_ ("The risks as assessment run N froze them (default: the register now)"), "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &closed, N_ ("Also closed risks"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Writes the risk workbook: リスク評価 (every risk, highest first, with its formula), "
                            "ヒートマップ (value × 被害発生可能性, coloured by level, with the criteria) and "
                            "リスク対応計画; A4 landscape, ready to print."),
                            entries, FALSE, 1, _ ("export risk takes options only")))
    return DC_EXIT_USAGE;
  const char *path = output ? output : "リスク評価.xlsx";
  GError *error = NULL;
  g_autoptr (DcStore) store = open_register (&error);
  g_autoptr (DcScheme) scheme = store ? dc_scheme_from_store (store, &error) : NULL;
  g_autofree char *organisation = scheme ? dc_setting_get (store, "organisation", NULL) : NULL;
  g_autoptr (DcRiskMethod) method = NULL;
  DcRiskFilter filter = { .closed = closed };
  g_autoptr (GPtrArray) lines = scheme ? load_lines (store, run_number, &filter, &method, &error) : NULL;
  g_autoptr (DcRiskRun) run = lines && run_number ? dc_risk_run_get (store, run_number, &error) : NULL;
  if (!lines || (run_number && !run))
    return dc_cli_fail (error);
  g_autofree char *today = dc_date_today ();
  g_autofree char *subtitle = run ? g_strdup_printf ("第%" G_GINT64_FORMAT "回（%d年度）", run->number, run->fiscal_year)
                                  : g_strdup ("（現在の台帳）");
  DcRiskReport report = {
    organisation ? organisation : "", scheme->handling_mark, subtitle, run ? run->run_on : today,
    method, scheme, lines,
  };
  if (!dc_risk_xlsx_write (&report, path, &error))
    return dc_cli_fail (error);
  printf (_ ("wrote %s (%u risks, %s)\n"), path, lines->len, report.date);
  return DC_EXIT_OK;
}
