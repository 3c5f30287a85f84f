#include "model/dc-post.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "store/dc-history.h"

void
dc_assignment_free (DcAssignment *assignment)
{
  if (!assignment)
    return;
  g_free (assignment->post);
  g_free (assignment->employee_no);
  g_free (assignment->person_name);
  g_free (assignment->from);
  g_free (assignment->to);
  g_free (assignment);
}

typedef struct {
  gint64 post_id;
  gint64 person_id;
  const char *post_code;
  const char *from;
  const char *to;
} Assign;

/* Ends the open assignment that began before the new one. */
static gboolean
end_open_assignment (DcStore *store, const Assign *assign, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "UPDATE assignment SET to_date = ?2"
             " WHERE post_id = ?1 AND to_date IS NULL AND from_date < ?2", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, assign->post_id);
  dc_stmt_bind_text (stmt, 2, assign->from);
  return dc_store_run (store, stmt, error);
}

/* "2026-04-01 to 2027-03-31", or the first day of an open assignment. */
static char *
period (const char *from, const char *to)
{
  return to && *to ? g_strdup_printf (_ ("%s to %s"), from, to) : g_strdup (from);
}

static gboolean
refuse_overlap (DcStore *store, const Assign *assign, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT p.employee_no, p.name, a.from_date, coalesce(a.to_date, '')"
             " FROM assignment a JOIN person p ON p.id = a.person_id"
             " WHERE a.post_id = ?1 AND (a.to_date IS NULL OR a.to_date > ?2)"
             "   AND (CAST(?3 AS TEXT) IS NULL OR a.from_date < ?3) LIMIT 1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, assign->post_id);
  dc_stmt_bind_text (stmt, 2, assign->from);
  dc_stmt_bind_text (stmt, 3, assign->to);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW) {
    const char *to = dc_stmt_text (stmt, 3);
    g_autofree char *held = period (dc_stmt_text (stmt, 2), to);
    g_autofree char *asked = period (assign->from, assign->to);
    g_set_error (error, DC_ORG_ERROR, DC_ERROR_CONFLICT,
                 _ ("post %s is already held by %s %s from %s, which overlaps %s; correct the dates"),
                 assign->post_code, dc_stmt_text (stmt, 0), dc_stmt_text (stmt, 1), held, asked);
    return FALSE;
  }
  return rc == DC_STMT_DONE;
}

static gboolean
apply_assign (DcStore *store, gpointer data, GError **error)
{
  const Assign *assign = data;
  if (!end_open_assignment (store, assign, error) || !refuse_overlap (store, assign, error))
    return FALSE;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "INSERT INTO assignment (post_id, person_id, from_date, to_date)"
             " VALUES (?1, ?2, ?3, ?4)", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, assign->post_id);
  dc_stmt_bind_int64 (stmt, 2, assign->person_id);
  dc_stmt_bind_text (stmt, 3, assign->from);
  dc_stmt_bind_text (stmt, 4, assign->to);
  return dc_store_run (store, stmt, error);
}

gboolean
dc_post_assign (DcStore *store, const char *post, const char *person, const char *from,
                const char *to, GError **error)
{
  g_autofree char *post_code = dc_record_resolve_code (store, &dc_post_kind, post, error);
  if (!post_code)
    return FALSE;
  gint64 person_id = dc_record_resolve (store, &dc_person_kind, person, error);
  if (!person_id)
    return FALSE;
  g_autofree char *from_date = dc_date_normalise (from, "from", error);
  if (!from_date)
    return FALSE;
  g_autofree char *to_date = to ? dc_date_normalise (to, "to", error) : NULL;
  if (to && !to_date)
    return FALSE;
  if (to_date && g_strcmp0 (to_date, from_date) <= 0) {
    g_set_error (error, DC_ORG_ERROR, DC_ERROR_INVALID,
                 _ ("the end date %s must be after the start date %s"), to_date, from_date);
    return FALSE;
  }
  Assign assign = { dc_record_resolve (store, &dc_post_kind, post_code, error), person_id,
                    post_code, from_date, to_date };
  return dc_change (store, NC_ ("action", "assign"), "post", post_code, apply_assign, &assign, error);
}

static GPtrArray *
query_assignments (DcStore *store, const char *post, const char *date, GError **error)
{
  g_autofree char *post_code = NULL;
  if (post && !(post_code = dc_record_resolve_code (store, &dc_post_kind, post, error)))
    return NULL;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT po.code, pe.employee_no, pe.name, a.from_date, a.to_date"
             " FROM assignment a JOIN post po ON po.id = a.post_id"
             " JOIN person pe ON pe.id = a.person_id"
             " WHERE (CAST(?1 AS TEXT) IS NULL OR po.code = ?1)"
             "   AND (CAST(?2 AS TEXT) IS NULL OR (a.from_date <= ?2 AND (a.to_date IS NULL OR a.to_date > ?2)))"
             " ORDER BY po.code, a.from_date, a.id", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_text (stmt, 1, post_code);
  dc_stmt_bind_text (stmt, 2, date);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_assignment_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    DcAssignment *a = g_new0 (DcAssignment, 1);
    a->post = dc_stmt_dup (stmt, 0);
    a->employee_no = dc_stmt_dup (stmt, 1);
    a->person_name = dc_stmt_dup (stmt, 2);
    a->from = dc_stmt_dup (stmt, 3);
    a->to = dc_stmt_dup (stmt, 4);
    g_ptr_array_add (list, a);
  }
  return rc == DC_STMT_DONE ? g_steal_pointer (&list) : NULL;
}

GPtrArray *
dc_post_assignments (DcStore *store, const char *post, GError **error)
{
  return query_assignments (store, post, NULL, error);
}

GPtrArray *
dc_post_holders_on (DcStore *store, const char *post, const char *date, GError **error)
{
  g_autofree char *day = dc_date_normalise (date, "date", error);
  return day ? query_assignments (store, post, day, error) : NULL;
}
