#include "risk/dc-risk-run.h"
#include "base/dc-i18n.h"
#include "base/dc-json.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "model/dc-record.h"

#include <string.h>

void
dc_risk_run_free (DcRiskRun *run)
{
  if (!run)
    return;
  char *texts[] = { run->run_on, run->scope, run->actor, run->note, run->scheme, run->method,
                    run->method_definition, run->catalogue, run->catalogue_version,
                    run->catalogue_sha256, run->counts };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (texts[i]);
  g_clear_pointer (&run->level_counts, g_hash_table_unref);
  g_free (run);
}

void
dc_risk_run_assess_report_clear (DcRiskRunAssessReport *report)
{
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
}

/* ---- checks before anything is written ---- */

/* Every default rating of the catalogue must be on the method's scales. */
static gboolean
check_catalogue (const DcRiskContext *context, GError **error)
{
  const DcRiskMethod *method = context->method;
  for (guint t = 0; t < context->catalogue->threats->len; t++) {
    const DcThreat *threat = g_ptr_array_index (context->catalogue->threats, t);
    if (threat->likelihood > (int) method->likelihood->len ||
        threat->vulnerability > (int) method->vulnerability->len) {
      g_set_error (error, DC_RISK_ERROR, DC_ERROR_INVALID,
                   _ ("threat %s of catalogue %s rates likelihood %d and vulnerability %d by default, "
                   "but the register's method rates likelihood 1 to %u and vulnerability 1 to %u; "
                   "fix the catalogue and install it with `daicho threat use FILE`"),
                   threat->code, context->catalogue->name, threat->likelihood, threat->vulnerability,
                   method->likelihood->len, method->vulnerability->len);
      return FALSE;
    }
  }
  return TRUE;
}

typedef struct {
  char *code;
  char *type;
} Asset;

static void
asset_clear (Asset *asset)
{
  g_free (asset->code);
  g_free (asset->type);
}

/* The assets to assess: every one not disposed of, or the one asked for. */
static GArray *
assets_in_scope (DcStore *store, const char *scope, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT code, type FROM asset WHERE status <> 'disposed'"
             " AND (CAST(?1 AS TEXT) IS NULL OR code = ?1) ORDER BY code", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, scope);
  g_autoptr (GArray) assets = g_array_new (FALSE, FALSE, sizeof (Asset));
  g_array_set_clear_func (assets, (GDestroyNotify) asset_clear);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    Asset asset = { dc_stmt_dup (stmt, 0), dc_stmt_dup (stmt, 1) };
    g_array_append_val (assets, asset);
  }
  if (rc != DC_STMT_DONE)
    return NULL;
  if (scope && !assets->len) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_CONFLICT,
                 _ ("asset %s is disposed of: it has no risks to assess"), scope);
    return NULL;
  }
  return g_steal_pointer (&assets);
}

/* Asset types that hold assets but that no threat applies to: their assets
 * would silently have no risks. */
static GPtrArray *
uncovered_types (const DcRiskContext *context, GArray *assets)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);
  for (guint t = 0; t < context->scheme->types->len; t++) {
    const DcAssetType *type = g_ptr_array_index (context->scheme->types, t);
    guint held = 0;
    for (guint a = 0; a < assets->len; a++)
      held += g_str_equal (g_array_index (assets, Asset, a).type, type->code);
    gboolean covered = FALSE;
    for (guint i = 0; i < context->catalogue->threats->len && !covered; i++)
      covered = dc_threat_applies (g_ptr_array_index (context->catalogue->threats, i), type->code);
    if (held && !covered)
      g_ptr_array_add (warnings, g_strdup_printf (
          _ ("no threat of catalogue %s applies to asset type %s (%s): its %u assets have no risks; "
          "add the type to the catalogue's threats and install it with `daicho threat use FILE`"),
          context->catalogue->name, type->code, type->name, held));
  }
  return warnings;
}

/* ---- writing ---- */

typedef struct {
  DcRiskContext *context;
  const char *code;
  const char *asset;
  const DcThreat *threat;
} Upsert;

static gboolean
apply_upsert (DcStore *store, gpointer data, GError **error)
{
  Upsert *u = data;
  char property[2] = { u->threat->property, 0 };
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "INSERT INTO risk (code, asset_id, threat, threat_name, property, likelihood, vulnerability,"
      " value, value_label, possibility, risk_value, level, formula, created_on, updated_on)"
      " SELECT ?1, id, ?2, ?3, ?4, ?5, ?6, 0, '', 0, 0, '', '', ?7, ?7 FROM asset WHERE code = ?8"
      " ON CONFLICT (code) DO UPDATE SET threat_name = excluded.threat_name,"
      " property = excluded.property, status = 'open',"
      " likelihood = CASE WHEN risk.likelihood_set <> 0 THEN risk.likelihood ELSE excluded.likelihood END,"
      " vulnerability = CASE WHEN risk.vulnerability_set <> 0 THEN risk.vulnerability"
      "                 ELSE excluded.vulnerability END",
      error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, u->code);
  dc_stmt_bind_text (stmt, 2, u->threat->code);
  dc_stmt_bind_text (stmt, 3, u->threat->name);
  dc_stmt_bind_text (stmt, 4, property);
  dc_stmt_bind_int (stmt, 5, u->threat->likelihood);
  dc_stmt_bind_int (stmt, 6, u->threat->vulnerability);
  dc_stmt_bind_text (stmt, 7, u->context->today);
  dc_stmt_bind_text (stmt, 8, u->asset);
  return dc_store_run (store, stmt, error) && dc_risk_rescore (store, u->context, u->code, error);
}

static gboolean
apply_close (DcStore *store, gpointer data, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "UPDATE risk SET status = 'closed' WHERE code = ?1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, data);
  return dc_store_run (store, stmt, error);
}

static gboolean
assess_assets (DcStore *store, DcRiskContext *context, GArray *assets, GError **error)
{
  for (guint a = 0; a < assets->len; a++) {
    const Asset *asset = &g_array_index (assets, Asset, a);
    for (guint t = 0; t < context->catalogue->threats->len; t++) {
      const DcThreat *threat = g_ptr_array_index (context->catalogue->threats, t);
      if (!dc_threat_applies (threat, asset->type))
        continue;
      g_autofree char *code = g_strconcat (asset->code, "/", threat->code, NULL);
      Upsert upsert = { context, code, asset->code, threat };
      if (!dc_change (store, NC_ ("action", "assess"), "risk", code, apply_upsert, &upsert, error))
        return FALSE;
    }
  }
  return TRUE;
}

/* Open risks whose asset was disposed of, or whose threat left the catalogue
 * or no longer applies to the asset's type. */
static gboolean
close_stale (DcStore *store, DcRiskContext *context, const char *scope, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT r.code, r.threat, a.type, a.status = 'disposed' FROM risk r"
             " JOIN asset a ON a.id = r.asset_id"
             " WHERE r.status = 'open' AND (CAST(?1 AS TEXT) IS NULL OR a.code = ?1) ORDER BY r.code", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, scope);
  g_autoptr (GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    const DcThreat *threat = dc_threat_catalogue_find (context->catalogue,
                                                       dc_stmt_text (stmt, 1));
    if (dc_stmt_int (stmt, 3) || !threat ||
        !dc_threat_applies (threat, dc_stmt_text (stmt, 2)))
      g_ptr_array_add (stale, dc_stmt_dup (stmt, 0));
  }
  if (rc != DC_STMT_DONE)
    return FALSE;
  for (guint i = 0; i < stale->len; i++)
    if (!dc_change (store, NC_ ("action", "close"), "risk", g_ptr_array_index (stale, i), apply_close,
                    g_ptr_array_index (stale, i), error))
      return FALSE;
  return TRUE;
}

typedef struct {
  DcRiskContext *context;
  gint64 number;
  const char *scope;
  const char *note;
} NewRun;

static gboolean
apply_run (DcStore *store, gpointer data, GError **error)
{
  NewRun *run = data;
  DcRiskContext *context = run->context;
  g_autofree char *definition = dc_risk_method_to_text (context->method);
  g_autoptr (DcStmt) insert = dc_store_prepare (
      store,
      "INSERT INTO risk_run (id, run_on, fiscal_year, scope, actor, note, scheme, method,"
      " method_definition, catalogue, catalogue_version, catalogue_sha256, counts, items)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, '{}', 0)", error);
  if (!insert)
    return FALSE;
  dc_stmt_bind_int64 (insert, 1, run->number);
  dc_stmt_bind_text (insert, 2, context->today);
  dc_stmt_bind_int (insert, 3, dc_date_fiscal_year (context->today));
  const char *texts[] = { run->scope ? run->scope : "", dc_store_actor (store),
                          run->note ? run->note : "", context->scheme->name,
                          dc_risk_method_kind_name (context->method->kind), definition,
                          context->catalogue->name, context->catalogue->version,
                          context->catalogue->sha256 };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    dc_stmt_bind_text (insert, (int) i + 4, texts[i]);
  if (!dc_store_run (store, insert, error))
    return FALSE;

  /* The open lines in the register's order, frozen as they read now. */
  g_autoptr (GPtrArray) lines = dc_risk_lines (store, context->method, context->today, NULL, TRUE, error);
  g_autoptr (DcStmt) item = lines ? dc_store_prepare (
      store, "INSERT INTO risk_run_item (run_id, seq, risk, data) VALUES (?1, ?2, ?3, ?4)", error) : NULL;
  if (!item)
    return FALSE;
  /* How many applicable lines each level has, by level (the run's counts). */
  g_autoptr (GTree) levels = g_tree_new ((GCompareFunc) g_strcmp0);
  gint64 seq = 0;
  for (guint i = 0; i < lines->len; i++) {
    const DcRiskLine *line = g_ptr_array_index (lines, i);
    if (run->scope && g_strcmp0 (line->v[DC_RISK_ASSET], run->scope) != 0)
      continue;
    dc_stmt_reset (item);
    dc_stmt_bind_int64 (item, 1, run->number);
    dc_stmt_bind_int64 (item, 2, ++seq);
    dc_stmt_bind_text (item, 3, line->v[DC_RISK_CODE]);
    dc_stmt_bind_text (item, 4, line->json);
    if (!dc_store_run (store, item, error))
      return FALSE;
    const char *level = line->v[DC_RISK_LEVEL];
    if (level && g_strcmp0 (line->v[DC_RISK_APPLICABLE], "1") == 0)
      g_tree_insert (levels, (gpointer) level,
                     GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_tree_lookup (levels, level)) + 1));
  }
  g_autoptr (GString) counts = g_string_new ("{");
  for (GTreeNode *node = g_tree_node_first (levels); node; node = g_tree_node_next (node)) {
    if (counts->len > 1)
      g_string_append_c (counts, ',');
    dc_json_append_string (counts, g_tree_node_key (node));
    g_string_append_printf (counts, ":%" G_GSIZE_FORMAT, GPOINTER_TO_SIZE (g_tree_node_value (node)));
  }
  g_string_append_c (counts, '}');

  g_autoptr (DcStmt) totals = dc_store_prepare (
      store, "UPDATE risk_run SET items = ?2, counts = ?3 WHERE id = ?1", error);
  if (!totals)
    return FALSE;
  dc_stmt_bind_int64 (totals, 1, run->number);
  dc_stmt_bind_int64 (totals, 2, seq);
  dc_stmt_bind_text (totals, 3, counts->str);
  return dc_store_run (store, totals, error);
}

static gint64
next_number (DcStore *store, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT coalesce(max(id), 0) + 1 FROM risk_run",
                                                    error);
  return stmt && dc_store_step (store, stmt, error) == DC_STMT_ROW ? dc_stmt_int64 (stmt, 0) : 0;
}

/* How many risk entries of ACTION the transaction wrote after SEQ; ADDED
 * counts creations, else changes of existing risks. */
static guint
count_entries (DcStore *store, gint64 seq, const char *action, gboolean added)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT count(*) FROM history WHERE seq > ?1 AND entity = 'risk' AND action = ?2"
             " AND CASE WHEN before_json IS NULL THEN 1 ELSE 0 END = ?3", NULL);
  if (!stmt)
    return 0;
  dc_stmt_bind_int64 (stmt, 1, seq);
  dc_stmt_bind_text (stmt, 2, action);
  dc_stmt_bind_int (stmt, 3, added);
  return dc_store_step (store, stmt, NULL) == DC_STMT_ROW ? (guint) dc_stmt_int (stmt, 0) : 0;
}

static gboolean
assess_in_transaction (DcStore *store, DcRiskContext *context, const char *scope, GArray *assets,
                       const DcRiskAssessOptions *options, DcRiskRunAssessReport *report,
                       GError **error)
{
  gint64 seq = 0;
  g_autofree char *head = dc_history_head (store, &seq, error);
  if (!head)
    return FALSE;
  if (!context->catalogue_installed) {
    if (!dc_threat_catalogue_install (store, context->catalogue, error))
      return FALSE;
    report->catalogue_installed = TRUE;
  }
  NewRun run = { context, next_number (store, error), scope, options ? options->note : NULL };
  if (!run.number || !assess_assets (store, context, assets, error) ||
      !close_stale (store, context, scope, error))
    return FALSE;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, run.number);
  if (!dc_change (store, NC_ ("action", "assess"), "risk_run", key, apply_run, &run, error))
    return FALSE;
  report->run = run.number;
  report->added = count_entries (store, seq, "assess", TRUE);
  report->changed = count_entries (store, seq, "assess", FALSE);
  report->closed = count_entries (store, seq, "close", FALSE);
  return TRUE;
}

gboolean
dc_risk_run_assess (DcStore *store, const DcRiskAssessOptions *options, DcRiskRunAssessReport *report,
                GError **error)
{
  memset (report, 0, sizeof *report);
  g_autoptr (DcRiskContext) context = dc_risk_context_new (store, error);
  if (!context || !check_catalogue (context, error) || !dc_risk_context_needs (store, context, error))
    return FALSE;
  g_autofree char *scope = NULL;
  if (options && options->asset &&
      !(scope = dc_record_resolve_code (store, &dc_asset_kind, options->asset, error)))
    return FALSE;
  g_autoptr (GArray) assets = assets_in_scope (store, scope, error);
  if (!assets)
    return FALSE;
  report->warnings = uncovered_types (context, assets);
  if (!dc_store_begin (store, error))
    return FALSE;
  if (!assess_in_transaction (store, context, scope, assets, options, report, error)) {
    dc_store_rollback (store);
    return FALSE;
  }
  return dc_store_commit (store, error);
}

/* ---- reading runs ---- */

#define RUN_COLUMNS \
  "id, run_on, fiscal_year, scope, actor, note, scheme, method, method_definition, catalogue," \
  " catalogue_version, catalogue_sha256, counts, items"

static gboolean
read_counts (DcStore *store G_GNUC_UNUSED, DcRiskRun *run, GError **error)
{
  g_autoptr (GPtrArray) counts = dc_json_members (run->counts);
  if (!counts) {
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_TAMPERED,
                 _ ("assessment run %lld: its counts are not valid JSON"), (long long) run->number);
    return FALSE;
  }
  run->level_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < counts->len; i++) {
    const DcJsonMember *m = g_ptr_array_index (counts, i);
    if (m->key)
      g_hash_table_insert (run->level_counts, g_strdup (m->key),
                           GUINT_TO_POINTER ((guint) g_ascii_strtoull (m->value ? m->value : "0", NULL, 10)));
  }
  return TRUE;
}

static DcRiskRun *
run_from_row (DcStmt *stmt)
{
  DcRiskRun *run = g_new0 (DcRiskRun, 1);
  run->number = dc_stmt_int64 (stmt, 0);
  run->run_on = dc_stmt_dup (stmt, 1);
  run->fiscal_year = dc_stmt_int (stmt, 2);
  char **texts[] = { &run->scope, &run->actor, &run->note, &run->scheme, &run->method,
                     &run->method_definition, &run->catalogue, &run->catalogue_version,
                     &run->catalogue_sha256, &run->counts };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    *texts[i] = dc_stmt_dup (stmt, (int) i + 3);
  run->items = dc_stmt_int64 (stmt, 13);
  return run;
}

GPtrArray *
dc_risk_runs (DcStore *store, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT " RUN_COLUMNS " FROM risk_run ORDER BY id",
                                                    error);
  if (!stmt)
    return NULL;
  g_autoptr (GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_risk_run_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    DcRiskRun *run = run_from_row (stmt);
    g_ptr_array_add (runs, run);
    if (!read_counts (store, run, error))
      return NULL;
  }
  return rc == DC_STMT_DONE ? g_steal_pointer (&runs) : NULL;
}

DcRiskRun *
dc_risk_run_get (DcStore *store, gint64 number, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT " RUN_COLUMNS " FROM risk_run WHERE id = ?1",
                                                    error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, number);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW) {
    g_autoptr (DcRiskRun) run = run_from_row (stmt);
    return read_counts (store, run, error) ? g_steal_pointer (&run) : NULL;
  }
  if (rc == DC_STMT_DONE)
    g_set_error (error, DC_RISK_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("there is no assessment run %lld (see `daicho risk runs`)"), (long long) number);
  return NULL;
}

GPtrArray *
dc_risk_run_lines (DcStore *store, gint64 number, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT data FROM risk_run_item WHERE run_id = ?1 ORDER BY seq", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, number);
  return dc_risk_lines_read (store, stmt, error);
}

DcRiskMethod *
dc_risk_run_method (const DcRiskRun *run, GError **error)
{
  g_autofree char *origin = g_strdup_printf (_ ("assessment run %lld"), (long long) run->number);
  return dc_risk_method_parse_text (run->method_definition, strlen (run->method_definition),
                                    origin, NULL, 0, error);
}
