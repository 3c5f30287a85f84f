#include "model/dc-user.h"
#include "base/dc-i18n.h"
#include "base/dc-error.h"
#include "base/dc-json.h"
#include "model/dc-record.h"
#include "store/dc-history.h"

#define ENTITY DC_USER_ENTITY

/* The history's words for this entity (dc-words). */
static const char *const words[] G_GNUC_UNUSED = { NC_ ("entity", "user") };

static const char *const roles[] = { "admin", "editor", "auditor", NULL };

void
dc_user_free (DcUser *user)
{
  if (!user)
    return;
  g_free (user->login);
  g_free (user->role);
  g_strfreev (user->sections);
  g_free (user);
}

gboolean
dc_user_role_valid (const char *role)
{
  return role && g_strv_contains (roles, role);
}

/* The sections granted to user ID, in code order. */
static GStrv
load_sections (DcStore *store, gint64 id, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store,
    "SELECT s.code FROM daicho_user_section g JOIN section s ON s.id = g.section_id"
    " WHERE g.user_id = ?1 ORDER BY s.code", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, id);
  g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();
  DcStmtStep step;
  while ((step = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    g_strv_builder_add (codes, dc_stmt_text (stmt, 0));
  return step == DC_STMT_DONE ? g_strv_builder_end (codes) : NULL;
}

/* LOGIN as a user, or NULL with *ERROR unset when it is none. */
static DcUser *
load_user (DcStore *store, const char *login, gint64 *id, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT id, role FROM daicho_user WHERE login = ?1", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, login);
  if (dc_store_step (store, stmt, error) != DC_STMT_ROW)
    return NULL;
  g_autoptr (DcUser) user = g_new0 (DcUser, 1);
  user->login = g_strdup (login);
  user->role = dc_stmt_dup (stmt, 1);
  *id = dc_stmt_int64 (stmt, 0);
  if (!(user->sections = load_sections (store, *id, error)))
    return NULL;
  return g_steal_pointer (&user);
}

/* The history's snapshot of USER; NULL for none. */
static char *
user_json (const DcUser *user)
{
  if (!user)
    return NULL;
  g_autoptr (GString) sections = g_string_new ("[");
  for (guint i = 0; user->sections[i]; i++) {
    if (i)
      g_string_append_c (sections, ',');
    dc_json_append_string (sections, user->sections[i]);
  }
  g_string_append_c (sections, ']');
  GString *json = g_string_new ("{");
  dc_json_append_member (json, "login", user->login, FALSE);
  dc_json_append_member (json, "role", user->role, FALSE);
  dc_json_append_member (json, "sections", sections->str, TRUE);
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

static gboolean
check_request (const char *role, const char *const *sections, GError **error)
{
  gboolean editor = g_strcmp0 (role, "editor") == 0;
  gboolean some = sections && sections[0];
  if (!dc_user_role_valid (role))
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("--role %s: give admin, editor or auditor"), role ? role : "");
  else if (editor && !some)
    g_set_error_literal (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                         _ ("an editor changes the assets of the sections given: give at least one --section"));
  else if (!editor && some)
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("--section is for editors: an %s is not limited to sections"), role);
  else
    return TRUE;
  return FALSE;
}

/* The user's rows as asked: the role and the sections (resolved). */
static gboolean
write_user (DcStore *store, const char *login, const char *role, const char *const *sections, GError **error)
{
  g_autoptr (DcStmt) upsert = dc_store_prepare (store,
    "INSERT INTO daicho_user (login, role) VALUES (?1, ?2)"
    " ON CONFLICT (login) DO UPDATE SET role = excluded.role RETURNING id", error);
  if (!upsert)
    return FALSE;
  dc_stmt_bind_text (upsert, 1, login);
  dc_stmt_bind_text (upsert, 2, role);
  if (dc_store_step (store, upsert, error) != DC_STMT_ROW)
    return FALSE;
  gint64 id = dc_stmt_int64 (upsert, 0);
  g_autoptr (DcStmt) clear = dc_store_prepare (store, "DELETE FROM daicho_user_section WHERE user_id = ?1", error);
  if (!clear)
    return FALSE;
  dc_stmt_bind_int64 (clear, 1, id);
  if (!dc_store_run (store, clear, error))
    return FALSE;
  g_autoptr (DcStmt) grant = dc_store_prepare (store,
    "INSERT INTO daicho_user_section (user_id, section_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING", error);
  if (!grant)
    return FALSE;
  for (guint i = 0; sections && sections[i]; i++) {
    gint64 section = dc_record_resolve_with_code (store, &dc_section_kind, sections[i], NULL, error);
    if (section <= 0) {
      g_prefix_error (error, "--section: ");
      return FALSE;
    }
    dc_stmt_reset (grant);
    dc_stmt_bind_int64 (grant, 1, id);
    dc_stmt_bind_int64 (grant, 2, section);
    if (!dc_store_run (store, grant, error))
      return FALSE;
  }
  return dc_store_set_login_role (store, login, role, error);
}

gboolean
dc_user_add (DcStore *store, const char *login, const char *role, const char *const *sections,
             gboolean *changed, GError **error)
{
  if (changed)
    *changed = FALSE;
  if (!dc_store_require_logins (store, error) || !check_request (role, sections, error)
      || !dc_store_begin (store, error))
    return FALSE;
  gint64 id = 0;
  GError *local = NULL;
  g_autoptr (DcUser) before = load_user (store, login, &id, &local);
  g_autoptr (DcUser) after = NULL;
  g_autofree char *before_json = user_json (before);
  g_autofree char *after_json = NULL;
  gboolean ok = !local && write_user (store, login, role, sections, &local)
                && (after = load_user (store, login, &id, &local)) != NULL;
  if (ok && g_strcmp0 ((after_json = user_json (after)), before_json) == 0) {
    dc_store_rollback (store);
    return TRUE;
  }
  ok = ok && dc_history_append (store, before ? NC_ ("action", "edit") : NC_ ("action", "add"), ENTITY, login,
                                before_json, after_json, &local)
       && dc_store_commit (store, &local);
  if (!ok) {
    dc_store_rollback (store);
    g_propagate_error (error, local);
    return FALSE;
  }
  if (changed)
    *changed = TRUE;
  return TRUE;
}

gboolean
dc_user_remove (DcStore *store, const char *login, GError **error)
{
  if (!dc_store_require_logins (store, error) || !dc_store_begin (store, error))
    return FALSE;
  gint64 id = 0;
  GError *local = NULL;
  g_autoptr (DcUser) before = load_user (store, login, &id, &local);
  if (!before && !local)
    g_set_error (&local, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("%s is not a user of this register (daicho user list shows who is)"), login);
  g_autofree char *before_json = user_json (before);
  g_autoptr (DcStmt) remove = local ? NULL : dc_store_prepare (store, "DELETE FROM daicho_user WHERE id = ?1", &local);
  if (remove)
    dc_stmt_bind_int64 (remove, 1, id);
  gboolean ok = remove && dc_store_run (store, remove, &local)
                && dc_store_set_login_role (store, login, NULL, &local)
                && dc_history_append (store, NC_ ("action", "remove"), ENTITY, login, before_json, NULL, &local)
                && dc_store_commit (store, &local);
  if (!ok) {
    dc_store_rollback (store);
    g_propagate_error (error, local);
  }
  return ok;
}

GPtrArray *
dc_user_list (DcStore *store, GError **error)
{
  if (!dc_store_require_logins (store, error))
    return NULL;
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT id, login, role FROM daicho_user ORDER BY login", error);
  if (!stmt)
    return NULL;
  g_autoptr (GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_user_free);
  DcStmtStep step;
  while ((step = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    DcUser *user = g_new0 (DcUser, 1);
    g_ptr_array_add (users, user);
    user->login = dc_stmt_dup (stmt, 1);
    user->role = dc_stmt_dup (stmt, 2);
    if (!(user->sections = load_sections (store, dc_stmt_int64 (stmt, 0), error)))
      return NULL;
  }
  return step == DC_STMT_DONE ? g_steal_pointer (&users) : NULL;
}
