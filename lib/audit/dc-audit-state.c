#include "audit/dc-audit-state.h"
#include "base/dc-i18n.h"
#include "store/dc-asof.h"
#include "base/dc-date.h"
#include "base/dc-json.h"
#include "store/dc-history.h"
#include "model/dc-record.h"

/* The members of a snapshot the filters and the package's sheets look at,
 * copied into columns of their own when the state is loaded, so that no SQL
 * needs an engine's JSON functions. */
static const char *const member_columns[] = {
  "parent", "section", "system", "asset", "run", "fiscal_year", "as_of", "done_on", "name",
};

static const char create_sql[] =
  "CREATE TEMP TABLE audit_state (entity TEXT COLLATE \"C\", key TEXT COLLATE \"C\", json TEXT, seq BIGINT,"
  " parent TEXT COLLATE \"C\", section TEXT COLLATE \"C\", system TEXT COLLATE \"C\","
  " asset TEXT COLLATE \"C\", run BIGINT, fiscal_year INTEGER, as_of TEXT COLLATE \"C\","
  " done_on TEXT COLLATE \"C\", name TEXT COLLATE \"C\", PRIMARY KEY (entity, key));"
  "CREATE TEMP TABLE audit_sections (code TEXT COLLATE \"C\")";

static const char insert_sql[] =
  "INSERT INTO audit_state (entity, key, json, seq, parent, section, system, asset, run, fiscal_year,"
  " as_of, done_on, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS BIGINT), CAST(?10 AS INTEGER),"
  " ?11, ?12, ?13)";

/* The section the filter names and those below it. */
static const char sections_sql[] =
  "WITH RECURSIVE s(code) AS (SELECT CAST(:section AS TEXT) COLLATE \"C\""
  " UNION SELECT st.key FROM audit_state st JOIN s ON st.parent = s.code WHERE st.entity = 'section')"
  " INSERT INTO audit_sections (code) SELECT code FROM s WHERE code IS NOT NULL";

/* What the filters leave out, in order: each step sees what the previous left.
 * Sections, posts, persons, the scheme and settings stay: they are the context. */
static const char *const narrow_sql[] = {
  /* Assets of the section (and below) and of the system. */
  "DELETE FROM audit_state WHERE entity = 'asset' AND ("
  " (CAST(:section AS TEXT) IS NOT NULL AND coalesce(section, '') NOT IN (SELECT code FROM audit_sections))"
  " OR (CAST(:system AS TEXT) IS NOT NULL AND coalesce(system, '') <> :system))",
  /* Systems: the one named; with a section, those it owns or its assets use. */
  "DELETE FROM audit_state WHERE entity = 'system' AND ((CAST(:system AS TEXT) IS NOT NULL AND key <> :system)"
  " OR (CAST(:section AS TEXT) IS NOT NULL AND coalesce(section, '') NOT IN (SELECT code FROM audit_sections)"
  "  AND key NOT IN (SELECT a.system FROM audit_state a WHERE a.entity = 'asset' AND a.system IS NOT NULL)))",
  "DELETE FROM audit_state WHERE entity IN ('id_entry', 'reconcile_run') AND"
  " (coalesce(system, '') NOT IN (SELECT key FROM audit_state WHERE entity = 'system')"
  " OR (entity = 'reconcile_run' AND CAST(:fy AS INTEGER) IS NOT NULL AND as_of NOT BETWEEN :fy_start AND :fy_end))",
  "DELETE FROM audit_state WHERE entity = 'reconcile_decision' AND run NOT IN"
  " (SELECT CAST(key AS BIGINT) FROM audit_state WHERE entity = 'reconcile_run')",
  "DELETE FROM audit_state WHERE entity IN ('review_campaign', 'review_return', 'review_item', 'risk_run')"
  " AND CAST(:fy AS INTEGER) IS NOT NULL AND fiscal_year <> :fy",
  "DELETE FROM audit_state WHERE entity = 'review_return' AND CAST(:section AS TEXT) IS NOT NULL"
  " AND coalesce(section, '') NOT IN (SELECT code FROM audit_sections)",
  "DELETE FROM audit_state WHERE entity IN ('review_item', 'risk', 'risk_override')"
  " AND asset NOT IN (SELECT key FROM audit_state WHERE entity = 'asset')",
  "DELETE FROM audit_state WHERE entity = 'duty_done' AND ("
  " asset NOT IN (SELECT key FROM audit_state WHERE entity = 'asset')"
  " OR system NOT IN (SELECT key FROM audit_state WHERE entity = 'system')"
  " OR (CAST(:fy AS INTEGER) IS NOT NULL AND done_on NOT BETWEEN :fy_start AND :fy_end))",
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

static gboolean
drop_tables (DcStore *store, GError **error)
{
  const char *temp = dc_store_temp_schema (store);
  g_autofree char *sql = g_strdup_printf ("DROP TABLE IF EXISTS %s.audit_state; DROP TABLE IF EXISTS %s.audit_sections",
                                          temp, temp);
  return dc_store_exec (store, sql, error);
}

/* Binds the members of JSON that member_columns name, from parameter FIRST on. */
static void
bind_members (DcStmt *stmt, int first, const char *json)
{
  g_autoptr (GPtrArray) members = dc_json_members (json);
  for (guint i = 0; members && i < members->len; i++) {
    const DcJsonMember *m = g_ptr_array_index (members, i);
    for (gsize c = 0; c < G_N_ELEMENTS (member_columns); c++)
      if (m->key && g_str_equal (m->key, member_columns[c]) && m->kind != DC_JSON_ARRAY && m->kind != DC_JSON_OBJECT)
        dc_stmt_bind_text (stmt, first + (int) c, m->value);
  }
}

/* audit_state from the snapshots dc_asof_load_snapshots left. */
static gboolean
copy_snapshots (DcStore *store, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT entity, key, json, seq FROM %s.asof_snapshot",
                                          dc_store_temp_schema (store));
  g_autoptr (DcStmt) read = dc_store_prepare (store, sql, error);
  g_autoptr (DcStmt) insert = read ? dc_store_prepare (store, insert_sql, error) : NULL;
  if (!insert)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (store, read, error)) == DC_STMT_ROW) {
    dc_stmt_reset (insert);
    for (int c = 0; c < 3; c++)
      dc_stmt_bind_text (insert, c + 1, dc_stmt_text (read, c));
    dc_stmt_bind_int64 (insert, 4, dc_stmt_int64 (read, 3));
    for (gsize c = 0; c < G_N_ELEMENTS (member_columns); c++)
      dc_stmt_bind_null (insert, 5 + (int) c);
    bind_members (insert, 5, dc_stmt_text (read, 2));
    if (!dc_store_run (store, insert, error))
      return FALSE;
  }
  return rc == DC_STMT_DONE;
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
  g_autofree char *sql = g_strdup_printf (
    "SELECT seq, hash FROM %s.history WHERE (CAST(?1 AS TEXT) IS NULL OR at < ?1) AND (?2 < 0 OR seq <= ?2)"
    " ORDER BY seq DESC LIMIT 1", dc_store_schema (store));
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
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
  if (!drop_tables (store, error) || !dc_asof_load_snapshots (store, state->cutoff, upto, error)
      || !dc_store_exec (store, create_sql, error) || !copy_snapshots (store, error))
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
