#include "cli.h"
#include "base/dc-i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DcCliGlobals dc_cli;

static GOptionEntry global_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &dc_cli.db,
    N_ ("The register: a file, or a PostgreSQL server as postgresql://HOST/DATABASE or "
        "service=NAME (default: $DAICHO_DB, else ./daicho.db)"), "PATH|ADDRESS" },
  { "actor", 0, 0, G_OPTION_ARG_STRING, &dc_cli.actor,
    N_ ("Who is making the change, for the history (default: $DAICHO_ACTOR, else your login; "
        "on a server always your login)"), "NAME" },
  { NULL }
};

static GOptionEntry json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &dc_cli.json, N_ ("Machine-readable JSON output"), NULL },
  { NULL }
};

/* Where the catalogues are: $DAICHO_LOCALEDIR; else, found from the binary
 * when it holds the Japanese catalogue: locale/ beside it (build/daicho),
 * build/locale/ (the ./daicho copy) or ../share/locale (installed under any
 * PREFIX or DESTDIR, which the compiled-in LOCALEDIR may not name); else
 * LOCALEDIR. */
static char *
locale_dir (void)
{
  const char *env = g_getenv ("DAICHO_LOCALEDIR");
  if (env && *env)
    return g_strdup (env);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = exe ? g_path_get_dirname (exe) : NULL;
  const char *const beside[] = { "locale", "build/locale", "../share/locale" };
  for (guint i = 0; dir && i < G_N_ELEMENTS (beside); i++) {
    g_autofree char *candidate = g_build_filename (dir, beside[i], NULL);
    g_autofree char *catalogue = g_build_filename (candidate, "ja", "LC_MESSAGES", "daicho.mo", NULL);
    if (g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
      return g_steal_pointer (&candidate);
  }
  return g_strdup (LOCALEDIR);
}

void
dc_cli_setup_messages (void)
{
  setlocale (LC_ALL, "");
  g_autofree char *dir = locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* The help of a command, worded as daicho's own list of commands words it
 * ("Usage: daicho asset add [OPTION…] CODE" on one line, then "Options:"),
 * not in GLib's words (its Japanese says 用法: and アプリケーションのオプション:). */
static void
print_help (GOptionContext *context)
{
  g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  const char *glib_options = g_dgettext ("glib20", "Application Options:");
  for (guint i = 0; lines[i]; i++) {
    if (i == 0 && lines[1]) {
      /* GLib: "Usage:" on its own line, the usage indented on the next. */
      printf ("%s %s\n", _ ("Usage:"), g_strstrip (lines[1]));
      i++;
    } else if (g_str_equal (lines[i], glib_options) || g_str_equal (lines[i], "Application Options:")) {
      printf ("%s\n", _ ("Options:"));
    } else {
      printf ("%s%s", lines[i], lines[i + 1] ? "\n" : "");
    }
  }
}

gboolean
dc_cli_command_line (int *argc, char ***argv, const char *parameters, const char *summary,
                     const GOptionEntry *entries, gboolean read, int n_args, const char *wrong_count)
{
  /* GOption prints argv[0] ("daicho asset add") before PARAMETERS in usage. */
  g_autoptr (GOptionContext) context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_help_enabled (context, FALSE);
  gboolean help = FALSE;
  const GOptionEntry help_entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_ ("Show this help"), NULL },
    { NULL }
  };
  if (entries)
    g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, global_entries, NULL);
  if (read)
    g_option_context_add_main_entries (context, json_entries, NULL);
  g_option_context_add_main_entries (context, help_entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, argc, argv, &error)) {
    fprintf (stderr, _("daicho: %s (see --help)\n"), error->message);
    return FALSE;
  }
  if (help) {
    /* As GLib's own --help does: the help, and nothing else is run. */
    print_help (context);
    exit (DC_EXIT_OK);
  }
  /* Machine-readable output is the same under every locale, the messages
   * it carries (import problems, ...) included. */
  if (dc_cli.json)
    setlocale (LC_MESSAGES, "C");
  if (n_args >= 0 && *argc != n_args) {
    dc_cli_usage ((*argv)[0], wrong_count);
    return FALSE;
  }
  return TRUE;
}

static guint
edit_distance (const char *a, const char *b)
{
  gsize n = strlen (b);
  g_autofree guint *row = g_new (guint, n + 1);
  for (gsize j = 0; j <= n; j++)
    row[j] = j;
  for (gsize i = 1; a[i - 1]; i++) {
    guint diagonal = row[0];
    row[0] = i;
    for (gsize j = 1; j <= n; j++) {
      guint above = row[j];
      row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] != b[j - 1]));
      diagonal = above;
    }
  }
  return row[n];
}

const char *
dc_cli_suggest (const DcCliCommand *table, const char *name)
{
  const char *best = NULL;
  guint best_distance = 3;  /* more than two edits away is no suggestion */
  for (const DcCliCommand *c = table; c->name; c++) {
    guint d = g_str_has_prefix (c->name, name) ? 1 : edit_distance (name, c->name);
    if (d < best_distance)
      best = c->name, best_distance = d;
  }
  return best;
}

char *
dc_cli_did_you_mean (const DcCliCommand *table, const char *name)
{
  const char *like = dc_cli_suggest (table, name);
  return like ? g_strdup_printf (_ ("; did you mean '%s'?"), like) : g_strdup ("");
}

int
dc_cli_dispatch (const DcCliCommand *table, int argc, char **argv)
{
  const char *name = argc > 1 ? argv[1] : NULL;
  for (const DcCliCommand *c = table; name && c->name; c++) {
    if (g_str_equal (c->name, name)) {
      g_autofree char *path = g_strconcat (argv[0], " ", name, NULL);
      argv[1] = path;  /* the subcommand's argv[0]: "daicho asset add" */
      int status = c->run (argc - 1, argv + 1);
      argv[1] = (char *) name;
      return status;
    }
  }
  gboolean asked = name && (g_str_equal (name, "--help") || g_str_equal (name, "-h") ||
                            g_str_equal (name, "help"));
  FILE *out = asked ? stdout : stderr;
  if (name && !asked) {
    g_autofree char *suggestion = dc_cli_did_you_mean (table, name);
    fprintf (out, _ ("%s: unknown command '%s'%s\n"), argv[0], name, suggestion);
  }
  fprintf (out, _ ("Usage: %s COMMAND [OPTIONS]\n\nCommands:\n"), argv[0]);
  for (const DcCliCommand *c = table; c->name; c++)
    fprintf (out, "  %-10s %s\n", c->name, _ (c->summary));
  fprintf (out, _ ("\nRun `%s COMMAND --help` for the options of each.\n"), argv[0]);
  return asked ? DC_EXIT_OK : DC_EXIT_USAGE;
}

const char *
dc_cli_db_path (void)
{
  const char *path = dc_cli.db ? dc_cli.db : g_getenv ("DAICHO_DB");
  return path && *path ? path : "daicho.db";
}

const char *
dc_cli_actor (void)
{
  const char *actor = dc_cli.actor ? dc_cli.actor : g_getenv ("DAICHO_ACTOR");
  return actor && *actor ? actor : NULL;
}

DcStore *
dc_cli_open (DcStoreOpenMode mode, GError **error)
{
  DcStore *store = dc_store_open (dc_cli_db_path (), mode, error);
  if (!store)
    return NULL;
  /* On a server the history's actor is the login it authenticated: a name
   * given on the command line could be anyone's. DAICHO_ACTOR, set once for
   * a register in a file, is passed over there. */
  if (dc_store_on_server (store)) {
    if (dc_cli.actor) {
      g_set_error (error, DC_STORE_ERROR, DC_ERROR_INVALID,
                   _ ("--actor cannot be used with a register on a server: the history records "
                   "the login you connected as (%s); connect as the person making the change"),
                   dc_store_actor (store));
      dc_store_free (store);
      return NULL;
    }
    return store;
  }
  if (dc_cli_actor ())
    dc_store_set_actor (store, dc_cli_actor ());
  return store;
}

int
dc_cli_exit_code (const GError *error)
{
  switch (error->code) {
  case DC_ERROR_CONFLICT:
    return DC_EXIT_CONFLICT;
  case DC_ERROR_DATABASE:
  case DC_ERROR_VERSION:
    return DC_EXIT_DATABASE;
  case DC_ERROR_TAMPERED:
    return DC_EXIT_FINDINGS;
  default:
    return DC_EXIT_INPUT;
  }
}

int
dc_cli_fail (GError *error)
{
  if (!error) {  /* a failure that forgot to say why: still a failure */
    fprintf (stderr, _ ("daicho: the command failed\n"));
    return DC_EXIT_DATABASE;
  }
  int code = dc_cli_exit_code (error);
  fprintf (stderr, _ ("daicho: %s\n"), error->message);
  g_error_free (error);
  return code;
}

int
dc_cli_usage (const char *command, const char *message)
{
  fprintf (stderr, _ ("%s: %s (see `%s --help`)\n"), command, message, command);
  return DC_EXIT_USAGE;
}

gboolean
dc_cli_fiscal_year (const char *command, const char *text, int *year)
{
  *year = 0;
  if (!text)
    return TRUE;
  g_autoptr (GError) error = NULL;
  *year = dc_date_parse_fiscal_year (text, "--fy", &error);
  if (!*year)
    dc_cli_usage (command, error->message);
  return *year != 0;
}

static void
print_cell (const char *text, gsize width, gboolean last)
{
  fputs (text ? text : "", stdout);
  if (last)
    return;
  for (gsize w = dc_text_display_width (text); w < width + 2; w++)
    putchar (' ');
}

void
dc_cli_print_table (const char *const *headers, GPtrArray *rows)
{
  guint n = g_strv_length ((char **) headers);
  g_autofree gsize *widths = g_new0 (gsize, n);
  for (guint c = 0; c < n; c++)
    widths[c] = dc_text_display_width (headers[c]);
  for (guint r = 0; r < rows->len; r++) {
    char **row = g_ptr_array_index (rows, r);
    for (guint c = 0; c < n; c++)
      widths[c] = MAX (widths[c], dc_text_display_width (row[c]));
  }
  for (guint c = 0; c < n; c++)
    print_cell (headers[c], widths[c], c == n - 1);
  putchar ('\n');
  for (guint r = 0; r < rows->len; r++) {
    char **row = g_ptr_array_index (rows, r);
    for (guint c = 0; c < n; c++)
      print_cell (row[c], widths[c], c == n - 1);
    putchar ('\n');
  }
}
