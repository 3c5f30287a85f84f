/* history: the record of every change. */
#include "cli.h"
#include "audit/dc-audit-files.h"
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

/* An entry as people read it: local time, the action and entity in words,
 * the changed fields with their values in words (dc_words_changes). */
static void
entry_text (DcStore *store, const DcHistoryEntry *e)
{
  g_autofree char *at = dc_date_time_local (e->at);
  printf ("#%" G_GINT64_FORMAT "  %s  %s  %s %s %s\n", e->seq, at, e->actor, dc_words_action (e->action),
          dc_words_entity (e->entity), e->entity_key);
  if (!e->before_json)
    return;  /* a new entity: the whole record is its content */
  g_autofree char *changes = dc_words_changes (store, e, FALSE, "\n    ", NULL);
  if (changes && *changes)
    printf ("    %s\n", changes);
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
  /* Entities of the history only: no table holds them as records. */
  static const char *const history_only[] = { DC_USER_ENTITY, DC_AUDIT_FILES_ENTITY, NULL };
  if (entity && !dc_snapshot_entity_known (entity) && !g_strv_contains (history_only, entity)) {
    g_autofree char *known = g_strjoinv (", ", (char **) dc_snapshot_entities);
    g_autofree char *others = g_strjoinv (", ", (char **) history_only);
    g_autofree char *kinds = g_strconcat (known, ", ", others, NULL);
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
