/* section, post, person and system: the organisation. */
#include "cmd-record.h"

#include <stdio.h>

int
dc_cmd_section (int argc, char **argv)
{
  static const char *const columns[] = { "code", "name", "parent", "head_post", NULL };
  static const DcCliRecordSpec spec = { .kind = &dc_section_kind, .columns = columns };
  return dc_cli_record_command (&spec, argc, argv);
}

int
dc_cmd_person (int argc, char **argv)
{
  static const char *const columns[] = { "employee_no", "name", "section", "employment",
                                         "status", "status_date", NULL };
  static const DcCliRecordSpec spec = { .kind = &dc_person_kind, .columns = columns };
  return dc_cli_record_command (&spec, argc, argv);
}

int
dc_cmd_system (int argc, char **argv)
{
  static const char *const columns[] = { "code", "name", "admin_post", "section", NULL };
  static const DcCliRecordSpec spec = { .kind = &dc_system_kind, .columns = columns };
  return dc_cli_record_command (&spec, argc, argv);
}
