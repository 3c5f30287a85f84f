# engines: sqlite
# End-to-end tests: register files of other versions and files that are not
# registers. A newer register and a foreign file are refused and left exactly
# as they were; an older register is upgraded.
# Run: DAICHO=$PWD/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-migration.sh

MIGRATIONS=$DAICHO_ROOT/schema/migrations
# PRAGMA application_id of a register: "DAIC" as a big-endian 32-bit number.
APPLICATION_ID=$(python3 -c 'print(int.from_bytes(b"DAIC", "big"))')

# The highest migration number shipped in schema/migrations (0002_x.sql → 2).
newest_migration() {
  local last
  last=$(ls "$MIGRATIONS" | grep -E '^[0-9]+_.*\.sql$' | sort | tail -n 1)
  echo $((10#${last%%_*}))
}
# The file's hash once SQLite has folded any -wal into it.
settled_hash() {
  sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null 2>&1
  sha256sum <"$1"
}
user_version() { sqlite3 "$1" 'PRAGMA user_version'; }
# Turns a register back into a version-1 file: what 0001_register.sql made,
# with the rows it can hold (tests/cli/downgrade.py).
drop_later_migrations() {
  python3 "$DAICHO_ROOT/tests/cli/downgrade.py" "$1" 1 "$MIGRATIONS"
}
has_table() { sqlite3 "$1" "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '$2'"; }

test_newer_register_is_refused_and_unchanged() {
  dc init --scheme ipa
  expect_status 0
  dc section add s1 --name 総務課
  expect_status 0
  sqlite3 "$DAICHO_DB" 'PRAGMA user_version = 99' || fail "test setup: sqlite3"
  local hash; hash=$(settled_hash "$DAICHO_DB")
  local cmd
  for cmd in "asset list" "scheme show" "history" "audit verify" "section add s2 --name 市民課" \
             "init --scheme ipa" "post holders"; do
    # shellcheck disable=SC2086
    dc $cmd
    expect_status 5
    expect_err "newer daicho"
    expect_eq "$(sha256sum <"$DAICHO_DB")" "$hash" "register after '$cmd'"
  done
  expect_eq "$(settled_hash "$DAICHO_DB")" "$hash" "register after the refusals"
  expect_eq "$(user_version "$DAICHO_DB")" 99 "user_version"
  expect_eq "$(sqlite3 "$DAICHO_DB" 'SELECT count(*) FROM section')" 1 "sections"
}

test_version_1_register_is_upgraded_by_init() {
  local v1=$TEST_DIR/v1.db newest
  newest=$(newest_migration)
  [ "$newest" -gt 1 ] || fail "test setup: only one migration"
  sqlite3 "$v1" <"$MIGRATIONS/0001_register.sql" || fail "test setup: 0001_register.sql"
  sqlite3 "$v1" "PRAGMA user_version = 1; PRAGMA application_id = $APPLICATION_ID;"
  expect_eq "$(user_version "$v1")/$(has_table "$v1" setting)" "1/0" "test setup: a version-1 file"
  dc --db "$v1" init --scheme ipa --organisation 旧版市
  expect_status 0
  expect_eq "$(user_version "$v1")" "$newest" "user_version after the upgrade"
  expect_eq "$(sqlite3 "$v1" 'PRAGMA application_id')" "$APPLICATION_ID" "application_id"
  expect_eq "$(has_table "$v1" setting)" 1 "setting table"
  expect_eq "$(sqlite3 "$v1" "SELECT value FROM setting WHERE key = 'organisation'")" 旧版市 "organisation"
  dc --db "$v1" scheme show --json
  expect_eq "$(json 'd["name"]')" ipa "scheme"
  dc --db "$v1" audit verify
  expect_status 0
}

test_older_register_with_data_is_upgraded_by_any_command() {
  # A register as version 1 left it: made now, then everything the later
  # migrations created dropped.
  dc init --scheme chitose
  dc section add s1 --name 住宅課
  dc post add p1 --name 住宅課長 --section s1
  dc asset add A-0001 --type data --name 台帳 --c 3 --i 2 --a 1 --section s1 --post p1
  expect_status 0
  drop_later_migrations "$DAICHO_DB" || fail "test setup: sqlite3"
  expect_eq "$(user_version "$DAICHO_DB")/$(has_table "$DAICHO_DB" setting)" "1/0" "test setup: a version-1 file"
  dc asset list
  expect_status 0
  expect_out "A-0001"
  expect_eq "$(user_version "$DAICHO_DB")" "$(newest_migration)" "user_version after the upgrade"
  expect_eq "$(has_table "$DAICHO_DB" setting)" 1 "setting table"
  dc asset show A-0001 --json
  expect_eq "$(json 'd["name"] + " " + d["c"]')" "台帳 3" "the asset after the upgrade"
  dc audit verify
  expect_status 0
}

test_version_6_register_takes_a_head_post_after_the_upgrade() {
  # Sections of a register made before 0007 had no head post (所属長).
  dc init --scheme chitose
  dc section add s1 --name 住宅課
  dc post add p1 --name 住宅課長 --section s1
  expect_status 0
  python3 "$DAICHO_ROOT/tests/cli/downgrade.py" "$DAICHO_DB" 6 "$MIGRATIONS" || fail "test setup: downgrade"
  expect_eq "$(sqlite3 "$DAICHO_DB" "SELECT count(*) FROM pragma_table_info('section') WHERE name = 'head_post_id'")" 0 \
            "test setup: a version-6 file"
  dc section edit s1 --head-post p1
  expect_status 0
  expect_eq "$(user_version "$DAICHO_DB")" "$(newest_migration)" "user_version after the upgrade"
  dc section show s1 --json
  expect_eq "$(json 'd["head_post"]')" p1 "the head post"
  printf '資産名称,資産種別,機密性,完全性,可用性,所管課\n台帳,data,1,1,1,住宅課\n' > l.csv
  dc import assets l.csv
  expect_status 0
  expect_out "post: 1 row took the head post (所属長) of its section"
  dc audit verify
  expect_status 0
}

# Schema 8 (a person's reading, a section's HR code): a version-7 register with
# history is upgraded, its history still verifies, and the new values are kept.
test_version_7_register_gets_readings_and_hr_codes() {
  dc init --scheme chitose
  dc section add s1 --name 住宅課
  dc person add 001876 --name "佐藤　雅之" --section s1
  expect_status 0
  python3 "$DAICHO_ROOT/tests/cli/downgrade.py" "$DAICHO_DB" 7 "$MIGRATIONS" || fail "test setup: downgrade"
  expect_eq "$(sqlite3 "$DAICHO_DB" "SELECT count(*) FROM pragma_table_info('person') WHERE name = 'reading'")" 0 \
    "test setup: a version-7 file"
  dc audit verify
  expect_status 0
  expect_eq "$(user_version "$DAICHO_DB")" "$(newest_migration)" "user_version after the upgrade"
  dc person edit 001876 --reading "サトウ　マサユキ"
  expect_status 0
  dc section edit s1 --hr-code 0310
  expect_status 0
  dc person show 001876 --json
  expect_eq "$(json 'd["reading"]')" "サトウ　マサユキ" "reading"
  dc history --json
  expect_out "0310"
  dc audit verify
  expect_status 0
}

test_sqlite_file_that_is_not_a_register_is_refused() {
  local other=$TEST_DIR/other.db
  sqlite3 "$other" "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO accounts (name) VALUES ('x')"
  local hash; hash=$(settled_hash "$other")
  local cmd
  for cmd in "asset list" "init --scheme ipa" "audit verify" "section add s1 --name 総務課"; do
    # shellcheck disable=SC2086
    dc --db "$other" $cmd
    expect_status 5
    expect_err "not a daicho register"
  done
  expect_eq "$(settled_hash "$other")" "$hash" "the file after the refusals"
  expect_eq "$(sqlite3 "$other" "SELECT group_concat(name) FROM sqlite_schema")" accounts "tables of the file"
  expect_eq "$(user_version "$other")" 0 "user_version"
}

test_register_with_foreign_application_id_is_refused() {
  dc init --scheme ipa
  expect_status 0
  sqlite3 "$DAICHO_DB" 'PRAGMA application_id = 1' || fail "test setup: sqlite3"
  local hash; hash=$(settled_hash "$DAICHO_DB")
  dc asset list
  expect_status 5
  expect_eq "$(settled_hash "$DAICHO_DB")" "$hash" "the file after the refusal"
}

test_text_file_is_refused() {
  local notes=$TEST_DIR/notes.db
  printf 'これは台帳ではありません\nplain text\n' >"$notes"
  local hash; hash=$(sha256sum <"$notes")
  dc --db "$notes" asset list
  expect_status 5
  expect_err "notes.db"
  dc --db "$notes" init --scheme chitose
  expect_status 5
  expect_eq "$(sha256sum <"$notes")" "$hash" "the text file after the refusals"
  [ ! -e "$notes-wal" ] || fail "a -wal file was left next to the text file"
}
