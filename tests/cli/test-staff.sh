# End-to-end: importing the staff roster (daicho staff import).

ids=$DAICHO_ROOT/fixtures/id

person_field() { "$DAICHO" person show "$1" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['$2'])"; }

test_roster_updates_persons_and_keeps_leading_zeros() {
  load_city || fail "setup"
  local history; history=$(sql "SELECT count(*) FROM history")
  dc staff import "$ids/roster.xlsx" --date 2026-11-01 --dry-run
  expect_status 0
  expect_out "would import"
  expect_out "2 added, 1 updated, 39 unchanged, 0 retired"
  expect_eq "$(sql "SELECT count(*) FROM history")" "$history" "history after a dry run"
  dc staff import "$ids/roster.xlsx" --date 2026-11-01 --json
  expect_status 0
  expect_eq "$(json 'd["added"]')/$(json 'd["updated"]')/$(json 'd["unchanged"]')" "2/1/39" "counts"
  expect_eq "$(json 'd["header_row"]')/$(json 'd["sheet"]')" "4/名簿" "header found below the title"
  # 30001 was a number cell: read as 030001 like the other numbers, and said so.
  expect_eq "$(json 'len(d["notes"])')" 1 "notes"
  expect_eq "$(json '"030001" in d["notes"][0]')" True "note names the padded number"
  expect_eq "$(person_field 030001 name)/$(person_field 030001 employment)" "新井　悠/part_time" "new person"
  # 7733 was a number cell of the existing 007733: matched, unchanged.
  expect_eq "$(sql "SELECT count(*) FROM person WHERE employee_no IN ('7733', '007733')")" 1 "no duplicate of 007733"
  expect_eq "$(person_field 015890 status)/$(person_field 015890 status_date)" "transferred/2026-10-01" "transfer"
  expect_eq "$(sql "SELECT count(*) FROM history")" $((history + 3)) "one history entry per changed person"
  dc history --entity person --key 015890 --json
  expect_eq "$(json 'd[-1]["action"]')" import "history action"
  # Importing the same roster again changes nothing.
  dc staff import "$ids/roster.xlsx" --date 2026-11-01
  expect_out "0 added, 0 updated, 42 unchanged"
  dc audit verify
  expect_status 0
}

test_status_change_without_date_takes_the_roster_date() {
  load_city || fail "setup"
  printf '職員番号,氏名,在職状況\n001876,佐藤　雅之,退職\n' >r.csv
  dc staff import r.csv --date 2027-03-31
  expect_status 0
  expect_eq "$(person_field 001876 status)/$(person_field 001876 status_date)" "retired/2027-03-31" "dated by --date"
}

test_absent_persons_listed_or_retired() {
  load_city || fail "setup"
  printf '職員番号,氏名\n001876,佐藤　雅之\n007733,松田恵子\n' >r.csv
  dc staff import r.csv --json
  expect_eq "$(json 'len(d["absent"])')" 33 "present persons not in the roster"
  expect_eq "$(json 'd["retired"]')" 0 "nobody retired without --retire-absent"
  dc staff import r.csv --retire-absent --date 2026-12-01
  expect_status 0
  expect_out "33 retired"
  expect_eq "$(person_field 001203 status)/$(person_field 001203 status_date)" "retired/2026-12-01" "retired"
  expect_eq "$(person_field 004512 status_date)" "2026-03-31" "an earlier retirement is kept"
}

test_bad_roster_lists_every_problem_and_imports_nothing() {
  load_city || fail "setup"
  printf '職員番号,氏名,所属,在職状況,発令日\n,名無し,住宅課,在職,\n040001,,住宅課,在職,\n040002,新人,架空課,在職,\n040003,新人,住宅課,昇進,\n040004,新人,住宅課,在職,2026-13-01\n001876,佐藤,住宅課,在職,\n1876,佐藤,住宅課,在職,\n' >bad.csv
  local history; history=$(sql "SELECT count(*) FROM history")
  dc staff import bad.csv
  expect_status 3
  expect_err "bad.csv, row 2, column A (職員番号): 職員番号 (employee number) is empty"
  expect_err "row 3, column B (氏名): 氏名 (name) is empty; a new person needs it"
  expect_err "row 4, column C (所属): section '架空課' does not exist"
  expect_err "row 5, column D (在職状況): status (在職状況) '昇進' is not allowed"
  expect_err "row 6, column E (発令日): status_date: '2026-13-01' is not a date"
  expect_err "row 8, column A (職員番号): employee number 1876 is already in row 7 of this file"
  expect_err "6 problems; nothing was imported"
  expect_eq "$(sql "SELECT count(*) FROM history")" "$history" "nothing written"
}

# A roster without a 所属 column: --default section= fills it for every row.
test_default_section_for_a_roster_without_one() {
  load_city || fail "setup"
  printf '職員番号,氏名\n009001,新規 一郎\n009002,新規 二郎\n' >r.csv
  dc staff import r.csv --default section=住宅課 --default employment=会計年度任用 --dry-run
  expect_status 0
  expect_out "section: 2 rows took --default section=住宅課"
  expect_out "employment: 2 rows took --default employment=会計年度任用"
  dc staff import r.csv --default section=住宅課
  expect_status 0
  expect_eq "$(person_field 009001 section)/$(person_field 009002 section)" "jutaku/jutaku" "sections"
  dc staff import r.csv --default login_id=x
  expect_status 2
  expect_err "--default login_id=x: no field login_id here"
}
