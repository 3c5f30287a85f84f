#include "risk/dc-risk.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "base/dc-json.h"
#include "store/dc-history.h"
#include "model/dc-record.h"
#include "base/dc-text.h"

#include <stdlib.h>
#include <string.h>

/* ---- the context ---- */

DcRiskContext *
dc_risk_context_new (DcStore *store, GError **error)
{
  g_autoptr (DcRiskContext) context = g_new0 (DcRiskContext, 1);
  context->today = dc_date_today ();
  if (!(context->scheme = dc_scheme_from_store (store, error)) ||
      !(context->method = dc_risk_method_from_store (store, error)) ||
      !(context->catalogue = dc_threat_catalogue_from_store (store, &context->catalogue_installed,
                                                             error)))
    return NULL;
  return g_steal_pointer (&context);
}

void
dc_risk_context_free (DcRiskContext *context)
{
  if (!context)
    return;
  dc_scheme_free (context->scheme);
  dc_risk_method_free (context->method);
  dc_threat_catalogue_free (context->catalogue);
  g_clear_pointer (&context->needs, g_hash_table_unref);
  g_free (context->today);
  g_free (context);
}

GHashTable *
dc_risk_context_needs (DcStore *store, DcRiskContext *context, GError **error)
{
  if (!context->needs)
    context->needs = dc_protection_compute (store, context->scheme, error);
  return context->needs;
}

/* ---- names ---- */

static const char *const field_names[DC_RISK_N_FIELDS] = {
  "code", "asset", "asset_name", "asset_type", "asset_type_name",
  "section", "section_name", "threat", "threat_name",
  "property", "property_name",
  "value", "value_label", "value_name", "value_from", "value_override",
  "likelihood", "vulnerability", "rated_on", "controls",
  "possibility", "risk_value", "level", "level_name", "formula",
  "status", "treatment", "control", "owner_post", "owner_post_name",
  "due_on", "completed_on",
  "residual_likelihood", "residual_vulnerability", "residual_possibility",
  "residual_value", "residual_level", "residual_level_name", "residual_formula",
  "approver_post", "approver_post_name", "accepted_on", "accept_until",
  "accept_reason", "applicable", "not_applicable_reason", "note",
};

const char *
dc_risk_field_name (DcRiskField field)
{
  return field_names[field];
}

static const struct {
  const char *code, *ja;
  gboolean due;
  const char *old; /* the name an earlier version printed, still read */
} statuses[] = {
  { "untreated", "未対応", TRUE, NULL },
  { "overdue", "期限超過", TRUE, NULL },
  { "acceptance_expired", "受容期限超過", TRUE, "受容期限切れ" },
  { "in_progress", "対応中", FALSE, NULL },
  { "treated", "対応済み", FALSE, "対応済" },
  { "accepted", "受容", FALSE, NULL },
  { "within_criteria", "受容基準内", FALSE, NULL },
  { "not_applicable", "対象外", FALSE, NULL },
  { "closed", "終了", FALSE, NULL },
};

const char *
dc_risk_status_name (const char *status)
{
  for (gsize i = 0; status && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (status, statuses[i].code))
      return statuses[i].ja;
  return status;
}

const char *
dc_risk_status_code (const char *text)
{
  for (gsize i = 0; text && i < G_N_ELEMENTS (statuses); i++)
    if (dc_text_matches (text, statuses[i].code) || dc_text_matches (text, statuses[i].ja) ||
        (statuses[i].old && dc_text_matches (text, statuses[i].old)))
      return statuses[i].code;
  return NULL;
}

gboolean
dc_risk_status_due (const char *status)
{
  for (gsize i = 0; status && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (status, statuses[i].code))
      return statuses[i].due;
  return FALSE;
}

static const struct {
  const char *code, *ja, *synonyms;
} treatments[] = {
  { "reduce", "低減", "軽減|対策|mitigate" },
  { "accept", "受容", "保有|retain" },
  { "avoid", "回避", "" },
  { "transfer", "移転", "共有|share" },
};

const char *
dc_risk_treatment_name (const char *treatment)
{
  for (gsize i = 0; treatment && i < G_N_ELEMENTS (treatments); i++)
    if (g_str_equal (treatment, treatments[i].code))
      return treatments[i].ja;
  return treatment;
}

const char *
dc_risk_treatment_code (const char *text)
{
  for (gsize i = 0; text && i < G_N_ELEMENTS (treatments); i++) {
    if (dc_text_matches (text, treatments[i].code) || dc_text_matches (text, treatments[i].ja))
      return treatments[i].code;
    g_auto (GStrv) synonyms = g_strsplit (treatments[i].synonyms, "|", -1);
    for (char **s = synonyms; *s; s++)
      if (**s && dc_text_matches (text, *s))
        return treatments[i].code;
  }
  return NULL;
}

/* ---- lines ---- */

#define POST_CODE(id) "(SELECT code FROM post WHERE id = " id ")"
#define POST_NAME(id) "(SELECT name FROM post WHERE id = " id ")"
/* Every branch but "within the criteria", which needs the method: see status_of. */
#define STATUS \
  "CASE WHEN r.status = 'closed' THEN 'closed'" \
  " WHEN r.applicable = 0 THEN 'not_applicable'" \
  " WHEN r.treatment = 'accept' THEN" \
  "   CASE WHEN r.accept_until < ?1 THEN 'acceptance_expired' ELSE 'accepted' END" \
  " WHEN r.treatment IS NOT NULL THEN" \
  "   CASE WHEN r.completed_on IS NOT NULL THEN 'treated'" \
  "        WHEN r.due_on < ?1 THEN 'overdue' ELSE 'in_progress' END" \
  " ELSE 'untreated' END"

/* A line's members in their order, each column named after its member; the
 * ones whose value comes from the method are written by line_json. ?1 is
 * today, ?2 one risk's code or NULL for all. */
static const char line_sql[] =
  "SELECT r.code AS code, a.code AS asset, a.name AS asset_name, a.type AS asset_type,"
  " (SELECT name FROM asset_type WHERE code = a.type) AS asset_type_name,"
  " s.code AS section, s.name AS section_name, r.threat AS threat, r.threat_name AS threat_name,"
  " r.property AS property, (SELECT name FROM property WHERE code = r.property) AS property_name,"
  " r.value AS value, r.value_label AS value_label,"
  " (SELECT name FROM level WHERE property = r.property AND label = r.value_label) AS value_name,"
  " r.value_from AS value_from, r.value_override AS value_override,"
  " r.likelihood AS likelihood, r.vulnerability AS vulnerability, r.rated_on AS rated_on,"
  " r.controls AS controls, r.possibility AS possibility, r.risk_value AS risk_value,"
  " r.level AS level, r.level AS level_name, r.formula AS formula, " STATUS " AS status,"
  " r.treatment AS treatment, r.control AS control,"
  " " POST_CODE ("r.owner_post_id") " AS owner_post, " POST_NAME ("r.owner_post_id") " AS owner_post_name,"
  " r.due_on AS due_on, r.completed_on AS completed_on,"
  " r.residual_likelihood AS residual_likelihood, r.residual_vulnerability AS residual_vulnerability,"
  " r.residual_possibility AS residual_possibility, r.residual_value AS residual_value,"
  " r.residual_level AS residual_level, r.residual_level AS residual_level_name,"
  " r.residual_formula AS residual_formula,"
  " " POST_CODE ("r.approver_post_id") " AS approver_post,"
  " " POST_NAME ("r.approver_post_id") " AS approver_post_name,"
  " r.accepted_on AS accepted_on, r.accept_until AS accept_until, r.accept_reason AS accept_reason,"
  " r.applicable AS applicable, r.not_applicable_reason AS not_applicable_reason, r.note AS note,"
  " r.status AS dc_open"
  " FROM risk r JOIN asset a ON a.id = r.asset_id JOIN section s ON s.id = a.section_id"
  " WHERE CAST(?2 AS TEXT) IS NULL OR r.code = ?2";

/* The method's level of CODE and its place in the method's order (-1 when
 * the method has no such level). */
static const DcRiskLevel *
method_level (const DcRiskMethod *method, const char *code, int *rank)
{
  *rank = -1;
  for (guint l = 0; code && l < method->levels->len; l++) {
    const DcRiskLevel *level = g_ptr_array_index (method->levels, l);
    if (g_str_equal (level->code, code)) {
      *rank = (int) l;
      return level;
    }
  }
  return NULL;
}

/* The current row of line_sql as a line's JSON, member by member as the
 * json_object() of earlier versions wrote it (the frozen lines of a run
 * keep that text). *RANK gets the level's place in the method's order. */
static char *
line_json (DcStmt *stmt, const DcRiskMethod *method, int *rank)
{
  GString *out = g_string_new ("{");
  const char *level_code = NULL;   /* "level" comes before the members that need it */
  int columns = dc_stmt_columns (stmt);
  for (int c = 0; c < columns; c++) {
    const char *name = dc_stmt_name (stmt, c);
    if (g_str_has_prefix (name, "dc_"))
      continue;
    if (c)
      g_string_append_c (out, ',');
    dc_json_append_string (out, name);
    g_string_append_c (out, ':');
    const char *text = dc_stmt_text (stmt, c);
    int ignored;
    if (g_str_equal (name, "level")) {
      level_code = text;
      method_level (method, text, rank);
    }
    if (g_str_equal (name, "level_name") || g_str_equal (name, "residual_level_name")) {
      const DcRiskLevel *level = method_level (method, text, &ignored);
      if (level)
        dc_json_append_string (out, level->name);
      else
        g_string_append (out, "null");
    } else if (g_str_equal (name, "status") && g_strcmp0 (text, "untreated") == 0) {
      /* A level the method accepts is within the criteria. */
      int within = -1;
      method_level (method, level_code, &within);
      dc_json_append_string (out, within >= 0 && (guint) within <= method->accept ? "within_criteria" : text);
    } else if (g_str_equal (name, "applicable")) {
      g_string_append (out, dc_stmt_int (stmt, c) ? "true" : "false");
    } else {
      dc_stmt_append_json (stmt, c, out);
    }
  }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

void
dc_risk_line_free (DcRiskLine *line)
{
  if (!line)
    return;
  g_free (line->json);
  for (int f = 0; f < DC_RISK_N_FIELDS; f++)
    g_free (line->v[f]);
  g_free (line);
}

int
dc_risk_line_int (const DcRiskLine *line, DcRiskField field)
{
  return line->v[field] ? atoi (line->v[field]) : 0;
}

char *
dc_risk_line_value_basis (const DcRiskLine *line)
{
  if (line->v[DC_RISK_VALUE_OVERRIDE])
    return g_strdup_printf ("上書き（%s）", dc_protection_effect_name (line->v[DC_RISK_VALUE_OVERRIDE]));
  if (line->v[DC_RISK_VALUE_FROM])
    return g_strdup_printf ("%s から継承", line->v[DC_RISK_VALUE_FROM]);
  return g_strdup ("自資産");
}

/* A line from its JSON (taken): the text kept, the fields read out of it. */
static DcRiskLine *
line_from_json (char *json)
{
  DcRiskLine *line = g_new0 (DcRiskLine, 1);
  line->json = json;
  g_autoptr (GPtrArray) members = dc_json_members (json);
  for (guint i = 0; members && i < members->len; i++) {
    const DcJsonMember *m = g_ptr_array_index (members, i);
    for (int f = 0; f < DC_RISK_N_FIELDS; f++)
      if (g_str_equal (field_names[f], m->key)) {
        line->v[f] = g_strdup (m->value);
        break;
      }
  }
  return line;
}

GPtrArray *
dc_risk_lines_read (DcStore *store, DcStmt *source, GError **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_risk_line_free);
  DcStmtStep step;
  while ((step = dc_store_step (store, source, error)) == DC_STMT_ROW)
    g_ptr_array_add (lines, line_from_json (dc_stmt_dup (source, 0)));
  return step == DC_STMT_DONE ? g_steal_pointer (&lines) : NULL;
}

/* A line with what the register's order sorts it by. */
typedef struct {
  DcRiskLine *line;
  int rank;            /* the level's place in the method's order; -1 for none */
  gint64 risk_value;
} RankedLine;

/* Highest level first (none last), then highest risk value, then asset and
 * threat: the order of the register and of a run's lines. */
static gint
compare_ranked (gconstpointer a, gconstpointer b)
{
  const RankedLine *x = a, *y = b;
  if (x->rank != y->rank)
    return x->rank > y->rank ? -1 : 1;
  if (x->risk_value != y->risk_value)
    return x->risk_value > y->risk_value ? -1 : 1;
  int by_asset = g_strcmp0 (x->line->v[DC_RISK_ASSET], y->line->v[DC_RISK_ASSET]);
  return by_asset ? by_asset : g_strcmp0 (x->line->v[DC_RISK_THREAT], y->line->v[DC_RISK_THREAT]);
}

GPtrArray *
dc_risk_lines (DcStore *store, const DcRiskMethod *method, const char *today, const char *code,
               gboolean open_only, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, line_sql, error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, today);
  dc_stmt_bind_text (stmt, 2, code);
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (RankedLine));
  DcStmtStep step;
  while ((step = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    if (open_only && g_strcmp0 (dc_stmt_text (stmt, dc_stmt_columns (stmt) - 1), "open") != 0)
      continue;
    RankedLine r = { NULL, -1, 0 };
    r.line = line_from_json (line_json (stmt, method, &r.rank));
    r.risk_value = dc_risk_line_int (r.line, DC_RISK_RISK_VALUE);
    g_array_append_val (ranked, r);
  }
  g_array_sort (ranked, compare_ranked);
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_risk_line_free);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (lines, g_array_index (ranked, RankedLine, i).line);
  if (step != DC_STMT_DONE)
    g_clear_pointer (&lines, g_ptr_array_unref);
  return lines;
}

gboolean
dc_risk_filter_matches (const DcRiskFilter *filter, const DcRiskMethod *method,
                        const DcRiskLine *line)
{
  const char *status = line->v[DC_RISK_STATUS];
  if (!filter)
    return g_strcmp0 (status, "closed") != 0;
  if (!filter->closed && g_strcmp0 (status, "closed") == 0)
    return FALSE;
  if (filter->asset && !dc_text_matches (filter->asset, line->v[DC_RISK_ASSET]) &&
      !dc_text_matches (filter->asset, line->v[DC_RISK_ASSET_NAME]))
    return FALSE;
  if (filter->threat && !dc_text_matches (filter->threat, line->v[DC_RISK_THREAT]))
    return FALSE;
  if (filter->level) {
    const DcRiskLevel *level = dc_risk_method_find_level (method, filter->level, NULL);
    if (!level || g_strcmp0 (level->code, line->v[DC_RISK_LEVEL]) != 0)
      return FALSE;
  }
  if (filter->status && g_strcmp0 (dc_risk_status_code (filter->status), status) != 0)
    return FALSE;
  return !filter->due || dc_risk_status_due (status);
}

static GPtrArray *
read_register (DcStore *store, const DcRiskContext *context, const char *code, GError **error)
{
  return dc_risk_lines (store, context->method, context->today, code, FALSE, error);
}

GPtrArray *
dc_risk_list (DcStore *store, const DcRiskContext *context, const DcRiskFilter *filter,
              GError **error)
{
  g_autoptr (GPtrArray) all = read_register (store, context, NULL, error);
  if (!all)
    return NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_risk_line_free);
  for (guint i = 0; i < all->len; i++)
    if (dc_risk_filter_matches (filter, context->method, g_ptr_array_index (all, i))) {
      g_ptr_array_add (lines, g_ptr_array_index (all, i));
      all->pdata[i] = NULL;  /* moved, in the register's order */
    }
  return lines;
}

DcRiskLine *
dc_risk_get (DcStore *store, const DcRiskContext *context, const char *code, GError **error)
{
  g_autoptr (GPtrArray) lines = read_register (store, context, code, error);
  if (!lines)
    return NULL;
  if (!lines->len) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_NOT_FOUND, _ ("risk %s does not exist"), code);
    return NULL;
  }
  return g_ptr_array_steal_index (lines, 0);
}

char *
dc_risk_resolve (DcStore *store, const char *text, GError **error)
{
  /* NFKC: a full-width ／ separates as "/" does. */
  g_autofree char *wanted = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKC);
  if (!wanted)
    wanted = g_strdup ("");
  g_strstrip (wanted);
  char *cut = strrchr (wanted, '/');
  if (!cut)
    cut = strrchr (wanted, ' ');
  if (!cut || cut == wanted || !cut[1]) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                 _ ("'%s' does not name a risk: write the asset and the threat, e.g. A-0001/T01"), text);
    return NULL;
  }
  *cut = '\0';
  const char *threat = cut + 1;
  g_autofree char *asset = dc_record_resolve_code (store, &dc_asset_kind, g_strstrip (wanted), error);
  if (!asset)
    return NULL;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT r.code, r.threat FROM risk r JOIN asset a ON a.id = r.asset_id"
             " WHERE a.code = ?1 ORDER BY r.threat", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, asset);
  g_autoptr (GString) known = g_string_new (NULL);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    const char *code = dc_stmt_text (stmt, 1);
    if (dc_text_matches (code, threat))
      return dc_stmt_dup (stmt, 0);
    g_string_append_printf (known, "%s%s", known->len ? ", " : "", code);
  }
  if (rc != DC_STMT_DONE)
    return NULL;
  g_set_error (error, DC_RISK_ERROR, DC_ERROR_NOT_FOUND,
               known->len ? _ ("asset %s has no risk of threat '%s'; its threats: %s")
                          : _ ("asset %s has no risk of threat '%s' (run `daicho risk assess` first)"),
               asset, threat, known->str);
  return NULL;
}

/* ---- scores ---- */

static void
bind_int_or_null (DcStmt *stmt, int index, gint64 value)
{
  if (value)
    dc_stmt_bind_int64 (stmt, index, value);
  else
    dc_stmt_bind_null (stmt, index);
}

gboolean
dc_risk_rescore (DcStore *store, DcRiskContext *context, const char *code, GError **error)
{
  GHashTable *needs = dc_risk_context_needs (store, context, error);
  if (!needs)
    return FALSE;
  g_autoptr (DcStmt) read = dc_store_prepare (
      store, "SELECT a.code, r.property, r.likelihood, r.vulnerability, r.residual_likelihood,"
             " r.residual_vulnerability FROM risk r JOIN asset a ON a.id = r.asset_id"
             " WHERE r.code = ?1", error);
  if (!read)
    return FALSE;
  dc_stmt_bind_text (read, 1, code);
  if (dc_store_step (store, read, error) != DC_STMT_ROW)
    return FALSE;
  const DcProtection *protection = g_hash_table_lookup (needs, dc_stmt_text (read, 0));
  if (!protection)
    return TRUE;  /* a disposed asset: its closed risks keep their last scores */
  const DcNeed *need = dc_protection_need (protection, (dc_stmt_text (read, 1))[0]);
  g_auto (DcRiskScore) score = { 0 };
  g_auto (DcRiskScore) residual = { 0 };
  gboolean has_residual = !dc_stmt_is_null (read, 4);
  if (!dc_risk_method_score (context->method, need->effective->value, dc_stmt_int (read, 2),
                             dc_stmt_int (read, 3), &score, error) ||
      (has_residual && !dc_risk_method_score (context->method, need->effective->value,
                                              dc_stmt_int (read, 4),
                                              dc_stmt_int (read, 5), &residual, error))) {
    g_prefix_error (error, _ ("risk %s: "), code);
    return FALSE;
  }
  g_autoptr (DcStmt) write = dc_store_prepare (
      store, "UPDATE risk SET value = ?2, value_label = ?3, value_from = ?4, value_override = ?5,"
             " possibility = ?6, risk_value = ?7, level = ?8, formula = ?9,"
             " residual_possibility = ?10, residual_value = ?11, residual_level = ?12,"
             " residual_formula = ?13 WHERE code = ?1", error);
  if (!write)
    return FALSE;
  const DcRiskLevel *level = g_ptr_array_index (context->method->levels, score.level);
  gboolean inherited = !need->effect && g_strcmp0 (need->source, protection->code) != 0;
  dc_stmt_bind_text (write, 1, code);
  dc_stmt_bind_int (write, 2, score.value);
  dc_stmt_bind_text (write, 3, need->effective->label);
  dc_stmt_bind_text (write, 4, inherited ? need->source : NULL);
  dc_stmt_bind_text (write, 5, need->effect);
  dc_stmt_bind_int (write, 6, score.possibility);
  dc_stmt_bind_int (write, 7, score.risk_value);
  dc_stmt_bind_text (write, 8, level->code);
  dc_stmt_bind_text (write, 9, score.formula);
  if (has_residual) {
    dc_stmt_bind_int (write, 10, residual.possibility);
    dc_stmt_bind_int (write, 11, residual.risk_value);
    dc_stmt_bind_text (write, 12, ((DcRiskLevel *) g_ptr_array_index (context->method->levels, residual.level))->code);
    dc_stmt_bind_text (write, 13, residual.formula);
  }
  return dc_store_run (store, write, error);
}

/* ---- edits ---- */

/* The columns a person edits. */
typedef struct {
  char *asset;
  gboolean closed;
  gboolean applicable;
  char *not_applicable_reason;
  int likelihood, vulnerability;
  gboolean likelihood_set, vulnerability_set;
  char *controls, *rated_on;
  char *treatment, *control;
  gint64 owner;
  char *due_on, *completed_on;
  int residual_likelihood, residual_vulnerability;   /* 0: none */
  gint64 approver;
  char *accepted_on, *accept_until, *accept_reason;
  char *note;
} Row;

static void
row_clear (Row *row)
{
  char **texts[] = { &row->asset, &row->not_applicable_reason, &row->controls, &row->rated_on,
                     &row->treatment, &row->control, &row->due_on, &row->completed_on,
                     &row->accepted_on, &row->accept_until, &row->accept_reason, &row->note };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    g_clear_pointer (texts[i], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static gboolean
read_row (DcStore *store, const char *code, Row *row, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "SELECT a.code, r.status = 'closed', r.applicable, r.not_applicable_reason, r.likelihood,"
      " r.vulnerability, r.likelihood_set, r.vulnerability_set, r.controls, r.rated_on,"
      " r.treatment, r.control, r.owner_post_id, r.due_on, r.completed_on,"
      " r.residual_likelihood, r.residual_vulnerability, r.approver_post_id, r.accepted_on,"
      " r.accept_until, r.accept_reason, r.note"
      " FROM risk r JOIN asset a ON a.id = r.asset_id WHERE r.code = ?1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, code);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_DONE)
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_NOT_FOUND, _ ("risk %s does not exist"), code);
  if (rc != DC_STMT_ROW)
    return FALSE;
  row->asset = dc_stmt_dup (stmt, 0);
  row->closed = dc_stmt_int (stmt, 1);
  row->applicable = dc_stmt_int (stmt, 2);
  row->not_applicable_reason = dc_stmt_dup (stmt, 3);
  row->likelihood = dc_stmt_int (stmt, 4);
  row->vulnerability = dc_stmt_int (stmt, 5);
  row->likelihood_set = dc_stmt_int (stmt, 6);
  row->vulnerability_set = dc_stmt_int (stmt, 7);
  row->controls = dc_stmt_dup (stmt, 8);
  row->rated_on = dc_stmt_dup (stmt, 9);
  row->treatment = dc_stmt_dup (stmt, 10);
  row->control = dc_stmt_dup (stmt, 11);
  row->owner = dc_stmt_int64 (stmt, 12);
  row->due_on = dc_stmt_dup (stmt, 13);
  row->completed_on = dc_stmt_dup (stmt, 14);
  row->residual_likelihood = dc_stmt_int (stmt, 15);
  row->residual_vulnerability = dc_stmt_int (stmt, 16);
  row->approver = dc_stmt_int64 (stmt, 17);
  row->accepted_on = dc_stmt_dup (stmt, 18);
  row->accept_until = dc_stmt_dup (stmt, 19);
  row->accept_reason = dc_stmt_dup (stmt, 20);
  row->note = dc_stmt_dup (stmt, 21);
  return TRUE;
}

static gboolean
write_row (DcStore *store, const char *code, const Row *row, const char *today, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "UPDATE risk SET applicable = ?2, not_applicable_reason = ?3, likelihood = ?4,"
      " vulnerability = ?5, likelihood_set = ?6, vulnerability_set = ?7, controls = ?8,"
      " rated_on = ?9, treatment = ?10, control = ?11, owner_post_id = ?12, due_on = ?13,"
      " completed_on = ?14, residual_likelihood = ?15, residual_vulnerability = ?16,"
      " approver_post_id = ?17, accepted_on = ?18, accept_until = ?19, accept_reason = ?20,"
      " note = ?21, updated_on = ?22 WHERE code = ?1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, code);
  dc_stmt_bind_int (stmt, 2, row->applicable);
  dc_stmt_bind_text (stmt, 3, row->not_applicable_reason);
  dc_stmt_bind_int (stmt, 4, row->likelihood);
  dc_stmt_bind_int (stmt, 5, row->vulnerability);
  dc_stmt_bind_int (stmt, 6, row->likelihood_set);
  dc_stmt_bind_int (stmt, 7, row->vulnerability_set);
  dc_stmt_bind_text (stmt, 8, row->controls);
  dc_stmt_bind_text (stmt, 9, row->rated_on);
  dc_stmt_bind_text (stmt, 10, row->treatment);
  dc_stmt_bind_text (stmt, 11, row->control);
  bind_int_or_null (stmt, 12, row->owner);
  dc_stmt_bind_text (stmt, 13, row->due_on);
  dc_stmt_bind_text (stmt, 14, row->completed_on);
  bind_int_or_null (stmt, 15, row->residual_likelihood);
  bind_int_or_null (stmt, 16, row->residual_vulnerability);
  bind_int_or_null (stmt, 17, row->approver);
  dc_stmt_bind_text (stmt, 18, row->accepted_on);
  dc_stmt_bind_text (stmt, 19, row->accept_until);
  dc_stmt_bind_text (stmt, 20, row->accept_reason);
  dc_stmt_bind_text (stmt, 21, row->note);
  dc_stmt_bind_text (stmt, 22, today);
  return dc_store_run (store, stmt, error);
}

static void
replace (char **slot, const char *value)
{
  g_free (*slot);
  *slot = value ? g_strdup (value) : NULL;
}

static gboolean
rating (const char *text, const char *what, GPtrArray *scale, int *out, GError **error)
{
  g_autofree char *key = dc_text_match_key (text);
  gint64 number = 0;
  if (!g_ascii_string_to_signed (key, 10, 1, scale->len, &number, NULL)) {
    g_autoptr (GString) allowed = g_string_new (NULL);
    for (guint i = 0; i < scale->len; i++)
      g_string_append_printf (allowed, "%s%u %s", i ? ", " : "", i + 1,
                              (const char *) g_ptr_array_index (scale, i));
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID, _ ("%s '%s' is not a rating of the method: %s"),
                 what, text, allowed->str);
    return FALSE;
  }
  *out = (int) number;
  return TRUE;
}

static gboolean
optional_date (const char *text, const char *what, char **slot, GError **error)
{
  if (!*text) {
    replace (slot, NULL);
    return TRUE;
  }
  g_autofree char *day = dc_date_normalise (text, what, error);
  if (day)
    replace (slot, day);
  return day != NULL;
}

static void
clear_acceptance (Row *row)
{
  row->approver = 0;
  replace (&row->accepted_on, NULL);
  replace (&row->accept_until, NULL);
  replace (&row->accept_reason, "");
}

typedef struct {
  DcRiskContext *context;
  const char *code;
  const DcRiskChanges *changes;
  const char *approver, *until, *reason;  /* dc_risk_accept */
} Edit;

static gboolean
change_ratings (const DcRiskMethod *method, const DcRiskChanges *c, Row *row, const char *today,
                GError **error)
{
  if (c->likelihood) {
    if (!rating (c->likelihood, _ ("likelihood"), method->likelihood, &row->likelihood, error))
      return FALSE;
    row->likelihood_set = TRUE;
  }
  if (c->vulnerability) {
    if (!rating (c->vulnerability, _ ("vulnerability"), method->vulnerability, &row->vulnerability, error))
      return FALSE;
    row->vulnerability_set = TRUE;
  }
  if (c->controls)
    replace (&row->controls, c->controls);
  if (c->likelihood || c->vulnerability || c->controls)
    replace (&row->rated_on, today);
  if (!c->residual_likelihood && !c->residual_vulnerability)
    return TRUE;
  if ((c->residual_likelihood && !*c->residual_likelihood) ||
      (c->residual_vulnerability && !*c->residual_vulnerability)) {
    row->residual_likelihood = row->residual_vulnerability = 0;
    return TRUE;
  }
  /* One given: the other stays as it was, else the rating before treatment. */
  int rl = row->residual_likelihood ? row->residual_likelihood : row->likelihood;
  int rv = row->residual_vulnerability ? row->residual_vulnerability : row->vulnerability;
  if ((c->residual_likelihood &&
       !rating (c->residual_likelihood, _ ("residual likelihood"), method->likelihood, &rl, error)) ||
      (c->residual_vulnerability &&
       !rating (c->residual_vulnerability, _ ("residual vulnerability"), method->vulnerability, &rv, error)))
    return FALSE;
  row->residual_likelihood = rl;
  row->residual_vulnerability = rv;
  return TRUE;
}

static gboolean
change_treatment (DcStore *store, const char *code, const DcRiskChanges *c, Row *row,
                  GError **error)
{
  if (c->treatment) {
    const char *treatment = *c->treatment && !g_str_equal (c->treatment, "none")
                              ? dc_risk_treatment_code (c->treatment) : NULL;
    if (*c->treatment && !g_str_equal (c->treatment, "none") && !treatment) {
      g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                   _ ("treatment '%s' is not one of reduce (低減), avoid (回避), transfer (移転), "
                   "accept (受容) or none"), c->treatment);
      return FALSE;
    }
    if (g_strcmp0 (treatment, "accept") == 0) {
      g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                   _ ("risk %s: accepting a risk needs an approver and an expiry date: use "
                   "`daicho risk accept %s --approver POST --until DATE --reason TEXT`"), code, code);
      return FALSE;
    }
    if (g_strcmp0 (treatment, row->treatment) != 0) {
      clear_acceptance (row);
      if (!treatment)
        replace (&row->completed_on, NULL);
    }
    replace (&row->treatment, treatment);
  }
  if (c->control)
    replace (&row->control, c->control);
  if (c->owner) {
    row->owner = *c->owner ? dc_record_resolve (store, &dc_post_kind, c->owner, error) : 0;
    if (*c->owner && !row->owner)
      return FALSE;
  }
  if (c->due && !optional_date (c->due, "--due", &row->due_on, error))
    return FALSE;
  if (c->done) {
    if (*c->done && (!row->treatment || g_str_equal (row->treatment, "accept"))) {
      g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                   _ ("risk %s: a completion date needs a treatment (reduce, avoid or transfer) first"),
                   code);
      return FALSE;
    }
    if (!optional_date (c->done, "--done", &row->completed_on, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
refuse_closed (const char *code, const Row *row, GError **error)
{
  if (!row->closed)
    return TRUE;
  g_set_error (error, DC_RISK_ERROR, DC_ERROR_CONFLICT,
               _ ("risk %s is closed: its asset was disposed of or the threat no longer applies to it"),
               code);
  return FALSE;
}

static gboolean
apply_set (DcStore *store, gpointer data, GError **error)
{
  Edit *edit = data;
  const DcRiskChanges *c = edit->changes;
  g_auto (Row) row = { 0 };
  if (!read_row (store, edit->code, &row, error) || !refuse_closed (edit->code, &row, error))
    return FALSE;
  if (c->not_applicable && c->applicable) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                 _ ("risk %s: give either --not-applicable or --applicable"), edit->code);
    return FALSE;
  }
  if (c->not_applicable) {
    g_autofree char *reason = g_strstrip (g_strdup (c->not_applicable));
    if (!*reason) {
      g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                   _ ("risk %s: say why the threat does not apply to this asset"), edit->code);
      return FALSE;
    }
    row.applicable = FALSE;
    replace (&row.not_applicable_reason, reason);
  }
  if (c->applicable) {
    row.applicable = TRUE;
    replace (&row.not_applicable_reason, "");
  }
  if (c->note)
    replace (&row.note, c->note);
  const char *today = edit->context->today;
  return change_ratings (edit->context->method, c, &row, today, error) &&
         change_treatment (store, edit->code, c, &row, error) &&
         write_row (store, edit->code, &row, today, error) &&
         dc_risk_rescore (store, edit->context, edit->code, error);
}

gboolean
dc_risk_set (DcStore *store, const char *code, const DcRiskChanges *changes, GError **error)
{
  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, error);
  g_autofree char *key = context ? dc_risk_resolve (store, code, error) : NULL;
  if (!key)
    return FALSE;
  Edit edit = { context, key, changes, NULL, NULL, NULL };
  return dc_change (store, NC_ ("action", "set"), "risk", key, apply_set, &edit, error);
}

static gboolean
apply_accept (DcStore *store, gpointer data, GError **error)
{
  Edit *edit = data;
  g_auto (Row) row = { 0 };
  if (!read_row (store, edit->code, &row, error) || !refuse_closed (edit->code, &row, error))
    return FALSE;
  if (!row.applicable) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_CONFLICT,
                 _ ("risk %s is marked not applicable (%s); there is nothing to accept"),
                 edit->code, row.not_applicable_reason);
    return FALSE;
  }
  const char *today = edit->context->today;
  int months = edit->context->method->acceptance_max_months;
  g_autofree char *latest = months ? dc_date_add_months (today, months) : NULL;
  g_autofree char *until = edit->until ? dc_date_normalise (edit->until, "--until", error) : NULL;
  g_autofree char *reason = g_strstrip (g_strdup (edit->reason ? edit->reason : ""));
  if (edit->until && !until)
    return FALSE;
  if (!edit->approver || !*edit->approver || !until || !*reason) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                 _ ("risk %s: accepting a risk needs the approver's post (--approver), the date "
                 "the acceptance expires (--until) and the reason (--reason)"), edit->code);
    return FALSE;
  }
  if (strcmp (until, today) <= 0 || (latest && strcmp (until, latest) > 0)) {
    if (latest)
      g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                   _ ("risk %s: the acceptance must expire after today (%s) and at the latest on %s (the "
                      "method's acceptance_max_months), not on %s"), edit->code, today, latest, until);
    else
      g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                   _ ("risk %s: the acceptance must expire after today (%s), not on %s"), edit->code, today,
                   until);
    return FALSE;
  }
  row.approver = dc_record_resolve (store, &dc_post_kind, edit->approver, error);
  if (!row.approver)
    return FALSE;
  replace (&row.treatment, "accept");
  replace (&row.accepted_on, today);
  replace (&row.accept_until, until);
  replace (&row.accept_reason, reason);
  replace (&row.completed_on, NULL);
  return write_row (store, edit->code, &row, today, error) &&
         dc_risk_rescore (store, edit->context, edit->code, error);
}

gboolean
dc_risk_accept (DcStore *store, const char *code, const char *approver, const char *until,
                const char *reason, GError **error)
{
  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, error);
  g_autofree char *key = context ? dc_risk_resolve (store, code, error) : NULL;
  if (!key)
    return FALSE;
  Edit edit = { context, key, NULL, approver, until, reason };
  return dc_change (store, NC_ ("action", "accept"), "risk", key, apply_accept, &edit, error);
}
