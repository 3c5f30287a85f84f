#include "ids/dc-finding.h"

#include <string.h>

static const struct {
  const char *name;
  const char *ja;
  const char *explanation;
} kinds[DC_N_FINDING_KINDS] = {
  [DC_FINDING_UNREGISTERED] = { "unregistered", "未登録ID",
    "システムに存在するが、ID管理簿に記載のないID。申請・承認の記録を確認し、不要であれば削除する。" },
  [DC_FINDING_EXTERNAL_GUEST] = { "external_guest", "外部ゲスト",
    "ディレクトリに招待された組織外の利用者（ゲスト）のアカウントで、ID管理簿に記載のないもの。招待した所属と利用の目的・期間を確認し、不要であれば削除する。継続する場合はID管理簿に登録する。" },
  [DC_FINDING_NOT_IN_SYSTEM] = { "not_in_system", "システムに存在しないID",
    "ID管理簿では有効だが、システムの出力に存在しないID。削除済みであればID管理簿を削除として更新する。" },
  [DC_FINDING_LOGIN_SPELLING] = { "login_spelling", "ID表記の相違",
    "システムとID管理簿で、大文字・小文字又は全角・半角だけが異なるID。このシステムの出力はそれらを区別して照合するため、同じIDとは扱っていない。どちらの表記が正しいかを確認し、ID管理簿又はシステムを直す。" },
  [DC_FINDING_REVOKED_IN_SYSTEM] = { "revoked_in_system", "削除済みIDの残存",
    "ID管理簿では削除済みだが、システムで有効なままのID。システムから削除又は無効化する。" },
  [DC_FINDING_HOLDER_DEPARTED] = { "holder_departed", "異動・出向・退職者のID",
    "保有者が異動・出向・退職した後も有効なID。不要であれば削除し、継続する場合は改めて申請・承認を得る。" },
  [DC_FINDING_HOLDER_UNKNOWN] = { "holder_unknown", "保有者不明",
    "保有者が職員名簿にない、又は記録されていないID。保有者を特定してID管理簿を更新する。" },
  [DC_FINDING_EXCESS_PRIVILEGE] = { "excess_privilege", "承認を超える権限",
    "承認されていない権限がシステムで付与されているID。権限を是正するか、必要であれば申請・承認を得る。" },
  [DC_FINDING_DORMANT] = { "dormant", "長期未使用",
    "一定期間ログインのない、又は一度もログインしていないID。利用の必要性を確認し、不要であれば削除する。" },
  [DC_FINDING_DISABLED_IN_SYSTEM] = { "disabled_in_system", "システムで無効",
    "ID管理簿では有効だが、システムでは無効化されているID。ID管理簿とシステムのどちらが正しいかを確認する。" },
  [DC_FINDING_EXPIRED_APPROVAL] = { "expired_approval", "承認期限切れ",
    "承認の有効期限を過ぎても有効なID。延長の申請・承認を得るか、削除する。" },
  [DC_FINDING_SHARED_UNAPPROVED] = { "shared_unapproved", "未承認の共有ID",
    "共有の理由、利用者又は承認者の記録がない共有ID。理由と利用者を明確にし、承認を得る。" },
  [DC_FINDING_SOD_VIOLATION] = { "sod_violation", "職務分掌の不備",
    "申請者と承認者、又は承認者と登録者が同一人物であるID。別の者による確認・承認を行う。" },
  [DC_FINDING_KEY_COLLISION] = { "key_collision", "ID表記の重複",
    "全角・半角、大文字・小文字、前後の空白などの違いのみで同じと読める複数のID。統合せずに報告する。どちらが正しいかを確認する。" },
};

const char *
dc_finding_kind_name (DcFindingKind kind)
{
  return kind < DC_N_FINDING_KINDS ? kinds[kind].name : "unknown";
}

const char *
dc_finding_kind_ja (DcFindingKind kind)
{
  return kind < DC_N_FINDING_KINDS ? kinds[kind].ja : "不明";
}

const char *
dc_finding_kind_explanation (DcFindingKind kind)
{
  return kind < DC_N_FINDING_KINDS ? kinds[kind].explanation : "";
}

gboolean
dc_finding_kind_parse (const char *name, DcFindingKind *kind)
{
  for (int k = 0; name && k < DC_N_FINDING_KINDS; k++)
    if (g_str_equal (kinds[k].name, name) || g_str_equal (kinds[k].ja, name)) {
      *kind = (DcFindingKind) k;
      return TRUE;
    }
  return FALSE;
}

DcFinding *
dc_finding_new (DcFindingKind kind, const char *login_key, const char *raw_login_id,
                const char *holder, const char *holder_name, char *detail)
{
  DcFinding *f = g_new0 (DcFinding, 1);
  f->kind = kind;
  f->login_key = g_strdup (login_key);
  f->raw_login_id = g_strdup (raw_login_id);
  f->holder = g_strdup (holder);
  f->holder_name = g_strdup (holder_name ? holder_name : "");
  f->detail = detail;
  return f;
}

void
dc_finding_free (DcFinding *f)
{
  if (!f)
    return;
  g_free (f->login_key);
  g_free (f->raw_login_id);
  g_free (f->holder);
  g_free (f->holder_name);
  g_free (f->detail);
  g_free (f);
}

char *
dc_finding_person_text (const char *name, const char *employee_no)
{
  return g_strdup_printf ("%s (%s)", name, employee_no);
}

gboolean
dc_finding_ends_with_person (const DcFinding *finding, const char *employee_no)
{
  g_autofree char *tail = g_strdup_printf (" (%s)", employee_no);
  return finding->detail && g_str_has_suffix (finding->detail, tail);
}

gint
dc_finding_compare (gconstpointer a, gconstpointer b)
{
  const DcFinding *x = *(DcFinding *const *) a, *y = *(DcFinding *const *) b;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  int c = strcmp (x->login_key, y->login_key);
  if (c)
    return c;
  c = strcmp (x->raw_login_id, y->raw_login_id);
  return c ? c : strcmp (x->detail, y->detail);
}
