#include "duty/dc-duty.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "model/dc-post.h"
#include "model/dc-register.h"
#include "base/dc-preset.h"
#include "model/dc-scheme.h"

#include <stdlib.h>
#include <string.h>

#define GROUP_PREFIX "duty "

/* ---- the catalogue ---- */

static void
term_free (DcDutyTerm *term)
{
  g_free (term->field);
  g_free (term->op);
  g_free (term->value);
  g_free (term);
}

static void
duty_free (DcDuty *duty)
{
  g_free (duty->code);
  g_free (duty->name);
  g_free (duty->condition);
  g_ptr_array_unref (duty->terms);
  g_free (duty->role);
  g_free (duty->recorded_by);
  g_free (duty->source);
  g_free (duty);
}

static gboolean
parse_condition (DcDuty *duty, const char *origin, GError **error)
{
  static const char *const fields[] = { "type", "c", "i", "a", "personal_info", NULL };
  g_auto (GStrv) words = g_strsplit_set (duty->condition, " \t", -1);
  for (char **w = words; *w; w++) {
    if (!**w)
      continue;
    /* The longest operator first: "a>=2" is not "a" "=" ">2". */
    const char *ops[] = { "!=", ">=", "<=", "=" };
    const char *at = NULL, *op = NULL;
    for (gsize o = 0; o < G_N_ELEMENTS (ops) && !at; o++)
      if ((at = strstr (*w, ops[o])))
        op = ops[o];
    g_autofree char *field = at ? g_strndup (*w, (gsize) (at - *w)) : NULL;
    const char *value = at ? at + strlen (op) : NULL;
    gboolean ordered = op && op[0] != '=' && op[0] != '!';
    if (!field || !g_strv_contains (fields, field) || !*value ||
        (ordered && strlen (field) != 1)) {
      g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID,
                   _ ("%s: [duty %s] condition term '%s' is not FIELD OP VALUE with FIELD one of "
                   "type, c, i, a, personal_info and OP one of = != >= <= (>= and <= for c, i, a)"),
                   origin, duty->code, *w);
      return FALSE;
    }
    DcDutyTerm *term = g_new0 (DcDutyTerm, 1);
    term->field = g_steal_pointer (&field);
    term->op = g_strdup (op);
    term->value = g_strdup (value);
    g_ptr_array_add (duty->terms, term);
  }
  return TRUE;
}

static char *
get_string (GKeyFile *file, const char *group, const char *key, gboolean required,
            const char *origin, GError **error)
{
  char *value = g_key_file_get_string (file, group, key, NULL);
  if (value)
    g_strstrip (value);
  if (required && (!value || !*value)) {
    g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID, _ ("%s: [%s] needs %s"), origin, group, key);
    g_free (value);
    return NULL;
  }
  return value ? value : g_strdup ("");
}

static DcDuty *
parse_duty (GKeyFile *file, const char *group, const char *origin, GError **error)
{
  g_autoptr (GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  DcDuty *duty = g_new0 (DcDuty, 1);
  duty->code = g_strstrip (g_strdup (group + strlen (GROUP_PREFIX)));
  duty->terms = g_steal_pointer (&terms);
  g_autofree char *interval = NULL, *scope = NULL, *month = NULL, *months = NULL;
  gboolean ok = *duty->code && !strchr (duty->code, '/') &&
                (duty->name = get_string (file, group, "name", TRUE, origin, error)) &&
                (interval = get_string (file, group, "interval", TRUE, origin, error)) &&
                (scope = get_string (file, group, "scope", TRUE, origin, error)) &&
                (months = get_string (file, group, "months", FALSE, origin, error)) &&
                (month = get_string (file, group, "month", FALSE, origin, error)) &&
                (duty->condition = get_string (file, group, "condition", FALSE, origin, error)) &&
                (duty->role = get_string (file, group, "role", FALSE, origin, error)) &&
                (duty->recorded_by = get_string (file, group, "recorded_by", FALSE, origin, error)) &&
                (duty->source = get_string (file, group, "source", FALSE, origin, error));
  if (!ok) {
    if (error && !*error)
      g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID,
                   _ ("%s: [%s]: a duty code must be a word without '/'"), origin, group);
    duty_free (duty);
    return NULL;
  }
  const char *problem = NULL;
  if (g_str_equal (interval, "monthly")) {
    duty->interval = DC_DUTY_MONTHLY;
    duty->months = 1;
  } else if (g_str_equal (interval, "fiscal_year")) {
    duty->interval = DC_DUTY_FISCAL_YEAR;
    duty->months = 12;
  } else if (g_str_equal (interval, "yearly")) {
    duty->interval = DC_DUTY_EVERY_MONTHS;
    duty->months = 12;
  } else if (g_str_equal (interval, "months")) {
    duty->interval = DC_DUTY_EVERY_MONTHS;
    duty->months = atoi (months);
    if (duty->months < 1 || duty->months > 120 || strspn (months, "0123456789") != strlen (months))
      problem = _ ("interval = months needs months = N (1 to 120)");
  } else {
    problem = _ ("interval must be monthly, fiscal_year, yearly or months");
  }
  if (!problem) {
    if (g_str_equal (scope, "register"))
      duty->scope = DC_DUTY_REGISTER;
    else if (g_str_equal (scope, "system"))
      duty->scope = DC_DUTY_SYSTEM;
    else if (g_str_equal (scope, "asset"))
      duty->scope = DC_DUTY_ASSET;
    else
      problem = _ ("scope must be register, system or asset");
  }
  if (!problem && *month) {
    duty->plan_month = atoi (month);
    if (duty->plan_month < 1 || duty->plan_month > 12 || strspn (month, "0123456789") != strlen (month))
      problem = _ ("month must be 1 to 12");
  }
  if (!problem && *duty->condition && duty->scope == DC_DUTY_REGISTER)
    problem = _ ("a register-wide duty cannot have a condition");
  if (problem) {
    g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID, "%s: [%s]: %s", origin, group, problem);
    duty_free (duty);
    return NULL;
  }
  if (!parse_condition (duty, origin, error)) {
    duty_free (duty);
    return NULL;
  }
  return duty;
}

GPtrArray *
dc_duty_catalogue_parse (const char *text, gsize length, const char *origin, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, &local)) {
    g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID, "%s: %s", origin, local->message);
    return NULL;
  }
  g_autoptr (GPtrArray) duties = g_ptr_array_new_with_free_func ((GDestroyNotify) duty_free);
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **group = groups; *group; group++) {
    if (!g_str_has_prefix (*group, GROUP_PREFIX)) {
      g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID,
                   _ ("%s: [%s] is not a duty; groups are written [duty CODE]"), origin, *group);
      return NULL;
    }
    DcDuty *duty = parse_duty (file, *group, origin, error);
    if (!duty)
      return NULL;
    for (guint i = 0; i < duties->len; i++)
      if (g_str_equal (((DcDuty *) g_ptr_array_index (duties, i))->code, duty->code)) {
        g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID, _ ("%s: duty %s is defined twice"),
                     origin, duty->code);
        duty_free (duty);
        return NULL;
      }
    g_ptr_array_add (duties, duty);
  }
  return g_steal_pointer (&duties);
}

static gpointer
load_catalogue (gpointer unused G_GNUC_UNUSED)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) duty_free);
  g_auto (GStrv) names = dc_preset_names ("duties");
  for (char **name = names; *name; name++) {
    g_autoptr (GError) error = NULL;
    gsize length = 0;
    g_autofree char *text = dc_preset_read ("duties", *name, _ ("duty catalogue"), &length, &error);
    g_autoptr (GPtrArray) duties = text ? dc_duty_catalogue_parse (text, length, *name, &error) : NULL;
    if (!duties)
      g_error ("the compiled-in duty catalogue is broken: %s", error->message);
    for (guint i = 0; i < duties->len; i++)
      g_ptr_array_add (all, g_ptr_array_steal_index (duties, i--));
  }
  return all;
}

const GPtrArray *
dc_duty_catalogue (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, load_catalogue, NULL);
}

const DcDuty *
dc_duty_lookup (const char *code, GError **error)
{
  const GPtrArray *duties = dc_duty_catalogue ();
  g_autoptr (GString) known = g_string_new (NULL);
  for (guint i = 0; i < duties->len; i++) {
    const DcDuty *duty = g_ptr_array_index (duties, i);
    if (code && g_str_equal (duty->code, code))
      return duty;
    g_string_append_printf (known, "%s%s", i ? ", " : "", duty->code);
  }
  g_set_error (error, DC_DUTY_ERROR, DC_ERROR_NOT_FOUND,
               _ ("there is no periodic duty '%s'; the duties are: %s (see `daicho duty list`)"),
               code ? code : "", known->str);
  return NULL;
}

const char *
dc_duty_interval_text (const DcDuty *duty)
{
  static const char *const every[] = { NULL, "1か月ごと", "2か月ごと", "3か月ごと", "4か月ごと",
                                       "5か月ごと", "6か月ごと", "7か月ごと", "8か月ごと",
                                       "9か月ごと", "10か月ごと", "11か月ごと", "12か月ごと" };
  switch (duty->interval) {
  case DC_DUTY_MONTHLY:
    return "毎月";
  case DC_DUTY_FISCAL_YEAR:
    return "年度に1回";
  case DC_DUTY_EVERY_MONTHS:
    return duty->months <= 12 ? every[duty->months] : "12か月超ごと";
  }
  g_assert_not_reached ();
}

const char *
dc_duty_scope_text (const DcDuty *duty)
{
  return duty->scope == DC_DUTY_REGISTER ? "全庁" : duty->scope == DC_DUTY_SYSTEM ? "システムごと"
                                                                                   : "資産ごと";
}

/* ---- targets ---- */

void
dc_duty_target_free (DcDutyTarget *target)
{
  if (!target)
    return;
  g_free (target->system);
  g_free (target->asset);
  g_free (target->name);
  g_free (target->post);
  g_free (target->post_name);
  g_free (target->since);
  g_free (target);
}

/* The rank a level term compares with: the level of that label in the
 * register's scheme, else the number as a rank. */
static int
term_rank (const DcScheme *scheme, char property, const char *value)
{
  const DcLevel *level = dc_scheme_level (scheme, property, value);
  if (level)
    return level->rank;
  return strspn (value, "0123456789") == strlen (value) ? atoi (value) : -1;
}

static gboolean
term_matches (const DcScheme *scheme, const DcDutyTerm *term, const DcRecord *asset)
{
  if (strlen (term->field) == 1) {
    char property = g_ascii_toupper (term->field[0]);
    const DcLevel *level = dc_scheme_level (scheme, property, dc_record_get (asset, term->field));
    int wanted = term_rank (scheme, property, term->value);
    if (!level || wanted < 0)
      return FALSE;
    int have = level->rank;
    return g_str_equal (term->op, "=") ? have == wanted : g_str_equal (term->op, "!=") ? have != wanted
           : g_str_equal (term->op, ">=") ? have >= wanted : have <= wanted;
  }
  gboolean equal = g_strcmp0 (dc_record_get (asset, term->field), term->value) == 0;
  return g_str_equal (term->op, "!=") ? !equal : equal;
}

static gboolean
asset_matches (const DcScheme *scheme, const DcDuty *duty, const DcRecord *asset)
{
  for (guint t = 0; t < duty->terms->len; t++)
    if (!term_matches (scheme, g_ptr_array_index (duty->terms, t), asset))
      return FALSE;
  return TRUE;
}

typedef struct {
  DcStore *store;
  const DcScheme *scheme;
  GHashTable *post_names; /* post code → name */
  GPtrArray *systems;   /* DcRecord* */
  GPtrArray *assets;    /* active assets, DcRecord* */
  GPtrArray *targets;
} TargetWalk;

static DcDutyTarget *
target_new (TargetWalk *walk, const DcDuty *duty, const char *system, const char *asset, char *name,
            char *post)
{
  DcDutyTarget *target = g_new0 (DcDutyTarget, 1);
  target->duty = duty;
  target->system = g_strdup (system);
  target->asset = g_strdup (asset);
  target->name = name;
  target->post = post;
  target->post_name = g_strdup (post ? g_hash_table_lookup (walk->post_names, post) : NULL);
  g_ptr_array_add (walk->targets, target);
  return target;
}

static gboolean
add_targets (TargetWalk *walk, const DcDuty *duty, GError **error)
{
  if (duty->scope == DC_DUTY_REGISTER) {
    GError *local = NULL;
    char *post = dc_duty_register_post (walk->store, duty->code, &local);
    if (local) {
      g_propagate_error (error, local);
      return FALSE;
    }
    target_new (walk, duty, NULL, NULL, g_strdup ("全庁"), post);
    return TRUE;
  }
  if (duty->scope == DC_DUTY_SYSTEM) {
    for (guint s = 0; s < walk->systems->len; s++) {
      const DcRecord *system = g_ptr_array_index (walk->systems, s);
      gboolean applies = duty->terms->len == 0;
      for (guint a = 0; !applies && a < walk->assets->len; a++) {
        const DcRecord *asset = g_ptr_array_index (walk->assets, a);
        applies = g_strcmp0 (dc_record_get (asset, "system"), dc_record_key (system)) == 0 &&
                  asset_matches (walk->scheme, duty, asset);
      }
      if (applies)
        target_new (walk, duty, dc_record_key (system), NULL, g_strdup (dc_record_get (system, "name")),
                    g_strdup (dc_record_get (system, "admin_post")));
    }
    return TRUE;
  }
  for (guint a = 0; a < walk->assets->len; a++) {
    const DcRecord *asset = g_ptr_array_index (walk->assets, a);
    if (!asset_matches (walk->scheme, duty, asset))
      continue;
    DcDutyTarget *target = target_new (
        walk, duty, NULL, dc_record_key (asset),
        g_strdup_printf ("%s %s", dc_record_key (asset), dc_record_get (asset, "name")),
        g_strdup (dc_record_get (asset, "post")));
    target->since = g_strdup (dc_record_get (asset, "created_on"));
  }
  return TRUE;
}

GPtrArray *
dc_duty_targets (DcStore *store, const DcDuty *only, GError **error)
{
  g_autoptr (DcScheme) scheme = dc_scheme_from_store (store, error);
  if (!scheme)
    return NULL;
  DcCondition active = { "status", "active", FALSE };
  g_autoptr (GPtrArray) posts = dc_record_list (store, &dc_post_kind, NULL, 0, error);
  g_autoptr (GPtrArray) systems = posts ? dc_record_list (store, &dc_system_kind, NULL, 0, error) : NULL;
  g_autoptr (GPtrArray) assets = systems ? dc_record_list (store, &dc_asset_kind, &active, 1, error)
                                         : NULL;
  if (!assets)
    return NULL;
  g_autoptr (GHashTable) post_names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < posts->len; i++) {
    const DcRecord *post = g_ptr_array_index (posts, i);
    g_hash_table_insert (post_names, (gpointer) dc_record_key (post), (gpointer) dc_record_get (post, "name"));
  }
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_duty_target_free);
  TargetWalk walk = { store, scheme, post_names, systems, assets, targets };
  const GPtrArray *duties = dc_duty_catalogue ();
  for (guint i = 0; i < duties->len; i++) {
    const DcDuty *duty = g_ptr_array_index (duties, i);
    if ((!only || only == duty) && !add_targets (&walk, duty, error))
      return NULL;
  }
  return g_steal_pointer (&targets);
}

/* ---- completions ---- */

void
dc_duty_done_free (DcDutyDone *done)
{
  if (!done)
    return;
  char *fields[] = { done->code, done->duty, done->system, done->asset, done->done_on,
                     done->post, done->person, done->note, done->recorded_on };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free (fields[i]);
  g_free (done);
}

GPtrArray *
dc_duty_done_list (DcStore *store, const char *duty, const char *system, const char *asset,
                   GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "SELECT d.code, d.duty, s.code, a.code, d.done_on, p.code, d.person, d.note, d.recorded_on"
      " FROM duty_done d JOIN post p ON p.id = d.post_id"
      " LEFT JOIN system s ON s.id = d.system_id LEFT JOIN asset a ON a.id = d.asset_id"
      " WHERE (CAST(?1 AS TEXT) IS NULL OR d.duty = ?1) AND (CAST(?2 AS TEXT) IS NULL OR s.code = ?2)"
      "   AND (CAST(?3 AS TEXT) IS NULL OR a.code = ?3)"
      " ORDER BY d.done_on, d.code",
      error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, duty);
  dc_stmt_bind_text (stmt, 2, system);
  dc_stmt_bind_text (stmt, 3, asset);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_duty_done_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    DcDutyDone *done = g_new0 (DcDutyDone, 1);
    char **fields[] = { &done->code, &done->duty, &done->system, &done->asset, &done->done_on,
                        &done->post, &done->person, &done->note, &done->recorded_on };
    for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
      *fields[i] = dc_stmt_dup (stmt, (int) i);
    g_ptr_array_add (list, done);
  }
  return rc == DC_STMT_DONE ? g_steal_pointer (&list) : NULL;
}

typedef struct {
  const char *code, *duty, *system, *asset, *date, *post, *person, *note, *today;
} Done;

static gboolean
apply_done (DcStore *store, gpointer data, GError **error)
{
  Done *done = data;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "INSERT INTO duty_done (code, duty, system_id, asset_id, done_on, post_id, person, note,"
      " recorded_on) VALUES (?1, ?2, (SELECT id FROM system WHERE code = ?3),"
      " (SELECT id FROM asset WHERE code = ?4), ?5, (SELECT id FROM post WHERE code = ?6),"
      " ?7, ?8, ?9)"
      " ON CONFLICT (code) DO UPDATE SET post_id = excluded.post_id, person = excluded.person,"
      " note = excluded.note",
      error);
  if (!stmt)
    return FALSE;
  const char *values[] = { done->code, done->duty, done->system, done->asset, done->date,
                           done->post, done->person, done->note, done->today };
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    dc_stmt_bind_text (stmt, (int) i + 1, values[i]);
  return dc_store_run (store, stmt, error);
}

/* The employee numbers of whoever held POST on DATE, or NULL when vacant. */
static char *
holders_on (DcStore *store, const char *post, const char *date, GError **error)
{
  g_autoptr (GPtrArray) holders = dc_post_holders_on (store, post, date, error);
  if (!holders || holders->len == 0)
    return NULL;
  g_autoptr (GString) numbers = g_string_new (NULL);
  for (guint i = 0; i < holders->len; i++)
    g_string_append_printf (numbers, "%s%s", i ? "," : "",
                            ((DcAssignment *) g_ptr_array_index (holders, i))->employee_no);
  return g_string_free (g_steal_pointer (&numbers), FALSE);
}

/* Checks that the target given fits the duty's scope and condition. */
static gboolean
check_target (DcStore *store, const DcDuty *duty, const char *system, const char *asset,
              GError **error)
{
  const char *given = system ? _ ("a system") : asset ? _ ("an asset") : NULL;
  const char *wanted = duty->scope == DC_DUTY_SYSTEM ? _ ("a system (--system CODE)")
                       : duty->scope == DC_DUTY_ASSET ? _ ("an asset (--asset CODE)") : NULL;
  if ((duty->scope == DC_DUTY_REGISTER && given) || (duty->scope == DC_DUTY_SYSTEM && !system) ||
      (duty->scope == DC_DUTY_ASSET && !asset)) {
    if (wanted)
      g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID,
                   _ ("%s (%s) is done %s: give %s"), duty->code, duty->name,
                   dc_duty_scope_text (duty), wanted);
    else
      g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID,
                   _ ("%s (%s) is done once for the whole register: do not give %s"), duty->code,
                   duty->name, given);
    return FALSE;
  }
  if (duty->terms->len == 0)
    return TRUE;
  g_autoptr (GPtrArray) targets = dc_duty_targets (store, duty, error);
  if (!targets)
    return FALSE;
  for (guint i = 0; i < targets->len; i++) {
    const DcDutyTarget *t = g_ptr_array_index (targets, i);
    if (g_strcmp0 (t->system, system) == 0 && g_strcmp0 (t->asset, asset) == 0)
      return TRUE;
  }
  g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID,
               _ ("%s (%s) applies only where %s; %s %s does not meet it"),
               duty->code, duty->name, duty->condition, system ? "system" : "asset",
               system ? system : asset);
  return FALSE;
}

static gboolean
record_done (DcStore *store, const char *code, const char *system_text, const char *asset_text,
             const char *date, const char *post_text, const char *note, GError **error)
{
  const DcDuty *duty = dc_duty_lookup (code, error);
  if (!duty)
    return FALSE;
  g_autofree char *system = system_text ? dc_record_resolve_code (store, &dc_system_kind, system_text, error)
                                        : NULL;
  if (system_text && !system)
    return FALSE;
  g_autofree char *asset = asset_text ? dc_record_resolve_code (store, &dc_asset_kind, asset_text, error)
                                      : NULL;
  if (asset_text && !asset)
    return FALSE;
  if (!check_target (store, duty, system, asset, error))
    return FALSE;
  g_autofree char *day = dc_date_normalise (date, _ ("the date it was done"), error);
  if (!day)
    return FALSE;
  g_autofree char *today = dc_date_today ();
  if (strcmp (day, today) > 0) {
    g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID,
                 _ ("%s: %s is after today (%s); record a duty once it is done"), duty->code, day,
                 today);
    return FALSE;
  }
  if (!post_text || !*post_text) {
    g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID,
                 _ ("%s: give the post that did it (補職, e.g. --by jutaku-kacho)"), duty->code);
    return FALSE;
  }
  g_autofree char *post = dc_record_resolve_code (store, &dc_post_kind, post_text, error);
  if (!post)
    return FALSE;
  GError *local = NULL;
  g_autofree char *person = holders_on (store, post, day, &local);
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  const char *target = system ? system : asset;
  g_autofree char *key = target ? g_strjoin ("/", duty->code, target, day, NULL)
                                : g_strjoin ("/", duty->code, day, NULL);
  Done done = { key, duty->code, system, asset, day, post, person, note ? note : "", today };
  return dc_change (store, NC_ ("action", "done"), "duty_done", key, apply_done, &done, error);
}

gboolean
dc_duty_record_done (DcStore *store, const char *duty, const char *system, const char *date,
                     const char *post, const char *note, GError **error)
{
  return record_done (store, duty, system, NULL, date, post, note, error);
}

gboolean
dc_duty_record_done_asset (DcStore *store, const char *duty, const char *asset, const char *date,
                           const char *post, const char *note, GError **error)
{
  return record_done (store, duty, NULL, asset, date, post, note, error);
}

/* ---- who is responsible for register-wide duties ---- */

static char *
post_setting (const char *duty)
{
  return g_strconcat ("duty.", duty, ".post", NULL);
}

char *
dc_duty_register_post (DcStore *store, const char *duty, GError **error)
{
  g_autofree char *key = post_setting (duty);
  return dc_setting_get (store, key, error);
}

gboolean
dc_duty_set_register_post (DcStore *store, const char *code, const char *post_text, GError **error)
{
  const DcDuty *duty = dc_duty_lookup (code, error);
  if (!duty)
    return FALSE;
  if (duty->scope != DC_DUTY_REGISTER) {
    g_set_error (error, DC_DUTY_ERROR, DC_ERROR_INVALID,
                 _ ("%s (%s) is done %s: its post is the %s's own (%s), not set here"), duty->code,
                 duty->name, dc_duty_scope_text (duty),
                 duty->scope == DC_DUTY_SYSTEM ? "system" : "asset",
                 duty->scope == DC_DUTY_SYSTEM ? "情報システム管理者" : "管理責任者");
    return FALSE;
  }
  g_autofree char *post = dc_record_resolve_code (store, &dc_post_kind, post_text, error);
  if (!post)
    return FALSE;
  g_autofree char *key = post_setting (code);
  return dc_setting_set (store, key, post, error);
}
