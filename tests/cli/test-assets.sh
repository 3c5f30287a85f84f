# End-to-end tests: assets — codes, life cycle (retire, dispose), dependencies,
# the derived 重要度 and handling mark, and JSON output that keeps any text.
# Run: DAICHO=$PWD/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-assets.sh

ORG=$DAICHO_ROOT/fixtures/org

history_rows() { sql 'SELECT count(*) FROM history'; }
asset_rows() { sql 'SELECT count(*) FROM asset'; }

# A register under scheme $1 (default chitose) with section s1 and post p1.
small_register() {
  dc init --scheme "${1:-chitose}"
  expect_status 0
  dc section add s1 --name 住宅課
  dc post add p1 --name 住宅課長 --section s1
  expect_status 0
}
# add CODE C I A [TYPE]: an asset with the given levels.
add() {
  dc asset add "$1" --type "${5:-data}" --name "資産 $1" --c "$2" --i "$3" --a "$4" --section s1 --post p1
  expect_status 0
}

test_add_without_code_continues_after_the_city() {
  load_city || { fail "setup"; return; }
  local last
  last=$(tail -n +2 "$ORG/assets.tsv" | cut -f1 | sort | tail -n 1)
  expect_eq "$last" A-0060 "test setup: last fixture code"
  dc asset add --type data --name 新しい資産 --c 2 --i 1 --a 1 --section jutaku --post jutaku-kacho
  expect_status 0
  expect_out "A-0061"
  expect_eq "$(sql "SELECT name FROM asset WHERE code = 'A-0061'")" 新しい資産 "asset A-0061"
  dc asset add --type data --name もう一つ --c 2 --i 1 --a 1 --section jutaku --post jutaku-kacho
  expect_out "A-0062"
  expect_eq "$(asset_rows)" 62 "assets"
}

test_next_review_due_defaults_to_the_fiscal_year_end() {
  small_register
  local today want
  for today in 2026-04-01:2027-03-31 2026-11-22:2027-03-31 2027-01-15:2027-03-31 2027-04-01:2028-03-31; do
    want=${today#*:} today=${today%%:*}
    DAICHO_TODAY=$today dc asset add "R-$today" --type data --name 資産 --c 1 --i 1 --a 1 --section s1 --post p1
    expect_status 0
    expect_eq "$(sql "SELECT created_on || ' ' || next_review_due FROM asset WHERE code = 'R-$today'")" \
      "$today $want" "created on $today"
  done
  dc asset add R-given --type data --name 資産 --c 1 --i 1 --a 1 --section s1 --post p1 --next-review-due 2026-12-01
  expect_eq "$(sql "SELECT next_review_due FROM asset WHERE code = 'R-given'")" 2026-12-01 "a given review date"
}

test_duplicate_code_is_a_conflict() {
  small_register
  add A-0001 1 1 1
  local rows assets; rows=$(history_rows); assets=$(asset_rows)
  dc asset add A-0001 --type data --name 別物 --c 2 --i 2 --a 2 --section s1 --post p1
  expect_status 4
  expect_err "A-0001"
  expect_err "already exists"
  # Spaces around the code do not make it another code.
  dc asset add " A-0001 " --type data --name 別物 --c 2 --i 2 --a 2 --section s1 --post p1
  expect_status 4
  expect_eq "$(history_rows)/$(asset_rows)" "$rows/$assets" "history/asset rows"
  expect_eq "$(sql "SELECT name FROM asset WHERE code = 'A-0001'")" "資産 A-0001" "the first asset's name"
}

test_retire_twice_is_a_conflict() {
  small_register
  add A-0001 1 1 1
  dc asset retire A-0001 --note 後継システムへ移行
  expect_status 0
  expect_eq "$(sql "SELECT status || ' ' || note || ' ' || version FROM asset WHERE code = 'A-0001'")" \
    "retired 後継システムへ移行 2" "after retire"
  local rows; rows=$(history_rows)
  dc asset retire A-0001
  expect_status 4
  expect_err "A-0001"
  expect_err "retired"
  expect_eq "$(history_rows)" "$rows" "history rows after a refused retire"
  dc asset retire A-0404
  expect_status 3
}

test_dispose_records_date_method_certificate() {
  small_register
  add A-0001 3 2 1
  add A-0002 1 1 1
  local rows; rows=$(history_rows)
  dc asset dispose A-0001 --date 2026-10-01
  expect_status 3
  expect_err "method"
  dc asset dispose A-0001 --method 溶解処理 --date 2026-10-32
  expect_status 3
  expect_err "2026-10-32"
  expect_eq "$(history_rows)" "$rows" "history rows after refused disposals"
  expect_eq "$(sql "SELECT status FROM asset WHERE code = 'A-0001'")" active "status after refused disposals"
  dc asset dispose A-0001 --date 2026-10-01 --method 溶解処理 --certificate "廃棄証明 第12号"
  expect_status 0
  dc asset show A-0001 --json
  expect_eq "$(json '"|".join(str(d[k]) for k in ("status", "disposed_on", "disposal_method", "disposal_certificate", "version"))')" \
    "disposed|2026-10-01|溶解処理|廃棄証明 第12号|2" "disposal record"
  # Without --date the disposal is today (DAICHO_TODAY).
  dc asset dispose A-0002 --method 物理破壊
  expect_status 0
  dc asset show A-0002 --json
  expect_eq "$(json 'd["disposed_on"] + "|" + d["disposal_method"]')" "$DAICHO_TODAY|物理破壊" "default disposal date"
  rows=$(history_rows)
  dc asset dispose A-0001 --method 消磁
  expect_status 4
  expect_err "disposed"
  dc asset retire A-0001
  expect_status 4
  expect_eq "$(history_rows)" "$rows" "history rows after refused changes of a disposed asset"
  dc asset show A-0001 --json
  expect_eq "$(json 'd["disposed_on"] + "|" + d["disposal_method"]')" "2026-10-01|溶解処理" "disposal record kept"
}

test_dependency_cycles_are_refused() {
  small_register
  add A-0001 1 1 1
  add A-0002 1 1 1
  add A-0003 1 1 1
  dc asset depend A-0001 A-0002
  expect_status 0
  local rows; rows=$(history_rows)
  dc asset depend A-0002 A-0001
  expect_status 4
  expect_err "A-0002 → A-0001 → A-0002"
  dc asset depend A-0002 A-0003
  expect_status 0
  rows=$(history_rows)
  dc asset depend A-0003 A-0001
  expect_status 4
  expect_err "A-0003 → A-0001 → A-0002 → A-0003"
  dc asset depend A-0001 A-0001
  expect_status 3
  expect_err "itself"
  expect_eq "$(history_rows)" "$rows" "history rows after refused dependencies"
  expect_eq "$(sql 'SELECT count(*) FROM asset_dependency')" 2 "dependencies"
}

test_show_json_value_mark_and_dependencies() {
  small_register
  add A-0001 3 1 2
  add A-0002 2 3 1 hardware
  add A-0003 4 1 1
  add A-0004 1 1 1
  dc asset depend A-0001 A-0002
  dc asset depend A-0003 A-0002
  local fields='"|".join(str(d[k]) for k in ("value", "handling_mark", "depends_on", "used_by"))'
  dc asset show A-0001 --json
  expect_status 0
  expect_eq "$(json "$fields")" "3|取扱注意|['A-0002']|[]" "A-0001 (C3 I1 A2)"
  dc asset show A-0002 --json
  expect_eq "$(json "$fields")" "3||[]|['A-0001', 'A-0003']" "A-0002 (C2 I3 A1)"
  dc asset show A-0003 --json
  expect_eq "$(json "$fields")" "4|取扱注意|['A-0002']|[]" "A-0003 (C4 I1 A1)"
  dc asset show A-0004 --json
  expect_eq "$(json "$fields")" "1||[]|[]" "A-0004 (C1 I1 A1)"
  # The text form shows them too.
  dc asset show A-0002
  expect_out "重要度"
  expect_out "A-0001, A-0003"
}

test_custom_scheme_sum_rule() {
  small_register "$DAICHO_ROOT/fixtures/schemes/custom-2b.ini"
  add X-1 2B 2 1 system
  add X-2 2A 1 1 document
  add X-3 3 2 2 data
  local fields='str(d["value"]) + "|" + d["handling_mark"] + "|" + d["c"]'
  dc asset show X-1 --json
  expect_eq "$(json "$fields")" "6|秘|2B" "C 2B(3) + I 2 + A 1"
  dc asset show X-2 --json
  expect_eq "$(json "$fields")" "4||2A" "C 2A(2) + I 1 + A 1"
  dc asset show X-3 --json
  expect_eq "$(json "$fields")" "8|秘|3" "C 3(4) + I 2 + A 2"
  dc asset list --min-c 2B
  expect_status 0
  expect_eq "$(tail -n +2 <<<"$out" | awk '{ print $1 }' | tr '\n' ' ')" "X-1 X-3 " "--min-c 2B"
}

test_list_json_on_the_city() {
  load_city || { fail "setup"; return; }
  dc asset list --json
  expect_status 0
  expect_eq "$(json '" ".join([str(len(d)), d[0]["code"], d[-1]["code"], str(sorted(a["code"] for a in d) == ["A-%04d" % n for n in range(1, 61)]), str(all(isinstance(a["value"], int) for a in d))])')" \
    "60 A-0001 A-0060 True True" "asset list --json"
}

test_names_round_trip_through_json() {
  small_register
  local names=(
    "name with  two  spaces"
    "  leading and trailing  "
    'double "quotes" and '"'single'"
    'back\slash \\ and \n literally'
    $'line one\nline two'
    $'tab\there\r'
    '=HYPERLINK("http://example.com/x","x")'
    '+cmd|'"'"'/c calc'"'"'!A1'
    '<script>alert(1)</script> & ; $HOME `id`'
    "全角　スペースと絵文字 😀"
    $'trailing newline\n'
  )
  local i=0 name
  for name in "${names[@]}"; do
    i=$((i + 1))
    dc asset add "N-$i" --type data --name="$name" --c 1 --i 1 --a 1 --section s1 --post p1 \
      --note="$name" --main-items="$name"
    expect_status 0
  done
  # NUL-separated names, base64 for the environment; checked in one python3 run.
  export EXPECTED
  EXPECTED=$(printf '%s\0' "${names[@]}" | base64 -w0)
  check_names() {  # WHAT: the records on stdin, one JSON text per line
    python3 -c '
import base64, json, os, sys
want = base64.b64decode(os.environ["EXPECTED"]).decode().split("\0")[:-1]
want = {"N-%d" % (i + 1): name for i, name in enumerate(want)}
got = {}
for line in sys.stdin:
    if line.strip():
        for r in json.loads(line):
            got.setdefault(r["code"], []).extend(r[k] for k in ("name", "note", "main_items"))
bad = [(c, want[c], got.get(c)) for c in want if got.get(c) != [want[c]] * 3]
for b in bad:
    print("%s: expected %r, got %r" % b)
sys.exit(1 if bad else 0)' || fail "$1 does not hold the names exactly"
  }
  : >"$TEST_DIR/shown"
  for i in $(seq 1 ${#names[@]}); do
    dc asset show "N-$i" --json
    expect_status 0
    printf '[%s]\n' "$out" >>"$TEST_DIR/shown"
  done
  check_names "asset show --json" <"$TEST_DIR/shown"
  dc asset list --json
  expect_status 0
  check_names "asset list --json" <<<"$out"
  dc history --json
  expect_status 0
  json 'json.dumps([dict(e["after"], code=e["key"]) for e in d if e["entity"] == "asset"])' \
    | check_names "history --json"
}

# Found in review.
test_edit_that_changes_nothing_records_nothing() {
  load_city || { fail "setup"; return; }
  before=$(sql 'SELECT count(*) FROM history')
  note=$(sql "SELECT note FROM asset WHERE code = 'A-0001'")
  dc asset edit A-0001 --note "$note"
  expect_status 0
  expect_eq "$(sql 'SELECT count(*) FROM history')/$(sql "SELECT version FROM asset WHERE code = 'A-0001'")" "$before/1" "history and version"
  dc asset edit A-0001 --personal-info ""
  expect_status 3
  expect_err "must not be empty"
  dc asset depend A-0001 A-0060 --remove
  expect_status 3
  expect_err "A-0001 does not use A-0060"
}

test_far_dates_and_literal_escapes() {
  load_city || { fail "setup"; return; }
  dc export ledger -o x.xlsx --as-of 9999-12-31
  expect_status 3
  dc asset responsible A-0001 --on 9999-12-31
  expect_status 3
  "$DAICHO" asset edit A-0001 --note 'lit _x0041_ end' >/dev/null
  "$DAICHO" export assets -o a.xlsx >/dev/null
  dc import assets a.xlsx --update
  expect_status 0
  expect_out "60 unchanged"
  expect_eq "$(sql "SELECT note FROM asset WHERE code = 'A-0001'")" "lit _x0041_ end" "the note"
}

# An office numbering its assets HO-001… gets HO-011 next; another section
# without a series of its own takes the register's pattern; --code names it.
test_new_codes_continue_the_section_series() {
  small_register
  dc section add s2 --name 税務課
  dc post add p2 --name 税務課長 --section s2
  local i
  for i in 01 02 03 04 05 06 07 08 09 10; do
    dc asset add --code "HO-0$i" --type data --name "資産 $i" --c 1 --i 1 --a 1 --section s1 --post p1
    expect_status 0
  done
  dc asset add --type data --name 新しい資産 --c 1 --i 1 --a 1 --section 住宅課 --post p1
  expect_status 0
  expect_out "added asset HO-011"
  # A section without assets: the register's series, until a pattern is named.
  dc asset numbering --section s2
  expect_status 0
  expect_out "next code for s2: HO-012 (the series of the register's assets)"
  dc asset numbering ZM-0001
  expect_status 0
  expect_out "pattern: ZM-0001"
  dc asset add --type data --name 課税台帳 --c 1 --i 1 --a 1 --section s2 --post p2
  expect_out "added asset ZM-0001"
  dc asset add --type data --name 納税台帳 --c 1 --i 1 --a 1 --section s2 --post p2
  expect_out "added asset ZM-0002"
  dc asset numbering --json
  expect_eq "$(json 'd["pattern"]')" ZM-0001 "the pattern in --json"
  # --code names the code; with a different positional code it is refused.
  dc asset add --code X-7 --type data --name 別 --c 1 --i 1 --a 1 --section s1 --post p1
  expect_status 0
  expect_out "added asset X-7"
  dc asset add X-8 --code X-9 --type data --name 別 --c 1 --i 1 --a 1 --section s1 --post p1
  expect_status 2
  dc asset numbering HO-
  expect_status 2
  dc asset numbering --clear
  expect_status 0
  expect_out "pattern: (none)"
  dc audit verify
  expect_status 0
}
