/* The field tables of the register's records. Headers follow the terms of
 * the source documents (DOMAIN.md §1, seed 003). */
#include "model/dc-record.h"
#include "base/dc-i18n.h"

#define N(fields) G_N_ELEMENTS (fields)

/* Yes and no as ledgers mark them (docs/values.md); NFKC has made － and ー
 * of full width "-" and "ｰ" already. */
#define YES_MARKS "○|◯|〇|●|◎|✓|✔|レ|有|あり|有り|yes|y|1|true"
#define NO_MARKS "無|無し|なし|×|✕|✖|-|‐|ー|―|no|n|0|false"

static const DcEnumValue personal_info_values[] = {
  { "none", "なし", "None", NO_MARKS "|個人情報なし" },
  { "personal", "個人情報", "Personal information", YES_MARKS "|個人情報あり" },
  { "specific", "特定個人情報", "Specific personal information (My Number)",
    "マイナンバー|特定|個人番号|特定個人情報あり|マイナンバーあり" },
  { NULL, NULL, NULL, NULL }
};

static const DcEnumValue external_io_values[] = {
  { "none", "なし", "None", NO_MARKS "|入出力なし" },
  { "in", "入力", "Input", "入|入力のみ|外部入力" },
  { "out", "出力", "Output", "出|出力のみ|外部出力" },
  { "both", "入出力", "Input and output", YES_MARKS "|入力・出力|入出力あり" },
  { NULL, NULL, NULL, NULL }
};

static const DcEnumValue asset_status_values[] = {
  { "active", "使用中", "Active", "運用中|有効|現用" },
  { "retired", "使用終了", "Retired", "休止|廃止|終了" },
  { "disposed", "廃棄済み", "Disposed", "廃棄|廃棄済" },
  { NULL, NULL, NULL, NULL }
};

static const DcEnumValue employment_values[] = {
  { "regular", "正規職員", "Regular staff",
    "正職員|常勤|常勤職員|職員|一般職|再任用|再任用職員|再任用フルタイム|再任用(フルタイム)" },
  { "part_time", "会計年度任用職員", "Part-time staff",
    "非常勤|非常勤職員|パート|会計年度|会計年度任用|会計年度職員|再任用短時間|再任用(短時間)" },
  { "fixed_term", "任期付職員", "Fixed-term staff", "任期付|臨時|臨時職員|臨時的任用|臨時的任用職員" },
  { "dispatched", "派遣職員", "Dispatched staff", "派遣" },
  { "contractor", "委託事業者", "Contractor", "委託|委託先|委託等事業者|業者" },
  { NULL, NULL, NULL, NULL }
};

static const DcEnumValue person_status_values[] = {
  /* 異動区分 / 在職区分 as HR systems write them (docs/values.md). */
  { "active", "在職", "Active", "在籍|現職|在職中|新規採用|採用|転入|復職|昇任|配置換" },
  { "transferred", "異動", "Transferred", "転出|他部局へ転出" },
  { "seconded", "出向", "Seconded", "派遣|出向中|派遣中" },
  { "on_leave", "休職", "On leave",
    "休業|育休|病休|休職中|育児休業|病気休暇|病気休職|産休|産前産後休暇|介護休暇|介護休業" },
  { "retired", "退職", "Retired", "退職済|定年退職|死亡退職|任期満了|任期満了退職|辞職|勧奨退職|普通退職" },
  { NULL, NULL, NULL, NULL }
};

static const DcField section_fields[] = {
  { "code", "code", DC_FIELD_TEXT, DC_FIELD_KEY | DC_FIELD_REQUIRED, "所属コード", "Code", NULL, 0, NULL },
  { "name", "name", DC_FIELD_TEXT, DC_FIELD_REQUIRED, "所属名", "Name", NULL, 0, NULL },
  { "parent", "parent_id", DC_FIELD_REF, 0, "上位所属", "Parent", "section", 0, NULL },
  /* 所属長: the post an imported asset row without a post takes. */
  { "head_post", "head_post_id", DC_FIELD_REF, 0, "所属長", "Head post", "post", 0, NULL },
  { "hr_code", "hr_code", DC_FIELD_TEXT, DC_FIELD_UNIQUE, "人事の所属コード", "HR section code", NULL, 0, NULL },
};
const DcRecordKind dc_section_kind = { NC_ ("entity", "section"), "section", "所属", section_fields, N (section_fields) };

static const DcField post_fields[] = {
  { "code", "code", DC_FIELD_TEXT, DC_FIELD_KEY | DC_FIELD_REQUIRED, "補職コード", "Code", NULL, 0, NULL },
  { "name", "name", DC_FIELD_TEXT, DC_FIELD_REQUIRED, "補職名", "Post", NULL, 0, NULL },
  { "section", "section_id", DC_FIELD_REF, 0, "所属", "Section", "section", 0, NULL },
  { "description", "description", DC_FIELD_TEXT, 0, "役割", "Role", NULL, 0, NULL },
};
const DcRecordKind dc_post_kind = { NC_ ("entity", "post"), "post", "補職", post_fields, N (post_fields) };

static const DcField person_fields[] = {
  { "employee_no", "employee_no", DC_FIELD_TEXT, DC_FIELD_KEY | DC_FIELD_REQUIRED, "職員番号", "Employee number", NULL, 0, NULL },
  { "name", "name", DC_FIELD_TEXT, DC_FIELD_REQUIRED, "氏名", "Name", NULL, 0, NULL },
  { "reading", "reading", DC_FIELD_TEXT, 0, "氏名（カナ）", "Reading", NULL, 0, NULL },
  { "section", "section_id", DC_FIELD_REF, 0, "所属", "Section", "section", 0, NULL },
  { "employment", "employment", DC_FIELD_ENUM, 0, "雇用形態", "Employment", NULL, 0, employment_values },
  { "status", "status", DC_FIELD_ENUM, 0, "在職状況", "Status", NULL, 0, person_status_values },
  { "status_date", "status_date", DC_FIELD_DATE, 0, "発令日", "Status date", NULL, 0, NULL },
};
const DcRecordKind dc_person_kind = { NC_ ("entity", "person"), "person", "職員", person_fields, N (person_fields) };

static const DcField system_fields[] = {
  { "code", "code", DC_FIELD_TEXT, DC_FIELD_KEY | DC_FIELD_REQUIRED, "システムコード", "Code", NULL, 0, NULL },
  { "name", "name", DC_FIELD_TEXT, DC_FIELD_REQUIRED, "システム名", "Name", NULL, 0, NULL },
  { "admin_post", "admin_post_id", DC_FIELD_REF, DC_FIELD_REQUIRED, "情報システム管理者", "Administering post", "post", 0, NULL },
  { "section", "section_id", DC_FIELD_REF, 0, "所管課", "Section", "section", 0, NULL },
  { "description", "description", DC_FIELD_TEXT, 0, "概要", "Description", NULL, 0, NULL },
};
const DcRecordKind dc_system_kind = { NC_ ("entity", "system"), "system", "情報システム", system_fields, N (system_fields) };

static const DcField asset_fields[] = {
  { "code", "code", DC_FIELD_TEXT, DC_FIELD_KEY | DC_FIELD_REQUIRED, "資産番号", "Asset code", NULL, 0, NULL },
  { "type", "type", DC_FIELD_TYPE, DC_FIELD_REQUIRED, "資産種別", "Type", NULL, 0, NULL },
  { "name", "name", DC_FIELD_TEXT, DC_FIELD_REQUIRED, "資産名称", "Name", NULL, 0, NULL },
  { "main_items", "main_items", DC_FIELD_TEXT, 0, "主要項目", "Main items", NULL, 0, NULL },
  { "personal_info", "personal_info", DC_FIELD_ENUM, 0, "個人情報の有無", "Personal information", NULL, 0, personal_info_values },
  { "c", "c_level_id", DC_FIELD_LEVEL, DC_FIELD_REQUIRED, "機密性", "Confidentiality", NULL, 'C', NULL },
  { "i", "i_level_id", DC_FIELD_LEVEL, DC_FIELD_REQUIRED, "完全性", "Integrity", NULL, 'I', NULL },
  { "a", "a_level_id", DC_FIELD_LEVEL, DC_FIELD_REQUIRED, "可用性", "Availability", NULL, 'A', NULL },
  { "external_io", "external_io", DC_FIELD_ENUM, 0, "外部入出力の有無", "External input/output", NULL, 0, external_io_values },
  { "access_restriction", "access_restriction", DC_FIELD_TEXT, 0, "閲覧・更新制限", "View/update restriction", NULL, 0, NULL },
  { "section", "section_id", DC_FIELD_REF, DC_FIELD_REQUIRED, "所管課", "Section", "section", 0, NULL },
  { "post", "post_id", DC_FIELD_REF, DC_FIELD_REQUIRED, "管理責任者（補職名）", "Responsible post", "post", 0, NULL },
  { "system", "system_id", DC_FIELD_REF, 0, "情報システム", "System", "system", 0, NULL },
  { "storage", "storage", DC_FIELD_TEXT, 0, "保管場所・媒体", "Storage", NULL, 0, NULL },
  { "retention", "retention", DC_FIELD_TEXT, 0, "保存期限", "Retention", NULL, 0, NULL },
  { "status", "status", DC_FIELD_ENUM, DC_FIELD_MANAGED, "状態", "Status", NULL, 0, asset_status_values },
  { "disposed_on", "disposed_on", DC_FIELD_DATE, DC_FIELD_MANAGED, "廃棄日", "Disposed on", NULL, 0, NULL },
  { "disposal_method", "disposal_method", DC_FIELD_TEXT, DC_FIELD_MANAGED, "廃棄方法", "Disposal method", NULL, 0, NULL },
  { "disposal_certificate", "disposal_certificate", DC_FIELD_TEXT, DC_FIELD_MANAGED, "廃棄証明", "Disposal certificate", NULL, 0, NULL },
  { "note", "note", DC_FIELD_TEXT, 0, "備考", "Note", NULL, 0, NULL },
  { "created_on", "created_on", DC_FIELD_DATE, DC_FIELD_MANAGED, "登録日", "Created on", NULL, 0, NULL },
  { "updated_on", "updated_on", DC_FIELD_DATE, DC_FIELD_MANAGED, "更新日", "Updated on", NULL, 0, NULL },
  { "last_reviewed_on", "last_reviewed_on", DC_FIELD_DATE, DC_FIELD_MANAGED, "最終見直し日", "Last reviewed", NULL, 0, NULL },
  { "next_review_due", "next_review_due", DC_FIELD_DATE, 0, "次回見直し期限", "Next review due", NULL, 0, NULL },
  { "version", "version", DC_FIELD_INT, DC_FIELD_MANAGED, "版", "Version", NULL, 0, NULL },
};
const DcRecordKind dc_asset_kind = { NC_ ("entity", "asset"), "asset", "情報資産", asset_fields, N (asset_fields) };

static const DcRecordKind *const all_kinds[] = {
  &dc_section_kind, &dc_post_kind, &dc_person_kind, &dc_system_kind, &dc_asset_kind,
};

const DcRecordKind *
dc_record_kind_find (const char *entity)
{
  for (gsize i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    if (g_str_equal (all_kinds[i]->entity, entity))
      return all_kinds[i];
  return NULL;
}
