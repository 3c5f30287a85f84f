# import assets: office ledgers from other tools, every problem listed, all or nothing.

ledgers=$DAICHO_ROOT/fixtures/ledgers

count() { sql "SELECT count(*) FROM $1"; }
dependencies() {
  sql "SELECT group_concat(pair, ' ') FROM (SELECT a.code || '>' || b.code AS pair FROM asset_dependency d
       JOIN asset a ON a.id = d.asset_id JOIN asset b ON b.id = d.depends_on_id ORDER BY pair)"
}
asset_json() { "$DAICHO" asset show "$1" --json; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$2'])" <<<"$(asset_json "$1")"; }

test_office_ledger_with_title_and_two_row_header() {
  load_org || fail "setup"
  history=$(count history)
  dc import assets "$ledgers/office-ledger.xlsx" --dry-run
  expect_status 0
  expect_out "would import"
  expect_out "header in row 5"
  expect_out "5 added"
  expect_out "columns not imported: 担当者メモ"
  expect_eq "$(count asset)/$(count history)" "0/$history" "after a dry run"
  dc import assets "$ledgers/office-ledger.xlsx"
  expect_status 0
  expect_eq "$(count asset)" 5 "assets"
  expect_eq "$(count history)" $((history + 5)) "one history entry per asset"
  # Levels as 3 課外秘, ３, 課外秘, ３　課外秘; names of sections and posts; 有/無; dates.
  expect_eq "$(field J-001 c)/$(field J-001 i)/$(field J-001 a)" "3/3/2" "J-001 levels"
  expect_eq "$(field J-002 c)/$(field J-002 i)/$(field J-002 a)" "3/3/2" "J-002 levels"
  expect_eq "$(field J-003 c)/$(field J-004 c)" "3/3" "levels by name"
  expect_eq "$(field J-001 section)/$(field J-005 post)" "jutaku/jutaku-kanri-tanto-kacho" "references"
  expect_eq "$(field J-001 personal_info)/$(field J-005 personal_info)" "personal/none" "有 and 無"
  expect_eq "$(field J-003 external_io)" "none" "無 for external input/output"
  expect_eq "$(field J-001 created_on)" "2024-04-01" "a date cell"
  expect_eq "$(field J-004 note)" "=持出簿に記録" "formula-like text stays text"
  dc audit verify
  expect_status 0
}

test_cp932_csv_gives_the_same_register() {
  load_org || fail "setup"
  dc import assets "$ledgers/office-ledger-cp932.csv"
  expect_status 0
  expect_out "CP932, header in row 3"
  a=$("$DAICHO" asset list --json)
  rm -f "$DAICHO_DB"*
  load_org || fail "setup"
  "$DAICHO" import assets "$ledgers/office-ledger.xlsx" >/dev/null
  b=$("$DAICHO" asset list --json | sed 's/〜/～/g')
  [ "$a" == "$b" ] || fail "the CSV and the workbook gave different registers"
}

test_every_problem_listed_and_nothing_imported() {
  load_org || fail "setup"
  history=$(count history)
  dc import assets "$ledgers/office-ledger-bad.xlsx"
  expect_status 3
  expect_err "office-ledger-bad.xlsx, sheet 台帳, row 6, column F (機密性): c (機密性) level '5' is not in the register's scheme; allowed: 1 一般, 2 庁外秘, 3 課外秘, 4 極秘"
  expect_err "row 7, column K (管理部署): section '住宅企画課' does not exist"
  expect_err "row 8, column C (情報資産名称): 資産名称 (name) is empty"
  expect_err "row 9, column B (資産種別): asset type '紙' is not in the register's scheme"
  expect_err "row 10, column O (登録日): created_on: '2022/13/01' is not a date"
  expect_err "5 problems; nothing was imported"
  expect_eq "$(count asset)/$(count history)" "0/$history" "the register"
}

test_existing_codes_conflict_skip_or_update() {
  load_org || fail "setup"
  "$DAICHO" import assets "$ledgers/office-ledger.xlsx" >/dev/null
  history=$(count history)
  dc import assets "$ledgers/office-ledger.xlsx"
  expect_status 4
  expect_err "row 6, column A (No.): asset J-001 is already in the register; give --update"
  dc import assets "$ledgers/office-ledger.xlsx" --skip-existing
  expect_status 0
  expect_out "0 added, 0 updated, 0 unchanged, 5 skipped"
  dc import assets "$ledgers/office-ledger.xlsx" --update
  expect_out "5 unchanged"
  expect_eq "$(count history)" "$history" "history after imports that change nothing"
  # A corrected file: J-002 becomes 極秘.
  "$DAICHO" export assets -o current.csv >/dev/null
  python3 - <<'PY'
import csv
rows = list(csv.reader(open("current.csv", encoding="utf-8-sig", newline="")))
for row in rows[1:]:
    if row[0] == "J-002":
        row[rows[0].index("機密性")] = "4 極秘"
csv.writer(open("changed.csv", "w", encoding="utf-8-sig", newline="")).writerows(rows)
PY
  dc import assets changed.csv --update --dry-run
  expect_out "update    J-002  c: 3 → 4"
  dc import assets changed.csv --update
  expect_status 0
  expect_out "1 updated, 4 unchanged"
  expect_eq "$(field J-002 c)/$(field J-002 version)" "4/2" "J-002 after the update"
}

test_export_then_import_changes_nothing() {
  load_city || fail "load_city"
  "$DAICHO" export assets -o assets.csv >/dev/null
  "$DAICHO" export assets -o assets.xlsx >/dev/null
  before=$("$DAICHO" asset list --json)
  deps=$(dependencies)
  for file in assets.csv assets.xlsx; do
    rm -f "$DAICHO_DB"*
    load_org || fail "setup"
    dc import assets "$file"
    expect_status 0
    expect_out "60 added"
    expect_eq "$("$DAICHO" asset list --json)" "$before" "the register after importing $file"
    expect_eq "$(dependencies)" "$deps" "dependencies from $file"
  done
}

test_workbook_resaved_by_libreoffice() {
  command -v soffice >/dev/null || { fail "LibreOffice (soffice) is not installed"; return; }
  load_org || fail "setup"
  cp "$ledgers/office-ledger.xlsx" office.xlsx
  mkdir lo
  soffice -env:UserInstallation=file://$TEST_DIR/lo-profile --headless --convert-to xlsx \
    --outdir lo office.xlsx >/dev/null 2>&1 || fail "soffice could not convert"
  [ -s lo/office.xlsx ] || { fail "LibreOffice wrote nothing"; return; }
  cmp -s lo/office.xlsx office.xlsx && fail "the file was not rewritten"
  dc import assets lo/office.xlsx
  expect_status 0
  expect_out "5 added"
  expect_eq "$(field J-001 c)/$(field J-001 created_on)/$(field J-004 note)" "3/2024-04-01/=持出簿に記録" "values"
}

test_excel_unicode_text_and_a_mapping_file() {
  load_org || fail "setup"
  # Excel's "Unicode text": UTF-16LE with BOM, tab-separated, its own header words.
  python3 - <<'PY'
rows = [["番号", "種別", "名称", "秘匿度", "完全性", "可用性", "所管課", "管理責任者"],
        ["T-1", "データ", "滞納整理データ", "3", "2", "1", "税務課", "税務課長"]]
open("unicode.txt", "wb").write("\ufeff".encode("utf-16-le") +
    "\r\n".join("\t".join(r) for r in rows).encode("utf-16-le") + "\r\n".encode("utf-16-le"))
PY
  dc import assets unicode.txt
  expect_status 3
  expect_err "機密性 (c) is empty; a new asset needs it"
  printf '[columns]\nc = 秘匿度\n' > map.ini
  dc import assets unicode.txt --map map.ini
  expect_status 0
  expect_out "UTF-16LE"
  expect_eq "$(field T-1 c)/$(field T-1 section)" "3/zeimu" "the mapped column"
  dc import assets unicode.txt --map missing.ini
  expect_status 3
  dc import assets no-such-file.xlsx
  expect_status 3
  dc import assets unicode.txt --update --skip-existing
  expect_status 2
}

# Found in review: merged cells, mapping-file mistakes, codes written differently,
# dependencies named by name.
test_merged_cells_and_a_memo_box() {
  load_org || fail "setup"
  dc import assets "$ledgers/office-ledger-merged.xlsx"
  expect_status 0
  expect_out "6 added"
  # 個人情報, 所管課 and 保管場所 are merged over rows 2-4: every asset gets them.
  expect_eq "$(field M-3 personal_info)/$(field M-3 section)/$(field M-3 storage)" "personal/jutaku/サーバ室" "M-3"
  expect_eq "$(field M-6 storage)" "執務室" "a row under the memo box"
}

test_mapping_file_naming_no_field() {
  load_org || fail "setup"
  printf '資産番号,資産名称,メモ\nX-1,x,y\n' > memo.csv
  printf '[columns]\nmemo = メモ\n' > map.ini
  dc import assets memo.csv --map map.ini
  expect_status 3
  expect_err "the mapping file names 'memo = メモ', which daicho does not know"
  printf '[options]\nheader_row = first\n' > map.ini
  dc import assets memo.csv --map map.ini
  expect_status 3
}

test_codes_written_differently_and_dependencies_by_name() {
  load_city || fail "load_city"
  "$DAICHO" export assets -o all.csv >/dev/null
  python3 - <<'PY'
import csv
rows = list(csv.reader(open("all.csv", encoding="utf-8-sig", newline="")))
out = [rows[0]] + [r for r in rows[1:] if r[0] == "A-0003"]
out[1][0] = "Ａ－０００３"                      # the same code, full width
out[1][-1] = "家賃収納データ"                   # A-0002, by its name
csv.writer(open("one.csv", "w", encoding="utf-8-sig", newline="")).writerows(out)
PY
  history=$(count history)
  dc import assets one.csv --update
  expect_status 0
  expect_out "1 unchanged"
  expect_eq "$(count asset)/$(count history)" "60/$history" "assets and history"
  dc asset add Ａ－０００３ --type data --name x --c 1 --i 1 --a 1 --section jutaku --post jutaku-kacho
  expect_status 4
  expect_err "differs from the existing asset 'A-0003' only in width or case"
}

# A refused import claims nothing on stdout (the problems are on stderr), and
# its --json says "imported": false; for every kind of import.
test_a_refused_import_does_not_say_imported() {
  load_city || fail "setup"
  dc review open --fy 2026
  expect_status 0
  printf 'x,y\r\n1,2\r\n' > noheader.csv
  local history cmd
  history=$(count history)
  for cmd in "import assets" "id import --system jutaku-sys" "staff import"; do
    for file in noheader.csv "$ledgers/office-ledger-bad.xlsx"; do
      # shellcheck disable=SC2086
      dc $cmd "$file"
      [ "$status" -eq 3 ] || fail "$cmd $file: expected exit 3, got $status"
      [ -z "$out" ] || fail "$cmd $file: a refused import printed on stdout: $out"
      [ -n "$err" ] || fail "$cmd $file: no problem on stderr"
      # shellcheck disable=SC2086
      dc $cmd "$file" --json
      [ "$status" -eq 3 ] || fail "$cmd $file --json: expected exit 3, got $status"
      expect_eq "$(json 'd["imported"]')" False "$cmd $file --json: imported"
    done
  done
  dc review import "$ledgers/office-ledger-bad.xlsx" --json
  [ "$status" -eq 3 ] || fail "review import --json: expected exit 3, got $status: $err"
  expect_eq "$(json 'd["applied"]')" False "review import --json: applied"
  dc review import noheader.csv
  [ "$status" -eq 3 ] || fail "review import: expected exit 3, got $status"
  [ -z "$out" ] || fail "review import: a refused import printed on stdout: $out"
  expect_eq "$(count history)" "$history" "the history after refused imports"
  # An import that succeeds says so, in both forms.
  dc import assets "$ledgers/office-ledger.xlsx" --json
  expect_status 0
  expect_eq "$(json 'd["imported"]')" True "a good import --json: imported"
}
