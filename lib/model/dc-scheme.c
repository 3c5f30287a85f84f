#include "model/dc-scheme.h"
#include "base/dc-i18n.h"
#include "base/dc-keyfile.h"
#include "base/dc-preset.h"
#include "base/dc-text.h"

#include <string.h>


static const char properties[3] = { 'C', 'I', 'A' };

static void
level_free (DcLevel *level)
{
  g_free (level->label);
  g_free (level->name);
  g_free (level->name_en);
  g_free (level->description);
  g_clear_pointer (&level->definitions, g_hash_table_unref);
  g_free (level);
}

static void
type_free (DcAssetType *type)
{
  g_free (type->code);
  g_free (type->name);
  g_free (type->name_en);
  g_free (type->description);
  g_free (type);
}

void
dc_scheme_free (DcScheme *scheme)
{
  if (!scheme)
    return;
  g_free (scheme->name);
  g_free (scheme->title);
  g_free (scheme->source);
  g_free (scheme->handling_mark);
  g_free (scheme->handling_threshold);
  g_free (scheme->definition);
  g_clear_pointer (&scheme->types, g_ptr_array_unref);
  for (int i = 0; i < 3; i++) {
    g_free (scheme->properties[i].name);
    g_free (scheme->properties[i].name_en);
    g_clear_pointer (&scheme->properties[i].levels, g_ptr_array_unref);
  }
  g_free (scheme);
}

const char *
dc_value_rule_name (DcValueRule rule)
{
  static const char *const names[] = { "max", "sum", "product" };
  return names[rule];
}

/* ---- parsing ---- */

typedef struct {
  GKeyFile *file;
  const char *origin;
  GError **error;
} Parser;

/* A required, non-empty string. */
static char *
required (Parser *p, const char *group, const char *key)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *value = g_key_file_get_string (p->file, group, key, &local);
  if (value)
    g_strstrip (value);
  if (!value || !*value) {
    g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                 _ ("%s: [%s] needs a non-empty '%s' (%s)"), p->origin, group, key,
                 local ? local->message : _ ("it is empty"));
    return NULL;
  }
  return g_steal_pointer (&value);
}

static char *
optional (Parser *p, const char *group, const char *key)
{
  char *value = g_key_file_get_string (p->file, group, key, NULL);
  return value ? g_strstrip (value) : g_strdup ("");
}

static GStrv
required_list (Parser *p, const char *group, const char *key)
{
  g_autofree char *text = required (p, group, key);
  return text ? dc_key_split (text) : NULL;
}

static gboolean
parse_types (Parser *p, DcScheme *scheme)
{
  g_auto (GStrv) codes = required_list (p, "types", "codes");
  if (!codes)
    return FALSE;
  if (!codes[0]) {
    g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                 _ ("%s: [types] codes lists no asset type"), p->origin);
    return FALSE;
  }
  scheme->types = g_ptr_array_new_with_free_func ((GDestroyNotify) type_free);
  for (char **code = codes; *code; code++) {
    if (dc_scheme_type (scheme, *code)) {
      g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                   _ ("%s: asset type '%s' is listed twice in [types] codes"), p->origin, *code);
      return FALSE;
    }
    g_autofree char *group = g_strconcat ("type ", *code, NULL);
    DcAssetType *type = g_new0 (DcAssetType, 1);
    g_ptr_array_add (scheme->types, type);
    type->code = g_strdup (*code);
    if (!(type->name = required (p, group, "name")))
      return FALSE;
    type->name_en = optional (p, group, "name_en");
    type->description = optional (p, group, "description");
  }
  return TRUE;
}

static gboolean
parse_level (Parser *p, DcScheme *scheme, DcProperty *property, const char *label, int rank)
{
  g_autofree char *group = g_strdup_printf ("level %c %s", property->code, label);
  DcLevel *level = g_new0 (DcLevel, 1);
  g_ptr_array_add (property->levels, level);
  level->property = property->code;
  level->label = g_strdup (label);
  level->rank = rank;
  level->definitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!(level->name = required (p, group, "name")))
    return FALSE;
  level->name_en = optional (p, group, "name_en");
  level->description = optional (p, group, "description");

  g_autoptr (GError) local = NULL;
  level->value = rank;
  if (g_key_file_has_key (p->file, group, "value", NULL)) {
    level->value = g_key_file_get_integer (p->file, group, "value", &local);
    if (local) {
      g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                   _ ("%s: [%s] value must be a whole number (%s)"), p->origin, group, local->message);
      return FALSE;
    }
  }
  if (level->value < 0 || level->value > DC_SCHEME_MAX_VALUE) {
    g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                 _ ("%s: [%s] value %d is outside 0 to %d"), p->origin, group, level->value,
                 DC_SCHEME_MAX_VALUE);
    return FALSE;
  }
  if (rank > 1) {
    const DcLevel *lower = g_ptr_array_index (property->levels, rank - 2);
    if (level->value <= lower->value) {
      g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                   _ ("%s: [%s] value %d must be greater than the value %d of the lower level %s"),
                   p->origin, group, level->value, lower->value, lower->label);
      return FALSE;
    }
  }
  for (guint t = 0; t < scheme->types->len; t++) {
    const DcAssetType *type = g_ptr_array_index (scheme->types, t);
    g_autofree char *key = g_strconcat ("definition.", type->code, NULL);
    char *text = required (p, group, key);
    if (!text)
      return FALSE;
    g_hash_table_insert (level->definitions, g_strdup (type->code), text);
  }
  return TRUE;
}

static gboolean
parse_property (Parser *p, DcScheme *scheme, int index)
{
  DcProperty *property = &scheme->properties[index];
  char group[] = { 'p', 'r', 'o', 'p', 'e', 'r', 't', 'y', ' ', properties[index], 0 };
  property->code = properties[index];
  property->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) level_free);
  if (!(property->name = required (p, group, "name")))
    return FALSE;
  property->name_en = optional (p, group, "name_en");
  g_auto (GStrv) labels = required_list (p, group, "levels");
  if (!labels)
    return FALSE;
  if (!labels[0]) {
    g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                 _ ("%s: [%s] levels lists no level"), p->origin, group);
    return FALSE;
  }
  if (g_strv_length (labels) > DC_SCHEME_MAX_LEVELS) {
    g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                 _ ("%s: [%s] lists %u levels; a property has at most %d"), p->origin, group,
                 g_strv_length (labels), DC_SCHEME_MAX_LEVELS);
    return FALSE;
  }
  for (int rank = 1; labels[rank - 1]; rank++) {
    if (dc_scheme_level (scheme, property->code, labels[rank - 1])) {
      g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                   _ ("%s: [%s] lists level '%s' twice"), p->origin, group, labels[rank - 1]);
      return FALSE;
    }
    if (!parse_level (p, scheme, property, labels[rank - 1], rank))
      return FALSE;
  }
  return TRUE;
}

static gboolean
parse_header (Parser *p, DcScheme *scheme)
{
  if (!(scheme->name = required (p, "scheme", "name")) ||
      !(scheme->title = required (p, "scheme", "title")))
    return FALSE;
  scheme->source = optional (p, "scheme", "source");
  scheme->handling_mark = optional (p, "scheme", "handling_mark");
  scheme->handling_threshold = optional (p, "scheme", "handling_threshold");
  g_autofree char *rule = optional (p, "scheme", "value_rule");
  if (!*rule || g_str_equal (rule, "max"))
    scheme->value_rule = DC_VALUE_MAX;
  else if (g_str_equal (rule, "sum"))
    scheme->value_rule = DC_VALUE_SUM;
  else if (g_str_equal (rule, "product"))
    scheme->value_rule = DC_VALUE_PRODUCT;
  else {
    g_set_error (p->error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                 _ ("%s: [scheme] value_rule '%s' is not one of max, sum, product"), p->origin, rule);
    return FALSE;
  }
  return TRUE;
}

DcScheme *
dc_scheme_parse (const char *text, gsize length, const char *origin, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_utf8_validate (text, (gssize) length, NULL)) {
    g_set_error (error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                 _ ("%s: a scheme file must be UTF-8 text"), origin);
    return NULL;
  }
  if (!g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, &local)) {
    g_set_error (error, DC_SCHEME_ERROR, DC_ERROR_INVALID, _ ("%s: not a scheme file: %s"),
                 origin, local->message);
    return NULL;
  }
  Parser p = { file, origin, error };
  g_autoptr (DcScheme) scheme = g_new0 (DcScheme, 1);
  if (!parse_header (&p, scheme) || !parse_types (&p, scheme))
    return NULL;
  for (int i = 0; i < 3; i++)
    if (!parse_property (&p, scheme, i))
      return NULL;
  if (*scheme->handling_threshold && !dc_scheme_level (scheme, 'C', scheme->handling_threshold)) {
    g_set_error (error, DC_SCHEME_ERROR, DC_ERROR_INVALID,
                 _ ("%s: [scheme] handling_threshold '%s' is not a level of property C"),
                 origin, scheme->handling_threshold);
    return NULL;
  }
  scheme->definition = g_strndup (text, length);
  return g_steal_pointer (&scheme);
}

GStrv
dc_scheme_preset_names (void)
{
  return dc_preset_names ("schemes");
}

DcScheme *
dc_scheme_load (const char *name_or_path, GError **error)
{
  gsize length = 0;
  g_autofree char *text = dc_preset_read ("schemes", name_or_path, "scheme", &length, error);
  return text ? dc_scheme_parse (text, length, name_or_path, error) : NULL;
}

/* ---- lookups ---- */

const DcProperty *
dc_scheme_property (const DcScheme *scheme, char property)
{
  for (int i = 0; i < 3; i++)
    if (properties[i] == property)
      return &scheme->properties[i];
  return NULL;
}

const DcLevel *
dc_scheme_level (const DcScheme *scheme, char property, const char *label)
{
  const DcProperty *p = dc_scheme_property (scheme, property);
  for (guint i = 0; p && p->levels && i < p->levels->len; i++) {
    const DcLevel *level = g_ptr_array_index (p->levels, i);
    if (g_strcmp0 (level->label, label) == 0)
      return level;
  }
  return NULL;
}

char *
dc_scheme_level_key (const char *text, char property, const char *const *names)
{
  g_autofree char *key = dc_text_match_key (text);
  const char *p = key;
  gboolean named = FALSE;
  for (gsize i = 0; names && names[i] && !named; i++) {
    g_autofree char *name = dc_text_match_key (names[i]);
    if (*name && g_str_has_prefix (p, name)) {
      p += strlen (name);
      named = TRUE;
    }
  }
  if (!named && g_ascii_tolower (*p) == g_ascii_tolower (property) && g_ascii_isdigit (p[1])) {
    p++;
    named = TRUE;
  }
  /* 機密性：3, 機密性 3, C-3, 機密性・3 */
  while (named && (*p == ':' || *p == ' ' || *p == '-' || *p == '=' || g_str_has_prefix (p, "・")))
    p += *p == ':' || *p == ' ' || *p == '-' || *p == '=' ? 1 : strlen ("・");
  /* NFKC made Ⅲ "III" and casefolding "iii". */
  static const char *const numerals[] = { "i", "ii", "iii", "iv", "v", "vi", NULL };
  for (gsize i = 0; numerals[i]; i++)
    if (g_str_equal (p, numerals[i]))
      return g_strdup_printf ("%zu", i + 1);
  return g_strdup (p);
}

const DcAssetType *
dc_scheme_type (const DcScheme *scheme, const char *code)
{
  for (guint i = 0; scheme->types && i < scheme->types->len; i++) {
    const DcAssetType *type = g_ptr_array_index (scheme->types, i);
    if (g_str_equal (type->code, code))
      return type;
  }
  return NULL;
}

int
dc_scheme_asset_value (const DcScheme *scheme, const DcLevel *c, const DcLevel *i,
                       const DcLevel *a)
{
  switch (scheme->value_rule) {
  case DC_VALUE_SUM:
    return c->value + i->value + a->value;
  case DC_VALUE_PRODUCT:
    return c->value * i->value * a->value;
  case DC_VALUE_MAX:
  default:
    return MAX (c->value, MAX (i->value, a->value));
  }
}

static gint
compare_values (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

GArray *
dc_scheme_level_values (const DcScheme *scheme)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (int));
  for (int p = 0; p < 3; p++)
    for (guint l = 0; scheme->properties[p].levels && l < scheme->properties[p].levels->len; l++) {
      int value = ((const DcLevel *) g_ptr_array_index (scheme->properties[p].levels, l))->value;
      gboolean seen = FALSE;
      for (guint i = 0; i < values->len && !seen; i++)
        seen = g_array_index (values, int, i) == value;
      if (!seen)
        g_array_append_val (values, value);
    }
  g_array_sort (values, compare_values);
  return values;
}

gboolean
dc_scheme_needs_mark (const DcScheme *scheme, const DcLevel *c)
{
  const DcLevel *threshold = dc_scheme_level (scheme, 'C', scheme->handling_threshold);
  return threshold && c && c->rank >= threshold->rank;
}

/* ---- the register's levels and asset types, read once per store ---- */

static const char *const choice_tables[] = { "dc-scheme:C", "dc-scheme:I", "dc-scheme:A", "dc-scheme:types" };

static void
choice_free (DcSchemeChoice *c)
{
  g_free (c->code);
  g_free (c->shown);
  g_free (c->shown_name);
  for (int i = 0; i < 4; i++)
    g_free (c->keys[i]);
  g_free (c);
}

static void
choices_free (DcSchemeChoices *t)
{
  g_ptr_array_unref (t->choices);
  g_free (t->property_names[0]);
  g_free (t->property_names[1]);
  g_free (t);
}

static void
forget_choices (DcStore *store)
{
  for (gsize i = 0; i < G_N_ELEMENTS (choice_tables); i++)
    dc_store_set_data (store, choice_tables[i], NULL, NULL);
}

static DcSchemeChoice *
choice_new (gint64 id, const char *code, const char *shown, const char *shown_name, const char *const texts[4])
{
  DcSchemeChoice *c = g_new0 (DcSchemeChoice, 1);
  c->id = id;
  c->code = g_strdup (code);
  c->shown = g_strdup (shown);
  c->shown_name = g_strdup (shown_name);
  for (int i = 0; i < 4; i++)
    c->keys[i] = texts[i] ? dc_text_match_key (texts[i]) : NULL;
  return c;
}

const DcSchemeChoices *
dc_scheme_choices (DcStore *store, char property, GError **error)
{
  const char *name = choice_tables[property == 'C' ? 0 : property == 'I' ? 1 : property == 'A' ? 2 : 3];
  DcSchemeChoices *table = dc_store_get_data (store, name);
  if (table)
    return table;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, property ? "SELECT id, label, name, (SELECT name FROM property WHERE code = ?1),"
                        " (SELECT name_en FROM property WHERE code = ?1)"
                        " FROM level WHERE property = ?1 ORDER BY rank"
                      : "SELECT 0, code, name, name_en FROM asset_type ORDER BY position", error);
  if (!stmt)
    return NULL;
  char code[2] = { property, 0 };
  if (property)
    dc_stmt_bind_text (stmt, 1, code);
  table = g_new0 (DcSchemeChoices, 1);
  table->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    const char *first = dc_stmt_text (stmt, 1), *second = dc_stmt_text (stmt, 2);
    if (property) {
      g_autofree char *spaced = g_strconcat (first, " ", second, NULL);
      g_autofree char *joined = g_strconcat (first, second, NULL);
      const char *texts[4] = { first, second, spaced, joined };
      g_ptr_array_add (table->choices, choice_new (dc_stmt_int64 (stmt, 0), NULL, spaced, NULL, texts));
      if (!table->property_names[0]) {
        table->property_names[0] = g_strdup (dc_stmt_text (stmt, 3));
        table->property_names[1] = g_strdup (dc_stmt_text (stmt, 4));
      }
    } else {
      const char *texts[4] = { first, second, dc_stmt_text (stmt, 3), NULL };
      g_ptr_array_add (table->choices, choice_new (0, first, first, second, texts));
    }
  }
  if (rc != DC_STMT_DONE) {
    choices_free (table);
    return NULL;
  }
  dc_store_set_data (store, name, table, (GDestroyNotify) choices_free);
  return table;
}

gboolean
dc_scheme_choice_matches (const DcSchemeChoice *choice, const char *key)
{
  for (int i = 0; i < 4; i++)
    if (choice->keys[i] && g_str_equal (choice->keys[i], key))
      return TRUE;
  return FALSE;
}

/* ---- the register's copy ---- */

/* Runs the INSERT in SQL with TEXTS, then NUMBERS, as its parameters. With
 * NEW_ID, the SQL ends in "RETURNING id" and *NEW_ID gets the row's id. */
static gboolean
insert_row (DcStore *store, const char *sql, const char *const *texts, guint n_texts,
            const gint64 *numbers, guint n_numbers, gint64 *new_id, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return FALSE;
  for (guint i = 0; i < n_texts; i++)
    dc_stmt_bind_text (stmt, (int) i + 1, texts[i]);
  for (guint i = 0; i < n_numbers; i++)
    dc_stmt_bind_int64 (stmt, (int) (n_texts + i + 1), numbers[i]);
  if (!new_id)
    return dc_store_run (store, stmt, error);
  if (dc_store_step (store, stmt, error) != DC_STMT_ROW)
    return FALSE;
  *new_id = dc_stmt_int64 (stmt, 0);
  return dc_store_run (store, stmt, error);
}

static gboolean
install_levels (DcStore *store, const DcScheme *scheme, const DcProperty *property,
                GError **error)
{
  char code[2] = { property->code, 0 };
  const char *p_texts[] = { code, property->name, property->name_en };
  if (!insert_row (store, "INSERT INTO property (code, name, name_en) VALUES (?1, ?2, ?3)",
                   p_texts, 3, NULL, 0, NULL, error))
    return FALSE;
  for (guint l = 0; l < property->levels->len; l++) {
    const DcLevel *level = g_ptr_array_index (property->levels, l);
    const char *texts[] = { code, level->label, level->name, level->name_en, level->description };
    const gint64 numbers[] = { level->rank, level->value };
    gint64 level_id = 0;
    if (!insert_row (store, "INSERT INTO level (property, label, name, name_en, description,"
                     " rank, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                     texts, 5, numbers, 2, &level_id, error))
      return FALSE;
    for (guint t = 0; t < scheme->types->len; t++) {
      const DcAssetType *type = g_ptr_array_index (scheme->types, t);
      const char *d_texts[] = { type->code, g_hash_table_lookup (level->definitions, type->code) };
      if (!insert_row (store, "INSERT INTO level_definition (asset_type, text, level_id)"
                       " VALUES (?1, ?2, ?3)", d_texts, 2, &level_id, 1, NULL, error))
        return FALSE;
    }
  }
  return TRUE;
}

gboolean
dc_scheme_install (DcStore *store, const DcScheme *scheme, GError **error)
{
  const char *texts[] = { scheme->name, scheme->title, scheme->source,
                          dc_value_rule_name (scheme->value_rule), scheme->handling_mark,
                          scheme->handling_threshold, scheme->definition };
  GError *local = NULL;
  if (!insert_row (store, "INSERT INTO scheme (name, title, source, value_rule, handling_mark,"
                   " handling_threshold, definition, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)",
                   texts, G_N_ELEMENTS (texts), NULL, 0, NULL, &local)) {
    if (g_error_matches (local, DC_STORE_ERROR, DC_ERROR_CONFLICT)) {
      g_clear_error (&local);
      g_set_error (&local, DC_SCHEME_ERROR, DC_ERROR_CONFLICT,
                   _ ("%s already has a scheme: a register is initialised once"),
                   dc_store_path (store));
    }
    g_propagate_error (error, local);
    return FALSE;
  }
  for (guint t = 0; t < scheme->types->len; t++) {
    const DcAssetType *type = g_ptr_array_index (scheme->types, t);
    const char *t_texts[] = { type->code, type->name, type->name_en, type->description };
    const gint64 position = t + 1;
    if (!insert_row (store, "INSERT INTO asset_type (code, name, name_en, description, position)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)", t_texts, 4, &position, 1, NULL, error))
      return FALSE;
  }
  for (int i = 0; i < 3; i++)
    if (!install_levels (store, scheme, &scheme->properties[i], error))
      return FALSE;
  forget_choices (store);
  return TRUE;
}

DcScheme *
dc_scheme_from_store (DcStore *store, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT name, definition FROM scheme WHERE id = 1", error);
  if (!stmt)
    return NULL;
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_DONE)
    g_set_error (error, DC_SCHEME_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("%s has no scheme yet: run `daicho init --scheme NAME` first"),
                 dc_store_path (store));
  if (rc != DC_STMT_ROW)
    return NULL;
  const char *definition = dc_stmt_text (stmt, 1);
  g_autofree char *origin = g_strdup_printf ("%s (scheme %s)", dc_store_path (store),
                                             dc_stmt_text (stmt, 0));
  return dc_scheme_parse (definition, strlen (definition), origin, error);
}
