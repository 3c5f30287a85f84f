#!/usr/bin/env bash
# Runs every CUnit suite and every end-to-end test file, then prints the
# totals; the last line is "N passed, N failed".
#   tests/run-tests.sh BUILD_DIR DAICHO_BINARY [SUITE...]
# SUITEs (test-history for a CUnit suite, cli/test-tamper.sh for an
# end-to-end file) run only those. With DAICHO_TEST_LOGS=DIR, each suite's
# whole output is kept in DIR, listed in DIR/index.tsv (suite, log, start and
# end in seconds since the epoch, exit status), for the test report
# (tests/cases.py report); the end-to-end files then name every passed test too.
# With DAICHO_TEST_ENGINE=postgresql (make check DB=postgresql), the CUnit
# suites marked "engines: both" and the end-to-end files run on PostgreSQL.
# With VALGRIND=1, the end-to-end tests run daicho under valgrind's memcheck
# (suppressions: tests/valgrind.supp); a process with an error fails the run.
set -uo pipefail
build=$1
export DAICHO=$(realpath "$2")
shift 2
only=" $* "
wanted() { [ "$only" = "  " ] || [[ "$only" == *" $1 "* ]]; }
keep=${DAICHO_TEST_LOGS:-}
if [ -n "$keep" ]; then
  mkdir -p "$keep" && : >"$keep/index.tsv"
  export DAICHO_TEST_EACH=1
fi
here=$(dirname "$(realpath "$0")")
export DAICHO_ROOT=$(dirname "$here")
passed=0 failed=0 broken=() logs=

if [ -n "${VALGRIND:-}" ]; then
  logs=$(realpath "$build")/valgrind
  rm -rf "$logs" && mkdir -p "$logs"
  printf '#!/bin/sh\nexec valgrind --quiet --error-exitcode=99 --leak-check=full %s %s %s "$@"\n' \
    "--show-leak-kinds=definite --errors-for-leak-kinds=definite" \
    "--suppressions=$here/valgrind.supp --log-file=$logs/log.%p" "$DAICHO" >"$logs/daicho"
  chmod +x "$logs/daicho"
  export DAICHO_SETUP=$DAICHO DAICHO=$logs/daicho DAICHO_VALGRIND=1
fi
# Not for the tests: LibreOffice's soffice script runs under valgrind when it is set.
unset VALGRIND

count() {  # NAME LOGFILE STATUS
  local line
  line=$(grep -a '^RESULT passed=' "$2" | tail -n 1)
  if [ -z "$line" ]; then
    echo "!! $1 did not report results (exit $3)"
    failed=$((failed + 1)); broken+=("$1"); return
  fi
  local p f
  p=$(sed 's/.*passed=\([0-9]*\).*/\1/' <<<"$line")
  f=$(sed 's/.*failed=\([0-9]*\).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -gt 0 ] || [ "$3" -ne 0 ]; then
    broken+=("$1")
    [ "$f" -gt 0 ] || { failed=$((failed + 1)); echo "!! $1 exited $3"; }
  fi
}

# run NAME COMMAND...: runs one suite into $log, noting it in DAICHO_TEST_LOGS.
run() {
  local name=$1 start; shift
  start=$(date +%s)
  "$@" >"$log" 2>&1; status=$?
  if [ -n "$keep" ]; then
    local file=${name//\//__}.log
    cp "$log" "$keep/$file"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$file" "$start" "$(date +%s)" "$status" >>"$keep/index.tsv"
  fi
}

log=$(mktemp); trap 'rm -f "$log"' EXIT
for t in "$build"/tests/test-*; do
  [ -x "$t" ] || continue
  wanted "$(basename "$t")" || continue
  echo "== $(basename "$t")"
  # Under DB=postgresql a suite whose source says "engines: both" keeps its
  # registers on one throw-away cluster (tests/cli/pg-cluster.sh) that all
  # such suites share; every other suite keeps them in files.
  if [ "${DAICHO_TEST_ENGINE:-}" = postgresql ] &&
     head -n 3 "$here/unit/$(basename "$t").c" 2>/dev/null | grep -q 'engines: both'; then
    # shellcheck source=tests/cli/pg-cluster.sh
    [ -n "${PG_DIR:-}" ] || . "$here/cli/pg-cluster.sh"
    if [ -s "$PG_DIR/env" ]; then
      run "$(basename "$t")" env DAICHO_TEST_ENGINE=postgresql "$t"
    else
      run "$(basename "$t")" echo "no PostgreSQL cluster for the suite: ${PG_MISSING:-$(cat "$PG_DIR/log")}"
    fi
  else
    run "$(basename "$t")" env -u DAICHO_TEST_ENGINE "$t"
  fi
  grep -a -E '^\s+Test: .*(FAILED|passed)|^RESULT|Assertion|^\s+[0-9]+\. ' "$log" | grep -av 'passed$' || true
  count "$(basename "$t")" "$log" "$status"
done
# The end-to-end files start clusters of their own: the suites' one goes,
# and its PG* variables with it.
if [ -n "${PG_DIR:-}" ]; then
  mapfile -t pg_names < <(sed -n 's/^export \(PG[A-Z_]*\)=.*/\1/p' "$PG_DIR/env" 2>/dev/null)
  pg_stop
  unset "${pg_names[@]}" PG_DIR
  trap 'rm -f "$log"' EXIT
fi
for t in "$here"/cli/test-*.sh; do
  [ -e "$t" ] || continue
  wanted "cli/$(basename "$t")" || continue
  echo "== cli/$(basename "$t")"
  run "cli/$(basename "$t")" bash "$here/cli/harness.sh" "$t"
  grep -a -E '^(FAIL|RESULT)|^    ' "$log" || true
  count "cli/$(basename "$t")" "$log" "$status"
done

if [ -n "$logs" ]; then
  echo "== valgrind: $(ls "$logs" | grep -c '^log\.') processes"
  for log in "$logs"/log.*; do
    [ -s "$log" ] || continue
    echo "!! valgrind found errors ($log):"
    head -n 40 "$log"
    failed=$((failed + 1)) broken+=("valgrind:$(basename "$log")")
  done
fi

[ ${#broken[@]} -eq 0 ] || echo "failing: ${broken[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
