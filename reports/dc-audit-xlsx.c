#include "dc-audit-xlsx.h"
#include "base/dc-i18n.h"
#include "dc-workbook.h"
#include "audit/dc-words.h"
#include "base/dc-json.h"

#include <string.h>

#define DOCUMENT "監査資料"

/* A cell's text as shown, newly allocated: finding kinds by their Japanese
 * names, times in local time. */
typedef char *(*Label) (const char *value);

/* A column's value is the member MEMBER of the snapshot in the sheet's first
 * SQL column ("[]name": the items of an array member, joined with 、), or,
 * with no MEMBER, the next of the SQL columns after the first. */
typedef struct {
  DcWorkbookColumn column;
  Label label;
  const char *member;
} Column;

/* One sheet: a table from SQL over audit_state: the row's snapshot (or NULL)
 * first, then the columns that are not members, in order.
 * With PER_SYSTEM, one sheet per system, :system bound to its code. */
typedef struct {
  const char *name;
  const char *title;
  const Column *columns;
  guint n_columns;
  const char *sql;
  gboolean per_system;
  gboolean history;     /* the change list from the row's before and after JSON */
} Sheet;

static char *
finding_label (const char *kind)
{
  DcFindingKind k;
  return g_strdup (kind && dc_finding_kind_parse (kind, &k) ? dc_finding_kind_ja (k) : kind);
}

static char *
decision_label (const char *decision)
{
  return decision ? g_strdup (dc_stocktake_decision_ja (decision)) : NULL;
}

static char *
id_label (const char *code)
{
  return code ? g_strdup (dc_id_kind_name (code)) : NULL;
}

static char *
review_label (const char *state)
{
  return state ? g_strdup (dc_review_state_name (state)) : NULL;
}

static char *
yes_label (const char *flag)
{
  return g_strdup (flag && !g_str_equal (flag, "0") ? "はい" : "");
}

static char *
action_label (const char *action)
{
  return g_strdup (dc_words_action (action));
}

static char *
entity_label (const char *entity)
{
  return g_strdup (dc_words_entity (entity));
}

static const Column id_columns[] = {
  { { "ログインID", 20, FALSE }, NULL, "login_id" }, { { "種別", 10, FALSE }, id_label, "kind" },
  { { "保有者(職員番号)", 14, FALSE }, NULL, "holder" }, { { "氏名", 14, FALSE }, NULL, "holder_name" },
  { { "権限", 24, FALSE }, NULL, "[]privileges" }, { { "申請者", 12, FALSE }, NULL, "applicant" }, { { "承認者", 12, FALSE }, NULL, "approver" },
  { { "登録者", 12, FALSE }, NULL, "registrar" }, { { "承認日", 11, FALSE }, NULL, "approved_on" }, { { "有効期限", 11, FALSE }, NULL, "valid_until" },
  { { "共有の理由", 20, FALSE }, NULL, "shared_reason" }, { { "共有者", 20, FALSE }, NULL, "[]shared_users" }, { { "状態", 8, FALSE }, id_label, "status" },
  { { "削除日", 11, FALSE }, NULL, "revoked_on" }, { { "備考", 24, FALSE }, NULL, "note" }, { { "登録日", 11, FALSE }, NULL, "created_on" },
  { { "更新日", 11, FALSE }, NULL, "updated_on" },
};

static const Column run_columns[] = {
  { { "回", 5, TRUE }, NULL, "run" }, { { "システム", 14, FALSE }, NULL, "system" }, { { "基準日", 11, FALSE }, NULL, "as_of" },
  { { "実施日時", 20, FALSE }, dc_date_time_local, "run_at" }, { { "実施者", 12, FALSE }, NULL, "operator" },
  { { "エクスポートファイル", 24, FALSE }, NULL, "export_file" }, { { "SHA-256", 30, FALSE }, NULL, "export_sha256" },
  { { "行数", 8, TRUE }, NULL, "export_rows" }, { { "台帳件数", 8, TRUE }, NULL, "register_entries" }, { { "検出件数", 8, TRUE }, NULL, "findings" },
  { { "確認者(補職)", 14, FALSE }, NULL, "checked_post" }, { { "確認者", 12, FALSE }, NULL, "checked_person" },
  { { "承認者(補職)", 14, FALSE }, NULL, "signoff_post" }, { { "承認者", 12, FALSE }, NULL, "signoff_person" }, { { "承認日", 11, FALSE }, NULL, "signoff_on" },
};

static const Column finding_columns[] = {
  { { "回", 5, TRUE }, NULL, NULL }, { { "番号", 6, TRUE }, NULL, NULL }, { { "種別", 18, FALSE }, finding_label, NULL },
  { { "ログインID", 18, FALSE }, NULL, NULL }, { { "保有者", 12, FALSE }, NULL, NULL }, { { "氏名", 12, FALSE }, NULL, NULL },
  { { "内容", 30, FALSE }, NULL, NULL }, { { "判定", 12, FALSE }, decision_label, "decision" }, { { "判定の備考", 24, FALSE }, NULL, "note" },
  { { "期限", 11, FALSE }, NULL, "until" }, { { "判定者", 12, FALSE }, NULL, "decided_by" }, { { "判定日", 11, FALSE }, NULL, "decided_on" },
};

static const Column campaign_columns[] = {
  { { "年度", 6, TRUE }, NULL, "fiscal_year" }, { { "開始日", 11, FALSE }, NULL, "opened_on" }, { { "期限", 11, FALSE }, NULL, "due_on" },
  { { "状態", 8, FALSE }, NULL, "status" }, { { "終了日", 11, FALSE }, NULL, "closed_on" }, { { "終了した補職", 14, FALSE }, NULL, "closed_by" },
  { { "備考", 30, FALSE }, NULL, "note" },
};

static const Column item_columns[] = {
  { { "年度", 6, TRUE }, NULL, "fiscal_year" }, { { "資産", 10, FALSE }, NULL, "asset" }, { { "資産名称", 24, FALSE }, NULL, NULL },
  { { "所管課", 12, FALSE }, NULL, "section" }, { { "結果", 10, FALSE }, review_label, "state" }, { { "見直し者", 12, FALSE }, NULL, "reviewer" },
  { { "見直し日", 11, FALSE }, NULL, "reviewed_on" }, { { "コメント", 30, FALSE }, NULL, "comment" }, { { "回収票", 16, FALSE }, NULL, "return" },
};

static const Column return_columns[] = {
  { { "回収票", 16, FALSE }, NULL, "code" }, { { "年度", 6, TRUE }, NULL, "fiscal_year" }, { { "所管課", 12, FALSE }, NULL, "section" },
  { { "ファイル名", 30, FALSE }, NULL, "file_name" }, { { "SHA-256", 30, FALSE }, NULL, "sha256" }, { { "見直し者", 12, FALSE }, NULL, "reviewer" },
  { { "見直し日", 11, FALSE }, NULL, "reviewed_on" }, { { "取込日", 11, FALSE }, NULL, "imported_on" }, { { "一部のみ", 8, FALSE }, yes_label, "partial" },
};

static const Column history_columns[] = {
  { { "番号", 8, TRUE }, NULL, NULL }, { { "日時", 22, FALSE }, dc_date_time_local, NULL }, { { "実施者", 16, FALSE }, NULL, NULL },
  { { "操作", 10, FALSE }, action_label, NULL }, { { "対象", 14, FALSE }, entity_label, NULL }, { { "キー", 16, FALSE }, NULL, NULL },
  { { "変更内容", 60, FALSE }, NULL, NULL }, { { "ハッシュ", 30, FALSE }, NULL, NULL },
};

static const Sheet id_sheets[] = {
  { NULL, "ID管理簿", id_columns, G_N_ELEMENTS (id_columns),
    "SELECT json FROM audit_state WHERE entity = 'id_entry' AND system = :system ORDER BY key", TRUE, FALSE },
};

static const Sheet stocktake_sheets[] = {
  { "実施一覧", "ID棚卸 実施一覧", run_columns, G_N_ELEMENTS (run_columns),
    "SELECT json FROM audit_state WHERE entity = 'reconcile_run' ORDER BY CAST(key AS BIGINT)", FALSE, FALSE },
  /* Findings are written once with their run; decisions are entities of their own. */
  { "検出事項", "ID棚卸 検出事項と判定", finding_columns, G_N_ELEMENTS (finding_columns),
    "SELECT d.json, f.run_id, f.seq, f.kind, f.raw_login_id, f.holder, f.holder_name, f.detail"
    " FROM reconcile_finding f JOIN audit_state r ON r.entity = 'reconcile_run' AND CAST(r.key AS BIGINT) = f.run_id"
    " LEFT JOIN audit_state d ON d.entity = 'reconcile_decision' AND d.key = f.run_id || '/' || f.seq"
    " ORDER BY f.run_id, f.seq", FALSE, FALSE },
};

static const Sheet review_sheets[] = {
  { "実施状況", "見直し 実施状況", campaign_columns, G_N_ELEMENTS (campaign_columns),
    "SELECT json FROM audit_state WHERE entity = 'review_campaign' ORDER BY CAST(key AS BIGINT)", FALSE, FALSE },
  { "見直し結果", "見直し 資産ごとの結果", item_columns, G_N_ELEMENTS (item_columns),
    "SELECT i.json, (SELECT a.name FROM audit_state a WHERE a.entity = 'asset' AND a.key = i.asset)"
    " FROM audit_state i WHERE i.entity = 'review_item' ORDER BY i.key", FALSE, FALSE },
  { "回収票", "見直し 回収した見直し票", return_columns, G_N_ELEMENTS (return_columns),
    "SELECT json FROM audit_state WHERE entity = 'review_return' ORDER BY key", FALSE, FALSE },
};

/* The fields an entry changed, one per line ("name: before → after"); an
 * addition with the values it was made with ("name: value"); in words, not
 * codes (dc_words_changes). The change list is made from the last two
 * columns (before and after). %s: the register's schema. */
#define HISTORY_SQL \
    "SELECT NULL, h.seq, h.at, h.actor, h.action, h.entity, h.entity_key, NULL, h.hash, h.before_json, h.after_json" \
    " FROM %s.history h WHERE (CAST(:from AS TEXT) IS NULL OR h.at >= :from) AND (CAST(:to AS TEXT) IS NULL OR h.at < :to)" \
    " AND (:filtered = 0 OR EXISTS (SELECT 1 FROM audit_state s WHERE s.entity = h.entity AND s.key = h.entity_key))" \
    " ORDER BY h.seq"

static const Sheet history_sheets[] = {
  { "変更履歴", "変更履歴", history_columns, G_N_ELEMENTS (history_columns), NULL, FALSE, TRUE },
};

/* The change list of a history row (its seventh SQL column). */
static char *
history_changes (DcStore *store, DcStmt *stmt, GError **error)
{
  g_autofree char *entity = dc_stmt_dup (stmt, 5);
  g_autofree char *before = dc_stmt_dup (stmt, 9);
  g_autofree char *after = dc_stmt_dup (stmt, 10);
  if (!after)
    return g_strdup ("(削除)");
  DcHistoryEntry entry = { .entity = entity, .before_json = before, .after_json = after };
  g_autofree char *changes = dc_words_changes (store, &entry, TRUE, "\n", error);
  if (!changes)
    return NULL;
  return before ? g_steal_pointer (&changes) : g_strconcat ("(新規)", *changes ? "\n" : "", changes, NULL);
}

typedef struct {
  DcStore *store;
  const DcAuditBook *book;
  lxw_workbook *workbook;
  lxw_format *header, *text, *number;
  guint rows;
} Writer;

/* A cell of at most what Excel holds: a long change list is cut, and says so. */
static char *
cell_text (const char *text)
{
  if (!text || strlen (text) < 30000)
    return g_strdup (text ? text : "");
  const char *end = g_utf8_find_prev_char (text, text + 30000);
  return g_strdup_printf ("%.*s …(以下省略)", (int) (end - text), text);
}

static void
bind_params (DcStmt *stmt, const DcAuditBook *book, const char *system)
{
  const struct { const char *name, *value; } params[] = {
    { ":system", system }, { ":from", book->history_from }, { ":to", book->history_to },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (params); i++) {
    int index = dc_stmt_param (stmt, params[i].name);
    if (index)
      dc_stmt_bind_text (stmt, index, params[i].value);
  }
  int filtered = dc_stmt_param (stmt, ":filtered");
  if (filtered)
    dc_stmt_bind_int (stmt, filtered, book->filtered);
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
static char *
sheet_name (const char *text)
{
  g_autoptr (GString) name = g_string_new (NULL);
  for (const char *p = text; *p && g_utf8_strlen (name->str, -1) < 31; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    g_string_append_unichar (name, strchr ("[]:*?/\\", (int) c) && c < 128 ? '_' : c);
  }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* The value of member MEMBER of the snapshot JSON as a new string (see Column). */
static char *
member_text (GPtrArray *members, const char *member)
{
  gboolean list = g_str_has_prefix (member, "[]");
  member += list ? 2 : 0;
  for (guint i = 0; members && i < members->len; i++) {
    const DcJsonMember *m = g_ptr_array_index (members, i);
    if (!m->key || !g_str_equal (m->key, member))
      continue;
    if (!list || m->kind != DC_JSON_ARRAY)
      return g_strdup (m->value);
    g_autoptr (GPtrArray) items = dc_json_members (m->value);
    if (!items || items->len == 0)
      return NULL;
    GString *joined = g_string_new (NULL);
    for (guint k = 0; k < items->len; k++) {
      const DcJsonMember *item = g_ptr_array_index (items, k);
      g_string_append_printf (joined, "%s%s", k ? "、" : "", item->value ? item->value : "");
    }
    return g_string_free (joined, FALSE);
  }
  return NULL;
}

/* The cells of the current row of STMT for sheet S, into CELLS. */
static gboolean
row_cells (Writer *w, const Sheet *s, DcStmt *stmt, GPtrArray *cells, GError **error)
{
  g_autoptr (GPtrArray) members = dc_stmt_is_null (stmt, 0) ? NULL : dc_json_members (dc_stmt_text (stmt, 0));
  int next = 1;
  g_ptr_array_set_size (cells, 0);
  for (guint c = 0; c < s->n_columns; c++) {
    const Column *column = &s->columns[c];
    int sql_column = column->member ? -1 : next++;
    g_autofree char *value = column->member ? member_text (members, column->member)
                                            : g_strdup (dc_stmt_text (stmt, sql_column));
    g_autofree char *shown = NULL;
    if (s->history && c == 6) {
      if (!(shown = history_changes (w->store, stmt, error)))
        return FALSE;
    } else if (column->label) {
      shown = column->label (value);
    } else {
      shown = g_steal_pointer (&value);
    }
    g_ptr_array_add (cells, cell_text (shown));
  }
  g_ptr_array_add (cells, NULL);
  return TRUE;
}

static gboolean
write_sheet (Writer *w, const Sheet *s, const char *name, const char *system, GError **error)
{
  g_autofree char *sql = s->history ? g_strdup_printf (HISTORY_SQL, dc_store_schema (w->store)) : g_strdup (s->sql);
  g_autoptr (DcStmt) stmt = dc_store_prepare (w->store, sql, error);
  if (!stmt)
    return FALSE;
  bind_params (stmt, w->book, system);
  g_autofree DcWorkbookColumn *columns = g_new0 (DcWorkbookColumn, s->n_columns);
  for (guint c = 0; c < s->n_columns; c++)
    columns[c] = s->columns[c].column;
  g_auto (DcWorkbookGrid) grid = { 0 };
  g_autofree char *valid = sheet_name (name);
  if (!dc_workbook_grid_begin (&grid, workbook_add_worksheet (w->workbook, valid), columns, s->n_columns,
                           w->header, w->text, w->number, error))
    return FALSE;
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = dc_store_step (w->store, stmt, error)) == DC_STMT_ROW) {
    if (!row_cells (w, s, stmt, cells, error))
      return FALSE;
    g_autofree char *label = g_strdup_printf ("%s %u", valid, grid.rows + 2);
    if (!dc_workbook_grid_row (&grid, (const char *const *) cells->pdata, NULL, label, error))
      return FALSE;
    w->rows++;
  }
  if (rc != DC_STMT_DONE)
    return FALSE;
  dc_workbook_grid_finish (&grid, 1);
  g_autofree char *title = system ? g_strdup_printf ("%s %s", s->title, system) : g_strdup (s->title);
  g_autofree char *right = g_strdup_printf ("基準日 %s", w->book->date);
  return dc_workbook_page_header (grid.sheet, w->book->handling_mark, DOCUMENT, w->book->organisation, title,
                              right, error);
}

/* A per-system sheet for each system with entries: "CODE 名称". */
static gboolean
write_per_system (Writer *w, const Sheet *s, GError **error)
{
  g_autoptr (DcStmt) stmt = dc_store_prepare (w->store,
    "SELECT s.key, s.name FROM audit_state s WHERE s.entity = 'system'"
    " AND EXISTS (SELECT 1 FROM audit_state e WHERE e.entity = 'id_entry' AND e.system = s.key)"
    " ORDER BY s.key", error);
  if (!stmt)
    return FALSE;
  int rc;
  while ((rc = dc_store_step (w->store, stmt, error)) == DC_STMT_ROW) {
    const char *code = dc_stmt_text (stmt, 0);
    const char *name = dc_stmt_text (stmt, 1);
    g_autofree char *title = g_strdup_printf ("%s %s", code, name ? name : "");
    if (!write_sheet (w, s, title, code, error))
      return FALSE;
  }
  return rc == DC_STMT_DONE;
}

gboolean
dc_audit_xlsx_write (DcStore *store, DcAuditBookKind kind, const DcAuditBook *book, const char *path,
                     guint *rows, GError **error)
{
  static const struct { const Sheet *sheets; guint n; } books[] = {
    [DC_AUDIT_ID_REGISTER] = { id_sheets, G_N_ELEMENTS (id_sheets) },
    [DC_AUDIT_STOCKTAKE] = { stocktake_sheets, G_N_ELEMENTS (stocktake_sheets) },
    [DC_AUDIT_REVIEW] = { review_sheets, G_N_ELEMENTS (review_sheets) },
    [DC_AUDIT_HISTORY] = { history_sheets, G_N_ELEMENTS (history_sheets) },
  };
  *rows = 0;
  DcWorkbookFile file = { 0 };
  if (!dc_workbook_begin (&file, path, error))
    return FALSE;
  Writer w = { store, book, file.workbook, NULL, NULL, NULL, 0 };
  w.header = dc_workbook_cell_format (w.workbook, 0xD9E1F2, FALSE);
  format_set_bold (w.header);
  w.text = dc_workbook_cell_format (w.workbook, 0, FALSE);
  w.number = dc_workbook_cell_format (w.workbook, 0, FALSE);
  format_set_align (w.number, LXW_ALIGN_CENTER);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < books[kind].n; i++) {
    const Sheet *s = &books[kind].sheets[i];
    ok = s->per_system ? write_per_system (&w, s, error) : write_sheet (&w, s, s->name, NULL, error);
  }
  if (ok && !w.rows) {  /* nothing to show: no workbook at all */
    dc_workbook_finish (&file, FALSE, NULL);
    return TRUE;
  }
  *rows = ok ? w.rows : 0;
  return dc_workbook_finish (&file, ok, error);
}
