#include "ids/dc-stocktake.h"
#include "base/dc-i18n.h"
#include "base/dc-progress.h"
#include "base/dc-json.h"
#include "base/dc-date.h"
#include "duty/dc-duty.h"
#include "base/dc-file.h"
#include "store/dc-history.h"
#include "model/dc-post.h"
#include "model/dc-record.h"
#include "base/dc-text.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_DORMANT_DAYS 90

static const DcEnumValue decision_values[] = {
  { "fix", "是正", "Fix", "修正|削除|対応|是正する|要是正" },
  { "accept", "容認", "Accept", "問題なし|了承|承認|確認済|現状維持" },
  { "exception", "例外", "Exception", "例外承認|例外として承認|期限付き容認" },
  { NULL, NULL, NULL, NULL }
};
static const DcField decision_field = { "decision", "decision", DC_FIELD_ENUM, 0, "判定", "Decision",
                                        NULL, 0, decision_values };

const char *
dc_stocktake_decision_ja (const char *decision)
{
  const DcEnumValue *value = dc_enum_by_code (&decision_field, decision);
  return value ? value->ja : "";
}

void
dc_stocktake_run_free (DcStocktakeRun *run)
{
  if (!run)
    return;
  char *texts[] = { run->system, run->export_file, run->export_sha256, run->profile,
                    run->profile_sha256, run->as_of, run->operator, run->run_at, run->checked_post,
                    run->checked_person, run->signoff_post, run->signoff_person, run->signoff_on };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (texts[i]);
  g_strfreev (run->notes);
  g_free (run);
}

void
dc_stocktake_finding_free (DcStocktakeFinding *f)
{
  if (!f)
    return;
  dc_finding_free (f->finding);
  g_free (f->decision);
  g_free (f->note);
  g_free (f->until);
  g_free (f->decided_by);
  g_free (f->decided_on);
  g_free (f);
}

/* ---- running ---- */

static char *
counts_json (const guint *counts)
{
  GString *json = g_string_new ("{");
  for (int k = 0; k < DC_N_FINDING_KINDS; k++)
    g_string_append_printf (json, "%s\"%s\":%u", k ? "," : "", dc_finding_kind_name (k), counts[k]);
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

typedef struct {
  gint64 id;
  gint64 system_id;
  const DcStocktakeOptions *options;
  const char *export_sha256;
  const char *profile_name;
  const char *profile_sha256;
  const char *as_of;
  guint dormant_days;
  guint export_rows;
  guint register_entries;
  const DcReconcileResult *result;
} RunRecord;

static gboolean
insert_run (DcStore *store, gpointer data, GError **error)
{
  RunRecord *r = data;
  g_autofree char *counts = counts_json (r->result->counts);
  g_autofree char *file = g_path_get_basename (r->options->export_path);
  g_autofree char *run_at = dc_date_now_utc ();
  g_autoptr (DcStmt) run = dc_store_prepare (
      store, "INSERT INTO reconcile_run (id, system_id, export_file, export_sha256, export_rows,"
             " register_entries, profile, profile_sha256, as_of, dormant_days, operator, run_at, counts, notes)"
             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", error);
  if (!run)
    return FALSE;
  dc_stmt_bind_int64 (run, 1, r->id);
  dc_stmt_bind_int64 (run, 2, r->system_id);
  dc_stmt_bind_text (run, 3, file);
  dc_stmt_bind_text (run, 4, r->export_sha256);
  dc_stmt_bind_int (run, 5, (int) r->export_rows);
  dc_stmt_bind_int (run, 6, (int) r->register_entries);
  dc_stmt_bind_text (run, 7, r->profile_name);
  dc_stmt_bind_text (run, 8, r->profile_sha256);
  dc_stmt_bind_text (run, 9, r->as_of);
  dc_stmt_bind_int (run, 10, (int) r->dormant_days);
  dc_stmt_bind_text (run, 11, dc_store_actor (store));
  dc_stmt_bind_text (run, 12, run_at);
  dc_stmt_bind_text (run, 13, counts);
  g_autoptr (GStrvBuilder) note_list = g_strv_builder_new ();
  for (guint i = 0; i < r->result->notes->len; i++)
    g_strv_builder_add (note_list, g_ptr_array_index (r->result->notes, i));
  g_auto (GStrv) note_strv = g_strv_builder_end (note_list);
  g_autofree char *notes = dc_text_list_to_json ((const char *const *) note_strv);
  dc_stmt_bind_text (run, 14, notes);
  if (!dc_store_run (store, run, error))
    return FALSE;
  g_autoptr (DcStmt) finding = dc_store_prepare (
      store, "INSERT INTO reconcile_finding (run_id, seq, kind, login_key, raw_login_id, holder,"
             " holder_name, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (!finding)
    return FALSE;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < r->result->findings->len; i++) {
    const DcFinding *f = g_ptr_array_index (r->result->findings, i);
    dc_stmt_reset (finding);
    dc_stmt_bind_int64 (finding, 1, r->id);
    dc_stmt_bind_int (finding, 2, (int) f->seq);
    dc_stmt_bind_text (finding, 3, dc_finding_kind_name (f->kind));
    dc_stmt_bind_text (finding, 4, f->login_key);
    dc_stmt_bind_text (finding, 5, f->raw_login_id);
    if (f->holder)
      dc_stmt_bind_text (finding, 6, f->holder);
    else
      dc_stmt_bind_null (finding, 6);
    dc_stmt_bind_text (finding, 7, f->holder_name);
    dc_stmt_bind_text (finding, 8, f->detail);
    ok = dc_store_run (store, finding, error);
    dc_progress_update (_ ("findings stored"), i + 1, r->result->findings->len);
  }
  dc_progress_done ();
  return ok;
}

static gboolean
store_run (DcStore *store, RunRecord *record, GError **error)
{
  if (!dc_store_begin (store, error))
    return FALSE;
  g_autoptr (DcStmt) next = dc_store_prepare (store, "SELECT coalesce(max(id), 0) + 1 FROM reconcile_run", error);
  gboolean ok = next && dc_store_step (store, next, error) == DC_STMT_ROW;
  if (ok) {
    record->id = dc_stmt_int64 (next, 0);
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);
    ok = dc_change (store, NC_ ("action", "reconcile"), "reconcile_run", key, insert_run, record, error) &&
         dc_store_commit (store, error);
  }
  if (!ok)
    dc_store_rollback (store);
  return ok;
}

typedef struct {
  const DcStocktakeOptions *options;
  const DcProfile *profile;
  DcNames *names;
  GPtrArray *problems;
  DcAccounts *accounts;     /* out */
  char *sha256;             /* out */
  GError *error;            /* out */
} ExportRead;

static gpointer
read_export (gpointer data)
{
  ExportRead *r = data;
  r->sha256 = dc_file_sha256 (r->options->export_path, &r->error);
  if (r->sha256)
    r->accounts = dc_accounts_read (r->options->export_path, &r->options->source, r->profile,
                                    r->names, r->problems, &r->error);
  return NULL;
}

typedef struct {
  const char *path;
  DcStaffRoster *roster;         /* out */
  GError *error;            /* out */
} RosterRead;

/* The roster through a connection of its own (WAL lets readers run side by side). */
static gpointer
read_roster (gpointer data)
{
  RosterRead *r = data;
  g_autoptr (DcStore) own = dc_store_open (r->path, DC_STORE_OPEN_EXISTING, &r->error);
  if (own)
    r->roster = dc_staff_roster_load (own, &r->error);
  return NULL;
}

DcStocktakeRun *
dc_stocktake_run (DcStore *store, const DcStocktakeOptions *options, DcReconcileResult *result,
                  GPtrArray *problems, GError **error)
{
  memset (result, 0, sizeof *result);
  g_autofree char *system = dc_record_resolve_code (store, &dc_system_kind, options->system, error);
  if (!system)
    return NULL;
  g_autoptr (DcProfile) profile = dc_profile_load (options->profile ? options->profile : "generic", error);
  if (!profile)
    return NULL;
  g_autofree char *login_part_origin = NULL;
  if (options->login_part) {
    if (!dc_profile_login_part_parse (options->login_part, &profile->login_part)) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                   _ ("--login-part %s: use full (the whole login) or local (the part before @)"),
                   options->login_part);
      return NULL;
    }
    login_part_origin = g_strdup_printf ("--login-part %s", options->login_part);
  }
  g_autofree char *today = dc_date_today ();
  g_autofree char *as_of = dc_date_normalise (options->as_of ? options->as_of : today, "--as-of", error);
  if (!as_of)
    return NULL;
  g_autofree char *profile_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, profile->text, -1);
  g_autoptr (DcNames) names = dc_names_new (profile->dn_cn);
  /* The export is read (and hashed) and the roster loaded while the register loads. */
  ExportRead read = { options, profile, names, problems, NULL, NULL, NULL };
  RosterRead staff = { dc_store_path (store), NULL, NULL };
  GThread *reader = g_thread_new ("export", read_export, &read);
  GThread *roster_reader = g_thread_new ("roster", read_roster, &staff);
  g_autoptr (DcRegisterIds) ids = dc_reconcile_register_ids_load (store, system, profile, names, error);
  g_thread_join (roster_reader);
  g_thread_join (reader);
  g_autoptr (DcStaffRoster) roster = g_steal_pointer (&staff.roster);
  g_autoptr (DcAccounts) accounts = g_steal_pointer (&read.accounts);
  g_autofree char *export_sha256 = g_steal_pointer (&read.sha256);
  /* The first failure is the one told: the register's, the roster's, the export's. */
  if (!ids || staff.error || read.error) {
    if (ids)
      g_propagate_error (error, staff.error ? g_steal_pointer (&staff.error) : g_steal_pointer (&read.error));
    g_clear_error (&staff.error);
    g_clear_error (&read.error);
    return NULL;
  }
  guint dormant_days = options->dormant_days ? options->dormant_days : DEFAULT_DORMANT_DAYS;
  DcReconcileOptions compare = { as_of, dormant_days, login_part_origin };
  dc_reconcile (ids, accounts, roster, names, &compare, result);

  RunRecord record = { 0, dc_record_resolve (store, &dc_system_kind, system, NULL), options,
                       export_sha256, profile->name, profile_sha256, as_of, dormant_days,
                       accounts->accounts->len, dc_reconcile_register_ids_count (ids), result };
  if (!store_run (store, &record, error))
    return NULL;
  return dc_stocktake_get (store, record.id, error);
}

/* ---- reading runs ---- */

#define RUN_COLUMNS                                                                          \
  "r.id, (SELECT code FROM system WHERE id = r.system_id), r.export_file, r.export_sha256,"  \
  " r.export_rows, r.register_entries, r.profile, r.profile_sha256, r.as_of, r.dormant_days," \
  " r.operator, r.run_at, r.checked_post, r.checked_person, r.signoff_post, r.signoff_person," \
  " r.signoff_on, (SELECT count(*) FROM reconcile_finding f WHERE f.run_id = r.id),"          \
  " (SELECT count(*) FROM reconcile_decision d WHERE d.run_id = r.id), r.counts, r.notes"

static DcStocktakeRun *
run_from_row (DcStore *store, DcStmt *stmt)
{
  DcStocktakeRun *run = g_new0 (DcStocktakeRun, 1);
  run->id = dc_stmt_int64 (stmt, 0);
  char **texts[] = { &run->system, &run->export_file, &run->export_sha256 };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    *texts[i] = dc_stmt_dup (stmt, (int) i + 1);
  run->export_rows = dc_stmt_int (stmt, 4);
  run->register_entries = dc_stmt_int (stmt, 5);
  run->profile = dc_stmt_dup (stmt, 6);
  run->profile_sha256 = dc_stmt_dup (stmt, 7);
  run->as_of = dc_stmt_dup (stmt, 8);
  run->dormant_days = dc_stmt_int (stmt, 9);
  char **more[] = { &run->operator, &run->run_at, &run->checked_post, &run->checked_person,
                    &run->signoff_post, &run->signoff_person, &run->signoff_on };
  for (gsize i = 0; i < G_N_ELEMENTS (more); i++)
    *more[i] = dc_stmt_dup (stmt, (int) i + 10);
  run->findings = dc_stmt_int (stmt, 17);
  run->decided = dc_stmt_int (stmt, 18);
  run->notes = dc_text_list_from_json (dc_stmt_text (stmt, 20));
  if (!run->notes)
    run->notes = g_new0 (char *, 1);
  /* The counts as stored: {"kind": n, ...}. */
  g_autoptr (GPtrArray) counts = dc_json_members (dc_stmt_text (stmt, 19));
  for (guint i = 0; counts && i < counts->len; i++) {
    const DcJsonMember *m = g_ptr_array_index (counts, i);
    DcFindingKind kind;
    if (m->key && m->value && dc_finding_kind_parse (m->key, &kind))
      run->counts[kind] = (guint) g_ascii_strtoull (m->value, NULL, 10);
  }
  return run;
}

DcStocktakeRun *
dc_stocktake_get (DcStore *store, gint64 id, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT " RUN_COLUMNS " FROM reconcile_run r WHERE r.id = ?1", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, id);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW)
    return run_from_row (store, stmt);
  if (rc == DC_STMT_DONE)
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("there is no stocktake run %lld (see `daicho reconcile list`)"), (long long) id);
  return NULL;
}

GPtrArray *
dc_stocktake_list (DcStore *store, const char *system, GError **error)
{
  gint64 system_id = 0;
  if (system && !(system_id = dc_record_resolve (store, &dc_system_kind, system, error)))
    return NULL;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT " RUN_COLUMNS " FROM reconcile_run r WHERE (?1 = 0 OR r.system_id = ?1)"
             " ORDER BY r.id DESC", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, system_id);
  g_autoptr (GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_stocktake_run_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    g_ptr_array_add (runs, run_from_row (store, stmt));
  return rc == DC_STMT_DONE ? g_steal_pointer (&runs) : NULL;
}

GPtrArray *
dc_stocktake_findings (DcStore *store, gint64 run, const char *kind, gboolean undecided, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "SELECT f.seq, f.kind, f.login_key, f.raw_login_id, f.holder, f.holder_name, f.detail,"
             " d.decision, d.note, d.until, d.decided_by, d.decided_on"
             " FROM reconcile_finding f LEFT JOIN reconcile_decision d ON d.run_id = f.run_id AND d.seq = f.seq"
             " WHERE f.run_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR f.kind = ?2) AND (?3 = 0 OR d.decision IS NULL)"
             " ORDER BY f.seq", error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, run);
  dc_stmt_bind_text (stmt, 2, kind);
  dc_stmt_bind_int (stmt, 3, undecided);
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_stocktake_finding_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    DcStocktakeFinding *f = g_new0 (DcStocktakeFinding, 1);
    DcFindingKind k = DC_FINDING_UNREGISTERED;
    dc_finding_kind_parse (dc_stmt_text (stmt, 1), &k);
    f->finding = dc_finding_new (k, dc_stmt_text (stmt, 2),
                                 dc_stmt_text (stmt, 3),
                                 dc_stmt_text (stmt, 4),
                                 dc_stmt_text (stmt, 5), dc_stmt_dup (stmt, 6));
    f->finding->seq = dc_stmt_int (stmt, 0);
    char **decision[] = { &f->decision, &f->note, &f->until, &f->decided_by, &f->decided_on };
    for (gsize i = 0; i < G_N_ELEMENTS (decision); i++)
      *decision[i] = dc_stmt_dup (stmt, (int) i + 7);
    g_ptr_array_add (findings, f);
  }
  return rc == DC_STMT_DONE ? g_steal_pointer (&findings) : NULL;
}

/* ---- decisions and sign-off ---- */

static gboolean
refuse_signed (const DcStocktakeRun *run, GError **error)
{
  if (!run->signoff_on)
    return TRUE;
  g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
               _ ("stocktake run %lld was signed off on %s by %s; it is a record now and cannot be changed "
                  "(run a new stocktake instead)"), (long long) run->id, run->signoff_on, run->signoff_post);
  return FALSE;
}

/* "5", "3,7-9", "all" → the set of finding numbers (1..N). */
static gboolean
parse_selection (const char *selection, guint n, gboolean *chosen, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (selection ? selection : ""));
  if (g_ascii_strcasecmp (text, "all") == 0) {
    for (guint i = 1; i <= n; i++)
      chosen[i] = TRUE;
    return TRUE;
  }
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  for (char **part = parts; *part; part++) {
    g_auto (GStrv) bounds = g_strsplit (g_strstrip (*part), "-", 2);
    guint64 first = 0, last = 0;
    if (!g_ascii_string_to_unsigned (bounds[0], 10, 1, G_MAXUINT, &first, NULL) ||
        !g_ascii_string_to_unsigned (bounds[1] ? bounds[1] : bounds[0], 10, first, G_MAXUINT, &last, NULL)) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                   _ ("'%s' does not name findings; write a number (5), a list (3,7-9) or all"), selection);
      return FALSE;
    }
    if (last > n) {
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND,
                   dc_ngettext ("the run has %u finding; there is no finding %llu",
                                "the run has %u findings; there is no finding %llu", n),
                   n, (unsigned long long) last);
      return FALSE;
    }
    for (guint64 i = first; i <= last; i++)
      chosen[i] = TRUE;
  }
  return TRUE;
}

typedef struct {
  gint64 run;
  guint seq;
  const char *decision;
  const char *note;
  const char *until;
  const char *today;
} Decision;

static gboolean
write_decision (DcStore *store, gpointer data, GError **error)
{
  Decision *d = data;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "INSERT INTO reconcile_decision (run_id, seq, decision_key, decision, note,"
             " until, decided_by, decided_on)"
             " VALUES (?1, ?2, ?8, ?3, ?4, ?5, ?6, ?7)"
             " ON CONFLICT (run_id, seq) DO UPDATE SET decision = excluded.decision,"
             " note = excluded.note, until = excluded.until, decided_by = excluded.decided_by,"
             " decided_on = excluded.decided_on", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, d->run);
  dc_stmt_bind_int (stmt, 2, (int) d->seq);
  dc_stmt_bind_text (stmt, 3, d->decision);
  dc_stmt_bind_text (stmt, 4, d->note);
  dc_stmt_bind_text (stmt, 5, d->until);
  dc_stmt_bind_text (stmt, 6, dc_store_actor (store));
  dc_stmt_bind_text (stmt, 7, d->today);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%u", d->run, d->seq);   /* "RUN/SEQ" */
  dc_stmt_bind_text (stmt, 8, key);
  return dc_store_run (store, stmt, error);
}

gboolean
dc_stocktake_decide (DcStore *store, gint64 id, const DcStocktakeDecision *what, guint *decided, char **warning,
                     GError **error)
{
  const char *selection = what->selection, *kind = what->kind, *decision = what->decision;
  const char *note = what->note, *until = what->until;
  *decided = 0;
  if (warning)
    *warning = NULL;
  g_autofree char *code = dc_record_stored_value (store, &decision_field, decision ? decision : "", error);
  if (!code)
    return FALSE;
  g_autofree char *trimmed_note = g_strstrip (g_strdup (note ? note : ""));
  if (!*trimmed_note) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("--note is required: say what was found and what is done about it"));
    return FALSE;
  }
  g_autofree char *until_date = until ? dc_date_normalise (until, "--until", error) : NULL;
  if (until && !until_date)
    return FALSE;
  if (g_str_equal (code, "exception") && !until_date) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("an exception needs --until DATE: until when it is allowed"));
    return FALSE;
  }
  DcFindingKind only;
  if (kind && !dc_finding_kind_parse (kind, &only)) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID, _ ("--kind '%s' is not a kind of finding"), kind);
    return FALSE;
  }
  if (!dc_store_begin (store, error))
    return FALSE;
  g_autoptr (DcStocktakeRun) run = dc_stocktake_get (store, id, error);
  g_autoptr (GPtrArray) findings = run && refuse_signed (run, error)
                                     ? dc_stocktake_findings (store, id, NULL, FALSE, error) : NULL;
  g_autofree gboolean *chosen = g_new0 (gboolean, (run ? run->findings : 0) + 2);
  gboolean ok = findings && parse_selection (selection, run->findings, chosen, error);
  g_autofree char *today = dc_date_today ();
  gboolean kinds[DC_N_FINDING_KINDS] = { FALSE };
  for (guint i = 0; ok && i < findings->len; i++) {
    DcStocktakeFinding *f = g_ptr_array_index (findings, i);
    if (!chosen[f->finding->seq] || (kind && f->finding->kind != only) ||
        (what->open_only && f->decision))
      continue;
    Decision d = { id, f->finding->seq, code, trimmed_note, until_date, today };
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%u", id, f->finding->seq);
    ok = dc_change (store, NC_ ("action", "decide"), "reconcile_decision", key, write_decision, &d, error);
    kinds[f->finding->kind] = TRUE;
    (*decided)++;
  }
  if (ok && *decided == 0) {
    if (kind)
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND,
                   what->open_only ? _ ("no undecided finding of run %lld matches %s of kind %s")
                                   : _ ("no finding of run %lld matches %s of kind %s"),
                   (long long) id, selection, kind);
    else
      g_set_error (error, DC_INPUT_ERROR, DC_ERROR_NOT_FOUND,
                   what->open_only ? _ ("no undecided finding of run %lld matches %s")
                                   : _ ("no finding of run %lld matches %s"),
                   (long long) id, selection);
    ok = FALSE;
  }
  if (!ok)
    dc_store_rollback (store);
  if (!ok || !dc_store_commit (store, error)) {
    *decided = 0;
    return FALSE;
  }
  /* One note on findings of several kinds is a rubber stamp more often than a
   * decision: say so (seed 003: each finding is checked and fixed). */
  g_autoptr (GString) names = g_string_new (NULL);
  guint n_kinds = 0;
  for (int k = 0; k < DC_N_FINDING_KINDS; k++)
    if (kinds[k]) {
      g_string_append_printf (names, "%s%s（%s）", n_kinds ? "、" : "", dc_finding_kind_ja ((DcFindingKind) k),
                              dc_finding_kind_name ((DcFindingKind) k));
      n_kinds++;
    }
  if (warning && n_kinds > 1)
    *warning = g_strdup_printf (_ ("the same note was recorded on findings of %u kinds (%s): decide each kind "
                                   "on its own merits, with a note of its own (--kind KIND)"),
                                n_kinds, names->str);
  return TRUE;
}

/* The code of POST and the employee number of its holder on DATE. */
static gboolean
post_holder (DcStore *store, const char *post, const char *date, char **code, char **holder,
             GError **error)
{
  *code = dc_record_resolve_code (store, &dc_post_kind, post, error);
  if (!*code)
    return FALSE;
  g_autoptr (GPtrArray) holders = dc_post_holders_on (store, *code, date, error);
  if (!holders)
    return FALSE;
  if (holders->len == 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("post %s has no holder on %s; record who holds it with `daicho post assign`"), *code, date);
    return FALSE;
  }
  *holder = g_strdup (((DcAssignment *) g_ptr_array_index (holders, 0))->employee_no);
  return TRUE;
}

/* Refuses (DC_ERROR_CONFLICT) when PERSON, who holds POST and would sign as
 * ROLE, is the person a sod_violation finding of RUN is about
 * (dc_finding_ends_with_person): nobody approves the run that reports
 * their own lack of separation of duties. */
static gboolean
refuse_sod_subject (DcStore *store, const DcStocktakeRun *run, const char *role, const char *post,
                    const char *person, GError **error)
{
  if (!person || !run->counts[DC_FINDING_SOD_VIOLATION])
    return TRUE;
  g_autoptr (GPtrArray) sod = dc_stocktake_findings (store, run->id, dc_finding_kind_name (DC_FINDING_SOD_VIOLATION),
                                                     FALSE, error);
  if (!sod)
    return FALSE;
  for (guint i = 0; i < sod->len; i++) {
    const DcFinding *f = ((DcStocktakeFinding *) g_ptr_array_index (sod, i))->finding;
    if (!dc_finding_ends_with_person (f, person))
      continue;
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                 _ ("the %s %s is held by %s, whom finding %u of stocktake run %lld names (%s %s, %s: %s); "
                    "nobody may sign off the run that reports their own lack of separation of duties: "
                    "give another post, such as the superior's"),
                 role, post, person, f->seq, (long long) run->id, dc_finding_kind_name (f->kind),
                 dc_finding_kind_ja (f->kind), f->raw_login_id, f->detail);
    return FALSE;
  }
  return TRUE;
}

typedef struct {
  gint64 run;
  const char *post, *person, *checked_post, *checked_person, *date;
} Signoff;

static gboolean
write_signoff (DcStore *store, gpointer data, GError **error)
{
  Signoff *s = data;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, "UPDATE reconcile_run SET signoff_post = ?2, signoff_person = ?3, checked_post = ?4,"
             " checked_person = ?5, signoff_on = ?6 WHERE id = ?1", error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int64 (stmt, 1, s->run);
  const char *values[] = { s->post, s->person, s->checked_post, s->checked_person, s->date };
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    dc_stmt_bind_text (stmt, (int) i + 2, values[i]);
  return dc_store_run (store, stmt, error);
}

gboolean
dc_stocktake_signoff (DcStore *store, gint64 id, const char *post, const char *checked_post,
                const char *date, GError **error)
{
  g_autofree char *today = dc_date_today ();
  g_autofree char *on = dc_date_normalise (date ? date : today, "--date", error);
  if (!on)
    return FALSE;
  if (strcmp (on, today) > 0) {
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_INVALID,
                 _ ("--date %s is after today (%s): sign a run off once it is checked"), on, today);
    return FALSE;
  }
  if (!dc_store_begin (store, error))
    return FALSE;
  g_autoptr (DcStocktakeRun) run = dc_stocktake_get (store, id, error);
  g_autofree char *post_code = NULL, *person = NULL, *checked_code = NULL, *checked_person = NULL;
  gboolean ok = run && refuse_signed (run, error) &&
                post_holder (store, post, on, &post_code, &person, error) &&
                (!checked_post || post_holder (store, checked_post, on, &checked_code, &checked_person, error));
  if (ok && run->decided < run->findings) {
    g_autoptr (GPtrArray) open = dc_stocktake_findings (store, id, NULL, TRUE, NULL);
    g_autoptr (GString) list = g_string_new (NULL);
    for (guint i = 0; open && i < open->len && i < 10; i++)
      g_string_append_printf (list, "%s%u", i ? ", " : "", ((DcStocktakeFinding *) g_ptr_array_index (open, i))->finding->seq);
    g_set_error (error, DC_INPUT_ERROR, DC_ERROR_CONFLICT,
                 dc_ngettext ("stocktake run %lld has %u finding without a decision (%s%s); record "
                              "them with `daicho reconcile decide` before signing off",
                              "stocktake run %lld has %u findings without a decision (%s%s); record "
                              "them with `daicho reconcile decide` before signing off",
                              run->findings - run->decided),
                 (long long) id, run->findings - run->decided, list->str,
                 run->findings - run->decided > 10 ? ", ..." : "");
    ok = FALSE;
  }
  ok = ok && refuse_sod_subject (store, run, _ ("approver (--by)"), post_code, person, error) &&
       refuse_sod_subject (store, run, _ ("checker (--checked-by)"), checked_code, checked_person, error);
  if (ok) {
    Signoff s = { id, post_code, person, checked_code, checked_person, on };
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_autofree char *note = g_strdup_printf ("ID棚卸 照合番号 %" G_GINT64_FORMAT "（%s、検出 %u 件）",
                                             id, run->export_file, run->findings);
    /* The sign-off is the year's ID stocktake of the system done (seed 003). */
    ok = dc_change (store, NC_ ("action", "signoff"), "reconcile_run", key, write_signoff, &s, error) &&
         dc_duty_record_done (store, "id_stocktake", run->system, on, post_code, note, error);
  }
  if (ok)
    return dc_store_commit (store, error);
  dc_store_rollback (store);
  return FALSE;
}
