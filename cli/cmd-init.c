/* init and scheme: creating a register and showing its classification scheme. */
#include "cli.h"
#include "base/dc-i18n.h"
#include "json.h"

#include <stdio.h>

int
dc_cmd_init (int argc, char **argv)
{
  g_autofree char *scheme_name = NULL;
  g_autofree char *organisation = NULL;
  GOptionEntry entries[] = {
    { "scheme", 0, 0, G_OPTION_ARG_STRING, &scheme_name,
      N_ ("Classification scheme: a preset (chitose, soumu, ipa) or a scheme file (required)"), "NAME|FILE" },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation,
      N_ ("The organisation's name, printed on ledgers"), "NAME" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Creates a register (mode 0600) under a classification scheme. The scheme is copied "
                            "into the register, so the file describes itself."),
                            entries, FALSE, 1, _ ("init takes options only")))
    return DC_EXIT_USAGE;
  if (!scheme_name)
    return dc_cli_usage (argv[0], _ ("--scheme is required (chitose, soumu, ipa or a file)"));

  GError *error = NULL;
  g_autoptr (DcScheme) scheme = dc_scheme_load (scheme_name, &error);
  if (!scheme)
    return dc_cli_fail (error);
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_CREATE, &error);
  if (!store || !dc_register_init (store, scheme, organisation, &error))
    return dc_cli_fail (error);
  printf (_ ("created register %s with scheme %s (%s): %u asset types; levels C %u, I %u, A %u\n"),
          dc_store_path (store), scheme->name, scheme->title, scheme->types->len,
          scheme->properties[0].levels->len, scheme->properties[1].levels->len,
          scheme->properties[2].levels->len);
  return DC_EXIT_OK;
}

static void
scheme_json (const DcScheme *scheme)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_object (&json);
  dc_json_member (&json, "name", scheme->name);
  dc_json_member (&json, "title", scheme->title);
  dc_json_member (&json, "source", scheme->source);
  dc_json_member (&json, "value_rule", dc_value_rule_name (scheme->value_rule));
  dc_json_member (&json, "handling_mark", scheme->handling_mark);
  dc_json_member (&json, "handling_threshold", scheme->handling_threshold);
  dc_json_key (&json, "types");
  dc_json_begin_array (&json);
  for (guint t = 0; t < scheme->types->len; t++) {
    const DcAssetType *type = g_ptr_array_index (scheme->types, t);
    dc_json_begin_object (&json);
    dc_json_member (&json, "code", type->code);
    dc_json_member (&json, "name", type->name);
    dc_json_member (&json, "name_en", type->name_en);
    dc_json_member (&json, "description", type->description);
    dc_json_end_object (&json);
  }
  dc_json_end_array (&json);
  dc_json_key (&json, "properties");
  dc_json_begin_object (&json);
  for (int p = 0; p < 3; p++) {
    const DcProperty *property = &scheme->properties[p];
    char code[2] = { property->code, 0 };
    dc_json_key (&json, code);
    dc_json_begin_object (&json);
    dc_json_member (&json, "name", property->name);
    dc_json_member (&json, "name_en", property->name_en);
    dc_json_key (&json, "levels");
    dc_json_begin_array (&json);
    for (guint l = 0; l < property->levels->len; l++) {
      const DcLevel *level = g_ptr_array_index (property->levels, l);
      dc_json_begin_object (&json);
      dc_json_member (&json, "label", level->label);
      dc_json_member (&json, "name", level->name);
      dc_json_member (&json, "name_en", level->name_en);
      dc_json_key (&json, "rank");
      dc_json_int (&json, level->rank);
      dc_json_key (&json, "value");
      dc_json_int (&json, level->value);
      dc_json_member (&json, "description", level->description);
      dc_json_key (&json, "definitions");
      dc_json_begin_object (&json);
      for (guint t = 0; t < scheme->types->len; t++) {
        const DcAssetType *type = g_ptr_array_index (scheme->types, t);
        dc_json_member (&json, type->code, g_hash_table_lookup (level->definitions, type->code));
      }
      dc_json_end_object (&json);
      dc_json_end_object (&json);
    }
    dc_json_end_array (&json);
    dc_json_end_object (&json);
  }
  dc_json_end_object (&json);
  dc_json_end_object (&json);
  dc_json_print (&json);
}

static void
scheme_text (const DcScheme *scheme, gboolean definitions)
{
  printf ("%s — %s\n", scheme->name, scheme->title);
  if (*scheme->source)
    printf (_ ("source: %s\n"), scheme->source);
  printf (_ ("重要度 (asset value): %s of the C, I and A values\n"), dc_value_rule_name (scheme->value_rule));
  if (*scheme->handling_mark)
    printf (_ ("handling mark: %s from 機密性 %s\n"), scheme->handling_mark, scheme->handling_threshold);
  printf (_ ("\nasset types:\n"));
  for (guint t = 0; t < scheme->types->len; t++) {
    const DcAssetType *type = g_ptr_array_index (scheme->types, t);
    printf ("  %-16s %s  %s\n", type->code, type->name, type->description);
  }
  for (int p = 0; p < 3; p++) {
    const DcProperty *property = &scheme->properties[p];
    printf ("\n%c %s (%s):\n", property->code, property->name, property->name_en);
    for (guint l = 0; l < property->levels->len; l++) {
      const DcLevel *level = g_ptr_array_index (property->levels, l);
      printf (_ ("  %s %s (value %d)  %s\n"), level->label, level->name, level->value, level->description);
      for (guint t = 0; definitions && t < scheme->types->len; t++) {
        const DcAssetType *type = g_ptr_array_index (scheme->types, t);
        printf ("      %s: %s\n", type->name,
                (const char *) g_hash_table_lookup (level->definitions, type->code));
      }
    }
  }
}

static int
run_scheme_show (int argc, char **argv)
{
  gboolean definitions = FALSE;
  g_autofree char *preset = NULL;
  GOptionEntry entries[] = {
    { "definitions", 0, 0, G_OPTION_ARG_NONE, &definitions, N_ ("Also the definition of each level per asset type"), NULL },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_ ("Show a preset or scheme file instead of the register's"), "NAME|FILE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL, N_ ("Shows the register's classification scheme."),
                            entries, TRUE, 1, _ ("scheme show takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcScheme) scheme = NULL;
  if (preset) {
    scheme = dc_scheme_load (preset, &error);
  } else {
    g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
    scheme = store ? dc_scheme_from_store (store, &error) : NULL;
  }
  if (!scheme)
    return dc_cli_fail (error);
  if (dc_cli.json)
    scheme_json (scheme);
  else
    scheme_text (scheme, definitions);
  return DC_EXIT_OK;
}

static int
run_scheme_presets (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, NULL, N_ ("Lists the classification schemes built in."),
                            NULL, TRUE, 1, _ ("scheme presets takes options only")))
    return DC_EXIT_USAGE;
  g_auto (GStrv) names = dc_scheme_preset_names ();
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_array (&json);
  for (char **name = names; *name; name++) {
    g_autoptr (DcScheme) scheme = dc_scheme_load (*name, NULL);
    if (!dc_cli.json)
      printf ("%-10s %s\n", *name, scheme ? scheme->title : "");
    dc_json_begin_object (&json);
    dc_json_member (&json, "name", *name);
    dc_json_member (&json, "title", scheme ? scheme->title : NULL);
    dc_json_end_object (&json);
  }
  dc_json_end_array (&json);
  g_autofree char *text = dc_json_finish (&json);
  if (dc_cli.json)
    puts (text);
  return DC_EXIT_OK;
}

int
dc_cmd_scheme (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "show", N_ ("show the register's classification scheme"), run_scheme_show },
    { "presets", N_ ("list the schemes built in"), run_scheme_presets },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
