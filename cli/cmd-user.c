/* user: who may use a register on a PostgreSQL server (add, list, remove). */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "json.h"

#include <stdio.h>

static char *
sections_text (const DcUser *user)
{
  return g_strjoinv ("、", user->sections);
}

static int
run_add (int argc, char **argv)
{
  g_autofree char *role = NULL;
  g_auto (GStrv) sections = NULL;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_ ("admin, editor or auditor (required)"), "ROLE" },
    { "section", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sections,
      N_ ("A section an editor may change (and those below it); repeat for more"), "CODE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "LOGIN",
                            N_ ("Gives LOGIN, a login the PostgreSQL server has, a role in this register: admin "
                            "(everything), editor (the assets, ID entries and review returns of the sections "
                            "given) or auditor (reads and exports only). Replaces what LOGIN had. The server "
                            "enforces it, in daicho and in any other client."),
                            entries, FALSE, 2, _ ("give one login")))
    return DC_EXIT_USAGE;
  if (!role)
    return dc_cli_usage (argv[0], _ ("--role ROLE is required (admin, editor or auditor)"));

  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  gboolean changed = FALSE;
  if (!store || !dc_user_add (store, argv[1], role, (const char *const *) sections, &changed, &error))
    return dc_cli_fail (error);
  if (!changed)
    printf (_ ("%s already is %s: nothing changed\n"), argv[1], role);
  else if (sections) {
    g_autofree char *list = g_strjoinv ("、", sections);
    printf (_ ("%s is %s of %s\n"), argv[1], role, list);
  }
  else
    printf (_ ("%s is %s\n"), argv[1], role);
  return DC_EXIT_OK;
}

static int
run_list (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, NULL, N_ ("Lists the users of this register with their roles."),
                            NULL, TRUE, 1, _ ("user list takes no arguments")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_READ, &error);
  g_autoptr (GPtrArray) users = store ? dc_user_list (store, &error) : NULL;
  if (!users)
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_array (&json);
    for (guint i = 0; i < users->len; i++) {
      const DcUser *user = g_ptr_array_index (users, i);
      dc_json_begin_object (&json);
      dc_json_member (&json, "login", user->login);
      dc_json_member (&json, "role", user->role);
      dc_json_key (&json, "sections");
      dc_json_begin_array (&json);
      for (guint s = 0; user->sections[s]; s++)
        dc_json_string (&json, user->sections[s]);
      dc_json_end_array (&json);
      dc_json_end_object (&json);
    }
    dc_json_end_array (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < users->len; i++) {
    const DcUser *user = g_ptr_array_index (users, i);
    g_autofree char *sections = sections_text (user);
    char *row[] = { user->login, user->role, sections, NULL };
    g_ptr_array_add (rows, g_strdupv (row));
  }
  const char *headers[] = { "ログイン", "役割", "変更できる所属", NULL };
  dc_cli_print_table (headers, rows);
  return DC_EXIT_OK;
}

static int
run_remove (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, "LOGIN",
                            N_ ("Takes LOGIN's role in this register away; the login stays on the server."),
                            NULL, FALSE, 2, _ ("give one login")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || !dc_user_remove (store, argv[1], &error))
    return dc_cli_fail (error);
  printf (_ ("%s is no longer a user of this register\n"), argv[1]);
  return DC_EXIT_OK;
}

int
dc_cmd_user (int argc, char **argv)
{
  static const DcCliCommand table[] = {
    { "add", N_ ("give a login a role (admin, editor of sections, auditor)"), run_add },
    { "list", N_ ("the users and their roles"), run_list },
    { "remove", N_ ("take a login's role away"), run_remove },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (table, argc, argv);
}
