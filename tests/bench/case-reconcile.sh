# The yearly ID stocktake on a million accounts: `daicho reconcile` of a
# 1 000 000-row export (UTF-8 CSV, generic profile) against an ID register of
# 1 000 000 entries and a roster of about 980 000 persons, with about 2 % of
# the accounts showing each kind of finding (260 000 findings), stored as a
# run. Baseline: the same comparison with pandas on the same files
# (tests/bench/reconcile-pandas.py), which prints the same counts.
#
# The register is built once through the daicho command (staff import and id
# import of the generated CSVs: a few minutes the first time). Every timed run
# adds a run to it, as a real stocktake does.
n=1000000
data=$(bench_stocktake_data "$n")
register=$(bench_stocktake_register "$n")
cp "$register" "$BENCH_TMP/stocktake.db"

# Exit 1 is the expected outcome (findings); anything else fails the case.
daicho=(sh -c '"$@"; [ $? -eq 1 ]' sh "$DAICHO" --db "$BENCH_TMP/stocktake.db" reconcile
        --system jutaku-sys "$data/export.csv" --as-of 2026-11-22 --json)
baseline=("$PYTHON" "$BENCH_ROOT/tests/bench/reconcile-pandas.py" "$data/export.csv" "$data/ids.csv"
          "$data/roster.csv" 2026-11-22 90)
baseline_name="pandas $("$PYTHON" -c 'import pandas; print(pandas.__version__)'): the same joins and checks (tests/bench/reconcile-pandas.py)"
bench_measure "reconcile 1 000 000 accounts against 1 000 000 register entries" --runs 3 --goal-ms 1000
