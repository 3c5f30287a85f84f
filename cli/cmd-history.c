/* history and audit verify: the record of every change, and its check. */
#include "cli.h"
#include "commands.h"
#include "base/dc-i18n.h"
#include "json.h"

#include <stdio.h>

static void
entry_json (DcJson *json, const DcHistoryEntry *e)
{
  dc_json_begin_object (json);
  dc_json_key (json, "seq");
  dc_json_int (json, e->seq);
  dc_json_member (json, "at", e->at);
  dc_json_member (json, "actor", e->actor);
  dc_json_member (json, "action", e->action);
  dc_json_member (json, "entity", e->entity);
  dc_json_member (json, "key", e->entity_key);
  dc_json_key (json, "before");
  dc_json_raw (json, e->before_json);
  dc_json_key (json, "after");
  dc_json_raw (json, e->after_json);
  dc_json_member (json, "prev_hash", e->prev_hash);
  dc_json_member (json, "hash", e->hash);
  dc_json_end_object (json);
}

static void
entry_text (DcStore *store, const DcHistoryEntry *e)
{
  g_autofree char *at = dc_date_time_local (e->at);
  printf ("#%" G_GINT64_FORMAT "  %s  %s  %s %s %s\n", e->seq, at, e->actor, e->action,
          e->entity, e->entity_key);
  if (!e->before_json)
    return;  /* a new entity: the whole record is its content */
  g_autoptr (GPtrArray) changes = dc_history_changes (store, e, NULL);
  for (guint i = 0; changes && i < changes->len; i++) {
    DcFieldChange *c = g_ptr_array_index (changes, i);
    printf ("    %s: %s → %s\n", c->field, c->before ? c->before : "(none)",
            c->after ? c->after : "(none)");
  }
}

int
dc_cmd_history (int argc, char **argv)
{
  g_autofree char *asset = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *key = NULL;
  g_autofree char *since = NULL;
  GOptionEntry entries[] = {
    { "asset", 0, 0, G_OPTION_ARG_STRING, &asset, N_ ("Only the changes to this asset"), "CODE" },
    { "entity", 0, 0, G_OPTION_ARG_STRING, &entity, N_ ("Only this kind: asset, section, post, person, system, id_entry, reconcile_run, ... (see the usage error for all)"), "KIND" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_ ("Only the entity with this key (with --entity)"), "KEY" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_ ("Only changes on or after this date"), "DATE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Shows the history of changes, oldest first, with who made each."),
                            entries, TRUE, 1, _ ("history takes options only")))
    return DC_EXIT_USAGE;
  if (entity && !dc_snapshot_entity_known (entity)) {
    g_autofree char *kinds = g_strjoinv (", ", (char **) dc_snapshot_entities);
    g_autofree char *message = g_strdup_printf (_ ("--entity must be one of %s"), kinds);
    return dc_cli_usage (argv[0], message);
  }

  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_READ, &error);
  if (!store)
    return dc_cli_fail (error);
  /* History times are UTC; the day starts at local midnight (the end of the day before). */
  g_autofree char *since_date = since ? dc_date_normalise (since, "--since", &error) : NULL;
  g_autofree char *since_at = NULL;
  if (since_date) {
    g_autoptr (GDate) day = g_date_new ();
    g_date_set_parse (day, since_date);
    g_date_subtract_days (day, 1);
    char before[16];
    g_date_strftime (before, sizeof before, "%Y-%m-%d", day);
    since_at = dc_asof_cutoff (before, &error);
  }
  if (since && !since_at)
    return dc_cli_fail (error);
  g_autofree char *asset_code = asset ? dc_record_resolve_code (store, &dc_asset_kind, asset, &error) : NULL;
  if (asset && !asset_code)
    return dc_cli_fail (error);
  DcHistoryFilter filter = { asset ? "asset" : entity, asset ? asset_code : key, since_at };
  g_autoptr (GPtrArray) list = dc_history_list (store, &filter, &error);
  if (!list)
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_array (&json);
    for (guint i = 0; i < list->len; i++)
      entry_json (&json, g_ptr_array_index (list, i));
    dc_json_end_array (&json);
    dc_json_print (&json);
  } else {
    for (guint i = 0; i < list->len; i++)
      entry_text (store, g_ptr_array_index (list, i));
  }
  return DC_EXIT_OK;
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
    return dc_cmd_audit_verify_package (argv[1]);
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_READ, &error);
  if (!store)
    return dc_cli_fail (error);
  g_auto (DcVerifyReport) report;
  gboolean ok = dc_history_verify (store, &report, &error);
  if (!ok && !report.problem)
    return dc_cli_fail (error);
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
    dc_json_end_object (&json);
    dc_json_print (&json);
  } else if (ok) {
    printf (_ ("intact: %lld history entries chain correctly and %lld records match them\nhead hash: %s\n"),
            (long long) report.entries, (long long) report.entities, report.head_hash);
  }
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
    { "export", N_ ("write the auditor's package (監査資料) into a new directory"), dc_cmd_audit_export },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
