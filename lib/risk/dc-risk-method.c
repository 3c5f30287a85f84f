#include "risk/dc-risk-method.h"
#include "base/dc-i18n.h"
#include "base/dc-keyfile.h"
#include "base/dc-preset.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "model/dc-scheme.h"
#include "base/dc-text.h"

#include <string.h>

#define MAX_POSSIBILITY (DC_RISK_MAX_SCALE * DC_RISK_MAX_SCALE)

/* What each rating means on IPA's three-step scales (起こりやすさ, つけ込みやすさ). */
static const char *const ipa_likelihood[] = {
  "通常の業務では発生しない（数年に一度あるかどうか）",
  "特定の状況で発生する（年に数回程度）",
  "通常の業務で発生しうる（いつ起きてもおかしくない）",
};
static const char *const ipa_vulnerability[] = {
  "必要な対策をすべて講じている",
  "対策を一部講じている",
  "対策を講じていない",
};
/* 被害発生可能性 by likelihood (rows 1..3) and vulnerability (columns 1..3). */
static const int ipa_grid[9] = { 1, 1, 1,
                                 1, 1, 2,
                                 1, 2, 3 };

static void
level_free (DcRiskLevel *level)
{
  g_free (level->code);
  g_free (level->name);
  g_free (level->name_en);
  g_free (level->description);
  g_free (level);
}

void
dc_risk_method_free (DcRiskMethod *method)
{
  if (!method)
    return;
  g_free (method->title);
  g_clear_pointer (&method->likelihood, g_ptr_array_unref);
  g_clear_pointer (&method->vulnerability, g_ptr_array_unref);
  g_free (method->possibility);
  g_clear_pointer (&method->levels, g_ptr_array_unref);
  for (guint i = 0; method->matrix && i < method->matrix->len; i++)
    g_free (g_array_index (method->matrix, DcRiskMatrixRow, i).levels);
  g_clear_pointer (&method->matrix, g_array_unref);
  g_free (method);
}

void
dc_risk_score_clear (DcRiskScore *score)
{
  g_clear_pointer (&score->formula, g_free);
}

static const char *const kind_names[] = { "ipa", "product", "matrix" };
static const char *const kind_titles[] = {
  "IPA方式（資産価値 × 被害発生可能性）",
  "積算方式（資産価値 × 脅威 × 脆弱性）",
  "リスクマトリクス方式（被害発生可能性 × 資産価値）",
};

const char *
dc_risk_method_kind_name (DcRiskMethodKind kind)
{
  return kind_names[kind];
}

/* ---- parsing ---- */

static gboolean
parse_int (DcKeyReader *p, const char *group, const char *key, const char *text, int min, int max,
           int *out)
{
  gint64 number = 0;
  if (!g_ascii_string_to_signed (text, 10, min, max, &number, NULL))
    return dc_key_fail (p, _ ("[%s] %s '%s' must be a whole number from %d to %d"), group, key, text, min, max);
  *out = (int) number;
  return TRUE;
}

/* A scale: [risk likelihood] or [risk vulnerability] with keys 1, 2, ...
 * giving what each rating means; the IPA texts when the group is absent. */
static GPtrArray *
parse_scale (DcKeyReader *p, const char *group, const char *const *ipa_texts)
{
  GPtrArray *scale = g_ptr_array_new_with_free_func (g_free);
  if (!g_key_file_has_group (p->file, group)) {
    for (int i = 0; i < 3; i++)
      g_ptr_array_add (scale, g_strdup (ipa_texts[i]));
    return scale;
  }
  g_auto (GStrv) keys = g_key_file_get_keys (p->file, group, NULL, NULL);
  guint n = keys ? g_strv_length (keys) : 0;
  if (n < 1 || n > DC_RISK_MAX_SCALE) {
    dc_key_fail (p, _ ("[%s] must give ratings 1 to N (N at most %d)"), group, DC_RISK_MAX_SCALE);
    g_ptr_array_unref (scale);
    return NULL;
  }
  for (guint i = 1; i <= n; i++) {
    g_autofree char *key = g_strdup_printf ("%u", i);
    char *text = dc_key_required (p, group, key);
    if (!text) {
      g_clear_error (p->error);
      dc_key_fail (p, _ ("[%s] must give ratings 1 to %u, each with its meaning: '%s' is missing"), group, n, key);
      g_ptr_array_unref (scale);
      return NULL;
    }
    g_ptr_array_add (scale, text);
  }
  return scale;
}

static gboolean
parse_possibility (DcKeyReader *p, DcRiskMethod *m)
{
  const char *group = "risk possibility";
  guint nl = m->likelihood->len, nv = m->vulnerability->len;
  if (m->kind == DC_RISK_PRODUCT) {
    if (g_key_file_has_group (p->file, group))
      return dc_key_fail (p, _ ("the product method multiplies likelihood and vulnerability; remove [%s]"), group);
    m->possibility_max = (int) (nl * nv);
    return TRUE;
  }
  m->possibility = g_new0 (int, nl * nv);
  if (!g_key_file_has_group (p->file, group)) {
    if (nl != 3 || nv != 3)
      return dc_key_fail (p, _ ("[%s] is needed: the IPA grid is for likelihood and vulnerability 1 to 3"), group);
    memcpy (m->possibility, ipa_grid, sizeof ipa_grid);
  } else {
    g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
    for (guint l = 1; l <= nl; l++) {
      char *key = g_strdup_printf ("likelihood.%u", l);
      g_ptr_array_add (keys, key);
      g_autofree char *text = dc_key_required (p, group, key);
      if (!text)
        return FALSE;
      g_auto (GStrv) cells = dc_key_split (text);
      if (g_strv_length (cells) != nv)
        return dc_key_fail (p, _ ("[%s] %s lists %u values; it needs one per vulnerability rating 1 to %u"),
                     group, key, g_strv_length (cells), nv);
      for (guint v = 0; v < nv; v++)
        if (!parse_int (p, group, key, cells[v], 1, MAX_POSSIBILITY, &m->possibility[(l - 1) * nv + v]))
          return FALSE;
    }
    g_ptr_array_add (keys, NULL);
    if (!dc_key_only (p, group, (const char *const *) keys->pdata))
      return FALSE;
  }
  for (guint l = 0; l < nl; l++)
    for (guint v = 0; v < nv; v++) {
      int here = m->possibility[l * nv + v];
      m->possibility_max = MAX (m->possibility_max, here);
      /* A likelier threat or a weaker control never makes damage less likely. */
      if ((v > 0 && here < m->possibility[l * nv + v - 1]) ||
          (l > 0 && here < m->possibility[(l - 1) * nv + v]))
        return dc_key_fail (p, _ ("[%s] likelihood.%u: 被害発生可能性 %d is lower than for a lower "
                     "likelihood or vulnerability; the grid must not decrease"), group, l + 1, here);
    }
  return TRUE;
}

static gboolean
valid_code (const char *code)
{
  for (const char *c = code; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && *c != '-')
      return FALSE;
  return *code != '\0';
}

static gboolean
parse_color (const char *text, guint32 *color)
{
  const char *hex = text[0] == '#' ? text + 1 : text;
  if (strlen (hex) != 6)
    return FALSE;
  for (const char *c = hex; *c; c++)
    if (!g_ascii_isxdigit (*c))
      return FALSE;
  *color = (guint32) g_ascii_strtoull (hex, NULL, 16);
  return TRUE;
}

static gboolean
parse_level (DcKeyReader *p, DcRiskMethod *m, const char *code, gboolean last)
{
  static const char *const keys[] = { "name", "name_en", "color", "max", "description", NULL };
  g_autofree char *group = g_strconcat ("risk level ", code, NULL);
  if (!g_key_file_has_group (p->file, group))
    return dc_key_fail (p, _ ("[risk] levels lists '%s' but there is no [%s]"), code, group);
  if (!dc_key_only (p, group, keys))
    return FALSE;
  DcRiskLevel *level = g_new0 (DcRiskLevel, 1);
  g_ptr_array_add (m->levels, level);
  level->code = g_strdup (code);
  level->max = G_MAXINT;
  if (!(level->name = dc_key_required (p, group, "name")))
    return FALSE;
  level->name_en = dc_key_get (p, group, "name_en");
  level->description = dc_key_get (p, group, "description");
  if (!level->name_en)
    level->name_en = g_strdup ("");
  if (!level->description)
    level->description = g_strdup ("");
  g_autofree char *color = dc_key_required (p, group, "color");
  if (!color)
    return FALSE;
  if (!parse_color (color, &level->color))
    return dc_key_fail (p, _ ("[%s] color '%s' must be written #RRGGBB"), group, color);
  g_autofree char *max = dc_key_get (p, group, "max");
  if (m->kind == DC_RISK_MATRIX) {
    if (max)
      return dc_key_fail (p, _ ("[%s] max: a matrix sets the level of each cell in [risk matrix]; remove max"), group);
    return TRUE;
  }
  if (last) {
    if (max)
      return dc_key_fail (p, _ ("[%s] max: the highest level takes every risk value above the level below it; "
                   "remove max"), group);
    return TRUE;
  }
  if (!max || !*max)
    return dc_key_fail (p, _ ("[%s] needs max, the highest risk value of the level"), group);
  if (!parse_int (p, group, "max", max, 1, G_MAXINT - 1, &level->max))
    return FALSE;
  if (m->levels->len > 1) {
    const DcRiskLevel *lower = g_ptr_array_index (m->levels, m->levels->len - 2);
    if (level->max <= lower->max)
      return dc_key_fail (p, _ ("[%s] max %d must be greater than the max %d of the level below (%s)"), group,
                   level->max, lower->max, lower->code);
  }
  return TRUE;
}

static int
compare_ints (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static gboolean
parse_matrix (DcKeyReader *p, DcRiskMethod *m, const int *values, guint n_values)
{
  const char *group = "risk matrix";
  if (m->kind != DC_RISK_MATRIX) {
    if (g_key_file_has_group (p->file, group))
      return dc_key_fail (p, _ ("[%s] applies to method = matrix only; remove it or change the method"), group);
    return TRUE;
  }
  if (!g_key_file_has_group (p->file, group))
    return dc_key_fail (p, _ ("method = matrix needs [%s] with a line value.N = level;level;... per asset value"), group);
  m->matrix = g_array_new (FALSE, TRUE, sizeof (DcRiskMatrixRow));
  g_auto (GStrv) keys = g_key_file_get_keys (p->file, group, NULL, NULL);
  for (char **key = keys; key && *key; key++) {
    DcRiskMatrixRow row = { 0 };
    if (!g_str_has_prefix (*key, "value.") ||
        !parse_int (p, group, *key, *key + 6, 0, G_MAXINT, &row.value)) {
      g_clear_error (p->error);
      return dc_key_fail (p, _ ("[%s] has '%s'; its lines are value.N = level;level;... (N an asset value)"), group, *key);
    }
    g_autofree char *text = dc_key_required (p, group, *key);
    if (!text)
      return FALSE;
    g_auto (GStrv) cells = dc_key_split (text);
    if (g_strv_length (cells) != (guint) m->possibility_max) {
      return dc_key_fail (p, _ ("[%s] %s lists %u levels; it needs one per 被害発生可能性 1 to %d"), group, *key,
                   g_strv_length (cells), m->possibility_max);
    }
    row.levels = g_new0 (guint, m->possibility_max);
    g_array_append_val (m->matrix, row);
    for (int i = 0; i < m->possibility_max; i++) {
      guint index = 0;
      gboolean found = FALSE;
      for (guint l = 0; l < m->levels->len && !found; l++)
        if (g_str_equal (((DcRiskLevel *) g_ptr_array_index (m->levels, l))->code, cells[i]))
          index = l, found = TRUE;
      if (!found)
        return dc_key_fail (p, _ ("[%s] %s names '%s', which is not in [risk] levels"), group, *key, cells[i]);
      if (i > 0 && index < row.levels[i - 1])
        return dc_key_fail (p, _ ("[%s] %s: the level falls as 被害発生可能性 rises; a matrix must not decrease"),
                     group, *key);
      row.levels[i] = index;
    }
  }
  g_array_sort (m->matrix, compare_ints);  /* rows by value; value is the first member */
  for (guint r = 1; r < m->matrix->len; r++) {
    const DcRiskMatrixRow *lower = &g_array_index (m->matrix, DcRiskMatrixRow, r - 1);
    const DcRiskMatrixRow *row = &g_array_index (m->matrix, DcRiskMatrixRow, r);
    for (int i = 0; i < m->possibility_max; i++)
      if (row->levels[i] < lower->levels[i])
        return dc_key_fail (p, _ ("[%s] value.%d: a level is lower than for value %d; a matrix must not decrease"),
                     group, row->value, lower->value);
  }
  for (guint v = 0; values && v < n_values; v++) {
    gboolean found = FALSE;
    for (guint r = 0; r < m->matrix->len && !found; r++)
      found = g_array_index (m->matrix, DcRiskMatrixRow, r).value == values[v];
    if (!found)
      return dc_key_fail (p, _ ("[%s] has no line value.%d, and the scheme has levels of value %d"), group,
                   values[v], values[v]);
  }
  return TRUE;
}

gboolean
dc_risk_method_present (GKeyFile *file)
{
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group; group++)
    if (g_str_equal (*group, "risk") || g_str_has_prefix (*group, "risk "))
      return TRUE;
  return FALSE;
}

/* Every [risk ...] group must be one this parser reads. */
static gboolean
known_groups (DcKeyReader *p, const DcRiskMethod *m)
{
  static const char *const fixed[] = { "risk", "risk likelihood", "risk vulnerability",
                                       "risk possibility", "risk matrix", NULL };
  g_auto (GStrv) groups = g_key_file_get_groups (p->file, NULL);
  for (char **group = groups; *group; group++) {
    if (!g_str_has_prefix (*group, "risk") || g_strv_contains (fixed, *group))
      continue;
    gboolean level = FALSE;
    for (guint l = 0; l < m->levels->len && !level; l++) {
      g_autofree char *name = g_strconcat ("risk level ", ((DcRiskLevel *) g_ptr_array_index (m->levels, l))->code, NULL);
      level = g_str_equal (name, *group);
    }
    if (!level)
      return dc_key_fail (p, _ ("[%s] is not a group of the risk method (levels are [risk level CODE] for "
                   "each code in [risk] levels)"), *group);
  }
  return TRUE;
}

static gboolean
parse_header (DcKeyReader *p, DcRiskMethod *m)
{
  static const char *const keys[] = { "method", "title", "levels", "accept",
                                      "acceptance_max_months", NULL };
  if (!g_key_file_has_group (p->file, "risk"))
    return dc_key_fail (p, _ ("the risk method needs a [risk] group (method = ipa, product or matrix)"));
  if (!dc_key_only (p, "risk", keys))
    return FALSE;
  g_autofree char *kind = dc_key_required (p, "risk", "method");
  if (!kind)
    return FALSE;
  gboolean known = FALSE;
  for (int k = 0; k < 3 && !known; k++)
    if (g_str_equal (kind, kind_names[k]))
      m->kind = k, known = TRUE;
  if (!known)
    return dc_key_fail (p, _ ("[risk] method '%s' is not one of ipa, product, matrix"), kind);
  m->title = dc_key_get (p, "risk", "title");
  if (!m->title || !*m->title) {
    g_free (m->title);
    m->title = g_strdup (kind_titles[m->kind]);
  }
  m->acceptance_max_months = 12;
  g_autofree char *months = dc_key_get (p, "risk", "acceptance_max_months");
  return !months || parse_int (p, "risk", "acceptance_max_months", months, 0, 120,
                               &m->acceptance_max_months);
}

static gboolean
parse_levels (DcKeyReader *p, DcRiskMethod *m)
{
  g_autofree char *list = dc_key_required (p, "risk", "levels");
  if (!list)
    return FALSE;
  g_auto (GStrv) codes = dc_key_split (list);
  if (!codes[0])
    return dc_key_fail (p, _ ("[risk] levels lists no level"));
  m->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) level_free);
  for (char **code = codes; *code; code++) {
    if (!valid_code (*code))
      return dc_key_fail (p, _ ("[risk] levels: '%s' is not a level code (letters, digits, - and _)"), *code);
    if (dc_risk_method_find_level (m, *code, NULL))
      return dc_key_fail (p, _ ("[risk] levels lists '%s' twice"), *code);
    if (!parse_level (p, m, *code, code[1] == NULL))
      return FALSE;
  }
  g_autofree char *accept = dc_key_required (p, "risk", "accept");
  if (!accept)
    return FALSE;
  for (guint l = 0; l < m->levels->len; l++)
    if (g_str_equal (((DcRiskLevel *) g_ptr_array_index (m->levels, l))->code, accept)) {
      m->accept = l;
      return TRUE;
    }
  return dc_key_fail (p, _ ("[risk] accept '%s' is not one of the levels (%s)"), accept, list);
}

DcRiskMethod *
dc_risk_method_parse (GKeyFile *file, const char *origin, const int *values, guint n_values,
                      GError **error)
{
  DcKeyReader p = { file, origin, DC_RISK_ERROR, error };
  g_autoptr (DcRiskMethod) m = g_new0 (DcRiskMethod, 1);
  if (!parse_header (&p, m))
    return NULL;
  if (!(m->likelihood = parse_scale (&p, "risk likelihood", ipa_likelihood)) ||
      !(m->vulnerability = parse_scale (&p, "risk vulnerability", ipa_vulnerability)))
    return NULL;
  if (!parse_possibility (&p, m) || !parse_levels (&p, m) || !known_groups (&p, m) ||
      !parse_matrix (&p, m, values, n_values))
    return NULL;
  return g_steal_pointer (&m);
}

DcRiskMethod *
dc_risk_method_parse_text (const char *text, gsize length, const char *origin, const int *values,
                           guint n_values, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_utf8_validate (text, (gssize) length, NULL) ||
      !g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, &local)) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID, _ ("%s: not a UTF-8 key file: %s"), origin,
                 local ? local->message : "invalid UTF-8");
    return NULL;
  }
  return dc_risk_method_parse (file, origin, values, n_values, error);
}

gboolean
dc_risk_method_from_scheme (const DcScheme *scheme, const char *origin, DcRiskMethod **method,
                            GError **error)
{
  *method = NULL;
  g_autoptr (GKeyFile) file = g_key_file_new ();
  /* The scheme parsed this text already: it loads. */
  if (!g_key_file_load_from_data (file, scheme->definition, strlen (scheme->definition), G_KEY_FILE_NONE,
                                  NULL) ||
      !dc_risk_method_present (file))
    return TRUE;
  g_autoptr (GArray) values = dc_scheme_level_values (scheme);
  *method = dc_risk_method_parse (file, origin, (const int *) (void *) values->data, values->len, error);
  return *method != NULL;
}

DcRiskMethod *
dc_risk_method_default (void)
{
  gsize length = 0;
  g_autofree char *text = dc_preset_read ("schemes", "ipa", "scheme", &length, NULL);
  g_autoptr (GError) error = NULL;
  DcRiskMethod *method = text ? dc_risk_method_parse_text (text, length, "ipa", NULL, 0, &error) : NULL;
  g_assert_no_error (error);  /* the preset is part of the build */
  g_assert (method != NULL);
  return method;
}

/* ---- writing ---- */

static void
set_list_int (GKeyFile *file, const char *group, const char *key, const int *values, guint n)
{
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%d", i ? ";" : "", values[i]);
  g_key_file_set_string (file, group, key, text->str);
}

static void
set_scale (GKeyFile *file, const char *group, GPtrArray *scale)
{
  for (guint i = 0; i < scale->len; i++) {
    g_autofree char *key = g_strdup_printf ("%u", i + 1);
    g_key_file_set_string (file, group, key, g_ptr_array_index (scale, i));
  }
}

char *
dc_risk_method_to_text (const DcRiskMethod *m)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GString) codes = g_string_new (NULL);
  for (guint l = 0; l < m->levels->len; l++)
    g_string_append_printf (codes, "%s%s", l ? ";" : "",
                            ((DcRiskLevel *) g_ptr_array_index (m->levels, l))->code);
  g_key_file_set_string (file, "risk", "method", kind_names[m->kind]);
  g_key_file_set_string (file, "risk", "title", m->title);
  g_key_file_set_string (file, "risk", "levels", codes->str);
  g_key_file_set_string (file, "risk", "accept",
                         ((DcRiskLevel *) g_ptr_array_index (m->levels, m->accept))->code);
  g_key_file_set_integer (file, "risk", "acceptance_max_months", m->acceptance_max_months);
  set_scale (file, "risk likelihood", m->likelihood);
  set_scale (file, "risk vulnerability", m->vulnerability);
  if (m->kind != DC_RISK_PRODUCT)
    for (guint l = 0; l < m->likelihood->len; l++) {
      g_autofree char *key = g_strdup_printf ("likelihood.%u", l + 1);
      set_list_int (file, "risk possibility", key, m->possibility + l * m->vulnerability->len,
                    m->vulnerability->len);
    }
  for (guint l = 0; l < m->levels->len; l++) {
    const DcRiskLevel *level = g_ptr_array_index (m->levels, l);
    g_autofree char *group = g_strconcat ("risk level ", level->code, NULL);
    g_autofree char *color = g_strdup_printf ("#%06X", level->color);
    g_key_file_set_string (file, group, "name", level->name);
    if (*level->name_en)
      g_key_file_set_string (file, group, "name_en", level->name_en);
    g_key_file_set_string (file, group, "color", color);
    if (m->kind != DC_RISK_MATRIX && l + 1 < m->levels->len)
      g_key_file_set_integer (file, group, "max", level->max);
    if (*level->description)
      g_key_file_set_string (file, group, "description", level->description);
  }
  for (guint r = 0; m->matrix && r < m->matrix->len; r++) {
    const DcRiskMatrixRow *row = &g_array_index (m->matrix, DcRiskMatrixRow, r);
    g_autofree char *key = g_strdup_printf ("value.%d", row->value);
    g_autoptr (GString) text = g_string_new (NULL);
    for (int i = 0; i < m->possibility_max; i++)
      g_string_append_printf (text, "%s%s", i ? ";" : "",
                              ((DcRiskLevel *) g_ptr_array_index (m->levels, row->levels[i]))->code);
    g_key_file_set_string (file, "risk matrix", key, text->str);
  }
  return g_key_file_to_data (file, NULL, NULL);
}

/* ---- scoring ---- */

static const DcRiskMatrixRow *
matrix_row (const DcRiskMethod *m, int value)
{
  for (guint r = 0; m->matrix && r < m->matrix->len; r++)
    if (g_array_index (m->matrix, DcRiskMatrixRow, r).value == value)
      return &g_array_index (m->matrix, DcRiskMatrixRow, r);
  return NULL;
}

static guint
band_of (const DcRiskMethod *m, int risk_value)
{
  for (guint l = 0; l < m->levels->len; l++)
    if (risk_value <= ((DcRiskLevel *) g_ptr_array_index (m->levels, l))->max)
      return l;
  return m->levels->len - 1;
}

gboolean
dc_risk_method_score (const DcRiskMethod *m, int value, int likelihood, int vulnerability,
                      DcRiskScore *score, GError **error)
{
  memset (score, 0, sizeof *score);
  int nl = (int) m->likelihood->len, nv = (int) m->vulnerability->len;
  if (likelihood < 1 || likelihood > nl || vulnerability < 1 || vulnerability > nv) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                 _ ("likelihood %d and vulnerability %d: the method rates likelihood 1 to %d and "
                 "vulnerability 1 to %d"), likelihood, vulnerability, nl, nv);
    return FALSE;
  }
  const DcRiskMatrixRow *row = NULL;
  if (m->kind == DC_RISK_MATRIX && !(row = matrix_row (m, value))) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                 _ ("the risk matrix has no line for asset value %d; add value.%d to [risk matrix]"),
                 value, value);
    return FALSE;
  }
  score->value = value;
  score->likelihood = likelihood;
  score->vulnerability = vulnerability;
  score->possibility = m->kind == DC_RISK_PRODUCT
                         ? likelihood * vulnerability
                         : m->possibility[(likelihood - 1) * nv + vulnerability - 1];
  score->risk_value = value * score->possibility;
  switch (m->kind) {
  case DC_RISK_PRODUCT:
    score->level = band_of (m, score->risk_value);
    score->formula = g_strdup_printf ("%d × %d × %d = %d", value, likelihood, vulnerability,
                                      score->risk_value);
    break;
  case DC_RISK_MATRIX:
    score->level = row->levels[score->possibility - 1];
    score->formula = g_strdup_printf (
        "表（被害発生可能性 %d・資産価値 %d）→ %s", score->possibility, value,
        ((DcRiskLevel *) g_ptr_array_index (m->levels, score->level))->name);
    break;
  case DC_RISK_IPA:
  default:
    score->level = band_of (m, score->risk_value);
    score->formula = g_strdup_printf ("%d × %d = %d", value, score->possibility, score->risk_value);
  }
  return TRUE;
}

const DcRiskLevel *
dc_risk_method_level_at (const DcRiskMethod *m, int value, int possibility)
{
  if (m->kind == DC_RISK_MATRIX) {
    const DcRiskMatrixRow *row = matrix_row (m, value);
    if (!row || possibility < 1 || possibility > m->possibility_max)
      return NULL;
    return g_ptr_array_index (m->levels, row->levels[possibility - 1]);
  }
  return g_ptr_array_index (m->levels, band_of (m, value * possibility));
}

const DcRiskLevel *
dc_risk_method_find_level (const DcRiskMethod *m, const char *text, guint *index)
{
  for (guint l = 0; m->levels && l < m->levels->len; l++) {
    const DcRiskLevel *level = g_ptr_array_index (m->levels, l);
    if (g_str_equal (level->code, text) || dc_text_matches (level->code, text) ||
        (level->name && dc_text_matches (level->name, text)) ||
        (level->name_en && *level->name_en && dc_text_matches (level->name_en, text))) {
      if (index)
        *index = l;
      return level;
    }
  }
  return NULL;
}

char *
dc_risk_method_band (const DcRiskMethod *m, guint l)
{
  if (m->kind == DC_RISK_MATRIX)
    return g_strdup ("表による");
  const DcRiskLevel *level = g_ptr_array_index (m->levels, l);
  int low = l ? ((const DcRiskLevel *) g_ptr_array_index (m->levels, l - 1))->max + 1 : 1;
  if (level->max == G_MAXINT)
    return g_strdup_printf ("%d 以上", low);
  return low == level->max ? g_strdup_printf ("%d", low) : g_strdup_printf ("%d〜%d", low, level->max);
}

GArray *
dc_risk_method_possibilities (const DcRiskMethod *m)
{
  gboolean seen[MAX_POSSIBILITY + 1] = { FALSE };
  guint nl = m->likelihood->len, nv = m->vulnerability->len;
  for (guint l = 0; l < nl; l++)
    for (guint v = 0; v < nv; v++)
      seen[m->kind == DC_RISK_PRODUCT ? (l + 1) * (v + 1) : (guint) m->possibility[l * nv + v]] = TRUE;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (int));
  for (int p = 1; p <= MAX_POSSIBILITY; p++)
    if (seen[p])
      g_array_append_val (values, p);
  return values;
}

/* ---- the register's method ---- */

gboolean
dc_risk_method_is_set (DcStore *store, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT count(*) FROM risk_method", error);
  return stmt && dc_store_step (store, stmt, error) == DC_STMT_ROW && dc_stmt_int (stmt, 0) > 0;
}

DcRiskMethod *
dc_risk_method_from_store (DcStore *store, GError **error)
{
  g_autoptr (DcScheme) scheme = dc_scheme_from_store (store, error);
  if (!scheme)
    return NULL;
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT definition FROM risk_method", error);
  if (!stmt)
    return NULL;
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW) {
    g_autoptr (GArray) values = dc_scheme_level_values (scheme);
    const char *text = dc_stmt_text (stmt, 0);
    g_autofree char *origin = g_strdup_printf (_ ("%s (risk method)"), dc_store_path (store));
    return dc_risk_method_parse_text (text, strlen (text), origin, (const int *) (void *) values->data,
                                      values->len, error);
  }
  if (rc != DC_STMT_DONE)
    return NULL;
  g_autofree char *origin = g_strdup_printf (_ ("%s (scheme)"), dc_store_path (store));
  DcRiskMethod *own = NULL;
  if (!dc_risk_method_from_scheme (scheme, origin, &own, error))
    return NULL;
  return own ? own : dc_risk_method_default ();
}

static gboolean
apply_method (DcStore *store, gpointer data, GError **error)
{
  const DcRiskMethod *method = data;
  g_autofree char *text = dc_risk_method_to_text (method);
  g_autofree char *today = dc_date_today ();
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "INSERT INTO risk_method (id, method, definition, set_on) VALUES (1, ?1, ?2, ?3)"
             " ON CONFLICT (id) DO UPDATE SET method = excluded.method,"
             " definition = excluded.definition, set_on = excluded.set_on", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, kind_names[method->kind]);
  dc_stmt_bind_text (stmt, 2, text);
  dc_stmt_bind_text (stmt, 3, today);
  return dc_store_run (store, stmt, error);
}

gboolean
dc_risk_method_set (DcStore *store, const char *name_or_path, GError **error)
{
  gsize length = 0;
  g_autofree char *text = dc_preset_read ("schemes", name_or_path, _ ("scheme or risk method"), &length, error);
  if (!text)
    return FALSE;
  g_autoptr (DcScheme) scheme = dc_scheme_from_store (store, error);
  if (!scheme)
    return FALSE;
  g_autoptr (GArray) values = dc_scheme_level_values (scheme);
  g_autoptr (DcRiskMethod) method = dc_risk_method_parse_text (
      text, length, name_or_path, (const int *) (void *) values->data, values->len, error);
  if (!method)
    return FALSE;
  return dc_change (store, NC_ ("action", "set"), "risk_method", "method", apply_method, method, error);
}
