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
  # A free port of its own, so that runs at once on one machine do not both
  # ask for 5432.
  # shellcheck disable=SC2016 # $1 is the inner shell's
  PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') \
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

# Helpers of the files that test the engine.
# on_server: the test's register is a new, empty database on the cluster.
on_server() {
  pg_db && export DAICHO_DB="postgresql:///$PGDATABASE?host=$PGHOST&port=$PGPORT"
}
# ready ARGS...: a daicho command of the set-up, which must succeed.
ready() {
  dc "$@"
  [ "$status" -eq 0 ] || { echo "    daicho $*: $err"; false; }
}

# as LOGIN COMMAND...: a daicho command run as LOGIN (password pw-LOGIN).
as() {
  local login=$1; shift
  DAICHO_DB="$DAICHO_DB&user=$login" PGPASSWORD="pw-$login" dc "$@"
}
# psql_as LOGIN SQL: status of SQL run by LOGIN with psql; its stderr in $err.
psql_as() {
  err=$(PGUSER=$1 PGPASSWORD="pw-$1" psql -X -q -v ON_ERROR_STOP=1 -c "$2" 2>&1 >/dev/null)
}
# logins NAME...: login roles on the cluster (password pw-NAME).
logins() {
  local name sql=""
  for name in "$@"; do
    sql+="DROP ROLE IF EXISTS $name; CREATE ROLE $name LOGIN PASSWORD 'pw-$name';"
  done
  pg -c "SET client_min_messages = warning; $sql" >/dev/null
}

# pg_reload: the cluster has read its configuration files again, and new
# connections see them. The barrier is a new value of a setting no test
# depends on (vacuum_cost_page_dirty: what a dirtied page costs VACUUM).
pg_reload() {
  local mark
  if mark=$(( $(pg -d postgres -c "SHOW vacuum_cost_page_dirty") % 9000 + 1000 )) &&
     pg -d postgres -c "ALTER SYSTEM SET vacuum_cost_page_dirty = $mark" -c "SELECT pg_reload_conf()" >/dev/null; then
    for _ in $(seq 100); do
      [ "$(pg -d postgres -c "SHOW vacuum_cost_page_dirty" 2>/dev/null)" = "$mark" ] && return 0
      sleep 0.05
    done
  fi
  echo "    the cluster did not reload its configuration"
  false
}
# hba_first LINE...: pg_hba.conf has LINEs before the cluster's own lines
# (the first line that matches decides), in force; hba_restore puts the
# cluster's own back.
hba_first() {
  local hba
  hba=$(pg -d postgres -c "SHOW hba_file") &&
  { [ -e "$PG_DIR/hba.orig" ] || cp "$hba" "$PG_DIR/hba.orig"; } &&
  { printf '%s\n' "$@"; cat "$PG_DIR/hba.orig"; } >"$hba" && pg_reload
}
hba_restore() {
  if [ -e "$PG_DIR/hba.orig" ]; then
    cp "$PG_DIR/hba.orig" "$(pg -d postgres -c "SHOW hba_file")" && rm "$PG_DIR/hba.orig" && pg_reload
  fi
}
