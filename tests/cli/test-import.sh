# import assets: office ledgers from other tools, every problem listed, all or nothing.

ledgers=$DAICHO_ROOT/fixtures/ledgers

count() { sql "SELECT count(*) FROM $1"; }
dependencies() {
  sql_list "SELECT a.code || '>' || b.code AS pair FROM asset_dependency d
            JOIN asset a ON a.id = d.asset_id JOIN asset b ON b.id = d.depends_on_id ORDER BY pair"
}
asset_json() { "$DAICHO" asset show "$1" --json; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$2'])" <<<"$(asset_json "$1")"; }

# case: SEC-INJECT-02
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
  load_org || fail "setup"
  "$DAICHO" import assets "$ledgers/office-ledger.xlsx" >/dev/null
  b=$("$DAICHO" asset list --json | sed 's/〜/～/g')
  [ "$a" == "$b" ] || fail "the CSV and the workbook gave different registers"
}

# case: SEC-FAULT-04
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
  # A column the file lacks is told once, at the header, with what to do.
  expect_err "unicode.txt, row 1: the file has no column of 機密性 (c), which 1 new asset needs"
  expect_err "--default c=VALUE"
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

# An office's own ledger lists 所管課 but no 管理責任者: told once, with the two
# ways to supply it; --default or the section's head post (所属長) fill it, and
# the report says how many rows took which.
test_ledger_without_a_post_column() {
  load_org || fail "setup"
  python3 - <<'PY' || fail "setup: the ledger"
import csv
rows = [["資産番号", "資産名称", "資産種別", "機密性", "完全性", "可用性", "所管課"],
        ["HO-001", "住宅使用料台帳", "data", "3", "2", "1", "住宅課"],
        ["HO-002", "入居申込書", "document", "3", "2", "1", "住宅課"],
        ["HO-003", "課税台帳", "data", "3", "2", "1", "税務課"]]
with open("ledger.csv", "w", newline="", encoding="utf-8") as f:
    csv.writer(f).writerows(rows)
PY
  local history; history=$(count history)
  dc import assets ledger.csv
  expect_status 3
  expect_err "ledger.csv, row 1: the file has no column of 管理責任者（補職名） (post), which 3 new assets need"
  expect_err "(住宅課, 税務課)"
  expect_err "--default post=POST"
  expect_err "daicho section edit SECTION --head-post POST"
  expect_eq "$(grep -c 'post' <<<"$err")" 1 "the missing post told once, not per row"
  expect_eq "$(count asset)/$(count history)" "0/$history" "nothing imported"

  dc import assets ledger.csv --default post=住宅課長 --dry-run
  expect_status 0
  expect_out "post: 3 rows took --default post=住宅課長"
  expect_eq "$(count asset)" 0 "after a dry run"

  # The head post of one section: the other's rows are still told once.
  dc section edit jutaku --head-post 住宅課長
  expect_status 0
  dc import assets ledger.csv
  expect_status 3
  expect_err "which 1 new asset needs, and its section names no head post (税務課)"
  dc section edit zeimu --head-post zeimu-kacho
  expect_status 0
  dc section show zeimu --json
  expect_eq "$(json 'd["head_post"]')" zeimu-kacho "the head post"
  dc import assets ledger.csv --dry-run
  expect_status 0
  expect_out "post: 3 rows took the head post (所属長) of their section"
  # --default comes before the head post.
  dc import assets ledger.csv --default post=jutaku-kakaricho --dry-run
  expect_status 0
  expect_out "post: 3 rows took --default post=jutaku-kakaricho"
  [[ "$out" != *"head post"* ]] || fail "the head post used under --default: $out"
  dc import assets ledger.csv
  expect_status 0
  expect_eq "$(field HO-001 post)/$(field HO-002 post)/$(field HO-003 post)" \
            "jutaku-kacho/jutaku-kacho/zeimu-kacho" "posts from the head posts"
  dc import assets ledger.csv --json --skip-existing
  expect_status 0
  # Rows without a code continue their section's series.
  printf '資産名称,資産種別,機密性,完全性,可用性,所管課\n駐車場台帳,data,2,2,1,住宅課\n修繕記録,data,2,2,1,住宅課\n' > more.csv
  dc import assets more.csv
  expect_status 0
  expect_eq "$(sql_list "SELECT code FROM asset WHERE name IN ('駐車場台帳', '修繕記録') ORDER BY code")" \
            "HO-004 HO-005" "codes of rows without one"
  dc audit verify
  expect_status 0
}

test_default_fills_empty_cells_and_is_checked() {
  load_org || fail "setup"
  python3 - <<'PY' || fail "setup: the ledger"
import csv
rows = [["資産番号", "資産名称", "資産種別", "機密性", "完全性", "可用性", "所管課", "管理責任者"],
        ["J-1", "家賃台帳", "data", "3", "2", "1", "住宅課", ""],
        ["J-2", "入居者台帳", "data", "3", "2", "1", "住宅課", "住宅課管理係長"]]
with open("ledger.csv", "w", newline="", encoding="utf-8") as f:
    csv.writer(f).writerows(rows)
PY
  dc import assets ledger.csv --default post=jutaku-kacho --default storage=書庫 --json
  expect_status 0
  expect_eq "$(json 'd["defaults"]')" "['post: 1 row took --default post=jutaku-kacho', 'storage: 2 rows took --default storage=書庫']" "defaults in --json"
  expect_eq "$(field J-1 post)/$(field J-2 post)/$(field J-2 storage)" "jutaku-kacho/jutaku-kakaricho/書庫" "filled and kept"
  local opt
  for opt in "--default pst=x" "--default post" "--default =x" "--default post=" \
             "--default post=a --default post=b"; do
    # shellcheck disable=SC2086
    dc import assets ledger.csv $opt
    [ "$status" -eq 2 ] || fail "$opt: expected exit 2, got $status"
    expect_err "--default"
  done
  dc import assets ledger.csv --default pst=x
  expect_err "--default pst=x: no field pst here"
  # A default the register does not know is a problem of the rows (exit 3).
  # A default the register does not know: told once (exit 3), naming the option.
  dc import assets ledger.csv --default post=no-such-post --default storage=x --update
  expect_status 3
  expect_err "ledger.csv, row 2, column H (管理責任者), --default post: post 'no-such-post' does not exist"
  expect_err "(every row that took it)"
  dc import assets ledger.csv --default system=no-such-system --update
  expect_status 3
  expect_err "ledger.csv, row 2 (--default system): system 'no-such-system' does not exist"
  expect_eq "$(grep -c 'no-such-system' <<<"$err")" 1 "a wrong default told once"
}

# Progress of long work: a line on stderr when it is a terminal (script(1)
# gives the command one), taken away at the end; nothing in a pipe or a file,
# nothing with --json. DAICHO_PROGRESS_AFTER=0 shows it at once.
on_terminal() {  # COMMAND...: what a terminal would show of its stderr (stdout discarded)
  DAICHO_PROGRESS_AFTER=${DAICHO_PROGRESS_AFTER:-0} script -qec "$(printf '%q ' "$@") >/dev/null" /dev/null
}
test_progress_line_on_a_terminal_only() {
  load_org || { fail "setup: load_org"; return; }
  local shown
  shown=$(on_terminal "$DAICHO" import assets "$ledgers/office-ledger.xlsx" --dry-run) ||
    { fail "setup: script(1) could not run the import"; return; }
  grep -qF "rows stored: 5 of 5 (100 %)" <<<"$shown" || fail "no progress of the rows stored: $shown"
  [[ $shown == *$'\r\e[K' ]] || fail "the line is not taken away at the end: $(od -c <<<"$shown" | tail -3)"
  shown=$(on_terminal "$DAICHO" import assets "$ledgers/office-ledger.xlsx" --dry-run --json)
  expect_eq "$shown" "" "a terminal with --json"
  DAICHO_PROGRESS_AFTER=0 dc import assets "$ledgers/office-ledger.xlsx" --dry-run
  expect_status 0
  [[ $err != *"rows "* ]] || fail "progress written to a file: $err"
  shown=$(DAICHO_PROGRESS_AFTER=off on_terminal "$DAICHO" import assets "$ledgers/office-ledger.xlsx" --dry-run)
  expect_eq "$shown" "" "a terminal with DAICHO_PROGRESS_AFTER=off"
}
