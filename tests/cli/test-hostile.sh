# Hostile files through the real command (`daicho import assets`): each is
# refused with a message naming the file and exit 3, and the register is
# exactly as before: the same bytes on disk and the same history.

hostile=$DAICHO_ROOT/fixtures/readers/hostile
make_xlsx() { python3 "$DAICHO_ROOT/tests/cli/hostile-xlsx.py" "$@" || fail "could not make $2"; }

# The register file's hash (after a checkpoint, so that the WAL is in it) and
# its history row count.
register_state() {
  sqlite3 "$DAICHO_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
  echo "$(sha256sum <"$DAICHO_DB" | cut -c1-64) history=$(sql 'SELECT count(*) FROM history')"
}

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

test_external_entities_are_refused_before_parsing() {
  load_org || fail "setup"
  marker=$(secret)
  for kind in xxe xxe-utf16 xxe-late xxe-shared dtd; do
    make_xlsx "$kind" "$kind.xlsx" "$TEST_DIR/secret.txt"
    expect_refused "$kind.xlsx" "has a DOCTYPE (refused"
    expect_secret_kept "$marker"
  done
}

test_billion_laughs_is_refused() {
  load_org || fail "setup"
  make_xlsx laughs laughs.xlsx
  expect_refused laughs.xlsx "entry xl/sharedStrings.xml has a DOCTYPE (refused"
  expect_refused "$hostile/laughs.xlsx" "has a DOCTYPE (refused"
}

test_zip_bombs_are_refused() {
  load_org || fail "setup"
  make_xlsx bomb bomb.xlsx
  [ "$(stat -c %s bomb.xlsx)" -lt 1048576 ] || fail "the bomb is not small: $(stat -c %s bomb.xlsx)"
  expect_refused bomb.xlsx "compressed more than 100:1 (a zip bomb?)"
  expect_refused "$hostile/bomb.xlsx" "zip bomb"
  # minizip stops at the declared size: the XML is cut short.
  expect_refused "$hostile/lying-size.xlsx" "entry xl/worksheets/sheet1.xml"
}

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

test_a_damaged_entry_is_refused_by_its_crc() {
  load_org || fail "setup"
  make_xlsx crc damaged.xlsx
  expect_refused damaged.xlsx "entry xl/worksheets/sheet1.xml is damaged (its CRC does not match"
}

test_a_10_mb_csv_field_is_refused_with_its_place() {
  load_org || fail "setup"
  python3 - <<'PY'
with open("huge.csv", "w", encoding="utf-8") as f:
    f.write("資産番号,資産種別,資産名称,機密性,完全性,可用性,所管課,管理責任者\r\n")
    f.write("H-1,データ,%s,1,1,1,jutaku,jutaku-kacho\r\n" % ("台" * ((10 << 20) // 3)))
PY
  [ "$(stat -c %s huge.csv)" -ge 10000000 ] || fail "the field is not 10 MB"
  expect_refused huge.csv "huge.csv, row 2, column C (資産名称): the value is 3495253 characters long"
  expect_err "at most 1024"
}

test_a_csv_with_a_nul_byte_is_refused() {
  load_org || fail "setup"
  printf '資産番号,資産種別,資産名称,機密性,完全性,可用性,所管課,管理責任者\r\nN-1,データ,入居\0者台帳,1,1,1,jutaku,jutaku-kacho\r\n' > nul.csv
  expect_refused nul.csv "NUL"
  expect_refused "$DAICHO_ROOT/fixtures/readers/csv/nul.csv" "NUL"
}

test_not_a_workbook_is_refused() {
  load_org || fail "setup"
  expect_refused "$hostile/not-xlsx.xlsx" "not an xlsx workbook"
  expect_refused "$hostile/doctype.xlsx" "has a DOCTYPE (refused"
}
