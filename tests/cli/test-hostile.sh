# Hostile files through the real command (`daicho import assets`): each is
# refused with a message naming the file and exit 3, and the register is
# exactly as before: the same bytes on disk and the same history.

hostile=$DAICHO_ROOT/fixtures/readers/hostile
make_xlsx() { python3 "$DAICHO_ROOT/tests/cli/hostile-xlsx.py" "$@" || fail "could not make $2"; }

# expect_refused FILE WORDS [CODE]: importing FILE fails with CODE (3) and
# a message naming the file and containing WORDS; nothing changes.
expect_refused() {
  local before
  before=$(register_state)
  dc import assets "$1"
  expect_status "${3:-3}"
  expect_err "$1"
  expect_err "$2"
  expect_eq "$(register_state)" "$before" "the register after importing $1"
}

# A file with a known secret, for entities that point at local files.
secret() {
  echo "SECRET-$RANDOM-MARKER" > secret.txt
  cat secret.txt
}
expect_secret_kept() {  # MARKER: not in the output, the errors or the register
  grep -qF "$1" <<<"$out$err" && fail "the secret file's content was read: $out $err"
  sqlite3 "$DAICHO_DB" .dump | grep -qF "$1" && fail "the secret file's content reached the register"
  return 0
}

# case: SEC-INPUT-02
test_control_workbook_is_imported() {
  # The generator's workbooks are sound apart from what each test makes hostile.
  load_org || fail "setup"
  make_xlsx valid valid.xlsx
  dc import assets valid.xlsx
  expect_status 0
  expect_out "1 added"
  dc asset show J-0001 --json
  expect_eq "$(json "d['name']")" "入居者台帳" "the asset's name"
}

# case: SEC-INPUT-01
test_external_entities_are_refused_before_parsing() {
  load_org || fail "setup"
  marker=$(secret)
  for kind in xxe xxe-utf16 xxe-late xxe-shared dtd; do
    make_xlsx "$kind" "$kind.xlsx" "$TEST_DIR/secret.txt"
    expect_refused "$kind.xlsx" "has a DOCTYPE (refused"
    expect_secret_kept "$marker"
  done
}

# case: SEC-INPUT-01
test_billion_laughs_is_refused() {
  load_org || fail "setup"
  make_xlsx laughs laughs.xlsx
  expect_refused laughs.xlsx "entry xl/sharedStrings.xml has a DOCTYPE (refused"
  expect_refused "$hostile/laughs.xlsx" "has a DOCTYPE (refused"
}

# case: SEC-INPUT-02
test_zip_bombs_are_refused() {
  load_org || fail "setup"
  make_xlsx bomb bomb.xlsx
  [ "$(stat -c %s bomb.xlsx)" -lt 1048576 ] || fail "the bomb is not small: $(stat -c %s bomb.xlsx)"
  expect_refused bomb.xlsx "compressed more than 100:1 (a zip bomb?)"
  expect_refused "$hostile/bomb.xlsx" "zip bomb"
  # minizip stops at the declared size: the XML is cut short.
  expect_refused "$hostile/lying-size.xlsx" "entry xl/worksheets/sheet1.xml"
}

# case: SEC-INPUT-02
test_entries_leaving_their_folder_are_refused() {
  load_org || fail "setup"
  make_xlsx dotdot dotdot.xlsx
  expect_refused dotdot.xlsx "the zip entry name “../../evil.txt” is absolute or leaves its folder"
  make_xlsx absolute absolute.xlsx
  expect_refused absolute.xlsx "the zip entry name “/tmp/evil.txt” is absolute"
  expect_refused "$hostile/dotdot.xlsx" "leaves its folder"
  expect_refused "$hostile/absolute.xlsx" "is absolute"
  expect_refused "$hostile/backslash.xlsx" "is absolute or leaves its folder"
  [ -e "$TEST_DIR/../evil.txt" ] || [ -e /tmp/evil.txt ] && fail "an entry was written out"
  return 0
}

# case: SEC-INPUT-02
test_a_zip_with_an_entry_twice_is_refused() {
  load_org || fail "setup"
  make_xlsx duplicate twice.xlsx
  [ "$(python3 -c 'import sys,zipfile; n=[i.filename for i in zipfile.ZipFile(sys.argv[1]).infolist()]; print(n.count("xl/worksheets/sheet1.xml"))' twice.xlsx)" = 2 ] ||
    fail "setup: the workbook does not hold its sheet twice"
  expect_refused twice.xlsx "the zip holds the entry “xl/worksheets/sheet1.xml” twice"
}

# case: SEC-INPUT-02
test_truncated_workbooks_are_refused() {
  load_org || fail "setup"
  make_xlsx valid whole.xlsx
  size=$(stat -c %s whole.xlsx)
  # Cut inside the entries, inside the directory, and before its end record.
  for keep in 30 $((size / 3)) $((size / 2)) $((size - 100)) $((size - 22)); do
    head -c "$keep" whole.xlsx > "cut-$keep.xlsx"
    expect_refused "cut-$keep.xlsx" "cut-$keep.xlsx: "
  done
  : > empty.xlsx
  expect_refused empty.xlsx "empty.xlsx"
}

# case: SEC-INPUT-02
test_a_damaged_entry_is_refused_by_its_crc() {
  load_org || fail "setup"
  make_xlsx crc damaged.xlsx
  expect_refused damaged.xlsx "entry xl/worksheets/sheet1.xml is damaged (its CRC does not match"
}

# case: SEC-INPUT-03
test_a_10_mb_csv_field_is_refused_with_its_place() {
  load_org || fail "setup"
  python3 - <<'PY2'
with open("huge.csv", "w", encoding="utf-8") as f:
    f.write("資産番号,資産種別,資産名称,機密性,完全性,可用性,所管課,管理責任者\r\n")
    f.write("H-1,データ,%s,1,1,1,jutaku,jutaku-kacho\r\n" % ("台" * ((10 << 20) // 3)))
PY2
  [ "$(stat -c %s huge.csv)" -ge 10000000 ] || fail "the field is not 10 MB"
  expect_refused huge.csv "huge.csv: row 2, column C: the field is longer than 1 MiB"
}

# Wide and long files are refused within their limits, not searched for
# minutes (timings in docs/performance.md, "Hostile input").
# case: SEC-INPUT-03
test_more_columns_than_excel_has_are_refused() {
  load_org || fail "setup"
  python3 -c 'print(",".join("列%d" % i for i in range(1000000)))' > million.csv || fail "setup"
  expect_refused million.csv "million.csv: row 1, column XFE: the line has more than 16384 fields"
  python3 -c 'print(",".join(["abcdefghi"] * 5000001), end="")' > line.csv || fail "setup"
  [ "$(stat -c %s line.csv)" -ge 50000000 ] || fail "setup: line.csv is not 50 MB"
  expect_refused line.csv "line.csv: row 1, column XFE: the line has more than 16384 fields"
  # 16384 columns are read: the header is found among them.
  python3 - <<'PY2'
headers = ["資産番号", "資産種別", "資産名称", "機密性", "完全性", "可用性", "所管課", "管理責任者"]
with open("excel-wide.csv", "w", encoding="utf-8") as f:
    f.write(",".join(headers + ["列%d" % i for i in range(16384 - len(headers))]) + "\r\n")
    f.write("W-1,データ,広い表,1,1,1,jutaku,jutaku-kacho\r\n")
PY2
  dc import assets excel-wide.csv
  expect_status 0
  expect_out "1 added"
}

# case: SEC-INPUT-03
test_a_header_is_searched_in_the_first_30_rows_only() {
  load_org || fail "setup"
  make_xlsx wide wide.xlsx
  expect_refused wide.xlsx "wide.xlsx, sheet 台帳, row 1, column A: no header row found in the first 30 rows"
  { for i in $(seq 1 30); do echo "title $i"; done
    echo "資産番号,資産種別,資産名称,機密性,完全性,可用性,所管課,管理責任者"
    echo "L-1,データ,遅い見出し,1,1,1,jutaku,jutaku-kacho"; } > late.csv
  expect_refused late.csv "no header row found in the first 30 rows"
}

# case: SEC-INPUT-04
test_a_csv_with_a_nul_byte_is_refused() {
  load_org || fail "setup"
  printf '資産番号,資産種別,資産名称,機密性,完全性,可用性,所管課,管理責任者\r\nN-1,データ,入居\0者台帳,1,1,1,jutaku,jutaku-kacho\r\n' > nul.csv
  expect_refused nul.csv "NUL"
  expect_refused "$DAICHO_ROOT/fixtures/readers/csv/nul.csv" "NUL"
}

# case: SEC-INPUT-02
test_not_a_workbook_is_refused() {
  load_org || fail "setup"
  expect_refused "$hostile/not-xlsx.xlsx" "not an xlsx workbook"
  expect_refused "$hostile/doctype.xlsx" "has a DOCTYPE (refused"
}

# dc_timed SECONDS ARGS...: dc, killed after SECONDS (an endless read must
# fail the test, not hang it).
dc_timed() {
  local limit=$1
  shift
  out=$(timeout -s KILL "$limit" "$DAICHO" "$@" 2>"$TEST_DIR/stderr"); status=$?
  err=$(cat "$TEST_DIR/stderr")
}

# case: SEC-INPUT-05
test_devices_pipes_and_directories_are_refused_as_input() {
  load_city || fail "setup"
  dc review open --fy 2026
  expect_status 0
  mkfifo pipe || fail "setup: mkfifo"
  mkdir folder || fail "setup: mkdir"
  local before
  before=$(register_state)
  local input kind
  for input in /dev/zero pipe folder; do
    case $input in /dev/zero) kind="is a device" ;; pipe) kind="is a pipe" ;; *) kind="is a directory" ;; esac
    for cmd in "import assets" "id import --system jutaku-sys" "staff import" "reconcile --system jutaku-sys" \
               "review import" "import assets --dry-run"; do
      # shellcheck disable=SC2086
      dc_timed 20 $cmd "$input"
      [ "$status" -eq 3 ] || fail "$cmd $input: expected exit 3, got $status: ${err:-$out}"
      grep -qF -- "$input: $kind, not a file" <<<"$err" || fail "$cmd $input: stderr lacks '$input: $kind': $err"
    done
  done
  expect_eq "$(register_state)" "$before" "the register after refusing special files"
  expect_eq "$(sql 'SELECT count(*) FROM reconcile_run')" 0 "reconcile runs"
}
