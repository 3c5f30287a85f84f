# Helpers for the benchmark cases (tests/bench/case-*.sh), sourced by run.sh.
#
# A case prepares its data with bench_register / bench_csv / bench_xlsx /
# bench_cached (built once under $BENCH_DATA, keyed by what they are made
# from), then sets the arrays `daicho` and, when there is one, `baseline`
# (with `baseline_name`) and calls bench_measure NAME [GOALS].
#
# Set by run.sh: DAICHO (the binary), BENCH_BIN (measure and the baseline
# programs), BENCH_DATA (cached inputs), BENCH_TMP (outputs of one run),
# BENCH_RUNS (timed runs per side), BENCH_RESULTS (JSON lines), BENCH_ROOT.

PYTHON=/usr/bin/python3   # Debian's, with python3-openpyxl and python3-pandas
export DAICHO_TODAY=2026-11-22 DAICHO_ACTOR=bench LC_ALL=C.UTF-8
unset DAICHO_DB

bench_die() { echo "bench: $*" >&2; exit 1; }

# A short hash of files' contents (and extra words): cache keys.
bench_hash() {
  { cat "$@" 2>/dev/null; } | sha1sum | cut -c1-12
}

# bench_cached NAME KEY COMMAND...: $BENCH_DATA/NAME with KEY before its
# extension (assets-100.KEY.xlsx), made once by COMMAND with the path as its
# last argument (written under a temporary name, so a failed or interrupted
# build leaves nothing); prints the path.
bench_cached() {
  local name=$1 key=$2
  shift 2
  local path=$BENCH_DATA/${name%.*}.$key${name##"${name%.*}"}
  if [ ! -e "$path" ]; then
    echo "  preparing $name (once; kept in $BENCH_DATA)" >&2
    rm -rf "$path.tmp"
    "$@" "$path.tmp" >&2 || bench_die "preparing $name failed"
    mv "$path.tmp" "$path"
  fi
  echo "$path"
}

_bench_gen_csv() { "$PYTHON" "$BENCH_ROOT/tests/bench/gen-assets.py" "$1" "$2" "$3"; }

# bench_csv N: N synthetic assets of the fictional city as CSV (seed 1).
bench_csv() {
  bench_cached "assets-$1.csv" "$(bench_hash "$BENCH_ROOT/tests/bench/gen-assets.py")" \
    _bench_gen_csv "$1" 1
}

_bench_make_xlsx() {  # CSV OUT: the CSV saved by LibreOffice Calc as xlsx
  local dir
  dir=$(mktemp -d)
  # A profile of its own: another soffice running would take the job.
  soffice -env:UserInstallation="file://$dir/profile" --headless \
    --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$dir" "$1" >/dev/null 2>&1
  mv "$dir/$(basename "${1%.csv}").xlsx" "$2" && rm -rf "$dir"
}

# bench_xlsx N: the same assets as an xlsx that LibreOffice Calc wrote
# (shared strings, numbers as numbers: what offices send).
bench_xlsx() {
  local csv
  csv=$(bench_csv "$1")
  cp "$csv" "$BENCH_TMP/assets-$1.csv"
  bench_cached "assets-$1.xlsx" "$(bench_hash "$csv")" _bench_make_xlsx "$BENCH_TMP/assets-$1.csv"
}

# bench_org: a register with the fictional city's organisation, no assets.
bench_org() {
  bench_cached org.db \
    "$(bench_hash "$BENCH_ROOT"/fixtures/org/*.tsv "$BENCH_ROOT"/schema/migrations/*.sql)" \
    _bench_make_org
}
_bench_make_org() {
  DAICHO_DB=$1 "$DAICHO" init --scheme chitose --organisation 架空市 >/dev/null &&
  DAICHO_DB=$1 "$BENCH_ROOT/fixtures/load.sh" "$DAICHO" --org-only &&
  sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
}

_bench_make_register() {  # CSV OUT: the organisation and the assets of CSV
  cp "$(bench_org)" "$2" &&
  DAICHO_DB=$2 "$DAICHO" import assets "$1" >/dev/null &&
  sqlite3 "$2" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
}

# bench_register N: a register with the city and N generated assets, built
# through `daicho import assets` (the first time takes a while for 100 000).
bench_register() {
  local csv
  csv=$(bench_csv "$1")
  bench_cached "register-$1.db" \
    "$(bench_hash "$csv" "$BENCH_ROOT"/fixtures/org/*.tsv "$BENCH_ROOT"/schema/migrations/*.sql)" \
    _bench_make_register "$csv"
}

# Runs one side once: "MS KB" on stdout; stops the case if it fails.
# bench_stocktake_data N: the generated export, ID register and roster of a
# stocktake of N accounts (tests/bench/gen-stocktake.py, seed 1): a folder.
bench_stocktake_data() {
  bench_cached "stocktake-$1" "$(bench_hash "$BENCH_ROOT/tests/bench/gen-stocktake.py")" \
    "$PYTHON" "$BENCH_ROOT/tests/bench/gen-stocktake.py" "$1" 1
}
_bench_make_stocktake_register() {  # DATA OUT
  cp "$(bench_org)" "$2" &&
  DAICHO_DB=$2 "$DAICHO" staff import "$1/roster.csv" --date 2026-11-01 >/dev/null &&
  DAICHO_DB=$2 "$DAICHO" id import "$1/ids.csv" --system jutaku-sys >/dev/null &&
  sqlite3 "$2" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
}
# bench_stocktake_register N: the city with the roster and the ID register of
# bench_stocktake_data N, imported through daicho (minutes the first time).
bench_stocktake_register() {
  local data
  data=$(bench_stocktake_data "$1")
  bench_cached "stocktake-$1.db" \
    "$(bench_hash "$data/ids.csv" "$data/roster.csv" "$BENCH_ROOT"/schema/migrations/*.sql)" \
    _bench_make_stocktake_register "$data"
}

_bench_run() {  # daicho|baseline
  local -n command=$1
  "$BENCH_BIN/measure" -e "$BENCH_TMP/$1.stderr" -- "${command[@]}" ||
    bench_die "$1 failed: ${command[*]}: $(tail -n 5 "$BENCH_TMP/$1.stderr")"
}

# bench_measure NAME [--runs N] [--goal-ms MS] [--goal-ratio R]
#                    [--goal-speedup S] [--goal-rss-mb MB]
# Times the command in the array `daicho` and, when set, the one in
# `baseline`, alternately, after one untimed run of each (page cache; not
# for a single run: such a case takes minutes, the cache matters little).
# Goals: ratio = daicho time / baseline time (at most R); speedup =
# baseline time / daicho time (at least S); ms and rss-mb are daicho's.
bench_measure() {
  local name=$1 runs=$BENCH_RUNS goals=()
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --runs) runs=$2 ;;
      --goal-*) goals+=("${1#--goal-}=$2") ;;
      *) bench_die "bench_measure: unknown option $1" ;;
    esac
    shift 2
  done
  local has_baseline=0
  [ "${#baseline[@]}" -gt 0 ] && has_baseline=1
  echo "== $name" >&2
  if [ "$runs" -gt 1 ]; then
    _bench_run daicho >/dev/null
    [ $has_baseline = 1 ] && _bench_run baseline >/dev/null
  fi
  : >"$BENCH_TMP/daicho.times"
  : >"$BENCH_TMP/baseline.times"
  for ((i = 0; i < runs; i++)); do
    _bench_run daicho >>"$BENCH_TMP/daicho.times"
    [ $has_baseline = 1 ] && _bench_run baseline >>"$BENCH_TMP/baseline.times"
  done
  local args=(--name "$name" --daicho-times "$BENCH_TMP/daicho.times"
              --daicho-command "${daicho[*]}")
  [ $has_baseline = 1 ] && args+=(--baseline-times "$BENCH_TMP/baseline.times"
                                  --baseline-command "${baseline[*]}"
                                  --baseline-name "${baseline_name:-baseline}")
  for goal in "${goals[@]}"; do args+=(--goal "$goal"); done
  "$PYTHON" "$BENCH_ROOT/tests/bench/stats.py" "${args[@]}" >>"$BENCH_RESULTS" ||
    bench_die "stats failed"
  tail -n 1 "$BENCH_RESULTS" | "$PYTHON" "$BENCH_ROOT/tests/bench/report.py" --line
}
