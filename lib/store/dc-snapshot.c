#include "store/dc-snapshot.h"
#include "base/dc-i18n.h"

/* One SELECT per entity yields (key, json) rows; "WHERE key = ?1" narrows it
 * to one. The JSON is built by SQLite, so writing history and verifying it
 * use the very same code. Subquery results lose their JSON subtype, hence json(). */
typedef struct {
  const char *entity;
  const char *select;   /* SELECT key, json FROM (...) */
} EntityKind;

#define CODE_OF(table, id_expr) "(SELECT code FROM " table " WHERE id = " id_expr ")"

static const EntityKind kinds[] = {
  { NC_ ("entity", "scheme"),
    "SELECT name AS key, json_object('name', name, 'title', title, 'source', source,"
    " 'value_rule', value_rule, 'handling_mark', handling_mark,"
    " 'handling_threshold', handling_threshold, 'definition', definition,"
    /* The installed tables too: levels and types are what assets point at. */
    " 'types', json((SELECT json_group_array(json(j)) FROM (SELECT json_object('code', code,"
    "   'position', position, 'name', name, 'name_en', name_en, 'description', description) AS j"
    "   FROM asset_type ORDER BY code))),"
    " 'levels', json((SELECT json_group_array(json(j)) FROM (SELECT json_object('id', l.id,"
    "   'property', l.property, 'label', l.label, 'rank', l.rank, 'name', l.name,"
    "   'name_en', l.name_en, 'value', l.value, 'description', l.description,"
    "   'definitions', json((SELECT json_group_object(asset_type, text) FROM"
    "     (SELECT asset_type, text FROM level_definition WHERE level_id = l.id ORDER BY asset_type))))"
    "   AS j FROM level l ORDER BY l.id))),"
    " 'properties', json((SELECT json_group_array(json(j)) FROM (SELECT json_object('code', code,"
    "   'name', name, 'name_en', name_en) AS j FROM property ORDER BY code)))) AS json"
    " FROM scheme" },
  { NC_ ("entity", "setting"),
    "SELECT key, json_object('key', key, 'value', value) AS json FROM setting" },
  /* Members added by a later schema (OPTIONAL) are patched in only when set:
   * json_patch drops a member whose value is null, so the snapshot of a
   * record that does not use them is byte for byte what it was. */
  { "section",
    "SELECT code AS key, json_patch(json_object('code', s.code, 'name', s.name,"
    " 'parent', " CODE_OF ("section", "s.parent_id") "),"
    " json_object('head_post', " CODE_OF ("post", "s.head_post_id") ", 'hr_code', s.hr_code)) AS json"
    " FROM section s" },
  { "post",
    "SELECT code AS key, json_object('code', p.code, 'name', p.name,"
    " 'section', " CODE_OF ("section", "p.section_id") ", 'description', p.description,"
    " 'assignments', json((SELECT json_group_array(json(j)) FROM (SELECT json_object("
    "   'employee_no', (SELECT employee_no FROM person WHERE id = a.person_id),"
    "   'from', a.from_date, 'to', a.to_date) AS j"
    "   FROM assignment a WHERE a.post_id = p.id ORDER BY a.from_date, a.id)))) AS json"
    " FROM post p" },
  { "person",
    "SELECT employee_no AS key, json_patch(json_object('employee_no', employee_no, 'name', name,"
    " 'section', " CODE_OF ("section", "section_id") ", 'employment', employment,"
    " 'status', status, 'status_date', status_date), json_object('reading', reading)) AS json"
    " FROM person" },
  { "system",
    "SELECT code AS key, json_object('code', code, 'name', name,"
    " 'admin_post', " CODE_OF ("post", "admin_post_id") ","
    " 'section', " CODE_OF ("section", "section_id") ", 'description', description) AS json"
    " FROM system" },
  { "asset",
    "SELECT code AS key, json_object('code', a.code, 'type', a.type, 'name', a.name,"
    " 'main_items', a.main_items, 'personal_info', a.personal_info,"
    " 'c', (SELECT label FROM level WHERE id = a.c_level_id),"
    " 'i', (SELECT label FROM level WHERE id = a.i_level_id),"
    " 'a', (SELECT label FROM level WHERE id = a.a_level_id),"
    " 'external_io', a.external_io, 'access_restriction', a.access_restriction,"
    " 'section', " CODE_OF ("section", "a.section_id") ","
    " 'post', " CODE_OF ("post", "a.post_id") ","
    " 'system', " CODE_OF ("system", "a.system_id") ","
    " 'storage', a.storage, 'retention', a.retention, 'status', a.status,"
    " 'disposed_on', a.disposed_on, 'disposal_method', a.disposal_method,"
    " 'disposal_certificate', a.disposal_certificate, 'note', a.note,"
    " 'created_on', a.created_on, 'updated_on', a.updated_on,"
    " 'last_reviewed_on', a.last_reviewed_on, 'next_review_due', a.next_review_due,"
    " 'version', a.version,"
    " 'depends_on', json((SELECT json_group_array(code) FROM (SELECT b.code FROM"
    "   asset_dependency d JOIN asset b ON b.id = d.depends_on_id"
    "   WHERE d.asset_id = a.id ORDER BY b.code)))) AS json"
    " FROM asset a" },
  { "id_entry",
    "SELECT e.entry_key AS key, json_object('system', " CODE_OF ("system", "e.system_id") ","
    " 'login_id', e.login_id, 'holder', e.holder, 'holder_name', e.holder_name, 'kind', e.kind,"
    " 'privileges', json(e.privileges), 'applicant', e.applicant, 'approver', e.approver,"
    " 'registrar', e.registrar, 'approved_on', e.approved_on, 'valid_until', e.valid_until,"
    " 'shared_reason', e.shared_reason, 'shared_users', json(e.shared_users), 'status', e.status,"
    " 'revoked_on', e.revoked_on, 'note', e.note, 'created_on', e.created_on,"
    " 'updated_on', e.updated_on) AS json FROM id_entry e" },
  /* A run's findings are written once with it: the run records how many and
   * a digest of them (dc_digest), so an edited finding shows as a changed run. */
  { NC_ ("entity", "reconcile_run"),
    "SELECT CAST(r.id AS TEXT) AS key, json_object('run', r.id,"
    " 'system', " CODE_OF ("system", "r.system_id") ", 'export_file', r.export_file,"
    " 'export_sha256', r.export_sha256, 'export_rows', r.export_rows,"
    " 'register_entries', r.register_entries, 'profile', r.profile,"
    " 'profile_sha256', r.profile_sha256, 'as_of', r.as_of, 'dormant_days', r.dormant_days,"
    " 'operator', r.operator, 'run_at', r.run_at, 'counts', json(r.counts), 'notes', json(r.notes),"
    " 'findings', (SELECT count(*) FROM reconcile_finding f WHERE f.run_id = r.id),"
    " 'findings_digest', (SELECT dc_digest(f.seq, json_array(f.kind, f.login_key, f.raw_login_id,"
    "   f.holder, f.holder_name, f.detail)) FROM reconcile_finding f WHERE f.run_id = r.id),"
    " 'checked_post', r.checked_post, 'checked_person', r.checked_person,"
    " 'signoff_post', r.signoff_post, 'signoff_person', r.signoff_person,"
    " 'signoff_on', r.signoff_on) AS json FROM reconcile_run r" },
  { NC_ ("entity", "reconcile_decision"),
    "SELECT d.decision_key AS key, json_object('run', d.run_id, 'finding', d.seq,"
    " 'kind', f.kind, 'login_id', f.raw_login_id, 'decision', d.decision, 'note', d.note,"
    " 'until', d.until, 'decided_by', d.decided_by, 'decided_on', d.decided_on) AS json"
    " FROM reconcile_decision d JOIN reconcile_finding f ON f.run_id = d.run_id AND f.seq = d.seq" },
  /* The annual review (issue 7): campaigns, items, returned workbooks. */
  { NC_ ("entity", "review_campaign"),
    "SELECT CAST(c.fiscal_year AS TEXT) AS key, json_object('fiscal_year', c.fiscal_year,"
    " 'opened_on', c.opened_on, 'due_on', c.due_on, 'status', c.status,"
    " 'closed_on', c.closed_on, 'closed_by', " CODE_OF ("post", "c.closed_by_post_id") ","
    " 'note', c.note) AS json FROM review_campaign c" },
  { NC_ ("entity", "review_return"),
    "SELECT code AS key, json_object('code', r.code,"
    " 'fiscal_year', (SELECT fiscal_year FROM review_campaign WHERE id = r.campaign_id),"
    " 'section', " CODE_OF ("section", "r.section_id") ", 'file_name', r.file_name,"
    " 'sha256', r.sha256, 'reviewer', r.reviewer, 'reviewed_on', r.reviewed_on,"
    " 'imported_on', r.imported_on, 'partial', r.partial, 'counts', json(r.counts)) AS json"
    " FROM review_return r" },
  { NC_ ("entity", "review_item"),
    "SELECT code AS key, json_patch(json_object('code', i.code,"
    " 'fiscal_year', (SELECT fiscal_year FROM review_campaign WHERE id = i.campaign_id),"
    " 'asset', " CODE_OF ("asset", "i.asset_id") ", 'section', " CODE_OF ("section", "i.section_id") ","
    " 'state', i.state, 'reviewer', i.reviewer, 'reviewed_on', i.reviewed_on,"
    " 'comment', i.comment, 'return', " CODE_OF ("review_return", "i.return_id") "),"
    " json_object('new_row', i.new_row)) AS json FROM review_item i" },
  /* Completions of periodic duties. */
  { NC_ ("entity", "duty_done"),
    "SELECT code AS key, json_object('code', d.code, 'duty', d.duty,"
    " 'system', " CODE_OF ("system", "d.system_id") ", 'asset', " CODE_OF ("asset", "d.asset_id") ","
    " 'done_on', d.done_on, 'post', " CODE_OF ("post", "d.post_id") ", 'person', d.person,"
    " 'note', d.note, 'recorded_on', d.recorded_on) AS json FROM duty_done d" },
  { NC_ ("entity", "risk_method"),
    "SELECT 'method' AS key, json_object('method', method, 'definition', definition,"
    " 'set_on', set_on) AS json FROM risk_method" },
  { NC_ ("entity", "threat_catalogue"),
    "SELECT 'catalogue' AS key, json_object('name', name, 'version', version, 'title', title,"
    " 'definition', definition, 'installed_on', installed_on) AS json FROM threat_catalogue" },
  { NC_ ("entity", "risk_override"),
    "SELECT a.code || '/' || o.property AS key, json_object('asset', a.code,"
    " 'property', o.property, 'level', (SELECT label FROM level WHERE id = o.level_id),"
    " 'effect', o.effect, 'reason', o.reason, 'set_on', o.set_on) AS json"
    " FROM risk_override o JOIN asset a ON a.id = o.asset_id" },
  { NC_ ("entity", "risk"),
    "SELECT r.code AS key, json_object('code', r.code, 'asset', a.code, 'threat', r.threat,"
    " 'threat_name', r.threat_name, 'property', r.property, 'status', r.status,"
    " 'applicable', r.applicable, 'not_applicable_reason', r.not_applicable_reason,"
    " 'likelihood', r.likelihood, 'vulnerability', r.vulnerability,"
    " 'likelihood_set', r.likelihood_set, 'vulnerability_set', r.vulnerability_set,"
    " 'controls', r.controls, 'rated_on', r.rated_on, 'value', r.value,"
    " 'value_label', r.value_label, 'value_from', r.value_from, 'value_override', r.value_override,"
    " 'possibility', r.possibility, 'risk_value', r.risk_value, 'level', r.level,"
    " 'formula', r.formula, 'treatment', r.treatment, 'control', r.control,"
    " 'owner_post', " CODE_OF ("post", "r.owner_post_id") ", 'due_on', r.due_on,"
    " 'completed_on', r.completed_on, 'residual_likelihood', r.residual_likelihood,"
    " 'residual_vulnerability', r.residual_vulnerability,"
    " 'residual_possibility', r.residual_possibility, 'residual_value', r.residual_value,"
    " 'residual_level', r.residual_level, 'residual_formula', r.residual_formula,"
    " 'approver_post', " CODE_OF ("post", "r.approver_post_id") ", 'accepted_on', r.accepted_on,"
    " 'accept_until', r.accept_until, 'accept_reason', r.accept_reason, 'note', r.note,"
    " 'created_on', r.created_on, 'updated_on', r.updated_on) AS json"
    " FROM risk r JOIN asset a ON a.id = r.asset_id" },
  /* A run's lines are written once: a digest of them stands for them. */
  { NC_ ("entity", "risk_run"),
    "SELECT CAST(r.id AS TEXT) AS key, json_object('number', r.id, 'run_on', r.run_on,"
    " 'fiscal_year', r.fiscal_year, 'scope', r.scope, 'actor', r.actor, 'note', r.note,"
    " 'scheme', r.scheme, 'method', r.method, 'method_definition', r.method_definition,"
    " 'catalogue', r.catalogue, 'catalogue_version', r.catalogue_version,"
    " 'catalogue_sha256', r.catalogue_sha256, 'counts', json(r.counts), 'items', r.items,"
    " 'items_digest', (SELECT dc_digest(i.seq, i.risk || char(10) || i.data)"
    "   FROM risk_run_item i WHERE i.run_id = r.id)) AS json FROM risk_run r" },
  /* The backup ledger and the restores into this register (dc-backup). */
  { NC_ ("entity", "backup"),
    "SELECT CAST(b.number AS TEXT) AS key, json_object('number', b.number, 'taken_at', b.taken_at,"
    " 'file', b.file, 'size', b.size, 'sha256', b.sha256, 'schema_version', b.schema_version,"
    " 'history_seq', b.history_seq, 'history_hash', b.history_hash, 'note', b.note,"
    " 'actor', b.actor, 'status', b.status, 'removed_on', b.removed_on) AS json FROM backup b" },
  { NC_ ("entity", "restore"),
    "SELECT CAST(r.number AS TEXT) AS key, json_object('number', r.number,"
    " 'restored_at', r.restored_at, 'actor', r.actor, 'file', r.file, 'sha256', r.sha256,"
    " 'backup_number', r.backup_number, 'schema_version', r.schema_version,"
    " 'history_seq', r.history_seq, 'history_hash', r.history_hash,"
    " 'replaced_file', r.replaced_file, 'replaced_history_seq', r.replaced_history_seq,"
    " 'replaced_history_hash', r.replaced_history_hash) AS json FROM restore r" },
};

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
  return g_strconcat ("SELECT key, json FROM (", kind->select, ") ", suffix, NULL);
}

static sqlite3_stmt *
prepare_kind (DcStore *store, const char *entity, const char *suffix, GError **error)
{
  g_autofree char *sql = kind_sql (entity, suffix);
  return dc_store_prepare (store, sql, error);
}

char *
dc_snapshot (DcStore *store, const char *entity, const char *key, GError **error)
{
  /* Every change takes two snapshots: the statement is prepared once. */
  g_autofree char *sql = kind_sql (entity, "WHERE key = ?1");
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql, error);
  if (!stmt)
    return NULL;
  dc_bind_text (stmt, 1, key);
  if (dc_store_step (store, stmt, error) != SQLITE_ROW)
    return NULL;
  return dc_column_dup (stmt, 1);
}

gboolean
dc_snapshot_foreach (DcStore *store, const char *entity, DcSnapshotFunc func,
                     gpointer user_data, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare_kind (store, entity, "ORDER BY key", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == SQLITE_ROW) {
    if (!func (entity, (const char *) sqlite3_column_text (stmt, 0),
               (const char *) sqlite3_column_text (stmt, 1), user_data, error))
      return FALSE;
  }
  return rc == SQLITE_DONE;
}
