#include "ids/dc-id-import.h"
#include "base/dc-i18n.h"
#include "base/dc-progress.h"
#include "store/dc-history.h"
#include "ids/dc-id.h"
#include "base/dc-matchkey.h"

#include <string.h>

/* The first word of each is the header daicho itself writes. */
const DcHeaderSynonyms dc_id_header_synonyms[] = {
  { "login_id", "ログインID|ユーザーID|ユーザID|利用者ID|ID|アカウント|アカウント名|アカウントID|ユーザー名|ユーザ名|ログイン名|Login ID|Login|User ID|UserID|Account|Account name|Username|User name" },
  { "holder", "職員番号|職員No|職員コード|社員番号|Employee number|Employee No|Employee ID" },
  { "holder_name", "氏名|利用者名|利用者|使用者|使用者名|保有者|名前|Name|Holder|Holder name" },
  { "kind", "ID種別|種別|ID区分|区分|Kind|Type|ID type" },
  { "privileges", "権限|付与権限|承認権限|アクセス権限|権限区分|ロール|権限グループ|Privileges|Privilege|Roles|Role|Groups" },
  { "applicant", "申請者|依頼者|Applicant|Requested by" },
  { "approver", "承認者|許可者|決裁者|Approver|Approved by" },
  { "registrar", "登録者|登録作業者|作業者|設定者|Registrar|Registered by" },
  { "approved_on", "承認日|許可日|決裁日|Approved on|Approval date" },
  { "valid_until", "有効期限|利用期限|使用期限|有効期間|Valid until|Expires|Expiry date" },
  { "shared_reason", "共有理由|共有の理由|共用理由|Reason for sharing|Shared reason" },
  { "shared_users", "共有者|共有利用者|共用者|利用者一覧|Shared by|Shared users|Named users" },
  { "status", "状態|ステータス|Status" },
  { "revoked_on", "削除日|抹消日|廃止日|Revoked on" },
  { "note", "備考|摘要|Note|Notes|Remarks" },
  { "created_on", "登録日|作成日|Created on" },
  { "updated_on", "更新日|Updated on" },
  { NULL, NULL }
};

static const char *const required_headers[] = { "login_id", NULL };

typedef struct {
  guint row;
  DcRecord *values;      /* the row's non-empty values */
  char *existing;        /* the register's login for this row, or NULL */
} IdRow;

static void
id_row_free (IdRow *row)
{
  dc_record_free (row->values);
  g_free (row->existing);
  g_free (row);
}

typedef struct {
  DcStore *store;
  DcImportTable *table;
  const DcImportOptions *options;
  DcImportAssetsReport *report;
  char *system;            /* code */
  gint64 system_id;
  GPtrArray *rows;
  GHashTable *keys;        /* match key → row in the file */
  guint conflicts;
} IdImport;

static char *
existing_login (IdImport *im, const char *key)
{
  g_autoptr (DcCachedStmt) stmt = dc_store_prepare_cached (
      im->store, "SELECT login_id FROM id_entry WHERE system_id = ?1 AND login_key = ?2", NULL);
  if (!stmt)
    return NULL;
  dc_stmt_bind_int64 (stmt, 1, im->system_id);
  dc_stmt_bind_text (stmt, 2, key);
  return dc_store_step (im->store, stmt, NULL) == DC_STMT_ROW ? dc_stmt_dup (stmt, 0) : NULL;
}

static void
read_id_row (DcImportTable *table, const DcImportRow *data_row, gpointer data)
{
  IdImport *im = data;
  IdRow *row = g_new0 (IdRow, 1);
  row->row = data_row->number;
  row->values = dc_record_new (&dc_id_kind);
  g_ptr_array_add (im->rows, row);
  for (guint i = 0; i < dc_id_kind.n_fields; i++) {
    const DcField *field = &dc_id_kind.fields[i];
    if (g_str_equal (field->name, "system"))
      continue;
    g_autofree char *text = dc_import_row_field (table, data_row, field->name, TRUE);
    if (!*text)
      continue;
    g_autoptr (GError) error = NULL;
    if (!dc_record_check_value (im->store, field, text, &error))
      dc_import_table_problem (table, row->row, field->name, error->message);
    else
      dc_record_set (row->values, field->name, text, NULL);
  }
  dc_record_set (row->values, "system", im->system, NULL);
  const char *login = dc_record_get (row->values, "login_id");
  if (!login) {
    dc_import_table_problem (table, row->row, "login_id",
                             _ ("ログインID (login ID) is empty; every row needs one"));
    return;
  }
  g_autofree char *key = dc_match_key (login, DC_MATCH_DEFAULT);
  guint earlier = GPOINTER_TO_UINT (g_hash_table_lookup (im->keys, key));
  if (earlier) {
    g_autofree char *message = g_strdup_printf (
        _ ("login %s is already in row %u of this file (logins are compared in NFKC without "
        "surrounding spaces)"), login, earlier);
    dc_import_table_problem (table, row->row, "login_id", message);
    return;
  }
  row->existing = existing_login (im, key);
  g_hash_table_insert (im->keys, g_steal_pointer (&key), GUINT_TO_POINTER (row->row));
  if (row->existing && im->options->mode == DC_IMPORT_NEW_ONLY) {
    g_autofree char *message = g_strdup_printf (
        _ ("login %s is already in the ID register of %s; give --update to change it from this "
        "file or --skip-existing to leave it"), row->existing, im->system);
    dc_import_table_problem (table, row->row, "login_id", message);
    im->conflicts++;
  }
}

static void
report_row (IdImport *im, IdRow *row, const DcHistoryOutcomes *outcomes)
{
  DcImportItem *item = g_new0 (DcImportItem, 1);
  item->row = row->row;
  item->code = g_strdup (row->existing ? row->existing : dc_record_get (row->values, "login_id"));
  g_autofree char *key = dc_id_history_key (im->system, item->code);
  const char *outcome = dc_history_outcomes_get (outcomes, key, &item->changes);
  if (row->existing && im->options->mode == DC_IMPORT_SKIP_EXISTING)
    outcome = "skip";
  if (g_str_equal (outcome, "add")) {
    g_free (item->changes);
    const char *holder = dc_record_get (row->values, "holder_name");
    item->changes = g_strdup (holder ? holder : "");
  }
  guint *counter = g_str_equal (outcome, "add") ? &im->report->added
                   : g_str_equal (outcome, "update") ? &im->report->updated
                   : g_str_equal (outcome, "skip") ? &im->report->skipped
                   : &im->report->unchanged;
  (*counter)++;
  item->action = g_strdup (outcome);
  g_ptr_array_add (im->report->items, item);
}

static gboolean
apply_rows (IdImport *im, gint64 first_seq, GError **error)
{
  g_autoptr (DcStaffRoster) roster = dc_staff_roster_load (im->store, error);
  if (!roster)
    return FALSE;
  for (guint i = 0; i < im->rows->len; i++) {
    IdRow *row = g_ptr_array_index (im->rows, i);
    g_autoptr (GError) local = NULL;
    gboolean ok = TRUE;
    if (!row->existing)
      ok = dc_id_add (im->store, roster, row->values, &local);
    else if (im->options->mode == DC_IMPORT_UPDATE)
      ok = dc_id_import_update (im->store, roster, im->system, row->existing, row->values, &local);
    if (!ok)
      dc_import_table_problem (im->table, row->row, NULL, local->message);
    dc_progress_update (_ ("rows stored"), i + 1, im->rows->len);
  }
  dc_progress_done ();
  if (im->report->problems->len)
    return TRUE;
  static const char *const bookkeeping[] = { "updated_on", NULL };
  g_autoptr (DcHistoryOutcomes) outcomes = dc_history_outcomes_since (im->store, "id_entry", first_seq,
                                                                      bookkeeping, error);
  if (!outcomes)
    return FALSE;
  for (guint i = 0; i < im->rows->len; i++)
    report_row (im, g_ptr_array_index (im->rows, i), outcomes);
  return TRUE;
}

gboolean
dc_id_import (DcStore *store, const char *system, const char *path, const DcImportOptions *options,
              DcImportAssetsReport *report, GError **error)
{
  memset (report, 0, sizeof *report);
  report->items = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_import_item_free);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *code = dc_record_resolve_code (store, &dc_system_kind, system, error);
  if (!code)
    return FALSE;
  g_autoptr (DcImportTable) table = dc_import_table_open (path, &options->source, dc_id_header_synonyms,
                                                          required_headers, report->problems, error);
  if (!table)
    return FALSE;
  dc_import_table_describe (table, &report->sheet, &report->encoding, &report->header_row, &report->ignored,
                            &report->skipped_rows);

  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) id_row_free);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  IdImport im = { store, table, options, report, code,
                  dc_record_resolve (store, &dc_system_kind, code, NULL), rows, keys, 0 };
  if (!dc_store_begin (store, error))
    return FALSE;
  gint64 head_seq = 0;
  g_autofree char *head = dc_history_head (store, &head_seq, NULL);
  dc_record_memo_begin (store);
  gboolean ok = dc_import_table_foreach (table, read_id_row, &im, error);
  report->defaults = dc_import_table_defaults_used (table);
  if (ok && report->problems->len == 0)
    ok = apply_rows (&im, head_seq + 1, error);
  dc_record_memo_end (store);
  return dc_import_finish (store, path, ok, options->dry_run, report->problems, im.conflicts, error);
}
