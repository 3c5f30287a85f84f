# Reading a 100 000-row xlsx that LibreOffice Calc saved (16 columns, shared
# strings), against openpyxl in read-only mode reading the same file:
#   1. daicho's reader alone (lib/readers/dc-table through tests/bench/table-read.c);
#   2. `daicho import assets --dry-run`: reading plus every check of every row,
#      adding each asset with its history entry, then rolling back.
xlsx=$(bench_xlsx 100000)
org=$(bench_org)
baseline=("$PYTHON" "$BENCH_ROOT/tests/bench/openpyxl-read.py" "$xlsx")
baseline_name="openpyxl $("$PYTHON" -c 'import openpyxl; print(openpyxl.__version__)') read-only, values of every row"

daicho=("$BENCH_BIN/table-read" "$xlsx")
bench_measure "read a 100 000-row xlsx (dc-table)" --runs 3 --goal-speedup 10

daicho=("$DAICHO" --db "$org" import assets --dry-run "$xlsx")
bench_measure "import assets --dry-run, 100 000-row xlsx" --runs 1
