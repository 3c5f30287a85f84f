# End-to-end tests: risk assessment on the fictional city — assess, list, show,
# set, accept, protection needs and overrides, the threat catalogue, frozen
# runs, the method, and the risk workbook read back (XPath, and LibreOffice).
# Run: DAICHO=$PWD/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-risk.sh

history_rows() { sql 'SELECT count(*) FROM history'; }

# The city, assessed once: run 1.
assessed_city() {
  load_city && "$DAICHO" risk assess >/dev/null
}

# XPath over a part of an xlsx: xpath FILE PART EXPR prints the texts of the
# matching cells, one per line (namespaces as in the file).
xpath() {
  unzip -p "$1" "$2" | python3 -c '
import sys, xml.etree.ElementTree as ET
ns = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
root = ET.fromstring(sys.stdin.buffer.read())
for e in root.findall(sys.argv[1], ns):
    print("".join(e.itertext()) if len(e) or e.text else e.attrib.get(sys.argv[2], "") if len(sys.argv) > 2 else "")
' "$3" ${4:+"$4"}
}
# Turns a register into a version-3 file: what migrations 1 to 3 made, with
# the rows it can hold (tests/cli/downgrade.py).
as_version_3() {
  python3 "$DAICHO_ROOT/tests/cli/downgrade.py" "$1" 3 "$DAICHO_ROOT/schema/migrations"
}
# cell FILE SHEET REF: the text of one cell.
cell() { xpath "$1" "xl/worksheets/$2.xml" ".//x:c[@r='$3']"; }

test_assess_the_city() {
  load_city || fail "load_city"
  local before; before=$(history_rows)
  dc risk assess --json
  expect_status 0
  expect_eq "$(json 'd["run"]')" 1 "run number"
  expect_eq "$(json 'd["fiscal_year"]')" 2026 "fiscal year"
  expect_eq "$(json 'd["method"]')" ipa "method"
  expect_eq "$(json 'd["catalogue"] + " " + d["catalogue_version"]')" "standard 2026.1" "catalogue"
  expect_eq "$(json 'd["catalogue_installed"]')" True "catalogue copied in"
  expect_eq "$(json 'd["items"]')" 638 "risks"
  expect_eq "$(json 'd["added"]')" 638 "risks added"
  expect_eq "$(json 'd["counts"]["high"]')" 63 "high"
  expect_eq "$(json 'd["counts"]["medium"]')" 79 "medium"
  expect_eq "$(json 'd["counts"]["low"]')" 496 "low"
  expect_eq "$(json 'd["due"]')" 142 "needing a decision"
  expect_eq "$(json 'd["warnings"]')" "[]" "warnings"
  # One entry per risk, one for the run, one for the catalogue.
  expect_eq "$(history_rows)" $((before + 640)) "history entries"
  # The count, independently: every asset not disposed of × the threats of its type.
  local threats assets
  threats=$("$DAICHO" threat list --json)
  assets=$("$DAICHO" asset list --json)
  expect_eq "$(python3 -c '
import json, sys
threats = json.loads(sys.argv[1])["threats"]; assets = json.loads(sys.argv[2])
print(sum(1 for a in assets if a["status"] != "disposed" for t in threats if a["type"] in t["types"] or t["types"] == ["*"]))
' "$threats" "$assets")" 638 "assets × applicable threats"
  dc audit verify
  expect_status 0
}

test_list_and_show_values() {
  assessed_city || { fail "setup"; return; }
  dc risk list --level 高 --json
  expect_status 0
  expect_eq "$(json 'len(d)')" 63 "high risks"
  expect_eq "$(json 'set(x["level"] for x in d)')" "{'high'}" "levels listed"
  # Highest first: 極秘 (4) × 被害発生可能性 2.
  expect_eq "$(json 'd[0]["code"]')" A-0019/T02 "first risk"
  expect_eq "$(json 'd[0]["formula"]')" "4 × 2 = 8" "first formula"
  expect_eq "$(json 'all(d[i]["risk_value"] >= d[i + 1]["risk_value"] for i in range(len(d) - 1))')" True "order"
  # The application inherits 極秘 from the resident records that use it.
  dc risk show A-0029/T01 --json
  expect_status 0
  expect_eq "$(json 'd["asset_name"]')" "住民記録システム 業務アプリケーション" "asset"
  expect_eq "$(json 'd["threat_name"]')" "不正アクセス（外部からの侵入）による情報漏えい" "threat"
  expect_eq "$(json 'd["property"]')" C "property"
  expect_eq "$(json 'd["value"]')" 4 "value"
  expect_eq "$(json 'd["value_label"]')" 4 "value label"
  expect_eq "$(json 'd["value_from"]')" A-0019 "inherited from"
  expect_eq "$(json 'd["likelihood"]')" 2 "likelihood"
  expect_eq "$(json 'd["vulnerability"]')" 2 "vulnerability"
  expect_eq "$(json 'd["possibility"]')" 1 "被害発生可能性"
  expect_eq "$(json 'd["risk_value"]')" 4 "risk value"
  expect_eq "$(json 'd["formula"]')" "4 × 1 = 4" "formula"
  expect_eq "$(json 'd["level"] + " " + d["level_name"]')" "medium 中" "level"
  expect_eq "$(json 'd["status"]')" untreated "status"
  dc risk show 'Ａ－００２９ t01'
  expect_status 0
  expect_out "A-0019 から継承"
  expect_out "4 × 1 = 4 → 中"
  dc risk list --due --json
  expect_eq "$(json 'len(d)')" 142 "due"
  dc risk list --level extreme
  expect_status 2
  expect_err "high (高)"
  dc risk show A-0029/T99
  expect_status 3
  expect_err "its threats: T01, T02"
}

test_needs_inherit_along_dependencies() {
  load_city || fail "load_city"
  # サーバ室 is used by the My Number network, which the resident server uses.
  dc risk needs --asset A-0049 --json
  expect_status 0
  expect_eq "$(json 'd[0]["C"]["own"] + " " + d[0]["C"]["effective"] + " " + d[0]["C"]["source"]')" "3 4 A-0026" "C"
  expect_eq "$(json 'd[0]["I"]["own"] + " " + d[0]["I"]["effective"] + " " + d[0]["I"]["source"]')" "2 3 A-0025" "I"
  expect_eq "$(json 'd[0]["A"]["effective"] + " " + d[0]["A"]["source"]')" "3 A-0049" "A: its own"
  dc risk needs --changed --json
  expect_eq "$(json '" ".join(x["asset"] for x in d)')" "A-0010 A-0025 A-0029 A-0049" "raised assets"
  # A cycle cannot be recorded, and one written by another tool stops the assessment.
  dc asset depend A-0049 A-0019
  expect_status 4
  expect_err "cycle"
  sql "INSERT INTO asset_dependency SELECT a.id, b.id FROM asset a, asset b WHERE a.code = 'A-0049' AND b.code = 'A-0019'"
  local before; before=$(history_rows)
  dc risk assess
  expect_status 4
  expect_err "A-0019 → A-0029 → A-0026 → A-0025 → A-0049 → A-0019"
  expect_eq "$(history_rows)" "$before" "history after a refused assessment"
  expect_eq "$(sql 'SELECT count(*) FROM risk')" 0 "risks after a refused assessment"
}

test_override_needs_a_reason() {
  assessed_city || { fail "setup"; return; }
  local before; before=$(history_rows)
  dc risk override A-0051 --a 3 --effect 累積効果
  expect_status 3
  expect_err "the reason"
  dc risk override A-0051 --a 3 --reason "多数の部署が利用するため"
  expect_status 3
  expect_err "the effect"
  expect_eq "$(history_rows)" "$before" "history after refused overrides"
  dc risk override A-0051 --a 3 --effect 累積効果 --reason "全庁の職員がグループウェアを利用し、停止の影響が累積するため"
  expect_status 0
  dc risk needs --asset A-0051 --json
  expect_eq "$(json 'd[0]["A"]["own"] + " " + d[0]["A"]["effective"] + " " + d[0]["A"]["effect"]')" "2 3 cumulation" "override"
  dc risk assess --json
  expect_eq "$(json 'd["changed"]')" 4 "risks rescored (T18, T19, T21, T22 of A-0051)"
  dc risk show A-0051/T19 --json
  expect_eq "$(json 'd["value"]')" 3 "value after the override"
  expect_eq "$(json 'd["value_override"]')" cumulation "shown as an override"
  expect_eq "$(json 'd["formula"]')" "3 × 1 = 3" "formula"
  dc risk override A-0051 --remove a
  expect_status 0
  dc risk needs --asset A-0051 --json
  expect_eq "$(json 'd[0]["A"]["effective"]')" 2 "after removing the override"
  dc audit verify
  expect_status 0
}

test_set_accept_and_expiry() {
  assessed_city || { fail "setup"; return; }
  dc risk set A-0019/T05 --likelihood 3 --vulnerability 3 --controls "宛先の目視確認のみ"
  expect_status 0
  expect_out "4 × 3 = 12 → 高"
  dc risk set A-0019/T05 --treatment 低減 --control "外部宛メールの送信保留と上長承認" --owner 市民課長 \
    --due 2027-03-31 --residual-vulnerability 1
  expect_status 0
  dc risk show A-0019/T05 --json
  expect_eq "$(json 'd["treatment"] + " " + d["owner_post"] + " " + d["due_on"]')" "reduce shimin-kacho 2027-03-31" "treatment"
  expect_eq "$(json 'd["residual_formula"] + " " + d["residual_level"]')" "4 × 1 = 4 medium" "residual"
  expect_eq "$(json 'd["status"]')" in_progress "status"
  dc risk set A-0019/T05 --treatment accept
  expect_status 3
  expect_err "daicho risk accept A-0019/T05"
  # Acceptance: approver post, expiry and reason, or nothing is recorded.
  local before; before=$(history_rows)
  dc risk accept A-0037/T06 --until 2027-03-31 --reason 理由
  expect_status 3
  expect_err "--approver"
  dc risk accept A-0037/T06 --approver ciso --until 2028-03-31 --reason 理由
  expect_status 3
  expect_err "at the latest on 2027-11-22"
  expect_eq "$(history_rows)" "$before" "history after refused acceptances"
  dc risk accept A-0037/T06 --approver ciso --until 2027-03-31 --reason "窓口で本人確認書類を2名で照合しており、年度内に再評価する"
  expect_status 0
  dc risk show A-0037/T06 --json
  expect_eq "$(json 'd["status"] + " " + d["approver_post"] + " " + d["accepted_on"] + " " + d["accept_until"]')" \
    "accepted ciso 2026-11-22 2027-03-31" "acceptance"
  # On 1 April the acceptance has expired: the risk is due again.
  DAICHO_TODAY=2027-04-01 dc risk list --due --json
  expect_eq "$(json '[x["status"] for x in d if x["code"] == "A-0037/T06"]')" "['acceptance_expired']" "expired acceptance"
  DAICHO_TODAY=2027-04-01 dc risk list --status 受容期限切れ
  expect_out "A-0037/T06"
  expect_out "受容期限超過"
  dc audit verify
  expect_status 0
}

test_frozen_run_survives_catalogue_edit() {
  assessed_city || { fail "setup"; return; }
  dc risk list --run 1 --json
  local frozen=$out
  expect_eq "$(json 'len(d)')" 638 "run 1 lines"
  "$DAICHO" threat list --definition > mine.ini
  sed -i 's/^version = 2026.1$/version = 2027.1-kakushi/; s/^name = 電子メールの誤送信（宛先・添付ファイルの誤り）$/name = メール・チャットの誤送信/' mine.ini
  dc threat use mine.ini
  expect_status 0
  expect_out "2027.1-kakushi"
  dc threat list --json
  expect_eq "$(json '[t["name"] for t in d["threats"] if t["code"] == "T05"][0]')" "メール・チャットの誤送信" "edited threat"
  DAICHO_TODAY=2027-05-10 dc risk assess --json
  expect_eq "$(json 'd["run"]')" 2 "run 2"
  expect_eq "$(json 'd["fiscal_year"]')" 2027 "next fiscal year"
  expect_eq "$(json 'd["catalogue_version"]')" 2027.1-kakushi "run 2's catalogue"
  dc risk list --run 1 --json
  expect_eq "$out" "$frozen" "run 1 after the catalogue edit and next year's run"
  expect_eq "$(json '[x["threat_name"] for x in d if x["code"] == "A-0019/T05"][0]')" \
    "電子メールの誤送信（宛先・添付ファイルの誤り）" "run 1 keeps the old name"
  dc risk show A-0019/T05 --json
  expect_eq "$(json 'd["threat_name"]')" "メール・チャットの誤送信" "the register has the new name"
  dc risk runs --json
  expect_eq "$(json '" ".join(r["catalogue_version"] + "@" + str(r["fiscal_year"]) for r in d)')" \
    "2026.1@2026 2027.1-kakushi@2027" "runs"
  dc export risk -o 第1回.xlsx --run 1
  expect_status 0
  expect_eq "$(cell 第1回.xlsx sheet1 G3)" "電子メールの誤送信（宛先・添付ファイルの誤り）" "run 1's workbook"
  dc audit verify
  expect_status 0
}

test_method_and_older_register() {
  sqlite_only "an older register file is made with sqlite3" && return
  # A register whose scheme has no [risk] groups gets the IPA method.
  dc init --scheme "$DAICHO_ROOT/fixtures/schemes/custom-2b.ini"
  expect_status 0
  dc risk method --json
  expect_eq "$(json 'd["method"] + " " + str(d["set_after_init"]) + " " + d["accept"]')" "ipa False low" "default method"
  expect_eq "$(json '[(l["code"], l["max"]) for l in d["levels"]]')" "[('low', 3), ('medium', 5), ('high', None)]" "bands"
  # As a version 3 file left it (before risk assessment): upgraded on open.
  as_version_3 "$DAICHO_DB" || fail "test setup: sqlite3"
  expect_eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE name = 'risk'")" 0 "test setup: no risk table"
  dc section add s --name 総務課
  dc post add p --name 総務課長
  dc asset add X-1 --type system --name 基幹系 --c 2B --i 2 --a 2 --section s --post p
  dc asset add X-2 --type data --name 台帳 --c 3 --i 2 --a 1 --section s --post p
  dc risk assess --json
  expect_status 0
  expect_eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE name = 'risk'")" 1 "upgraded"
  expect_eq "$(json 'len(d["warnings"])')" 1 "a type no threat covers"
  expect_eq "$(json '"asset type system" in d["warnings"][0]')" True "the warning names the type"
  dc risk show X-2/T05 --json
  expect_eq "$(json 'd["formula"]')" "4 × 2 = 8" "C 3 has value 4 in this scheme"
  # Another method from now on: a matrix; run 1 keeps the IPA method.
  cat > matrix.ini <<'INI'
[risk]
method = matrix
levels = ok;watch;act
accept = ok
[risk level ok]
name = 許容
color = #FFFFFF
[risk level watch]
name = 注視
color = #FFFF00
[risk level act]
name = 要対応
color = #FF0000
[risk matrix]
value.1 = ok;ok;watch
value.2 = ok;watch;act
value.3 = watch;act;act
value.4 = act;act;act
INI
  dc risk method --set matrix.ini
  expect_status 0
  expect_out "リスクマトリクス方式"
  dc risk assess
  dc risk show X-2/T05 --json
  expect_eq "$(json 'd["level_name"]')" 要対応 "matrix level"
  dc risk list --run 1 --json
  expect_eq "$(json '[x["formula"] for x in d if x["code"] == "X-2/T05"][0]')" "4 × 2 = 8" "run 1 keeps its method"
  head -n 13 matrix.ini > short.ini
  dc risk method --set short.ini
  expect_status 3
  expect_err "needs [risk matrix]"
  dc audit verify
  expect_status 0
}

test_threat_catalogue() {
  dc init --scheme ipa
  dc threat list --json
  expect_status 0
  expect_eq "$(json 'd["name"] + " " + d["version"] + " " + str(d["installed"])')" "standard 2026.1 False" "catalogue"
  expect_eq "$(json 'len(d["threats"])')" 26 "threats"
  expect_eq "$(json '[t["property"] + ":" + ",".join(t["types"]) for t in d["threats"] if t["code"] == "T05"][0]')" \
    "C:data" "mail goes astray: leakage of data"
  expect_eq "$(json '"".join(sorted(set(t["property"] for t in d["threats"])))')" ACI "properties"
  dc threat list
  expect_out "FAXの誤送信"
  expect_out "ドキュメント"
  printf '[catalogue]\nname = x\nversion = 1\ntitle = t\n[threat T1]\nname = a\nproperty = Q\ntypes = data\nlikelihood = 2\n' > bad.ini
  dc threat use bad.ini
  expect_status 3
  expect_err "bad.ini: [threat T1] property 'Q'"
  sed -i 's/property = Q/property = C/; s/types = data/types = data;hardwear/' bad.ini
  dc threat use bad.ini
  expect_status 0
  expect_err "threat T1 names asset type 'hardwear'"
  dc threat list --json
  expect_eq "$(json 'd["name"] + " " + str(d["installed"]) + " " + str(len(d["threats"]))')" "x True 1" "installed catalogue"
}

# case: SEC-INJECT-02, SEC-OUTPUT-02
test_risk_workbook() {
  assessed_city || { fail "setup"; return; }
  dc risk set A-0019/T05 --treatment reduce --control "外部宛メールの送信保留" --owner shimin-kacho --due 2027-03-31
  dc export risk -o リスク評価.xlsx
  expect_status 0
  expect_out "wrote リスク評価.xlsx (638 risks, 2026-11-22)"
  expect_eq "$(stat -c %a リスク評価.xlsx)" 600 "mode"
  ls | grep -q 'tmp-' && fail "a temporary file was left"
  local book=リスク評価.xlsx
  expect_eq "$(xpath $book xl/workbook.xml './/x:sheet' name | tr '\n' ' ')" "リスク評価 ヒートマップ リスク対応計画 " "sheets"
  expect_eq "$(unzip -p $book xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)" 639 "rows of the risk sheet"
  expect_eq "$(unzip -p $book 'xl/worksheets/*.xml' | grep -c '<f>')" 0 "formula cells"
  expect_eq "$(cell $book sheet1 B2)/$(cell $book sheet1 F2)/$(cell $book sheet1 O2)/$(cell $book sheet1 P2)" \
    "A-0019/T02/4 × 2 = 8/高" "first risk"
  # Heat map: totals row and the count at value 4, 被害発生可能性 2.
  expect_eq "$(cell $book sheet2 F6)" 638 "all risks on the map"
  expect_eq "$(cell $book sheet2 E4)" 14 "value 4 at 被害発生可能性 2"
  expect_eq "$(cell $book sheet2 C10)" 63 "high in the legend"
  # The plan: the 142 risks that need a decision, the reduced one among them.
  expect_eq "$(unzip -p $book xl/worksheets/sheet3.xml | grep -o '<row ' | wc -l)" 143 "rows of the plan"
  unzip -p $book xl/worksheets/sheet3.xml | grep -q '外部宛メールの送信保留' || fail "the control is not in the plan"
  expect_eq "$(xpath $book xl/worksheets/sheet1.xml './/x:oddHeader' | grep -c '取扱注意')" 1 "handling mark"

  command -v soffice >/dev/null || { fail "LibreOffice (soffice) is not installed"; return; }
  mkdir lo
  soffice -env:UserInstallation=file://$TEST_DIR/lo-profile --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir lo $book >/dev/null 2>&1 \
    || fail "soffice could not convert the workbook"
  [ -s lo/リスク評価.csv ] || { fail "LibreOffice wrote no CSV"; return; }
  expect_eq "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
print(len(rows), rows[0][14], rows[1][1], rows[1][14], rows[1][15])
' lo/リスク評価.csv)" "639 算定式 A-0019 4 × 2 = 8 高" "LibreOffice's reading of the risk sheet"
}
