#!/usr/bin/env bash
# Runs the test_* functions of one end-to-end test file against the real
# daicho binary ($DAICHO), each in its own subshell with a fresh directory
# and register, and prints "RESULT passed=N failed=N". A failed test prints
# "FAIL name", a skipped one (skip REASON: cannot run here) "SKIP name" and
# counts as passed; with DAICHO_TEST_EACH=1 a passed one prints "ok name"
# (tests/run-tests.sh sets it for the test report).
# With DAICHO_TEST_ENGINE=postgresql (make check DB=postgresql) each test's
# register is a new database on a throw-away cluster (tests/cli/pg-cluster.sh)
# and DAICHO_DB its address; a file whose header says "# engines: sqlite"
# (what it tests exists only for a file) is skipped, as is a test that calls
# `sqlite_only REASON`; one that says "# engines: own" (it starts the servers
# it tests itself) runs as it does with files.
# DAICHO_TEST_ONLY=GLOB runs only the tests whose names match.
#   tests/cli/harness.sh tests/cli/test-x.sh
set -uo pipefail
file=$1
: "${DAICHO:?set DAICHO to the daicho binary}"
: "${DAICHO_ROOT:?set DAICHO_ROOT to the source tree}"
export DAICHO_TODAY=2026-11-22 DAICHO_ACTOR=tester LC_ALL=C.UTF-8
# People read times in local time: the tests are in Japan (tzdata, tools/install-deps.sh --test).
export TZ=Asia/Tokyo
unset DAICHO_DB LANGUAGE  # messages in English unless a test asks (test-messages.sh)

# ---- helpers for the tests ----
# Every check that fails prints why and marks the test failed.
fail() { echo "    $*"; test_failed=1; }
# skip REASON: the test cannot run here (say why); the rest of it still runs
# unless the caller returns. The test report shows it as not run.
skip() { echo "    skipped: $*"; test_skipped=1; }

# dc ARGS...: runs daicho; output in $out, errors in $err, status in $status.
dc() {
  out=$("$DAICHO" "$@" 2>"$TEST_DIR/stderr"); status=$?
  err=$(cat "$TEST_DIR/stderr")
  return 0
}
expect_status() {  # CODE: the last dc call exited CODE
  [ "$status" -eq "$1" ] || fail "expected exit $1, got $status: ${err:-$out}"
}
expect_out() {     # TEXT: stdout contains TEXT
  grep -qF -- "$1" <<<"$out" || fail "stdout lacks '$1': $out"
}
expect_err() {     # TEXT: stderr contains TEXT
  grep -qF -- "$1" <<<"$err" || fail "stderr lacks '$1': $err"
}
expect_eq() {      # ACTUAL EXPECTED [WHAT]
  [ "$1" == "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}
# expect_clean_check REPORT MIN WHAT: REPORT is what a checker printed, its
# last line "checked=N problems=M". The other lines are shown; at least MIN
# WHAT must have been checked (a parser that finds nothing must not pass),
# and none may be wrong.
expect_clean_check() {
  grep -v '^checked=' <<<"$1" | sed 's/^/    /'
  local summary=${1##*$'\n'}
  local n=${summary#checked=}; n=${n%% *}
  [ "${n:-0}" -ge "$2" ] || fail "only ${n:-0} $3 checked"
  expect_eq "${summary#* }" "problems=0" "$3"
}
# at_clock "YYYY-MM-DD HH:MM:SS" CMD...: runs CMD with the system clock set
# there (libfaketime). Under AddressSanitizer the preloaded libfaketime comes
# before the ASan runtime, which ASan refuses unless told the order is fine.
at_clock() {
  command -v faketime >/dev/null || { echo "faketime is not installed (tools/install-deps.sh --test)" >&2; return 127; }
  local when=$1; shift
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" faketime -f "@$when" "$@"
}
# json EXPR: evaluates a Python expression over the last stdout parsed as `d`.
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" <<<"$out"; }
# sql_list SQL [SEPARATOR]: the rows SQL gives, joined with SEPARATOR (a space).
sql_list() { sql "$1" | paste -sd "${2:- }" -; }
# register_state: a digest of everything the register holds, and its history
# row count, to show a refused command changed nothing: the file's bytes
# (after a checkpoint, so that the WAL is in them), or every row of every
# table of the database.
register_state() {
  local digest
  if on_postgresql; then
    # One query: each table's rows as XML, in the order of their text.
    digest=$(psql -X -A -t -c "SELECT md5(string_agg(md5(query_to_xml(format('SELECT * FROM %I x ORDER BY x::text',
                                 tablename), true, false, '')::text), '' ORDER BY tablename))
                               FROM pg_tables WHERE schemaname = current_schema()")
  else
    sqlite3 "$DAICHO_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    digest=$(sha256sum <"$DAICHO_DB" | cut -c1-64)
  fi
  echo "$digest history=$(sql 'SELECT count(*) FROM history')"
}
ENGINE=${DAICHO_TEST_ENGINE:-sqlite}
case $ENGINE in
  sqlite | postgresql) ;;
  *) echo "DAICHO_TEST_ENGINE=$ENGINE: give sqlite or postgresql" >&2; exit 2 ;;
esac
on_postgresql() { [ "$ENGINE" = postgresql ]; }
# Who the history names for the tests' changes: DAICHO_ACTOR in a file, the
# login on a server.
actor() { if on_postgresql; then echo "$PGUSER"; else echo "$DAICHO_ACTOR"; fi; }
# sqlite_only REASON: in a test, says it checks what only a file has; on
# PostgreSQL the test is skipped (the caller returns: `sqlite_only why && return`).
sqlite_only() {
  if on_postgresql; then
    skip "a register in a file only: $*"
  else
    false
  fi
}
# sql SQL: runs SQL on the register behind daicho's back (sqlite3, or psql).
sql() {
  if on_postgresql; then
    psql -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"
  else
    sqlite3 "$DAICHO_DB" "$1"
  fi
}
# An initialised register with the fictional city of fixtures/org loaded:
# built once per file through the daicho command, then copied. Under
# valgrind (make check VALGRIND=1) the setup runs DAICHO_SETUP, the plain
# binary: hundreds of commands that other tests check under valgrind anyway.
CITY_CACHE=$(mktemp -d)
trap 'rm -rf "$CITY_CACHE"' EXIT
SETUP_DAICHO=${DAICHO_SETUP:-$DAICHO}
load_city() { cached_register city build_city; }
build_city() {
  "$SETUP_DAICHO" init --scheme chitose --organisation 架空市 >/dev/null &&
  "$DAICHO_ROOT/fixtures/load.sh" "$SETUP_DAICHO"
}
# A register with the city's organisation but no assets (built once per file).
load_org() { cached_register org build_org; }
build_org() {
  "$SETUP_DAICHO" init --scheme chitose --organisation 架空市 >/dev/null &&
  "$DAICHO_ROOT/fixtures/load.sh" "$SETUP_DAICHO" --org-only
}
# save_register NAME: keeps the register as it is now under NAME, for
# new_register NAME (a file beside the test's, or a database).
save_register() {
  if on_postgresql; then
    psql -X -q -d postgres -c "CREATE DATABASE ${PGDATABASE}_$1 TEMPLATE $PGDATABASE" >/dev/null
  else
    sqlite3 "$DAICHO_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null && cp "$DAICHO_DB" "$TEST_DIR/$1.saved"
  fi
}
# new_register [NAME]: the test's register gone, so that the next command
# starts afresh, or put back as save_register NAME kept it. (new_register
# cache_X on PostgreSQL: a copy of the database cache_X.)
new_register() {
  if on_postgresql; then
    local template=${1:+${PGDATABASE}_$1}
    [[ ${1:-} == cache_* ]] && template=$1
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE WITH (FORCE)" \
      -c "CREATE DATABASE $PGDATABASE${template:+ TEMPLATE $template}" >/dev/null
  else
    rm -f "$DAICHO_DB" "$DAICHO_DB-wal" "$DAICHO_DB-shm" "$DAICHO_DB-journal"
    if [ -n "${1:-}" ]; then cp "$TEST_DIR/$1.saved" "$DAICHO_DB"; fi
  fi
}
# cached_register NAME BUILD...: the test's register as the command BUILD
# makes it (into DAICHO_DB) the first time in a file, then copied: a file, or
# on PostgreSQL a database made with the first as its template.
cached_register() {
  local name=$1
  shift
  if on_postgresql; then
    if [ -n "$(psql -X -A -t -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'cache_$name'")" ]; then
      new_register "cache_$name"
      return
    fi
    new_register && "$@" && psql -X -q -d postgres -c "CREATE DATABASE cache_$name TEMPLATE $PGDATABASE" >/dev/null
    return
  fi
  new_register
  if [ -s "$CITY_CACHE/$name.db" ]; then
    cp "$CITY_CACHE/$name.db" "$DAICHO_DB"
    return
  fi
  "$@" && sqlite3 "$DAICHO_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null &&
  cp "$DAICHO_DB" "$CITY_CACHE/$name.db"
}
if on_postgresql; then
  # shellcheck source=tests/cli/pg-cluster.sh
  . "$DAICHO_ROOT/tests/cli/pg-cluster.sh"
fi

# ---- run ----
source "$file"
passed=0 failed=0
file_only=""
if on_postgresql && grep -q '^# engines: sqlite' "$file"; then
  file_only=1
elif on_postgresql && grep -q '^# engines: own' "$file"; then
  ENGINE=sqlite
fi
for t in $(declare -F | awk '{print $3}' | grep '^test_'); do
  # DAICHO_TEST_ONLY=PATTERN: only the tests whose names match (a glob).
  # shellcheck disable=SC2053
  [[ $t == ${DAICHO_TEST_ONLY:-*} ]] || continue
  TEST_DIR=$(mktemp -d)
  (
    cd "$TEST_DIR" || exit 1
    export DAICHO_DB=$TEST_DIR/register.db
    test_failed=0 test_skipped=0
    if [ -n "$file_only" ]; then
      skip "$(basename "$file") tests a register in a file"
      exit 77
    fi
    if on_postgresql; then
      export PGDATABASE
      PGDATABASE=r_$(md5sum <<<"$t" | cut -c1-20)
      psql -X -q -d postgres -c "CREATE DATABASE $PGDATABASE" >/dev/null || { echo "    setup: a database"; exit 1; }
      export DAICHO_DB="postgresql:///$PGDATABASE?host=$PGHOST&port=$PGPORT"
    fi
    "$t"
    [ "$test_failed" -eq 0 ] && [ "$test_skipped" -ne 0 ] && exit 77
    exit $test_failed
  )
  result=$?
  if [ $result -eq 0 ] || [ $result -eq 77 ]; then
    passed=$((passed + 1))
    if [ $result -eq 77 ]; then echo "SKIP $t"
    elif [ -n "${DAICHO_TEST_EACH:-}" ]; then echo "ok $t"; fi
  else
    echo "FAIL $t"; failed=$((failed + 1))
  fi
  rm -rf "$TEST_DIR"
done
echo "RESULT passed=$passed failed=$failed"
