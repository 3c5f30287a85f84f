# End-to-end tests: the history of changes (one hash-chained row per change,
# with its actor) and `audit verify`, which must notice tampering done with
# sqlite3 behind daicho's back.
# Run: DAICHO=$PWD/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-history.sh

history_rows() { sql 'SELECT count(*) FROM history'; }

# A chitose register with a section, a post held by a person, three assets and
# a dependency: ten history entries.
small_register() {
  dc init --scheme chitose
  dc section add s1 --name 住宅課
  dc post add p1 --name 住宅課長 --section s1
  dc person add 000001 --name 山田太郎 --section s1
  dc person add 000002 --name 鈴木花子 --section s1
  dc post assign p1 000001 --from 2025-04-01
  dc asset add A-0001 --type data --name 入居者台帳 --c 3 --i 2 --a 1 --section s1 --post p1
  dc asset add A-0002 --type hardware --name サーバ --c 2 --i 2 --a 2 --section s1 --post p1
  dc asset add A-0003 --type document --name 申請書綴り --c 3 --i 1 --a 1 --section s1 --post p1
  dc asset depend A-0001 A-0002
  expect_status 0
  expect_eq "$(history_rows)" 10 "history rows of the small register"
}

# Runs daicho with ARGS, expecting success and exactly one new history row.
one_more() {
  local before; before=$(history_rows)
  dc "$@"
  expect_status 0
  expect_eq "$(history_rows)" $((before + 1)) "history rows after '$*'"
}
# Runs daicho with ARGS, expecting exit CODE and no new history row.
none_more() {
  local code=$1 before; shift
  before=$(history_rows)
  dc "$@"
  expect_status "$code"
  expect_eq "$(history_rows)" "$before" "history rows after refused '$*'"
}

# Tampers with the register behind daicho's back (sqlite3, psql as the
# database's owner), after checking it was intact.
tamper() {
  dc audit verify
  expect_status 0
  sql "$1" >/dev/null || fail "test setup: failed on: $1"
}
# "intact first_bad_seq" of `audit verify --json`.
verify_json() {
  dc audit verify --json
  json 'str(d["intact"]) + " " + str(d["first_bad_seq"])'
}

# case: SEC-TAMPER-02
test_every_change_adds_exactly_one_history_row() {
  dc init --scheme chitose
  expect_status 0
  one_more section add s1 --name 住宅課
  one_more section add s2 --name 土木課
  one_more section edit s2 --parent s1
  one_more post add p1 --name 住宅課長 --section s1
  one_more post edit p1 --description 管理責任者
  one_more person add 000001 --name 山田太郎
  one_more person add 000002 --name 鈴木花子
  one_more person edit 000002 --status 異動 --status-date 2026-04-01
  one_more post assign p1 000001 --from 2025-04-01
  one_more post assign p1 000002 --from 2026-04-01
  one_more system add sys1 --name 住宅管理システム --admin-post p1
  one_more asset add A-0001 --type data --name 台帳 --c 3 --i 2 --a 1 --section s1 --post p1
  one_more asset add --type hardware --name サーバ --c 2 --i 2 --a 2 --section s1 --post p1
  one_more asset edit A-0001 --name 入居者台帳 --c 4
  one_more asset depend A-0001 A-0002
  one_more asset depend --remove A-0001 A-0002
  one_more asset retire A-0001
  one_more asset dispose A-0001 --method 消磁 --date 2026-11-01
  one_more asset dispose A-0002 --method 物理破壊
  # Refusals add nothing.
  none_more 4 asset retire A-0001
  none_more 4 asset dispose A-0001 --method 消磁
  none_more 3 asset edit A-0404 --name x
  none_more 4 section add s1 --name 重複
  none_more 3 post assign p1 000001 --from 2026-04-01 --to 2025-04-01
  dc audit verify
  expect_status 0
}

test_history_of_an_asset_with_actors() {
  sqlite_only "--actor names who changes a file; a server records the login" && return
  small_register
  # --actor after the command, DAICHO_ACTOR, --actor before the command
  # (which wins over DAICHO_ACTOR), and the harness's DAICHO_ACTOR=tester.
  dc asset edit A-0003 --note 一 --actor alice
  expect_status 0
  DAICHO_ACTOR=bob dc asset edit A-0003 --note 二
  expect_status 0
  DAICHO_ACTOR=bob dc --actor carol asset edit A-0003 --note 三
  expect_status 0
  dc asset retire A-0003
  expect_status 0
  dc asset edit A-0002 --note 別の資産 --actor dave
  dc history --asset A-0003 --json
  expect_status 0
  expect_eq "$(json '" ".join(e["entity"] + "/" + e["key"] + "/" + e["action"] + "/" + e["actor"] for e in d)')" \
    "asset/A-0003/add/tester asset/A-0003/edit/alice asset/A-0003/edit/bob asset/A-0003/edit/carol asset/A-0003/retire/tester" \
    "history of A-0003"
  expect_eq "$(json 'all(d[i]["seq"] < d[i + 1]["seq"] and d[i + 1]["prev_hash"] != "" for i in range(len(d) - 1))')" \
    True "history in sequence order"
  # Asset by name, and the entity/key filter, give the same entries.
  local by_code=$out
  dc history --asset 申請書綴り --json
  expect_eq "$out" "$by_code" "history --asset by name"
  dc history --entity asset --key A-0003 --json
  expect_eq "$out" "$by_code" "history --entity asset --key A-0003"
  dc history --asset A-0404
  expect_status 3
  dc history --entity planet
  expect_status 2
}

test_history_since() {
  small_register
  dc history --since 2000-01-01 --json
  expect_status 0
  expect_eq "$(json 'len(d)')" 10 "entries since 2000-01-01"
  dc history --since 2999-01-01 --json
  expect_status 0
  expect_eq "$out" "[]" "entries since 2999-01-01"
  dc history --since yesterday
  expect_status 3
  expect_err "yesterday"
}

test_edit_shows_the_changed_fields() {
  small_register
  dc asset edit A-0001 --name 入居者台帳データ --c 4
  expect_status 0
  dc history --asset A-0001
  expect_status 0
  expect_out "name: 入居者台帳 → 入居者台帳データ"
  expect_out "c: 3 → 4"
  expect_out "version: 1 → 2"
  expect_out "$(actor)"
  # Unchanged fields are not listed.
  grep -q "storage:" <<<"$out" && fail "an unchanged field is listed: $out"
  dc history --entity post --key p1
  expect_out "000001"
}

test_edit_bumps_version_and_updated_on_only() {
  dc init --scheme chitose
  dc section add s1 --name 住宅課
  dc post add p1 --name 住宅課長 --section s1
  DAICHO_TODAY=2026-05-10 dc asset add A-0001 --type data --name 台帳 --c 1 --i 1 --a 1 --section s1 --post p1
  expect_status 0
  dc asset show A-0001 --json
  expect_eq "$(json '" ".join(str(d[k]) for k in ("version", "created_on", "updated_on", "next_review_due", "last_reviewed_on"))')" \
    "1 2026-05-10 2026-05-10 2027-03-31 None" "after add"
  # An edit in the next fiscal year must not move the review dates.
  DAICHO_TODAY=2027-05-01 dc asset edit A-0001 --name 入居者台帳
  expect_status 0
  dc asset show A-0001 --json
  expect_eq "$(json '" ".join(str(d[k]) for k in ("version", "created_on", "updated_on", "next_review_due", "last_reviewed_on", "name"))')" \
    "2 2026-05-10 2027-05-01 2027-03-31 None 入居者台帳" "after edit"
  DAICHO_TODAY=2027-05-02 dc asset edit A-0001 --next-review-due 2028-03-31
  expect_status 0
  dc asset show A-0001 --json
  expect_eq "$(json '" ".join(str(d[k]) for k in ("version", "updated_on", "next_review_due", "last_reviewed_on"))')" \
    "3 2027-05-02 2028-03-31 None" "after editing next_review_due"
}

test_managed_fields_cannot_be_edited() {
  small_register
  local before option; before=$(history_rows)
  for option in "--status retired" "--version 7" "--created-on 2020-01-01" "--updated-on 2020-01-01" \
                "--last-reviewed-on 2026-01-01" "--disposed-on 2026-01-01" "--disposal-method 消磁" \
                "--code A-0999"; do
    # shellcheck disable=SC2086
    dc asset edit A-0001 $option
    expect_status 2
  done
  dc asset edit A-0001
  expect_status 3
  expect_err "nothing to change"
  expect_eq "$(history_rows)" "$before" "history rows"
  expect_eq "$(sql "SELECT status || ' ' || version FROM asset WHERE code = 'A-0001'")" "active 1" "status and version"
}

# case: SEC-TAMPER-01
test_audit_verify_city_is_intact() {
  load_city >/dev/null || fail "load_city failed"
  dc audit verify
  expect_status 0
  expect_out "intact"
  dc audit verify --json
  expect_status 0
  expect_eq "$(json 'str(d["intact"]) + " " + str(d["first_bad_seq"]) + " " + str(d["entries"]) + " " + str(len(d["head_hash"]))')" \
    "True None $(history_rows) 64" "verify --json"
  expect_eq "$(sql 'SELECT hash FROM history ORDER BY seq DESC LIMIT 1')" "$(json 'd["head_hash"]')" "head hash"
}

# SQL after which history rows can be changed: the guards dropped (a file),
# or switched off by the database's owner (a server).
unguarded() {
  if on_postgresql; then
    echo "ALTER TABLE history DISABLE TRIGGER USER;"
  else
    echo "DROP TRIGGER history_is_append_only_update; DROP TRIGGER history_is_append_only_delete;"
  fi
}

# case: SEC-TAMPER-01
test_tampered_actor_is_found() {
  small_register
  tamper "$(unguarded) UPDATE history SET actor = 'mallory' WHERE seq = 5"
  dc audit verify
  expect_status 1
  expect_err "entry 5"
  expect_eq "$(verify_json)" "False 5" "intact first_bad_seq"
  expect_status 1
}

# case: SEC-TAMPER-01
test_deleted_history_row_is_found() {
  small_register
  tamper "$(unguarded) DELETE FROM history WHERE seq = 7"
  dc audit verify
  expect_status 1
  expect_err "7"
  expect_eq "$(verify_json)" "False 7" "intact first_bad_seq"
}

# case: SEC-TAMPER-01
test_swapped_history_rows_are_found() {
  small_register
  tamper "$(unguarded)
          UPDATE history SET seq = -1 WHERE seq = 3;
          UPDATE history SET seq = 3 WHERE seq = 4;
          UPDATE history SET seq = 4 WHERE seq = -1"
  dc audit verify
  expect_status 1
  expect_err "NOT INTACT"
  local result; result=$(verify_json)
  [ "$result" == "False 3" ] || [ "$result" == "False 4" ] ||
    fail "verify --json after swapping entries 3 and 4: expected intact false at 3 or 4, got '$result'"
}

# case: SEC-TAMPER-03
test_asset_changed_outside_daicho_is_found() {
  small_register
  tamper "UPDATE asset SET name = '改ざん' WHERE code = 'A-0003'"
  dc audit verify
  expect_status 1
  expect_err "A-0003"
  expect_eq "$(verify_json | cut -d' ' -f1)" False "intact"
}

# case: SEC-TAMPER-03
test_asset_inserted_outside_daicho_is_found() {
  small_register
  tamper "INSERT INTO asset (code, type, name, c_level_id, i_level_id, a_level_id, section_id, post_id, created_on, updated_on)
          SELECT 'A-0999', type, '裏口', c_level_id, i_level_id, a_level_id, section_id, post_id, created_on, updated_on
          FROM asset WHERE code = 'A-0001'"
  dc audit verify
  expect_status 1
  expect_err "A-0999"
  expect_eq "$(verify_json | cut -d' ' -f1)" False "intact"
}

# case: SEC-TAMPER-03
test_dependency_and_assignment_changed_outside_daicho_are_found() {
  small_register
  tamper "DELETE FROM asset_dependency"
  dc audit verify
  expect_status 1
  expect_err "A-0001"
  sql "INSERT INTO asset_dependency (asset_id, depends_on_id) SELECT a.id, b.id FROM asset a, asset b
       WHERE a.code = 'A-0001' AND b.code = 'A-0002'" >/dev/null || fail "test setup: the dependency put back"
  tamper "UPDATE assignment SET person_id = (SELECT id FROM person WHERE employee_no = '000002')"
  dc audit verify
  expect_status 1
  expect_err "p1"
}

# case: SEC-TAMPER-03
test_scheme_levels_changed_outside_daicho_are_found() {
  small_register
  # Renaming 極秘 and moving it below 一般 changes what every C-4 asset means
  # and what `asset list --min-c` returns; the register no longer matches the
  # scheme its history recorded.
  tamper "UPDATE level SET name = '一般', rank = 0 WHERE property = 'C' AND label = '4'"
  dc audit verify
  expect_status 1
  expect_err "NOT INTACT"
}

# case: SEC-TAMPER-03
test_record_deleted_outside_daicho_is_found() {
  small_register
  tamper "DELETE FROM asset WHERE code = 'A-0003'"
  dc audit verify
  expect_status 1
  expect_err "A-0003"
  expect_eq "$(verify_json | cut -d' ' -f1)" False "intact"
}

# case: SEC-TAMPER-03
test_organisation_setting_changed_outside_daicho_is_found() {
  dc init --scheme chitose --organisation 架空市
  expect_status 0
  tamper "UPDATE setting SET value = '別の市' WHERE key = 'organisation'"
  dc audit verify
  expect_status 1
  expect_err "organisation"
}

# At 00:38 in Japan on 3 December the UTC clock still says 2 December: what
# people read says 3 December, what is stored (and --json) stays UTC.
test_times_people_read_are_local_with_their_zone() {
  sqlite_only "the test sets the clock of daicho, and on a server the server stamps the history" && return
  small_register
  command -v faketime >/dev/null || fail "faketime is not installed (tools/install-deps.sh --test)"
  at_0038() { DAICHO_TODAY=2026-12-03 at_clock "2026-12-03 00:38:00" "$DAICHO" "$@"; }
  at_0038 asset edit A-0003 --note 深夜の修正 >/dev/null || fail "edit at 00:38"
  at_0038 backup -o b.db >/dev/null || fail "backup at 00:38"
  at_0038 audit export -o pkg >/dev/null || fail "audit export at 00:38"
  expect_eq "$(sql 'SELECT substr(at, 1, 16) FROM history WHERE entity = '"'asset'"' ORDER BY seq DESC LIMIT 1')" \
    "2026-12-02T15:38" "stored in UTC"
  dc history --asset A-0003
  expect_out "2026-12-03 00:38 JST"
  dc history --asset A-0003 --json
  expect_eq "$(json 'd[-1]["at"][:16]')" "2026-12-02T15:38" "--json in UTC"
  dc backup --list
  expect_out "2026-12-03 00:38 JST"
  grep -q "作成日時: 2026-12-03 00:38 JST" pkg/説明.txt || fail "説明.txt: $(grep 作成日時 pkg/説明.txt)"
  unzip -p pkg/変更履歴.xlsx 'xl/worksheets/*.xml' > strings.xml || fail "unzip 変更履歴.xlsx"
  grep -q "2026-12-03 00:38 JST" strings.xml || fail "変更履歴.xlsx has no local time"
  # An addition shows the values it was made with, not only (新規).
  grep -q "name: 入居者台帳" strings.xml || fail "変更履歴.xlsx does not show the added asset's values"
  local shown
  shown=$( { "$DAICHO" history; "$DAICHO" backup --list; cat pkg/説明.txt strings.xml; } 2>&1)
  grep -q "2026-12-02" <<<"$shown" && fail "2 December shown: $(grep -o '.\{20\}2026-12-02.\{10\}' <<<"$shown" | head -3)"
}

# A register written by daicho 0.1 at schema 8, when SQLite's json_object()
# wrote the snapshots (fixtures/registers/): every kind of record, with tabs,
# new lines, quotes and members added by later schemas. The snapshots daicho
# builds today must be those texts byte for byte, or every existing register
# would show its records as changed outside daicho.
test_register_of_schema_8_verifies_byte_for_byte() {
  sqlite_only "an SQLite file of the previous version (test-postgresql copies it onto a server)" && return
  # A dump keeps no pragmas: the marks of a register are set after it.
  { xz -dc "$DAICHO_ROOT/fixtures/registers/schema8-every-kind.sql.xz" &&
    echo "PRAGMA user_version = 8; PRAGMA application_id = $(python3 -c 'print(int.from_bytes(b"DAIC", "big"))');"
  } | sqlite3 "$DAICHO_DB" || { fail "setup: loading the register"; return; }
  expect_eq "$(sql 'SELECT count(DISTINCT entity) FROM history')" 22 "kinds of record in the fixture"
  dc audit verify
  expect_status 0
  expect_out "intact: 995 history entries chain correctly and 940 records match them"
  expect_out "195480aa44bf307dfb720d4a8de6e665cd1f8c3161530a6851dd6eaf098e44fb"
}
