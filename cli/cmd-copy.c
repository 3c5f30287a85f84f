/* copy: the register copied whole to a new file or into a PostgreSQL database. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "json.h"

#include <stdio.h>

int
dc_cmd_copy (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, "DESTINATION",
                            N_ ("Copies the register (--db) whole to DESTINATION: a new file, or the address "
                            "of an empty PostgreSQL database (postgresql://HOST/DATABASE, as its owner). The "
                            "history comes along unchanged and the copy is verified before it counts. Users "
                            "of a server are not copied."),
                            NULL, TRUE, 2, _ ("give one destination")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_READ, &error);
  g_auto (DcCopyReport) report = { 0 };
  if (!store || !dc_copy (store, argv[1], &report, &error))
    return dc_cli_fail (error);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    dc_json_begin_object (&json);
    dc_json_member (&json, "destination", argv[1]);
    dc_json_key (&json, "rows");
    dc_json_int (&json, report.rows);
    dc_json_key (&json, "history_entries");
    dc_json_int (&json, report.entries);
    dc_json_key (&json, "records");
    dc_json_int (&json, report.entities);
    dc_json_member (&json, "head_hash", report.head_hash);
    dc_json_end_object (&json);
    dc_json_print (&json);
    return DC_EXIT_OK;
  }
  printf (_ ("copied to %s: %lld rows; the copy verifies (%lld history entries, %lld records)\nhead hash: %s\n"),
          argv[1], (long long) report.rows, (long long) report.entries, (long long) report.entities,
          report.head_hash);
  return DC_EXIT_OK;
}
