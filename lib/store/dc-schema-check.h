/* The register's schema itself against the one this daicho's migrations
 * create: a trigger, view or index planted in the file (or one dropped) changes
 * what the register does without any row being edited, so neither the history
 * nor the records show it. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

/* Compares STORE's main.sqlite_schema (type, name, table and the SQL text with
 * its white space collapsed) with that of an in-memory database to which the
 * embedded migrations were applied (built once per process). Returns NULL with
 * no error when they agree; else a new text naming every object extra, missing
 * or changed ("extra trigger asset_c on asset; missing index asset_by_post").
 * NULL with DC_ERROR_DATABASE when the schema cannot be read. sqlite_stat*
 * tables (ANALYZE) are not compared: they only guide query plans. No transaction.
 * A register on PostgreSQL: its tables, views, indexes, constraints,
 * triggers (and whether each is enabled), functions (with their owners) and
 * policies, against what was recorded when it was created or upgraded. */
char     *dc_schema_check (DcStore *store, GError **error);

/* For a write: TRUE when the schema agrees; else FALSE with DC_ERROR_INVALID
 * naming the objects and saying what to do. Writes nothing. */
gboolean  dc_schema_check_writable (DcStore *store, GError **error);

G_END_DECLS
