# daicho backup and restore on the fictional city: checked copies, mode 0600,
# the ledger, refusals (existing file, damaged, newer, tampered), the round
# trip, and the yearly restore test recorded as a duty.
# Run: DAICHO=$PWD/build/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-backup.sh

mode() { stat -c %a "$1"; }
history_rows() { sql 'SELECT count(*) FROM history'; }

# case: SEC-TAMPER-07, SEC-ACCESS-02
test_backup_writes_a_checked_private_copy() {
  load_city || fail "load_city"
  local rows head
  rows=$(history_rows)
  head=$(sql 'SELECT hash FROM history ORDER BY seq DESC LIMIT 1')
  dc backup -o b1.db --note "書庫3"
  expect_status 0
  expect_out "backup 1 written: $TEST_DIR/b1.db"
  expect_out "checked: integrity_check ok"
  expect_out "$rows history entries chain correctly"
  expect_out "last history entry: $rows $head"
  expect_eq "$(mode b1.db)" 600 "mode of the backup"
  [ -e b1.db-wal ] && fail "a -wal file was left beside the backup"
  ls | grep -q 'tmp-' && fail "a temporary file was left: $(ls)"
  expect_eq "$(sqlite3 b1.db 'PRAGMA integrity_check')" ok "the copy's integrity"
  expect_eq "$(sqlite3 b1.db 'SELECT count(*) FROM history')" "$rows" "the copy's history"
  expect_eq "$(sqlite3 b1.db 'SELECT count(*) FROM backup')" 0 "the copy's own ledger"
  # The ledger line comes after the copy: one entry more in the register.
  expect_eq "$(history_rows)" $((rows + 1)) "history rows"
  dc backup --list --json
  expect_status 0
  expect_eq "$(json 'len(d), d[0]["number"], d[0]["note"], d[0]["state"], d[0]["history_seq"]')" \
    "1 1 書庫3 kept $rows" "the ledger"
  dc backup -o b1.db
  expect_status 4
  expect_err "already exists"
  dc backup -o b1.db --force --json
  expect_status 0
  expect_eq "$(json 'd["number"], d["history_seq"]')" "2 $((rows + 1))" "the forced backup"
  # The first line's file was replaced: the ledger says so.
  dc backup --list
  expect_out "differs"
  dc backup
  expect_status 2
  dc audit verify
  expect_status 0
}

# As cron runs it: the same command every night, the first night into a
# folder that does not exist yet. The clock (faketime) and DAICHO_TODAY move together.
nightly() {  # DATE: one night's run at 02:00 local time
  out=$(TZ=Asia/Tokyo DAICHO_TODAY=$1 at_clock "$1 02:00:00" "$DAICHO" backup -o nightly/daily --keep 2 \
        2>"$TEST_DIR/stderr"); status=$?
  err=$(cat "$TEST_DIR/stderr")
}

# case: SEC-ACCESS-02
test_nightly_backup_makes_its_folder_and_prunes() {
  load_city || fail "load_city"
  command -v faketime >/dev/null || fail "faketime is not installed (tools/install-deps.sh --test)"
  nightly 2026-11-22
  expect_status 0
  expect_eq "$(stat -c %a nightly/daily 2>&1)" 700 "mode of the folder made"
  # Named after the register: its file's name, or its database's.
  local name; name=$(basename "$DAICHO_DB" .db)
  on_postgresql && name=$PGDATABASE
  expect_eq "$(ls nightly/daily)" "$name-20261122-020000.db" "first night's generation"
  nightly 2026-11-23
  expect_status 0
  nightly 2026-11-24
  expect_status 0
  expect_out "removed backup 1 ($TEST_DIR/nightly/daily/$name-20261122-020000.db)"
  expect_eq "$(ls nightly/daily | tr '\n' ' ')" "$name-20261123-020000.db $name-20261124-020000.db " "two generations kept"
  expect_eq "$(sql_list "SELECT status || ':' || coalesce(removed_on, '') FROM backup ORDER BY number")" \
    "removed:2026-11-24 kept: kept:" "the ledger"
  dc audit verify
  expect_status 0
}

test_keep_is_never_ignored() {
  load_city || fail "load_city"
  dc backup -o b1.db
  expect_status 0
  dc backup -o b1.db --keep 3 --force
  expect_status 2
  expect_err "folder"
  dc backup --list --keep 3
  expect_status 2
  expect_eq "$(sql "SELECT count(*) FROM backup")" 1 "nothing written after a refusal"
}

# case: SEC-ACCESS-01
test_restore_round_trip_keeps_the_replaced_register() {
  sqlite_only "restore replaces a file" && return
  load_city || fail "load_city"
  dc backup -o b1.db
  expect_status 0
  local assets
  assets=$(sql 'SELECT count(*) FROM asset')
  dc asset retire A-0001 --note "誤って廃止"
  expect_status 0
  local replaced_rows
  replaced_rows=$(history_rows)
  dc restore b1.db
  expect_status 0
  expect_out "restored b1.db into $DAICHO_DB"
  expect_out "replaced register (history up to entry $replaced_rows,"
  expect_out "kept as $DAICHO_DB.bak"
  expect_eq "$(mode "$DAICHO_DB")" 600 "mode of the register"
  expect_eq "$(mode "$DAICHO_DB.bak")" 600 "mode of the .bak"
  expect_eq "$(sqlite3 "$DAICHO_DB.bak" 'SELECT count(*) FROM history')" "$replaced_rows" "the .bak's history"
  expect_eq "$(sql "SELECT status FROM asset WHERE code = 'A-0001'")" \
    "$(sqlite3 b1.db "SELECT status FROM asset WHERE code = 'A-0001'")" "A-0001 as backed up"
  dc history --entity restore --json
  expect_eq "$(json 'len(d), d[0]["actor"]')" "1 $(actor)" "the restore in history"
  dc audit verify
  expect_status 0
  # Again: the .bak would be replaced, only with --force.
  dc restore b1.db
  expect_status 4
  expect_err ".bak already exists"
  dc restore b1.db --force --json
  expect_status 0
  expect_eq "$(json 'd["replaced_kept_as"] == "'"$DAICHO_DB"'.bak"')" True "replaced kept"
}

# case: SEC-TAMPER-07
test_restore_refuses_damaged_and_newer_files() {
  sqlite_only "restore replaces a file" && return
  load_city || fail "load_city"
  dc backup -o good.db
  local before
  before=$(sha256sum "$DAICHO_DB" | cut -d' ' -f1)
  # Damaged: pages in the middle overwritten.
  cp good.db damaged.db
  printf '%*s' 8192 '' | tr ' ' 'Z' | dd of=damaged.db bs=4096 seek=3 conv=notrunc status=none
  dc restore damaged.db
  expect_status 3
  expect_err "damaged.db"
  dc restore --test damaged.db
  expect_status 3
  # Written by a newer daicho.
  cp good.db newer.db
  sqlite3 newer.db 'PRAGMA user_version = 999'
  dc restore newer.db
  expect_status 3
  expect_err "newer.db was written by a newer daicho (schema version 999"
  # Edited outside daicho: the history does not verify.
  cp good.db tampered.db
  sqlite3 tampered.db "UPDATE asset SET name = '改ざん' WHERE code = 'A-0001'"
  dc restore tampered.db
  expect_status 3
  expect_err "its history does not verify"
  echo "not a register" >text.db
  dc restore text.db
  expect_status 3
  dc restore missing.db
  expect_status 3
  expect_eq "$(sha256sum "$DAICHO_DB" | cut -d' ' -f1)" "$before" "the register after refusals"
  [ -e "$DAICHO_DB.bak" ] && fail "a refused restore left a .bak"
  ls | grep -q 'tmp-' && fail "a temporary file was left: $(ls)"
}

test_restore_test_records_the_duty() {
  load_city || fail "load_city"
  dc backup -o b1.db
  local rows
  rows=$(history_rows)
  dc restore --test b1.db
  expect_status 0
  expect_out "restore test of b1.db passed"
  expect_eq "$(history_rows)" "$rows" "history after an unrecorded test"
  dc restore --test b1.db --record
  expect_status 2
  expect_err "--record needs --by POST"
  dc restore b1.db --by joho-kacho
  expect_status 2
  dc due --json
  expect_eq "$(json '[i["state"] for i in d["items"] if i["duty"] == "backup_restore_test" and i["system"] == "lan-sys"]')" \
    "['overdue']" "due before the test"
  dc restore --test b1.db --record --by joho-kacho --system lan-sys --note "年次テスト"
  expect_status 0
  expect_out "recorded backup_restore_test for lan-sys done on 2026-11-22 by joho-kacho"
  dc duty log backup_restore_test --json
  expect_eq "$(json 'len(d), d[0]["system"], d[0]["post"], d[0]["done_on"]')" \
    "1 lan-sys joho-kacho 2026-11-22" "the duty record"
  expect_eq "$(json '"年次テスト; restored b1.db" in d[0]["note"] and "verified" in d[0]["note"]')" True "the note"
  dc due --json
  expect_eq "$(json '[i["state"] for i in d["items"] if i["duty"] == "backup_restore_test" and i["system"] == "lan-sys"]')" \
    "[]" "due after the test"
  [ -e "$DAICHO_DB.bak" ] && fail "the restore test touched the register"
  dc audit verify
  expect_status 0
}

# case: SEC-OUTPUT-02, SEC-OUTPUT-03
test_copy_writes_a_new_verified_private_file() {
  load_city || { fail "setup: the city"; return; }
  umask 000
  dc copy copy.db
  umask 022
  expect_status 0
  expect_out "the copy verifies"
  expect_eq "$(stat -c %a copy.db)" 600 "the copy's mode"
  expect_eq "$(ls -A | grep -c daicho-tmp)" 0 "temporary files left"
  expect_eq "$(DAICHO_DB=copy.db "$DAICHO" asset list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 60 \
    "assets in the copy"
  local before; before=$(sha256sum copy.db)
  dc copy copy.db
  expect_status 3
  expect_err "exists"
  expect_eq "$(sha256sum copy.db)" "$before" "the existing file after a refused copy"
}
