/* asset: the register's information assets. */
#include "cmd-record.h"
#include "base/dc-i18n.h"
#include "json.h"

#include <stdio.h>

/* Loaded once per process for the derived 重要度 and handling mark. */
static DcScheme *scheme;
/* Post code → holder text today: posts repeat across thousands of assets. */
static GHashTable *holder_cache;

static char *
strv_json (GStrv codes)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_array (&json);
  for (char **c = codes; c && *c; c++)
    dc_json_string (&json, *c);
  dc_json_end_array (&json);
  return dc_json_finish (&json);
}

static void
asset_extras (DcStore *store, const DcRecord *record, gboolean detail, GPtrArray *extras)
{
  if (!scheme)
    scheme = dc_scheme_from_store (store, NULL);
  if (!holder_cache)
    holder_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (scheme) {
    dc_cli_extra_add_json (extras, "value", "重要度",
                           g_strdup_printf ("%d", dc_asset_value (scheme, record)));
    const DcLevel *c = dc_scheme_level (scheme, 'C', dc_record_get (record, "c"));
    dc_cli_extra_add (extras, "handling_mark", "取扱区分",
                      g_strdup (dc_scheme_needs_mark (scheme, c) ? scheme->handling_mark : ""));
  }
  const char *post = dc_record_get (record, "post");
  const char *holder = g_hash_table_lookup (holder_cache, post);
  if (!holder) {
    g_autofree char *today = dc_date_today ();
    holder = dc_cli_post_holder_text (store, post, today);
    g_hash_table_insert (holder_cache, g_strdup (post), (char *) holder);
  }
  dc_cli_extra_add (extras, "responsible_person", "現在の責任者", g_strdup (holder));
  if (!detail)
    return;
  g_auto (GStrv) uses = dc_asset_dependencies (store, dc_record_key (record), FALSE, NULL);
  g_auto (GStrv) used_by = dc_asset_dependencies (store, dc_record_key (record), TRUE, NULL);
  dc_cli_extra_add (extras, "depends_on_text", "利用する資産", g_strjoinv (", ", uses));
  dc_cli_extra_add (extras, "used_by_text", "利用される資産", g_strjoinv (", ", used_by));
  dc_cli_extra_add_json (extras, "depends_on", NULL, strv_json (uses));
  dc_cli_extra_add_json (extras, "used_by", NULL, strv_json (used_by));
}

static int
run_retire (int argc, char **argv)
{
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("Why it is no longer used (replaces the note)"), "TEXT" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "CODE",
                            N_ ("Marks an active asset as no longer used; it stays in the register."),
                            entries, FALSE, 2, _ ("give one asset code")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || !dc_asset_retire (store, argv[1], note, &error))
    return dc_cli_fail (error);
  printf (_ ("retired asset %s\n"), argv[1]);
  return DC_EXIT_OK;
}

static int
run_dispose (int argc, char **argv)
{
  g_autofree char *date = NULL;
  g_autofree char *method = NULL;
  g_autofree char *certificate = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("Date of disposal (default: today)"), "DATE" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_ ("How it was disposed of, e.g. 物理破壊 (required)"), "TEXT" },
    { "certificate", 0, 0, G_OPTION_ARG_STRING, &certificate, N_ ("Reference of the disposal certificate (廃棄証明書)"), "REF" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "CODE",
                            N_ ("Records the disposal of an asset (廃棄記録): date, method, certificate."),
                            entries, FALSE, 2, _ ("give one asset code")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  g_autofree char *today = dc_date_today ();
  if (!dc_asset_dispose (store, argv[1], date ? date : today, method, certificate, &error))
    return dc_cli_fail (error);
  printf (_ ("disposed asset %s\n"), argv[1]);
  return DC_EXIT_OK;
}

static int
run_depend (int argc, char **argv)
{
  gboolean remove = FALSE;
  GOptionEntry entries[] = {
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_ ("Remove the dependency instead"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "ASSET USED-ASSET",
                            N_ ("Records that ASSET uses USED-ASSET (data on a server, a server on the network). "
                            "Cycles are refused."),
                            entries, FALSE, 3, _ ("give two asset codes")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || !(remove ? dc_asset_undepend (store, argv[1], argv[2], &error)
                         : dc_asset_depend (store, argv[1], argv[2], &error)))
    return dc_cli_fail (error);
  printf (remove ? _ ("%s no longer uses %s\n") : _ ("%s uses %s\n"), argv[1], argv[2]);
  return DC_EXIT_OK;
}

static int
run_responsible (int argc, char **argv)
{
  g_autofree char *on = NULL;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_ ("The date (default: today)"), "DATE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "CODE",
                            N_ ("Who was responsible for an asset on a date: the post it had then and the post's holder."),
                            entries, TRUE, 2, _ ("give one asset code")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  g_autofree char *day = on ? dc_date_normalise (on, "--on", &error) : dc_date_today ();
  g_autofree char *code = day ? dc_record_resolve_code (store, &dc_asset_kind, argv[1], &error) : NULL;
  g_autofree char *post = code ? dc_asset_post_on (store, code, day, &error) : NULL;
  g_autoptr (DcRecord) post_record = post ? dc_record_get_one (store, &dc_post_kind, post, &error) : NULL;
  g_autoptr (GPtrArray) holders = post_record ? dc_post_holders_on (store, post, day, &error) : NULL;
  if (!holders)
    return dc_cli_fail (error);
  const char *post_name = dc_record_get (post_record, "name");
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    dc_json_member (&json, "asset", code);
    dc_json_member (&json, "date", day);
    dc_json_member (&json, "post", post);
    dc_json_member (&json, "post_name", post_name);
    dc_json_key (&json, "holders");
    dc_json_begin_array (&json);
    for (guint i = 0; i < holders->len; i++)
      dc_cli_assignment_json (&json, g_ptr_array_index (holders, i), FALSE);
    dc_json_end_array (&json);
    dc_json_end_object (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  printf ("%s: %s (%s)", code, post_name, post);
  if (holders->len == 0)
    printf (_ (", vacant on %s\n"), day);
  for (guint i = 0; i < holders->len; i++) {
    DcAssignment *a = g_ptr_array_index (holders, i);
    printf ("%s %s (%s)", i ? "," : " —", a->person_name, a->employee_no);
  }
  if (holders->len)
    putchar ('\n');
  return DC_EXIT_OK;
}

int
dc_cmd_asset (int argc, char **argv)
{
  static const char *const columns[] = { "code", "type", "name", "c", "i", "a", "value",
                                         "section", "post", "status", NULL };
  static const DcCliHeader headers[] = { { "value", "重要度" }, { NULL, NULL } };
  static const DcCliCommand more[] = {
    { "retire", N_ ("mark an asset as no longer used"), run_retire },
    { "dispose", N_ ("record the disposal of an asset"), run_dispose },
    { "depend", N_ ("record that one asset uses another"), run_depend },
    { "responsible", N_ ("who was responsible for an asset on a date"), run_responsible },
    { NULL, NULL, NULL }
  };
  static const DcCliRecordSpec spec = { .kind = &dc_asset_kind, .columns = columns,
                                        .extra_headers = headers, .add_without_key = TRUE,
                                        .add = dc_asset_add, .edit = dc_asset_edit,
                                        .extras = asset_extras, .more_commands = more };
  return dc_cli_record_command (&spec, argc, argv);
}
