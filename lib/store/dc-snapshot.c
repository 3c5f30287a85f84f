#include "store/dc-snapshot.h"
#include "base/dc-i18n.h"
#include "base/dc-json.h"

#include <string.h>

/* One SELECT per entity gives the key (dc_key) and then, in the order the snapshot
 * lists them, its members: each column's name (alias) is the member's name,
 * with a mark after it that says how its value is written:
 *   "name"           the value: a number as a number, text as a string, NULL as null
 *   "name:json"      text holding JSON (a list of privileges), embedded as JSON
 *   "name:opt"       written only when not NULL: members a later schema added,
 *                    so the snapshot of a record that does not use them is
 *                    byte for byte what it was before that schema
 *   "name:rows"      the column holds the record's id; the member is what the
 *                    child query of that name (children[] below) gives for it
 * The JSON is written here in C (dc-json.h), byte for byte as the SQLite
 * json_object() queries of earlier versions wrote it: the hashes of existing
 * histories stay valid, and every engine gives the same text. The SQL uses
 * only what every engine understands. */
typedef struct {
  const char *entity;
  const char *select;   /* SELECT dc_key, members... FROM ... */
} EntityKind;

#define CODE_OF(table, id_expr) "(SELECT code FROM " table " WHERE id = " id_expr ")"
#define LABEL_OF(id_expr) "(SELECT label FROM level WHERE id = " id_expr ")"

static const EntityKind kinds[] = {
  { NC_ ("entity", "scheme"),
    "SELECT name AS dc_key, name, title, source, value_rule, handling_mark, handling_threshold,"
    " definition,"
    /* The installed tables too: levels and types are what assets point at. */
    " 0 AS \"types:rows\", 0 AS \"levels:rows\", 0 AS \"properties:rows\" FROM scheme" },
  { NC_ ("entity", "setting"),
    "SELECT key AS dc_key, key, value FROM setting" },
  { "section",
    "SELECT s.code AS dc_key, s.code, s.name, " CODE_OF ("section", "s.parent_id") " AS parent,"
    " " CODE_OF ("post", "s.head_post_id") " AS \"head_post:opt\", s.hr_code AS \"hr_code:opt\""
    " FROM section s" },
  { "post",
    "SELECT p.code AS dc_key, p.code, p.name, " CODE_OF ("section", "p.section_id") " AS section,"
    " p.description, p.id AS \"assignments:rows\" FROM post p" },
  { "person",
    "SELECT employee_no AS dc_key, employee_no, name, " CODE_OF ("section", "section_id") " AS section,"
    " employment, status, status_date, reading AS \"reading:opt\" FROM person" },
  { "system",
    "SELECT code AS dc_key, code, name, " CODE_OF ("post", "admin_post_id") " AS admin_post,"
    " " CODE_OF ("section", "section_id") " AS section, description FROM system" },
  { "asset",
    "SELECT a.code AS dc_key, a.code, a.type, a.name, a.main_items, a.personal_info,"
    " " LABEL_OF ("a.c_level_id") " AS c, " LABEL_OF ("a.i_level_id") " AS i,"
    " " LABEL_OF ("a.a_level_id") " AS a,"
    " a.external_io, a.access_restriction,"
    " " CODE_OF ("section", "a.section_id") " AS section, " CODE_OF ("post", "a.post_id") " AS post,"
    " " CODE_OF ("system", "a.system_id") " AS system,"
    " a.storage, a.retention, a.status, a.disposed_on, a.disposal_method,"
    " a.disposal_certificate, a.note, a.created_on, a.updated_on, a.last_reviewed_on,"
    " a.next_review_due, a.version, a.id AS \"depends_on:rows\" FROM asset a" },
  { "id_entry",
    "SELECT e.entry_key AS dc_key, " CODE_OF ("system", "e.system_id") " AS system,"
    " e.login_id, e.holder, e.holder_name, e.kind, e.privileges AS \"privileges:json\","
    " e.applicant, e.approver, e.registrar, e.approved_on, e.valid_until, e.shared_reason,"
    " e.shared_users AS \"shared_users:json\", e.status, e.revoked_on, e.note, e.created_on,"
    " e.updated_on FROM id_entry e" },
  /* A run's findings are written once with it: the run records how many and
   * a digest of them, so an edited finding shows as a changed run. */
  { NC_ ("entity", "reconcile_run"),
    "SELECT CAST(r.id AS TEXT) AS dc_key, r.id AS run, " CODE_OF ("system", "r.system_id") " AS system,"
    " r.export_file, r.export_sha256, r.export_rows, r.register_entries, r.profile,"
    " r.profile_sha256, r.as_of, r.dormant_days, r.operator, r.run_at,"
    " r.counts AS \"counts:json\", r.notes AS \"notes:json\","
    " (SELECT count(*) FROM reconcile_finding f WHERE f.run_id = r.id) AS findings,"
    " r.id AS \"findings_digest:rows\","
    " r.checked_post, r.checked_person, r.signoff_post, r.signoff_person, r.signoff_on"
    " FROM reconcile_run r" },
  { NC_ ("entity", "reconcile_decision"),
    "SELECT d.decision_key AS dc_key, d.run_id AS run, d.seq AS finding, f.kind,"
    " f.raw_login_id AS login_id, d.decision, d.note, d.until, d.decided_by, d.decided_on"
    " FROM reconcile_decision d JOIN reconcile_finding f ON f.run_id = d.run_id AND f.seq = d.seq" },
  /* The annual review (issue 7): campaigns, items, returned workbooks. */
  { NC_ ("entity", "review_campaign"),
    "SELECT CAST(c.fiscal_year AS TEXT) AS dc_key, c.fiscal_year, c.opened_on, c.due_on, c.status,"
    " c.closed_on, " CODE_OF ("post", "c.closed_by_post_id") " AS closed_by, c.note"
    " FROM review_campaign c" },
  { NC_ ("entity", "review_return"),
    "SELECT r.code AS dc_key, r.code,"
    " (SELECT fiscal_year FROM review_campaign WHERE id = r.campaign_id) AS fiscal_year,"
    " " CODE_OF ("section", "r.section_id") " AS section, r.file_name, r.sha256, r.reviewer,"
    " r.reviewed_on, r.imported_on, r.partial, r.counts AS \"counts:json\" FROM review_return r" },
  { NC_ ("entity", "review_item"),
    "SELECT i.code AS dc_key, i.code,"
    " (SELECT fiscal_year FROM review_campaign WHERE id = i.campaign_id) AS fiscal_year,"
    " " CODE_OF ("asset", "i.asset_id") " AS asset, " CODE_OF ("section", "i.section_id") " AS section,"
    " i.state, i.reviewer, i.reviewed_on, i.comment,"
    " " CODE_OF ("review_return", "i.return_id") " AS \"return\", i.new_row AS \"new_row:opt\""
    " FROM review_item i" },
  /* Completions of periodic duties. */
  { NC_ ("entity", "duty_done"),
    "SELECT d.code AS dc_key, d.code, d.duty, " CODE_OF ("system", "d.system_id") " AS system,"
    " " CODE_OF ("asset", "d.asset_id") " AS asset, d.done_on, " CODE_OF ("post", "d.post_id") " AS post,"
    " d.person, d.note, d.recorded_on FROM duty_done d" },
  { NC_ ("entity", "risk_method"),
    "SELECT 'method' AS dc_key, method, definition, set_on FROM risk_method" },
  { NC_ ("entity", "threat_catalogue"),
    "SELECT 'catalogue' AS dc_key, name, version, title, definition, installed_on FROM threat_catalogue" },
  { NC_ ("entity", "risk_override"),
    "SELECT a.code || '/' || o.property AS dc_key, a.code AS asset, o.property,"
    " " LABEL_OF ("o.level_id") " AS level, o.effect, o.reason, o.set_on"
    " FROM risk_override o JOIN asset a ON a.id = o.asset_id" },
  { NC_ ("entity", "risk"),
    "SELECT r.code AS dc_key, r.code, a.code AS asset, r.threat, r.threat_name, r.property, r.status,"
    " r.applicable, r.not_applicable_reason, r.likelihood, r.vulnerability,"
    " r.likelihood_set, r.vulnerability_set, r.controls, r.rated_on, r.value,"
    " r.value_label, r.value_from, r.value_override, r.possibility, r.risk_value, r.level,"
    " r.formula, r.treatment, r.control, " CODE_OF ("post", "r.owner_post_id") " AS owner_post,"
    " r.due_on, r.completed_on, r.residual_likelihood, r.residual_vulnerability,"
    " r.residual_possibility, r.residual_value, r.residual_level, r.residual_formula,"
    " " CODE_OF ("post", "r.approver_post_id") " AS approver_post, r.accepted_on,"
    " r.accept_until, r.accept_reason, r.note, r.created_on, r.updated_on"
    " FROM risk r JOIN asset a ON a.id = r.asset_id" },
  /* A run's lines are written once: a digest of them stands for them. */
  { NC_ ("entity", "risk_run"),
    "SELECT CAST(r.id AS TEXT) AS dc_key, r.id AS number, r.run_on, r.fiscal_year, r.scope, r.actor,"
    " r.note, r.scheme, r.method, r.method_definition, r.catalogue, r.catalogue_version,"
    " r.catalogue_sha256, r.counts AS \"counts:json\", r.items, r.id AS \"items_digest:rows\""
    " FROM risk_run r" },
  /* The backup ledger and the restores into this register (dc-backup). */
  { NC_ ("entity", "backup"),
    "SELECT CAST(b.number AS TEXT) AS dc_key, b.number, b.taken_at, b.file, b.size, b.sha256,"
    " b.schema_version, b.history_seq, b.history_hash, b.note, b.actor, b.status, b.removed_on"
    " FROM backup b" },
  { NC_ ("entity", "restore"),
    "SELECT CAST(r.number AS TEXT) AS dc_key, r.number, r.restored_at, r.actor, r.file, r.sha256,"
    " r.backup_number, r.schema_version, r.history_seq, r.history_hash, r.replaced_file,"
    " r.replaced_history_seq, r.replaced_history_hash FROM restore r" },
};

/* How a child query's rows become the member's value. */
typedef enum {
  ROWS_OBJECTS,      /* an array of objects, one a row (its columns as in kinds[]) */
  ROWS_VALUES,       /* an array of the rows' first column */
  ROWS_PAIRS,        /* an object of the rows' (name, value) */
  ROWS_DIGEST_ARRAY, /* the digest of (seq, JSON array of the other columns) */
  ROWS_DIGEST_LINES  /* the digest of (seq, the other columns joined by new lines) */
} RowsShape;

/* The child queries: ?1, where there is one, is the value of the parent's
 * "member:rows" column (the scheme's tables have one scheme). */
typedef struct {
  const char *member;
  RowsShape shape;
  const char *select;
} ChildRows;

static const ChildRows children[] = {
  { "types", ROWS_OBJECTS,
    "SELECT code, position, name, name_en, description FROM asset_type ORDER BY code" },
  { "levels", ROWS_OBJECTS,
    "SELECT l.id, l.property, l.label, l.rank, l.name, l.name_en, l.value, l.description,"
    " l.id AS \"definitions:rows\" FROM level l ORDER BY l.id" },
  { "definitions", ROWS_PAIRS,
    "SELECT asset_type, text FROM level_definition WHERE level_id = ?1 ORDER BY asset_type" },
  { "properties", ROWS_OBJECTS,
    "SELECT code, name, name_en FROM property ORDER BY code" },
  { "assignments", ROWS_OBJECTS,
    "SELECT (SELECT employee_no FROM person WHERE id = a.person_id) AS employee_no,"
    " a.from_date AS \"from\", a.to_date AS \"to\""
    " FROM assignment a WHERE a.post_id = ?1 ORDER BY a.from_date, a.id" },
  { "depends_on", ROWS_VALUES,
    "SELECT b.code FROM asset_dependency d JOIN asset b ON b.id = d.depends_on_id"
    " WHERE d.asset_id = ?1 ORDER BY b.code" },
  { "findings_digest", ROWS_DIGEST_ARRAY,
    "SELECT seq, kind, login_key, raw_login_id, holder, holder_name, detail"
    " FROM reconcile_finding WHERE run_id = ?1 ORDER BY seq" },
  { "items_digest", ROWS_DIGEST_LINES,
    "SELECT seq, risk, data FROM risk_run_item WHERE run_id = ?1 ORDER BY seq" },
};

static gboolean write_row (DcStore *store, DcStmt *stmt, int first, GString *out, GError **error);

static const ChildRows *
find_child (const char *member)
{
  for (gsize i = 0; i < G_N_ELEMENTS (children); i++)
    if (g_str_equal (children[i].member, member))
      return &children[i];
  return NULL;
}

/* dc_digest's rule, which the snapshots of earlier versions computed in
 * SQL: the SHA-256 (hex) of the rows in seq order, each written as
 * "<seq>:<length>:<text>\n". */
static void
digest_row (GChecksum *sum, gint64 seq, const char *text)
{
  g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT ":%zu:", seq, strlen (text));
  g_checksum_update (sum, (const guchar *) prefix, -1);
  g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
}

/* The text of one row for a digest: a JSON array of its columns after the
 * first, or those columns joined by new lines (NULL when one is NULL, as
 * SQL's || gave, and then the empty text). */
static char *
digest_text (DcStmt *stmt, RowsShape shape)
{
  int n = dc_stmt_columns (stmt);
  g_autoptr (GString) text = g_string_new (shape == ROWS_DIGEST_ARRAY ? "[" : "");
  for (int c = 1; c < n; c++) {
    if (shape == ROWS_DIGEST_ARRAY) {
      if (c > 1)
        g_string_append_c (text, ',');
      dc_stmt_append_json (stmt, c, text);
    } else if (dc_stmt_is_null (stmt, c)) {
      return g_strdup ("");
    } else {
      if (c > 1)
        g_string_append_c (text, '\n');
      g_string_append (text, dc_stmt_text (stmt, c));
    }
  }
  if (shape == ROWS_DIGEST_ARRAY)
    g_string_append_c (text, ']');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The member CHILD for the parent whose "member:rows" column holds ID. */
static gboolean
write_child (DcStore *store, const ChildRows *child, gint64 id, GString *out, GError **error)
{
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, child->select, error);
  if (!stmt)
    return FALSE;
  if (strstr (child->select, "?1"))
    dc_stmt_bind_int64 (stmt, 1, id);
  g_autoptr (GChecksum) sum = NULL;
  if (child->shape == ROWS_DIGEST_ARRAY || child->shape == ROWS_DIGEST_LINES)
    sum = g_checksum_new (G_CHECKSUM_SHA256);
  else
    g_string_append_c (out, child->shape == ROWS_PAIRS ? '{' : '[');
  gboolean first = TRUE;
  DcStmtStep step;
  while ((step = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    if (sum) {
      g_autofree char *text = digest_text (stmt, child->shape);
      digest_row (sum, dc_stmt_int64 (stmt, 0), text);
      continue;
    }
    if (!first)
      g_string_append_c (out, ',');
    first = FALSE;
    if (child->shape == ROWS_OBJECTS) {
      if (!write_row (store, stmt, 0, out, error))
        return FALSE;
    } else if (child->shape == ROWS_VALUES) {
      dc_stmt_append_json (stmt, 0, out);
    } else {
      dc_json_append_string (out, dc_stmt_text (stmt, 0));
      g_string_append_c (out, ':');
      dc_stmt_append_json (stmt, 1, out);
    }
  }
  if (step != DC_STMT_DONE)
    return FALSE;
  if (sum)
    dc_json_append_string (out, g_checksum_get_string (sum));
  else
    g_string_append_c (out, child->shape == ROWS_PAIRS ? '}' : ']');
  return TRUE;
}

/* The current row of STMT from column FIRST on as a JSON object. */
static gboolean
write_row (DcStore *store, DcStmt *stmt, int first, GString *out, GError **error)
{
  int n = dc_stmt_columns (stmt);
  g_string_append_c (out, '{');
  gboolean empty = TRUE;
  for (int c = first; c < n; c++) {
    const char *name = dc_stmt_name (stmt, c);
    const char *mark = strchr (name, ':');
    if (mark && g_str_equal (mark, ":opt") && dc_stmt_is_null (stmt, c))
      continue;
    g_autofree char *member = mark ? g_strndup (name, (gsize) (mark - name)) : g_strdup (name);
    if (!empty)
      g_string_append_c (out, ',');
    empty = FALSE;
    dc_json_append_string (out, member);
    g_string_append_c (out, ':');
    if (mark && g_str_equal (mark, ":json")) {
      if (dc_stmt_is_null (stmt, c))
        g_string_append (out, "null");
      else
        dc_json_append_minified (out, dc_stmt_text (stmt, c));
    } else if (mark && g_str_equal (mark, ":rows")) {
      const ChildRows *child = find_child (member);
      g_return_val_if_fail (child != NULL, FALSE);
      if (!write_child (store, child, dc_stmt_int64 (stmt, c), out, error))
        return FALSE;
    } else {
      dc_stmt_append_json (stmt, c, out);
    }
  }
  g_string_append_c (out, '}');
  return TRUE;
}

const char *const dc_snapshot_entities[] = {
  "scheme", "setting", "section", "post", "person", "system", "asset", "id_entry",
  "reconcile_run", "reconcile_decision",
  "review_campaign", "review_return", "review_item", "duty_done",
  "risk_method", "threat_catalogue", "risk_override", "risk", "risk_run",
  "backup", "restore", NULL
};

static const EntityKind *
find_kind (const char *entity)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].entity, entity))
      return &kinds[i];
  return NULL;
}

gboolean
dc_snapshot_entity_known (const char *entity)
{
  return find_kind (entity) != NULL;
}

static char *
kind_sql (const char *entity, const char *suffix)
{
  const EntityKind *kind = find_kind (entity);
  g_return_val_if_fail (kind != NULL, NULL);
  return g_strconcat ("SELECT * FROM (", kind->select, ") snapshot ", suffix, NULL);
}

char *
dc_snapshot (DcStore *store, const char *entity, const char *key, GError **error)
{
  /* Every change takes two snapshots: the statement is prepared once. */
  g_autofree char *sql = kind_sql (entity, "WHERE dc_key = ?1");
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, key);
  if (dc_store_step (store, stmt, error) != DC_STMT_ROW)
    return NULL;
  g_autoptr (GString) json = g_string_new (NULL);
  if (!write_row (store, stmt, 1, json, error))
    return NULL;
  return g_string_free (g_steal_pointer (&json), FALSE);
}

gboolean
dc_snapshot_foreach (DcStore *store, const char *entity, DcSnapshotFunc func,
                     gpointer user_data, GError **error)
{
  g_autofree char *sql = kind_sql (entity, "ORDER BY dc_key");
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, error);
  if (!stmt)
    return FALSE;
  g_autoptr (GString) json = g_string_new (NULL);
  DcStmtStep step;
  while ((step = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    g_string_truncate (json, 0);
    if (!write_row (store, stmt, 1, json, error) ||
        !func (entity, dc_stmt_text (stmt, 0), json->str, user_data, error))
      return FALSE;
  }
  return step == DC_STMT_DONE;
}
