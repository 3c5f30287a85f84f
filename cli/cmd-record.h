/* The generic record command and what each kind adds to it. */
#pragma once
#include "cli.h"
#include "json.h"

G_BEGIN_DECLS

/* A value derived for display (重要度, current holder, ...). VALUE is owned. */
typedef struct {
  const char *key;    /* JSON member and list column name */
  const char *label;  /* shown by `show`; NULL: only in --json output */
  char *value;
  gboolean json;      /* VALUE is JSON text (a number, an array) */
} DcCliExtra;

typedef struct {
  const char *key;
  const char *label;
} DcCliHeader;

void dc_cli_extra_add (GPtrArray *extras, const char *key, const char *label, char *value);
/* An extra whose value is JSON text (owned); LABEL NULL shows it only in --json. */
void dc_cli_extra_add_json (GPtrArray *extras, const char *key, const char *label,
                            char *json_text);

typedef struct {
  const DcRecordKind *kind;
  const char *const *columns;          /* list columns: field names or extra keys */
  const DcCliHeader *extra_headers;    /* headers of extra columns */
  gboolean add_without_key;            /* the key is generated when not given */
  gboolean (*add) (DcStore *store, DcRecord *record, GError **error);
  gboolean (*edit) (DcStore *store, const char *key, const DcRecord *changes, GError **error);
  /* DETAIL: for `show` (everything) rather than for each row of `list`. */
  void (*extras) (DcStore *store, const DcRecord *record, gboolean detail, GPtrArray *extras);
  const DcCliCommand *more_commands;
} DcCliRecordSpec;

int dc_cli_record_command (const DcCliRecordSpec *spec, int argc, char **argv);

/* Options generated from field tables, for commands of their own. */
GArray  *dc_cli_option_entries (void);   /* an empty, zero-terminated GOptionEntry array */
/* Appends one --FIELD option (field name with - for _) per field INCLUDE
 * accepts, storing into VALUES[i]. */
GArray  *dc_cli_field_options (GArray *entries, const DcRecordKind *kind, char **values,
                               gboolean (*include) (const DcField *));
/* Neither the key nor managed by the library. */
gboolean dc_cli_field_editable (const DcField *field);
/* Sets the fields whose option was given. */
void     dc_cli_set_options_into (DcRecord *record, char **values);

/* The command groups. */
int dc_cmd_section (int argc, char **argv);
int dc_cmd_post (int argc, char **argv);
int dc_cmd_person (int argc, char **argv);
int dc_cmd_system (int argc, char **argv);
int dc_cmd_asset (int argc, char **argv);

/* One assignment as a JSON object (with the post's code when WITH_POST). */
void dc_cli_assignment_json (DcJson *json, const DcAssignment *assignment, gboolean with_post);

/* "住宅課長 (jutaku-kacho): 山田太郎 (001234)" for POST on DATE. */
char *dc_cli_post_holder_text (DcStore *store, const char *post, const char *date);

G_END_DECLS
