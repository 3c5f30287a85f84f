#!/usr/bin/env bash
# `make demo DB=postgresql`: one register of the fictional city 架空市 on a
# PostgreSQL server, used by three people with logins of their own. The
# admin loads the city and gives the others their roles; the editor of 住宅課
# changes its assets and is refused another section's, in daicho and in psql;
# the auditor reads, verifies and exports but changes nothing; nobody, the
# admin included, can rewrite the history, which names each login. Every
# command is printed before it runs. The server is a throw-away PostgreSQL 15
# cluster on this machine (pg_virtualenv), dropped at the end.
#   tests/demo-postgresql.sh DAICHO_BINARY
set -uo pipefail
daicho=$(realpath "$1")
root=$(dirname "$(dirname "$(realpath "$0")")")
work=$(mktemp -d -t daicho-demo-XXXXXX)
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/cli/pg-cluster.sh
. "$root/tests/cli/pg-cluster.sh"
if [ ! -s "$PG_DIR/env" ]; then
  echo "no PostgreSQL cluster: ${PG_MISSING:-$(cat "$PG_DIR/log")}" >&2
  exit 1
fi
# On a server the history's actor is the login; DAICHO_ACTOR is refused there.
unset DAICHO_ACTOR
export DAICHO_DB=postgresql:///kasoushi

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
die() { echo "demo: $*" >&2; exit 1; }
# run ARGS: daicho as the cluster's superuser (the database's owner).
run() { printf '$ daicho %s\n' "$*"; "$daicho" "$@"; }
# as_login LOGIN ARGS: daicho as LOGIN (its password from PGPASSWORD, as ~/.pgpass would give it).
as_login() {
  local login=$1; shift
  printf '[%s] $ daicho %s\n' "$login" "$*"
  DAICHO_DB="$DAICHO_DB?user=$login" PGPASSWORD="pw-$login" "$daicho" "$@"
}
# psql_login LOGIN SQL: the same login with psql instead of daicho.
psql_login() {
  printf '[%s] $ psql -c "%s"\n' "$1" "$2"
  PGUSER=$1 PGPASSWORD="pw-$1" psql -X -q -d kasoushi -c "$2"
}
refused() { printf '(exit %s: refused)\n' "$1"; }

step "A new database and three logins on the server (the server's own work: createdb, CREATE ROLE)"
printf '$ psql -c "CREATE DATABASE kasoushi" -c "CREATE ROLE sato LOGIN …" (sato, tanaka, suzuki)\n'
psql -X -q -d postgres -c "CREATE DATABASE kasoushi" \
  -c "CREATE ROLE sato LOGIN PASSWORD 'pw-sato'" -c "CREATE ROLE tanaka LOGIN PASSWORD 'pw-tanaka'" \
  -c "CREATE ROLE suzuki LOGIN PASSWORD 'pw-suzuki'" || die "the database and logins"

step "The register: created by the database's owner, who loads the city and gives the roles"
run init --scheme chitose --organisation 架空市 || die "init"
printf '$ fixtures/load.sh   (sections, persons, posts and holders, systems, 60 assets)\n'
"$root/fixtures/load.sh" "$daicho" || die "loading the city"
run user add sato --role admin
run user add tanaka --role editor --section jutaku
run user add suzuki --role auditor
run user list

step "tanaka, editor of 住宅課, changes a 住宅課 asset"
as_login tanaka asset edit A-0003 --c 4 --note "滞納者の個人情報を含むため極秘に変更"
as_login tanaka history --asset A-0003 | tail -n 3

step "...but not 税務課's, neither through daicho nor with psql: the server refuses"
as_login tanaka asset edit A-0030 --note "住宅課から書き換え" || refused $?
psql_login tanaka "UPDATE asset SET note = 'psql から' WHERE code = 'A-0030'" || refused $?

step "suzuki, auditor, reads everything, verifies and exports, and changes nothing"
as_login suzuki asset list --section zeimu
as_login suzuki asset edit A-0001 --note "監査人から" || refused $?
as_login suzuki audit verify
as_login suzuki audit export -o "$work/監査資料"

step "sato, admin, does everything daicho does, but cannot rewrite the history either"
as_login sato section edit jutaku --name 住宅管理課
psql_login sato "DELETE FROM history WHERE entity = 'asset'" || refused $?
psql_login sato "UPDATE history SET actor = 'someone' WHERE seq = 1" || refused $?
as_login sato history --entity user

step "The whole register, history included, copied into a file: the same head hash"
run copy "$work/kasoushi.db"
"$daicho" --db "$work/kasoushi.db" --actor demo audit verify

printf '\nDone; the throw-away cluster and files are removed.\n'
