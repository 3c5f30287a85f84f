/* What risk assessment rests on: the method (risk method), protection needs
 * inherited along dependencies (risk needs, risk override), and the threat
 * catalogue (threat list, threat use). */
#include "cli.h"
#include "base/dc-i18n.h"
#include "commands.h"
#include "json.h"

#include <stdio.h>
#include <string.h>

/* ---- risk method ---- */

static void
method_json (const DcRiskMethod *method, gboolean set)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_object (&json);
  dc_json_member (&json, "method", dc_risk_method_kind_name (method->kind));
  dc_json_member (&json, "title", method->title);
  dc_json_key (&json, "set_after_init");
  dc_json_bool (&json, set);
  dc_json_member (&json, "accept", ((DcRiskLevel *) g_ptr_array_index (method->levels, method->accept))->code);
  dc_json_key (&json, "acceptance_max_months");
  dc_json_int (&json, method->acceptance_max_months);
  dc_json_key (&json, "levels");
  dc_json_begin_array (&json);
  for (guint l = 0; l < method->levels->len; l++) {
    const DcRiskLevel *level = g_ptr_array_index (method->levels, l);
    g_autofree char *color = g_strdup_printf ("#%06X", level->color);
    dc_json_begin_object (&json);
    dc_json_member (&json, "code", level->code);
    dc_json_member (&json, "name", level->name);
    dc_json_member (&json, "color", color);
    dc_json_key (&json, "max");
    if (level->max == G_MAXINT || method->kind == DC_RISK_MATRIX)
      dc_json_raw (&json, "null");
    else
      dc_json_int (&json, level->max);
    dc_json_key (&json, "within_criteria");
    dc_json_bool (&json, l <= method->accept);
    dc_json_member (&json, "description", level->description);
    dc_json_end_object (&json);
  }
  dc_json_end_array (&json);
  GPtrArray *scales[] = { method->likelihood, method->vulnerability };
  const char *names[] = { "likelihood", "vulnerability" };
  for (int s = 0; s < 2; s++) {
    dc_json_key (&json, names[s]);
    dc_json_begin_array (&json);
    for (guint i = 0; i < scales[s]->len; i++)
      dc_json_string (&json, g_ptr_array_index (scales[s], i));
    dc_json_end_array (&json);
  }
  g_autofree char *definition = dc_risk_method_to_text (method);
  dc_json_member (&json, "definition", definition);
  dc_json_end_object (&json);
  dc_json_print (&json);
}

static void
method_text (const DcRiskMethod *method, gboolean set)
{
  printf ("%s (%s)%s\n", method->title, dc_risk_method_kind_name (method->kind),
          set ? "" : _ (" — from the register's scheme, or the IPA method"));
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint l = method->levels->len; l-- > 0;) {
    const DcRiskLevel *level = g_ptr_array_index (method->levels, l);
    char **row = g_new0 (char *, 7);
    row[0] = g_strdup (level->code);
    row[1] = g_strdup (level->name);
    row[2] = dc_risk_method_band (method, l);
    row[3] = g_strdup_printf ("#%06X", level->color);
    row[4] = g_strdup (l <= method->accept ? "受容可能" : "対応が必要");
    row[5] = g_strdup (level->description);
    g_ptr_array_add (rows, row);
  }
  static const char *const headers[] = { "コード", "レベル", "リスク値", "色", "受容基準", "対応方針", NULL };
  dc_cli_print_table (headers, rows);
  if (method->acceptance_max_months)
    printf (_ ("acceptance: an approver post and an expiry at most %d months ahead\n"),
            method->acceptance_max_months);
  GPtrArray *scales[] = { method->likelihood, method->vulnerability };
  const char *names[] = { "脅威の起こりやすさ", "脆弱性" };
  for (int s = 0; s < 2; s++) {
    printf ("%s:\n", names[s]);
    for (guint i = scales[s]->len; i-- > 0;)
      printf ("  %u  %s\n", i + 1, (const char *) g_ptr_array_index (scales[s], i));
  }
}

int
dc_cmd_risk_method (int argc, char **argv)
{
  g_autofree char *set = NULL;
  GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_FILENAME, &set, N_ ("Use the method of a scheme preset (chitose, soumu, ipa) or of a "
      "file with [risk ...] groups from now on; runs made keep theirs"), "NAME|FILE" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Shows the register's risk method: levels with their risk values and colours, the "
                            "acceptance threshold, the rating scales. See docs/schemes.md for the [risk] groups."),
                            entries, TRUE, 1, _ ("risk method takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store || (set && !dc_risk_method_set (store, set, &error)))
    return dc_cli_fail (error);
  g_autoptr (DcRiskMethod) method = dc_risk_method_from_store (store, &error);
  if (!method)
    return dc_cli_fail (error);
  gboolean is_set = dc_risk_method_is_set (store, NULL);
  if (dc_cli.json)
    method_json (method, is_set);
  else
    method_text (method, is_set);
  return DC_EXIT_OK;
}

/* ---- risk needs and risk override ---- */

static const char properties[] = "CIA";

static void
need_json (DcJson *json, const DcNeed *need)
{
  dc_json_begin_object (json);
  dc_json_member (json, "own", need->own->label);
  dc_json_member (json, "inherited", need->inherited->label);
  dc_json_member (json, "effective", need->effective->label);
  dc_json_member (json, "source", need->source);
  dc_json_member (json, "effect", need->effect);
  dc_json_member (json, "reason", need->reason);
  dc_json_end_object (json);
}

/* "3", "4 ← A-0019", "1 上書き（分散効果）". */
static char *
need_text (const DcProtection *p, const DcNeed *need)
{
  if (need->effect)
    return g_strdup_printf ("%s 上書き（%s）", need->effective->label, dc_protection_effect_name (need->effect));
  if (g_strcmp0 (need->source, p->code) != 0)
    return g_strdup_printf ("%s ← %s", need->effective->label, need->source);
  return g_strdup (need->effective->label);
}

static gboolean
differs (const DcProtection *p)
{
  for (int k = 0; k < 3; k++)
    if (p->need[k].effective != p->need[k].own)
      return TRUE;
  return FALSE;
}

static gint
compare_codes (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

int
dc_cmd_risk_needs (int argc, char **argv)
{
  g_autofree char *asset = NULL;
  gboolean raised = FALSE;
  GOptionEntry entries[] = {
    { "asset", 0, 0, G_OPTION_ARG_STRING, &asset, N_ ("Only this asset"), "CODE" },
    { "changed", 0, 0, G_OPTION_ARG_NONE, &raised, N_ ("Only assets whose effective C, I or A differs from their own"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Shows each asset's protection need (保護要件): its own C, I, A and the effective "
                            "ones by the maximum principle — the highest of its own and of every asset that "
                            "uses it — or an override with its reason. Risk values use the effective ones."),
                            entries, TRUE, 1, _ ("risk needs takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  g_autoptr (DcScheme) scheme = store ? dc_scheme_from_store (store, &error) : NULL;
  g_autofree char *code = scheme && asset ? dc_record_resolve_code (store, &dc_asset_kind, asset, &error) : NULL;
  g_autoptr (GHashTable) needs = scheme && (!asset || code) ? dc_protection_compute (store, scheme, &error) : NULL;
  if (!needs)
    return dc_cli_fail (error);
  g_autoptr (GPtrArray) codes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, needs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (codes, key);
  g_ptr_array_sort (codes, compare_codes);
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_array (&json);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < codes->len; i++) {
    const DcProtection *p = g_hash_table_lookup (needs, g_ptr_array_index (codes, i));
    if ((code && !g_str_equal (code, p->code)) || (raised && !differs (p)))
      continue;
    dc_json_begin_object (&json);
    dc_json_member (&json, "asset", p->code);
    dc_json_member (&json, "name", p->name);
    char **row = g_new0 (char *, 6);
    row[0] = g_strdup (p->code);
    row[1] = g_strdup (p->name);
    for (int k = 0; k < 3; k++) {
      char name[2] = { properties[k], 0 };
      dc_json_key (&json, name);
      need_json (&json, &p->need[k]);
      row[2 + k] = need_text (p, &p->need[k]);
    }
    dc_json_end_object (&json);
    g_ptr_array_add (rows, row);
  }
  dc_json_end_array (&json);
  g_autofree char *text = dc_json_finish (&json);
  if (code && !rows->len) {
    g_set_error (&error, DC_RISK_ERROR, DC_ERROR_NOT_FOUND, _ ("asset %s is disposed of: it needs no protection"), code);
    return dc_cli_fail (error);
  }
  if (dc_cli.json) {
    puts (text);
    return DC_EXIT_OK;
  }
  static const char *const headers[] = { "資産番号", "資産名称", "機密性", "完全性", "可用性", NULL };
  dc_cli_print_table (headers, rows);
  return DC_EXIT_OK;
}

int
dc_cmd_risk_override (int argc, char **argv)
{
  g_autofree char *c = NULL, *i = NULL, *a = NULL;
  g_autofree char *effect = NULL, *reason = NULL, *remove = NULL;
  GOptionEntry entries[] = {
    { "c", 0, 0, G_OPTION_ARG_STRING, &c, N_ ("The confidentiality it needs"), "LEVEL" },
    { "i", 0, 0, G_OPTION_ARG_STRING, &i, N_ ("The integrity it needs"), "LEVEL" },
    { "a", 0, 0, G_OPTION_ARG_STRING, &a, N_ ("The availability it needs"), "LEVEL" },
    { "effect", 0, 0, G_OPTION_ARG_STRING, &effect, N_ ("cumulation 累積効果 (many assets together need more), "
      "distribution 分散効果 (spread, redundant: each needs less), or other その他 (required)"), "EFFECT" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("Why, in words an auditor understands (required)"), "TEXT" },
    { "remove", 0, 0, G_OPTION_ARG_STRING, &remove, N_ ("Remove the override of C, I or A: the maximum principle again"), "PROPERTY" },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, "ASSET",
                            N_ ("Sets an asset's protection need against the maximum principle, up or down, "
                            "with the effect and the reason; shown as an override everywhere."),
                            entries, FALSE, 2, _ ("give one asset code")))
    return DC_EXIT_USAGE;
  const char *levels[3] = { c, i, a };
  if (!remove && !c && !i && !a)
    return dc_cli_usage (argv[0], _ ("give --c, --i or --a with a level, or --remove C|I|A"));
  if (remove && (strlen (remove) != 1 || !strchr (properties, g_ascii_toupper (remove[0]))))
    return dc_cli_usage (argv[0], _ ("--remove takes C, I or A"));
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  if (!store)
    return dc_cli_fail (error);
  if (remove) {
    if (!dc_protection_remove_override (store, argv[1], g_ascii_toupper (remove[0]), &error))
      return dc_cli_fail (error);
    printf (_ ("%s: the override of %c is removed; run `daicho risk assess` to value the risks again\n"),
            argv[1], g_ascii_toupper (remove[0]));
    return DC_EXIT_OK;
  }
  for (int k = 0; k < 3; k++) {
    if (!levels[k])
      continue;
    if (!dc_protection_override (store, argv[1], properties[k], levels[k], effect, reason, &error))
      return dc_cli_fail (error);
    printf (_ ("%s: %c is %s by override (%s)\n"), argv[1], properties[k], levels[k],
            dc_protection_effect_name (dc_protection_effect_code (effect)));
  }
  printf (_ ("run `daicho risk assess` to value the risks with it\n"));
  return DC_EXIT_OK;
}

/* ---- threat list and threat use ---- */

static void
catalogue_json (const DcThreatCatalogue *catalogue, gboolean installed)
{
  DcJson json;
  dc_json_init (&json);
  dc_json_begin_object (&json);
  const char *members[][2] = {
    { "name", catalogue->name }, { "version", catalogue->version }, { "title", catalogue->title },
    { "source", catalogue->source }, { "sha256", catalogue->sha256 },
  };
  for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
    dc_json_member (&json, members[m][0], members[m][1]);
  dc_json_key (&json, "installed");
  dc_json_bool (&json, installed);
  dc_json_key (&json, "threats");
  dc_json_begin_array (&json);
  for (guint i = 0; i < catalogue->threats->len; i++) {
    const DcThreat *t = g_ptr_array_index (catalogue->threats, i);
    char property[2] = { t->property, 0 };
    dc_json_begin_object (&json);
    dc_json_member (&json, "code", t->code);
    dc_json_member (&json, "name", t->name);
    dc_json_member (&json, "name_en", t->name_en);
    dc_json_member (&json, "property", property);
    dc_json_key (&json, "types");
    dc_json_begin_array (&json);
    for (char **type = t->types; type && *type; type++)
      dc_json_string (&json, *type);
    if (!t->types)
      dc_json_string (&json, "*");
    dc_json_end_array (&json);
    dc_json_key (&json, "likelihood");
    dc_json_int (&json, t->likelihood);
    dc_json_key (&json, "vulnerability");
    dc_json_int (&json, t->vulnerability);
    dc_json_member (&json, "description", t->description);
    dc_json_member (&json, "controls", t->controls);
    dc_json_end_object (&json);
  }
  dc_json_end_array (&json);
  dc_json_end_object (&json);
  dc_json_print (&json);
}

static void
catalogue_text (const DcThreatCatalogue *catalogue, const DcScheme *scheme, gboolean installed)
{
  printf ("%s %s — %s%s\n", catalogue->name, catalogue->version, catalogue->title,
          installed ? "" : _ (" (built in; `daicho risk assess` copies it into the register)"));
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < catalogue->threats->len; i++) {
    const DcThreat *t = g_ptr_array_index (catalogue->threats, i);
    const DcProperty *property = dc_scheme_property (scheme, t->property);
    g_autoptr (GString) types = g_string_new (t->types ? NULL : "すべて");
    for (char **type = t->types; type && *type; type++) {
      const DcAssetType *known = dc_scheme_type (scheme, *type);
      g_string_append_printf (types, "%s%s", types->len ? "・" : "", known ? known->name : *type);
    }
    char **row = g_new0 (char *, 7);
    row[0] = g_strdup (t->code);
    row[1] = g_strdup (t->name);
    row[2] = g_strdup (property ? property->name : "");
    row[3] = g_string_free (g_steal_pointer (&types), FALSE);
    row[4] = g_strdup_printf ("%d", t->likelihood);
    row[5] = g_strdup_printf ("%d", t->vulnerability);
    g_ptr_array_add (rows, row);
  }
  static const char *const headers[] = { "番号", "脅威", "損なう特性", "資産種別", "起こりやすさ", "脆弱性", NULL };
  dc_cli_print_table (headers, rows);
}

static int
run_threat_list (int argc, char **argv)
{
  gboolean definition = FALSE;
  GOptionEntry entries[] = {
    { "definition", 0, 0, G_OPTION_ARG_NONE, &definition, N_ ("Print the catalogue file, to edit and install with `threat use`"), NULL },
    { NULL }
  };
  if (!dc_cli_command_line (&argc, &argv, NULL,
                            N_ ("Lists the register's threat catalogue: each threat, the property it harms, the "
                            "asset types it applies to and its default ratings."),
                            entries, TRUE, 1, _ ("threat list takes options only")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcStore) store = dc_cli_open (DC_STORE_OPEN_EXISTING, &error);
  g_autoptr (DcScheme) scheme = store ? dc_scheme_from_store (store, &error) : NULL;
  gboolean installed = FALSE;
  g_autoptr (DcThreatCatalogue) catalogue = scheme ? dc_threat_catalogue_from_store (store, &installed, &error) : NULL;
  if (!catalogue)
    return dc_cli_fail (error);
  if (definition)
    fputs (catalogue->definition, stdout);
  else if (dc_cli.json)
    catalogue_json (catalogue, installed);
  else
    catalogue_text (catalogue, scheme, installed);
  return DC_EXIT_OK;
}

static int
run_threat_use (int argc, char **argv)
{
  if (!dc_cli_command_line (&argc, &argv, "NAME|FILE",
                            N_ ("Copies a threat catalogue (built in, or a file of your own) into the register, "
                            "replacing the one it had. The next `risk assess` applies it; runs already made "
                            "keep what they recorded."), NULL, FALSE, 2, _ ("give a catalogue name or file")))
    return DC_EXIT_USAGE;
  GError *error = NULL;
  g_autoptr (DcThreatCatalogue) catalogue = dc_threat_catalogue_load (argv[1], &error);
  g_autoptr (DcStore) store = catalogue ? dc_cli_open (DC_STORE_OPEN_EXISTING, &error) : NULL;
  if (!store || !dc_threat_catalogue_install (store, catalogue, &error))
    return dc_cli_fail (error);
  printf (_ ("the register uses threat catalogue %s %s (%u threats); run `daicho risk assess` to apply it\n"),
          catalogue->name, catalogue->version, catalogue->threats->len);
  /* A type the scheme does not have is most likely a typing mistake. */
  g_autoptr (DcScheme) scheme = dc_scheme_from_store (store, NULL);
  for (guint i = 0; scheme && i < catalogue->threats->len; i++) {
    const DcThreat *t = g_ptr_array_index (catalogue->threats, i);
    for (char **type = t->types; type && *type; type++)
      if (!dc_scheme_type (scheme, *type))
        fprintf (stderr, _ ("daicho: warning: threat %s names asset type '%s', which the register's scheme "
                 "does not have: is it mistyped?\n"), t->code, *type);
  }
  return DC_EXIT_OK;
}

int
dc_cmd_threat (int argc, char **argv)
{
  static const DcCliCommand commands[] = {
    { "list", N_ ("the register's threat catalogue"), run_threat_list },
    { "use", N_ ("copy a threat catalogue into the register"), run_threat_use },
    { NULL, NULL, NULL }
  };
  return dc_cli_dispatch (commands, argc, argv);
}
