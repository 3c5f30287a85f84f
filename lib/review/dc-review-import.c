#include "review/dc-review-import.h"
#include "base/dc-file.h"
#include "base/dc-i18n.h"
#include "model/dc-asset.h"
#include "base/dc-date.h"
#include "store/dc-history.h"
#include "import/dc-import-table.h"
#include "base/dc-matchkey.h"
#include "base/dc-text.h"
#include "readers/dc-xlsx.h"

#include <stdlib.h>
#include <string.h>

#define MAX_REVIEWER 100   /* characters of a reviewer's name */

void
dc_review_import_report_clear (DcReviewImportReport *report)
{
  g_clear_pointer (&report->file, g_free);
  g_clear_pointer (&report->sha256, g_free);
  g_clear_pointer (&report->section, g_free);
  g_clear_pointer (&report->section_name, g_free);
  g_clear_pointer (&report->reviewer, g_free);
  g_clear_pointer (&report->reviewed_on, g_free);
  g_clear_pointer (&report->return_code, g_free);
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
}

static void
report_row_free (DcReviewImportRow *row)
{
  g_free (row->code);
  g_free (row->decision);
  g_free (row->state);
  g_free (row->reviewer);
  g_free (row->changes);
  g_free (row);
}

/* One row that answers something, checked, waiting to be applied. */
typedef struct {
  guint row;
  gboolean is_new;
  char *code;              /* the asset; NULL for a new one until it is added */
  gint64 version;          /* the asset's version when the workbook was written */
  int decision;            /* index in dc_review_decisions; -1 for a new asset */
  DcRecord *values;        /* asset fields to set */
  char *reviewer;
  char *reviewed_on;
  char *comment;
  char *new_row;           /* a new asset's row key ("new:TOKEN:N"), or NULL */
  gboolean refused;        /* it has problems */
} Plan;

static void
plan_free (Plan *plan)
{
  g_free (plan->code);
  dc_record_free (plan->values);
  g_free (plan->reviewer);
  g_free (plan->reviewed_on);
  g_free (plan->comment);
  g_free (plan->new_row);
  g_free (plan);
}

typedef struct {
  DcStore *store;
  DcImportTable *table;
  DcReviewImportReport *report;
  DcReviewCampaign *campaign;
  const char *today;
  char *signoff_name;      /* 見直し実施者 at the top of the sheet */
  char *signoff_date;
  GHashTable *items;       /* asset code → DcReviewItem* of this campaign */
  GHashTable *seen;        /* asset code → GUINT row where it was met */
  GPtrArray *plans;        /* Plan* */
} Import;

/* ---- reading cells ---- */

static char *
field (Import *im, const DcImportRow *row, const char *name)
{
  return dc_import_row_field (im->table, row, name, TRUE);
}

static void
problem (Import *im, guint row, const char *column, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
problem (Import *im, guint row, const char *column, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  dc_import_table_problem (im->table, row, column, message);
}

static const char *
header_of (const char *name)
{
  guint n;
  const DcReviewColumn *columns = dc_review_columns (&n);
  int index = dc_review_column_index (name);
  return index >= 0 ? columns[index].header : name;
}

/* A date cell: a date as Excel or LibreOffice stores it, a serial number in a
 * cell without a date format, or text such as 2026/12/1. NULL (with a
 * problem) when it is not a date; "" when the cell is empty. */
static char *
date_field (Import *im, const DcImportRow *row, const char *name)
{
  const DcCell *cell = dc_import_row_cell (im->table, row, name);
  g_autofree char *text = field (im, row, name);
  if (!*text)
    return g_steal_pointer (&text);
  g_autofree char *serial = cell && cell->type == DC_CELL_NUMBER ? dc_xlsx_serial_text (cell->number, FALSE)
                                                                 : NULL;
  const char *as_text = serial ? serial : text;
  g_autofree char *day = g_strndup (as_text, strlen (as_text) > 10 && as_text[10] == 'T' ? 10 : strlen (as_text));
  g_autoptr (GError) error = NULL;
  char *date = dc_date_normalise (day, header_of (name), &error);
  if (!date) {
    /* Told as every import tells it (the forms that can be read), with the text as written. */
    g_autoptr (GError) as_written = NULL;
    g_autofree char *again = dc_date_normalise (text, header_of (name), &as_written);
    problem (im, row->number, name, "%s", (as_written ? as_written : error)->message);
  }
  return date;
}

/* ---- the sign-off and the workbook's identity above the table ---- */

static char *
cell_text (GPtrArray *cells, guint column)
{
  const DcCell *cell = column < cells->len ? g_ptr_array_index (cells, column) : NULL;
  if (!cell || !cell->text)
    return g_strdup ("");
  if (cell->type == DC_CELL_NUMBER && cell->number > 0) {
    char *serial = dc_xlsx_serial_text (cell->number, FALSE);
    if (serial)
      return serial;
  }
  return dc_match_key (cell->text, DC_MATCH_TRIM);
}

/* Reads "daicho-review 1 FY SECTION" from A1 and the sign-off cells. */
static gboolean
read_top (const char *path, int *fiscal_year, char **section, char **name, char **date, GError **error)
{
  DcTableOptions options = { .sheet = DC_REVIEW_SHEET };
  g_autoptr (DcTable) table = dc_table_open (path, &options, error);
  if (!table)
    return FALSE;
  if (!dc_table_info (table)->sheet) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID,
                 _ ("%s: a review workbook is an .xlsx file (written by `daicho review export`)"), path);
    return FALSE;
  }
  GPtrArray *cells;
  guint number;
  gboolean marked = FALSE;
  while (dc_table_next_row (table, &cells, &number, error) && number < 10) {
    g_autofree char *first = cell_text (cells, 0);
    if (number == 1 && !marked) {  /* a damaged sheet may repeat its row 1: the first counts */
      g_auto (GStrv) words = g_strsplit (first, " ", 4);
      if (g_strv_length (words) == 4 && g_str_equal (words[0], DC_REVIEW_MARK)) {
        if (atoi (words[1]) != DC_REVIEW_LAYOUT) {
          g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID,
                       _ ("%s: this review workbook has layout %s, which this daicho does not read; "
                       "export the section's workbook again"), path, words[1]);
          return FALSE;
        }
        *fiscal_year = atoi (words[2]);
        *section = g_strdup (words[3]);
        marked = TRUE;
      }
    }
    for (guint c = 0; c + 1 < cells->len; c++) {
      g_autofree char *label = cell_text (cells, c);
      if (g_str_equal (label, DC_REVIEW_SIGNOFF_NAME) && !*name) {
        *name = cell_text (cells, c + 1);
        g_autofree char *refusal = dc_text_refusal (*name, "reviewer");
        if (refusal) {
          g_autofree char *where = dc_table_location (table, number, c + 1, DC_REVIEW_SIGNOFF_NAME);
          g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID, _ ("%s: the value %s"), where, refusal);
          return FALSE;
        }
      }
      else if (g_str_equal (label, DC_REVIEW_SIGNOFF_DATE) && !*date)
        *date = cell_text (cells, c + 1);
    }
  }
  if (error && *error)
    return FALSE;
  if (!marked) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID,
                 _ ("%s, sheet %s, cell A1: this is not a review workbook written by daicho (write one "
                 "with `daicho review export`)"), path, DC_REVIEW_SHEET);
    return FALSE;
  }
  return TRUE;
}

/* ---- checking one row ---- */

/* The first filled cell a person answers in (判定 only WITH_DECISION, the
 * values of a new asset only WITH_NEW), or NULL: its column's name. */
static const char *
first_answer (Import *im, const DcImportRow *row, gboolean with_decision, gboolean with_new)
{
  guint n;
  const DcReviewColumn *columns = dc_review_columns (&n);
  for (guint c = 0; c < n; c++) {
    DcReviewColumnRole role = columns[c].role;
    gboolean counts = role == DC_REVIEW_COL_TRANSFER || role == DC_REVIEW_COL_DISPOSAL ||
                      role == DC_REVIEW_COL_COMMENT || role == DC_REVIEW_COL_REVIEWER ||
                      role == DC_REVIEW_COL_DATE || (with_new && role == DC_REVIEW_COL_NEW) ||
                      (with_decision && role == DC_REVIEW_COL_DECISION);
    g_autofree char *text = counts ? field (im, row, columns[c].name) : NULL;
    if (text && *text)
      return columns[c].name;
  }
  return NULL;
}

/* The first filled column of ROLE, or NULL. */
static const char *
first_filled (Import *im, const DcImportRow *row, DcReviewColumnRole role)
{
  guint n;
  const DcReviewColumn *columns = dc_review_columns (&n);
  for (guint c = 0; c < n; c++) {
    if (columns[c].role != role)
      continue;
    g_autofree char *text = field (im, row, columns[c].name);
    if (*text)
      return columns[c].name;
  }
  return NULL;
}

/* Checks and keeps the corrected values (修正後の…) of a row. */
static void
read_new_values (Import *im, const DcImportRow *row, Plan *plan)
{
  guint n;
  const DcReviewColumn *columns = dc_review_columns (&n);
  for (guint c = 0; c < n; c++) {
    if (columns[c].role != DC_REVIEW_COL_NEW)
      continue;
    g_autofree char *text = field (im, row, columns[c].name);
    if (!*text)
      continue;
    const DcField *f = dc_record_kind_field (&dc_asset_kind, columns[c].field);
    g_autoptr (GError) error = NULL;
    if (!dc_record_check_value (im->store, f, text, &error)) {
      gboolean dropdown = f->kind != DC_FIELD_TEXT && f->kind != DC_FIELD_DATE;
      if (dropdown)
        problem (im, row->number, columns[c].name, _ ("'%s' is not one of the choices (▼): %s"), text,
                 error->message);
      else
        problem (im, row->number, columns[c].name, "%s", error->message);
      continue;
    }
    dc_record_set (plan->values, columns[c].field, text, NULL);
  }
}

/* 確認者 and 確認日 of the row, else the sign-off's, else today. */
static void
read_reviewer (Import *im, const DcImportRow *row, Plan *plan)
{
  g_autofree char *name = field (im, row, "reviewer");
  if (!*name && im->signoff_name && *im->signoff_name) {
    g_free (name);
    name = g_strdup (im->signoff_name);
  }
  if (!*name)
    problem (im, row->number, "reviewer",
             _ ("who reviewed this row is not written: fill in 確認者, or 見直し実施者（所属長） at the top "
             "of the sheet"));
  else if (g_utf8_strlen (name, -1) > MAX_REVIEWER)
    problem (im, row->number, "reviewer", _ ("a reviewer's name is at most %d characters"), MAX_REVIEWER);
  plan->reviewer = g_steal_pointer (&name);
  g_autofree char *date = date_field (im, row, "reviewed_on");
  if (!date)
    return;
  const char *day = *date ? date : im->signoff_date && *im->signoff_date ? im->signoff_date : im->today;
  if (strcmp (day, im->today) > 0 || strcmp (day, im->campaign->opened_on) < 0)
    problem (im, row->number, *date ? "reviewed_on" : NULL,
             _ ("the review date %s is outside the review (from %s, when it was opened, to today %s)%s"),
             day, im->campaign->opened_on, im->today, *date ? "" : _ (" (the date at the top of the sheet)"));
  plan->reviewed_on = g_strdup (day);
}

/* Who changed ASSET last, for a conflict message. */
static char *
last_change (Import *im, const char *asset)
{
  DcHistoryFilter filter = { "asset", asset, NULL };
  g_autoptr (GPtrArray) entries = dc_history_list (im->store, &filter, NULL);
  if (!entries || !entries->len)
    return g_strdup ("");
  const DcHistoryEntry *last = g_ptr_array_index (entries, entries->len - 1);
  return g_strdup_printf (_ (", %s by %s on %.10s"), last->action, last->actor, last->at);
}

/* What each decision needs and forbids. */
static void
check_decision (Import *im, const DcImportRow *row, Plan *plan, const DcReviewItem *item)
{
  const char *decision = dc_review_decision_states[plan->decision];
  const char *new_value = first_filled (im, row, DC_REVIEW_COL_NEW);
  g_autofree char *transfer = field (im, row, "transfer");
  const char *disposal = first_filled (im, row, DC_REVIEW_COL_DISPOSAL);
  const char *name = dc_review_decisions[plan->decision];
  gboolean changes = g_str_equal (decision, "changed"), transfers = g_str_equal (decision, "transferred");
  gboolean disposes = g_str_equal (decision, "disposed");
  if (new_value && !changes && !transfers)
    problem (im, row->number, new_value, _ ("判定 is %s, but %s is filled in: choose 修正, or clear the cell"),
             name, header_of (new_value));
  if (changes && !new_value)
    problem (im, row->number, "decision", _ ("判定 is 修正, but no 修正後の… value is filled in: write the "
             "corrected values, or choose 変更なし"));
  if (*transfer && !transfers)
    problem (im, row->number, "transfer", _ ("判定 is %s, but 移管先 is filled in: choose 移管, or clear the cell"),
             name);
  if (disposal && !disposes)
    problem (im, row->number, disposal, _ ("判定 is %s, but %s is filled in: choose 廃棄, or clear the cell"),
             name, header_of (disposal));
  if (transfers) {
    g_autoptr (GError) error = NULL;
    g_autofree char *section = *transfer ? dc_record_resolve_code (im->store, &dc_section_kind, transfer, &error)
                                         : NULL;
    if (!*transfer)
      problem (im, row->number, "transfer", _ ("判定 is 移管: choose the section it moves to (移管先 ▼)"));
    else if (!section)
      problem (im, row->number, "transfer", _ ("'%s' is not one of the choices (▼): %s"), transfer, error->message);
    else if (g_str_equal (section, item->asset_section))
      problem (im, row->number, "transfer", _ ("the asset is already in %s: choose another section, or 修正"),
               transfer);
    else
      dc_record_set (plan->values, "section", section, NULL);
    if (!dc_record_get (plan->values, "post"))
      problem (im, row->number, "new:post", _ ("判定 is 移管: choose the post responsible in the new section "
               "(修正後の管理責任者（補職名） ▼)"));
  }
  if (disposes) {
    g_autofree char *date = date_field (im, row, "disposed_on");
    g_autofree char *method = field (im, row, "disposal_method");
    g_autofree char *certificate = field (im, row, "disposal_certificate");
    if (date && !*date)
      problem (im, row->number, "disposed_on", _ ("判定 is 廃棄: write the date it was disposed of (廃棄日)"));
    else if (date && strcmp (date, im->today) > 0)
      problem (im, row->number, "disposed_on", _ ("the disposal date %s is after today (%s)"), date, im->today);
    if (!*method)
      problem (im, row->number, "disposal_method",
               _ ("判定 is 廃棄: write how it was disposed of (廃棄方法, e.g. 物理破壊, 溶解処理, データ消去)"));
    dc_record_set (plan->values, "status", "disposed", NULL);
    dc_record_set (plan->values, "disposed_on", date, NULL);
    dc_record_set (plan->values, "disposal_method", method, NULL);
    dc_record_set (plan->values, "disposal_certificate", certificate, NULL);
  }
}

static Plan *
read_existing (Import *im, const DcImportRow *row, const char *key)
{
  const char *at = strrchr (key, '@');
  if (!at || at == key || !at[1] || strspn (at + 1, "0123456789") != strlen (at + 1)) {
    problem (im, row->number, "key", _ ("the row's hidden key '%s' was changed; export the section's "
             "workbook again"), key);
    return NULL;
  }
  Plan *plan = g_new0 (Plan, 1);
  plan->row = row->number;
  plan->code = g_strndup (key, (gsize) (at - key));
  plan->version = g_ascii_strtoll (at + 1, NULL, 10);
  plan->values = dc_record_new (&dc_asset_kind);
  g_autofree char *shown = field (im, row, "now:code");
  if (!g_str_equal (shown, plan->code))
    problem (im, row->number, "now:code", _ ("資産番号 %s does not belong to this row (its key is %s): rows "
             "were copied over each other; export the section's workbook again"), shown, plan->code);
  gpointer earlier = g_hash_table_lookup (im->seen, plan->code);
  if (earlier)
    problem (im, row->number, NULL, _ ("asset %s is answered twice in this sheet (also in row %u)"), plan->code,
             GPOINTER_TO_UINT (earlier));
  else
    g_hash_table_insert (im->seen, g_strdup (plan->code), GUINT_TO_POINTER (row->number));
  const DcReviewItem *item = g_hash_table_lookup (im->items, plan->code);
  if (!item) {
    problem (im, row->number, NULL, _ ("asset %s is not part of the review of fiscal year %d"), plan->code,
             im->campaign->fiscal_year);
    return plan;
  }
  if (!g_str_equal (item->section, im->report->section)) {
    problem (im, row->number, NULL, _ ("asset %s is answered by section %s in this review, not by %s"),
             plan->code, item->section, im->report->section);
    return plan;
  }

  g_autofree char *decision = field (im, row, "decision");
  if (!*decision) {
    /* 確認者 or a comment alone is an answer half given: said, not dropped. */
    const char *filled = first_answer (im, row, FALSE, TRUE);
    if (filled)
      problem (im, row->number, filled, _ ("判定 is empty, but this cell is filled in: choose 変更なし, 修正, "
               "廃棄 or 移管 (判定 ▼), or clear the cell"));
    else
      im->report->answered[0]++;  /* not answered: left pending */
    plan->decision = -2;
    return plan;
  }
  plan->decision = -2;
  for (int d = 0; d < DC_REVIEW_N_DECISIONS; d++)
    if (dc_text_matches (decision, dc_review_decisions[d]))
      plan->decision = d;
  if (plan->decision < 0) {
    problem (im, row->number, "decision", _ ("'%s' is not one of the choices (▼): 変更なし, 修正, 廃棄, 移管"),
             decision);
    return plan;
  }
  read_new_values (im, row, plan);
  check_decision (im, row, plan, item);
  plan->comment = field (im, row, "comment");
  read_reviewer (im, row, plan);
  if (item->asset_version != plan->version || !g_str_equal (item->asset_status, "active")) {
    g_autofree char *who = last_change (im, plan->code);
    problem (im, row->number, NULL,
             _ ("asset %s was changed after this workbook was written (version %lld in the workbook, %lld "
                "now%s): export the section's workbook again, or give --partial to apply the other rows"),
             plan->code, (long long) plan->version, (long long) item->asset_version, who);
    im->report->conflicts++;
  }
  return plan;
}

/* The new asset already added from the row keyed KEY of this section's
 * workbooks: its code and the return it came in (both NULL when none). */
static gboolean
new_row_taken (Import *im, const char *key, char **asset, char **return_code, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      im->store,
      "SELECT a.code, r.code FROM review_item i JOIN review_campaign c ON c.id = i.campaign_id"
      " JOIN section s ON s.id = i.section_id JOIN asset a ON a.id = i.asset_id"
      " LEFT JOIN review_return r ON r.id = i.return_id"
      " WHERE c.fiscal_year = ?1 AND s.code = ?2 AND i.new_row = ?3",
      error);
  if (!stmt)
    return FALSE;
  dc_stmt_bind_int (stmt, 1, im->campaign->fiscal_year);
  dc_stmt_bind_text (stmt, 2, im->report->section);
  dc_stmt_bind_text (stmt, 3, key);
  int rc = dc_store_step (im->store, stmt, error);
  if (rc == DC_STMT_ROW) {
    *asset = dc_stmt_dup (stmt, 0);
    *return_code = dc_stmt_dup (stmt, 1);
  }
  return rc == DC_STMT_ROW || rc == DC_STMT_DONE;
}

/* A new row's key: "new:TOKEN:N" as written, or the plain "new" of older
 * workbooks (NULL: nothing to recognise it by). FALSE with a problem when
 * the key was changed, taken already, or met twice in the sheet. */
static gboolean
check_new_row_key (Import *im, const DcImportRow *row, const char *key, char **new_row)
{
  if (g_str_equal (key, DC_REVIEW_KEY_NEW))
    return TRUE;
  const char *rest = key + strlen (DC_REVIEW_KEY_NEW_PREFIX);
  const char *colon = strchr (rest, ':');
  if (!colon || colon - rest != 8 || strspn (rest, "0123456789abcdef") != 8 || !colon[1] ||
      strspn (colon + 1, "0123456789") != strlen (colon + 1)) {
    problem (im, row->number, "key", _ ("the row's hidden key '%s' was changed; export the section's "
             "workbook again"), key);
    return FALSE;
  }
  gpointer earlier = g_hash_table_lookup (im->seen, key);
  if (earlier) {
    problem (im, row->number, NULL, _ ("this row for a new asset appears twice in this sheet (also in row %u): "
             "rows were copied; write each new asset in a row of its own"), GPOINTER_TO_UINT (earlier));
    return FALSE;
  }
  g_hash_table_insert (im->seen, g_strdup (key), GUINT_TO_POINTER (row->number));
  g_autofree char *asset = NULL, *return_code = NULL;
  g_autoptr (GError) error = NULL;
  if (!new_row_taken (im, key, &asset, &return_code, &error)) {
    problem (im, row->number, NULL, "%s", error->message);
    return FALSE;
  }
  if (asset) {
    problem (im, row->number, NULL, _ ("this new asset was already added from this workbook as %s (review %s); "
             "it is not added again: clear the row, or write a new asset in a row not used before"),
             asset, return_code ? return_code : "");
    im->report->conflicts++;
    return FALSE;
  }
  *new_row = g_strdup (key);
  return TRUE;
}

static Plan *
read_new_asset (Import *im, const DcImportRow *row, const char *key)
{
  if (!first_filled (im, row, DC_REVIEW_COL_NEW)) {
    /* 確認者 or 確認日 alone is a name filled down the sheet: harmless. */
    g_autofree char *comment = field (im, row, "comment");
    if (*comment)
      problem (im, row->number, "comment", _ ("a new asset's row has a comment but no values: fill in the "
               "asset (資産種別, 資産名称, 機密性, 完全性, 可用性, 管理責任者) or clear the comment"));
    return NULL;  /* an unused row for new assets */
  }
  g_autofree char *new_row = NULL;
  if (!check_new_row_key (im, row, key, &new_row))
    return NULL;
  Plan *plan = g_new0 (Plan, 1);
  plan->row = row->number;
  plan->is_new = TRUE;
  plan->new_row = g_steal_pointer (&new_row);
  plan->decision = -1;
  plan->values = dc_record_new (&dc_asset_kind);
  read_new_values (im, row, plan);
  const char *required[] = { "type", "name", "c", "i", "a", "post" };
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++) {
    g_autofree char *column = g_strconcat ("new:", required[i], NULL);
    g_autofree char *text = field (im, row, column);
    if (!*text)
      problem (im, row->number, column, _ ("a new asset needs %s"),
               dc_record_kind_field (&dc_asset_kind, required[i])->ja);
  }
  dc_record_set (plan->values, "section", im->report->section, NULL);
  plan->comment = field (im, row, "comment");
  read_reviewer (im, row, plan);
  return plan;
}

static void
read_row (DcImportTable *table, const DcImportRow *row, gpointer data)
{
  Import *im = data;
  guint before = im->report->problems->len;
  g_autofree char *key = field (im, row, "key");
  Plan *plan = NULL;
  if (!*key) {
    if (first_answer (im, row, TRUE, TRUE))
      problem (im, row->number, NULL, _ ("this row was not written by daicho (it has no key): answer in the "
               "rows of the assets, and add new assets in the rows marked （新規）"));
  } else if (g_str_equal (key, DC_REVIEW_KEY_NEW) || g_str_has_prefix (key, DC_REVIEW_KEY_NEW_PREFIX)) {
    plan = read_new_asset (im, row, key);
  } else {
    plan = read_existing (im, row, key);
  }
  gboolean refused = im->report->problems->len > before;
  if (refused)
    im->report->refused++;
  if (plan && (refused || plan->decision >= -1)) {
    plan->refused = refused;
    g_ptr_array_add (im->plans, plan);
  } else if (plan) {
    plan_free (plan);  /* an unanswered row */
  }
}

/* ---- applying ---- */

static char *
actor_for (Import *im, const Plan *plan)
{
  return g_strdup_printf ("%s (review %s)", plan->reviewer, im->report->return_code);
}

static gint64
asset_version (DcStore *store, const char *code)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (store, "SELECT version FROM asset WHERE code = ?1", NULL);
  if (!stmt)
    return -1;
  dc_stmt_bind_text (stmt, 1, code);
  return dc_store_step (store, stmt, NULL) == DC_STMT_ROW ? dc_stmt_int64 (stmt, 0) : -1;
}

typedef struct {
  Import *im;
  const Plan *plan;
} Apply;

static gboolean
apply_asset (DcStore *store, gpointer data, GError **error)
{
  Apply *a = data;
  gboolean any = FALSE;
  for (guint i = 0; i < dc_asset_kind.n_fields; i++)
    any |= a->plan->values->values[i] != NULL;
  if (any && !dc_asset_apply_changes (store, a->plan->code, a->plan->values, TRUE, error))
    return FALSE;
  /* The review's own dates, without a new version: the content did not change. */
  g_autoptr (DcRecord) dates = dc_record_new (&dc_asset_kind);
  g_autofree char *next = dc_date_fiscal_year_end (a->im->campaign->fiscal_year + 1);
  gboolean disposed = g_strcmp0 (dc_record_get (a->plan->values, "status"), "disposed") == 0;
  dc_record_set (dates, "last_reviewed_on", a->plan->reviewed_on, NULL);
  dc_record_set (dates, "next_review_due", disposed ? "" : next, NULL);
  return dc_record_update_managed (store, a->plan->code, dates, error);
}

/* "機密性: 2 → 3; 備考: → …" from the history entries from FIRST_SEQ on. */
static char *
describe_changes (DcStore *store, const char *code, gint64 first_seq)
{
  DcHistoryFilter filter = { "asset", code, NULL };
  g_autoptr (GPtrArray) entries = dc_history_list (store, &filter, NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  static const char *const quiet[] = { "version", "updated_on", "last_reviewed_on", "next_review_due", NULL };
  for (guint i = 0; entries && i < entries->len; i++) {
    DcHistoryEntry *e = g_ptr_array_index (entries, i);
    if (e->seq < first_seq || !e->before_json)
      continue;
    g_autoptr (GPtrArray) diff = dc_history_changes (store, e, NULL);
    for (guint d = 0; diff && d < diff->len; d++) {
      DcFieldChange *fc = g_ptr_array_index (diff, d);
      gboolean empty = (!fc->before || !*fc->before) && (!fc->after || !*fc->after);
      if (g_strv_contains (quiet, fc->field) || empty)
        continue;
      const DcField *f = dc_record_kind_field (&dc_asset_kind, fc->field);
      g_string_append_printf (text, "%s%s: %s → %s", text->len ? "; " : "", f ? f->ja : fc->field,
                              fc->before ? fc->before : "", fc->after ? fc->after : "");
    }
  }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
apply_plan (Import *im, Plan *plan, gint64 first_seq, GError **error)
{
  g_autofree char *actor = actor_for (im, plan);
  dc_store_set_actor (im->store, actor);
  const char *state;
  if (plan->is_new) {
    g_autofree char *next = dc_date_fiscal_year_end (im->campaign->fiscal_year + 1);
    dc_record_set (plan->values, "last_reviewed_on", plan->reviewed_on, NULL);
    dc_record_set (plan->values, "next_review_due", next, NULL);
    if (!dc_asset_add (im->store, plan->values, error))
      return FALSE;
    plan->code = g_strdup (dc_record_key (plan->values));
    state = "added";
  } else {
    gint64 before = asset_version (im->store, plan->code);
    Apply apply = { im, plan };
    if (!dc_change (im->store, NC_ ("action", "review"), "asset", plan->code, apply_asset, &apply, error))
      return FALSE;
    state = dc_review_decision_states[plan->decision];
    if (g_str_equal (state, "changed") && asset_version (im->store, plan->code) == before)
      state = "unchanged";  /* 修正 that repeated the register's values */
  }
  DcReviewAnswer answer = { state, plan->reviewer, plan->reviewed_on, plan->comment, im->report->return_code,
                            plan->new_row };
  if (!dc_review_answer (im->store, im->campaign->fiscal_year, plan->code, &answer, NC_ ("action", "review"), error))
    return FALSE;
  DcReviewImportRow *out = g_new0 (DcReviewImportRow, 1);
  out->row = plan->row;
  out->code = g_strdup (plan->code);
  out->decision = g_strdup (plan->is_new ? "新規" : dc_review_decisions[plan->decision]);
  out->state = g_strdup (state);
  out->reviewer = g_strdup (plan->reviewer);
  out->changes = plan->is_new ? g_strdup (dc_record_get (plan->values, "name"))
                              : describe_changes (im->store, plan->code, first_seq);
  g_ptr_array_add (im->report->rows, out);
  return TRUE;
}

typedef struct {
  Import *im;
  const char *path;
  const char *counts;
  gboolean partial;
} ReturnRecord;

static gboolean
apply_return (DcStore *store, gpointer data, GError **error)
{
  ReturnRecord *r = data;
  DcReviewImportReport *report = r->im->report;
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      store,
      "INSERT INTO review_return (code, campaign_id, section_id, file_name, sha256, reviewer, reviewed_on,"
      " imported_on, partial, counts) SELECT ?1, c.id, s.id, ?2, ?3, ?4, ?5, ?6, ?7, ?8"
      " FROM review_campaign c, section s WHERE c.fiscal_year = ?9 AND s.code = ?10",
      error);
  if (!stmt)
    return FALSE;
  const char *texts[] = { report->return_code, report->file, report->sha256, report->reviewer,
                          report->reviewed_on, r->im->today };
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    dc_stmt_bind_text (stmt, (int) i + 1, texts[i]);
  dc_stmt_bind_int (stmt, 7, r->partial);
  dc_stmt_bind_text (stmt, 8, r->counts);
  dc_stmt_bind_int (stmt, 9, report->fiscal_year);
  dc_stmt_bind_text (stmt, 10, report->section);
  return dc_store_run (store, stmt, error);
}

/* The reviewer and date the returned workbook is recorded with: the sign-off,
 * else those of its rows. */
static void
sign_report (Import *im, GPtrArray *applied)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  const char *latest = NULL;
  for (guint i = 0; i < applied->len; i++) {
    const Plan *plan = g_ptr_array_index (applied, i);
    if (!g_ptr_array_find_with_equal_func (names, plan->reviewer, g_str_equal, NULL))
      g_ptr_array_add (names, plan->reviewer);
    if (!latest || strcmp (plan->reviewed_on, latest) > 0)
      latest = plan->reviewed_on;
  }
  g_ptr_array_add (names, NULL);
  im->report->reviewer = im->signoff_name && *im->signoff_name ? g_strdup (im->signoff_name)
                                                               : g_strjoinv ("、", (char **) names->pdata);
  im->report->reviewed_on = g_strdup (im->signoff_date && *im->signoff_date ? im->signoff_date : latest);
}

static char *
next_return_code (Import *im, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (
      im->store,
      "SELECT count(*) FROM review_return r JOIN review_campaign c ON c.id = r.campaign_id"
      " JOIN section s ON s.id = r.section_id WHERE c.fiscal_year = ?1 AND s.code = ?2",
      error);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int (stmt, 1, im->campaign->fiscal_year);
  dc_stmt_bind_text (stmt, 2, im->report->section);
  if (dc_store_step (im->store, stmt, error) != DC_STMT_ROW)
    return NULL;
  return g_strdup_printf ("%d/%s/%d", im->campaign->fiscal_year, im->report->section,
                          dc_stmt_int (stmt, 0) + 1);
}

static gboolean
apply_all (Import *im, gboolean partial, GError **error)
{
  g_autoptr (GPtrArray) applied = g_ptr_array_new ();
  for (guint i = 0; i < im->plans->len; i++) {
    Plan *plan = g_ptr_array_index (im->plans, i);
    if (!plan->refused) {
      g_ptr_array_add (applied, plan);
      im->report->answered[plan->is_new ? 5 : plan->decision + 1]++;
    }
  }
  if (applied->len == 0) {
    gboolean conflicts = im->report->conflicts && im->report->conflicts == im->report->problems->len;
    g_set_error (error, DC_REVIEW_ERROR, conflicts ? DC_ERROR_CONFLICT : DC_ERROR_INVALID,
                 _ ("%s: no row has a decision (判定) or a new asset%s; nothing was imported"), im->report->file,
                 im->report->refused ? _ (" without problems") : "");
    return FALSE;
  }
  sign_report (im, applied);
  im->report->return_code = next_return_code (im, error);
  if (!im->report->return_code)
    return FALSE;
  const guint *n = im->report->answered;
  g_autofree char *counts = g_strdup_printf (
      "{\"unchanged\":%u,\"changed\":%u,\"disposed\":%u,\"transferred\":%u,\"added\":%u,"
      "\"unanswered\":%u,\"refused\":%u}", n[1], n[2], n[3], n[4], n[5], n[0], im->report->refused);
  ReturnRecord record = { im, NULL, counts, partial && im->report->refused > 0 };
  if (!dc_change (im->store, NC_ ("action", "import"), "review_return", im->report->return_code, apply_return, &record, error))
    return FALSE;
  gint64 head = 0;
  g_autofree char *hash = dc_history_head (im->store, &head, error);
  if (!hash)
    return FALSE;
  g_autofree char *importer = g_strdup (dc_store_actor (im->store));
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < applied->len; i++)
    ok = apply_plan (im, g_ptr_array_index (applied, i), head + 1, error);
  dc_store_set_actor (im->store, importer);
  if (!ok)
    g_prefix_error (error, "%s: ", im->report->file);
  return ok;
}

/* ---- the whole file ---- */

static DcHeaderSynonyms *
header_synonyms (void)
{
  guint n;
  const DcReviewColumn *columns = dc_review_columns (&n);
  DcHeaderSynonyms *synonyms = g_new0 (DcHeaderSynonyms, n + 1);
  for (guint c = 0; c < n; c++) {
    synonyms[c].field = columns[c].name;
    synonyms[c].synonyms = g_strconcat (columns[c].header, "|", columns[c].header, " ▼", NULL);
  }
  return synonyms;
}

static void
header_synonyms_free (DcHeaderSynonyms *synonyms)
{
  for (DcHeaderSynonyms *s = synonyms; s->field; s++)
    g_free ((char *) s->synonyms);
  g_free (synonyms);
}

/* Everything inside the transaction; FALSE with ERROR when the file as a whole
 * is refused or the database fails. */
static gboolean
import_in_transaction (Import *im, const char *path, const DcReviewImportOptions *options,
                       GError **error)
{
  DcReviewImportReport *report = im->report;
  im->campaign = dc_review_campaign_get (im->store, report->fiscal_year, error);
  if (!im->campaign)
    return FALSE;
  if (g_str_equal (im->campaign->status, "closed")) {
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT,
                 _ ("%s: the review of fiscal year %d was closed on %s; its workbooks are no longer taken"),
                 report->file, report->fiscal_year, im->campaign->closed_on);
    return FALSE;
  }
  g_autoptr (DcRecord) section = dc_record_get_one (im->store, &dc_section_kind, report->section, error);
  if (!section)
    return FALSE;
  report->section_name = g_strdup (dc_record_get (section, "name"));
  g_autoptr (DcStmt) same = dc_store_prepare (
      im->store, "SELECT r.code, r.imported_on FROM review_return r JOIN review_campaign c ON c.id = r.campaign_id"
                 " WHERE c.fiscal_year = ?1 AND r.sha256 = ?2", error);
  if (!same)
    return FALSE;
  dc_stmt_bind_int (same, 1, report->fiscal_year);
  dc_stmt_bind_text (same, 2, report->sha256);
  int rc = dc_store_step (im->store, same, error);
  if (rc == DC_STMT_ROW)
    g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_CONFLICT,
                 _ ("%s: this very file was already imported on %s (review %s)"), report->file,
                 dc_stmt_text (same, 1), dc_stmt_text (same, 0));
  if (rc != DC_STMT_DONE)
    return FALSE;
  g_autoptr (GPtrArray) items = dc_review_items (im->store, report->fiscal_year, NULL, error);
  if (!items)
    return FALSE;
  im->items = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < items->len; i++) {
    DcReviewItem *item = g_ptr_array_index (items, i);
    g_hash_table_insert (im->items, item->asset, item);
  }

  DcHeaderSynonyms *synonyms = header_synonyms ();
  static const char *const required[] = { "key", "decision", NULL };
  DcImportSource source = { .sheet = DC_REVIEW_SHEET };
  im->table = dc_import_table_open (path, &source, synonyms, required, report->problems, error);
  gboolean ok = im->table && dc_import_table_foreach (im->table, read_row, im, error);
  header_synonyms_free (synonyms);
  if (!ok)
    return FALSE;
  if (report->problems->len && !options->partial) {
    gboolean conflicts = report->conflicts == report->problems->len;
    g_set_error (error, DC_REVIEW_ERROR, conflicts ? DC_ERROR_CONFLICT : DC_ERROR_INVALID,
                 conflicts ? dc_ngettext ("%s: %u problem (rows changed since the workbook was written); "
                                          "nothing was imported",
                                          "%s: %u problems (rows changed since the workbook was written); "
                                          "nothing was imported", report->problems->len)
                           : dc_ngettext ("%s: %u problem; nothing was imported",
                                          "%s: %u problems; nothing was imported", report->problems->len),
                 report->file, report->problems->len);
    return FALSE;
  }
  return apply_all (im, options->partial, error);
}

gboolean
dc_review_import (DcStore *store, const char *path, const DcReviewImportOptions *options,
                  DcReviewImportReport *report, GError **error)
{
  memset (report, 0, sizeof *report);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->file = g_path_get_basename (path);
  g_autofree char *today = dc_date_today ();
  Import im = { .store = store, .report = report, .today = today,
                .seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                .plans = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_free) };
  gboolean ok = (report->sha256 = dc_file_sha256 (path, error)) &&
                read_top (path, &report->fiscal_year, &report->section, &im.signoff_name,
                          &im.signoff_date, error);
  /* The sign-off date as a date, or a problem naming it. */
  if (ok && im.signoff_date && *im.signoff_date) {
    g_autoptr (GError) local = NULL;
    g_autofree char *date = dc_date_normalise (im.signoff_date, DC_REVIEW_SIGNOFF_DATE, &local);
    g_free (im.signoff_date);
    im.signoff_date = g_steal_pointer (&date);
    if (!im.signoff_date) {
      g_set_error (error, DC_REVIEW_ERROR, DC_ERROR_INVALID, _ ("%s, sheet %s: %s at the top of the sheet: %s"),
                   report->file, DC_REVIEW_SHEET, DC_REVIEW_SIGNOFF_DATE, local->message);
      ok = FALSE;
    }
  }
  /* Hold the write lock from the first look at the versions to the end. */
  ok = ok && dc_store_begin (store, error);
  if (ok) {
    ok = import_in_transaction (&im, path, options, error);
    if (ok && !options->dry_run)
      ok = dc_store_commit (store, error);
    else
      dc_store_rollback (store);
  }
  dc_review_campaign_free (im.campaign);
  dc_import_table_free (im.table);
  if (im.items)
    g_hash_table_unref (im.items);
  g_hash_table_unref (im.seen);
  g_ptr_array_unref (im.plans);
  g_free (im.signoff_name);
  g_free (im.signoff_date);
  return ok;
}
