/* daicho backup and daicho restore: checked copies of the register and
 * putting one back (dc-backup), the yearly restore test as a duty. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "json.h"

#include <stdio.h>

#define RESTORE_TEST_DUTY "backup_restore_test"

/* What the check of a copy saw, for people or as JSON members. */
static void
print_checked (const DcRegisterFile *info)
{
  printf (_ ("checked: integrity_check ok; schema version %d; %lld history entries chain correctly; %lld "
             "records match them\nlast history entry: %lld %s\n"),
          info->schema_version, (long long) info->entries, (long long) info->entities,
          (long long) info->history_seq, info->history_hash);
}

static void
checked_json (DcJson *json, const DcRegisterFile *info)
{
  dc_json_key (json, "schema_version");
  dc_json_int (json, info->schema_version);
  dc_json_key (json, "history_entries");
  dc_json_int (json, info->entries);
  dc_json_key (json, "records");
  dc_json_int (json, info->entities);
  dc_json_key (json, "history_seq");
  dc_json_int (json, info->history_seq);
  dc_json_member (json, "history_hash", info->history_hash);
}

/* A file given to restore that is damaged, not a register, newer or does not
 * verify is bad input (3), not a fault of the register (5). */
static int
restore_fail (GError *error)
{
  if (error && (error->code == DC_ERROR_DATABASE || error->code == DC_ERROR_VERSION ||
                error->code == DC_ERROR_TAMPERED || error->code == DC_ERROR_NOT_FOUND)) {
    fprintf (stderr, _ ("daicho: %s\n"), error->message);
    g_error_free (error);
    return DC_EXIT_INPUT;
  }
  return dc_cli_fail (error);
}

static int
list_ledger (DcStore *store)
{
  GError *error = NULL;
  g_autoptr (GPtrArray) list = dc_backup_list (store, &error);
  if (!list)
    return dc_cli_fail (error);
  DcJson json;
  if (dc_cli.json) {
    dc_json_init (&json);
    dc_json_begin_array (&json);
  }
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < list->len; i++) {
    const DcBackup *b = g_ptr_array_index (list, i);
    g_autofree char *problem = g_str_equal (b->status, "kept") ? dc_backup_inspect (b) : NULL;
    const char *state = problem ? problem : b->status;
    if (dc_cli.json) {
      dc_json_begin_object (&json);
      dc_json_key (&json, "number");
      dc_json_int (&json, b->number);
      dc_json_member (&json, "taken_at", b->taken_at);
      dc_json_member (&json, "file", b->file);
      dc_json_key (&json, "size");
      dc_json_int (&json, b->size);
      dc_json_member (&json, "sha256", b->sha256);
      dc_json_key (&json, "history_seq");
      dc_json_int (&json, b->history_seq);
      dc_json_member (&json, "note", b->note);
      dc_json_member (&json, "actor", b->actor);
      dc_json_member (&json, "status", b->status);
      dc_json_member (&json, "state", state);
      dc_json_end_object (&json);
      continue;
    }
    char **row = g_new0 (char *, 7);
    row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, b->number);
    row[1] = dc_date_time_local (b->taken_at);
    row[2] = g_strdup (b->file);
    row[3] = g_strdup_printf ("%" G_GINT64_FORMAT, b->history_seq);
    row[4] = g_strdup (state);
    row[5] = g_strdup (b->note);
    g_ptr_array_add (rows, row);
  }
  if (dc_cli.json) {
    dc_json_end_array (&json);
    dc_json_print (&json);
  } else {
    static const char *const headers[] = { "世代", "取得日時", "ファイル", "履歴番号", "状態", "保管場所", NULL };
    dc_cli_print_table (headers, rows);
  }
  return DC_EXIT_OK;
}

int
dc_cmd_backup (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *note = NULL;
  gboolean force = FALSE, list = FALSE;
  int keep = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("Where to write the copy: a new file, or a folder (named REGISTER-YYYYMMDD-HHMMSS.db there; "
          "with --keep always a folder, made when missing)"), "FILE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE if it exists"), NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("Where the copy is kept (medium, cabinet), for the ledger"), "TEXT" },
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep,
      N_ ("Keep only the newest N generations of the ledger in that folder; older ones are removed"), "N" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list,
      N_ ("List the backup ledger (バックアップ保管台帳) and whether each file is still there unchanged"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Writes a copy of the register into a file while others may keep working (a "
                            "file with SQLite's online backup API, a register on a PostgreSQL server row by row "
                            "as one moment), checks the copy (integrity_check, the history chain, every record "
                            "against its history, as `audit verify`), then gives it its name, mode 0600, and "
                            "enters it in the backup ledger. The ledger line is written after the copy, so a "
                            "copy never holds its own line."),
                            entries, TRUE, 1, _ ("backup takes options only")))
    return DC_EXIT_USAGE;
  if (!output && !list)
    return dc_cli_usage (argv[0], _ ("give -o FILE (or --list)"));
  if (keep < 0)
    return dc_cli_usage (argv[0], _ ("--keep takes a positive number"));
  /* --keep is never passed over: it needs a folder (made when missing), not a file. */
  if (keep > 0 && !list && g_file_test (output, G_FILE_TEST_EXISTS) && !g_file_test (output, G_FILE_TEST_IS_DIR))
    return dc_cli_usage (argv[0], _ ("--keep keeps generations in a folder, and -o names a file; give -o a folder "
                                     "(it is made when missing), or leave out --keep"));
  if (keep > 0 && list)
    return dc_cli_usage (argv[0], _ ("--keep is for writing a backup, not for --list"));
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  if (list)
    return list_ledger (store);
  DcBackupOptions options = { note, keep, force };
  g_auto (DcRegisterFile) info = { 0 };
  g_autoptr (GPtrArray) pruned = NULL;
  g_autoptr (DcBackup) b = dc_backup_write (store, output, &options, &info, &pruned, &error);
  if (!b)
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    dc_json_key (&json, "number");
    dc_json_int (&json, b->number);
    dc_json_member (&json, "file", b->file);
    dc_json_key (&json, "size");
    dc_json_int (&json, b->size);
    dc_json_member (&json, "sha256", b->sha256);
    checked_json (&json, &info);
    dc_json_key (&json, "removed");
    dc_json_begin_array (&json);
    for (guint i = 0; pruned && i < pruned->len; i++)
      dc_json_string (&json, g_ptr_array_index (pruned, i));
    dc_json_end_array (&json);
    dc_json_end_object (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  printf (_ ("backup %lld written: %s (%lld bytes, mode 0600)\nsha256: %s\n"),
          (long long) b->number, b->file, (long long) b->size, b->sha256);
  print_checked (&info);
  for (guint i = 0; pruned && i < pruned->len; i++)
    printf ("%s\n", (char *) g_ptr_array_index (pruned, i));
  return DC_EXIT_OK;
}

static int
restore_test (const char *file, gboolean record, const char *by, const char *system, const char *note)
{
  GError *error = NULL;
  g_auto (DcRegisterFile) info = { 0 };
  if (!dc_restore_test (file, &info, &error))
    return restore_fail (error);
  g_autofree char *today = dc_date_today ();
  if (record) {
    g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
    if (!store)
      return dc_cli_fail (error);
    g_autofree char *text = g_strdup_printf (
        "%s%srestored %s (sha256 %s) into a temporary folder: integrity_check ok, %" G_GINT64_FORMAT
        " history entries up to %" G_GINT64_FORMAT " verified, %" G_GINT64_FORMAT " records match",
        note ? note : "", note ? "; " : "", info.file, info.sha256, info.entries, info.history_seq,
        info.entities);
    if (!dc_duty_record_done (store, RESTORE_TEST_DUTY, system, today, by, text, &error))
      return dc_cli_fail (error);
  }
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    dc_json_member (&json, "file", info.file);
    dc_json_member (&json, "sha256", info.sha256);
    checked_json (&json, &info);
    dc_json_key (&json, "recorded");
    dc_json_bool (&json, record);
    dc_json_end_object (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  printf (_ ("restore test of %s passed (restored into a temporary folder, then removed)\n"), file);
  print_checked (&info);
  if (record && system)
    printf (_ ("recorded %s for %s done on %s by %s\n"), RESTORE_TEST_DUTY, system, today, by);
  else if (record)
    printf (_ ("recorded %s done on %s by %s\n"), RESTORE_TEST_DUTY, today, by);
  return DC_EXIT_OK;
}

int
dc_cmd_restore (int argc, char **argv)
{
  gboolean force = FALSE, test = FALSE, record = FALSE;
  g_autofree char *by = NULL;
  g_autofree char *system = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_ ("Replace an existing REGISTER.bak, or a register that cannot be opened"), NULL },
    { "test", 0, 0, G_OPTION_ARG_NONE, &test,
      N_ ("The restore test: restore into a temporary folder, check, remove; the register is not touched"), NULL },
    { "record", 0, 0, G_OPTION_ARG_NONE, &record,
      N_ ("With --test: record the duty backup_restore_test done today (as `duty done`)"), NULL },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_ ("With --record: the post that did it (補職)"), "POST" },
    { "system", 0, 0, G_OPTION_ARG_STRING, &system, N_ ("With --record: the system it was done for"), "SYSTEM" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("With --record: a note added to the record"), "TEXT" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "FILE",
                            N_ ("Puts a backup in place of the register (--db). The file is checked first "
                            "(integrity_check, a register not written by a newer daicho, the history chain "
                            "and every record against it); the register it replaces is kept as REGISTER.bak "
                            "(mode 0600). Nobody else may be using the register meanwhile."),
                            entries, TRUE, 2, _ ("give one backup file")))
    return DC_EXIT_USAGE;
  if (!test && (record || by || system || note))
    return dc_cli_usage (argv[0], _ ("--record, --by, --system and --note go with --test"));
  if (record && !by)
    return dc_cli_usage (argv[0], _ ("--record needs --by POST"));
  if (test)
    return restore_test (argv[1], record, by, system, note);
  GError *error = NULL;
  g_auto (DcRegisterFile) info = { 0 };
  g_auto (DcRestoreResult) result = { 0 };
  const char *target = dc_cli_db_path ();
  if (!dc_restore (argv[1], target, dc_cli_actor (), force, &info, &result, &error))
    return restore_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    dc_json_member (&json, "register", target);
    dc_json_member (&json, "file", info.file);
    dc_json_member (&json, "sha256", info.sha256);
    checked_json (&json, &info);
    dc_json_member (&json, "replaced_kept_as", result.backup_of_replaced);
    dc_json_key (&json, "replaced_history_seq");
    dc_json_int (&json, result.replaced_history_seq);
    dc_json_member (&json, "replaced_history_hash", result.replaced_history_hash);
    dc_json_key (&json, "ledger_carried");
    dc_json_int (&json, result.ledger_carried);
    dc_json_end_object (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  printf (_ ("restored %s into %s\n"), info.file, target);
  print_checked (&info);
  if (result.backup_of_replaced)
    printf (_ ("replaced register (history up to entry %lld, %s) kept as %s\n"),
            (long long) result.replaced_history_seq,
            result.replaced_history_hash ? result.replaced_history_hash : _ ("unreadable"),
            result.backup_of_replaced);
  else
    printf (_ ("there was no register at %s before\n"), target);
  if (result.ledger_carried)
    printf (_ ("%lld backup ledger lines carried over from the replaced register\n"),
            (long long) result.ledger_carried);
  return DC_EXIT_OK;
}
