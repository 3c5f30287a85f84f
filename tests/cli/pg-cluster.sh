# A throw-away PostgreSQL 15 cluster for one end-to-end test file, sourced
# by the files that test the PostgreSQL engine (test-pg-schema.sh,
# test-postgresql.sh). Started once when the harness reads the file, dropped
# when the harness exits; pg_db gives each test a new database.

# pg_virtualenv runs a command with a new cluster and drops the cluster when
# the command ends: the command here writes the PG* variables it was given and
# waits until the harness exits.
# Sourced once: the harness starts it for every file under DB=postgresql,
# and the files that test the engine source it too.
if [ -z "${PG_DIR:-}" ]; then
PG_DIR=$(mktemp -d)
PG_PID=""
PG_MISSING=""
if ! command -v pg_virtualenv >/dev/null || ! command -v psql >/dev/null ||
   [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  PG_MISSING="PostgreSQL 15 is not installed: install postgresql-15 and postgresql-common (tools/install-deps.sh --test)"
else
  # -t: a cluster in a temporary directory even as root, so that two runs at
  # once do not both make /etc/postgresql/15/regress.
  # shellcheck disable=SC2016 # $1 is the inner shell's
  pg_virtualenv -t -v 15 sh -c 'export -p | grep "^export PG" >"$1/env.part" && mv "$1/env.part" "$1/env" &&
                                while [ ! -e "$1/stop" ]; do sleep 0.2; done' sh "$PG_DIR" >"$PG_DIR/log" 2>&1 </dev/null &
  PG_PID=$!
  for _ in $(seq 600); do
    [ -s "$PG_DIR/env" ] || ! kill -0 "$PG_PID" 2>/dev/null && break
    sleep 0.1
  done
  # shellcheck disable=SC1091
  [ -s "$PG_DIR/env" ] && . "$PG_DIR/env"
fi
pg_stop() {
  touch "$PG_DIR/stop"
  [ -n "$PG_PID" ] && wait "$PG_PID" 2>/dev/null
  rm -rf "$PG_DIR"
}
# The harness's own EXIT trap (its city cache) runs after the cluster is gone.
harness_exit=$(trap -p EXIT)
harness_exit=${harness_exit#"trap -- "}
harness_exit=${harness_exit%" EXIT"}
eval "harness_exit=${harness_exit:-''}"
# shellcheck disable=SC2064
trap "pg_stop; $harness_exit" EXIT

fi

# pg_db [SUFFIX [OPTIONS]]: a new empty database for the calling test (its
# name, then SUFFIX; CREATE DATABASE OPTIONS), the one psql now uses.
pg_db() {
  if [ -n "$PG_MISSING" ]; then
    echo "    $PG_MISSING"
    return 1
  fi
  if [ ! -s "$PG_DIR/env" ]; then
    echo "    the throw-away PostgreSQL cluster did not start (pg_virtualenv -t -v 15):"
    sed 's/^/      /' "$PG_DIR/log"
    return 1
  fi
  local name f
  for f in "${FUNCNAME[@]}"; do
    [[ $f == test_* ]] && name=$f && break
  done
  name=${name:-${PG_TEST_NAME:?pg_db outside a test}}${1:-}
  psql -X -q -d postgres -c "CREATE DATABASE $name ${2:-}" >/dev/null && export PGDATABASE=$name
}
# pg SQL...: runs SQL in the test's database, stopping at the first error.
pg() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
