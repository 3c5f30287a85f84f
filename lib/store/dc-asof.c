#include "store/dc-asof.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "base/dc-error.h"
#include "base/dc-json.h"

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
  const char *temp = dc_store_temp_schema (store), *main = dc_store_schema (store);
  g_autofree char *create = g_strdup_printf (
      "DROP TABLE IF EXISTS %s.asof_snapshot;"
      "CREATE TEMP TABLE asof_snapshot (entity TEXT, key TEXT, json TEXT, seq INTEGER,"
      " PRIMARY KEY (entity, key))", temp);
  if (!dc_store_exec (store, create, error))
    return FALSE;
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO %s.asof_snapshot (entity, key, json, seq)"
      " SELECT h.entity, h.entity_key, h.after_json, h.seq FROM %s.history h"
      " JOIN (SELECT max(seq) AS seq FROM %s.history WHERE (CAST(?1 AS TEXT) IS NULL OR at < ?1)"
      "       AND (?2 < 0 OR seq <= ?2) GROUP BY entity, entity_key) l ON l.seq = h.seq"
      " WHERE h.after_json IS NOT NULL", temp, main, main);
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, cutoff);
  dc_stmt_bind_int64 (stmt, 2, upto);
  return dc_store_run (store, stmt, error);
}

/* The tables the past is rebuilt into, shadowing the real ones. */
static const char *const shadowed[] = {
  "section", "post", "person", "assignment", "system", "asset", "asset_dependency", "setting",
};

/* How a column of a past row is found in its entity's snapshot. */
typedef enum {
  FROM_ID,      /* the real row's id (entities keep their ids) */
  FROM_KEY,     /* the snapshot's key */
  FROM_MEMBER,  /* the member's value as it is */
  FROM_REF,     /* the id of the row whose REF_KEY is the member's value */
  FROM_LEVEL    /* the id of the level of property REF whose label is the member's value */
} Source;

typedef struct {
  const char *column;
  Source source;
  const char *member;
  const char *ref;       /* FROM_REF: table; FROM_LEVEL: property */
  const char *ref_key;   /* FROM_REF: its key column */
} PastColumn;

typedef struct {
  const char *entity;
  const char *table;
  const char *key_column;
  PastColumn columns[27];
} PastTable;

#define ID { "id", FROM_ID, NULL, NULL, NULL }
#define KEY(c) { c, FROM_KEY, NULL, NULL, NULL }
#define M(c) { c, FROM_MEMBER, c, NULL, NULL }
#define REF(c, member, table, key) { c, FROM_REF, member, table, key }
#define LEVEL(c, member, property) { c, FROM_LEVEL, member, property, NULL }

static const PastTable past_tables[] = {
  { "section", "section", "code",
    { ID, KEY ("code"), M ("name"), REF ("parent_id", "parent", "section", "code"),
      REF ("head_post_id", "head_post", "post", "code"), M ("hr_code") } },
  { "post", "post", "code",
    { ID, KEY ("code"), M ("name"), REF ("section_id", "section", "section", "code"), M ("description") } },
  { "person", "person", "employee_no",
    { ID, KEY ("employee_no"), M ("name"), M ("reading"), REF ("section_id", "section", "section", "code"),
      M ("employment"), M ("status"), M ("status_date") } },
  { "system", "system", "code",
    { ID, KEY ("code"), M ("name"), REF ("admin_post_id", "admin_post", "post", "code"),
      REF ("section_id", "section", "section", "code"), M ("description") } },
  { "asset", "asset", "code",
    { ID, KEY ("code"), M ("type"), M ("name"), M ("main_items"), M ("personal_info"),
      LEVEL ("c_level_id", "c", "C"), LEVEL ("i_level_id", "i", "I"), LEVEL ("a_level_id", "a", "A"),
      M ("external_io"), M ("access_restriction"), REF ("section_id", "section", "section", "code"),
      REF ("post_id", "post", "post", "code"), REF ("system_id", "system", "system", "code"),
      M ("storage"), M ("retention"), M ("status"), M ("disposed_on"), M ("disposal_method"),
      M ("disposal_certificate"), M ("note"), M ("created_on"), M ("updated_on"),
      M ("last_reviewed_on"), M ("next_review_due"), M ("version") } },
  { "setting", "setting", "key", { KEY ("key"), M ("value") } },
};

/* The present id of the row of TABLE whose KEY_COLUMN is VALUE, or 0. */
static gint64
present_id (DcStore *store, const char *table, const char *key_column, const char *value, GError **error)
{
  if (!value)
    return 0;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s.%s WHERE %s = ?1", dc_store_schema (store),
                                          table, key_column);
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);
  if (!stmt)
    return -1;
  dc_stmt_bind_text (stmt, 1, value);
  DcStmtStep step = dc_store_step (store, stmt, error);
  return step == DC_STMT_ROW ? dc_stmt_int64 (stmt, 0) : step == DC_STMT_DONE ? 0 : -1;
}

/* The id of the level of PROPERTY labelled LABEL, or 0. */
static gint64
level_id (DcStore *store, const char *property, const char *label, GError **error)
{
  if (!label)
    return 0;
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store, "SELECT id FROM level WHERE property = ?1 AND label = ?2", error);
  if (!stmt)
    return -1;
  dc_stmt_bind_text (stmt, 1, property);
  dc_stmt_bind_text (stmt, 2, label);
  DcStmtStep step = dc_store_step (store, stmt, error);
  return step == DC_STMT_ROW ? dc_stmt_int64 (stmt, 0) : step == DC_STMT_DONE ? 0 : -1;
}

/* Binds the column C of the past row from the snapshot JSON (present id ID,
 * key KEY) to parameter INDEX of INSERT. */
static gboolean
bind_past_column (DcStore *store, DcStmt *insert, int index, const PastColumn *c, gint64 id,
                  const char *key, const char *json, GError **error)
{
  g_autofree char *value = c->member ? dc_json_member_value (json, c->member) : NULL;
  gint64 ref = 0;
  switch (c->source) {
  case FROM_ID:
    dc_stmt_bind_int64 (insert, index, id);
    return TRUE;
  case FROM_KEY:
    dc_stmt_bind_text (insert, index, key);
    return TRUE;
  case FROM_MEMBER:
    dc_stmt_bind_text (insert, index, value);
    return TRUE;
  case FROM_REF:
    ref = present_id (store, c->ref, c->ref_key, value, error);
    break;
  case FROM_LEVEL:
    ref = level_id (store, c->ref, value, error);
    break;
  }
  if (ref < 0)
    return FALSE;
  if (ref)
    dc_stmt_bind_int64 (insert, index, ref);
  else
    dc_stmt_bind_null (insert, index);
  return TRUE;
}

/* The rows of one past table from its entity's snapshots. */
static gboolean
populate_table (DcStore *store, const PastTable *t, GError **error)
{
  g_autoptr (GString) columns = g_string_new (NULL), params = g_string_new (NULL);
  guint n = 0;
  for (; n < G_N_ELEMENTS (t->columns) && t->columns[n].column; n++) {
    g_string_append_printf (columns, "%s%s", n ? ", " : "", t->columns[n].column);
    g_string_append_printf (params, "%s?%u", n ? ", " : "", n + 1);
  }
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO %s.%s (%s) VALUES (%s)",
                                                 dc_store_temp_schema (store), t->table, columns->str,
                                                 params->str);
  /* Each snapshot with the present id of its row (settings have none). */
  g_autofree char *read_sql = t->columns[0].source == FROM_ID
    ? g_strdup_printf ("SELECT s.key, s.json, m.id FROM %s.asof_snapshot s JOIN %s.%s m ON m.%s = s.key"
                       " WHERE s.entity = ?1", dc_store_temp_schema (store), dc_store_schema (store),
                       t->table, t->key_column)
    : g_strdup_printf ("SELECT s.key, s.json, 0 FROM %s.asof_snapshot s WHERE s.entity = ?1",
                       dc_store_temp_schema (store));
  g_autoptr (DcStmt) read = dc_store_prepare (store, read_sql, error);
  g_autoptr (DcStmt) insert = read ? dc_store_prepare (store, insert_sql, error) : NULL;
  if (!insert)
    return FALSE;
  dc_stmt_bind_text (read, 1, t->entity);
  DcStmtStep step;
  while ((step = dc_store_step (store, read, error)) == DC_STMT_ROW) {
    const char *key = dc_stmt_text (read, 0), *json = dc_stmt_text (read, 1);
    gint64 id = dc_stmt_int64 (read, 2);
    dc_stmt_reset (insert);
    for (guint c = 0; c < n; c++)
      if (!bind_past_column (store, insert, (int) c + 1, &t->columns[c], id, key, json, error))
        return FALSE;
    if (!dc_store_run (store, insert, error))
      return FALSE;
  }
  return step == DC_STMT_DONE;
}

/* The rows a snapshot holds as a list: a post's assignments, an asset's
 * dependencies. */
static gboolean
populate_lists (DcStore *store, GError **error)
{
  const char *temp = dc_store_temp_schema (store), *main = dc_store_schema (store);
  g_autofree char *read_sql = g_strdup_printf (
      "SELECT s.entity, s.json, m.id FROM %s.asof_snapshot s JOIN %s.post m ON m.code = s.key"
      " WHERE s.entity = 'post'"
      " UNION ALL SELECT s.entity, s.json, m.id FROM %s.asof_snapshot s JOIN %s.asset m ON m.code = s.key"
      " WHERE s.entity = 'asset'", temp, main, temp, main);
  g_autofree char *assignment_sql = g_strdup_printf (
      "INSERT INTO %s.assignment (post_id, person_id, from_date, to_date) VALUES (?1, ?2, ?3, ?4)", temp);
  g_autofree char *dependency_sql = g_strdup_printf (
      "INSERT INTO %s.asset_dependency (asset_id, depends_on_id) VALUES (?1, ?2)", temp);
  g_autoptr (DcStmt) read = dc_store_prepare (store, read_sql, error);
  g_autoptr (DcStmt) assignment = read ? dc_store_prepare (store, assignment_sql, error) : NULL;
  g_autoptr (DcStmt) dependency = assignment ? dc_store_prepare (store, dependency_sql, error) : NULL;
  if (!dependency)
    return FALSE;
  DcStmtStep step;
  while ((step = dc_store_step (store, read, error)) == DC_STMT_ROW) {
    gboolean post = g_str_equal (dc_stmt_text (read, 0), "post");
    gint64 id = dc_stmt_int64 (read, 2);
    g_autofree char *list = dc_json_member_value (dc_stmt_text (read, 1), post ? "assignments" : "depends_on");
    g_autoptr (GPtrArray) items = list ? dc_json_members (list) : NULL;
    for (guint i = 0; items && i < items->len; i++) {
      const DcJsonMember *item = g_ptr_array_index (items, i);
      DcStmt *insert = post ? assignment : dependency;
      dc_stmt_reset (insert);
      dc_stmt_bind_int64 (insert, 1, id);
      g_autofree char *employee = post ? dc_json_member_value (item->value, "employee_no") : NULL;
      gint64 ref = post ? present_id (store, "person", "employee_no", employee, error)
                        : present_id (store, "asset", "code", item->value, error);
      if (ref < 0)
        return FALSE;
      if (ref)
        dc_stmt_bind_int64 (insert, 2, ref);
      else
        dc_stmt_bind_null (insert, 2);
      if (post) {
        g_autofree char *from = dc_json_member_value (item->value, "from");
        g_autofree char *to = dc_json_member_value (item->value, "to");
        dc_stmt_bind_text (insert, 3, from);
        dc_stmt_bind_text (insert, 4, to);
      }
      if (!dc_store_run (store, insert, error))
        return FALSE;
    }
  }
  return step == DC_STMT_DONE;
}

/* Empty TEMP tables named like the real ones, with their columns. */
static gboolean
shadow_tables (DcStore *store, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (shadowed); i++) {
    g_autofree char *sql = g_strdup_printf ("CREATE TEMP TABLE %s AS SELECT * FROM %s.%s WHERE 1 = 0",
                                            shadowed[i], dc_store_schema (store), shadowed[i]);
    if (!dc_store_exec (store, sql, error))
      return FALSE;
  }
  return TRUE;
}

gboolean
dc_asof_rewind (DcStore *store, const char *date, GError **error)
{
  g_autofree char *cutoff = dc_asof_cutoff (date, error);
  if (!cutoff)
    return FALSE;
  g_autofree char *day = dc_date_normalise (date, "--as-of", NULL);
  if (!dc_store_exec (store, "BEGIN", error))
    return FALSE;
  gboolean ok = shadow_tables (store, error) && dc_asof_load_snapshots (store, cutoff, -1, error);
  for (gsize i = 0; ok && i < G_N_ELEMENTS (past_tables); i++)
    ok = populate_table (store, &past_tables[i], error);
  ok = ok && populate_lists (store, error);
  ok = ok && dc_store_exec (store, "COMMIT", error);
  if (!ok) {
    dc_store_rollback (store);
    g_prefix_error (error, _ ("rebuilding the register as of %s: "), day);
    return FALSE;
  }
  dc_store_set_as_of (store, day);
  return TRUE;
}
