/* review: the annual review by section chiefs through a workbook per section. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "dc-review-xlsx.h"
#include "json.h"

#include <stdio.h>

/* --fy, or the fiscal year of the one open review; with LATEST, when none is
 * open, the newest closed one (to look at). */
static int
fiscal_year (DcStore *store, int given, gboolean latest, GError **error)
{
  if (given)
    return given;
  GError *local = NULL;
  int year = dc_review_current_year (store, &local);
  if (!year && latest && local->code == DC_ERROR_NOT_FOUND) {
    g_autoptr (GPtrArray) all = dc_review_campaigns (store, NULL);
    if (all && all->len) {
      g_error_free (local);
      return ((DcReviewCampaign *) g_ptr_array_index (all, 0))->fiscal_year;
    }
  }
  if (!year)
    g_propagate_error (error, local);
  return year;
}

static int
run_open (int argc, char **argv)
{
  g_autofree char *fy_text = NULL;
  int fy = 0;
  g_autofree char *due = NULL;
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_STRING, &fy_text, N_ ("The fiscal year (年度) to review (default: this one)"), "YEAR" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_ ("When the sections must return their workbooks (default: 31 March)"), "DATE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Opens the year's review: one item for every asset in use, grouped by its section. "
                            "Run it again to add assets entered since, or to move the deadline with --due."),
                            entries, FALSE, 1, _ ("review open takes options only")))
    return DC_EXIT_USAGE;
  if (!dc_cli_fiscal_year (argv[0], fy_text, &fy))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  if (!fy) {
    g_autofree char *today = dc_date_today ();
    fy = dc_date_fiscal_year (today);
  }
  guint added = 0;
  g_autoptr (DcReviewCampaign) campaign = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  if (!dc_review_open (store, fy, due, &added, &error) ||
      !(campaign = dc_review_campaign_get (store, fy, &error)) ||
      !(sections = dc_review_status (store, fy, NULL, &error)))
    return dc_cli_fail (error);
  guint items = 0;
  for (guint i = 0; i < sections->len; i++)
    items += ((DcReviewSectionStatus *) g_ptr_array_index (sections, i))->items;
  g_autofree char *name = dc_date_fiscal_year_name (fy);
  printf (_ ("review of %s (%d) open since %s, due %s: %u assets in %u sections (%u added now)\n"), name, fy,
          campaign->opened_on, campaign->due_on, items, sections->len, added);
  return DC_EXIT_OK;
}

static int
run_export (int argc, char **argv)
{
  g_autofree char *fy_text = NULL;
  int fy = 0, new_rows = 10;
  g_autofree char *section = NULL;
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_STRING, &fy_text, N_ ("The fiscal year (default: the open review)"), "YEAR" },
    { "section", 0, 0, G_OPTION_ARG_STRING, &section, N_ ("Only this section and the sections below it"), "SECTION" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &dir, N_ ("The folder to write the workbooks into (made when missing)"), "DIR" },
    { "new-rows", 0, 0, G_OPTION_ARG_INT, &new_rows, N_ ("Rows for new assets in each workbook (default 10)"), "N" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Writes one review workbook (見直し票) per section: instructions (説明), the assets with "
                            "their current values locked and dropdowns for the decision and corrected values, and "
                            "rows for new assets."),
                            entries, FALSE, 1, _ ("review export takes options only")))
    return DC_EXIT_USAGE;
  if (!dc_cli_fiscal_year (argv[0], fy_text, &fy))
    return DC_EXIT_USAGE;
  if (!dir)
    return dc_cli_usage (argv[0], _ ("-o DIR is required"));
  if (new_rows < 0 || new_rows > 1000)
    return dc_cli_usage (argv[0], _ ("--new-rows must be 0 to 1000"));
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || !(fy = fiscal_year (store, fy, FALSE, &error)))
    return dc_cli_fail (error);
  g_autoptr (GPtrArray) written = dc_review_export (store, fy, section, dir, (guint) new_rows, &error);
  if (!written)
    return dc_cli_fail (error);
  for (guint i = 0; i < written->len; i++) {
    const DcReviewWorkbook *w = g_ptr_array_index (written, i);
    printf (_ ("wrote %s (%s: %u assets)\n"), w->path, w->section_name, w->rows);
  }
  return DC_EXIT_OK;
}

static void
import_json (const DcReviewImportReport *r, gboolean dry_run, gboolean applied)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_object (&json);
  dc_json_member (&json, "file", r->file);
  dc_json_member (&json, "sha256", r->sha256);
  dc_json_key (&json, "fiscal_year");
  dc_json_int (&json, r->fiscal_year);
  dc_json_member (&json, "section", r->section);
  dc_json_member (&json, "reviewer", r->reviewer);
  dc_json_member (&json, "reviewed_on", r->reviewed_on);
  dc_json_member (&json, "return", r->return_code);
  dc_json_key (&json, "dry_run");
  dc_json_bool (&json, dry_run);
  dc_json_key (&json, "applied");
  dc_json_bool (&json, applied && !dry_run);
  dc_json_key (&json, "answered");
  dc_json_begin_object (&json);
  const char *names[] = { "unanswered", "unchanged", "changed", "disposed", "transferred", "added" };
  for (int i = 0; i < DC_REVIEW_N_STATES; i++) {
    dc_json_key (&json, names[i]);
    dc_json_int (&json, r->answered[i]);
  }
  dc_json_end_object (&json);
  dc_json_key (&json, "refused");
  dc_json_int (&json, r->refused);
  dc_json_key (&json, "conflicts");
  dc_json_int (&json, r->conflicts);
  dc_json_key (&json, "rows");
  dc_json_begin_array (&json);
  for (guint i = 0; r->rows && i < r->rows->len; i++) {
    const DcReviewImportRow *row = g_ptr_array_index (r->rows, i);
    dc_json_begin_object (&json);
    dc_json_key (&json, "row");
    dc_json_int (&json, row->row);
    dc_json_member (&json, "code", row->code);
    dc_json_member (&json, "decision", row->decision);
    dc_json_member (&json, "state", row->state);
    dc_json_member (&json, "reviewer", row->reviewer);
    dc_json_member (&json, "changes", row->changes);
    dc_json_end_object (&json);
  }
  dc_json_end_array (&json);
  dc_json_key (&json, "problems");
  dc_json_begin_array (&json);
  for (guint i = 0; r->problems && i < r->problems->len; i++)
    dc_json_string (&json, g_ptr_array_index (r->problems, i));
  dc_json_end_array (&json);
  dc_json_end_object (&json);
  dc_json_print (&json);
}

static void
import_text (const DcReviewImportReport *r, gboolean dry_run, gboolean applied)
{
  for (guint i = 0; r->problems && i < r->problems->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (r->problems, i));
  if (!applied)
    return;
  printf (dry_run ? _ ("would apply %s: %d年度 %s, 見直し実施者 %s, SHA-256 %s\n")
                  : _ ("applied %s: %d年度 %s, 見直し実施者 %s, SHA-256 %s\n"),
          r->file, r->fiscal_year, r->section_name, r->reviewer, r->sha256);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < r->rows->len; i++) {
    const DcReviewImportRow *row = g_ptr_array_index (r->rows, i);
    gboolean same = g_str_equal (row->state, "unchanged") && !g_str_equal (row->decision, "変更なし");
    char *cells[] = { g_strdup_printf ("%u", row->row), row->code, row->decision,
                      same ? "(登録内容と同じ)" : row->changes, NULL };
    g_ptr_array_add (rows, g_strdupv (cells));
    g_free (cells[0]);
  }
  const char *headers[] = { "行", "資産番号", "判定", "変更内容", NULL };
  dc_cli_print_table (headers, rows);
  const guint *n = r->answered;
  printf (dry_run ? _ ("would record review %s: %u 変更なし, %u 修正, %u 廃棄, %u 移管, %u 新規; %u unanswered")
                  : _ ("recorded review %s: %u 変更なし, %u 修正, %u 廃棄, %u 移管, %u 新規; %u unanswered"),
          r->return_code, n[1], n[2], n[3], n[4], n[5], n[0]);
  if (r->refused)
    printf (dc_ngettext ("; %u row with problems left out", "; %u rows with problems left out", r->refused),
            r->refused);
  putchar ('\n');
}

static int
run_import (int argc, char **argv)
{
  gboolean dry_run = FALSE, partial = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_ ("Check and show what would change; change nothing"), NULL },
    { "partial", 0, 0, G_OPTION_ARG_NONE, &partial, N_ ("Apply the rows without problems and leave the others"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "FILE",
                            N_ ("Takes back a section's review workbook: every row is checked, rows whose asset changed "
                            "since the workbook was written are refused (exit 4), and the rest is applied in one "
                            "transaction with the reviewer named in the workbook, or nothing is."),
                            entries, TRUE, 2, _ ("give one workbook")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  DcReviewImportOptions options = { dry_run, partial };
  g_auto (DcReviewImportReport) report;
  gboolean ok = dc_review_import (store, argv[1], &options, &report, &error);
  if (dc_cli.json)
    import_json (&report, dry_run, ok);
  else
    import_text (&report, dry_run, ok);
  if (!ok)
    return dc_cli_fail (error);
  /* Rows left out: a conflict among them (changed since the export, or a new
   * asset already taken) is exit 4, as without --partial; other problems 1. */
  return report.conflicts ? DC_EXIT_CONFLICT : report.refused ? DC_EXIT_FINDINGS : DC_EXIT_OK;
}

static void
status_json (const DcReviewCampaign *c, GPtrArray *sections, const char *today)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_object (&json);
  dc_json_key (&json, "fiscal_year");
  dc_json_int (&json, c->fiscal_year);
  dc_json_member (&json, "opened_on", c->opened_on);
  dc_json_member (&json, "due_on", c->due_on);
  dc_json_member (&json, "status", c->status);
  dc_json_member (&json, "closed_on", c->closed_on);
  dc_json_member (&json, "closed_by", c->closed_by);
  dc_json_key (&json, "sections");
  dc_json_begin_array (&json);
  guint totals[DC_REVIEW_N_STATES] = { 0 }, items = 0;
  for (guint i = 0; i < sections->len; i++) {
    const DcReviewSectionStatus *s = g_ptr_array_index (sections, i);
    dc_json_begin_object (&json);
    dc_json_member (&json, "section", s->section);
    dc_json_member (&json, "name", s->section_name);
    dc_json_key (&json, "items");
    dc_json_int (&json, s->items);
    dc_json_key (&json, "answered");
    dc_json_int (&json, s->items - s->counts[0]);
    for (int k = 0; k < DC_REVIEW_N_STATES; k++) {
      dc_json_key (&json, dc_review_states[k]);
      dc_json_int (&json, s->counts[k]);
      totals[k] += s->counts[k];
    }
    items += s->items;
    dc_json_key (&json, "returns");
    dc_json_int (&json, s->returns);
    dc_json_member (&json, "last_return_on", s->last_return_on);
    dc_json_member (&json, "last_reviewer", s->last_reviewer);
    dc_json_key (&json, "overdue");
    dc_json_bool (&json, s->counts[0] && g_str_equal (c->status, "open") && strcmp (today, c->due_on) > 0);
    dc_json_end_object (&json);
  }
  dc_json_end_array (&json);
  dc_json_key (&json, "totals");
  dc_json_begin_object (&json);
  dc_json_key (&json, "items");
  dc_json_int (&json, items);
  for (int k = 0; k < DC_REVIEW_N_STATES; k++) {
    dc_json_key (&json, dc_review_states[k]);
    dc_json_int (&json, totals[k]);
  }
  dc_json_end_object (&json);
  dc_json_end_object (&json);
  dc_json_print (&json);
}

static void
status_text (const DcReviewCampaign *c, GPtrArray *sections, const char *today)
{
  g_autofree char *name = dc_date_fiscal_year_name (c->fiscal_year);
  gboolean late = g_str_equal (c->status, "open") && strcmp (today, c->due_on) > 0;
  if (g_str_equal (c->status, "open"))
    printf ("%s（%d年度）の見直し: 受付中　開始 %s　提出期限 %s%s\n", name, c->fiscal_year, c->opened_on,
            c->due_on, late ? "（期限を過ぎています）" : "");
  else
    printf ("%s（%d年度）の見直し: 終了 %s（%s）　開始 %s　提出期限 %s\n", name, c->fiscal_year, c->closed_on,
            c->closed_by ? c->closed_by : "", c->opened_on, c->due_on);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint totals[DC_REVIEW_N_STATES + 2] = { 0 };
  for (guint i = 0; i < sections->len; i++) {
    const DcReviewSectionStatus *s = g_ptr_array_index (sections, i);
    GPtrArray *row = g_ptr_array_new ();
    g_ptr_array_add (row, g_strdup (s->section_name));
    g_ptr_array_add (row, g_strdup_printf ("%u", s->items));
    g_ptr_array_add (row, g_strdup_printf ("%u", s->items - s->counts[0]));
    for (int k = 1; k < DC_REVIEW_N_STATES; k++)
      g_ptr_array_add (row, g_strdup_printf ("%u", s->counts[k]));
    g_ptr_array_add (row, g_strdup_printf ("%u", s->counts[0]));
    g_ptr_array_add (row, s->last_return_on ? g_strdup_printf ("%s %s", s->last_return_on, s->last_reviewer)
                                            : g_strdup ("-"));
    g_ptr_array_add (row, g_strdup (s->counts[0] && late ? "期限超過" : s->counts[0] ? "" : "完了"));
    g_ptr_array_add (row, NULL);
    g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
    totals[0] += s->items;
    totals[1] += s->items - s->counts[0];
    for (int k = 1; k < DC_REVIEW_N_STATES; k++)
      totals[k + 1] += s->counts[k];
    totals[DC_REVIEW_N_STATES + 1] += s->counts[0];
  }
  GPtrArray *row = g_ptr_array_new ();
  g_ptr_array_add (row, g_strdup ("計"));
  for (int k = 0; k < DC_REVIEW_N_STATES + 2; k++)
    g_ptr_array_add (row, g_strdup_printf ("%u", totals[k]));
  g_ptr_array_add (row, g_strdup (""));
  g_ptr_array_add (row, g_strdup (""));
  g_ptr_array_add (row, NULL);
  g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
  const char *headers[] = { "所管課", "対象", "回答", "変更なし", "修正", "廃棄", "移管", "新規", "未回答",
                            "最終受領", "", NULL };
  dc_cli_print_table (headers, rows);
}

static int
run_status (int argc, char **argv)
{
  g_autofree char *fy_text = NULL;
  int fy = 0;
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_STRING, &fy_text, N_ ("The fiscal year (default: the open review)"), "YEAR" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Shows per section how many assets are under review, answered (変更なし, 修正, 廃棄, 移管, "
                            "新規) and not yet answered, the last workbook received, and whether the deadline passed."),
                            entries, TRUE, 1, _ ("review status takes options only")))
    return DC_EXIT_USAGE;
  if (!dc_cli_fiscal_year (argv[0], fy_text, &fy))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || !(fy = fiscal_year (store, fy, TRUE, &error)))
    return dc_cli_fail (error);
  g_autoptr (DcReviewCampaign) campaign = dc_review_campaign_get (store, fy, &error);
  g_autoptr (GPtrArray) sections = campaign ? dc_review_status (store, fy, NULL, &error) : NULL;
  if (!sections)
    return dc_cli_fail (error);
  g_autofree char *today = dc_date_today ();
  if (dc_cli.json)
    status_json (campaign, sections, today);
  else
    status_text (campaign, sections, today);
  return DC_EXIT_OK;
}

static int
run_close (int argc, char **argv)
{
  g_autofree char *fy_text = NULL;
  int fy = 0;
  gboolean force = FALSE;
  g_autofree char *by = NULL;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_STRING, &fy_text, N_ ("The fiscal year (default: the open review)"), "YEAR" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_ ("The post closing it (default: the post named with `duty post asset_review`)"), "POST" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("The day it ends (default: today)"), "DATE" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("A remark kept with the review"), "TEXT" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_ ("Close even though some assets were not answered"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Ends the year's review and records the duties 情報資産台帳の見直し and 分類の見直し as done. "
                            "Refused while assets are unanswered, unless --force."),
                            entries, FALSE, 1, _ ("review close takes options only")))
    return DC_EXIT_USAGE;
  if (!dc_cli_fiscal_year (argv[0], fy_text, &fy))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || !(fy = fiscal_year (store, fy, FALSE, &error)) ||
      !dc_review_close (store, fy, date, by, force, note, &error))
    return dc_cli_fail (error);
  g_autoptr (DcReviewCampaign) campaign = dc_review_campaign_get (store, fy, &error);
  if (!campaign)
    return dc_cli_fail (error);
  printf (_ ("closed the review of %d on %s by %s; recorded asset_review and classification_review as done\n"),
          fy, campaign->closed_on, campaign->closed_by);
  return DC_EXIT_OK;
}

int
dc_cmd_review (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "open", N_ ("open the year's review: an item for every asset in use"), run_open },
    { "export", N_ ("write one workbook per section for the chiefs to fill in"), run_export },
    { "import", N_ ("take back a filled-in workbook: check every row, apply it"), run_import },
    { "status", N_ ("who has answered, what is left, whether it is late"), run_status },
    { "close", N_ ("end the year's review and record it as done"), run_close },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
