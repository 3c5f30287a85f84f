/* Shared pieces of the daicho command: global options, opening the
 * register, errors and exit codes, output. */
#pragma once
#include "daicho.h"

G_BEGIN_DECLS

/* Exit codes (DESIGN.md). */
enum {
  DC_EXIT_OK = 0,
  DC_EXIT_FINDINGS = 1,
  DC_EXIT_USAGE = 2,
  DC_EXIT_INPUT = 3,
  DC_EXIT_CONFLICT = 4,
  DC_EXIT_DATABASE = 5
};

typedef struct {
  char *db;       /* --db, else DAICHO_DB, else ./daicho.db */
  char *actor;    /* --actor, else DAICHO_ACTOR, else the OS user */
  gboolean json;  /* --json on read commands */
} DcCliGlobals;

extern DcCliGlobals dc_cli;

/* A command: NAME as typed, what it does, and its entry point (argv[0] is
 * the command path, e.g. "asset add"). */
typedef int (*DcCliCommandFunc) (int argc, char **argv);
typedef struct {
  const char *name;
  const char *summary;
  DcCliCommandFunc run;
} DcCliCommand;

/* A command's whole command line: parses ENTRIES (may be NULL) with the
 * global options (and --json when READ), then checks that N_ARGS words remain
 * counting argv[0] (-1: any number). FALSE after printing the usage error
 * (the caller returns DC_EXIT_USAGE). */
gboolean  dc_cli_command_line (int *argc, char ***argv, const char *parameters, const char *summary,
                               const GOptionEntry *entries, gboolean read, int n_args,
                               const char *wrong_count);

/* Runs the subcommand named by argv[1] from TABLE, or prints the list. */
int       dc_cli_dispatch (const DcCliCommand *table, int argc, char **argv);
/* The command of TABLE that NAME most likely meant (a prefix, or at most two
 * edits away), or NULL. */
const char *dc_cli_suggest (const DcCliCommand *table, const char *name);
/* "; did you mean 'NAME'?" (translated) when one is near, else "". */
char *dc_cli_did_you_mean (const DcCliCommand *table, const char *name);

/* setlocale and the "daicho" text domain: messages in the user's language. */
void      dc_cli_setup_messages (void);

DcStore  *dc_cli_open (DcStoreOpenMode mode, GError **error);
/* The register's path and the actor as the options and environment give them
 * (the actor NULL when neither does: the store then uses the login). */
const char *dc_cli_db_path (void);
const char *dc_cli_actor (void);

/* Prints "daicho: MESSAGE" and returns the exit code for the error. */
int       dc_cli_fail (GError *error);
int       dc_cli_usage (const char *command, const char *message);
int       dc_cli_exit_code (const GError *error);
/* --fy as TEXT (2026, 2026年度, 令和8年度, R8年度) into *YEAR; 0 when TEXT is
 * NULL. FALSE after printing the usage message for COMMAND when it is no
 * fiscal year (exit with DC_EXIT_USAGE). */
gboolean  dc_cli_fiscal_year (const char *command, const char *text, int *year);

/* Prints rows (GStrv each) as aligned columns under HEADERS. */
void      dc_cli_print_table (const char *const *headers, GPtrArray *rows);

G_END_DECLS
