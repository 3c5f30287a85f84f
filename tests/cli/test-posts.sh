# End-to-end tests: responsibility by post (補職). Assets name a post, not a
# person; who held the post on a date answers who was responsible. Transfers
# (post assign) change no asset.
# Run: DAICHO=$PWD/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-posts.sh

ORG=$DAICHO_ROOT/fixtures/org

# Fixture look-ups.
asset_post() { awk -F'\t' -v c="$1" 'NR > 1 && $1 == c { print $12 }' "$ORG/assets.tsv"; }
# Employee numbers holding post $1 on date $2 (half-open [from, to)).
holder_on() {
  awk -F'\t' -v p="$1" -v d="$2" \
    'NR > 1 && $1 == p && $3 <= d && ($4 == "" || $4 > d) { print $2 }' "$ORG/assignments.tsv"
}
person_name() { awk -F'\t' -v n="$1" 'NR > 1 && $1 == n { print $2 }' "$ORG/persons.tsv"; }
# "post employee_no" of every holding on date $1, sorted.
holdings_on() {
  awk -F'\t' -v d="$1" 'NR > 1 && $3 <= d && ($4 == "" || $4 > d) { print $1, $2 }' \
    "$ORG/assignments.tsv" | sort
}
history_rows() { sql 'SELECT count(*) FROM history'; }
# The whole asset table (and its dependencies), to show nothing in it changed.
asset_table() { sql 'SELECT * FROM asset ORDER BY id; SELECT * FROM asset_dependency ORDER BY 1, 2' | sha256sum; }

test_responsible_before_and_after_the_april_transfers() {
  load_city || { fail "setup"; return; }
  local post old new
  post=$(asset_post A-0001)
  old=$(holder_on "$post" 2026-03-31)
  new=$(holder_on "$post" 2026-04-01)
  [ -n "$old" ] && [ -n "$new" ] && [ "$old" != "$new" ] ||
    fail "test setup: post '$post' of A-0001 did not change hands on 2026-04-01 ($old → $new)"
  dc asset responsible A-0001 --on 2026-03-31
  expect_status 0
  expect_out "$post"
  expect_out "$old"
  expect_out "$(person_name "$old")"
  grep -qF "$new" <<<"$out" && fail "the new holder $new is named for 2026-03-31: $out"
  dc asset responsible A-0001 --on 2026-04-01 --json
  expect_status 0
  expect_eq "$(json 'd["asset"] + " " + d["post"] + " " + d["date"] + " " + ",".join(h["employee_no"] + "/" + h["name"] for h in d["holders"])')" \
    "A-0001 $post 2026-04-01 $new/$(person_name "$new")" "responsible on 2026-04-01"
  # Default date: today (DAICHO_TODAY).
  dc asset responsible A-0001
  expect_status 0
  expect_out "$(holder_on "$post" "$DAICHO_TODAY")"
  dc asset responsible A-0001 --on 2026-04-31
  expect_status 3
  expect_err "2026-04-31"
}

test_assign_ends_previous_holder_and_changes_no_asset() {
  load_city || { fail "setup"; return; }
  local post=jutaku-kacho current next=007733 rows assets a1_history a1_row
  current=$(holder_on "$post" "$DAICHO_TODAY")
  [ -n "$current" ] && [ "$current" != "$next" ] || fail "test setup: unexpected holder '$current'"
  [ -n "$(person_name "$next")" ] || fail "test setup: person $next missing"
  rows=$(history_rows)
  assets=$(asset_table)
  a1_row=$(sql "SELECT version || ' ' || updated_on FROM asset WHERE code = 'A-0001'")
  dc history --asset A-0001 --json
  a1_history=$(json 'len(d)')
  dc post assign "$post" "$next" --from 2027-04-01
  expect_status 0
  # The previous open assignment now ends on 2027-04-01; the new one is open.
  dc post holders "$post" --json
  expect_status 0
  expect_eq "$(json '" ".join(h["employee_no"] + ":" + h["from"] + ":" + str(h["to"]) for h in d if h["from"] >= "2026-04-01")')" \
    "$current:2026-04-01:2027-04-01 $next:2027-04-01:None" "holders of $post"
  # One history row, for the post; none for any asset; the asset table is untouched.
  expect_eq "$(history_rows)" $((rows + 1)) "history rows"
  expect_eq "$(sql "SELECT entity || ' ' || entity_key || ' ' || action FROM history ORDER BY seq DESC LIMIT 1")" \
    "post $post assign" "the new history entry"
  expect_eq "$(asset_table)" "$assets" "asset table after post assign"
  expect_eq "$(sql "SELECT version || ' ' || updated_on FROM asset WHERE code = 'A-0001'")" "$a1_row" "A-0001 version and updated_on"
  dc history --asset A-0001 --json
  expect_eq "$(json 'len(d)')" "$a1_history" "history entries of A-0001"
  # Responsibility moves on the date.
  dc asset responsible A-0001 --on 2027-03-31
  expect_out "$current"
  dc asset responsible A-0001 --on 2027-04-01
  expect_out "$next"
  dc audit verify
  expect_status 0
}

test_assign_by_person_name() {
  load_city || { fail "setup"; return; }
  local no=025310 name
  name=$(person_name "$no")
  dc post assign doboku-kacho "$name" --from 2027-04-01
  expect_status 0
  dc post holders doboku-kacho --on 2027-04-01 --json
  expect_eq "$(json '",".join(h["employee_no"] for h in d)')" "$no" "holder assigned by name"
}

test_overlapping_assignment_is_a_conflict() {
  load_city || { fail "setup"; return; }
  local rows before
  rows=$(history_rows)
  dc post holders joho-kacho --json
  before=$out
  # 004512 held joho-kacho from 2023-04-01 to 2026-04-01.
  dc post assign joho-kacho 013579 --from 2025-01-01 --to 2025-06-01
  expect_status 4
  expect_err "004512"
  # Open-ended, starting before the current holder's start.
  dc post assign joho-kacho 013579 --from 2025-10-01
  expect_status 4
  # The same start day as the current open assignment.
  dc post assign joho-kacho 013579 --from 2026-04-01
  expect_status 4
  expect_eq "$(history_rows)" "$rows" "history rows after refused assignments"
  dc post holders joho-kacho --json
  expect_eq "$out" "$before" "holders after refused assignments"
}

test_assignment_dates_are_checked() {
  load_city || { fail "setup"; return; }
  local rows; rows=$(history_rows)
  dc post assign joho-kacho 013579 --from 2027-04-01 --to 2027-03-31
  expect_status 3
  expect_err "2027-03-31"
  dc post assign joho-kacho 013579 --from 2027-04-01 --to 2027-04-01
  expect_status 3
  dc post assign joho-kacho 013579 --from 2027-02-30
  expect_status 3
  expect_err "2027-02-30"
  dc post assign joho-kacho 013579
  expect_status 2
  dc post assign joho-kacho 999999 --from 2027-04-01
  expect_status 3
  expect_err "999999"
  dc post assign no-such-post 013579 --from 2027-04-01
  expect_status 3
  expect_err "no-such-post"
  expect_eq "$(history_rows)" "$rows" "history rows after refused assignments"
}

test_holders_on_a_date_json() {
  load_city || { fail "setup"; return; }
  local day
  for day in 2026-03-31 2026-04-01; do
    dc post holders --on "$day" --json
    expect_status 0
    expect_eq "$(json '"\n".join(sorted(h["post"] + " " + h["employee_no"] for h in d))')" \
      "$(holdings_on "$day")" "holdings on $day"
  done
  dc post holders jutaku-kanri-tanto-kacho --on 2026-03-31 --json
  expect_eq "$(json '" ".join(h["employee_no"] + ":" + h["from"] + ":" + str(h["to"]) for h in d)')" \
    "000987:2022-04-01:2026-04-01" "jutaku-kanri-tanto-kacho on 2026-03-31"
  dc post holders --on 2026-99-01
  expect_status 3
}

test_section_parent_cycle_is_refused() {
  load_city || { fail "setup"; return; }
  local rows; rows=$(history_rows)
  # jutaku is a child of kensetsu-bu: making kensetsu-bu a child of jutaku
  # would make each the other's ancestor.
  # A cycle conflicts with the register's other records: exit 4 (as a
  # dependency that would close a cycle, `asset depend`), not 3 (bad input).
  dc section edit kensetsu-bu --parent jutaku
  expect_status 4
  expect_err "kensetsu-bu → jutaku → kensetsu-bu"
  dc section edit doboku --parent doboku
  expect_status 4
  expect_err "doboku → doboku"
  expect_eq "$(sql_list "SELECT s.code || '<' || coalesce(p.code, '') FROM section s LEFT JOIN section p ON p.id = s.parent_id WHERE s.code IN ('kensetsu-bu', 'doboku') ORDER BY s.code")" \
    "doboku<kensetsu-bu kensetsu-bu<" "parents after refused edits"
  expect_eq "$(history_rows)" "$rows" "history rows after refused edits"
}
