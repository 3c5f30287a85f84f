/* records: records past their retention period (保存期間). */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "json.h"

#include <stdio.h>

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
