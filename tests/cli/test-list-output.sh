# The JSON of `list` and `show` for every record kind, byte for byte as
# daicho wrote it before listings read names from lookup tables
# (tests/cli/expected/*.json were written by that version from this register).
# After an intended change (of fixtures/org, say), rewrite them with
# DAICHO_UPDATE_EXPECTED=1 and review the diff.

# The city, plus an asset whose text needs every kind of JSON escape (its
# control characters planted in the table: input refuses them now).
tricky_city() {
  load_city &&
  "$DAICHO" asset add --type データ --name TRICKY \
    --c 2 --i 1 --a 1 --section jutaku --post jutaku-kacho \
    --note $'CR\r _x0041_ =1+1' >/dev/null &&
  sql "UPDATE asset SET name = '引用 \"x\" \\ tab"$'\t'"line"$'\n'"end"$'\x01\x1f'"'
       WHERE name = 'TRICKY'" &&
  "$DAICHO" person add 999001 --name "所属なし" >/dev/null   # no section: null references
}

# Compares stdout of the last dc call with tests/cli/expected/NAME.json.
expect_json_file() {
  local expected=$DAICHO_ROOT/tests/cli/expected/$1.json
  [ -z "${DAICHO_UPDATE_EXPECTED:-}" ] || printf '%s\n' "$out" > "$expected"
  [ "$out" == "$(cat "$expected")" ] ||
    fail "$1: output differs from $expected: $(diff <(printf '%s\n' "$out") "$expected" | head -n 5)"
}

test_list_json_is_unchanged_for_every_kind() {
  tricky_city || { fail "setup"; return; }
  for kind in section post person system asset; do
    dc "$kind" list --json
    expect_status 0
    expect_json_file "$kind-list"
  done
}

test_list_json_with_filters_is_unchanged() {
  tricky_city || { fail "setup"; return; }
  dc asset list --json --section kensetsu-bu --min-c 2
  expect_status 0
  expect_json_file asset-list-kensetsu-c2
  dc asset list --json --status disposed
  expect_json_file asset-list-disposed
}

test_show_json_is_unchanged() {
  tricky_city || { fail "setup"; return; }
  dc asset show A-0013 --json
  expect_status 0
  expect_json_file asset-show-A-0013
  dc asset show A-0061 --json
  expect_json_file asset-show-A-0061
  dc person show 999001 --json
  expect_json_file person-show-999001
}
