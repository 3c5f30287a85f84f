#!/usr/bin/env bash
# Runs every CUnit suite and every end-to-end test file, then prints the
# totals; the last line is "N passed, N failed".
#   tests/run-tests.sh BUILD_DIR DAICHO_BINARY
set -uo pipefail
build=$1
export DAICHO=$(realpath "$2")
here=$(dirname "$(realpath "$0")")
export DAICHO_ROOT=$(dirname "$here")
passed=0 failed=0 broken=()

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

log=$(mktemp); trap 'rm -f "$log"' EXIT
for t in "$build"/tests/test-*; do
  [ -x "$t" ] || continue
  echo "== $(basename "$t")"
  "$t" >"$log" 2>&1; status=$?
  grep -a -E '^\s+Test: .*(FAILED|passed)|^RESULT|Assertion|^\s+[0-9]+\. ' "$log" | grep -av 'passed$' || true
  count "$(basename "$t")" "$log" "$status"
done
for t in "$here"/cli/test-*.sh; do
  [ -e "$t" ] || continue
  echo "== cli/$(basename "$t")"
  bash "$here/cli/harness.sh" "$t" >"$log" 2>&1; status=$?
  grep -a -E '^(FAIL|RESULT)|^    ' "$log" || true
  count "cli/$(basename "$t")" "$log" "$status"
done

[ ${#broken[@]} -eq 0 ] || echo "failing: ${broken[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
