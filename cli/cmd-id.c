/* id: the ID registers (ID管理簿) of the systems. */
#include "cmd-record.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "import-report.h"
#include "json.h"

#include <stdio.h>

/* Option values of dc_id_kind's fields, one slot per field. */
typedef struct {
  char **v;
} IdOptions;

static void
id_options_clear (IdOptions *o)
{
  for (guint i = 0; o->v && i < dc_id_kind.n_fields; i++)
    g_free (o->v[i]);
  g_clear_pointer (&o->v, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IdOptions, id_options_clear)

static void
list_json (DcJson *json, const char *key, char **items)
{
  dc_json_key (json, key);
  dc_json_begin_array (json);
  for (char **i = items; i && *i; i++)
    dc_json_string (json, *i);
  dc_json_end_array (json);
}

static void
entry_json (DcJson *json, const DcIdEntry *e, const DcStaffMember *holder)
{
  dc_json_begin_object (json);
  const char *members[][2] = {
    { "system", e->system }, { "login_id", e->login_id }, { "login_key", e->login_key },
    { "holder", e->holder }, { "holder_name", e->holder_name }, { "kind", e->kind },
    { "kind_name", dc_id_kind_name (e->kind) },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    dc_json_member (json, members[i][0], members[i][1]);
  list_json (json, "privileges", e->privileges);
  const char *more[][2] = {
    { "applicant", e->applicant }, { "approver", e->approver }, { "registrar", e->registrar },
    { "approved_on", e->approved_on }, { "valid_until", e->valid_until },
    { "shared_reason", e->shared_reason },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (more); i++)
    dc_json_member (json, more[i][0], more[i][1]);
  list_json (json, "shared_users", e->shared_users);
  const char *rest[][2] = {
    { "status", e->status }, { "revoked_on", e->revoked_on }, { "note", e->note },
    { "created_on", e->created_on }, { "updated_on", e->updated_on },
    { "holder_status", holder ? holder->status : NULL },
    { "holder_status_date", holder ? holder->status_date : NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (rest); i++)
    dc_json_member (json, rest[i][0], rest[i][1]);
  dc_json_end_object (json);
}

/* ---- add, edit ---- */

static gboolean
is_entry_option (const DcField *field)
{
  return dc_cli_field_editable (field);
}

static int
run_add_or_edit (int argc, char **argv, gboolean add)
{
  g_auto (IdOptions) o = { g_new0 (char *, dc_id_kind.n_fields) };
  g_autoptr (GArray) entries = dc_cli_field_options (dc_cli_option_entries (), &dc_id_kind, o.v,
                                                     is_entry_option);
  const char *summary = add
    ? N_ ("Adds LOGIN to the ID register of --system. --holder is an employee number (a person of the "
          "roster lends the name); --privileges lists the approved privileges (separated by ; or 、).")
    : N_ ("Changes fields of LOGIN in the ID register of --system; give only what changes.");
  if (!dc_cli_command_line (&argc, &argv, "LOGIN", summary, (GOptionEntry *) (void *) entries->data,
                            FALSE, 2, _ ("give one login ID")))
    return DC_EXIT_USAGE;
  const char *system = o.v[0];   /* the first field of dc_id_kind */
  if (!system)
    return dc_cli_usage (argv[0], _ ("--system is required"));

  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  g_autoptr (DcRecord) record = dc_record_new (&dc_id_kind);
  dc_cli_set_options_into (record, o.v);
  gboolean ok;
  if (add) {
    dc_record_set (record, "login_id", g_strstrip (argv[1]), NULL);
    ok = dc_id_add (store, NULL, record, &error);
  } else {
    dc_record_set (record, "system", NULL, NULL);
    ok = dc_id_edit (store, system, argv[1], record, &error);
  }
  if (!ok)
    return dc_cli_fail (error);
  printf (add ? _ ("added %s in the ID register of %s\n") : _ ("updated %s in the ID register of %s\n"), argv[1],
          system);
  return DC_EXIT_OK;
}

static int run_add (int argc, char **argv) { return run_add_or_edit (argc, argv, TRUE); }
static int run_edit (int argc, char **argv) { return run_add_or_edit (argc, argv, FALSE); }

/* ---- revoke ---- */

static int
run_revoke (int argc, char **argv)
{
  g_autofree char *system = NULL, *date = NULL, *note = NULL;
  GOptionEntry entries[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("The system (required)"), "SYSTEM" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("When the ID was deleted (default: today)"), "DATE" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("Why, or the application's number"), "TEXT" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "LOGIN",
                            N_ ("Records that LOGIN was deleted from the system (ID の抹消): the entry stays in the "
                            "register as revoked, with its date."), entries, FALSE, 2, _ ("give one login ID")))
    return DC_EXIT_USAGE;
  if (!system)
    return dc_cli_usage (argv[0], _ ("--system is required"));
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || !dc_id_revoke (store, system, argv[1], date, note, &error))
    return dc_cli_fail (error);
  printf (_ ("revoked %s in the ID register of %s\n"), argv[1], system);
  return DC_EXIT_OK;
}

/* ---- show, list ---- */

static int
run_show (int argc, char **argv)
{
  g_autofree char *system = NULL;
  GOptionEntry entries[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("The system (required)"), "SYSTEM" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "LOGIN", N_ ("Shows one entry of a system's ID register."),
                            entries, TRUE, 2, _ ("give one login ID")))
    return DC_EXIT_USAGE;
  if (!system)
    return dc_cli_usage (argv[0], _ ("--system is required"));
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_READ, &error);
  g_autoptr (DcIdEntry) e = store ? dc_id_get (store, system, argv[1], &error) : NULL;
  g_autoptr (DcStaffRoster) roster = e ? dc_staff_roster_load (store, &error) : NULL;
  if (!roster)
    return dc_cli_fail (error);
  const DcStaffMember *holder = dc_staff_roster_by_number (roster, e->holder);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    entry_json (&json, e, holder);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  g_autofree char *privileges = g_strjoinv ("; ", e->privileges);
  g_autofree char *shared = g_strjoinv ("; ", e->shared_users);
  g_autofree char *holder_state = holder
    ? g_strdup_printf ("%s%s%s", dc_enum_by_code (dc_record_kind_field (&dc_person_kind, "status"),
                                                  holder->status)->ja,
                       holder->status_date ? " " : "", holder->status_date ? holder->status_date : "")
    : g_strdup (e->holder ? "職員名簿にない" : "");
  const char *rows[][2] = {
    { "システム", e->system }, { "ログインID", e->login_id }, { "照合キー", e->login_key },
    { "職員番号", e->holder }, { "氏名", e->holder_name }, { "在職状況", holder_state },
    { "ID種別", dc_id_kind_name (e->kind) }, { "権限", privileges }, { "申請者", e->applicant },
    { "承認者", e->approver }, { "登録者", e->registrar }, { "承認日", e->approved_on },
    { "有効期限", e->valid_until }, { "共有理由", e->shared_reason }, { "共有者", shared },
    { "状態", dc_id_kind_name (e->status) }, { "削除日", e->revoked_on }, { "備考", e->note },
    { "登録日", e->created_on }, { "更新日", e->updated_on },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++) {
    gsize width = dc_text_display_width (rows[i][0]);
    printf ("%s%*s  %s\n", rows[i][0], (int) (10 - MIN (width, 10)), "", rows[i][1] ? rows[i][1] : "");
  }
  return DC_EXIT_OK;
}

typedef struct {
  DcJson json;
  GPtrArray *rows;
  DcStaffRoster *roster;
} ListOutput;

static gboolean
list_one (const DcIdEntry *e, gpointer data, GError **error G_GNUC_UNUSED)
{
  ListOutput *out = data;
  if (dc_cli.json) {
    entry_json (&out->json, e, dc_staff_roster_by_number (out->roster, e->holder));
    return TRUE;
  }
  g_autofree char *privileges = g_strjoinv ("; ", e->privileges);
  char *row[] = { e->system, e->login_id, e->holder ? e->holder : "", e->holder_name,
                  (char *) dc_id_kind_name (e->kind), privileges, e->valid_until ? e->valid_until : "",
                  (char *) dc_id_kind_name (e->status), NULL };
  g_ptr_array_add (out->rows, g_strdupv (row));
  return TRUE;
}

static int
run_list (int argc, char **argv)
{
  g_autofree char *system = NULL, *holder = NULL, *kind = NULL, *status = NULL;
  GOptionEntry entries[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("Only this system's register"), "SYSTEM" },
    { "holder", 0, 0, G_OPTION_ARG_STRING, &holder, N_ ("Only IDs held by this employee number"), "EMPLOYEE_NO" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_ ("Only this kind: user, privileged, shared, service, emergency"), "KIND" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_ ("Only active or revoked IDs"), "STATUS" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL, N_ ("Lists the entries of the ID registers."), entries,
                            TRUE, 1, _ ("list takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_READ, &error);
  g_autoptr (DcStaffRoster) roster = store ? dc_staff_roster_load (store, &error) : NULL;
  if (!roster)
    return dc_cli_fail (error);
  ListOutput out = { { 0 }, g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev), roster };
  if (dc_cli.json) {
    dc_json_init (&out.json);
    dc_json_begin_array (&out.json);
  }
  DcIdFilter filter = { system, holder, kind, status };
  gboolean ok = dc_id_foreach (store, &filter, list_one, &out, &error);
  if (dc_cli.json) {
    dc_json_end_array (&out.json);
    g_autofree char *text = dc_json_finish (&out.json);
    if (ok)
      puts (text);
  } else if (ok) {
    const char *headers[] = { "システム", "ログインID", "職員番号", "氏名", "ID種別", "権限", "有効期限", "状態", NULL };
    dc_cli_print_table (headers, out.rows);
  }
  g_ptr_array_unref (out.rows);
  return ok ? DC_EXIT_OK : dc_cli_fail (error);
}

/* ---- import ---- */

static gboolean
import_logins (DcStore *store, const char *path, const DcImportOptions *options, DcImportAssetsReport *report,
               gpointer system, GError **error)
{
  return dc_id_import (store, system, path, options, report, error);
}

static int
run_import (int argc, char **argv)
{
  g_auto (DcCliImportSource) source = { 0 };
  g_autofree char *system = NULL;
  const GOptionEntry more[] = {
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("The system whose ID register this is (required)"), "SYSTEM" },
  };
  g_autoptr (GArray) entries = dc_cli_import_source_options (dc_cli_option_entries (), &source, N_ ("logins"));
  g_array_append_vals (entries, more, G_N_ELEMENTS (more));
  if (!dc_cli_command_line (&argc, &argv, "FILE",
                            N_ ("Imports a system's ID register (ID管理簿) from xlsx or CSV: ログインID, 職員番号, 氏名, "
                            "種別, 権限, 申請者, 承認者, 登録者, 承認日, 有効期限, ... Every row is checked and every problem "
                            "listed; the whole file is imported in one transaction, or nothing."),
                            (GOptionEntry *) (void *) entries->data, TRUE, 2, _ ("give one file")))
    return DC_EXIT_USAGE;
  if (!system)
    return dc_cli_usage (argv[0], _ ("--system is required"));
  return dc_cli_run_keyed_import (&source, argv[0], argv[1], import_logins, system);
}

int
dc_cmd_id (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "import", N_ ("a system's ID register from an Excel or CSV file"), run_import },
    { "add", N_ ("add a login ID to a system's register"), run_add },
    { "edit", N_ ("change fields of a login ID"), run_edit },
    { "revoke", N_ ("record that a login ID was deleted"), run_revoke },
    { "show", N_ ("show one login ID"), run_show },
    { "list", N_ ("list login IDs"), run_list },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
