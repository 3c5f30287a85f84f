#include "store/dc-history.h"
#include "store/dc-engine.h"
#include "base/dc-i18n.h"
#include <string.h>
#include "store/dc-snapshot.h"
#include "store/dc-consistency.h"
#include "base/dc-json.h"

void
dc_history_entry_free (DcHistoryEntry *entry)
{
  if (!entry)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->entity_key);
  g_free (entry->before_json);
  g_free (entry->after_json);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

static void
canonical_field (GChecksum *sum, const char *value)
{
  if (!value) {
    g_checksum_update (sum, (const guchar *) "-\n", 2);
    return;
  }
  g_autofree char *prefix = g_strdup_printf ("%zu:", strlen (value));
  g_checksum_update (sum, (const guchar *) prefix, -1);
  g_checksum_update (sum, (const guchar *) value, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
}

char *
dc_history_entry_hash (const DcHistoryEntry *entry)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, entry->seq);
  const char *fields[] = { seq, entry->at, entry->actor, entry->action, entry->entity,
                           entry->entity_key, entry->before_json, entry->after_json,
                           entry->prev_hash };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    canonical_field (sum, fields[i]);
  return g_strdup (g_checksum_get_string (sum));
}

static char *utc_now (void);
static DcClockFunc clock_func = utc_now;

void
dc_history_set_clock (DcClockFunc func)
{
  clock_func = func ? func : utc_now;
}

static char *
utc_now (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

char *
dc_history_head (DcStore *store, gint64 *seq, GError **error)
{
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store, "SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1", error);
  if (!stmt)
    return NULL;
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW) {
    if (seq)
      *seq = dc_stmt_int64 (stmt, 0);
    return dc_stmt_dup (stmt, 1);
  }
  if (rc != DC_STMT_DONE)
    return NULL;
  if (seq)
    *seq = 0;
  return g_strdup (DC_HISTORY_GENESIS_HASH);
}

gboolean
dc_history_append (DcStore *store, const char *action, const char *entity, const char *key,
                   const char *before_json, const char *after_json, GError **error)
{
  if (store->engine->append_history) {
    const char *const fields[5] = { action, entity, key, before_json, after_json };
    return store->engine->append_history (store, fields, error);
  }
  gint64 last_seq = 0;
  g_autofree char *prev_hash = dc_history_head (store, &last_seq, error);
  if (!prev_hash)
    return FALSE;
  g_autofree char *at = clock_func ();
  DcHistoryEntry entry = {
    .seq = last_seq + 1, .at = at, .actor = (char *) dc_store_actor (store),
    .action = (char *) action, .entity = (char *) entity, .entity_key = (char *) key,
    .before_json = (char *) before_json, .after_json = (char *) after_json,
    .prev_hash = prev_hash,
  };
  g_autofree char *hash = dc_history_entry_hash (&entry);
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      store,
      "INSERT INTO history (seq, at, actor, action, entity, entity_key, before_json,"
      " after_json, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, entry.seq);
  const char *texts[] = { at, entry.actor, action, entity, key, before_json, after_json,
                          prev_hash, hash };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    dc_stmt_bind_text (stmt, (int) i + 2, texts[i]);
  return dc_store_run (store, stmt, error);
}

#define ENTRY_COLUMNS \
  "seq, at, actor, action, entity, entity_key, before_json, after_json, prev_hash, hash"

static DcHistoryEntry *
entry_from_row (DcStmt *stmt)
{
  DcHistoryEntry *entry = g_new0 (DcHistoryEntry, 1);
  entry->seq = dc_stmt_int64 (stmt, 0);
  char **fields[] = { &entry->at, &entry->actor, &entry->action, &entry->entity,
                      &entry->entity_key, &entry->before_json, &entry->after_json,
                      &entry->prev_hash, &entry->hash };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    *fields[i] = dc_stmt_dup (stmt, (int) i + 1);
  return entry;
}

GPtrArray *
dc_history_list (DcStore *store, const DcHistoryFilter *filter, GError **error)
{
  /* Only the conditions given, so that SQLite can use history_by_entity
   * ("CAST(?1 AS TEXT) IS NULL OR entity = ?1" would read the whole history every time). */
  g_autoptr (GString) sql = g_string_new ("SELECT " ENTRY_COLUMNS " FROM history WHERE 1 = 1");
  if (filter && filter->entity)
    g_string_append (sql, " AND entity = :entity");
  if (filter && filter->entity_key)
    g_string_append (sql, " AND entity_key = :key");
  if (filter && filter->since)
    g_string_append (sql, " AND at >= :since");
  g_string_append (sql, " ORDER BY seq");
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (store, sql->str, error);
  if (!stmt)
    return NULL;
  /* Named, so that the parameters present are numbered without gaps (a
   * gap is a parameter PostgreSQL cannot type). */
  const struct { const char *name, *value; } params[] = {
    { ":entity", filter ? filter->entity : NULL }, { ":key", filter ? filter->entity_key : NULL },
    { ":since", filter ? filter->since : NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (params); i++) {
    int index = params[i].value ? dc_stmt_param (stmt, params[i].name) : 0;
    if (index)
      dc_stmt_bind_text (stmt, index, params[i].value);
  }
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (
      (GDestroyNotify) dc_history_entry_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  return rc == DC_STMT_DONE ? g_steal_pointer (&entries) : NULL;
}

void
dc_field_change_free (DcFieldChange *change)
{
  if (!change)
    return;
  g_free (change->field);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

/* The member named KEY of MEMBERS, or NULL. */
static const DcJsonMember *
member_named (GPtrArray *members, const char *key)
{
  for (guint i = 0; members && i < members->len; i++) {
    const DcJsonMember *m = g_ptr_array_index (members, i);
    if (g_str_equal (m->key, key))
      return m;
  }
  return NULL;
}

/* Whether two members hold the same value as SQL compared json_each's
 * values: text with text, numbers (true and false are 1 and 0) with numbers. */
static gboolean
same_value (const DcJsonMember *a, const DcJsonMember *b)
{
  const char *x = a ? a->value : NULL, *y = b ? b->value : NULL;
  if (!x || !y)
    return x == y;
  gboolean x_text = a->kind == DC_JSON_STRING || a->kind == DC_JSON_ARRAY || a->kind == DC_JSON_OBJECT;
  gboolean y_text = b->kind == DC_JSON_STRING || b->kind == DC_JSON_ARRAY || b->kind == DC_JSON_OBJECT;
  return x_text == y_text && g_str_equal (x, y);
}

static gboolean
is_container (const DcJsonMember *m)
{
  return m && (m->kind == DC_JSON_ARRAY || m->kind == DC_JSON_OBJECT);
}

/* A change with where json_each placed its member. */
typedef struct {
  gint64 id;
  DcFieldChange *change;
} PlacedChange;

static gint
compare_placed (gconstpointer a, gconstpointer b)
{
  const PlacedChange *x = a, *y = b;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return strcmp (x->change->field, y->change->field);
}

GPtrArray *
dc_history_changes (DcStore *store G_GNUC_UNUSED, const DcHistoryEntry *entry, GError **error)
{
  g_autoptr (GPtrArray) before = dc_json_members (entry->before_json ? entry->before_json : "{}");
  g_autoptr (GPtrArray) after = dc_json_members (entry->after_json ? entry->after_json : "{}");
  if (!before || !after) {
    g_set_error (error, DC_HISTORY_ERROR, DC_ERROR_TAMPERED,
                 _ ("history entry %lld holds a state that is not valid JSON"),
                 (long long) entry->seq);
    return NULL;
  }
  /* Every member of either state once, at its place in the state after (or
   * before, when it was removed): the order the SQL of earlier versions gave. */
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (PlacedChange));
  GPtrArray *sides[] = { after, before };
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    for (guint i = 0; i < sides[s]->len; i++) {
      const DcJsonMember *m = g_ptr_array_index (sides[s], i);
      if (!g_hash_table_add (seen, m->key))
        continue;
      const DcJsonMember *b = member_named (before, m->key), *a = member_named (after, m->key);
      if (same_value (b, a))
        continue;
      PlacedChange p = { m->id, g_new0 (DcFieldChange, 1) };
      p.change->field = g_strdup (m->key);
      p.change->before = g_strdup (b ? b->value : NULL);
      p.change->after = g_strdup (a ? a->value : NULL);
      p.change->before_is_json = is_container (b);
      p.change->after_is_json = is_container (a);
      g_array_append_val (placed, p);
    }
  g_array_sort (placed, compare_placed);
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_field_change_free);
  for (guint i = 0; i < placed->len; i++)
    g_ptr_array_add (changes, g_array_index (placed, PlacedChange, i).change);
  return changes;
}

/* What the entries of one record did, gathered oldest first. */
typedef struct {
  gboolean added;
  GString *changes;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_string_free (outcome->changes, TRUE);
  g_free (outcome);
}

struct _DcHistoryOutcomes {
  GHashTable *by_key;   /* entity key → Outcome */
};

DcHistoryOutcomes *
dc_history_outcomes_since (DcStore *store, const char *entity, gint64 first_seq, const char *const *skip,
                           GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT " ENTRY_COLUMNS " FROM history WHERE seq >= ?1 AND entity = ?2 ORDER BY seq", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, first_seq);
  dc_stmt_bind_text (stmt, 2, entity);
  DcHistoryOutcomes *outcomes = g_new0 (DcHistoryOutcomes, 1);
  outcomes->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) outcome_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    g_autoptr (DcHistoryEntry) e = entry_from_row (stmt);
    Outcome *outcome = g_hash_table_lookup (outcomes->by_key, e->entity_key);
    if (!outcome) {
      outcome = g_new0 (Outcome, 1);
      outcome->changes = g_string_new (NULL);
      g_hash_table_insert (outcomes->by_key, g_strdup (e->entity_key), outcome);
    }
    outcome->added |= e->before_json == NULL;
    g_autoptr (GPtrArray) diff = e->before_json ? dc_history_changes (store, e, NULL) : NULL;
    for (guint d = 0; diff && d < diff->len; d++) {
      DcFieldChange *fc = g_ptr_array_index (diff, d);
      if (skip && g_strv_contains (skip, fc->field))
        continue;
      g_string_append_printf (outcome->changes, "%s%s: %s → %s", outcome->changes->len ? "; " : "",
                              fc->field, fc->before ? fc->before : "", fc->after ? fc->after : "");
    }
  }
  if (rc != DC_STMT_DONE) {
    dc_history_outcomes_free (outcomes);
    return NULL;
  }
  return outcomes;
}

const char *
dc_history_outcomes_get (const DcHistoryOutcomes *outcomes, const char *key, char **changes)
{
  const Outcome *outcome = g_hash_table_lookup (outcomes->by_key, key);
  *changes = g_strdup (outcome ? outcome->changes->str : "");
  return !outcome ? "unchanged" : outcome->added ? "add" : "update";
}

void
dc_history_outcomes_free (DcHistoryOutcomes *outcomes)
{
  if (!outcomes)
    return;
  g_hash_table_unref (outcomes->by_key);
  g_free (outcomes);
}

void
dc_verify_report_clear (DcVerifyReport *report)
{
  g_clear_pointer (&report->problem, g_free);
  g_clear_pointer (&report->head_hash, g_free);
}

/* Walks the chain oldest first. Returns FALSE only on a database error;
 * a broken chain is reported through REPORT. */
static gboolean
verify_chain (DcStore *store, DcVerifyReport *report, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT " ENTRY_COLUMNS " FROM history ORDER BY seq", error);
  if (!stmt)
    return FALSE;
  g_autofree char *prev_hash = g_strdup (DC_HISTORY_GENESIS_HASH);
  gint64 expected_seq = 1;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    g_autoptr (DcHistoryEntry) entry = entry_from_row (stmt);
    g_autofree char *hash = dc_history_entry_hash (entry);
    report->entries++;
    if (entry->seq != expected_seq)
      report->problem = g_strdup_printf (
          _ ("history entry %lld is missing (the sequence jumps from %lld to %lld): entries were deleted"),
          (long long) expected_seq, (long long) (expected_seq - 1), (long long) entry->seq);
    else if (g_strcmp0 (entry->prev_hash, prev_hash) != 0)
      report->problem = g_strdup_printf (
          _ ("history entry %lld does not follow entry %lld (its previous-hash differs): entries were "
             "removed, inserted or reordered"), (long long) entry->seq, (long long) (entry->seq - 1));
    else if (g_strcmp0 (entry->hash, hash) != 0)
      report->problem = g_strdup_printf (
          _ ("history entry %lld was changed after it was written (its content no longer matches its hash)"),
          (long long) entry->seq);
    if (report->problem) {
      report->first_bad_seq = expected_seq;
      return TRUE;
    }
    g_free (prev_hash);
    prev_hash = g_steal_pointer (&entry->hash);
    expected_seq++;
  }
  if (rc != DC_STMT_DONE)
    return FALSE;
  report->head_hash = g_steal_pointer (&prev_hash);
  return TRUE;
}

typedef struct {
  DcStore *store;
  DcVerifyReport *report;
  GHashTable *recorded;  /* "entity\x1fkey" → last after_json ("" when removed) */
} StateCheck;

static gboolean
check_entity_state (const char *entity, const char *key, const char *json, gpointer data,
                    GError **error G_GNUC_UNUSED)
{
  StateCheck *check = data;
  g_autofree char *id = g_strconcat (entity, "\x1f", key, NULL);
  const char *recorded = g_hash_table_lookup (check->recorded, id);
  check->report->entities++;
  if (!recorded || !*recorded)
    check->report->problem = g_strdup_printf (
        _ ("%s %s exists in the register but no history entry created it: it was "
        "added outside daicho"), entity, key);
  else if (!g_str_equal (recorded, json))
    check->report->problem = g_strdup_printf (
        _ ("%s %s differs from the state its last history entry recorded: it was "
        "changed outside daicho"), entity, key);
  g_hash_table_remove (check->recorded, id);
  return check->report->problem == NULL;
}

/* Compares every entity with the last state history recorded for it. */
static gboolean
verify_state (DcStore *store, DcVerifyReport *report, GError **error)
{
  g_autoptr (GHashTable) recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "SELECT entity, entity_key, coalesce(after_json, '') FROM history h"
      " WHERE seq = (SELECT max(seq) FROM history"
      "              WHERE entity = h.entity AND entity_key = h.entity_key)",
      error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    const char *entity = dc_stmt_text (stmt, 0);
    if (dc_snapshot_entity_known (entity))
      g_hash_table_insert (recorded,
                           g_strconcat (entity, "\x1f", dc_stmt_text (stmt, 1), NULL),
                           dc_stmt_dup (stmt, 2));
  }
  if (rc != DC_STMT_DONE)
    return FALSE;

  StateCheck check = { store, report, recorded };
  for (const char *const *entity = dc_snapshot_entities; *entity; entity++) {
    g_autoptr (GError) stop = NULL;
    if (!dc_snapshot_foreach (store, *entity, check_entity_state, &check, &stop) && !report->problem) {
      g_propagate_error (error, g_steal_pointer (&stop));
      return FALSE;
    }
    if (report->problem)
      return TRUE;
  }
  /* What is left was recorded as existing but is gone from the tables. */
  GHashTableIter iter;
  gpointer id, json;
  g_hash_table_iter_init (&iter, recorded);
  while (g_hash_table_iter_next (&iter, &id, &json)) {
    if (*(const char *) json) {
      g_auto (GStrv) parts = g_strsplit (id, "\x1f", 2);
      report->problem = g_strdup_printf (
          _ ("%s %s is recorded in history but missing from the register: it was "
          "deleted outside daicho"), parts[0], parts[1]);
      return TRUE;
    }
  }
  return TRUE;
}

gboolean
dc_history_verify (DcStore *store, DcVerifyReport *report, GError **error)
{
  memset (report, 0, sizeof *report);
  if (!dc_store_exec (store, "BEGIN", error))  /* one consistent read */
    return FALSE;
  gboolean ok = verify_chain (store, report, error) &&
                (report->problem || verify_state (store, report, error)) &&
                (report->problem || dc_consistency_check (store, &report->problem, error));
  dc_store_rollback (store);
  if (ok && report->problem) {
    g_set_error (error, DC_HISTORY_ERROR, DC_ERROR_TAMPERED, "%s: %s", dc_store_path (store),
                 report->problem);
    return FALSE;
  }
  return ok;
}

/* The body of a change, inside the savepoint. A change that creates the
 * entity has no state before it to read. */
static gboolean
apply_and_record (DcStore *store, const char *action, const char *entity, const char *key,
                  gboolean creates, DcChangeFunc apply, gpointer data, GError **error)
{
  GError *local = NULL;
  g_autofree char *before = creates ? NULL : dc_snapshot (store, entity, key, &local);
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  if (!apply (store, data, error))
    return FALSE;
  g_autofree char *after = dc_snapshot (store, entity, key, &local);
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  if (g_strcmp0 (before, after) == 0)
    return TRUE;  /* nothing changed: nothing to record */
  return dc_history_append (store, action, entity, key, before, after, error);
}

static gboolean
change (DcStore *store, const char *action, const char *entity, const char *key, gboolean creates,
        DcChangeFunc apply, gpointer data, GError **error)
{
  /* Inside a caller's transaction (an import) this is a savepoint, so a
   * failed change undoes only itself and the caller decides about the rest. */
  gboolean own_transaction = !dc_store_in_transaction (store);
  if (own_transaction && !dc_store_begin (store, error))
    return FALSE;
  gboolean ok = dc_store_exec (store, "SAVEPOINT dc_change", error);
  if (ok) {
    ok = apply_and_record (store, action, entity, key, creates, apply, data, error) &&
         dc_store_exec (store, "RELEASE dc_change", error);
    if (!ok)
      dc_store_rollback_to (store, "dc_change");
  }
  if (ok && own_transaction)
    ok = dc_store_commit (store, error);
  if (!ok && own_transaction)
    dc_store_rollback (store);
  return ok;
}

gboolean
dc_change (DcStore *store, const char *action, const char *entity, const char *key,
           DcChangeFunc apply, gpointer data, GError **error)
{
  return change (store, action, entity, key, FALSE, apply, data, error);
}

gboolean
dc_change_creating (DcStore *store, const char *action, const char *entity, const char *key,
                    DcChangeFunc apply, gpointer data, GError **error)
{
  return change (store, action, entity, key, TRUE, apply, data, error);
}
