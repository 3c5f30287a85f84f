/* daicho: the command line. Dispatches to one file per command group. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "cmd-record.h"
#include "commands.h"
#include "progress-line.h"
#include "term-safe.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const DcCliCommand commands[] = {
  { "init", N_ ("create a register under a classification scheme"), dc_cmd_init },
  { "scheme", N_ ("show the classification scheme"), dc_cmd_scheme },
  { "section", N_ ("sections (所属): add, edit, show, list"), dc_cmd_section },
  { "post", N_ ("posts (補職) and who holds them"), dc_cmd_post },
  { "person", N_ ("persons (職員)"), dc_cmd_person },
  { "staff", N_ ("import the staff roster (職員名簿)"), dc_cmd_staff },
  { "system", N_ ("information systems"), dc_cmd_system },
  { "asset", N_ ("information assets (情報資産)"), dc_cmd_asset },
  { "id", N_ ("the ID registers of the systems (ID管理簿)"), dc_cmd_id },
  { "reconcile", N_ ("the ID stocktake: an export against the ID register (ID棚卸)"), dc_cmd_reconcile },
  { "import", N_ ("assets from an existing Excel ledger or CSV"), dc_cmd_import },
  { "export", N_ ("the ledger workbook, CSV, the asset list"), dc_cmd_export },
  { "risk", N_ ("risk assessment: assess, list, set, accept, the method"), dc_cmd_risk },
  { "threat", N_ ("the threat catalogue"), dc_cmd_threat },
  { "history", N_ ("the history of changes"), dc_cmd_history },
  { "audit", N_ ("verify the history; the auditor's package (監査資料): export, verify"), dc_cmd_audit },
  { "records", N_ ("records past their retention period (保存期間)"), dc_cmd_records },
  { "review", N_ ("the annual review by section chiefs (年次見直し)"), dc_cmd_review },
  { "duty", N_ ("periodic duties (定期業務): record, list"), dc_cmd_duty },
  { "due", N_ ("periodic duties overdue or due soon"), dc_cmd_due },
  { "backup", N_ ("a checked copy of the register, and the backup ledger"), dc_cmd_backup },
  { "restore", N_ ("put a backup in place of the register; the yearly restore test"), dc_cmd_restore },
  { "copy", N_ ("the register copied whole to a new file or a PostgreSQL database"), dc_cmd_copy },
  { "user", N_ ("who may use a register on a PostgreSQL server, in which role"), dc_cmd_user },
  { NULL, NULL, NULL }
};

/* Global options may also stand before the command: daicho --db x.db asset list. */
static int
take_leading_options (int argc, char **argv)
{
  int i = 1;
  while (i < argc) {
    char **target = NULL;
    const char *value = NULL;
    int used = 2;
    if (g_str_equal (argv[i], "--db"))
      target = &dc_cli.db;
    else if (g_str_equal (argv[i], "--actor"))
      target = &dc_cli.actor;
    else if (g_str_has_prefix (argv[i], "--db="))
      target = &dc_cli.db, value = argv[i] + 5, used = 1;
    else if (g_str_has_prefix (argv[i], "--actor="))
      target = &dc_cli.actor, value = argv[i] + 8, used = 1;
    else
      break;
    if (!value && i + 1 >= argc)
      return -1;
    *target = g_strdup (value ? value : argv[i + 1]);
    i += used;
  }
  return i;
}

/* daicho help [COMMAND [SUBCOMMAND]]: the command list, or a command's own
 * --help (its GOption usage, or its list of subcommands). */
static int
run_help (int argc, char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    return dc_cli_dispatch (commands, 2, (char *[]) { "daicho", "--help", NULL });
  const DcCliCommand *command = NULL;
  for (const DcCliCommand *c = commands; c->name; c++)
    if (g_str_equal (c->name, argv[1]))
      command = c;
  if (!command) {
    g_autofree char *suggestion = dc_cli_did_you_mean (commands, argv[1]);
    fprintf (stderr, _ ("daicho help: no command '%s'%s (`daicho help` lists them)\n"), argv[1], suggestion);
    return DC_EXIT_USAGE;
  }
  if (argc > 3)
    return dc_cli_usage ("daicho help", _ ("give a command and at most one subcommand"));
  g_autofree char *path = g_strconcat ("daicho ", command->name, NULL);
  char *args[] = { path, argc > 2 ? argv[2] : "--help", "--help", NULL };
  return command->run (argc > 2 ? 3 : 2, args);
}

/* The command line and DAICHO_ACTOR are edges like any file: text with a
 * character no workbook can hold (dc_text_refusal) is refused before any
 * command runs, naming the option. Arguments that are not UTF-8 (file names)
 * are left to the options that read them. */
static gboolean
edges_taken (int argc, char **argv)
{
  for (int i = 1; i < argc; i++) {
    if (!g_utf8_validate (argv[i], -1, NULL))
      continue;
    const char *equals = g_str_has_prefix (argv[i], "--") ? strchr (argv[i], '=') : NULL;
    g_autofree char *option = equals ? g_strndup (argv[i], equals - argv[i])
                              : i > 1 && argv[i - 1][0] == '-' ? g_strdup (argv[i - 1]) : NULL;
    g_autofree char *refusal = dc_text_refusal (equals ? equals + 1 : argv[i],
                                                g_strcmp0 (option, "--actor") == 0 ? "actor" : NULL);
    if (!refusal)
      continue;
    g_autofree char *where = option ? g_strdup (option) : g_strdup_printf (_ ("argument %d"), i);
    fprintf (stderr, _ ("daicho: %s: the value %s\n"), where, refusal);
    return FALSE;
  }
  const char *actor = dc_cli_actor ();
  g_autofree char *refusal = actor ? dc_text_refusal (actor, "actor") : NULL;
  if (refusal)
    fprintf (stderr, _ ("daicho: %s: the value %s\n"), dc_cli.actor ? "--actor" : "DAICHO_ACTOR", refusal);
  return refusal == NULL;
}

/* What the library tells on the side (a stale temporary file removed). */
static void
print_notice (const char *message)
{
  fprintf (stderr, _ ("daicho: %s\n"), message);
}

int
main (int argc, char **argv)
{
  dc_term_safe_begin ();
  dc_cli_setup_messages ();
  dc_temp_set_notice (print_notice);
  dc_progress_line_install ();
  int first = take_leading_options (argc, argv);
  if (first < 0) {
    fprintf (stderr, _ ("daicho: %s needs a value\n"), argv[argc - 1]);
    return DC_EXIT_USAGE;
  }
  if (!edges_taken (argc, argv))
    return DC_EXIT_INPUT;
  if (first < argc && (g_str_equal (argv[first], "--version") || g_str_equal (argv[first], "version"))) {
    printf (_ ("daicho %s (register schema %d)\n"), DAICHO_VERSION, dc_store_schema_version ());
    return DC_EXIT_OK;
  }
  if (first < argc && g_str_equal (argv[first], "help"))
    return run_help (argc - first, argv + first);
  /* Hand the command its own argv: argv[0] is the command's name. */
  argv[first - 1] = "daicho";
  int status = dc_cli_dispatch (commands, argc - first + 1, argv + first - 1);
  g_free (dc_cli.db);
  g_free (dc_cli.actor);
  return status;
}
