/* What `audit verify` checks beyond the hash chain and the records' snapshots
 * (dc_history_verify): the schema itself, the backup ledger against the
 * history, columns derived from others, and references between rows. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

/* Checks, inside the caller's read transaction, that
 * - the schema is the one this daicho's migrations create (dc_schema_check);
 * - every backup taken of this register and every restore into it names a
 *   history entry (seq, hash) that this history holds with that hash, so a
 *   history rewritten with its chain recomputed is found by its own ledger
 *   (ledger lines carried over from a replaced register are not compared:
 *   they describe that register's history);
 * - each ID entry's login_key is the matching key of its login_id
 *   (dc_match_key, DC_MATCH_DEFAULT): it is not in the snapshots;
 * - no row refers to a row that does not exist (PRAGMA foreign_key_check):
 *   such rows belong to no snapshot.
 * Sets *PROBLEM (new text, every finding joined by "; ") when one fails and
 * returns TRUE; FALSE with ERROR only when the register cannot be read. */
gboolean dc_consistency_check (DcStore *store, char **problem, GError **error);

G_END_DECLS
