# `daicho export ledger` of 100 000 assets (全体, one sheet per section, 集計)
# against a bare libxlsxwriter program writing the same cells: every cell of
# daicho's own workbook, dumped once per daicho build by dump-cells.py.
register=$(bench_register 100000)
"$DAICHO" --db "$register" export ledger -o "$BENCH_TMP/ledger.xlsx" >/dev/null ||
  bench_die "export ledger failed"
cells=$(bench_cached ledger-cells-100000 "$(bench_hash "$register" "$DAICHO")" \
          "$PYTHON" "$BENCH_ROOT/tests/bench/dump-cells.py" "$BENCH_TMP/ledger.xlsx")
daicho=("$DAICHO" --db "$register" export ledger -o "$BENCH_TMP/ledger.xlsx")
baseline=("$BENCH_BIN/xlsx-baseline" "$cells" "$BENCH_TMP/baseline.xlsx")
baseline_name="bare libxlsxwriter program, the same cells (tests/bench/xlsx-baseline.c)"
bench_measure "export ledger, 100 000 assets" --runs 3 --goal-ratio 1.3 --goal-rss-mb 64
