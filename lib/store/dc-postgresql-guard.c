/* What guards a register on a PostgreSQL server: its roles and the record
 * of its schema's objects (dc-postgresql-guard.h). Only the store's own
 * statements: names the server must quote are quoted by the server. */
#include "store/dc-postgresql-guard.h"
#include "base/dc-i18n.h"
#include "base/dc-json.h"

#include <string.h>

#define ACCESS_FOLDER "/daicho/schema/access/"

/* ------------------------------------------------------------------ */
/* Roles                                                                */

/* The one value of SQL, or NULL when it fails or gives no row. */
static char *
query_text (DcStore *store, const char *sql)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, sql, NULL);
  if (!stmt || dc_store_step (store, stmt, NULL) != DC_STMT_ROW)
    return NULL;
  return g_strdup (dc_stmt_text (stmt, 0));
}

gboolean
dc_postgresql_guard_roles_exist (DcStore *store)
{
  g_autofree char *found = query_text (store, "SELECT to_regclass('daicho_role') IS NOT NULL");
  return found && g_str_equal (found, "t");
}

gboolean
dc_postgresql_guard_create_roles (DcStore *store, GError **error)
{
  g_autofree char *text = dc_store_migration_text (ACCESS_FOLDER, "postgresql.sql");
  g_autoptr (GError) local = NULL;
  if (dc_store_exec (store, text, &local))
    return TRUE;
  g_set_error (error, DC_STORE_ERROR, DC_ERROR_DATABASE,
               _ ("%s: creating the register's roles failed (%s); the login that creates a register "
               "on a server must own the database and have CREATEROLE. Nothing was changed."),
               store->path, local->message);
  return FALSE;
}

gboolean
dc_postgresql_guard_set_login_role (DcStore *store, const char *login, const char *kind, GError **error)
{
  g_autoptr (DcStmt) exists = dc_store_prepare (store, "SELECT rolcanlogin FROM pg_roles WHERE rolname = ?1", error);
  if (!exists)
    return FALSE;
  dc_stmt_bind_text (exists, 1, login);
  DcStmtStep step = dc_store_step (store, exists, error);
  if (step == DC_STMT_ERROR)
    return FALSE;
  if (step == DC_STMT_DONE || !g_str_equal (dc_stmt_text (exists, 0), "t")) {
    g_set_error (error, DC_STORE_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("the server has no login %s; create it first (CREATE ROLE … LOGIN, with the "
                 "password or certificate your pg_hba.conf asks for), then add it to daicho"), login);
    return FALSE;
  }
  /* Only the memberships that differ: REVOKE of one that is not only warns. */
  g_autoptr (DcStmt) changes = dc_store_prepare (store,
    "SELECT format(CASE WHEN wanted THEN 'GRANT %I TO %I' ELSE 'REVOKE %I FROM %I' END, role, CAST(?1 AS TEXT))"
    " FROM (SELECT r.role, r.kind = CAST(?2 AS TEXT) AS wanted,"
    "   EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = (SELECT oid FROM pg_roles WHERE rolname = r.role)"
    "           AND m.member = (SELECT oid FROM pg_roles WHERE rolname = ?1)) AS member"
    "   FROM daicho_role r WHERE r.kind <> 'history') AS roles"
    " WHERE wanted <> member ORDER BY role", error);
  if (!changes)
    return FALSE;
  dc_stmt_bind_text (changes, 1, login);
  dc_stmt_bind_text (changes, 2, kind ? kind : "");
  g_autoptr (GString) sql = g_string_new (NULL);
  while ((step = dc_store_step (store, changes, error)) == DC_STMT_ROW)
    g_string_append_printf (sql, "%s;", dc_stmt_text (changes, 0));
  if (step != DC_STMT_DONE)
    return FALSE;
  return sql->len == 0 || dc_store_exec (store, sql->str, error);
}

/* ------------------------------------------------------------------ */
/* The record of the schema's objects                                   */

/* The objects of the register's schema: type, name, table, a digest of the
 * definition. A trigger's digest includes whether it is enabled, a function's
 * its owner and SECURITY DEFINER, a table's its columns and row security. */
static const char objects_sql[] =
  "WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
  " SELECT 'table', c.relname, c.relname, md5(c.relrowsecurity::text || ' ' || string_agg(a.attname || ' '"
  "   || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' '"
  "   || coalesce(pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum))"
  " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
  " LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum"
  " WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.relkind IN ('r', 'p') GROUP BY c.relname, c.relrowsecurity"
  " UNION ALL SELECT 'view', c.relname, c.relname, md5(pg_get_viewdef(c.oid)) FROM pg_class c"
  " WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.relkind IN ('v', 'm')"
  " UNION ALL SELECT 'index', ci.relname, ct.relname, md5(pg_get_indexdef(i.indexrelid)) FROM pg_index i"
  " JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid"
  " WHERE ct.relnamespace IN (SELECT oid FROM ns)"
  " UNION ALL SELECT 'constraint', co.conname, c.relname, md5(pg_get_constraintdef(co.oid)) FROM pg_constraint co"
  " JOIN pg_class c ON c.oid = co.conrelid WHERE c.relnamespace IN (SELECT oid FROM ns)"
  " UNION ALL SELECT 'trigger', t.tgname, c.relname, md5(pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text)"
  " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace IN (SELECT oid FROM ns)"
  " UNION ALL SELECT 'function', p.oid::regprocedure::text, p.oid::regprocedure::text,"
  "   md5(pg_get_functiondef(p.oid) || ' ' || pg_get_userbyid(p.proowner) || ' ' || p.prosecdef::text)"
  " FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM ns) AND p.prokind IN ('f', 'p')"
  " UNION ALL SELECT 'policy', po.polname, c.relname, md5(coalesce(pg_get_expr(po.polqual, po.polrelid), '') || ' '"
  "   || coalesce(pg_get_expr(po.polwithcheck, po.polrelid), '') || ' ' || po.polcmd::text)"
  " FROM pg_policy po JOIN pg_class c ON c.oid = po.polrelid WHERE c.relnamespace IN (SELECT oid FROM ns)";

GHashTable *
dc_postgresql_guard_objects (DcStore *store, gboolean recorded, GError **error)
{
  g_autoptr (GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, recorded ? "SELECT schema_objects FROM " DC_POSTGRESQL_MARKS
                                                              : objects_sql, error);
  if (!stmt)
    return NULL;
  DcStmtStep step;
  while ((step = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    if (!recorded) {
      g_hash_table_insert (objects, g_strconcat (dc_stmt_text (stmt, 0), "\x1f", dc_stmt_text (stmt, 1), NULL),
                           g_strconcat (dc_stmt_text (stmt, 2), "\x1f", dc_stmt_text (stmt, 3), NULL));
      continue;
    }
    g_autoptr (GPtrArray) members = dc_json_members (dc_stmt_text (stmt, 0));
    for (guint i = 0; members && i < members->len; i++) {
      DcJsonMember *m = g_ptr_array_index (members, i);
      if (m->key && m->value)
        g_hash_table_insert (objects, g_strdup (m->key), g_strdup (m->value));
    }
  }
  return step == DC_STMT_DONE ? g_steal_pointer (&objects) : NULL;
}

gboolean
dc_postgresql_guard_objects_recorded (DcStore *store)
{
  g_autofree char *found = query_text (store, "SELECT schema_objects IS NOT NULL FROM " DC_POSTGRESQL_MARKS);
  return found && g_str_equal (found, "t");
}

gboolean
dc_postgresql_guard_record_objects (DcStore *store, GError **error)
{
  g_autoptr (GHashTable) objects = dc_postgresql_guard_objects (store, FALSE, error);
  if (!objects)
    return FALSE;
  g_autoptr (GList) keys = g_list_sort (g_hash_table_get_keys (objects), (GCompareFunc) strcmp);
  g_autoptr (GString) json = g_string_new ("{");
  for (GList *l = keys; l; l = l->next)
    dc_json_append_member (json, l->data, g_hash_table_lookup (objects, l->data), FALSE);
  g_string_append_c (json, '}');
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "UPDATE " DC_POSTGRESQL_MARKS " SET schema_objects = ?1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, json->str);
  return dc_store_run (store, stmt, error);
}
