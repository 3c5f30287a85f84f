#include "model/dc-retention.h"
#include "base/dc-i18n.h"

/* The end of the fiscal year (31 March) a date falls in. */
#define FY_END(d) "((CAST(strftime('%Y', " d ", '-3 months') AS INTEGER) + 1) || '-03-31')"
#define FY_YEAR_END(y) "(((" y ") + 1) || '-03-31')"

/* Each rule: the records it covers as (kind, key, record, basis, rule, kept_until). */
static const char *const rules[] = {
  /* 003: 削除・廃棄記録も残し、５年間保管する (personal data). */
  "SELECT 'asset', code, '廃棄記録（個人情報を含む資産）', disposed_on,"
  " '廃棄から5年間（003 データの廃棄）', date(disposed_on, '+5 years', '-1 day')"
  " FROM asset WHERE status = 'disposed' AND personal_info <> 'none' AND disposed_on IS NOT NULL",
  /* 003: 作業の記録は当該年度終了後1年間: the stocktake's record, its check. */
  "SELECT 'reconcile_run', CAST(id AS TEXT), 'ID棚卸の記録', as_of,"
  " '当該年度終了後1年間（003 作業の記録）', date(" FY_END ("as_of") ", '+1 year')"
  " FROM reconcile_run",
  "SELECT 'review_campaign', CAST(fiscal_year AS TEXT), '年次見直しの記録', closed_on,"
  " '当該年度終了後1年間（003 作業の記録）', date(" FY_YEAR_END ("fiscal_year") ", '+1 year')"
  " FROM review_campaign WHERE status = 'closed'",
  "SELECT 'duty_done', code, '定期業務の実施記録', done_on,"
  " '当該年度終了後1年間（003 作業の記録）', date(" FY_END ("done_on") ", '+1 year')"
  " FROM duty_done",
  "SELECT 'risk_run', CAST(id AS TEXT), 'リスク評価の実施記録', run_on,"
  " '当該年度終了後1年間（003 作業の記録）', date(" FY_YEAR_END ("fiscal_year") ", '+1 year')"
  " FROM risk_run",
};

void
dc_expiring_free (DcExpiring *r)
{
  if (!r)
    return;
  g_free (r->kind);
  g_free (r->key);
  g_free (r->record);
  g_free (r->basis_date);
  g_free (r->rule);
  g_free (r->kept_until);
  g_free (r);
}

GPtrArray *
dc_retention_expiring (DcStore *store, const char *date, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) dc_expiring_free);
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++) {
    g_autoptr (DcStmt) stmt = dc_store_prepare (store, rules[i], error);
    if (!stmt)
      return NULL;
    int rc;
    while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
      const char *until = dc_stmt_text (stmt, 5);
      if (!until || g_strcmp0 (until, date) >= 0)
        continue;
      DcExpiring *r = g_new0 (DcExpiring, 1);
      r->kind = dc_stmt_dup (stmt, 0);
      r->key = dc_stmt_dup (stmt, 1);
      r->record = dc_stmt_dup (stmt, 2);
      r->basis_date = dc_stmt_dup (stmt, 3);
      r->rule = dc_stmt_dup (stmt, 4);
      r->kept_until = g_strdup (until);
      g_ptr_array_add (list, r);
    }
    if (rc != DC_STMT_DONE)
      return NULL;
  }
  return g_steal_pointer (&list);
}
