#include "model/dc-asset.h"
#include "base/dc-i18n.h"
#include "base/dc-json.h"
#include "store/dc-asof.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "store/dc-snapshot.h"
#include "model/dc-asset-code.h"

#include <stdio.h>

char *
dc_asset_next_code (DcStore *store, GError **error)
{
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store, "SELECT coalesce(max(CAST(substr(code, 3) AS BIGINT)), 0) FROM asset"
             " WHERE code LIKE 'A-%' AND length(code) BETWEEN 3 AND 12"  /* fits in 64 bits */
             " AND ltrim(substr(code, 3), '0123456789') = ''", error);
  if (!stmt || dc_store_step (store, stmt, error) != DC_STMT_ROW)
    return NULL;
  return g_strdup_printf ("A-%04" G_GINT64_FORMAT, (gint64) dc_stmt_int64 (stmt, 0) + 1);
}

static void
set_default (DcRecord *record, const char *field, const char *value)
{
  if (!dc_record_get (record, field))
    dc_record_set (record, field, value, NULL);
}

gboolean
dc_asset_add (DcStore *store, DcRecord *record, GError **error)
{
  g_return_val_if_fail (record->kind == &dc_asset_kind, FALSE);
  /* The next free code and the add in one transaction: another process
   * adding at the same time must not be given the same code. */
  gboolean own_transaction = !dc_record_key (record) && !dc_store_in_transaction (store);
  if (own_transaction && !dc_store_begin (store, error))
    return FALSE;
  gboolean ok = TRUE;
  if (!dc_record_key (record)) {
    g_autofree char *code = dc_asset_code_new (store, dc_record_get (record, "section"), NULL, NULL, error);
    ok = code != NULL;
    if (ok)
      dc_record_set (record, "code", code, NULL);
  }
  g_autofree char *today = dc_date_today ();
  g_autofree char *fiscal_year_end = dc_date_fiscal_year_end (dc_date_fiscal_year (today));
  set_default (record, "status", "active");
  set_default (record, "created_on", today);
  set_default (record, "updated_on", today);
  set_default (record, "next_review_due", fiscal_year_end);
  set_default (record, "version", "1");
  ok = ok && dc_record_add (store, record, error);
  if (own_transaction && ok)
    return dc_store_commit (store, error);
  if (own_transaction)
    dc_store_rollback (store);
  return ok;
}

gboolean
dc_asset_touch (DcStore *store, const char *code, GError **error)
{
  g_autofree char *today = dc_date_today ();
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store, "UPDATE asset SET version = version + 1, updated_on = ?2 WHERE code = ?1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, code);
  dc_stmt_bind_text (stmt, 2, today);
  return dc_store_run (store, stmt, error);
}

typedef struct {
  const char *code;
  const DcRecord *changes;
} Edit;

gboolean
dc_asset_apply_changes (DcStore *store, const char *code, const DcRecord *changes,
                        gboolean managed, GError **error)
{
  GError *local = NULL;
  g_autofree char *before = dc_snapshot (store, "asset", code, &local);
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  if (!(managed ? dc_record_update_managed (store, code, changes, error)
                : dc_record_update (store, code, changes, error)))
    return FALSE;
  g_autofree char *after = dc_snapshot (store, "asset", code, error);
  return after && (g_strcmp0 (before, after) == 0 || dc_asset_touch (store, code, error));
}

static gboolean
apply_edit (DcStore *store, gpointer data, GError **error)
{
  Edit *edit = data;
  return dc_asset_apply_changes (store, edit->code, edit->changes, FALSE, error);
}

/* Resolves what the user typed to an existing asset's code. */
static char *
existing_code (DcStore *store, const char *code, GError **error)
{
  return dc_record_resolve_code (store, &dc_asset_kind, code, error);
}

gboolean
dc_asset_edit (DcStore *store, const char *code, const DcRecord *changes, GError **error)
{
  g_autofree char *key = existing_code (store, code, error);
  if (!key)
    return FALSE;
  Edit edit = { key, changes };
  return dc_change (store, NC_ ("action", "edit"), "asset", key, apply_edit, &edit, error);
}

/* Status changes: the fields to set once the current status is checked. */
typedef struct {
  const char *code;
  const char *required_status;  /* NULL: any but disposed */
  const char *const *fields;    /* name, value, name, value, ..., NULL */
} StatusChange;

static char *
current_status (DcStore *store, const char *code, GError **error)
{
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, "SELECT status FROM asset WHERE code = ?1",
                                                    error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, code);
  if (dc_store_step (store, stmt, error) != DC_STMT_ROW)
    return NULL;
  return dc_stmt_dup (stmt, 0);
}

static gboolean
apply_status (DcStore *store, gpointer data, GError **error)
{
  StatusChange *change = data;
  g_autofree char *status = current_status (store, change->code, error);
  if (!status)
    return FALSE;
  if (g_str_equal (status, "disposed") ||
      (change->required_status && !g_str_equal (status, change->required_status))) {
    g_set_error (error, DC_ASSET_ERROR, DC_ERROR_CONFLICT,
                 _ ("asset %s is %s; this needs an asset that is %s"), change->code, status,
                 change->required_status ? change->required_status : _ ("active or retired"));
    return FALSE;
  }
  g_autoptr (DcRecord) fields = dc_record_new (&dc_asset_kind);
  for (const char *const *f = change->fields; *f; f += 2)
    dc_record_set (fields, f[0], f[1], NULL);
  return dc_record_update_managed (store, change->code, fields, error) &&
         dc_asset_touch (store, change->code, error);
}

static gboolean
change_status (DcStore *store, const char *action, StatusChange *change, GError **error)
{
  return dc_change (store, action, "asset", change->code, apply_status, change, error);
}

gboolean
dc_asset_retire (DcStore *store, const char *code, const char *note, GError **error)
{
  g_autofree char *key = existing_code (store, code, error);
  if (!key)
    return FALSE;
  const char *fields[] = { "status", "retired", note ? "note" : NULL, note, NULL };
  StatusChange change = { key, "active", fields };
  return change_status (store, NC_ ("action", "retire"), &change, error);
}

gboolean
dc_asset_dispose (DcStore *store, const char *code, const char *date, const char *method,
                  const char *certificate, GError **error)
{
  g_autofree char *key = existing_code (store, code, error);
  if (!key)
    return FALSE;
  g_autofree char *day = dc_date_normalise (date, _ ("disposal date"), error);
  if (!day)
    return FALSE;
  if (!method || !*method) {
    g_set_error (error, DC_ASSET_ERROR, DC_ERROR_INVALID,
                 _ ("asset %s: a disposal record needs the method (e.g. 物理破壊, 消磁, 溶解処理)"), key);
    return FALSE;
  }
  const char *fields[] = { "disposed_on", day, "disposal_method", method,
                           "disposal_certificate", certificate ? certificate : "",
                           "status", "disposed", NULL };
  StatusChange change = { key, NULL, fields };
  return change_status (store, NC_ ("action", "dispose"), &change, error);
}

/* ---- dependencies ---- */

typedef struct {
  const char *code;
  const char *depends_on;
  gboolean remove;
} Depend;

/* The path FROM → ... → TO along dependencies, as "A → B → C", or NULL.
 * The walk keeps (asset, parent) pairs, so each dependency is followed once
 * however many paths lead to it; the path is rebuilt from the parents. */
static char *
find_path (DcStore *store, const char *from, const char *to, GError **error)
{
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store,
      "WITH RECURSIVE walk(id, parent) AS ("
      "  SELECT id, CAST(NULL AS BIGINT) FROM asset WHERE code = ?1"
      "  UNION"
      "  SELECT d.depends_on_id, d.asset_id FROM walk JOIN asset_dependency d ON d.asset_id = walk.id)"
      " SELECT w.id, w.parent, a.code FROM walk w JOIN asset a ON a.id = w.id",
      error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, from);
  g_autoptr (GHashTable) parent = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) code = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gint64 target = 0;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    gint64 *id = g_new (gint64, 1);
    *id = dc_stmt_int64 (stmt, 0);
    if (g_hash_table_contains (code, id)) {
      g_free (id);
      continue;  /* the first parent found is enough */
    }
    g_hash_table_insert (parent, id, GSIZE_TO_POINTER ((gsize) dc_stmt_int64 (stmt, 1)));
    g_hash_table_insert (code, id, dc_stmt_dup (stmt, 2));
    if (!target && g_str_equal (dc_stmt_text (stmt, 2), to) && !g_str_equal (to, from))
      target = *id;
  }
  if (rc != DC_STMT_DONE || !target)
    return NULL;
  g_autoptr (GPtrArray) steps = g_ptr_array_new ();
  for (gint64 id = target; id; id = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (parent, &id)))
    g_ptr_array_insert (steps, 0, g_hash_table_lookup (code, &id));
  g_ptr_array_add (steps, NULL);
  return g_strjoinv (" → ", (char **) steps->pdata);
}

static gboolean
apply_depend (DcStore *store, gpointer data, GError **error)
{
  Depend *depend = data;
  if (!depend->remove) {
    GError *local = NULL;
    g_autofree char *cycle = find_path (store, depend->depends_on, depend->code, &local);
    if (local) {
      g_propagate_error (error, local);
      return FALSE;
    }
    if (cycle) {
      g_set_error (error, DC_ASSET_ERROR, DC_ERROR_CONFLICT,
                   _ ("%s cannot depend on %s: that would close the cycle %s → %s"),
                   depend->code, depend->depends_on, depend->code, cycle);
      return FALSE;
    }
  }
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store, depend->remove
        ? "DELETE FROM asset_dependency WHERE asset_id = (SELECT id FROM asset WHERE code = ?1)"
          " AND depends_on_id = (SELECT id FROM asset WHERE code = ?2)"
        : "INSERT INTO asset_dependency (asset_id, depends_on_id)"
          " SELECT a.id, b.id FROM asset a, asset b WHERE a.code = ?1 AND b.code = ?2"
          " ON CONFLICT DO NOTHING",
      error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, depend->code);
  dc_stmt_bind_text (stmt, 2, depend->depends_on);
  if (!dc_store_run (store, stmt, error))
    return FALSE;
  if (depend->remove && dc_store_changes (store) == 0) {
    g_set_error (error, DC_ASSET_ERROR, DC_ERROR_INVALID, _ ("%s does not use %s: nothing to remove"),
                 depend->code, depend->depends_on);
    return FALSE;
  }
  return TRUE;
}

static gboolean
change_dependency (DcStore *store, const char *code, const char *depends_on, gboolean remove,
                   GError **error)
{
  g_autofree char *a = existing_code (store, code, error);
  if (!a)
    return FALSE;
  g_autofree char *b = existing_code (store, depends_on, error);
  if (!b)
    return FALSE;
  if (g_str_equal (a, b)) {
    g_set_error (error, DC_ASSET_ERROR, DC_ERROR_INVALID, _ ("asset %s cannot depend on itself"), a);
    return FALSE;
  }
  Depend depend = { a, b, remove };
  return dc_change (store, remove ? NC_ ("action", "undepend") : NC_ ("action", "depend"), "asset", a, apply_depend, &depend,
                    error);
}

gboolean
dc_asset_depend (DcStore *store, const char *code, const char *depends_on, GError **error)
{
  return change_dependency (store, code, depends_on, FALSE, error);
}

gboolean
dc_asset_undepend (DcStore *store, const char *code, const char *depends_on, GError **error)
{
  return change_dependency (store, code, depends_on, TRUE, error);
}

int
dc_asset_value (const DcScheme *scheme, const DcRecord *asset)
{
  const DcLevel *c = dc_scheme_level (scheme, 'C', dc_record_get (asset, "c"));
  const DcLevel *i = dc_scheme_level (scheme, 'I', dc_record_get (asset, "i"));
  const DcLevel *a = dc_scheme_level (scheme, 'A', dc_record_get (asset, "a"));
  return c && i && a ? dc_scheme_asset_value (scheme, c, i, a) : 0;
}

GStrv
dc_asset_dependencies (DcStore *store, const char *code, gboolean reverse, GError **error)
{
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store, reverse
        ? "SELECT a.code FROM asset_dependency d JOIN asset a ON a.id = d.asset_id"
          " WHERE d.depends_on_id = (SELECT id FROM asset WHERE code = ?1) ORDER BY a.code"
        : "SELECT b.code FROM asset_dependency d JOIN asset b ON b.id = d.depends_on_id"
          " WHERE d.asset_id = (SELECT id FROM asset WHERE code = ?1) ORDER BY b.code",
      error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, code);
  g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    g_strv_builder_add (codes, dc_stmt_text (stmt, 0));
  return rc == DC_STMT_DONE ? g_strv_builder_end (codes) : NULL;
}

char *
dc_asset_post_on (DcStore *store, const char *code, const char *date, GError **error)
{
  g_autofree char *cutoff = dc_asof_cutoff (date, error);
  if (!cutoff)
    return NULL;
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store,
      "SELECT after_json FROM history"
      " WHERE entity = 'asset' AND entity_key = ?1 AND after_json IS NOT NULL"
      " ORDER BY at < ?2 DESC, CASE WHEN at < ?2 THEN -seq ELSE seq END LIMIT 1",
      error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, code);
  dc_stmt_bind_text (stmt, 2, cutoff);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW)
    return dc_json_member_value (dc_stmt_text (stmt, 0), "post");
  if (rc == DC_STMT_DONE)
    g_set_error (error, DC_ASSET_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("asset %s has no recorded history (run `daicho audit verify`)"), code);
  return NULL;
}
