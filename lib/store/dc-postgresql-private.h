/* What the files of the PostgreSQL engine share (dc-postgresql.c, the
 * statements; dc-postgresql-open.c, opening a register): the connection's
 * state per store. Not installed, not for other modules. */
#pragma once

#include "store/dc-engine.h"
#include <libpq-fe.h>

G_BEGIN_DECLS

/* What the engine keeps per store. */
typedef struct {
  PGconn *conn;
  guint prepared;      /* statements prepared on this connection, for their names */
  char state[6];       /* the SQLSTATE of the last failure */
  char *message;       /* its message */
  char *section;       /* the section a refused change belongs to (the hint of
                        * daicho_refuse_section), or NULL */
  gint64 changes;      /* rows the last command changed */
  GString *unused;     /* DEALLOCATEs of finalized statements, sent together */
  guint n_unused;
} PgStore;

#define PG(store) ((PgStore *) (store)->engine_data)

/* Keeps the SQLSTATE, the message and daicho's section hint of a failed
 * RESULT (NULL: the connection's own error) for the store's next error. */
void dc_postgresql_remember_failure (DcStore *store, const PGresult *result);

G_END_DECLS
