/* add / edit / show / list for every record kind, with options generated
 * from the kind's field table. */
#include "cmd-record.h"
#include "base/dc-i18n.h"
#include "json.h"

#include <stdio.h>
#include <string.h>

/* Option names live as long as the process: GOption keeps pointers. */
static GPtrArray *kept_strings;

static const char *
keep (char *text)
{
  if (!kept_strings)
    kept_strings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (kept_strings, text);
  return text;
}

static char *
option_name (const char *field_name)
{
  char *name = g_strdup (field_name);
  g_strdelimit (name, "_", '-');
  return name;
}

/* The values GOption allocates for a kind's fields, one slot per field. */
typedef struct {
  char **v;
  guint n;
} OptionValues;

static OptionValues
option_values (const DcRecordKind *kind)
{
  return (OptionValues) { g_new0 (char *, kind->n_fields), kind->n_fields };
}

static void
option_values_clear (OptionValues *values)
{
  for (guint i = 0; values->v && i < values->n; i++)
    g_free (values->v[i]);
  g_clear_pointer (&values->v, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OptionValues, option_values_clear)

gboolean
dc_cli_field_editable (const DcField *field)
{
  return !(field->flags & (DC_FIELD_KEY | DC_FIELD_MANAGED));
}

static gboolean
filterable (const DcField *field)
{
  return field->kind == DC_FIELD_REF || field->kind == DC_FIELD_ENUM ||
         field->kind == DC_FIELD_TYPE || field->kind == DC_FIELD_LEVEL;
}

GArray *
dc_cli_field_options (GArray *entries, const DcRecordKind *kind, char **values,
                      gboolean (*include) (const DcField *))
{
  for (guint i = 0; i < kind->n_fields; i++) {
    const DcField *field = &kind->fields[i];
    if (!include (field))
      continue;
    GOptionEntry entry = {
      keep (option_name (field->name)), 0, 0, G_OPTION_ARG_STRING, &values[i],
      /* TRANSLATORS: a field's option: its header in the register, then its
         English name. A Japanese catalogue shows the header alone (%2$.0s
         prints nothing). */
      keep (g_strdup_printf (C_ ("option", "%s (%s)"), field->ja, field->en)), "VALUE",
    };
    g_array_append_val (entries, entry);
  }
  return entries;
}

GArray *
dc_cli_option_entries (void)
{
  return g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
}

void
dc_cli_set_options_into (DcRecord *record, char **values)
{
  for (guint i = 0; i < record->kind->n_fields; i++)
    if (values[i])
      dc_record_set (record, record->kind->fields[i].name, values[i], NULL);
}

/* ---- extras: derived values shown with a record ---- */

void
dc_cli_extra_add (GPtrArray *extras, const char *key, const char *label, char *value)
{
  DcCliExtra *extra = g_new0 (DcCliExtra, 1);
  extra->key = key;
  extra->label = label;
  extra->value = value;
  g_ptr_array_add (extras, extra);
}

void
dc_cli_extra_add_json (GPtrArray *extras, const char *key, const char *label, char *json_text)
{
  dc_cli_extra_add (extras, key, label, json_text);
  ((DcCliExtra *) g_ptr_array_index (extras, extras->len - 1))->json = TRUE;
}

static void
extra_free (DcCliExtra *extra)
{
  g_free (extra->value);
  g_free (extra);
}

/* EXTRAS emptied and filled with the derived values of RECORD. */
static GPtrArray *
extras_for (GPtrArray *extras, const DcCliRecordSpec *spec, DcStore *store,
            const DcRecord *record, gboolean detail)
{
  g_ptr_array_set_size (extras, 0);
  if (spec->extras)
    spec->extras (store, record, detail, extras);
  return extras;
}

static GPtrArray *
extras_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) extra_free);
}

static const char *
extra_value (GPtrArray *extras, const char *key)
{
  for (guint i = 0; i < extras->len; i++) {
    DcCliExtra *extra = g_ptr_array_index (extras, i);
    if (g_str_equal (extra->key, key))
      return extra->value;
  }
  return NULL;
}

/* The quoted member names of the current kind's fields and their _name
 * companions, made once: a list writes them for every record. */
static char **
field_keys (const DcRecordKind *kind)
{
  static char **keys;
  static const DcRecordKind *keys_kind;
  if (keys_kind != kind) {
    keys_kind = kind;
    keys = g_new0 (char *, 2 * kind->n_fields + 1);
    for (guint i = 0; i < kind->n_fields; i++) {
      keys[2 * i] = (char *) keep (dc_json_quoted_key (kind->fields[i].name, ""));
      keys[2 * i + 1] = (char *) keep (dc_json_quoted_key (kind->fields[i].name, "_name"));
    }
    keep ((char *) keys);
  }
  return keys;
}

static void
record_to_json (DcJson *json, const DcRecord *record, GPtrArray *extras)
{
  char **keys = field_keys (record->kind);
  dc_json_begin_object (json);
  for (guint i = 0; i < record->kind->n_fields; i++) {
    const DcField *field = &record->kind->fields[i];
    dc_json_member_quoted (json, keys[2 * i], record->values[i], field->kind == DC_FIELD_INT);
    if (record->display[i])
      dc_json_member_quoted (json, keys[2 * i + 1], record->display[i], FALSE);
  }
  for (guint i = 0; i < extras->len; i++) {
    DcCliExtra *extra = g_ptr_array_index (extras, i);
    dc_json_key (json, extra->key);
    if (extra->json)
      dc_json_raw (json, extra->value);
    else
      dc_json_string (json, extra->value);
  }
  dc_json_end_object (json);
}

/* ---- the commands ---- */

static const DcCliRecordSpec *current;

static int
run_add (int argc, char **argv)
{
  const DcRecordKind *kind = current->kind;
  const DcField *key = dc_record_kind_key (kind);
  g_auto (OptionValues) values = option_values (kind);
  g_autoptr (GArray) entries = dc_cli_field_options (dc_cli_option_entries (), kind, values.v, dc_cli_field_editable);
  g_autofree char *code = NULL;
  if (current->add_without_key) {
    /* The key as an option too: without it the record's own rule gives one. */
    const GOptionEntry entry = { key->name, 0, 0, G_OPTION_ARG_STRING, &code,
                                 keep (g_strdup_printf (_ ("%s (%s); without it the next of the "
                                                           "series (see the manual)"), key->ja, key->en)),
                                 "CODE" };
    g_array_append_val (entries, entry);
  }
  g_autofree char *params = g_strdup_printf (current->add_without_key ? "[%s]" : "%s",
                                             key->name);
  g_autofree char *summary = g_strdup_printf (_ ("Adds one %s (%s)."), kind->entity, kind->ja);
  if (!dc_cli_command_line (&argc, &argv, keep (g_ascii_strup (params, -1)), summary,
                            (GOptionEntry *) (void *) entries->data, FALSE, -1, NULL))
    return DC_EXIT_USAGE;
  if (argc > 2 || (argc < 2 && !current->add_without_key))
    return dc_cli_usage (argv[0], argc < 2 ? _ ("give the key of the new record") : _ ("too many arguments"));
  if (code && argc == 2 && !g_str_equal (code, argv[1])) {
    g_autofree char *message = g_strdup_printf (_ ("--%s %s and %s name two codes; give one"),
                                                key->name, code, argv[1]);
    return dc_cli_usage (argv[0], message);
  }

  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  g_autoptr (DcRecord) record = dc_record_new (kind);
  dc_cli_set_options_into (record, values.v);
  if (argc == 2 || code)
    dc_record_set (record, key->name, code ? code : argv[1], NULL);
  if (!(current->add ? current->add (store, record, &error) : dc_record_add (store, record, &error)))
    return dc_cli_fail (error);
  printf (_ ("added %s %s\n"), dc_record_kind_word (kind), dc_record_key (record));
  return DC_EXIT_OK;
}

static int
run_edit (int argc, char **argv)
{
  const DcRecordKind *kind = current->kind;
  g_auto (OptionValues) values = option_values (kind);
  g_autoptr (GArray) entries = dc_cli_field_options (dc_cli_option_entries (), kind, values.v, dc_cli_field_editable);
  g_autofree char *summary = g_strdup_printf (_ ("Changes fields of one %s (%s); give only what changes."),
                                              kind->entity, kind->ja);
  if (!dc_cli_command_line (&argc, &argv, "KEY", summary, (GOptionEntry *) (void *) entries->data,
                            FALSE, 2, _ ("give the key of one record")))
    return DC_EXIT_USAGE;

  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  g_autoptr (DcRecord) changes = dc_record_new (kind);
  dc_cli_set_options_into (changes, values.v);
  if (!(current->edit ? current->edit (store, argv[1], changes, &error)
                      : dc_record_edit (store, argv[1], changes, &error)))
    return dc_cli_fail (error);
  printf (_ ("updated %s %s\n"), dc_record_kind_word (kind), argv[1]);
  return DC_EXIT_OK;
}

static void
print_record (const DcRecord *record, GPtrArray *extras)
{
  gsize width = 0;
  for (guint i = 0; i < record->kind->n_fields; i++)
    width = MAX (width, dc_text_display_width (record->kind->fields[i].ja));
  for (guint i = 0; i < extras->len; i++) {
    const char *label = ((DcCliExtra *) g_ptr_array_index (extras, i))->label;
    width = MAX (width, label ? dc_text_display_width (label) : 0);
  }
  for (guint i = 0; i < record->kind->n_fields; i++) {
    const char *label = record->kind->fields[i].ja;
    const char *value = record->values[i];
    const char *display = record->display[i];
    printf ("%s%*s  %s", label, (int) (width - dc_text_display_width (label)), "", value ? value : "");
    if (display && g_strcmp0 (display, value) != 0)
      printf (" (%s)", display);
    putchar ('\n');
  }
  for (guint i = 0; i < extras->len; i++) {
    DcCliExtra *extra = g_ptr_array_index (extras, i);
    if (!extra->label)
      continue;  /* JSON only */
    printf ("%s%*s  %s\n", extra->label, (int) (width - dc_text_display_width (extra->label)), "",
            extra->value ? extra->value : "");
  }
}

static int
run_show (int argc, char **argv)
{
  const DcRecordKind *kind = current->kind;
  g_autofree char *summary = g_strdup_printf (_ ("Shows one %s (%s)."), kind->entity, kind->ja);
  if (!dc_cli_command_line (&argc, &argv, "KEY", summary, NULL, TRUE, 2, _ ("give the key of one record")))
    return DC_EXIT_USAGE;

  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_READ, &error);
  if (!store)
    return dc_cli_fail (error);
  g_autofree char *code = dc_record_resolve_code (store, kind, argv[1], &error);
  if (!code)
    return dc_cli_fail (error);
  g_autoptr (DcRecord) record = dc_record_get_one (store, kind, code, &error);
  if (!record)
    return dc_cli_fail (error);
  g_autoptr (GPtrArray) extras = extras_for (extras_new (), current, store, record, TRUE);
  if (dc_cli.json) {
    DcJson json;
    dc_json_init (&json);
    record_to_json (&json, record, extras);
    dc_json_print (&json);
  } else {
    print_record (record, extras);
  }
  return DC_EXIT_OK;
}

typedef struct {
  DcStore *store;
  DcJson json;
  GPtrArray *rows;
  GPtrArray *extras;   /* of the current record; one array for all */
} ListOutput;

static gboolean
list_one (const DcRecord *record, gpointer data, GError **error)
{
  ListOutput *out = data;
  GPtrArray *extras = extras_for (out->extras, current, out->store, record, FALSE);
  if (dc_cli.json) {
    record_to_json (&out->json, record, extras);
    dc_json_flush (&out->json, stdout);
    return TRUE;
  }
  guint n = g_strv_length ((char **) current->columns);
  char **row = g_new0 (char *, n + 1);
  for (guint c = 0; c < n; c++) {
    const char *name = current->columns[c];
    const DcField *field = dc_record_kind_field (record->kind, name);
    if (field) {
      const char *display = dc_record_display (record, name);
      const char *value = dc_record_get (record, name);
      row[c] = g_strdup (field->kind == DC_FIELD_LEVEL || !display ? value : display);
    } else {
      row[c] = g_strdup (extra_value (extras, name));
    }
  }
  g_ptr_array_add (out->rows, row);
  return TRUE;
}

static const char *
column_header (const char *name)
{
  const DcField *field = dc_record_kind_field (current->kind, name);
  if (field)
    return field->ja;
  for (const DcCliHeader *h = current->extra_headers; h && h->key; h++)
    if (g_str_equal (h->key, name))
      return h->label;
  return name;
}

static int
run_list (int argc, char **argv)
{
  const DcRecordKind *kind = current->kind;
  g_auto (OptionValues) values = option_values (kind);
  g_auto (OptionValues) minimums = option_values (kind);
  g_autoptr (GArray) entries = dc_cli_field_options (dc_cli_option_entries (), kind, values.v, filterable);
  for (guint i = 0; i < kind->n_fields; i++) {
    const DcField *field = &kind->fields[i];
    if (field->kind != DC_FIELD_LEVEL)
      continue;
    GOptionEntry entry = { keep (g_strconcat ("min-", field->name, NULL)), 0, 0,
                           G_OPTION_ARG_STRING, &minimums.v[i],
                           keep (g_strdup_printf (_ ("%s at or above this level"), field->ja)), "LEVEL" };
    g_array_append_val (entries, entry);
  }
  g_autofree char *summary = g_strdup_printf (_ ("Lists %s records (%s); options filter them. "
                                                 "A section includes its subsections."),
                                              kind->entity, kind->ja);
  if (!dc_cli_command_line (&argc, &argv, NULL, summary, (GOptionEntry *) (void *) entries->data,
                            TRUE, 1, _ ("list takes options only")))
    return DC_EXIT_USAGE;

  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_READ, &error);
  if (!store)
    return dc_cli_fail (error);
  g_autoptr (GArray) conditions = g_array_new (FALSE, TRUE, sizeof (DcCondition));
  for (guint i = 0; i < kind->n_fields; i++) {
    if (values.v[i]) {
      DcCondition c = { kind->fields[i].name, values.v[i], FALSE };
      g_array_append_val (conditions, c);
    }
    if (minimums.v[i]) {
      DcCondition c = { kind->fields[i].name, minimums.v[i], TRUE };
      g_array_append_val (conditions, c);
    }
  }

  ListOutput out = { store, { 0 }, g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev),
                     extras_new () };
  if (dc_cli.json) {
    dc_json_init (&out.json);
    dc_json_begin_array (&out.json);
  }
  gboolean ok = dc_record_foreach (store, kind, (DcCondition *) (void *) conditions->data,
                                   conditions->len, list_one, &out, &error);
  if (dc_cli.json) {
    dc_json_end_array (&out.json);
    g_autofree char *text = dc_json_finish (&out.json);
    if (ok)
      puts (text);
  } else if (ok) {
    guint n = g_strv_length ((char **) current->columns);
    g_autofree const char **headers = g_new0 (const char *, n + 1);
    for (guint c = 0; c < n; c++)
      headers[c] = column_header (current->columns[c]);
    dc_cli_print_table (headers, out.rows);
  }
  g_ptr_array_unref (out.rows);
  g_ptr_array_unref (out.extras);
  return ok ? DC_EXIT_OK : dc_cli_fail (error);
}

static const DcCliCommand record_commands[] = {
  { "add", N_ ("add a record"), run_add },
  { "edit", N_ ("change fields of a record"), run_edit },
  { "show", N_ ("show one record"), run_show },
  { "list", N_ ("list records, filtered by options"), run_list },
  { NULL, NULL, NULL }
};

int
dc_cli_record_command (const DcCliRecordSpec *spec, int argc, char **argv)
{
  current = spec;
  g_autoptr (GArray) table = g_array_new (TRUE, TRUE, sizeof (DcCliCommand));
  g_array_append_vals (table, record_commands, G_N_ELEMENTS (record_commands) - 1);
  for (const DcCliCommand *c = spec->more_commands; c && c->name; c++)
    g_array_append_val (table, *c);
  return dc_cli_dispatch ((DcCliCommand *) (void *) table->data, argc, argv);
}
