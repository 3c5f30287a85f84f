#!/usr/bin/env bash
# Runs the test_* functions of one end-to-end test file against the real
# daicho binary ($DAICHO), each in its own subshell with a fresh directory
# and register, and prints "RESULT passed=N failed=N". A failed test prints
# "FAIL name", a skipped one (skip REASON: cannot run here) "SKIP name" and
# counts as passed; with DAICHO_TEST_EACH=1 a passed one prints "ok name"
# (tests/run-tests.sh sets it for the test report).
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
# The register's row count in history, straight from SQLite.
sql() { sqlite3 "$DAICHO_DB" "$1"; }
# An initialised register with the fictional city of fixtures/org loaded:
# built once per file through the daicho command, then copied. Under
# valgrind (make check VALGRIND=1) the setup runs DAICHO_SETUP, the plain
# binary: hundreds of commands that other tests check under valgrind anyway.
CITY_CACHE=$(mktemp -d)
trap 'rm -rf "$CITY_CACHE"' EXIT
SETUP_DAICHO=${DAICHO_SETUP:-$DAICHO}
load_city() {
  if [ -s "$CITY_CACHE/city.db" ]; then
    cp "$CITY_CACHE/city.db" "$DAICHO_DB"
    return
  fi
  "$SETUP_DAICHO" init --scheme chitose --organisation 架空市 >/dev/null &&
  "$DAICHO_ROOT/fixtures/load.sh" "$SETUP_DAICHO" &&
  sqlite3 "$DAICHO_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null &&
  cp "$DAICHO_DB" "$CITY_CACHE/city.db"
}
# A register with the city's organisation but no assets (built once per file).
load_org() {
  if [ -s "$CITY_CACHE/org.db" ]; then
    cp "$CITY_CACHE/org.db" "$DAICHO_DB"
    return
  fi
  "$SETUP_DAICHO" init --scheme chitose --organisation 架空市 >/dev/null &&
  "$DAICHO_ROOT/fixtures/load.sh" "$SETUP_DAICHO" --org-only &&
  sqlite3 "$DAICHO_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null &&
  cp "$DAICHO_DB" "$CITY_CACHE/org.db"
}

# ---- run ----
source "$file"
passed=0 failed=0
for t in $(declare -F | awk '{print $3}' | grep '^test_'); do
  TEST_DIR=$(mktemp -d)
  (
    cd "$TEST_DIR" || exit 1
    export DAICHO_DB=$TEST_DIR/register.db
    test_failed=0 test_skipped=0
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
