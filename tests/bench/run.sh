#!/usr/bin/env bash
# Runs the benchmark cases (tests/bench/case-NAME.sh, each in a subshell of
# its own), then writes BUILD/bench/results.json and results.txt with the
# machine they ran on. Exits 1 when a goal was missed.
#   tests/bench/run.sh BUILD_DIR DAICHO [NAME...]    (default: every case)
# BENCH_RUNS=N sets the timed runs per side (default 5; a case may set fewer).
set -uo pipefail
build=$1 daicho=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
export BENCH_ROOT=$(dirname "$(dirname "$here")")
export DAICHO=$(realpath "$daicho")
export BENCH_BIN=$(realpath "$build")/bench
export BENCH_DATA=$BENCH_BIN/data BENCH_RUNS=${BENCH_RUNS:-5}
export BENCH_RESULTS=$BENCH_BIN/results.jsonl
mkdir -p "$BENCH_DATA"
: >"$BENCH_RESULTS"
export BENCH_TMP=$(mktemp -d)
trap 'rm -rf "$BENCH_TMP"' EXIT

load_at_start=$(cut -d' ' -f1 /proc/loadavg)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(ls "$here"/case-*.sh | sed 's/.*case-\(.*\)\.sh/\1/'))
status=0
for name in "${names[@]}"; do
  [ -f "$here/case-$name.sh" ] || { echo "bench: no case $name" >&2; status=2; continue; }
  ( source "$here/lib.sh" && source "$here/case-$name.sh" ) || status=1
  echo
done

/usr/bin/python3 - "$BENCH_BIN/machine.json" "$load_at_start" <<'PY'
import json, os, platform, subprocess, sys, time
def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
mem_kb = int(open("/proc/meminfo").read().split("MemTotal:")[1].split()[0])
machine = {
    "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    "nproc": int(sh("nproc")),
    "cpu": sh("lscpu | sed -n 's/^Model name: *//p'"),
    "ram_gb": round(mem_kb / 1024 / 1024, 1),
    "debian": sh("cat /etc/debian_version"),
    "kernel": platform.release(),
    "daicho": sh("git -C %s describe --always --dirty" % os.environ["BENCH_ROOT"]),
    "sqlite": sh("sqlite3 --version | cut -d' ' -f1"),
    "libxlsxwriter": sh("dpkg-query -W -f='${Version}' libxlsxwriter-dev"),
    "libxml2": sh("dpkg-query -W -f='${Version}' libxml2-dev"),
    "openpyxl": sh("/usr/bin/python3 -c 'import openpyxl; print(openpyxl.__version__)'"),
    "load_at_start": float(sys.argv[2]),
    "load_at_end": os.getloadavg()[0],
}
json.dump(machine, open(sys.argv[1], "w"), ensure_ascii=False)
PY
/usr/bin/python3 "$here/report.py" "$BENCH_RESULTS" "$BENCH_BIN/machine.json" \
  "$BENCH_BIN/results.json" "$BENCH_BIN/results.txt" || status=1
echo "results: $BENCH_BIN/results.txt and results.json"
exit $status
