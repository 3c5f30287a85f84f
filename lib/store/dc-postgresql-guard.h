/* What guards a register on a PostgreSQL server, beside the engine itself
 * (dc-postgresql.c): its roles (schema/access/postgresql.sql) and the
 * record of its schema's objects that dc_schema_check compares. Private to
 * the engine; everything here runs through the store's own statements. */
#pragma once

#include "store/dc-engine.h"

G_BEGIN_DECLS

/* The table of a register's marks on a server: which program's, which
 * schema version, the record of its objects. One row, written by the
 * migration step in its transaction. */
#define DC_POSTGRESQL_MARKS "daicho_register"

/* Whether the register has its roles (the table daicho_role). Reads only;
 * FALSE also when the server cannot say. */
gboolean    dc_postgresql_guard_roles_exist (DcStore *store);

/* Creates the roles, grants, guard triggers and the history's append
 * function, in the caller's transaction (when the register is created, or
 * first opened by a daicho that has them). DC_ERROR_DATABASE, saying that
 * the login must own the database and have CREATEROLE, when the server
 * refuses. */
gboolean    dc_postgresql_guard_create_roles (DcStore *store, GError **error);

/* DcEngine.set_login_role: makes LOGIN a member of KIND's role only (NULL:
 * of none), granting and revoking what differs, in the caller's transaction.
 * DC_ERROR_NOT_FOUND when the server has no such login. */
gboolean    dc_postgresql_guard_set_login_role (DcStore *store, const char *login, const char *kind,
                                                GError **error);

/* DcEngine.schema_objects: the schema's objects as recorded (RECORDED) or as
 * they are now, "type\x1fname" → "table\x1fdigest"; a new table the caller
 * owns, or NULL with the store's error. */
GHashTable *dc_postgresql_guard_objects (DcStore *store, gboolean recorded, GError **error);

/* Whether the objects were recorded (a register made before that was done
 * gets its record when next opened). */
gboolean    dc_postgresql_guard_objects_recorded (DcStore *store);

/* Records the schema's objects as they are now, in the transaction that
 * created or upgraded the register. */
gboolean    dc_postgresql_guard_record_objects (DcStore *store, GError **error);

G_END_DECLS
