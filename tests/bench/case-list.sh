# `daicho asset list --json` on a register of 10 000 assets (output to
# /dev/null): the whole process, start to exit.
register=$(bench_register 10000)
daicho=("$DAICHO" --db "$register" asset list --json)
baseline=()
bench_measure "asset list --json, 10 000 assets" --runs 15 --goal-ms 30
