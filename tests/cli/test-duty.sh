# duty list|done|log|post, due and export schedule on the fictional city
# (3 systems: jukiki-sys under 市民課長, jutaku-sys under 住宅管理担当課長,
# lan-sys under 情報政策課長).

# due --json as "state next_due days" of one duty and system.
due_of() { python3 -c "
import json,sys; d=json.load(sys.stdin)
x=[i for i in d['items'] if i['duty']=='$1' and i['system']=='$2']
print(*(x and (x[0]['state'], x[0]['next_due'], x[0]['days']) or ('absent',)))" <<<"$out"; }

test_catalogue_and_targets() {
  load_city || fail "load_city"
  dc duty list --json
  expect_status 0
  expect_eq "$(json 'len(d)')" 15 "duties"
  expect_eq "$(json '[(x["scope"], x["interval"], x["targets"]) for x in d if x["code"] in ("id_stocktake", "asset_review", "privileged_password_change")]')" \
    "[('register', 'fiscal_year', 1), ('system', 'fiscal_year', 3), ('system', 'months', 3)]" "scopes"
  # Servers and the like holding information of availability 2 or more.
  expect_eq "$(json '[x["targets"] for x in d if x["code"] == "server_maintenance"][0]')" 7 "servers"
  dc duty list
  expect_out "id_stocktake"
  expect_out "（未設定: daicho duty post）"
}

test_done_log_and_refusals() {
  load_city || fail "load_city"
  dc duty done id_stocktake --system 住民記録システム --date 2026/5/20 --by 市民課長 --note "不要ID 2件を削除"
  expect_status 0
  expect_out "recorded id_stocktake for 住民記録システム done on 2026/5/20 by 市民課長"
  dc duty log id_stocktake --json
  expect_eq "$(json 'd[0]["code"], d[0]["post"], d[0]["person"], d[0]["note"]')" \
    "id_stocktake/jukiki-sys/2026-05-20 shimin-kacho 001534 不要ID 2件を削除" "the record"
  dc history --entity duty_done --json
  expect_eq "$(json 'len(d), d[0]["actor"]')" "1 $(actor)" "history"
  dc duty done asset_review --system jukiki-sys --by joho-kacho
  expect_status 3
  expect_err "is done once for the whole register"
  dc duty done server_maintenance --asset A-0001 --by jutaku-kacho
  expect_status 3
  expect_err "applies only where type=hardware a>=2"
  dc duty done id_stocktake --system jukiki-sys --date 2026-11-23 --by shimin-kacho
  expect_status 3
  expect_err "is after today"
  dc duty done stocktake --system jukiki-sys --by shimin-kacho
  expect_status 3
  expect_err "there is no periodic duty 'stocktake'"
  dc duty done id_stocktake --system jukiki-sys
  expect_status 2
  dc duty post id_stocktake joho-kacho
  expect_status 3
  dc audit verify
  expect_status 0
}

test_due_across_the_fiscal_year_end() {
  load_city || fail "load_city"
  DAICHO_TODAY=2026-03-01 "$DAICHO" duty done id_stocktake --system jukiki-sys --date 2025-06-01 --by shimin-kacho >/dev/null
  # 31 March 2027: the stocktake of fiscal year 2026 is due today.
  dc due --as-of 2027-03-31 --json
  expect_status 1   # other duties were never recorded: overdue
  expect_eq "$(due_of id_stocktake jukiki-sys)" "soon 2027-03-31 0" "on 31 March"
  dc due --as-of 2027-04-01 --json
  expect_eq "$(due_of id_stocktake jukiki-sys)" "overdue 2027-03-31 -1" "on 1 April"
  expect_eq "$(due_of id_stocktake lan-sys)" "overdue None None" "never recorded"
  expect_eq "$(json '[h["name"] for i in d["items"] if i["duty"] == "id_stocktake" and i["system"] == "jukiki-sys" for h in i["holders"]]')" \
    "['渡辺和夫']" "who holds the post"
  # Text: the post and the person holding it now.
  dc due --as-of 2027-04-01 --post shimin-kacho
  expect_status 1
  expect_out "期限超過 1日"
  expect_out "市民課長（shimin-kacho）"
  expect_out "渡辺和夫 (001534)"
}

test_monthly_from_31_january() {
  load_city || fail "load_city"
  DAICHO_TODAY=2027-02-10 "$DAICHO" duty done access_log_analysis --system lan-sys --date 2027-01-31 --by joho-kacho >/dev/null
  dc due --as-of 2027-02-28 --json
  expect_eq "$(due_of access_log_analysis lan-sys)" "soon 2027-02-28 0" "end of February"
  dc due --as-of 2027-03-01 --json --within 1d
  expect_eq "$(due_of access_log_analysis lan-sys)" "overdue 2027-02-28 -1" "on 1 March"
  dc due --within 1m
  expect_status 2
}

test_register_wide_duties_and_exit_codes() {
  load_city || fail "load_city"
  "$DAICHO" post add kanri --name 情報セキュリティ管理者 --section joho >/dev/null
  dc duty post asset_review kanri
  expect_out "asset_review is the responsibility of kanri"
  "$DAICHO" duty post classification_review kanri >/dev/null
  dc due --post kanri
  expect_status 1
  expect_out "2 overdue"
  expect_out "記録なし"
  "$DAICHO" duty done asset_review --date 2026-10-01 --by kanri >/dev/null
  "$DAICHO" duty done classification_review --date 2026-10-01 --by kanri >/dev/null
  dc due --post kanri
  expect_status 0
  expect_out "0 overdue, 0 due within 30 days (as of 2026-11-22)"
  dc due --post kanri --all --json
  expect_eq "$(json '[(i["state"], i["next_due"]) for i in d["items"]]')" \
    "[('ok', '2028-03-31'), ('ok', '2028-03-31')]" "done this fiscal year"
}

# case: SEC-INJECT-02, SEC-OUTPUT-02
test_schedule_workbook() {
  command -v soffice >/dev/null || { fail "LibreOffice (soffice) is not installed"; return; }
  load_city || fail "load_city"
  "$DAICHO" duty done id_stocktake --system jukiki-sys --date 2026-05-20 --by shimin-kacho >/dev/null
  "$DAICHO" duty done access_log_analysis --system jukiki-sys --date 2026-10-31 --by shimin-kacho >/dev/null
  dc export schedule -o 年間計画.xlsx
  expect_status 0
  expect_out "wrote 年間計画.xlsx"
  expect_eq "$(stat -c %a 年間計画.xlsx)" 600 "mode"
  expect_eq "$(unzip -p 年間計画.xlsx 'xl/worksheets/*.xml' | grep -c '<f>')" 0 "formula cells"
  soffice -env:UserInstallation=file://$TEST_DIR/lo-profile --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir lo 年間計画.xlsx >/dev/null 2>&1 \
    || fail "soffice could not convert"
  python3 - lo/年間計画.csv >rows <<'PY' || fail "reading the CSV"
import csv, sys
for row in csv.reader(open(sys.argv[1], encoding="utf-8")):
    print("|".join(row))
PY
  grep -q '^No|業務|周期|対象|担当補職|現在の担当者|前回実施|次回期限|4月|5月|' rows || fail "header: $(sed -n 4p rows)"
  grep -q '^[0-9]*|IDの定期棚卸点検.*|住民記録システム|市民課長|渡辺和夫（001534）|2026-05-20|2028-03-31||済 5/20|' rows ||
    fail "the stocktake row: $(grep 棚卸 rows | head -1)"
  grep -q '|住民記録システム|.*|2026-10-31|2026-11-30|未実施|未実施|未実施|未実施|未実施|未実施|済 10/31|○|' rows ||
    fail "the monthly row: $(grep 'アクセス記録' rows | head -1)"
}
