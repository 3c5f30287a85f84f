#include "store/dc-asof.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "base/dc-error.h"

#include <stdio.h>

char *
dc_asof_cutoff (const char *date, GError **error)
{
  g_autofree char *day = dc_date_normalise (date, "--as-of", error);
  if (!day)
    return NULL;
  int y, m, d;
  sscanf (day, "%d-%d-%d", &y, &m, &d);
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) start = g_date_time_new (local, y, m, d, 0, 0, 0);
  g_autoptr (GDateTime) end = start ? g_date_time_add_days (start, 1) : NULL;
  g_autoptr (GDateTime) utc = end ? g_date_time_to_utc (end) : NULL;
  if (!utc) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("%s is outside the dates daicho can compute with; give an earlier date"), day);
    return NULL;
  }
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
}

/* Entities are never deleted (codes are permanent), so every entity in the
 * history still has its row, and the past rows keep the present ids. */
gboolean
dc_asof_load_snapshots (DcStore *store, const char *cutoff, gint64 upto, GError **error)
{
  if (!dc_store_exec (store, "DROP TABLE IF EXISTS temp.asof_snapshot;"
                             "CREATE TEMP TABLE asof_snapshot (entity TEXT, key TEXT, json TEXT, seq INTEGER);"
                             "CREATE INDEX temp.asof_snapshot_key ON asof_snapshot (entity, key);", error))
    return FALSE;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "INSERT INTO asof_snapshot (entity, key, json, seq)"
      " SELECT h.entity, h.entity_key, h.after_json, h.seq FROM main.history h"
      " JOIN (SELECT max(seq) AS seq FROM main.history WHERE (CAST(?1 AS TEXT) IS NULL OR at < ?1) AND (?2 < 0 OR seq <= ?2)"
      "       GROUP BY entity, entity_key) l ON l.seq = h.seq"
      " WHERE h.after_json IS NOT NULL", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, cutoff);
  dc_stmt_bind_int64 (stmt, 2, upto);
  return dc_store_run (store, stmt, error);
}

static const char *const rebuild_sql =
  "CREATE TEMP TABLE section AS SELECT * FROM main.section WHERE 0;"
  "CREATE TEMP TABLE post AS SELECT * FROM main.post WHERE 0;"
  "CREATE TEMP TABLE person AS SELECT * FROM main.person WHERE 0;"
  "CREATE TEMP TABLE assignment AS SELECT * FROM main.assignment WHERE 0;"
  "CREATE TEMP TABLE system AS SELECT * FROM main.system WHERE 0;"
  "CREATE TEMP TABLE asset AS SELECT * FROM main.asset WHERE 0;"
  "CREATE TEMP TABLE asset_dependency AS SELECT * FROM main.asset_dependency WHERE 0;"
  "CREATE TEMP TABLE setting AS SELECT * FROM main.setting WHERE 0;";

#define J(field) "json_extract(s.json, '$." field "')"
#define ID_OF(table, key_column, value) \
  "(SELECT id FROM main." table " WHERE " key_column " = " value ")"
#define LEVEL_OF(property, field) \
  "(SELECT id FROM level WHERE property = '" property "' AND label = " J (field) ")"
#define FROM_SNAPSHOTS(entity, table, key_column) \
  " FROM asof_snapshot s JOIN main." table " m ON m." key_column " = s.key WHERE s.entity = '" entity "';"

static const char *const populate_sql =
  "INSERT INTO temp.section (id, code, name, parent_id, head_post_id, hr_code)"
  " SELECT m.id, s.key, " J ("name") ", " ID_OF ("section", "code", J ("parent")) ","
  " " ID_OF ("post", "code", J ("head_post")) ", " J ("hr_code")
  FROM_SNAPSHOTS ("section", "section", "code")
  "INSERT INTO temp.post (id, code, name, section_id, description)"
  " SELECT m.id, s.key, " J ("name") ", " ID_OF ("section", "code", J ("section")) ", " J ("description")
  FROM_SNAPSHOTS ("post", "post", "code")
  "INSERT INTO temp.person (id, employee_no, name, reading, section_id, employment, status, status_date)"
  " SELECT m.id, s.key, " J ("name") ", " J ("reading") ", " ID_OF ("section", "code", J ("section")) ","
  " " J ("employment") ", " J ("status") ", " J ("status_date")
  FROM_SNAPSHOTS ("person", "person", "employee_no")
  "INSERT INTO temp.assignment (post_id, person_id, from_date, to_date)"
  " SELECT m.id, " ID_OF ("person", "employee_no", "json_extract(a.value, '$.employee_no')") ","
  " json_extract(a.value, '$.from'), json_extract(a.value, '$.to')"
  " FROM asof_snapshot s JOIN main.post m ON m.code = s.key, json_each(" J ("assignments") ") a"
  " WHERE s.entity = 'post';"
  "INSERT INTO temp.system (id, code, name, admin_post_id, section_id, description)"
  " SELECT m.id, s.key, " J ("name") ", " ID_OF ("post", "code", J ("admin_post")) ","
  " " ID_OF ("section", "code", J ("section")) ", " J ("description")
  FROM_SNAPSHOTS ("system", "system", "code")
  "INSERT INTO temp.asset (id, code, type, name, main_items, personal_info, c_level_id, i_level_id,"
  " a_level_id, external_io, access_restriction, section_id, post_id, system_id, storage, retention,"
  " status, disposed_on, disposal_method, disposal_certificate, note, created_on, updated_on,"
  " last_reviewed_on, next_review_due, version)"
  " SELECT m.id, s.key, " J ("type") ", " J ("name") ", " J ("main_items") ", " J ("personal_info") ","
  " " LEVEL_OF ("C", "c") ", " LEVEL_OF ("I", "i") ", " LEVEL_OF ("A", "a") ","
  " " J ("external_io") ", " J ("access_restriction") ","
  " " ID_OF ("section", "code", J ("section")) ", " ID_OF ("post", "code", J ("post")) ","
  " " ID_OF ("system", "code", J ("system")) ", " J ("storage") ", " J ("retention") ","
  " " J ("status") ", " J ("disposed_on") ", " J ("disposal_method") ", " J ("disposal_certificate") ","
  " " J ("note") ", " J ("created_on") ", " J ("updated_on") ", " J ("last_reviewed_on") ","
  " " J ("next_review_due") ", " J ("version")
  FROM_SNAPSHOTS ("asset", "asset", "code")
  "INSERT INTO temp.asset_dependency (asset_id, depends_on_id)"
  " SELECT m.id, " ID_OF ("asset", "code", "d.value")
  " FROM asof_snapshot s JOIN main.asset m ON m.code = s.key, json_each(" J ("depends_on") ") d"
  " WHERE s.entity = 'asset';"
  "INSERT INTO temp.setting (key, value) SELECT s.key, " J ("value")
  " FROM asof_snapshot s WHERE s.entity = 'setting';";

gboolean
dc_asof_rewind (DcStore *store, const char *date, GError **error)
{
  g_autofree char *cutoff = dc_asof_cutoff (date, error);
  if (!cutoff)
    return FALSE;
  g_autofree char *day = dc_date_normalise (date, "--as-of", NULL);
  if (!dc_store_exec (store, "BEGIN", error))
    return FALSE;
  gboolean ok = dc_store_exec (store, rebuild_sql, error) &&
                dc_asof_load_snapshots (store, cutoff, -1, error);
  ok = ok && dc_store_exec (store, populate_sql, error);
  ok = ok && dc_store_exec (store, "COMMIT", error);
  if (!ok) {
    dc_store_rollback (store);
    g_prefix_error (error, _ ("rebuilding the register as of %s: "), day);
    return FALSE;
  }
  dc_store_set_as_of (store, day);
  return TRUE;
}
