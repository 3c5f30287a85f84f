/* The tamper-evident history: a hash chain of every change to the register. */
#pragma once
#include "store/dc-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 seq;
  char *at;          /* UTC, 2026-04-01T09:00:00.000Z */
  char *actor;
  char *action;      /* add, edit, assign, retire, dispose, depend, init, ... */
  char *entity;
  char *entity_key;
  char *before_json; /* NULL when the entity was created */
  char *after_json;  /* NULL when the entity was removed */
  char *prev_hash;
  char *hash;
} DcHistoryEntry;

void dc_history_entry_free (DcHistoryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcHistoryEntry, dc_history_entry_free)

/* The hash the first entry chains to. */
#define DC_HISTORY_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

/* SHA-256 (hex) over the entry's canonical form: each field in order as
 * "<byte length>:<bytes>\n", NULL as "-\n". */
char *dc_history_entry_hash (const DcHistoryEntry *entry);

/* Where history timestamps come from: the UTC clock, unless a test sets
 * another source (the function returns a new "YYYY-MM-DDTHH:MM:SS.mmmZ").
 * On a PostgreSQL server the server's clock stamps entries, whatever is set. */
typedef char *(*DcClockFunc) (void);
void dc_history_set_clock (DcClockFunc func);

/* Appends one entry inside the caller's transaction. In a file the entry is
 * numbered, stamped with the clock and the store's actor, and chained here;
 * on a server by the server (daicho_history_append), with the login. */
gboolean dc_history_append (DcStore *store, const char *action, const char *entity,
                            const char *key, const char *before_json,
                            const char *after_json, GError **error);

typedef struct {
  const char *entity;     /* NULL: all */
  const char *entity_key; /* NULL: all */
  const char *since;      /* NULL or a UTC timestamp prefix, inclusive */
} DcHistoryFilter;

/* Entries oldest first; array of DcHistoryEntry*. */
GPtrArray *dc_history_list (DcStore *store, const DcHistoryFilter *filter, GError **error);

/* One field that an entry changed. */
typedef struct {
  char *field;
  char *before;  /* NULL: absent or null */
  char *after;
  gboolean before_is_json;  /* an array or object (its JSON text), not a text that looks like one */
  gboolean after_is_json;
} DcFieldChange;

void dc_field_change_free (DcFieldChange *change);

/* The top-level fields whose values differ between before and after. */
GPtrArray *dc_history_changes (DcStore *store, const DcHistoryEntry *entry, GError **error);

/* What the entries for records of ENTITY from FIRST_SEQ on did (an import's
 * report), read in one query, not one a row. Free with dc_history_outcomes_free;
 * NULL with a DC_STORE_ERROR when the history cannot be read. */
typedef struct _DcHistoryOutcomes DcHistoryOutcomes;
DcHistoryOutcomes *dc_history_outcomes_since (DcStore *store, const char *entity, gint64 first_seq,
                                              const char *const *skip, GError **error);
/* For the record KEY: "add" when an entry created it, "update" when one
 * changed it, "unchanged" when there are none. *CHANGES (to free) gets
 * "field: before → after; ..." for updates, leaving out the fields named in
 * the SKIP given above (NULL-terminated, may be NULL). */
const char *dc_history_outcomes_get (const DcHistoryOutcomes *outcomes, const char *key, char **changes);
void dc_history_outcomes_free (DcHistoryOutcomes *outcomes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcHistoryOutcomes, dc_history_outcomes_free)

/* The newest entry's hash (the genesis hash when history is empty). */
char *dc_history_head (DcStore *store, gint64 *seq, GError **error);

typedef struct {
  gint64 entries;       /* rows checked */
  gint64 entities;      /* entities whose state was compared */
  gint64 first_bad_seq; /* 0 when the chain is intact */
  char *problem;        /* NULL when everything verified */
  char *head_hash;
} DcVerifyReport;

void dc_verify_report_clear (DcVerifyReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DcVerifyReport, dc_verify_report_clear)

/* Checks the chain (sequence, links, hashes) and that every entity's current
 * row equals the state its last history entry recorded, so an edit of either
 * the history or the data outside daicho is found; then the schema, the backup
 * ledger against the history, derived columns and references
 * (dc_consistency_check). Returns FALSE with
 * DC_ERROR_TAMPERED (and the report filled in) when something does not verify. */
gboolean dc_history_verify (DcStore *store, DcVerifyReport *report, GError **error);

/* Runs APPLY in one transaction and records one history entry with the
 * entity's snapshot before and after. Nothing is written when APPLY fails
 * or when it changed nothing. Inside a transaction the store began
 * (dc_store_in_transaction) it is a savepoint of it; once that transaction
 * is lost, it fails and never runs on its own. */
typedef gboolean (*DcChangeFunc) (DcStore *store, gpointer data, GError **error);
gboolean dc_change (DcStore *store, const char *action, const char *entity,
                    const char *key, DcChangeFunc apply, gpointer data, GError **error);
/* dc_change for a change that creates ENTITY KEY: APPLY must fail when the
 * entity exists already (an INSERT on its unique key does), so the state
 * before it is nothing and is not read: one query less a record, which an
 * import of many rows on a server feels. */
gboolean dc_change_creating (DcStore *store, const char *action, const char *entity,
                             const char *key, DcChangeFunc apply, gpointer data, GError **error);

G_END_DECLS
