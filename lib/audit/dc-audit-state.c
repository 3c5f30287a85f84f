#include "audit/dc-audit-state.h"
#include "base/dc-i18n.h"
#include "store/dc-asof.h"
#include "base/dc-date.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "model/dc-record.h"

/* The last snapshot of each entity up to the cutoff (dc_asof_load_snapshots),
 * then narrowed by the filters. */
static const char load_sql[] =
  "CREATE TEMP TABLE audit_state AS SELECT entity, key, json, seq FROM temp.asof_snapshot";

static const char sections_sql[] =
  "CREATE TEMP TABLE audit_sections AS WITH RECURSIVE s(code) AS (SELECT :section"
  " UNION SELECT st.key FROM audit_state st JOIN s ON json_extract(st.json, '$.parent') = s.code"
  " WHERE st.entity = 'section') SELECT code FROM s WHERE code IS NOT NULL";

/* What the filters leave out, in order: each step sees what the previous left.
 * Sections, posts, persons, the scheme and settings stay: they are the context. */
static const char *const narrow_sql[] = {
  /* Assets of the section (and below) and of the system. */
  "DELETE FROM audit_state WHERE entity = 'asset' AND ("
  " (CAST(:section AS TEXT) IS NOT NULL AND coalesce(json_extract(json, '$.section'), '') NOT IN (SELECT code FROM audit_sections))"
  " OR (CAST(:system AS TEXT) IS NOT NULL AND coalesce(json_extract(json, '$.system'), '') <> :system))",
  /* Systems: the one named; with a section, those it owns or its assets use. */
  "DELETE FROM audit_state WHERE entity = 'system' AND ((CAST(:system AS TEXT) IS NOT NULL AND key <> :system)"
  " OR (CAST(:section AS TEXT) IS NOT NULL AND coalesce(json_extract(json, '$.section'), '') NOT IN (SELECT code FROM audit_sections)"
  "  AND key NOT IN (SELECT json_extract(a.json, '$.system') FROM audit_state a"
  "   WHERE a.entity = 'asset' AND json_extract(a.json, '$.system') IS NOT NULL)))",
  "DELETE FROM audit_state WHERE entity IN ('id_entry', 'reconcile_run') AND"
  " (coalesce(json_extract(json, '$.system'), '') NOT IN (SELECT key FROM audit_state WHERE entity = 'system')"
  " OR (entity = 'reconcile_run' AND CAST(:fy AS TEXT) IS NOT NULL AND json_extract(json, '$.as_of') NOT BETWEEN :fy_start AND :fy_end))",
  "DELETE FROM audit_state WHERE entity = 'reconcile_decision' AND json_extract(json, '$.run') NOT IN"
  " (SELECT CAST(key AS INTEGER) FROM audit_state WHERE entity = 'reconcile_run')",
  "DELETE FROM audit_state WHERE entity IN ('review_campaign', 'review_return', 'review_item', 'risk_run')"
  " AND CAST(:fy AS TEXT) IS NOT NULL AND json_extract(json, '$.fiscal_year') <> :fy",
  "DELETE FROM audit_state WHERE entity = 'review_return' AND CAST(:section AS TEXT) IS NOT NULL"
  " AND coalesce(json_extract(json, '$.section'), '') NOT IN (SELECT code FROM audit_sections)",
  "DELETE FROM audit_state WHERE entity IN ('review_item', 'risk', 'risk_override')"
  " AND json_extract(json, '$.asset') NOT IN (SELECT key FROM audit_state WHERE entity = 'asset')",
  "DELETE FROM audit_state WHERE entity = 'duty_done' AND ("
  " json_extract(json, '$.asset') NOT IN (SELECT key FROM audit_state WHERE entity = 'asset')"
  " OR json_extract(json, '$.system') NOT IN (SELECT key FROM audit_state WHERE entity = 'system')"
  " OR (CAST(:fy AS TEXT) IS NOT NULL AND json_extract(json, '$.done_on') NOT BETWEEN :fy_start AND :fy_end))",
};

void
dc_audit_state_clear (DcAuditState *state)
{
  g_clear_pointer (&state->cutoff, g_free);
  g_clear_pointer (&state->hash, g_free);
}

typedef struct {
  const char *cutoff, *section, *system, *fy_start, *fy_end;
  int fy;
  gint64 upto;
} Params;

static gboolean
run_sql (DcStore *store, const char *sql, const Params *p, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return FALSE;
  const struct { const char *name; const char *value; } texts[] = {
    { ":cutoff", p->cutoff }, { ":section", p->section }, { ":system", p->system },
    { ":fy_start", p->fy_start }, { ":fy_end", p->fy_end },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++) {
    int index = dc_stmt_param (stmt, texts[i].name);
    if (index)
      dc_stmt_bind_text (stmt, index, texts[i].value);
  }
  int fy = dc_stmt_param (stmt, ":fy");
  if (fy && p->fy)
    dc_stmt_bind_int (stmt, fy, p->fy);
  int upto = dc_stmt_param (stmt, ":upto");
  if (upto)
    dc_stmt_bind_int64 (stmt, upto, p->upto);
  return dc_store_run (store, stmt, error);
}

/* The code of the section or system TEXT names, as --section / --system of
 * every other command resolve it (after an --as-of rewind, as it stood then). */
static char *
resolve (DcStore *store, const DcRecordKind *kind, const char *text, const char *option, GError **error)
{
  char *code = dc_record_resolve_code (store, kind, text, error);
  if (!code)
    g_prefix_error (error, "%s: ", option);
  return code;
}

static gboolean
load_head (DcStore *store, gint64 upto, DcAuditState *state, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store,
    "SELECT seq, hash FROM main.history WHERE (CAST(?1 AS TEXT) IS NULL OR at < ?1) AND (?2 < 0 OR seq <= ?2)"
    " ORDER BY seq DESC LIMIT 1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, state->cutoff);
  dc_stmt_bind_int64 (stmt, 2, upto);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW) {
    state->seq = dc_stmt_int64 (stmt, 0);
    state->hash = dc_stmt_dup (stmt, 1);
  } else if (rc == DC_STMT_DONE) {
    state->seq = 0;
    state->hash = g_strdup (DC_HISTORY_GENESIS_HASH);
  }
  return rc == DC_STMT_ROW || rc == DC_STMT_DONE;
}

gboolean
dc_audit_state_load (DcStore *store, const char *as_of, const DcAuditFilter *filter,
                     DcAuditState *state, GError **error)
{
  return dc_audit_state_load_upto (store, as_of, -1, filter, state, error);
}

gboolean
dc_audit_state_load_upto (DcStore *store, const char *as_of, gint64 upto, const DcAuditFilter *filter,
                          DcAuditState *state, GError **error)
{
  static const DcAuditFilter none = { NULL, NULL, 0 };
  filter = filter ? filter : &none;
  if (as_of && !(state->cutoff = dc_asof_cutoff (as_of, error)))
    return FALSE;
  if (!load_head (store, upto, state, error))
    return FALSE;
  Params p = { state->cutoff, NULL, NULL, NULL, NULL, filter->fiscal_year, upto };
  if (!dc_store_exec (store, "DROP TABLE IF EXISTS temp.audit_state; DROP TABLE IF EXISTS temp.audit_sections", error)
      || !dc_asof_load_snapshots (store, state->cutoff, upto, error) || !run_sql (store, load_sql, &p, error))
    return FALSE;
  g_autofree char *section = filter->section ? resolve (store, &dc_section_kind, filter->section, "--section", error) : NULL;
  g_autofree char *system = filter->system ? resolve (store, &dc_system_kind, filter->system, "--system", error) : NULL;
  if ((filter->section && !section) || (filter->system && !system))
    return FALSE;
  g_autofree char *fy_start = dc_date_fiscal_year_start (filter->fiscal_year);
  g_autofree char *fy_end = dc_date_fiscal_year_end (filter->fiscal_year);
  p = (Params) { state->cutoff, section, system, fy_start, fy_end, filter->fiscal_year, upto };
  if (!run_sql (store, sections_sql, &p, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (narrow_sql); i++)
    if (!run_sql (store, narrow_sql[i], &p, error))
      return FALSE;
  g_autoptr (DcStmt) count = dc_store_prepare (store, "SELECT count(*) FROM audit_state", error);
  if (!count || dc_store_step (store, count, error) != DC_STMT_ROW)
    return FALSE;
  state->entities = dc_stmt_int64 (count, 0);
  return TRUE;
}
