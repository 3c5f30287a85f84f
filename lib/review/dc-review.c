#include "review/dc-review.h"
#include "base/dc-i18n.h"
#include "base/dc-date.h"
#include "duty/dc-duty.h"
#include "store/dc-history.h"

#include <string.h>

const char *const dc_review_states[DC_REVIEW_N_STATES] = {
  "pending", "unchanged", "changed", "disposed", "transferred", "added"
};
const char *const dc_review_state_names[DC_REVIEW_N_STATES] = {
  "未回答", "変更なし", "修正", "廃棄", "移管", "新規"
};
const char *const dc_review_decisions[DC_REVIEW_N_DECISIONS] = { "変更なし", "修正", "廃棄", "移管" };
const char *const dc_review_decision_states[DC_REVIEW_N_DECISIONS] = {
  "unchanged", "changed", "disposed", "transferred"
};

const char *
dc_review_state_name (const char *state)
{
  for (int i = 0; i < DC_REVIEW_N_STATES; i++)
    if (g_strcmp0 (dc_review_states[i], state) == 0)
      return dc_review_state_names[i];
  return state;
}

/* ---- campaigns ---- */

void
dc_review_campaign_free (DcReviewCampaign *c)
{
  if (!c)
    return;
  g_free (c->opened_on);
  g_free (c->due_on);
  g_free (c->status);
  g_free (c->closed_on);
  g_free (c->closed_by);
  g_free (c->note);
  g_free (c);
}

#define CAMPAIGN_SELECT                                                               \
  "SELECT c.fiscal_year, c.opened_on, c.due_on, c.status, c.closed_on,"              \
  " (SELECT code FROM post WHERE id = c.closed_by_post_id), c.note FROM review_campaign c"

static DcReviewCampaign *
campaign_from_row (DcStmt *stmt)
{
  DcReviewCampaign *c = g_new0 (DcReviewCampaign, 1);
  c->fiscal_year = dc_stmt_int (stmt, 0);
  char **fields[] = { &c->opened_on, &c->due_on, &c->status, &c->closed_on, &c->closed_by, &c->note };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    *fields[i] = dc_stmt_dup (stmt, (int) i + 1);
  return c;
}

DcReviewCampaign *
dc_review_campaign_get (DcStore *store, int fiscal_year, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, CAMPAIGN_SELECT " WHERE c.fiscal_year = ?1",
                                                    error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int (stmt, 1, fiscal_year);
  int rc = dc_store_step (store, stmt, error);
  if (rc == DC_STMT_ROW)
    return campaign_from_row (stmt);
  if (rc == DC_STMT_DONE)
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("no review of fiscal year %d was opened (open it with `daicho review open --fy %d`)"),
                 fiscal_year, fiscal_year);
  return NULL;
}

GPtrArray *
dc_review_campaigns (DcStore *store, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, CAMPAIGN_SELECT " ORDER BY c.fiscal_year DESC",
                                                    error);
  if (!stmt)
    return NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_review_campaign_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    g_ptr_array_add (list, campaign_from_row (stmt));
  return rc == DC_STMT_DONE ? g_steal_pointer (&list) : NULL;
}

int
dc_review_current_year (DcStore *store, GError **error)
{
  g_autoptr (GPtrArray) all = dc_review_campaigns (store, error);
  if (!all)
    return 0;
  g_autoptr (GString) open = g_string_new (NULL);
  int year = 0, n_open = 0;
  for (guint i = 0; i < all->len; i++) {
    const DcReviewCampaign *c = g_ptr_array_index (all, i);
    if (g_str_equal (c->status, "open")) {
      year = c->fiscal_year;
      g_string_append_printf (open, "%s%d", n_open++ ? ", " : "", c->fiscal_year);
    }
  }
  if (n_open == 1)
    return year;
  if (n_open == 0)
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_NOT_FOUND,
                 _ ("no review is open; open one with `daicho review open --fy YEAR`%s"),
                 all->len ? _ (" or name a closed one with --fy") : "");
  else
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID,
                 _ ("the reviews of fiscal years %s are open; say which with --fy"), open->str);
  return 0;
}

typedef struct {
  int fiscal_year;
  const char *today;
  const char *due;        /* NULL: keep */
  gboolean exists;
} Opening;

static gboolean
apply_campaign (DcStore *store, gpointer data, GError **error)
{
  Opening *o = data;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store, o->exists ? "UPDATE review_campaign SET due_on = coalesce(?3, due_on) WHERE fiscal_year = ?1"
                       : "INSERT INTO review_campaign (fiscal_year, opened_on, due_on) VALUES (?1, ?2, ?3)",
      error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int (stmt, 1, o->fiscal_year);
  dc_stmt_bind_text (stmt, 2, o->today);
  dc_stmt_bind_text (stmt, 3, o->due);
  return dc_store_run (store, stmt, error);
}

typedef struct {
  const char *code;
  int fiscal_year;
  const char *asset;
  const DcReviewAnswer *answer;
} ItemChange;

static gboolean
apply_item (DcStore *store, gpointer data, GError **error)
{
  ItemChange *c = data;
  const DcReviewAnswer pending = { "pending", NULL, NULL, "", NULL, NULL };
  const DcReviewAnswer *a = c->answer ? c->answer : &pending;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "INSERT INTO review_item (code, campaign_id, asset_id, section_id, state, reviewer, reviewed_on,"
      " comment, return_id, new_row) SELECT ?1, c.id, a.id, a.section_id, ?4, ?5, ?6, ?7,"
      " (SELECT id FROM review_return WHERE code = ?8), ?9"
      " FROM review_campaign c, asset a WHERE c.fiscal_year = ?2 AND a.code = ?3"
      " ON CONFLICT (code) DO UPDATE SET state = excluded.state, reviewer = excluded.reviewer,"
      " reviewed_on = excluded.reviewed_on, comment = excluded.comment, return_id = excluded.return_id",
      error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_text (stmt, 1, c->code);
  dc_stmt_bind_int (stmt, 2, c->fiscal_year);
  const char *texts[] = { c->asset, a->state, a->reviewer, a->reviewed_on, a->comment ? a->comment : "",
                          a->return_code, a->new_row };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    dc_stmt_bind_text (stmt, (int) i + 3, texts[i]);
  return dc_store_run (store, stmt, error);
}

gboolean
dc_review_answer (DcStore *store, int fiscal_year, const char *asset, const DcReviewAnswer *answer,
                  const char *action, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%d/%s", fiscal_year, asset);
  ItemChange change = { key, fiscal_year, asset, answer };
  return dc_change (store, action, "review_item", key, apply_item, &change, error);
}

/* Items for every asset in use that has none in the campaign yet. */
static gboolean
add_items (DcStore *store, int fiscal_year, guint *added, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "SELECT a.code FROM asset a WHERE a.status = 'active' AND NOT EXISTS (SELECT 1 FROM review_item i"
      " JOIN review_campaign c ON c.id = i.campaign_id WHERE c.fiscal_year = ?1 AND i.asset_id = a.id)"
      " ORDER BY a.code",
      error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int (stmt, 1, fiscal_year);
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW)
    g_ptr_array_add (codes, dc_stmt_dup (stmt, 0));
  if (rc != DC_STMT_DONE)
    return FALSE;
  for (guint i = 0; i < codes->len; i++)
    if (!dc_review_answer (store, fiscal_year, g_ptr_array_index (codes, i), NULL, NC_ ("action", "open"), error))
      return FALSE;
  if (added)
    *added = codes->len;
  return TRUE;
}

static gboolean
open_in_transaction (DcStore *store, int fiscal_year, const char *due_text, guint *added, GError **error)
{
  g_autofree char *today = dc_date_today ();
  int current = dc_date_fiscal_year (today);
  if (fiscal_year < 2000 || fiscal_year > current + 1) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID,
                 _ ("fiscal year %d cannot be reviewed now (today %s is in fiscal year %d)"), fiscal_year,
                 today, current);
    return FALSE;
  }
  g_autofree char *due = due_text ? dc_date_normalise (due_text, "--due", error) : NULL;
  if (due_text && !due)
    return FALSE;
  GError *local = NULL;
  g_autoptr (DcReviewCampaign) existing = dc_review_campaign_get (store, fiscal_year, &local);
  if (!existing && local->code != DC_ERROR_NOT_FOUND) {
    g_propagate_error (error, local);
    return FALSE;
  }
  g_clear_error (&local);
  if (existing && g_str_equal (existing->status, "closed")) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT,
                 _ ("the review of fiscal year %d was closed on %s; it cannot be opened again"),
                 fiscal_year, existing->closed_on);
    return FALSE;
  }
  if (!existing && !due)
    due = dc_date_fiscal_year_end (fiscal_year);
  if (due && strcmp (due, today) < 0) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID,
                 _ ("the review of fiscal year %d would be due %s, before today (%s); give --due DATE"),
                 fiscal_year, due, today);
    return FALSE;
  }
  g_autofree char *key = g_strdup_printf ("%d", fiscal_year);
  Opening opening = { fiscal_year, today, due, existing != NULL };
  return dc_change (store, existing ? NC_ ("action", "edit") : NC_ ("action", "open"), "review_campaign", key, apply_campaign, &opening,
                    error) &&
         add_items (store, fiscal_year, added, error);
}

gboolean
dc_review_open (DcStore *store, int fiscal_year, const char *due, guint *added, GError **error)
{
  if (!dc_store_begin (store, error))
    return FALSE;
  if (!open_in_transaction (store, fiscal_year, due, added, error)) {
    dc_store_rollback (store);
    return FALSE;
  }
  return dc_store_commit (store, error);
}

/* ---- items and progress ---- */

void
dc_review_item_free (DcReviewItem *item)
{
  if (!item)
    return;
  char *fields[] = { item->code, item->asset, item->section, item->state, item->reviewer,
                     item->reviewed_on, item->comment, item->return_code, item->asset_status,
                     item->asset_section };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free (fields[i]);
  g_free (item);
}

GPtrArray *
dc_review_items (DcStore *store, int fiscal_year, const char *section, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "SELECT i.code, a.code, s.code, i.state, i.reviewer, i.reviewed_on, i.comment, r.code,"
      " a.status, (SELECT code FROM section WHERE id = a.section_id), a.version"
      " FROM review_item i JOIN review_campaign c ON c.id = i.campaign_id"
      " JOIN asset a ON a.id = i.asset_id JOIN section s ON s.id = i.section_id"
      " LEFT JOIN review_return r ON r.id = i.return_id"
      " WHERE c.fiscal_year = ?1 AND (CAST(?2 AS TEXT) IS NULL OR s.code = ?2) ORDER BY a.code",
      error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int (stmt, 1, fiscal_year);
  dc_stmt_bind_text (stmt, 2, section);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_review_item_free);
  int rc;
  while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
    DcReviewItem *item = g_new0 (DcReviewItem, 1);
    char **fields[] = { &item->code, &item->asset, &item->section, &item->state, &item->reviewer,
                        &item->reviewed_on, &item->comment, &item->return_code, &item->asset_status,
                        &item->asset_section };
    for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
      *fields[i] = dc_stmt_dup (stmt, (int) i);
    item->asset_version = dc_stmt_int64 (stmt, 10);
    g_ptr_array_add (items, item);
  }
  return rc == DC_STMT_DONE ? g_steal_pointer (&items) : NULL;
}

void
dc_review_section_status_free (DcReviewSectionStatus *status)
{
  if (!status)
    return;
  g_free (status->section);
  g_free (status->section_name);
  g_free (status->last_return_on);
  g_free (status->last_reviewer);
  g_free (status);
}

static int
state_index (const char *state)
{
  for (int i = 0; i < DC_REVIEW_N_STATES; i++)
    if (g_str_equal (dc_review_states[i], state))
      return i;
  return -1;
}

GPtrArray *
dc_review_status (DcStore *store, int fiscal_year, const char *under, GError **error)
{
  gint64 top = under ? dc_record_resolve (store, &dc_section_kind, under, error) : 0;
  if (under && !top)
    return NULL;
  g_autoptr (DcStmt) counts = dc_store_prepare (
      store,
      "WITH RECURSIVE sub(id) AS (SELECT CAST(?2 AS BIGINT)"
      " UNION SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id)"
      " SELECT s.code, s.name, i.state, count(*) FROM review_item i"
      " JOIN review_campaign c ON c.id = i.campaign_id JOIN section s ON s.id = i.section_id"
      " WHERE c.fiscal_year = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR s.id IN (SELECT id FROM sub))"
      " GROUP BY s.code, s.name, i.state ORDER BY s.code",
      error);
  g_autoptr (DcStmt) returns = counts ? dc_store_prepare (
      store,
      "SELECT s.code, r.imported_on, r.reviewer FROM review_return r"
      " JOIN review_campaign c ON c.id = r.campaign_id JOIN section s ON s.id = r.section_id"
      " WHERE c.fiscal_year = ?1 ORDER BY r.id",
      error) : NULL;
  if (!returns)
    return NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_review_section_status_free);
  g_autoptr (GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  dc_stmt_bind_int (counts, 1, fiscal_year);
  if (top)
    dc_stmt_bind_int64 (counts, 2, top);
  int rc;
  while ((rc = dc_store_step (store, counts, error)) == DC_STMT_ROW) {
    const char *code = dc_stmt_text (counts, 0);
    DcReviewSectionStatus *status = g_hash_table_lookup (by_code, code);
    if (!status) {
      status = g_new0 (DcReviewSectionStatus, 1);
      status->section = dc_stmt_dup (counts, 0);
      status->section_name = dc_stmt_dup (counts, 1);
      g_ptr_array_add (list, status);
      g_hash_table_insert (by_code, status->section, status);
    }
    int state = state_index (dc_stmt_text (counts, 2));
    guint n = (guint) dc_stmt_int (counts, 3);
    if (state >= 0)
      status->counts[state] = n;
    status->items += n;
  }
  if (rc != DC_STMT_DONE)
    return NULL;
  dc_stmt_bind_int (returns, 1, fiscal_year);
  while ((rc = dc_store_step (store, returns, error)) == DC_STMT_ROW) {
    DcReviewSectionStatus *status = g_hash_table_lookup (by_code, dc_stmt_text (returns, 0));
    if (!status)
      continue;
    status->returns++;
    g_free (status->last_return_on);
    g_free (status->last_reviewer);
    status->last_return_on = dc_stmt_dup (returns, 1);
    status->last_reviewer = dc_stmt_dup (returns, 2);
  }
  return rc == DC_STMT_DONE ? g_steal_pointer (&list) : NULL;
}

/* ---- closing ---- */

typedef struct {
  int fiscal_year;
  const char *date, *post, *note;
} Closing;

static gboolean
apply_close (DcStore *store, gpointer data, GError **error)
{
  Closing *c = data;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "UPDATE review_campaign SET status = 'closed', closed_on = ?2,"
      " closed_by_post_id = (SELECT id FROM post WHERE code = ?3), note = coalesce(?4, note)"
      " WHERE fiscal_year = ?1",
      error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int (stmt, 1, c->fiscal_year);
  dc_stmt_bind_text (stmt, 2, c->date);
  dc_stmt_bind_text (stmt, 3, c->post);
  dc_stmt_bind_text (stmt, 4, c->note);
  return dc_store_run (store, stmt, error);
}

/* "2026年度の見直し: 対象 60件、回答 56件（修正 3、廃棄 1、移管 0、新規 1）、未回答 4件". */
static char *
summary (int fiscal_year, GPtrArray *sections, guint *pending, GString *unanswered)
{
  guint totals[DC_REVIEW_N_STATES] = { 0 }, items = 0;
  for (guint i = 0; i < sections->len; i++) {
    const DcReviewSectionStatus *s = g_ptr_array_index (sections, i);
    for (int k = 0; k < DC_REVIEW_N_STATES; k++)
      totals[k] += s->counts[k];
    items += s->items;
    if (s->counts[0])
      g_string_append_printf (unanswered, "%s%s %u", unanswered->len ? ", " : "", s->section_name,
                              s->counts[0]);
  }
  *pending = totals[0];
  return g_strdup_printf ("%d年度の見直し: 対象 %u件、回答 %u件（変更なし %u、修正 %u、廃棄 %u、移管 %u、"
                          "新規 %u）、未回答 %u件", fiscal_year, items, items - totals[0], totals[1],
                          totals[2], totals[3], totals[4], totals[5], totals[0]);
}

static gboolean
close_in_transaction (DcStore *store, int fiscal_year, const char *date_text, const char *post_text,
                      gboolean force, const char *note, GError **error)
{
  g_autoptr (DcReviewCampaign) campaign = dc_review_campaign_get (store, fiscal_year, error);
  if (!campaign)
    return FALSE;
  if (g_str_equal (campaign->status, "closed")) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT,
                 _ ("the review of fiscal year %d was already closed on %s"), fiscal_year, campaign->closed_on);
    return FALSE;
  }
  g_autofree char *today = dc_date_today ();
  g_autofree char *date = dc_date_normalise (date_text ? date_text : today, "--date", error);
  if (!date)
    return FALSE;
  if (strcmp (date, today) > 0 || strcmp (date, campaign->opened_on) < 0) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID,
                 _ ("the review of fiscal year %d can be closed from %s (when it was opened) to today "
                 "(%s), not on %s"), fiscal_year, campaign->opened_on, today, date);
    return FALSE;
  }
  GError *local = NULL;
  g_autofree char *named = post_text ? NULL : dc_duty_register_post (store, "asset_review", &local);
  if (local) {
    g_propagate_error (error, local);
    return FALSE;
  }
  if (!post_text && !named) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID,
                 _ ("say which post closes the review (--by POST), or name the post responsible for "
                 "the register's review once with `daicho duty post asset_review POST`"));
    return FALSE;
  }
  g_autofree char *post = dc_record_resolve_code (store, &dc_post_kind, post_text ? post_text : named, error);
  if (!post)
    return FALSE;
  g_autoptr (GPtrArray) sections = dc_review_status (store, fiscal_year, NULL, error);
  if (!sections)
    return FALSE;
  guint pending = 0;
  g_autoptr (GString) unanswered = g_string_new (NULL);
  g_autofree char *record = summary (fiscal_year, sections, &pending, unanswered);
  if (pending && !force) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT,
                 dc_ngettext ("%u item of fiscal year %d is still unanswered (%s); close with --force to end "
                              "the review anyway",
                              "%u items of fiscal year %d are still unanswered (%s); close with --force to end "
                              "the review anyway", pending), pending, fiscal_year, unanswered->str);
    return FALSE;
  }
  g_autofree char *key = g_strdup_printf ("%d", fiscal_year);
  Closing closing = { fiscal_year, date, post, note };
  g_autofree char *done_note = note && *note ? g_strconcat (record, "。", note, NULL) : g_strdup (record);
  return dc_change (store, NC_ ("action", "close"), "review_campaign", key, apply_close, &closing, error) &&
         dc_duty_record_done (store, "asset_review", NULL, date, post, done_note, error) &&
         dc_duty_record_done (store, "classification_review", NULL, date, post, done_note, error);
}

gboolean
dc_review_close (DcStore *store, int fiscal_year, const char *date, const char *post, gboolean force,
                 const char *note, GError **error)
{
  if (!dc_store_begin (store, error))
    return FALSE;
  if (!close_in_transaction (store, fiscal_year, date, post, force, note, error)) {
    dc_store_rollback (store);
    return FALSE;
  }
  return dc_store_commit (store, error);
}

/* ---- the workbook's columns ---- */

static const DcReviewColumn columns[] = {
  { "key", "管理キー", DC_REVIEW_COL_KEY, NULL, 12 },
  { "now:code", "資産番号", DC_REVIEW_COL_CURRENT, "code", 9 },
  { "now:name", "資産名称", DC_REVIEW_COL_CURRENT, "name", 24 },
  { "state", "見直し状況", DC_REVIEW_COL_STATE, NULL, 12 },
  { "decision", "判定", DC_REVIEW_COL_DECISION, NULL, 10 },
  { "reviewer", "確認者", DC_REVIEW_COL_REVIEWER, NULL, 12 },
  { "reviewed_on", "確認日", DC_REVIEW_COL_DATE, NULL, 11 },
  { "comment", "見直しコメント", DC_REVIEW_COL_COMMENT, NULL, 24 },
  { "now:type", "資産種別", DC_REVIEW_COL_CURRENT, "type", 9 },
  { "new:type", "修正後の資産種別", DC_REVIEW_COL_NEW, "type", 9 },
  { "new:name", "修正後の資産名称", DC_REVIEW_COL_NEW, "name", 20 },
  { "now:main_items", "主要項目", DC_REVIEW_COL_CURRENT, "main_items", 24 },
  { "new:main_items", "修正後の主要項目", DC_REVIEW_COL_NEW, "main_items", 20 },
  { "now:personal_info", "個人情報の有無", DC_REVIEW_COL_CURRENT, "personal_info", 10 },
  { "new:personal_info", "修正後の個人情報の有無", DC_REVIEW_COL_NEW, "personal_info", 10 },
  { "now:c", "機密性", DC_REVIEW_COL_CURRENT, "c", 9 },
  { "new:c", "修正後の機密性", DC_REVIEW_COL_NEW, "c", 9 },
  { "now:i", "完全性", DC_REVIEW_COL_CURRENT, "i", 7 },
  { "new:i", "修正後の完全性", DC_REVIEW_COL_NEW, "i", 7 },
  { "now:a", "可用性", DC_REVIEW_COL_CURRENT, "a", 7 },
  { "new:a", "修正後の可用性", DC_REVIEW_COL_NEW, "a", 7 },
  { "now:external_io", "外部入出力の有無", DC_REVIEW_COL_CURRENT, "external_io", 8 },
  { "new:external_io", "修正後の外部入出力の有無", DC_REVIEW_COL_NEW, "external_io", 8 },
  { "now:access_restriction", "閲覧・更新制限", DC_REVIEW_COL_CURRENT, "access_restriction", 18 },
  { "new:access_restriction", "修正後の閲覧・更新制限", DC_REVIEW_COL_NEW, "access_restriction", 16 },
  { "now:post", "管理責任者（補職名）", DC_REVIEW_COL_CURRENT, "post", 14 },
  { "new:post", "修正後の管理責任者（補職名）", DC_REVIEW_COL_NEW, "post", 14 },
  { "now:system", "情報システム", DC_REVIEW_COL_CURRENT, "system", 14 },
  { "new:system", "修正後の情報システム", DC_REVIEW_COL_NEW, "system", 14 },
  { "now:storage", "保管場所・媒体", DC_REVIEW_COL_CURRENT, "storage", 18 },
  { "new:storage", "修正後の保管場所・媒体", DC_REVIEW_COL_NEW, "storage", 16 },
  { "now:retention", "保存期限", DC_REVIEW_COL_CURRENT, "retention", 10 },
  { "new:retention", "修正後の保存期限", DC_REVIEW_COL_NEW, "retention", 10 },
  { "now:note", "備考", DC_REVIEW_COL_CURRENT, "note", 18 },
  { "new:note", "修正後の備考", DC_REVIEW_COL_NEW, "note", 16 },
  { "transfer", "移管先（所管課）", DC_REVIEW_COL_TRANSFER, NULL, 12 },
  { "disposed_on", "廃棄日", DC_REVIEW_COL_DISPOSAL, "disposed_on", 11 },
  { "disposal_method", "廃棄方法", DC_REVIEW_COL_DISPOSAL, "disposal_method", 12 },
  { "disposal_certificate", "廃棄証明", DC_REVIEW_COL_DISPOSAL, "disposal_certificate", 12 },
  { "now:last_reviewed_on", "最終見直し日", DC_REVIEW_COL_CURRENT, "last_reviewed_on", 11 },
};

const DcReviewColumn *
dc_review_columns (guint *n_columns)
{
  *n_columns = G_N_ELEMENTS (columns);
  return columns;
}

int
dc_review_column_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].name, name))
      return (int) i;
  return -1;
}
