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

# on_server: the test's register is a new, empty database on the cluster.
on_server() {
  pg_db && export DAICHO_DB="postgresql:///$PGDATABASE?host=$PGHOST&port=$PGPORT"
}
# ready ARGS...: a daicho command of the set-up, which must succeed.
ready() {
  dc "$@"
  [ "$status" -eq 0 ] || { echo "    daicho $*: $err"; false; }
}

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
  expect_out "not checked on a PostgreSQL server yet: the schema itself"
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
  expect_status 5
  expect_err "holds no daicho register"
}

test_backup_and_restore_say_what_to_use_instead() {
  on_server || { fail "setup: a database"; return; }
  ready init --scheme chitose || { fail "setup: init"; return; }
  dc backup -o "$TEST_DIR/copy.db"
  expect_status 3
  expect_err "pg_dump"
  [ ! -e "$TEST_DIR/copy.db" ] || fail "a copy was written"
}

# The fictional city of fixtures/ loaded through daicho, then the year's work:
# risk assessment, the staff roster, an ID register and its stocktake with
# decisions, a duty done; the chain still verifies.
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

