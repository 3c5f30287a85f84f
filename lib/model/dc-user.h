/* Who may use a register on a PostgreSQL server, and how: the logins daicho
 * knows, each with a role (admin, editor, auditor) and an editor's sections.
 * The server enforces them (schema/access/postgresql.sql); a register in a
 * file has no users (every function refuses it with DC_ERROR_INVALID). Each
 * change is one history entry of entity "user", keyed by the login, whose
 * snapshot is {"login", "role", "sections": [codes]}. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

/* The history's entity of user changes (kept in the history only). */
#define DC_USER_ENTITY "user"

typedef struct {
  char *login;
  char *role;       /* "admin", "editor" or "auditor" */
  GStrv sections;   /* an editor's section codes, in code order; empty for the others */
} DcUser;

void dc_user_free (DcUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcUser, dc_user_free)

/* Whether ROLE is one of the three roles. */
gboolean   dc_user_role_valid (const char *role);

/* Gives LOGIN (a login the server has) ROLE, and an editor the SECTIONS
 * (codes or names; NULL-terminated; at least one for an editor, none for
 * the others), replacing what it had: in one transaction with one history
 * entry (action "add", or "edit" when the login was a user already;
 * nothing when nothing changes). *CHANGED (may be NULL) says which.
 * DC_ERROR_INVALID for a wrong role or sections, DC_ERROR_NOT_FOUND for a
 * login or section that does not exist. */
gboolean   dc_user_add (DcStore *store, const char *login, const char *role,
                        const char *const *sections, gboolean *changed, GError **error);

/* Takes LOGIN's role away (the login itself stays on the server), with one
 * history entry. DC_ERROR_NOT_FOUND when it is no user. */
gboolean   dc_user_remove (DcStore *store, const char *login, GError **error);

/* The users, by login: a new array of DcUser. */
GPtrArray *dc_user_list (DcStore *store, GError **error);

G_END_DECLS
