#include "model/dc-retention.h"
#include "base/dc-i18n.h"

#include <stdio.h>

/* How a rule's last day follows from the basis of a record. */
typedef enum {
  FIVE_YEARS,           /* five years from the date (to the day before) */
  YEAR_AFTER_FY_OF,     /* one year after the end of the fiscal year the date is in */
  YEAR_AFTER_FY         /* one year after the end of fiscal year (the number) */
} Period;

/* Each rule: the records it covers as (kind, key, record, basis date, rule,
 * basis of the period: the date, or the fiscal year), and how long. The
 * rules cite seed 003, the 情報システムセキュリティ実施手順書. */
static const struct { const char *sql; Period period; } rules[] = {
  /* 削除・廃棄記録も残し、５年間保管する (personal data). */
  { "SELECT 'asset', code, '廃棄記録（個人情報を含む資産）', disposed_on,"
    " '廃棄から5年間（実施手順書「データの廃棄」）', disposed_on"
    " FROM asset WHERE status = 'disposed' AND personal_info <> 'none' AND disposed_on IS NOT NULL", FIVE_YEARS },
  /* 作業の記録は当該年度終了後1年間: the stocktake's record, its check. */
  { "SELECT 'reconcile_run', CAST(id AS TEXT), 'ID棚卸の記録', as_of,"
    " '当該年度終了後1年間（実施手順書「作業の記録」）', as_of FROM reconcile_run", YEAR_AFTER_FY_OF },
  { "SELECT 'review_campaign', CAST(fiscal_year AS TEXT), '年次見直しの記録', closed_on,"
    " '当該年度終了後1年間（実施手順書「作業の記録」）', CAST(fiscal_year AS TEXT)"
    " FROM review_campaign WHERE status = 'closed'", YEAR_AFTER_FY },
  { "SELECT 'duty_done', code, '定期業務の実施記録', done_on,"
    " '当該年度終了後1年間（実施手順書「作業の記録」）', done_on FROM duty_done", YEAR_AFTER_FY_OF },
  { "SELECT 'risk_run', CAST(id AS TEXT), 'リスク評価の実施記録', run_on,"
    " '当該年度終了後1年間（実施手順書「作業の記録」）', CAST(fiscal_year AS TEXT) FROM risk_run", YEAR_AFTER_FY },
};

/* The last day a record must be kept, "YYYY-MM-DD", from BASIS (a date, or a
 * fiscal year); NULL when BASIS is no such thing. */
static char *
kept_until (Period period, const char *basis)
{
  int y = 0, m = 0, d = 0;
  if (!basis)
    return NULL;
  if (period == YEAR_AFTER_FY) {
    char *end = NULL;
    y = (int) g_ascii_strtoll (basis, &end, 10);
    return end && *end == '\0' && y > 0 ? g_strdup_printf ("%04d-03-31", y + 2) : NULL;
  }
  if (sscanf (basis, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  if (period == YEAR_AFTER_FY_OF)   /* April to March: January to March belong to the year before */
    return g_strdup_printf ("%04d-03-31", (m <= 3 ? y - 1 : y) + 2);
  /* The day before the same day five years on; with no such day (29
   * February), the end of that month (民法143条). */
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) (y + 5)))
    return g_strdup_printf ("%04d-%02d-%02d", y + 5, m, g_date_get_days_in_month ((GDateMonth) m, (GDateYear) (y + 5)));
  g_autoptr (GDate) day = g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) (y + 5));
  g_date_subtract_days (day, 1);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (day), g_date_get_month (day), g_date_get_day (day));
}

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
    g_autoptr (DcStmt) stmt = dc_store_prepare (store, rules[i].sql, error);
    if (!stmt)
      return NULL;
    int rc;
    while ((rc = dc_store_step (store, stmt, error)) == DC_STMT_ROW) {
      g_autofree char *until = kept_until (rules[i].period, dc_stmt_text (stmt, 5));
      if (!until || g_strcmp0 (until, date) >= 0)
        continue;
      DcExpiring *r = g_new0 (DcExpiring, 1);
      r->kind = dc_stmt_dup (stmt, 0);
      r->key = dc_stmt_dup (stmt, 1);
      r->record = dc_stmt_dup (stmt, 2);
      r->basis_date = dc_stmt_dup (stmt, 3);
      r->rule = dc_stmt_dup (stmt, 4);
      r->kept_until = g_steal_pointer (&until);
      g_ptr_array_add (list, r);
    }
    if (rc != DC_STMT_DONE)
      return NULL;
  }
  return g_steal_pointer (&list);
}
