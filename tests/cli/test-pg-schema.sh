# engines: own
# End-to-end tests: the register's schema in PostgreSQL's dialect
# (schema/postgresql/0008_register.sql) is the schema SQLite reaches through
# schema/migrations: it loads into an empty database in one transaction,
# tests/cli/pg-schema-compare.py finds no difference with a register made by
# `daicho init`, and its triggers and CHECKs refuse what SQLite's refuse, with
# the same messages.
# Needs PostgreSQL 15 (tools/install-deps.sh --test installs it): one
# throw-away cluster made by pg_virtualenv serves the whole file, a new
# database each test.
# Run: DAICHO=$PWD/build/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-pg-schema.sh

PG_SCHEMA=$DAICHO_ROOT/schema/postgresql/0008_register.sql
COMPARE=$DAICHO_ROOT/tests/cli/pg-schema-compare.py

# shellcheck source=tests/cli/pg-cluster.sh
. "$DAICHO_ROOT/tests/cli/pg-cluster.sh"
pg_load_schema() { pg --single-transaction -f "$PG_SCHEMA" >/dev/null; }

# pg_copy_rows REGISTER: every row of the SQLite register copied into the
# PostgreSQL tables, parents first (COPY text format).
pg_copy_rows() {
  python3 - "$1" <<'PY' | pg --single-transaction -f - >/dev/null
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = [t for (t,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'"
                                   " AND name NOT LIKE 'sqlite%' ORDER BY name")
          if db.execute('SELECT count(*) FROM "%s"' % t).fetchone()[0]]
parents = {t: {p for (p,) in db.execute("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)", (t,))
               if p != t and p in tables} for t in tables}
done = []
while len(done) < len(tables):
    ready = [t for t in tables if t not in done and parents[t] <= set(done)]
    if not ready:
        sys.exit("the tables refer to each other: %s" % sorted(set(tables) - set(done)))
    done += ready
def field(v):
    if v is None:
        return "\\N"
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
for t in done:
    cur = db.execute('SELECT * FROM "%s"' % t)
    print("COPY %s (%s) FROM STDIN;" % (t, ", ".join(d[0] for d in cur.description)))
    for row in cur:
        print("\t".join(field(v) for v in row))
    print("\\.")
PY
}

# Rows both engines get on top of a new register, in SQL both accept: a
# section, a post, an asset with the lowest level of each property, a system,
# an assessment run with one line.
SETUP_ROWS="
INSERT INTO section (code, name) VALUES ('s1', '総務課');
INSERT INTO post (code, name, section_id) VALUES ('p1', '総務課長', (SELECT id FROM section WHERE code = 's1'));
INSERT INTO asset (code, type, name, c_level_id, i_level_id, a_level_id, section_id, post_id, created_on, updated_on)
VALUES ('A-T1', (SELECT code FROM asset_type WHERE position = 1), '台帳',
        (SELECT id FROM level WHERE property = 'C' AND rank = 1), (SELECT id FROM level WHERE property = 'I' AND rank = 1),
        (SELECT id FROM level WHERE property = 'A' AND rank = 1), (SELECT id FROM section WHERE code = 's1'),
        (SELECT id FROM post WHERE code = 'p1'), '2026-11-22', '2026-11-22');
INSERT INTO system (code, name, admin_post_id) VALUES ('sys1', '財務会計', (SELECT id FROM post WHERE code = 'p1'));
INSERT INTO risk_run (id, run_on, fiscal_year, scope, actor, scheme, method, method_definition, catalogue,
                      catalogue_version, catalogue_sha256, counts, items)
VALUES (1, '2026-11-22', 2026, '', 'tester', 'chitose', 'ipa', '', 'standard', '1', '00', '{}', 1);
INSERT INTO risk_run_item (run_id, seq, risk, data) VALUES (1, 1, 'A-T1/T01', '{\"likelihood\": 2}');
"
# The same register in both engines: $DAICHO_DB made by `daicho init`, its
# rows copied into the test's PostgreSQL database, and SETUP_ROWS in both.
# (both_registers [CREATE DATABASE OPTIONS])
both_registers() {
  "$DAICHO" init --scheme chitose --organisation 架空市 >/dev/null &&
    pg_db "" "${1:-}" && pg_load_schema && pg_copy_rows "$DAICHO_DB" &&
    sqlite3 "$DAICHO_DB" "PRAGMA foreign_keys = ON; $SETUP_ROWS" && pg -c "$SETUP_ROWS" >/dev/null
}
# refused_by_both TRIGGER MESSAGE SQLITE-SQL [PG-SQL]: both engines refuse the
# statement (PG-SQL if given, else the same) with MESSAGE.
refused_by_both() {
  local trigger=$1 message=$2 lite=$3 pgsql=${4:-$3} e
  e=$(sqlite3 "$DAICHO_DB" "PRAGMA foreign_keys = ON; $lite" 2>&1) &&
    fail "$trigger: sqlite accepted: $lite"
  grep -qF -- "$message" <<<"$e" || fail "$trigger: sqlite: expected '$message', got: $e"
  e=$(pg -c "$pgsql" 2>&1) && fail "$trigger: postgresql accepted: $pgsql"
  e=$(sed -n 's/^ERROR:  //p' <<<"$e")
  expect_eq "$e" "$message" "$trigger: postgresql's message"
}

test_the_file_loads_into_an_empty_database() {
  pg_db || { fail "setup: a PostgreSQL database"; return; }
  local e
  e=$(pg --single-transaction -f "$PG_SCHEMA" 2>&1) || fail "psql --single-transaction -f $PG_SCHEMA: $e"
  expect_eq "$(pg -c "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")" \
    "$(cat "$DAICHO_ROOT"/schema/migrations/0*.sql - <<<"SELECT count(*) FROM sqlite_schema WHERE type = 'table';" |
       sqlite3 ":memory:")" "tables"
  # The engine makes roles, grants, row-level security and the version marks.
  local found
  found=$(grep -inE '^[[:space:]]*(CREATE|ALTER|DROP)[[:space:]]+(DATABASE|ROLE|USER|POLICY)|^[[:space:]]*(GRANT|REVOKE)[[:space:]]|ROW LEVEL SECURITY|COMMENT ON' "$PG_SCHEMA")
  expect_eq "$found" "" "statements that are the engine's"
  head -n 1 "$PG_SCHEMA" | grep -q 'schema version 8, in PostgreSQL' || fail "first line: $(head -n 1 "$PG_SCHEMA")"
  # The engine sends the file as one string (one PQexec): no psql command in it.
  pg_db _one_string || { fail "setup: a second database"; return; }
  e=$(pg -c "$(cat "$PG_SCHEMA")" 2>&1) || fail "the file as one statement string: $e"
  expect_eq "$(pg -c "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")" 10 "triggers"
  # A database in another encoding than UTF8 is refused, and nothing is made.
  pg_db _latin1 "ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" ||
    { fail "setup: a LATIN1 database"; return; }
  e=$(pg --single-transaction -f "$PG_SCHEMA" 2>&1) && fail "loaded into a LATIN1 database"
  grep -q '^psql:.*ERROR:  the register needs a UTF8 database, not LATIN1$' <<<"$e" || fail "LATIN1: $e"
  expect_eq "$(pg -c "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")" 0 "tables in LATIN1"
}

test_no_difference_with_a_new_sqlite_register() {
  dc init --scheme chitose
  expect_status 0
  { pg_db && pg_load_schema; } || { fail "setup: the schema in PostgreSQL"; return; }
  local out status
  out=$(python3 "$COMPARE" "$DAICHO_DB"); status=$?
  expect_eq "$status" 0 "pg-schema-compare.py's exit status (differences: $out)"
  grep -q '^no difference: 30 tables, 13 indexes, 8 triggers$' <<<"$out" || fail "pg-schema-compare.py: $out"
}

test_compare_finds_a_dropped_column_and_a_missing_trigger() {
  dc init --scheme chitose
  expect_status 0
  pg_db || { fail "setup: a PostgreSQL database"; return; }
  # The file without section.hr_code (and its index) and without one trigger.
  sed -e 's/^  head_post_id bigint,$/  head_post_id bigint/' -e '/^  hr_code  *text COLLATE "C"$/d' \
      -e '/section_hr_code/d' -e '/^CREATE TRIGGER system_code_has_no_slash/,+1d' "$PG_SCHEMA" >broken.sql
  pg --single-transaction -f broken.sql >/dev/null || { fail "setup: the broken file does not load"; return; }
  local out status
  out=$(python3 "$COMPARE" "$DAICHO_DB"); status=$?
  expect_eq "$status" 1 "pg-schema-compare.py's exit status"
  grep -qx 'table section: column hr_code missing in postgresql' <<<"$out" || fail "no column line: $out"
  grep -q '^index section_hr_code missing in postgresql' <<<"$out" || fail "no index line: $out"
  grep -q '^trigger system_code_has_no_slash missing in postgresql' <<<"$out" || fail "no trigger line: $out"
  grep -qx '3 differences' <<<"$out" || fail "not 3 differences: $out"
}

test_rows_of_a_new_register_load_into_postgresql() {
  # A database whose own collation is Japanese (when the locale exists,
  # tools/install-deps.sh --test makes it): the columns' COLLATE "C" decides.
  local collation=""
  locale -a 2>/dev/null | grep -qix 'ja_JP.utf-\{0,1\}8' &&
    collation="TEMPLATE template0 LC_COLLATE 'ja_JP.UTF-8' LC_CTYPE 'ja_JP.UTF-8'"
  both_registers "$collation" || { fail "setup: the register in both engines"; return; }
  local table count
  for table in scheme property level level_definition asset_type setting history asset risk_run_item; do
    count=$(sqlite3 "$DAICHO_DB" "SELECT count(*) FROM $table")
    [ "$count" -gt 0 ] || fail "test setup: $table is empty"
    expect_eq "$(pg -c "SELECT count(*) FROM $table")" "$count" "rows of $table"
  done
  # Text is ordered bytewise, as SQLite's BINARY does, whatever the locale.
  pg -c "INSERT INTO setting (key, value) VALUES ('a', '1'), ('B', '2'), ('_', '3'), ('あ', '4'), ('Z', '5'), ('ｱ', '6'), ('Ａ', '7'), ('１', '8'), ('ア', '9')" ||
    fail "setup: settings"
  sqlite3 "$DAICHO_DB" "INSERT INTO setting (key, value) VALUES ('a', '1'), ('B', '2'), ('_', '3'), ('あ', '4'), ('Z', '5'), ('ｱ', '6'), ('Ａ', '7'), ('１', '8'), ('ア', '9')" ||
    fail "setup: settings"
  expect_eq "$(pg -c "SELECT string_agg(key, ' ' ORDER BY key) FROM setting")" \
    "$(sqlite3 "$DAICHO_DB" "SELECT group_concat(key, ' ') FROM (SELECT key FROM setting ORDER BY key)")" "order of keys"
  expect_eq "$(pg -c "SELECT count(*) FROM setting WHERE key > 'Z' AND key < 'a'")" 1 "keys between Z and a"
  if [ -n "$collation" ]; then  # the check can tell: the database's collation orders otherwise
    [ "$(pg -c "SELECT string_agg(key COLLATE \"default\", ' ' ORDER BY key COLLATE \"default\") FROM setting")" != \
      "$(pg -c "SELECT string_agg(key, ' ' ORDER BY key) FROM setting")" ] || fail "test setup: ja_JP orders bytewise"
  fi
}

test_every_trigger_refuses_what_sqlite_refuses() {
  both_registers || { fail "setup: the register in both engines"; return; }
  local i_level; i_level="(SELECT id FROM level WHERE property = 'I' AND rank = 1)"
  local asset; asset="(SELECT id FROM asset WHERE code = 'A-T1')"
  refused_by_both asset_levels_match_property_insert 'asset level does not belong to its property' \
    "INSERT INTO asset (code, type, name, c_level_id, i_level_id, a_level_id, section_id, post_id, created_on, updated_on)
     SELECT 'A-T2', type, name, $i_level, i_level_id, a_level_id, section_id, post_id, created_on, updated_on
     FROM asset WHERE code = 'A-T1'"
  refused_by_both asset_levels_match_property_update 'asset level does not belong to its property' \
    "UPDATE asset SET c_level_id = $i_level WHERE code = 'A-T1'"
  refused_by_both history_is_append_only_update 'history rows cannot be changed' \
    "UPDATE history SET actor = 'mallory' WHERE seq = 1"
  refused_by_both history_is_append_only_delete 'history rows cannot be deleted' \
    "DELETE FROM history WHERE seq = (SELECT max(seq) FROM history)"
  refused_by_both history_is_append_only_truncate 'history rows cannot be deleted' \
    "DELETE FROM history" "TRUNCATE history"
  refused_by_both system_code_has_no_slash 'a system code cannot contain "/"' \
    "INSERT INTO system (code, name, admin_post_id) VALUES ('sys/2', '人事給与', (SELECT id FROM post WHERE code = 'p1'))"
  refused_by_both risk_override_level_matches_property 'override level does not belong to its property' \
    "INSERT INTO risk_override (asset_id, property, level_id, effect, reason, set_on)
     VALUES ($asset, 'C', $i_level, 'other', '集約', '2026-11-22')"
  refused_by_both risk_run_item_is_append_only_update 'the lines of an assessment run cannot be changed' \
    "UPDATE risk_run_item SET data = '{}' WHERE run_id = 1"
  refused_by_both risk_run_item_is_append_only_delete 'the lines of an assessment run cannot be deleted' \
    "DELETE FROM risk_run_item WHERE run_id = 1"
  refused_by_both risk_run_item_is_append_only_truncate 'the lines of an assessment run cannot be deleted' \
    "DELETE FROM risk_run_item" "TRUNCATE risk_run_item"
  # Every trigger of either engine has its refusal above.
  local tested; tested=$(declare -f "${FUNCNAME[0]}" | grep -o 'refused_by_both [a-z_]*' | cut -d' ' -f2 | sort)
  local name
  for name in $(sqlite3 "$DAICHO_DB" "SELECT name FROM sqlite_schema WHERE type = 'trigger'") \
              $(pg -c "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"); do
    grep -qx "$name" <<<"$tested" || fail "trigger $name: no statement it refuses is tested"
  done
  # What the triggers let through: a right level, a new system, history added.
  local ok="UPDATE asset SET c_level_id = (SELECT id FROM level WHERE property = 'C' AND rank = 2) WHERE code = 'A-T1';
            INSERT INTO system (code, name, admin_post_id) VALUES ('sys2', '人事給与', (SELECT id FROM post WHERE code = 'p1'));
            INSERT INTO risk_override (asset_id, property, level_id, effect, reason, set_on)
            VALUES ($asset, 'I', $i_level, 'other', '集約', '2026-11-22');"
  sqlite3 "$DAICHO_DB" "PRAGMA foreign_keys = ON; $ok" || fail "sqlite refused: $ok"
  pg -c "$ok" >/dev/null || fail "postgresql refused: $ok"
  # The rows the refusals aimed at are as they were.
  local probe="SELECT count(*) FROM history; SELECT data FROM risk_run_item; SELECT count(*) FROM system;"
  expect_eq "$(pg -c "$probe")" "$(sqlite3 "$DAICHO_DB" "$probe")" "rows after the refusals"
}

test_triggers_find_their_tables_from_another_search_path() {
  pg_db || { fail "setup: a PostgreSQL database"; return; }
  # The register in schema reg, used from sessions whose search_path is only public.
  pg -c "CREATE SCHEMA reg" || { fail "setup: schema reg"; return; }
  PGOPTIONS="-c search_path=reg" pg_load_schema || { fail "setup: the schema in reg"; return; }
  pg -c "INSERT INTO reg.property (code, name) VALUES ('C', 'c'), ('I', 'i'), ('A', 'a');
         INSERT INTO reg.level (id, property, label, rank, name, value) VALUES (1, 'C', '1', 1, 'c', 1),
                (2, 'I', '1', 1, 'i', 1), (3, 'A', '1', 1, 'a', 1);
         INSERT INTO reg.asset_type (code, position, name) VALUES ('data', 1, 'データ');
         INSERT INTO reg.section (code, name) VALUES ('s1', '総務課');
         INSERT INTO reg.post (code, name) VALUES ('p1', '総務課長');" || { fail "setup: rows"; return; }
  local asset="INSERT INTO reg.asset (code, type, name, c_level_id, i_level_id, a_level_id, section_id, post_id,
                                      created_on, updated_on)
               VALUES ('A-1', 'data', '台帳', %s, 2, 3, 1, 1, '2026-11-22', '2026-11-22')"
  local e
  # shellcheck disable=SC2059
  e=$(PGOPTIONS="-c search_path=public" pg -c "$(printf "$asset" 1)" 2>&1) || fail "a right asset refused: $e"
  # shellcheck disable=SC2059
  e=$(PGOPTIONS="-c search_path=public" pg -c "$(printf "$asset" 2)" 2>&1) && fail "a wrong level accepted"
  expect_eq "$(sed -n 's/^ERROR:  //p' <<<"$e")" 'asset level does not belong to its property' "message"
  e=$(PGOPTIONS="-c search_path=public" pg -c "INSERT INTO reg.risk_run_item VALUES (1, 1, 'x', '[')" 2>&1) &&
    fail "invalid JSON accepted"
  grep -q 'violates check constraint "risk_run_item_data_check"' <<<"$e" ||
    fail "risk_run_item: $e"
}

test_invalid_json_is_refused_as_sqlite_refuses_it() {
  both_registers || { fail "setup: the register in both engines"; return; }
  # dc_json_valid agrees with SQLite's json_valid, NULL aside (true: a CHECK passes on NULL).
  local cases out_pg out_lite
  cases=$(python3 - <<'PY'
cases = ['', '[]', '1', '"x"', 'null', ' [1] ', '[1,]', "{'a':1}", 'NaN', 'Infinity', '"\\ud800"',
         '"\\u0000"', '01', '1.', '.5', '-0', '1e999', '[1] x', '"\\ta"', '"\ta"', '"a\nb"', '{"a":1,"a":2}',
         '"\\x"', '[1]/**/', '0x10', '{"a":[1,{"b":null}]}', '{"a"}', '[', '"あ"', 'true', 'True']
print(",".join("(%d, '%s')" % (i, c.replace("'", "''")) for i, c in enumerate(cases)))
PY
)
  out_lite=$(sqlite3 "$DAICHO_DB" "WITH c(i, x) AS (VALUES $cases) SELECT i || ':' || json_valid(x) FROM c ORDER BY i")
  out_pg=$(pg -c "WITH c(i, x) AS (VALUES $cases) SELECT i || ':' || dc_json_valid(x)::int FROM c ORDER BY i")
  expect_eq "$out_pg" "$out_lite" "json_valid of the cases (number:valid)"
  expect_eq "$(pg -c "SELECT dc_json_valid(NULL)")" t "dc_json_valid(NULL)"
  # Each CHECKed column refuses invalid JSON and takes valid JSON, in both engines.
  local sys="(SELECT id FROM system WHERE code = 'sys1')" stmt
  local bad=(
    "INSERT INTO risk_run_item (run_id, seq, risk, data) VALUES (1, 2, 'A-T1/T02', '{\"a\":')"
    "UPDATE risk_run SET counts = '{' WHERE id = 1"
    "INSERT INTO id_entry (entry_key, system_id, login_id, login_key, privileges, created_on, updated_on)
     VALUES ('sys1/u1', $sys, 'u1', 'u1', '[admin]', '2026-11-22', '2026-11-22')"
    "INSERT INTO id_entry (entry_key, system_id, login_id, login_key, shared_users, created_on, updated_on)
     VALUES ('sys1/u1', $sys, 'u1', 'u1', '[\"a\",]', '2026-11-22', '2026-11-22')"
    "INSERT INTO reconcile_run (id, system_id, export_file, export_sha256, export_rows, register_entries, profile,
                                profile_sha256, as_of, dormant_days, operator, run_at, counts, notes)
     VALUES (1, $sys, 'x.csv', '00', 0, 0, 'generic', '00', '2026-11-22', 90, 'tester', '2026-11-22', '{}', 'note')"
    "INSERT INTO reconcile_run (id, system_id, export_file, export_sha256, export_rows, register_entries, profile,
                                profile_sha256, as_of, dormant_days, operator, run_at, counts)
     VALUES (1, $sys, 'x.csv', '00', 0, 0, 'generic', '00', '2026-11-22', 90, 'tester', '2026-11-22', '')"
  )
  for stmt in "${bad[@]}"; do
    sqlite3 "$DAICHO_DB" "$stmt" 2>/dev/null && fail "sqlite accepted: $stmt"
    local e; e=$(pg -c "$stmt" 2>&1) && fail "postgresql accepted: $stmt"
    grep -q '^ERROR:  new row for relation "[a-z_]*" violates check constraint' <<<"$e" || fail "postgresql: $e"
  done
  local good="INSERT INTO risk_run_item (run_id, seq, risk, data) VALUES (1, 2, 'A-T1/T02', '{\"a\": [1, \"x\"]}');
              INSERT INTO id_entry (entry_key, system_id, login_id, login_key, privileges, shared_users,
                                    created_on, updated_on)
              VALUES ('sys1/u1', $sys, 'u1', 'u1', '[\"admin\"]', '[]', '2026-11-22', '2026-11-22');"
  sqlite3 "$DAICHO_DB" "$good" || fail "sqlite refused: $good"
  pg -c "$good" >/dev/null || fail "postgresql refused: $good"
}
