/* duty and due: periodic duties (定期業務), their completions, and what is
 * overdue or due soon. */
#include "cmd-record.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
run_done (int argc, char **argv)
{
  g_autofree char *system = NULL;
  g_autofree char *asset = NULL;
  g_autofree char *date = NULL;
  g_autofree char *by = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("The system it was done for (duties done per system)"), "SYSTEM" },
    { "asset", 0, 0, G_OPTION_ARG_STRING, &asset, N_ ("The asset it was done for (duties done per asset)"), "CODE" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("The day it was done (default: today)"), "DATE" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_ ("The post that did it (補職; required)"), "POST" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("What was done or found"), "TEXT" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "DUTY",
                            N_ ("Records that a periodic duty was done (see `daicho duty list` for the duties). The person "
                            "holding the post that day is kept with it."),
                            entries, FALSE, 2, _ ("give one duty")))
    return DC_EXIT_USAGE;
  if (!by)
    return dc_cli_usage (argv[0], _ ("--by POST is required"));
  if (system && asset)
    return dc_cli_usage (argv[0], _ ("give --system or --asset, not both"));
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  g_autofree char *today = dc_date_today ();
  const char *day = date ? date : today;
  gboolean ok = asset ? dc_duty_record_done_asset (store, argv[1], asset, day, by, note, &error)
                      : dc_duty_record_done (store, argv[1], system, day, by, note, &error);
  if (!ok)
    return dc_cli_fail (error);
  const char *target = system ? system : asset;
  if (target)
    printf (_ ("recorded %s for %s done on %s by %s\n"), argv[1], target, day, by);
  else
    printf (_ ("recorded %s done on %s by %s\n"), argv[1], day, by);
  return DC_EXIT_OK;
}

static void
duty_json (DcJson *json, const DcDuty *d, guint targets)
{
  dc_json_begin_object (json);
  dc_json_member (json, "code", d->code);
  dc_json_member (json, "name", d->name);
  const char *intervals[] = { "monthly", "fiscal_year", "months" };
  const char *scopes[] = { "register", "system", "asset" };
  dc_json_member (json, "interval", intervals[d->interval]);
  dc_json_key (json, "months");
  dc_json_int (json, d->months);
  dc_json_member (json, "interval_text", dc_duty_interval_text (d));
  dc_json_member (json, "scope", scopes[d->scope]);
  dc_json_member (json, "condition", d->condition);
  dc_json_member (json, "role", d->role);
  dc_json_key (json, "plan_month");
  dc_json_int (json, d->plan_month);
  dc_json_member (json, "recorded_by", d->recorded_by);
  dc_json_member (json, "source", d->source);
  dc_json_key (json, "targets");
  dc_json_int (json, targets);
  dc_json_end_object (json);
}

static int
run_list (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Lists the periodic duties (DOMAIN: seed 003): how often, for what (the whole register, "
                            "each system, each asset meeting a condition), who is responsible, and how many targets "
                            "this register has."),
                            NULL, TRUE, 1, _ ("duty list takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  g_autoptr (GPtrArray) targets = store ? dc_duty_targets (store, NULL, &error) : NULL;
  if (!targets)
    return dc_cli_fail (error);
  const GPtrArray *duties = dc_duty_catalogue ();
  g_autofree guint *counts = g_new0 (guint, duties->len);
  for (guint t = 0; t < targets->len; t++) {
    const DcDutyTarget *target = g_ptr_array_index (targets, t);
    for (guint d = 0; d < duties->len; d++)
      counts[d] += target->duty == g_ptr_array_index (duties, d);
  }
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_array (&json);
    for (guint d = 0; d < duties->len; d++)
      duty_json (&json, g_ptr_array_index (duties, d), counts[d]);
    dc_json_end_array (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint d = 0; d < duties->len; d++) {
    const DcDuty *duty = g_ptr_array_index (duties, d);
    g_autofree char *post = duty->scope == DC_DUTY_REGISTER ? dc_duty_register_post (store, duty->code, NULL) : NULL;
    GPtrArray *row = g_ptr_array_new ();
    g_ptr_array_add (row, g_strdup (duty->code));
    g_ptr_array_add (row, g_strdup (duty->name));
    g_ptr_array_add (row, g_strdup (dc_duty_interval_text (duty)));
    g_ptr_array_add (row, duty->plan_month ? g_strdup_printf ("%d月", duty->plan_month) : g_strdup (""));
    g_ptr_array_add (row, *duty->condition ? g_strdup_printf ("%s（%s）", dc_duty_scope_text (duty), duty->condition)
                                           : g_strdup (dc_duty_scope_text (duty)));
    g_ptr_array_add (row, g_strdup (duty->scope != DC_DUTY_REGISTER ? duty->role
                                    : post ? post : "（未設定: daicho duty post）"));
    g_ptr_array_add (row, g_strdup_printf ("%u", counts[d]));
    g_ptr_array_add (row, NULL);
    g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
  }
  const char *headers[] = { "コード", "業務", "周期", "予定月", "対象", "担当", "件数", NULL };
  dc_cli_print_table (headers, rows);
  return DC_EXIT_OK;
}

static int
run_log (int argc, char **argv)
{
  g_autofree char *system = NULL;
  g_autofree char *asset = NULL;
  GOptionEntry entries[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("Only for this system"), "SYSTEM" },
    { "asset", 0, 0, G_OPTION_ARG_STRING, &asset, N_ ("Only for this asset"), "CODE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "[DUTY]", N_ ("Lists the recorded completions, oldest first."),
                            entries, TRUE, -1, NULL))
    return DC_EXIT_USAGE;
  if (argc > 2)
    return dc_cli_usage (argv[0], _ ("give at most one duty"));
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || (argc == 2 && !dc_duty_lookup (argv[1], &error)))
    return dc_cli_fail (error);
  g_autofree char *system_code = system ? dc_record_resolve_code (store, &dc_system_kind, system, &error) : NULL;
  g_autofree char *asset_code = asset && !error ? dc_record_resolve_code (store, &dc_asset_kind, asset, &error) : NULL;
  if (error)
    return dc_cli_fail (error);
  g_autoptr (GPtrArray) done = dc_duty_done_list (store, argc == 2 ? argv[1] : NULL, system_code, asset_code,
                                                  &error);
  if (!done)
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_array (&json);
    for (guint i = 0; i < done->len; i++) {
      const DcDutyDone *d = g_ptr_array_index (done, i);
      dc_json_begin_object (&json);
      dc_json_member (&json, "code", d->code);
      dc_json_member (&json, "duty", d->duty);
      dc_json_member (&json, "system", d->system);
      dc_json_member (&json, "asset", d->asset);
      dc_json_member (&json, "done_on", d->done_on);
      dc_json_member (&json, "post", d->post);
      dc_json_member (&json, "person", d->person);
      dc_json_member (&json, "note", d->note);
      dc_json_member (&json, "recorded_on", d->recorded_on);
      dc_json_end_object (&json);
    }
    dc_json_end_array (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < done->len; i++) {
    const DcDutyDone *d = g_ptr_array_index (done, i);
    const char *target = d->system ? d->system : d->asset ? d->asset : "全庁";
    char *row[] = { d->done_on, d->duty, (char *) target, d->post, d->person ? d->person : "", d->note, NULL };
    g_ptr_array_add (rows, g_strdupv (row));
  }
  const char *headers[] = { "実施日", "業務", "対象", "補職", "職員番号", "備考", NULL };
  dc_cli_print_table (headers, rows);
  return DC_EXIT_OK;
}

static int
run_post (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, "DUTY POST",
                            N_ ("Names the post responsible for a duty done once for the whole register (such as "
                            "asset_review). Duties per system belong to the system's administering post, duties per "
                            "asset to the asset's responsible post."),
                            NULL, FALSE, 3, _ ("give the duty and the post")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || !dc_duty_set_register_post (store, argv[1], argv[2], &error))
    return dc_cli_fail (error);
  g_autofree char *post = dc_duty_register_post (store, argv[1], NULL);
  printf (_ ("%s is the responsibility of %s\n"), argv[1], post);
  return DC_EXIT_OK;
}

int
dc_cmd_duty (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "list", N_ ("the periodic duties, how often, for what, who"), run_list },
    { "done", N_ ("record that a duty was done"), run_done },
    { "log", N_ ("the completions recorded"), run_log },
    { "post", N_ ("name the post responsible for a register-wide duty"), run_post },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}

/* ---- due ---- */

/* "30", "30d" or "4w" as days; -1 when it is none of these. */
static int
parse_days (const char *text)
{
  char *end = NULL;
  long n = strtol (text, &end, 10);
  if (end == text || n < 0 || n > 3660)
    return -1;
  if (*end == '\0' || g_str_equal (end, "d"))
    return (int) n;
  if (g_str_equal (end, "w"))
    return (int) n * 7;
  return -1;
}

static const char *
state_text (const DcDueItem *item, char *buffer, gsize size)
{
  if (item->state == DC_DUE_OVERDUE && !item->next_due)
    return "記録なし";
  if (item->state == DC_DUE_OVERDUE)
    g_snprintf (buffer, size, "期限超過 %d日", -item->days);
  else if (item->days == 0)
    g_snprintf (buffer, size, "本日期限");
  else
    g_snprintf (buffer, size, "あと%d日", item->days);
  return buffer;
}

static void
due_json (DcStore *store, GPtrArray *items, const char *as_of, int within)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_object (&json);
  dc_json_member (&json, "as_of", as_of);
  dc_json_key (&json, "within_days");
  dc_json_int (&json, within);
  dc_json_key (&json, "items");
  dc_json_begin_array (&json);
  for (guint i = 0; i < items->len; i++) {
    const DcDueItem *item = g_ptr_array_index (items, i);
    const DcDutyTarget *t = item->target;
    dc_json_begin_object (&json);
    dc_json_member (&json, "state", item->state == DC_DUE_OVERDUE ? "overdue" : item->state == DC_DUE_SOON
                                                                                  ? "soon" : "ok");
    dc_json_member (&json, "duty", t->duty->code);
    dc_json_member (&json, "name", t->duty->name);
    dc_json_member (&json, "system", t->system);
    dc_json_member (&json, "asset", t->asset);
    dc_json_member (&json, "target", t->name);
    dc_json_member (&json, "post", t->post);
    dc_json_member (&json, "post_name", t->post_name);
    dc_json_key (&json, "holders");
    dc_json_begin_array (&json);
    g_autoptr (GPtrArray) holders = t->post ? dc_post_holders_on (store, t->post, as_of, NULL) : NULL;
    for (guint h = 0; holders && h < holders->len; h++)
      dc_cli_assignment_json (&json, g_ptr_array_index (holders, h), FALSE);
    dc_json_end_array (&json);
    dc_json_member (&json, "last_done", item->last_done);
    dc_json_member (&json, "next_due", item->next_due);
    dc_json_key (&json, "days");
    if (item->next_due)
      dc_json_int (&json, item->days);
    else
      dc_json_raw (&json, NULL);
    dc_json_end_object (&json);
  }
  dc_json_end_array (&json);
  dc_json_end_object (&json);
  dc_json_print (&json);
}

static void
due_text (DcStore *store, GPtrArray *items, const char *as_of, int within, guint overdue)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < items->len; i++) {
    const DcDueItem *item = g_ptr_array_index (items, i);
    const DcDutyTarget *t = item->target;
    char buffer[64];
    g_autofree char *post = t->post ? g_strdup_printf ("%s（%s）", t->post_name, t->post)
                                    : g_strdup ("（未設定: daicho duty post）");
    g_autofree char *holder = t->post ? dc_cli_post_holder_text (store, t->post, as_of) : g_strdup ("");
    char *row[] = { (char *) state_text (item, buffer, sizeof buffer), item->next_due ? item->next_due : "-",
                    t->duty->name, t->name, post, holder, item->last_done ? item->last_done : "-", NULL };
    g_ptr_array_add (rows, g_strdupv (row));
  }
  if (rows->len) {
    const char *headers[] = { "状態", "期限", "業務", "対象", "担当補職", "現在の担当者", "前回実施", NULL };
    dc_cli_print_table (headers, rows);
  }
  printf (_ ("%s%u overdue, %u due within %d days (as of %s)\n"), rows->len ? "\n" : "", overdue,
          items->len - overdue, within, as_of);
}

int
dc_cmd_due (int argc, char **argv)
{
  g_autofree char *as_of = NULL;
  g_autofree char *post = NULL;
  g_autofree char *within_text = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_ ("Judge as of this date (default: today)"), "DATE" },
    { "post", 0, 0, G_OPTION_ARG_STRING, &post, N_ ("Only the duties of this post"), "POST" },
    { "within", 0, 0, G_OPTION_ARG_STRING, &within_text, N_ ("What counts as due soon: 30d (default), 2w, 60"), "DAYS" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_ ("Also the duties that are not due soon"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Shows the periodic duties that are overdue or due soon, with the responsible post and "
                            "the person holding it. A duty never recorded counts as overdue. Exit 1 when anything "
                            "is overdue."),
                            entries, TRUE, 1, _ ("due takes options only")))
    return DC_EXIT_USAGE;
  int within = within_text ? parse_days (within_text) : 30;
  if (within < 0)
    return dc_cli_usage (argv[0], _ ("--within takes days: 30, 30d or 4w"));
  GError *error = NULL;
  g_autofree char *today = dc_date_today ();
  g_autofree char *day = dc_date_normalise (as_of ? as_of : today, "--as-of", &error);
  g_autoptr (DcStore) store = day ? dc_cli_open (DC_STORE_OPEN_EXISTING, &error) : NULL;
  g_autofree char *post_code = store && post ? dc_record_resolve_code (store, &dc_post_kind, post, &error) : NULL;
  if (!store || (post && !post_code))
    return dc_cli_fail (error);
  g_autoptr (GPtrArray) items = dc_due_list (store, day, within, &error);
  if (!items)
    return dc_cli_fail (error);
  guint overdue = 0;
  for (guint i = items->len; i-- > 0;) {
    const DcDueItem *item = g_ptr_array_index (items, i);
    if ((post_code && g_strcmp0 (item->target->post, post_code) != 0) || (!all && item->state == DC_DUE_OK))
      g_ptr_array_remove_index (items, i);
    else
      overdue += item->state == DC_DUE_OVERDUE;
  }
  if (dc_cli.json)
    due_json (store, items, day, within);
  else
    due_text (store, items, day, within, overdue);
  return overdue ? DC_EXIT_FINDINGS : DC_EXIT_OK;
}
