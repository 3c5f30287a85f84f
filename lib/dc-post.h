/* Posts (補職) and who holds them over time. Responsibility stays with the
 * post: when people transfer in April, no asset changes. */
#pragma once
#include "model/dc-record.h"

G_BEGIN_DECLS

typedef struct {
  char *post;         /* post code */
  char *employee_no;
  char *person_name;
  char *from;         /* first day held */
  char *to;           /* first day no longer held, or NULL */
} DcAssignment;

void dc_assignment_free (DcAssignment *assignment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcAssignment, dc_assignment_free)

/* PERSON (employee number or unique name) holds POST from FROM until TO
 * (NULL: open-ended). A holder whose open assignment began before FROM is
 * ended at FROM; any other overlap is a DC_ERROR_CONFLICT. */
gboolean   dc_post_assign (DcStore *store, const char *post, const char *person,
                           const char *from, const char *to, GError **error);

/* Assignments of POST, oldest first (NULL post: all posts). */
GPtrArray *dc_post_assignments (DcStore *store, const char *post, GError **error);

/* Who held POST on DATE: a (possibly empty) array of DcAssignment*. */
GPtrArray *dc_post_holders_on (DcStore *store, const char *post, const char *date,
                               GError **error);

G_END_DECLS
