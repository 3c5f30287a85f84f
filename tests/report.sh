#!/usr/bin/env bash
# `make test-report`: runs the test files that carry the test plan's case IDs
# (tests/cases.py files) and writes 試験成績書 (Markdown and xlsx) into
# BUILD/test-report/, with every test's output kept in BUILD/test-report/logs/.
# Prints the reports' SHA-256 (also in BUILD/test-report/SHA256SUMS). Exits 1
# when a case failed or a test file did not run cleanly; the reports are
# written all the same and say so.
#   tests/report.sh BUILD_DIR DAICHO_BINARY
set -uo pipefail
build=$1 daicho=$2
here=$(dirname "$(realpath "$0")")
root=$(dirname "$here")
out=$(realpath -m "$build/test-report")
# The xlsx needs openpyxl: Debian's python3 has it (tools/install-deps.sh python3-openpyxl).
python=/usr/bin/python3
[ -x "$python" ] || python=python3

rm -rf "$out" && mkdir -p "$out/logs" || exit 2
mapfile -t suites < <(python3 "$here/cases.py" files "$root")
# The commit the tests run on, taken before they run.
commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo "（git の外で実行）")
[ -z "$(git -C "$root" status --porcelain 2>/dev/null)" ] || commit="$commit（未コミットの変更あり）"
start=$(date +%s)
DAICHO_TEST_LOGS=$out/logs "$here/run-tests.sh" "$build" "$daicho" "${suites[@]}" | tee "$out/logs/run.txt"
status=${PIPESTATUS[0]}
end=$(date +%s)
totals=$(tail -n 1 "$out/logs/run.txt")
printf '{"start": %s, "end": %s, "status": %s, "totals": "%s", "daicho": "%s", "commit": "%s"}\n' \
  "$start" "$end" "$status" "$totals" "$(realpath "$daicho")" "$commit" >"$out/logs/meta.json"

"$python" "$here/cases.py" report "$root" "$out/logs" "$out"; verdict=$?
[ -s "$out/試験成績書.md" ] && [ -s "$out/試験成績書.xlsx" ] || { echo "the report was not written" >&2; exit 2; }
(cd "$out" && sha256sum 試験成績書.md 試験成績書.xlsx >SHA256SUMS)
echo "試験成績書 written to $out:"
sed 's/^/  sha256 /' "$out/SHA256SUMS"
[ "$status" -eq 0 ] && [ "$verdict" -eq 0 ]
