/* post: posts (補職) and who holds them over time. */
#include "cmd-record.h"
#include "base/dc-i18n.h"
#include "json.h"

#include <stdio.h>

char *
dc_cli_post_holder_text (DcStore *store, const char *post, const char *date)
{
  g_autoptr (GPtrArray) holders = dc_post_holders_on (store, post, date, NULL);
  if (!holders || holders->len == 0)
    return g_strdup ("(vacant)");
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < holders->len; i++) {
    DcAssignment *a = g_ptr_array_index (holders, i);
    g_string_append_printf (text, "%s%s (%s)", i ? ", " : "", a->person_name, a->employee_no);
  }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
dc_cli_assignment_json (DcJson *json, const DcAssignment *a, gboolean with_post)
{
  dc_json_begin_object (json);
  if (with_post)
    dc_json_member (json, "post", a->post);
  dc_json_member (json, "employee_no", a->employee_no);
  dc_json_member (json, "name", a->person_name);
  dc_json_member (json, "from", a->from);
  dc_json_member (json, "to", a->to);
  dc_json_end_object (json);
}

static void
post_extras (DcStore *store, const DcRecord *record, gboolean detail, GPtrArray *extras)
{
  g_autofree char *today = dc_date_today ();
  dc_cli_extra_add (extras, "holder", "現在の担当者",
                    dc_cli_post_holder_text (store, dc_record_key (record), today));
}

static int
run_assign (int argc, char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_ ("First day the person holds the post (required)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("First day the person no longer holds it"), "DATE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "POST PERSON",
                            N_ ("Makes PERSON (employee number or name) the holder of POST from --from. The previous "
                            "holder's open assignment ends that day; no asset changes."),
                            entries, FALSE, 3, _ ("give the post and the person")))
    return DC_EXIT_USAGE;
  if (!from)
    return dc_cli_usage (argv[0], _ ("--from DATE is required"));

  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || !dc_post_assign (store, argv[1], argv[2], from, to, &error))
    return dc_cli_fail (error);
  if (to)
    printf (_ ("%s is held by %s from %s to %s\n"), argv[1], argv[2], from, to);
  else
    printf (_ ("%s is held by %s from %s\n"), argv[1], argv[2], from);
  return DC_EXIT_OK;
}

static int
run_holders (int argc, char **argv)
{
  g_autofree char *on = NULL;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_ ("Only who held the post on this date"), "DATE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "[POST]", N_ ("Lists who held POST (or every post) and when."),
                            entries, TRUE, -1, NULL))
    return DC_EXIT_USAGE;
  if (argc > 2)
    return dc_cli_usage (argv[0], _ ("give at most one post"));

  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  const char *post = argc == 2 ? argv[1] : NULL;
  g_autoptr (GPtrArray) list = on ? dc_post_holders_on (store, post, on, &error)
                                  : dc_post_assignments (store, post, &error);
  if (!list)
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_array (&json);
    for (guint i = 0; i < list->len; i++)
      dc_cli_assignment_json (&json, g_ptr_array_index (list, i), TRUE);
    dc_json_end_array (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < list->len; i++) {
    DcAssignment *a = g_ptr_array_index (list, i);
    char *row[] = { a->post, a->employee_no, a->person_name, a->from, a->to ? a->to : "", NULL };
    g_ptr_array_add (rows, g_strdupv (row));
  }
  const char *headers[] = { "補職", "職員番号", "氏名", "開始日", "終了日", NULL };
  dc_cli_print_table (headers, rows);
  return DC_EXIT_OK;
}

int
dc_cmd_post (int argc, char **argv)
{
  static const char *const columns[] = { "code", "name", "section", "holder", NULL };
  static const DcCliHeader headers[] = { { "holder", "現在の担当者" }, { NULL, NULL } };
  static const DcCliCommand more[] = {
    { "assign", N_ ("make a person the holder of a post from a date"), run_assign },
    { "holders", N_ ("who held a post, and when"), run_holders },
    { NULL, NULL, NULL }
  };
  static const DcCliRecordSpec spec = { .kind = &dc_post_kind, .columns = columns,
                                        .extra_headers = headers, .extras = post_extras,
                                        .more_commands = more };
  return dc_cli_record_command (&spec, argc, argv);
}
