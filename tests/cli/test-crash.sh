# Crash consistency and concurrency: an import killed at any moment leaves
# the register exactly as before or exactly as after it; processes writing
# one register at once all succeed (one waits for the other) and lose nothing.

# What a register holds, canonically: every asset as JSON and the history's length.
canonical() {
  "$DAICHO" asset list --json
  sql 'SELECT count(*) FROM history'
}

# An import of N generated assets (codes A-000001...; seed SEED) into FILE.
assets_csv() {  # N SEED FILE
  python3 "$DAICHO_ROOT/tests/bench/gen-assets.py" "$1" "$2" "$3" || fail "generating $3"
}

now_ms() { date +%s%3N; }

# case: SEC-FAULT-01
test_import_killed_at_100_moments_is_before_or_after() {
  load_org || fail "setup"
  assets_csv 300 7 assets.csv
  save_register pristine || fail "setup"
  before=$(canonical)
  start=$(now_ms)
  "$DAICHO" import assets assets.csv >/dev/null || fail "the import itself failed"
  took=$(($(now_ms) - start))
  after=$(canonical)
  [ "$before" != "$after" ] || fail "the import changed nothing"
  RANDOM=20261122   # the same moments every run
  local befores=0 afters=0 moments=()
  # Under valgrind (make check VALGRIND=1) each run takes seconds: fewer moments.
  for i in $(seq "$([ -n "${DAICHO_VALGRIND:-}" ] && echo 10 || echo 100)"); do
    new_register pristine
    # From the start to past the end: a process started in the background
    # runs slower, and kills after the commit must be seen too.
    delay=$((RANDOM % (took * 3 / 2 + 1)))
    moments+=("$delay")
    "$DAICHO" import assets assets.csv >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if ! on_postgresql; then
      integrity=$(sqlite3 "$DAICHO_DB" 'PRAGMA integrity_check')
      [ "$integrity" == ok ] || { fail "kill at ${delay} ms: integrity_check says $integrity"; break; }
    fi
    "$DAICHO" audit verify >/dev/null 2>&1 || { fail "kill at ${delay} ms: audit verify failed"; break; }
    state=$(canonical)
    if [ "$state" == "$before" ]; then
      befores=$((befores + 1))
    elif [ "$state" == "$after" ]; then
      afters=$((afters + 1))
    else
      fail "kill at ${delay} ms: the register is neither as before nor as after the import"
      break
    fi
  done
  # Both outcomes must have happened, or the kills missed the import.
  [ "$befores" -gt 0 ] && [ "$afters" -gt 0 ] ||
    fail "kills of a ${took} ms import: $befores before, $afters after (moments: ${moments[*]})"
}

# case: SEC-FAULT-02
test_two_imports_at_once_both_succeed() {
  load_org || fail "setup"
  # Under valgrind, small enough that the second waits less than the busy timeout.
  n=$([ -n "${DAICHO_VALGRIND:-}" ] && echo 40 || echo 300)
  assets_csv "$n" 1 first.csv
  # The second file: other codes (B-...), so both can be added.
  assets_csv "$n" 2 second.csv
  sed -i 's/^A-/B-/' second.csv
  history=$(sql 'SELECT count(*) FROM history')
  "$DAICHO" import assets first.csv >first.out 2>&1 &
  one=$!
  "$DAICHO" import assets second.csv >second.out 2>&1 &
  two=$!
  wait "$one" || fail "the first import failed: $(cat first.out)"
  wait "$two" || fail "the second import failed: $(cat second.out)"
  expect_eq "$(sql 'SELECT count(*) FROM asset')" $((2 * n)) "assets"
  expect_eq "$(sql 'SELECT count(*) FROM history')" $((history + 2 * n)) "history entries"
  dc audit verify
  expect_status 0
}

# LOOPS processes each run COMMAND ARGS N times (with $n replaced by the
# run's number); prints the failures.
parallel_loops() {  # LOOPS N COMMAND...
  local loops=$1 n=$2 pids=()
  shift 2
  for l in $(seq "$loops"); do
    (
      for i in $(seq "$n"); do
        "$DAICHO" "${@//\$n/$l-$i}" >/dev/null 2>"err-$l-$i" || echo "run $l-$i: $(cat "err-$l-$i")"
      done
    ) &
    pids+=($!)
  done
  wait "${pids[@]}"
}

# case: SEC-FAULT-02
test_parallel_adds_lose_nothing() {
  load_org || fail "setup"
  history=$(sql 'SELECT count(*) FROM history')
  # Codes assigned by daicho (A-0001, ...): each process must see the others'.
  failures=$(parallel_loops 4 15 asset add --type data --name 'x $n' --c 1 --i 1 --a 1 \
               --section jutaku --post jutaku-kacho)
  [ -z "$failures" ] || fail "adds failed: $failures"
  expect_eq "$(sql 'SELECT count(*), count(DISTINCT code), count(DISTINCT name) FROM asset')" "60|60|60" "assets"
  expect_eq "$(sql 'SELECT count(*) FROM history')" $((history + 60)) "history entries"
  dc audit verify
  expect_status 0
}

# case: SEC-FAULT-02
test_parallel_edits_of_one_asset_lose_no_version() {
  load_org || fail "setup"
  "$DAICHO" asset add --type data --name x --c 1 --i 1 --a 1 --section jutaku --post jutaku-kacho >/dev/null
  failures=$(parallel_loops 3 15 asset edit A-0001 --note 'note $n')
  [ -z "$failures" ] || fail "edits failed: $failures"
  expect_eq "$(sql "SELECT version FROM asset WHERE code = 'A-0001'")" 46 "version after 45 edits"
  expect_eq "$(sql "SELECT count(*) FROM history WHERE entity = 'asset' AND entity_key = 'A-0001'")" 46 \
    "history entries of A-0001"
  dc audit verify
  expect_status 0
}
