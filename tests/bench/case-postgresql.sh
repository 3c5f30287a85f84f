# The same work on a register on a PostgreSQL server and in a file, side by
# side in the same run: the file is the baseline, the goals are the server's
# time over the file's (import ≤ 2×, asset list ≤ 1.5×, reconcile ≤ 1.5×).
# The server is a throw-away PostgreSQL 15 cluster on this machine
# (tests/cli/pg-cluster.sh, fsync off as pg_virtualenv makes it), reached over
# TCP on localhost; each register is put there with `daicho copy`.
trap - EXIT   # run.sh's own trap is not this subshell's to run
# shellcheck source=tests/cli/pg-cluster.sh
. "$BENCH_ROOT/tests/cli/pg-cluster.sh"
[ -s "$PG_DIR/env" ] || bench_die "no PostgreSQL cluster: ${PG_MISSING:-$(cat "$PG_DIR/log")}"
# On a server the actor is the login: DAICHO_ACTOR would be refused.
server=(env -u DAICHO_ACTOR "$DAICHO" --db)
# copy_onto_server FILE NAME: the register FILE copied into a new database NAME; its address.
copy_onto_server() {
  psql -X -q -d postgres -c "CREATE DATABASE $2" >/dev/null &&
  "${server[@]}" "$1" copy "postgresql:///$2" >/dev/null || bench_die "copying $1 onto the server failed"
  echo "postgresql:///$2"
}
baseline_name="the same command on the register in a file (SQLite)"

csv=$(bench_csv 10000)
org=$(bench_org)
org_server=$(copy_onto_server "$org" bench_org)
daicho=("${server[@]}" "$org_server" import assets --dry-run "$csv")
baseline=("$DAICHO" --db "$org" import assets --dry-run "$csv")
bench_measure "PostgreSQL: import assets --dry-run, 10 000 rows of CSV" --runs 3 --goal-ratio 2

register=$(bench_register 10000)
list_server=$(copy_onto_server "$register" bench_list)
daicho=("${server[@]}" "$list_server" asset list --json)
baseline=("$DAICHO" --db "$register" asset list --json)
bench_measure "PostgreSQL: asset list --json, 10 000 assets" --runs 7 --goal-ratio 1.5

n=200000
data=$(bench_stocktake_data "$n")
cp "$(bench_stocktake_register "$n")" "$BENCH_TMP/stocktake.db"
stocktake_server=$(copy_onto_server "$BENCH_TMP/stocktake.db" bench_stocktake)
# Exit 1 is the expected outcome (findings); anything else fails the case.
reconcile=(reconcile --system jutaku-sys "$data/export.csv" --as-of 2026-11-22 --json)
daicho=(sh -c '"$@"; [ $? -eq 1 ]' sh "${server[@]}" "$stocktake_server" "${reconcile[@]}")
baseline=(sh -c '"$@"; [ $? -eq 1 ]' sh "$DAICHO" --db "$BENCH_TMP/stocktake.db" "${reconcile[@]}")
bench_measure "PostgreSQL: reconcile 200 000 accounts against 200 000 register entries" --runs 3 --goal-ratio 1.5
