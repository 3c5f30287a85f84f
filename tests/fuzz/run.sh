#!/bin/sh
# Runs each libFuzzer harness for SECONDS, one after the other.
#   tests/fuzz/run.sh BUILD_DIR SECONDS NAME...
# New inputs go to BUILD_DIR/corpus-NAME (the seeds in tests/fuzz/corpus stay
# as they are); a crash is saved as BUILD_DIR/crash-NAME-* and fails the run.
set -u
build=$1 seconds=$2
shift 2
here=$(dirname "$0")
status=0
for name in "$@"; do
  mkdir -p "$build/corpus-$name"
  echo "== fuzz-$name for ${seconds}s"
  if ! "$build/fuzz-$name" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
       -max_len=262144 -print_final_stats=1 -artifact_prefix="$build/crash-$name-" \
       "$build/corpus-$name" "$here/corpus/$name" >"$build/fuzz-$name.log" 2>&1; then
    echo "!! fuzz-$name failed; see $build/fuzz-$name.log"
    tail -n 40 "$build/fuzz-$name.log"
    status=1
  fi
  grep -E '^stat::number_of_executed_units|^Done ' "$build/fuzz-$name.log" || true
done
exit $status
