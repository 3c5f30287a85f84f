#include "import-report.h"
#include "base/dc-i18n.h"
#include "json.h"

#include <stdio.h>
#include <string.h>

static void
string_array (DcJson *json, const char *name, GPtrArray *strings)
{
  dc_json_key (json, name);
  dc_json_begin_array (json);
  for (guint i = 0; strings && i < strings->len; i++)
    dc_json_string (json, g_ptr_array_index (strings, i));
  dc_json_end_array (json);
}

static void
print_json (const DcCliImportReport *r)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_object (&json);
  dc_json_member (&json, "file", r->path);
  dc_json_member (&json, "sheet", r->sheet);
  dc_json_member (&json, "encoding", r->encoding);
  dc_json_key (&json, "header_row");
  dc_json_int (&json, r->header_row);
  dc_json_key (&json, "dry_run");
  dc_json_bool (&json, r->dry_run);
  dc_json_key (&json, "imported");
  dc_json_bool (&json, !r->dry_run && !r->refused);
  for (guint i = 0; i < r->n_counts; i++) {
    dc_json_key (&json, r->counts[i].name);
    dc_json_int (&json, r->counts[i].count);
  }
  string_array (&json, "ignored_columns", r->ignored);
  dc_json_key (&json, "rows");
  dc_json_begin_array (&json);
  for (guint i = 0; r->items && i < r->items->len; i++) {
    const DcImportItem *item = g_ptr_array_index (r->items, i);
    dc_json_begin_object (&json);
    dc_json_key (&json, "row");
    if (item->row)
      dc_json_int (&json, item->row);
    else
      dc_json_raw (&json, "null");
    dc_json_member (&json, "code", item->code);
    dc_json_member (&json, "action", item->action);
    dc_json_member (&json, "changes", item->changes);
    dc_json_end_object (&json);
  }
  dc_json_end_array (&json);
  for (guint i = 0; i < r->n_lists; i++)
    string_array (&json, r->lists[i].name, r->lists[i].lines);
  string_array (&json, "problems", r->problems);
  dc_json_end_object (&json);
  dc_json_print (&json);
}

void
dc_cli_print_import_report (const DcCliImportReport *r)
{
  if (dc_cli.json) {
    print_json (r);
    return;
  }
  for (guint i = 0; r->problems && i < r->problems->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (r->problems, i));
  if (r->refused || !r->items)
    return;
  for (guint i = 0; r->dry_run && i < r->items->len; i++) {
    const DcImportItem *item = g_ptr_array_index (r->items, i);
    g_autofree char *where = item->row ? g_strdup_printf (_ ("row %u"), item->row) : g_strdup ("-");
    printf ("%-7s  %-9s %s  %s\n", where, item->action, item->code, item->changes);
  }
  if (r->ignored && r->ignored->len) {
    printf (_ ("columns not imported:"));
    for (guint i = 0; i < r->ignored->len; i++)
      printf (" %s", (const char *) g_ptr_array_index (r->ignored, i));
    putchar ('\n');
  }
  for (guint i = 0; i < r->n_lists; i++) {
    if (!r->lists[i].lines || !r->lists[i].lines->len)
      continue;
    printf ("%s\n", r->lists[i].heading);
    for (guint l = 0; l < r->lists[i].lines->len; l++)
      printf ("  %s\n", (const char *) g_ptr_array_index (r->lists[i].lines, l));
  }
  if (r->problems && r->problems->len)
    return;
  g_autoptr (GString) counts = g_string_new (NULL);
  for (guint i = 0; i < r->n_counts; i++) {
    if (i)
      g_string_append (counts, C_ ("list", ", "));
    /* TRANSLATORS: a count of an import: "3 added"; %s is one of the words with context "count". */
    g_string_append_printf (counts, C_ ("count", "%u %s"), r->counts[i].count,
                            g_dpgettext2 (GETTEXT_PACKAGE, "count", r->counts[i].name));
  }
  g_autofree char *where = r->sheet ? g_strdup_printf (_ ("sheet %s"), r->sheet)
                                    : g_strdup (r->encoding ? r->encoding : "");
  printf (r->dry_run ? _ ("would import %s (%s, header in row %u): %s\n") : _ ("imported %s (%s, header in row %u): %s\n"),
          r->path, where, r->header_row, counts->str);
}

void
dc_cli_print_import (const DcImportAssetsReport *report, const char *path, gboolean dry_run, gboolean refused)
{
  /* The names are JSON members and, with context "count", words of the summary line. */
  const DcCliCount counts[] = { { NC_ ("count", "added"), report->added }, { NC_ ("count", "updated"), report->updated },
                                { NC_ ("count", "unchanged"), report->unchanged },
                                { NC_ ("count", "skipped"), report->skipped } };
  const DcCliList lists[] = {
    { "skipped_rows", _ ("rows passed over (totals and notes, not data):"), report->skipped_rows },
    { "defaults", _ ("empty cells filled with a default:"), report->defaults },
  };
  DcCliImportReport out = { path, report->sheet, report->encoding, report->header_row, dry_run, refused,
                            counts, G_N_ELEMENTS (counts), report->ignored, report->items,
                            lists, G_N_ELEMENTS (lists), report->problems };
  dc_cli_print_import_report (&out);
}

void
dc_cli_import_source_clear (DcCliImportSource *source)
{
  g_clear_pointer (&source->sheet, g_free);
  g_clear_pointer (&source->map_path, g_free);
  g_clear_pointer (&source->encoding, g_free);
  g_clear_pointer (&source->map, g_hash_table_unref);
  g_clear_pointer (&source->default_args, g_strfreev);
  g_clear_pointer (&source->defaults, g_hash_table_unref);
}

/* Help texts live as long as the process: GOption keeps pointers. */
static const char *
kept_text (char *text)
{
  static GPtrArray *texts;
  if (!texts)
    texts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (texts, text);
  return text;
}

GArray *
dc_cli_import_source_options (GArray *entries, DcCliImportSource *s, const char *modes)
{
  const GOptionEntry options[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &s->sheet, N_ ("The sheet to read (default: the first)"), "NAME" },
    { "map", 0, 0, G_OPTION_ARG_FILENAME, &s->map_path, N_ ("A mapping file: [columns] field = header"), "MAP.ini" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &s->encoding, N_ ("CSV encoding: utf-8, cp932, utf-16 (default: detected)"), "ENCODING" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &s->dry_run, N_ ("Check and show what would change; change nothing"), NULL },
    { "default", 0, 0, G_OPTION_ARG_STRING_ARRAY, &s->default_args,
      N_ ("A value for FIELD in every row whose cell is empty or whose file has no such column "
          "(FIELD as in a mapping file; repeatable)"), "FIELD=VALUE" },
  };
  g_array_append_vals (entries, options, G_N_ELEMENTS (options));
  if (!modes)
    return entries;
  const GOptionEntry keyed[] = {
    { "update", 0, 0, G_OPTION_ARG_NONE, &s->update,
      kept_text (g_strdup_printf (_ ("Update %s already in the register from the file"), _ (modes))), NULL },
    { "skip-existing", 0, 0, G_OPTION_ARG_NONE, &s->skip,
      kept_text (g_strdup_printf (_ ("Leave %s already in the register as they are"), _ (modes))), NULL },
  };
  return g_array_append_vals (entries, keyed, G_N_ELEMENTS (keyed));
}

gboolean
dc_cli_import_options (const DcCliImportSource *s, const char *command, DcImportOptions *options,
                       int *status)
{
  if (s->update && s->skip) {
    *status = dc_cli_usage (command, _ ("--update and --skip-existing exclude each other"));
    return FALSE;
  }
  *options = (DcImportOptions) { dc_cli_import_source (s),
                                 s->update ? DC_IMPORT_UPDATE : s->skip ? DC_IMPORT_SKIP_EXISTING
                                                                        : DC_IMPORT_NEW_ONLY,
                                 s->dry_run };
  return TRUE;
}

gboolean
dc_cli_import_source_read (DcCliImportSource *s, GError **error)
{
  if (!s->map_path)
    return TRUE;
  s->map = dc_header_read_map (s->map_path, error);
  return s->map != NULL;
}

int
dc_cli_import_source_defaults (DcCliImportSource *s, const char *command)
{
  if (!s->default_args)
    return DC_EXIT_OK;
  s->defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (char **arg = s->default_args; *arg; arg++) {
    const char *equals = strchr (*arg, '=');
    g_autofree char *field = equals ? g_strstrip (g_strndup (*arg, (gsize) (equals - *arg))) : NULL;
    g_autofree char *value = equals ? g_strstrip (g_strdup (equals + 1)) : NULL;
    g_autofree char *message = NULL;
    gboolean known = FALSE;
    for (const DcHeaderSynonyms *f = s->fields; field && f && f->field; f++)
      known |= g_str_equal (f->field, field);
    if (!field || !*field || !*value) {
      message = g_strdup_printf (_ ("--default %s: write FIELD=VALUE, e.g. --default post=住宅課長"), *arg);
    } else if (!known) {
      g_autoptr (GString) fields = g_string_new (NULL);
      for (const DcHeaderSynonyms *f = s->fields; f && f->field; f++)
        g_string_append_printf (fields, "%s%s", fields->len ? ", " : "", f->field);
      message = g_strdup_printf (_ ("--default %s: no field %s here; FIELD is one of %s"), *arg, field,
                                 fields->str);
    } else if (g_hash_table_contains (s->defaults, field)) {
      message = g_strdup_printf (_ ("--default %s: %s has a default already; give each field once"),
                                 *arg, field);
    }
    if (message)
      return dc_cli_usage (command, message);
    g_hash_table_insert (s->defaults, g_steal_pointer (&field), g_steal_pointer (&value));
  }
  return DC_EXIT_OK;
}

DcImportSource
dc_cli_import_source (const DcCliImportSource *s)
{
  return (DcImportSource) { s->sheet, s->encoding, s->map, FALSE, s->defaults };
}

int
dc_cli_run_keyed_import (DcCliImportSource *source, const char *command, const char *path,
                         DcCliKeyedImport import, gpointer data)
{
  int status = DC_EXIT_OK;
  DcImportOptions options;
  GError *error = NULL;
  if ((status = dc_cli_import_source_defaults (source, command)) != DC_EXIT_OK)
    return status;
  if (!dc_cli_import_source_read (source, &error))
    return dc_cli_fail (error);
  if (!dc_cli_import_options (source, command, &options, &status))
    return status;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  g_auto (DcImportAssetsReport) report;
  gboolean ok = import (store, path, &options, &report, data, &error);
  dc_cli_print_import (&report, path, source->dry_run, !ok);
  return ok ? DC_EXIT_OK : dc_cli_fail (error);
}
