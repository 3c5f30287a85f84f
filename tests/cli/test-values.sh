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
