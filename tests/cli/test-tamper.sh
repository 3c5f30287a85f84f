# engines: sqlite
# End-to-end: tampering that leaves the history's chain and the records'
# snapshots intact is still found by `audit verify`: objects planted in or
# dropped from the schema, a history rewritten with its chain recomputed (the
# backup ledger remembers), an edited derived column, rows orphaned.

ids=$DAICHO_ROOT/fixtures/id

# The history rewritten from entry $1 on (its actor becomes mallory), with the
# chain recomputed and the append-only triggers put back exactly as they were.
rewrite_history() {
  python3 - "$DAICHO_DB" "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); first = int(sys.argv[2])
triggers = db.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'history'").fetchall()
for name, _ in triggers:
    db.execute(f"DROP TRIGGER {name}")
def field(v):
    if v is None: return b"-\n"
    b = str(v).encode(); return str(len(b)).encode() + b":" + b + b"\n"
prev = None
for row in db.execute("SELECT seq, at, actor, action, entity, entity_key, before_json, after_json, prev_hash FROM history ORDER BY seq").fetchall():
    row = list(row)
    if row[0] < first:
        prev = db.execute("SELECT hash FROM history WHERE seq = ?", (row[0],)).fetchone()[0]; continue
    if row[0] == first: row[2] = "mallory"
    row[8] = prev
    h = hashlib.sha256(b"".join(field(v) for v in row)).hexdigest()
    db.execute("UPDATE history SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?", (row[2], prev, h, row[0]))
    prev = h
for _, sql in triggers:
    db.execute(sql)
db.commit()
PY
}

# case: SEC-TAMPER-04
test_a_planted_trigger_is_found_and_writes_are_refused() {
  load_city || fail "load_city"
  local c; c=$(sql "SELECT l.label FROM asset a JOIN level l ON l.id = a.c_level_id WHERE a.code = 'A-0001'")
  sql "CREATE TRIGGER keep_c_low AFTER UPDATE ON asset BEGIN
         UPDATE asset SET c_level_id = (SELECT id FROM level WHERE property = 'C' AND rank = 1) WHERE id = NEW.id;
       END;" || fail "setup"
  local entries; entries=$(sql "SELECT count(*) FROM history")
  dc audit verify
  expect_status 1
  expect_err "trigger keep_c_low on asset"
  dc asset edit A-0001 --c 4
  expect_status 3
  expect_err "keep_c_low"
  expect_eq "$(sql "SELECT l.label FROM asset a JOIN level l ON l.id = a.c_level_id WHERE a.code = 'A-0001'")" "$c" \
    "C after the refused edit"
  expect_eq "$(sql "SELECT count(*) FROM history")" "$entries" "history entries after the refused edit"
  # A backup of such a register is refused too (its copy does not verify).
  dc backup -o copy.db
  [ "$status" -ne 0 ] || fail "backup of a register with a planted trigger succeeded"
  [ ! -e copy.db ] || fail "the backup was kept"
}

# case: SEC-TAMPER-04
test_an_extra_index_or_view_and_a_dropped_index_are_found() {
  load_city || fail "load_city"
  sql "CREATE VIEW everything AS SELECT * FROM asset" || fail "setup"
  dc audit verify
  expect_status 1
  expect_err "view everything"
  load_city || fail "load_city"
  sql "CREATE INDEX asset_by_name ON asset(name); DROP INDEX asset_by_post" || fail "setup"
  dc audit verify
  expect_status 1
  expect_err "extra index asset_by_name on asset"
  expect_err "index asset_by_post on asset is missing"
  dc asset edit A-0001 --note 変更
  expect_status 3
  # Untouched, the same register verifies.
  load_city || fail "load_city"
  dc audit verify
  expect_status 0
}

# case: SEC-TAMPER-05
test_a_history_rewritten_with_its_chain_recomputed_is_found_by_the_backup_ledger() {
  load_city || fail "load_city"
  dc backup -o gen1.db
  expect_status 0
  "$DAICHO" asset edit A-0002 --note 後の変更 >/dev/null || fail "setup"
  rewrite_history 5 || fail "setup"
  expect_eq "$(sql "SELECT actor FROM history WHERE seq = 5")" mallory "the rewritten entry"
  dc audit verify
  expect_status 1
  expect_err "backup 1 of the ledger recorded history entry"
}

# case: SEC-TAMPER-03
test_an_edited_login_key_is_found() {
  load_city || fail "load_city"
  "$DAICHO" staff import "$ids/roster.xlsx" --date 2026-11-01 >/dev/null &&
    "$DAICHO" id import "$ids/jutaku-ids.xlsx" --system jutaku-sys >/dev/null || fail "setup"
  dc audit verify
  expect_status 0
  local entry; entry=$(sql "SELECT entry_key FROM id_entry ORDER BY entry_key LIMIT 1")
  sql "UPDATE id_entry SET login_key = 'look-alike' WHERE entry_key = '$entry'" || fail "setup"
  dc audit verify
  expect_status 1
  expect_err "id_entry $entry: its matching key (login_key)"
}

# case: SEC-TAMPER-03
test_an_orphaned_row_is_found() {
  load_city || fail "load_city"
  sql "INSERT INTO assignment (post_id, person_id, from_date) VALUES (99999, 99999, '2026-04-01')" || fail "setup"
  dc audit verify
  expect_status 1
  expect_err "a row of assignment"
}
