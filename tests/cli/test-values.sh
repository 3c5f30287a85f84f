# Values the way Japanese offices write them (issue 21): 和暦 dates and
# fiscal years on the command line, ○/× and 機密性3 in ledgers, rosters from
# HR systems, the ledger on another sheet than the first, UPNs against short logins.
# Fixtures are written by openpyxl (fixtures/values/make-fixtures.py), not by daicho.

VALUES=$DAICHO_ROOT/fixtures/values

test_japanese_dates_and_fiscal_years_on_the_command_line() {
  load_city || fail "load_city"
  # 和暦 for --date and --as-of: the same days as their ISO spelling.
  dc duty done id_stocktake --system jukiki-sys --date 令和7年6月1日 --by shimin-kacho
  expect_status 0
  dc due --as-of R9.3.31 --json
  expect_eq "$(json '[(i["state"], i["next_due"]) for i in d["items"] if i["duty"] == "id_stocktake" and i["system"] == "jukiki-sys"][0]')" \
    "('soon', '2027-03-31')" "as of R9.3.31"
  dc due --as-of ２０２７年４月１日 --json
  expect_eq "$(json '[i["state"] for i in d["items"] if i["duty"] == "id_stocktake" and i["system"] == "jukiki-sys"][0]')" \
    "overdue" "as of ２０２７年４月１日"
  # A day its era never had, and what cannot be read: the text kept, the forms named.
  dc due --as-of 平成31年5月1日
  expect_status 3
  expect_err "'平成31年5月1日' does not exist"
  dc due --as-of 来年の春
  expect_status 3
  expect_err "'来年の春' is not a date; write it as 2026-04-01, 2026/4/1, 2026.4.1, 2026年4月1日, 令和8年4月1日 or R8.4.1"
  # Fiscal years: 令和8年度, R8年度 and 2026年度 are 2026.
  dc review open --fy 令和8年度 --due R9.1.31
  expect_status 0
  expect_out "review of 令和8年度 (2026) open since 2026-11-22, due 2027-01-31"
  dc review status --fy R8年度 --json
  expect_status 0
  expect_eq "$(json 'd["fiscal_year"]')" 2026 "--fy R8年度"
  dc export schedule --fy 2026年度 -o plan.xlsx
  expect_status 0
  dc review status --fy 平成32年度
  expect_status 2
  expect_err "'平成32年度' does not exist"
  dc audit export -o pkg --fy 来年度
  expect_status 2
  expect_err "'来年度' is not a fiscal year; write it as 2026, 2026年度, 令和8年度 or R8年度"
}

# The value of FIELD of asset CODE, as stored.
stored() { "$DAICHO" asset show "$1" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['$2'])"; }

test_ledger_behind_a_cover_with_levels_and_marks_as_offices_write_them() {
  load_org || fail "load_org"
  # No --sheet: the one sheet with a ledger's header is taken; the 記入例 is passed over.
  dc import assets "$VALUES/ledger-behind-cover.xlsx" --dry-run
  expect_status 0
  expect_out "would import $VALUES/ledger-behind-cover.xlsx (sheet 台帳, header in row 3): 6 added"
  # The row of totals and the note below the table are not assets, and are said to be skipped.
  expect_out "rows passed over (totals and notes, not data):"
  expect_out "row 10: 合計 — a row of totals"
  expect_out "row 12: ※機密性・完全性・可用性は情報セキュリテ… — a note"
  dc import assets "$VALUES/ledger-behind-cover.xlsx" --json
  expect_status 0
  expect_eq "$(json 'd["sheet"], d["added"], d["skipped_rows"]')" \
    "台帳 6 ['row 10: 合計 — a row of totals', 'row 12: ※機密性・完全性・可用性は情報セキュリテ… — a note']" "report"
  # 機密性3, 完全性：高, C2, Ⅲ, II, ＩＩ; ○ × あり 無 － 有, 特定個人情報, empty; 和暦 dates.
  local got=""
  for code in V-001 V-002 V-003 V-004 V-005 V-006; do
    got+="$(stored $code c)$(stored $code i)$(stored $code a) $(stored $code personal_info) $(stored $code external_io) $(stored $code created_on);"
  done
  expect_eq "$got" "332 personal none 2024-04-01;321 specific both 2024-04-01;221 personal none 2024-04-01;211 none none 2019-04-30;222 none both 2025-06-01;222 none none 2025-06-01;" "values read"
}

test_which_sheet_is_the_ledger_when_not_one() {
  load_org || fail "load_org"
  dc import assets "$VALUES/ledger-two-sheets.xlsx"
  expect_status 3
  expect_err "several sheets have a header daicho recognises (sheet 表紙: no header row; sheet 目次: no header row; sheet 住宅課: a header in row 3 (12 columns known); sheet 土木課: a header in row 3 (12 columns known)); choose one with --sheet NAME"
  dc import assets "$VALUES/ledger-two-sheets.xlsx" --sheet 土木課
  expect_status 0
  expect_out "(sheet 土木課, header in row 3): 3 added"
  dc import assets "$VALUES/ledger-no-header.xlsx"
  expect_status 3
  expect_err "no sheet has a header daicho recognises (sheet 表紙: no header row; sheet 目次: no header row; sheet 一覧: no header row)"
  # A level or mark it does not know is refused as before, with the text as written.
  printf '資産番号,資産種別,資産名称,個人情報の有無,機密性,完全性,可用性,所管課,管理責任者\nW-1,data,x,△,機密性5,高,1,住宅課,住宅課長\n' > bad.csv
  dc import assets bad.csv
  expect_status 3
  expect_err "personal_info (個人情報の有無) '△' is not allowed"
  expect_err "level '機密性5' is not in the register's scheme"
}

# person FIELD... of employee EMPLOYEE_NO, from the register.
person() { sql "SELECT $2 FROM person WHERE employee_no = '$1'"; }

test_roster_from_an_hr_system() {
  load_city || fail "load_city"
  dc staff import "$VALUES/roster-hr.xlsx" --date 令和8年10月1日
  expect_status 0
  expect_out "imported $VALUES/roster-hr.xlsx (sheet 職員一覧, header in row 3): 2 added, 5 updated, 0 unchanged"
  expect_out "row 11: 合計 — a row of totals"
  # 育児休業: on leave, not departed; 転出: transferred; 出向: seconded; 定年退職: retired.
  expect_eq "$(person 001876 'status, status_date')" "active|" "現職"
  expect_eq "$(person 007733 'status, status_date')" "on_leave|2026-10-01" "育児休業"
  expect_eq "$(person 015890 'status, status_date, (SELECT code FROM section WHERE id = section_id)')" \
    "transferred|2026-10-01|doboku" "転出 to 土木課 (所属名)"
  expect_eq "$(person 021456 'status, status_date')" "seconded|2026-10-01" "出向"
  expect_eq "$(person 002390 'status, status_date, employment')" "retired|2026-09-30|regular" "定年退職, 再任用"
  # 新規採用 and 採用: active; 会計年度任用職員 and 臨時 as employment types; 氏名（漢字） as the name.
  expect_eq "$(person 030101 'name, status, employment')" "小林美咲|active|part_time" "新規採用"
  expect_eq "$(person 030102 'name, status, employment')" "加藤翔|active|fixed_term" "採用, 臨時"
  # 氏名（カナ） is kept as the reading, and shown next to the name.
  expect_eq "$(person 001876 'reading')" "サトウ　マサユキ" "氏名（カナ）"
  dc person show 030101 --json
  expect_eq "$(json 'd["name"] + "/" + d["reading"]')" "小林美咲/コバヤシ　ミサキ" "reading in --json"
  dc person list --json
  expect_eq "$(json 'list(next(p for p in d if p["employee_no"] == "001876"))[:3]')" \
    "['employee_no', 'name', 'reading']" "reading after the name"
  dc audit verify
  expect_status 0
}

# Sections by the personnel system's 所属コード, kept on the section.
test_roster_sections_by_hr_code() {
  load_city || fail "load_city"
  dc section edit jutaku --hr-code 0310
  expect_status 0
  dc section edit doboku --hr-code 0420
  expect_status 0
  dc section show doboku --json
  expect_eq "$(json 'd["hr_code"]')" "0420" "hr_code"
  # One code, one section.
  dc section edit soumu --hr-code 0310
  expect_status 4
  expect_err "hr_code (人事の所属コード) 0310 is already that of section 'jutaku'"
  dc staff import "$VALUES/roster-hr-codes.xlsx" --date 2026-10-01
  expect_status 0
  # 0310 → 住宅課; 420 (a number cell, its zero lost) → 土木課 although 所属名 says 住宅課;
  # 9999 is nobody's code: 所属名 土木課 as today.
  local sect="(SELECT code FROM section WHERE id = section_id)"
  expect_eq "$(person 001876 "$sect, reading")" "jutaku|サトウ　マサユキ" "0310"
  expect_eq "$(person 015890 "$sect")" "doboku" "420"
  expect_eq "$(person 030201 "$sect, employment")" "doboku|part_time" "9999 and 土木課"
  # A code of no section and no name: refused, the code and the fix named.
  python3 - <<'PY' || fail "setup"
import csv
with open("codes.csv", "w", newline="", encoding="cp932") as f:
    csv.writer(f).writerows([["職員番号", "氏名", "所属コード"], ["040001", "新人一郎", "7777"]])
PY
  dc staff import codes.csv
  expect_status 3
  expect_err "codes.csv, row 2, column C (所属コード): 所属コード 7777 is the code of no section; record it on its section with \`daicho section edit SECTION --hr-code 7777\`"
}

test_roster_must_not_carry_my_number() {
  load_city || fail "load_city"
  local before; before=$(sql "SELECT count(*) FROM history")
  dc staff import "$VALUES/roster-my-number.xlsx"
  expect_status 3
  expect_err "row 1, column D (個人番号): a column of 個人番号 (My Number): the roster must not carry 個人番号"
  dc staff import "$VALUES/roster-twelve-digits.xlsx"
  expect_status 3
  expect_err "row 2, column A (職員番号): 12 digits, like a 個人番号 (My Number): the roster must not carry 個人番号"
  expect_eq "$(sql "SELECT count(*) FROM history")" "$before" "history after refused rosters"
}
