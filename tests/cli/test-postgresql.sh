# engines: own
# End-to-end tests: a register on a PostgreSQL server (--db postgresql://…):
# created by init, changed and read through daicho with one history entry per
# change, the server's login as the actor, the same snapshots as in a file,
# and everything done behind daicho's back (psql) found by `audit verify`.
# What does not run on a server yet is refused with a clear message.
# Needs PostgreSQL 15 (tools/install-deps.sh --test): one throw-away cluster
# (tests/cli/pg-cluster.sh) serves the whole file, a new database each test.
# Run: DAICHO=$PWD/build/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-postgresql.sh

# shellcheck source=tests/cli/pg-cluster.sh
. "$DAICHO_ROOT/tests/cli/pg-cluster.sh"

# The changes every engine must record alike: eight history entries, each
# command checked.
some_changes() {
  ready section add s1 --name 住宅課 &&
  ready post add p1 --name 住宅課長 --section s1 &&
  ready person add 000001 --name 山田太郎 --section s1 &&
  ready post assign p1 000001 --from 2025-04-01 &&
  ready asset add A-0001 --type data --name 入居者台帳 --c 3 --i 2 --a 1 --section s1 --post p1 &&
  ready asset add A-0002 --type hardware --name サーバ --c 2 --i 2 --a 2 --section s1 --post p1 &&
  ready asset depend A-0001 A-0002 &&
  ready asset edit A-0001 --c 4 --note "$(printf 'タブ\tと改行\nと"引用"')" ||
    { fail "a change was refused"; return 1; }
}

test_register_on_a_server_records_each_change_with_the_login() {
  on_server || { fail "setup: a database"; return; }
  dc init --scheme chitose --organisation テスト市
  expect_status 0
  some_changes
  expect_eq "$(pg -c 'SELECT count(*) FROM history')" 10 "history entries"
  # The actor is the login the server knows, whatever DAICHO_ACTOR says.
  expect_eq "$(pg -c "SELECT string_agg(DISTINCT actor, ',') FROM history")" "$PGUSER" "actors"
  dc asset show A-0001 --json
  expect_status 0
  expect_eq "$(json 'd["c"]')" 4 "A-0001's confidentiality"
  dc asset list --section s1 --min-c 3
  expect_status 0
  expect_out "A-0001"
  dc asset responsible A-0001 --on 2026-04-01
  expect_out "山田太郎"
  dc audit verify
  expect_status 0
  expect_out "intact: 10 history entries chain correctly"
  # SQL once written for SQLite alone: the next code, the retention periods, the holder filter.
  dc asset add --type data --name 自動番号 --c 1 --i 1 --a 1 --section s1 --post p1
  expect_status 0
  expect_out "A-0003"
  dc asset dispose A-0003 --date 2024-02-29 --method 消去
  expect_status 0
  dc system add sys1 --name システム --admin-post p1 --section s1
  expect_status 0
  dc id add yamada --system sys1 --holder 000001 --privileges 照会
  expect_status 0
  dc id list --holder 1 --json
  expect_eq "$(json '[e["login_id"] for e in d]')" "['yamada']" "IDs of holder 1 (leading zeros ignored)"
}

# The retention periods, computed in C: five years from 29 February.
test_records_expiring_on_a_server() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose && some_changes &&
  ready asset edit A-0001 --personal-info personal &&
  ready asset dispose A-0001 --date 2024-02-29 --method 溶解 || { fail "setup: a disposal"; return; }
  dc records expiring --as-of 2029-03-01 --json
  expect_status 1
  expect_eq "$(json '[r["key"] + " " + r["kept_until"] for r in d]')" "['A-0001 2029-02-28']" "past its five years"
  dc records expiring --as-of 2029-02-28
  expect_status 0
}

test_snapshots_are_the_same_text_in_a_file_and_on_a_server() {
  ready init --scheme chitose --organisation テスト市 || { fail "setup: file register"; return; }
  some_changes
  local file_states; file_states=$(sqlite3 "$DAICHO_DB" "SELECT entity || ' ' || entity_key || ' ' || coalesce(after_json, '-') FROM history ORDER BY seq")
  on_server || { fail "setup: a database"; return; }
  dc init --scheme chitose --organisation テスト市
  some_changes
  local server_states; server_states=$(pg -c "SELECT entity || ' ' || entity_key || ' ' || coalesce(after_json, '-') FROM history ORDER BY seq")
  [ -n "$file_states" ] || fail "no states in the file"
  local differences; differences=$(diff <(echo "$file_states") <(echo "$server_states") | cut -c1-300)
  [ -z "$differences" ] || fail "states recorded differently (< file, > server): $differences"
}

test_edits_with_psql_are_found_by_audit_verify() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose || { fail "setup: init"; return; }
  some_changes
  pg -c "UPDATE asset SET name = '書き換え' WHERE code = 'A-0002'" >/dev/null || { fail "setup: psql"; return; }
  dc audit verify
  expect_status 1
  expect_err "asset A-0002 differs from the state its last history entry recorded"
  pg -c "UPDATE asset SET name = 'サーバ' WHERE code = 'A-0002'" >/dev/null || { fail "setup: psql"; return; }
  # The owner of the database can drop the trigger that keeps history append-only.
  pg -c "DROP TRIGGER history_is_append_only_update ON history" >/dev/null || { fail "setup: psql"; return; }
  pg -c "UPDATE history SET actor = 'someone' WHERE seq = 3" >/dev/null || { fail "setup: psql"; return; }
  dc audit verify
  expect_status 1
  expect_err "NOT INTACT"
}

test_a_password_in_the_address_is_refused() {
  on_server || { fail "setup: a database"; return; }
  dc --db "postgresql://$PGUSER:secret@$PGHOST:$PGPORT/$PGDATABASE" init --scheme chitose
  expect_status 3
  expect_err "~/.pgpass"
  expect_eq "$(pg -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0 "tables made"
}

test_actor_cannot_be_given_on_a_server() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose || { fail "setup: init"; return; }
  dc --actor 佐藤 section add s1 --name 住宅課
  expect_status 3
  expect_err "--actor cannot be used with a register on a server"
  expect_eq "$(pg -c 'SELECT count(*) FROM section')" 0 "sections"
}

test_a_register_of_a_newer_daicho_is_refused_untouched() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose || { fail "setup: init"; return; }
  pg -c "UPDATE daicho_register SET schema_version = 99" >/dev/null || { fail "setup: psql"; return; }
  local before; before=$(pg -c 'SELECT count(*) FROM history')
  dc section add s1 --name 住宅課
  expect_status 5
  expect_err "newer daicho"
  expect_eq "$(pg -c 'SELECT count(*) FROM history')" "$before" "history entries"
  expect_eq "$(pg -c 'SELECT schema_version FROM daicho_register')" 99 "schema version"
}

test_a_database_that_is_not_a_register_is_refused() {
  on_server || { fail "setup: a database"; return; }
  pg -c "CREATE TABLE photos (x int)" >/dev/null || { fail "setup: psql"; return; }
  dc init --scheme chitose
  expect_status 5
  expect_err "not a daicho register"
  expect_eq "$(pg -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 1 "tables"
  pg -c "DROP TABLE photos" >/dev/null || { fail "setup: psql"; return; }
  dc asset list
  expect_status 3
  expect_err "holds no daicho register"
}

# case: SEC-ACCESS-02
test_a_backup_of_a_server_is_a_checked_file_in_its_ledger() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose && some_changes || { fail "setup: a register"; return; }
  mkdir -p "$TEST_DIR/backups" || { fail "setup: a folder"; return; }
  dc backup -o "$TEST_DIR/backups" --keep 2 --note 金庫
  expect_status 0
  local file; file=$(ls "$TEST_DIR/backups")
  [[ $file == "${PGDATABASE}-"*.db ]] || fail "the backup's name: $file"
  expect_eq "$(stat -c %a "$TEST_DIR/backups/$file")" 600 "the backup's mode"
  DAICHO_DB=$TEST_DIR/backups/$file dc audit verify
  expect_status 0
  expect_out "intact: 9 history entries chain correctly"
  dc backup --list --json
  expect_status 0
  expect_eq "$(json 'd[0]["sha256"] + " " + str(d[0]["history_seq"])')" \
    "$(sha256sum "$TEST_DIR/backups/$file" | cut -d' ' -f1) 9" "the ledger's line"
  expect_eq "$(pg -c "SELECT action || ' ' || entity FROM history ORDER BY seq DESC LIMIT 1")" "add backup" \
    "the backup's history entry"
  dc restore "$TEST_DIR/backups/$file"
  expect_status 3
  expect_err "copy"
}

# The fictional city's year on the register DAICHO_DB names (initialised):
# the assets loaded, a roster and an ID register imported, a stocktake with
# decisions, an assessment and a stocktake marked done.
city_year() {
  local ids=$DAICHO_ROOT/fixtures/id
  "$DAICHO_ROOT/fixtures/load.sh" "$DAICHO" >"$TEST_DIR/load.log" 2>&1 ||
    { echo "    fixtures/load.sh: $(tail -3 "$TEST_DIR/load.log")"; return 1; }
  ready risk assess &&
  ready staff import "$ids/roster.xlsx" --date 2026-11-01 &&
  ready id import "$ids/jutaku-ids.xlsx" --system 住宅管理システム &&
  { dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" --as-of 2026-11-22; [ "$status" -eq 1 ]; } &&
  ready reconcile decide 1 1-3 --decision fix --note "不要なIDの削除をシステム担当に依頼" &&
  ready review open --fy 2026 &&
  ready duty done id_stocktake --system jukiki-sys --by shimin-kacho --note "照合済み"
}

# The cells of every sheet of the package's workbooks and register.xml, with
# what differs between two registers of the same commands (times, the
# actor, the history's hashes, the record of an earlier package) written as placeholders.
package_text() {
  python3 - "$1" "$2" <<'PY'
import re, sys, zipfile, glob, os
pkg, actor = sys.argv[1:]
def norm(text):
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "TIME", text)
    text = re.sub(r"\d\d:\d\d(:\d\d)?", "TIME", text)
    text = re.sub(r'history-hash="[0-9a-f]{64}"', "", text)
    text = re.sub(r'<entity kind="audit_package".*?</entity>', "", text, flags=re.S)
    return text.replace(actor, "ACTOR")
for path in sorted(glob.glob(pkg + "/*.xlsx")):
    z = zipfile.ZipFile(path)
    for name in sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet")):
        text = z.read(name).decode()
        if os.path.basename(path) == "変更履歴.xlsx":
            text = re.sub(r"[0-9a-f]{64}", "HASH", text)
        for row in re.findall(r"<row .*?</row>", text):
            print(os.path.basename(path), name, norm(re.sub(r"<[^>]*>", "|", row)))
print(norm(open(pkg + "/register.xml", encoding="utf-8").read()))
PY
}

test_the_city_and_its_yearly_work_on_a_server() {
  # The same year in a file, for the auditor's package to compare with.
  ready init --scheme chitose --organisation 架空市 && city_year || { fail "setup: the year in a file"; return; }
  ready audit export -o "$TEST_DIR/file-package" &&
  ready audit export -o "$TEST_DIR/file-section" --section jutaku --fy 2026 || { fail "setup: the file's packages"; return; }
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose --organisation 架空市 && city_year || { fail "setup: the year on a server"; return; }
  dc asset list --json
  expect_eq "$(json 'len(d)')" 60 "assets"
  expect_eq "$(pg -c 'SELECT count(*) FROM risk_run_item')" "$(pg -c "SELECT count(*) FROM risk WHERE status = 'open'")" "lines frozen"
  dc risk list --json
  expect_status 0
  expect_eq "$(json 'd[0]["level"]')" high "the first line's level"
  expect_eq "$(pg -c "SELECT count(*) FROM id_entry")" 14 "ID register entries"
  expect_eq "$(pg -c 'SELECT count(*) FROM reconcile_decision')" 3 "decisions"
  # The register as of today, rebuilt from the history, is the register.
  dc export ledger -o "$TEST_DIR/now.csv"
  expect_status 0
  dc export ledger -o "$TEST_DIR/today.csv" --as-of "$(date +%F)"
  expect_status 0
  cmp -s "$TEST_DIR/now.csv" "$TEST_DIR/today.csv" || fail "the ledger as of today differs from the ledger"
  dc export ledger -o "$TEST_DIR/before.csv" --as-of 2020-01-01
  expect_status 0
  expect_eq "$(wc -l <"$TEST_DIR/before.csv")" 1 "lines of the ledger before anything was recorded"
  dc audit verify
  expect_status 0
  expect_out "intact:"
  # The auditor's package holds what the file's holds.
  dc audit export -o "$TEST_DIR/server-package"
  expect_status 0
  dc audit verify "$TEST_DIR/server-package"
  expect_status 0
  local which differences
  for which in package section; do
    [ "$which" = package ] || { dc audit export -o "$TEST_DIR/server-$which" --section jutaku --fy 2026; expect_status 0; }
    differences=$(diff <(package_text "$TEST_DIR/file-$which" "${DAICHO_ACTOR:-tester}") \
                       <(package_text "$TEST_DIR/server-$which" "$PGUSER") | cut -c1-300 | head -20)
    [ -z "$differences" ] || fail "the ${which}s differ (< file, > server): $differences"
  done
  expect_eq "$(grep -c '<entity kind="asset"' "$TEST_DIR/server-section/register.xml")" \
    "$(pg -c "SELECT count(*) FROM asset a JOIN section s ON s.id = a.section_id WHERE s.code = 'jutaku'")" \
    "assets in the section's package"
}

# case: SEC-ACCESS-03, SEC-ACCESS-04, SEC-TAMPER-08
test_each_role_may_do_only_its_part_in_daicho_and_in_psql() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose --organisation テスト市 && some_changes &&
  ready section add s2 --name 税務課 && ready section add s1a --name 住宅管理係 --parent s1 &&
  ready post add p2 --name 税務課長 --section s2 &&
  ready asset add A-0003 --type data --name 課税台帳 --c 3 --i 3 --a 2 --section s2 --post p2 &&
  ready system add jutaku-sys --name 住宅管理システム --admin-post p1 --section s1 &&
  ready system add zei-sys --name 税務システム --admin-post p2 &&
  logins alice bob carol || { fail "setup: sections, assets, systems and logins"; return; }
  dc user add alice --role editor --section s1
  expect_status 0
  dc user add bob --role auditor
  expect_status 0
  dc user add carol --role admin
  expect_status 0
  dc user add bob --role auditor --section s1
  expect_status 3
  expect_err "--section"
  dc user add dave --role auditor
  expect_status 3
  expect_err "no login dave"
  dc user list --json
  expect_eq "$(json '" ".join(u["login"] + ":" + u["role"] + ":" + ",".join(u["sections"]) for u in d)')" \
    "alice:editor:s1 bob:auditor: carol:admin:" "users"

  # The editor: its section and those below it, nothing else.
  as alice asset edit A-0001 --name 入居者台帳（更新）
  expect_status 0
  as alice asset add A-0010 --type data --name 係の台帳 --c 2 --i 2 --a 1 --section s1a --post p1
  expect_status 0
  as alice asset edit A-0003 --name 書き換え
  expect_status 3
  expect_err "section s2"
  as alice asset add A-0011 --type data --name 他課の台帳 --c 2 --i 2 --a 1 --section s2 --post p2
  expect_status 3
  expect_err "section s2"
  as alice section add s9 --name 勝手な課
  expect_status 3
  expect_err "does not allow it"
  # ID registers: of a system of the section (or whose admin post is there).
  as alice id add yamada --system jutaku-sys --holder-name 山田太郎 --privileges 照会
  expect_status 0
  as alice id edit yamada --system jutaku-sys --privileges "照会;更新"
  expect_status 0
  as alice id add tanaka --system zei-sys --holder-name 田中 --privileges 照会
  expect_status 3
  expect_err "section s2"
  # The auditor reads and exports, and changes nothing.
  as bob asset list
  expect_status 0
  expect_out "A-0003"
  as bob asset edit A-0001 --name 監査人の変更
  expect_status 3
  as bob audit export -o "$TEST_DIR/package"
  expect_status 0
  # The admin changes any section's asset.
  as carol asset edit A-0003 --name 課税台帳（更新）
  expect_status 0
  expect_eq "$(pg -c "SELECT string_agg(actor, ',' ORDER BY seq) FROM history WHERE entity = 'asset' AND action = 'edit'")" \
    "$PGUSER,alice,carol" "who made the edits"

  # psql gives no more than daicho.
  psql_as alice "UPDATE asset SET name = 'psql' WHERE code = 'A-0003'" && fail "alice changed another section's asset with psql"
  [[ $err == *"section s2"* ]] || fail "alice's refusal in psql does not name the section: $err"
  psql_as alice "UPDATE asset SET name = 'psql で変更' WHERE code = 'A-0001'" || fail "alice cannot change her section's asset with psql: $err"
  psql_as bob "UPDATE asset SET name = 'psql' WHERE code = 'A-0001'" && fail "the auditor changed an asset with psql"
  local who
  for who in alice bob carol; do
    psql_as "$who" "UPDATE history SET actor = 'someone' WHERE seq = 1" && fail "$who rewrote history with psql"
    psql_as "$who" "DELETE FROM history WHERE seq = 1" && fail "$who deleted history with psql"
    psql_as "$who" "INSERT INTO history (seq, at, actor, action, entity, entity_key, prev_hash, hash)
                    VALUES (9999, 'x', 'x', 'x', 'x', 'x', 'x', 'x')" && fail "$who inserted history with psql"
  done
  psql_as carol "ALTER TABLE history DISABLE TRIGGER USER" && fail "the admin could switch off the history's guard"
  # The edit made with psql is found: the asset no longer matches its last snapshot.
  dc audit verify
  expect_status 1
  expect_err "A-0001"

  # A removed user can no longer change anything.
  dc user remove alice
  expect_status 0
  as alice asset edit A-0001 --name 入居者台帳
  expect_status 3
  expect_err "alice may not read this register"
  dc history --entity user --json
  expect_status 0
  expect_eq "$(json '",".join(e["action"] + " " + e["key"] for e in d)')" \
    "add alice,add bob,add carol,remove alice" "the users' history"
}

test_a_register_in_a_file_has_no_users() {
  ready init --scheme chitose --organisation テスト市 || { fail "setup: file register"; return; }
  dc user list
  expect_status 3
  expect_err "has no users"
  dc user add alice --role admin
  expect_status 3
  expect_err "PostgreSQL"
}

# 16 writers at once, adding and editing, two of them the same assets: every
# change is one entry, the chain never forks, and nothing is lost.
test_sixteen_writers_at_once_keep_one_chain() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose --organisation テスト市 && some_changes || { fail "setup: a register"; return; }
  local i pids=()
  for i in $(seq 1 16); do
    {
      "$DAICHO" asset add "A-01$(printf %02d "$i")" --type data --name "台帳$i" --c 2 --i 2 --a 1 \
        --section s1 --post p1 >/dev/null 2>"$TEST_DIR/add$i.err" &&
      "$DAICHO" asset edit "A-000$((i % 2 + 1))" --note "書き手 $i" >/dev/null 2>"$TEST_DIR/edit$i.err"
    } &
    pids+=($!)
  done
  local failed=0
  for i in "${pids[@]}"; do wait "$i" || failed=$((failed + 1)); done
  expect_eq "$failed" 0 "writers that failed$(cat "$TEST_DIR"/*.err | head -3)"
  expect_eq "$(pg -c "SELECT count(*) FROM history")" $((10 + 32)) "history entries"
  expect_eq "$(pg -c "SELECT count(*) = max(seq) AND min(seq) = 1 FROM history")" t "entries numbered without gaps"
  expect_eq "$(pg -c "SELECT count(*) FROM history h JOIN history p ON p.seq = h.seq - 1 WHERE h.prev_hash <> p.hash")" 0 \
    "entries not chained to the one before"
  expect_eq "$(pg -c "SELECT count(*) FROM asset WHERE code LIKE 'A-01%'")" 16 "assets added"
  expect_eq "$(pg -c "SELECT sum(version) FROM asset WHERE code IN ('A-0001', 'A-0002')")" $((1 + 1 + 1 + 16)) \
    "versions of the two assets edited by all (each edit counted once)"
  dc audit verify
  expect_status 0
  expect_out "intact: 42 history entries chain correctly"
}

# Every table's rows in a register file, as text (for comparing two files).
file_rows() {
  local table
  for table in $(sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"); do
    sqlite3 -header "$1" "SELECT '$table', * FROM $table ORDER BY 2"
  done
}

test_copy_moves_a_register_onto_a_server_and_back() {
  # The register of the previous version with every kind of record in it.
  { xz -dc "$DAICHO_ROOT/fixtures/registers/schema8-every-kind.sql.xz" &&
    echo "PRAGMA user_version = 8; PRAGMA application_id = $(python3 -c 'print(int.from_bytes(b"DAIC", "big"))');"
  } | sqlite3 "$DAICHO_DB" || { fail "setup: loading the register"; return; }
  local file=$DAICHO_DB
  ready export ledger -o "$TEST_DIR/file.csv" || { fail "setup: the file's ledger"; return; }
  on_server || { fail "setup: a database"; return; }
  local server=$DAICHO_DB
  DAICHO_DB=$file dc copy "$server"
  expect_status 0
  expect_out "the copy verifies (995 history entries, 940 records)"
  expect_out "195480aa44bf307dfb720d4a8de6e665cd1f8c3161530a6851dd6eaf098e44fb"
  # On the server: the same history, the same ledger, and it goes on from there.
  dc audit verify
  expect_status 0
  expect_out "intact: 995 history entries chain correctly and 940 records match them"
  dc export ledger -o "$TEST_DIR/server.csv"
  expect_status 0
  cmp -s "$TEST_DIR/file.csv" "$TEST_DIR/server.csv" || fail "the server's ledger differs from the file's"
  dc section add s-new --name 新しい課
  expect_status 0
  expect_eq "$(pg -c "SELECT id = (SELECT max(id) FROM section) AND id > 1 FROM section WHERE code = 's-new'")" t \
    "a new row's id follows the copied ones"
  # A database that holds a register is not written over.
  DAICHO_DB=$file dc copy "$server"
  expect_status 3
  expect_err "holds a register already"
  # Back into a file: every row as it was, the new section and its entry besides.
  dc copy "$TEST_DIR/back.db"
  expect_status 0
  expect_out "the copy verifies (996 history entries"
  expect_eq "$(stat -c %a "$TEST_DIR/back.db")" 600 "the copy's mode"
  sqlite3 "$TEST_DIR/back.db" "DELETE FROM section WHERE code = 's-new'" 2>/dev/null
  local differences
  differences=$(diff <(file_rows "$file") <(file_rows "$TEST_DIR/back.db" | grep -v '^history|996|') | head -5)
  [ -z "$differences" ] || fail "the file copied back differs (< first, > back): $differences"
  dc copy "$TEST_DIR/back.db"
  expect_status 3
  expect_err "exists"
}

# case: SEC-AUTH-01
test_only_a_scram_password_lets_a_login_in() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose || { fail "setup: init"; return; }
  # scram-sha-256 for every TCP connection to this test's database.
  hba_first "host $PGDATABASE all 0.0.0.0/0 scram-sha-256" "host $PGDATABASE all ::/0 scram-sha-256" &&
  logins newpw &&
  pg -c "SET client_min_messages = warning; DROP ROLE IF EXISTS oldpw; SET password_encryption = 'md5';
         CREATE ROLE oldpw LOGIN PASSWORD 'pw-oldpw'" >/dev/null &&
  ready user add newpw --role admin && ready user add oldpw --role admin ||
    { fail "setup: scram-sha-256 in pg_hba.conf and two logins"; hba_restore; return; }
  as newpw section add s1 --name 住宅課
  expect_status 0
  expect_eq "$(pg -c "SELECT actor FROM history ORDER BY seq DESC LIMIT 1")" newpw "the actor of the change"
  DAICHO_DB="$DAICHO_DB&user=newpw" PGPASSWORD=not-the-password dc asset list
  expect_status 5
  expect_err "password authentication failed"
  [[ $err == *not-the-password* ]] && fail "the password was shown: $err"
  # A password the server kept as MD5 cannot answer a SCRAM challenge.
  as oldpw asset list
  expect_status 5
  expect_err "password authentication failed"
  hba_restore || fail "pg_hba.conf put back"
}

# The login that creates a register need not be a superuser: the database's
# owner with CREATEROLE, as the admin manual says.
test_a_database_owner_with_createrole_creates_and_administers_a_register() {
  on_server || { fail "setup: a database"; return; }
  logins keeper1 clerk1 &&
  pg -c "ALTER ROLE keeper1 CREATEROLE; ALTER DATABASE $PGDATABASE OWNER TO keeper1" >/dev/null ||
    { fail "setup: the owner"; return; }
  as keeper1 init --scheme chitose
  expect_status 0
  as keeper1 section add s1 --name 住宅課
  expect_status 0
  as keeper1 user add clerk1 --role auditor
  expect_status 0
  as clerk1 section list
  expect_status 0
  expect_out "s1"
  expect_eq "$(pg -c "SELECT string_agg(actor, ',' ORDER BY seq) FROM history WHERE entity IN ('section', 'user')")" \
    "keeper1,keeper1" "who made the changes"
  expect_eq "$(pg -c "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'daicho_history_append'")" \
    "$(pg -c "SELECT role FROM daicho_role WHERE kind = 'history'")" "the owner of the append"
  dc audit verify
  expect_status 0
}

# case: SEC-TAMPER-04
test_objects_planted_in_the_schema_are_found() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose && some_changes || { fail "setup: a register"; return; }
  # The database's owner plants a trigger that rewrites every asset's name,
  # switches off the guard of the history and replaces a function.
  pg -c "CREATE FUNCTION rename() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN NEW.name := 'x'; RETURN NEW; END \$\$;
         CREATE TRIGGER asset_rename BEFORE UPDATE ON asset FOR EACH ROW EXECUTE FUNCTION rename();
         ALTER TABLE history DISABLE TRIGGER history_is_append_only_delete;
         CREATE OR REPLACE FUNCTION dc_json_valid(doc text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true'" >/dev/null ||
    { fail "setup: psql"; return; }
  dc audit verify
  expect_status 1
  expect_err "extra trigger asset_rename on asset"
  expect_err "extra function rename()"
  expect_err "trigger history_is_append_only_delete on history differs"
  expect_err "function dc_json_valid(text) differs"
  dc asset edit A-0001 --note 書けない
  expect_status 3
  expect_err "the register's schema was changed outside daicho"
  expect_eq "$(pg -c "SELECT note FROM asset WHERE code = 'A-0001'")" "$(printf 'タブ\tと改行\nと"引用"')" "A-0001's note"
}

# `make demo DB=postgresql` (tests/demo-postgresql.sh, on a cluster of its
# own) shows the three roles at work: the refusals, the history guarded
# from the admin, a copy into a file with the same head hash, and no
# server chatter (NOTICEs) on the terminal.
test_the_postgresql_demo_shows_the_three_roles() {
  out=$(bash "$DAICHO_ROOT/tests/demo-postgresql.sh" "$DAICHO" 2>&1); status=$?
  expect_status 0
  expect_out "updated asset A-0003"
  expect_out "tanaka may not change asset of section zeimu"
  [ "$(grep -c '^(exit 3: refused)$' <<<"$out")" -eq 2 ] || fail "daicho's refusals: $(grep -c '^(exit 3' <<<"$out")"
  [ "$(grep -c 'permission denied for table history' <<<"$out")" -eq 2 ] || fail "the admin's psql on the history"
  expect_out "wrote "
  # The auditor's verify, the copy's, the file's: the last two the same.
  local heads; heads=$(grep '^head hash: ' <<<"$out")
  expect_eq "$(wc -l <<<"$heads")" 3 "head hashes printed"
  expect_eq "$(tail -n 2 <<<"$heads" | sort -u | wc -l)" 1 "the head hash of the copy and of the file"
  [[ $out == *NOTICE* ]] && fail "server notices reached the terminal: $(grep NOTICE <<<"$out" | head -n 2)"
  expect_out "Done;"
}
