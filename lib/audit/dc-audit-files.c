#include "audit/dc-audit-files.h"
#include "audit/dc-register-xml.h"

const DcAuditFile dc_audit_files[] = {
  { "情報資産台帳.xlsx", "情報資産台帳。全体、所管課ごとのシート、集計。" },
  { "リスク評価.xlsx", "リスク評価。リスク評価表（リスク値の高い順、算定式つき）、ヒートマップ、リスク対応計画。" },
  { "ID管理簿.xlsx", "ID管理簿。システムごとに1シート、登録されている全ID（利用者ID・特権ID・共有ID、申請者・承認者・登録者）。" },
  { "ID棚卸結果.xlsx", "ID棚卸の結果。実施一覧（各回の照合、エクスポートファイルのSHA-256、確認者・承認者）と検出事項（各検出事項と判定）。" },
  { "見直し記録.xlsx", "年次見直しの記録。年度ごとの実施状況、資産ごとの見直し結果、回収した見直し票（ファイル名とSHA-256）。" },
  { "変更履歴.xlsx", "変更履歴。台帳へのすべての変更（日時・実施者・操作・対象・変更内容・ハッシュ）。" },
  { DC_AUDIT_FILES_REGISTER_XML, "台帳全体（機械可読）。スキーマ " DC_REGISTER_XSD_NAME " に従い、出力前に検証済み。" },
  { DC_REGISTER_XSD_NAME, "register.xml のスキーマ（XML Schema）。各要素の意味を記載。"
                          "xmllint --schema " DC_REGISTER_XSD_NAME " register.xml で検証できる。" },
  { DC_AUDIT_FILES_README, "このファイル。" },
};

const gsize dc_audit_files_count = G_N_ELEMENTS (dc_audit_files);

const char *
dc_audit_files_explanation (const char *file)
{
  for (gsize i = 0; i < G_N_ELEMENTS (dc_audit_files); i++)
    if (g_str_equal (dc_audit_files[i].file, file))
      return dc_audit_files[i].text;
  return "";
}
