# engines: own
# End-to-end tests: how daicho reaches a register on a server. Over TLS only
# when pg_hba.conf says so, never to a server whose certificate names another
# host (sslmode=verify-full), and with a client certificate as the only
# credential when pg_hba.conf asks for one (cert clientcert=verify-full).
# `audit verify` says how the connection was made. The certificates are the
# test's own: a CA made here, the server's for localhost, a client's per
# login, one from another CA, one with another name, one expired.
# Needs PostgreSQL 15 and openssl (tools/install-deps.sh --test).
# Run: DAICHO=$PWD/build/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-pg-tls.sh

# shellcheck source=tests/cli/pg-cluster.sh
. "$DAICHO_ROOT/tests/cli/pg-cluster.sh"

# tls_ca DIR NAME: a certificate authority named NAME in DIR (ca.crt, ca.key,
# and what `openssl ca` keeps), to issue from with tls_cert.
tls_ca() {
  mkdir -p "$1" && : >"$1/index.txt" && echo 1000 >"$1/serial" &&
  cat >"$1/ca.cnf" <<CNF &&
[ca]
default_ca = test_ca
[test_ca]
database = $1/index.txt
new_certs_dir = $1
certificate = $1/ca.crt
private_key = $1/ca.key
serial = $1/serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
[server]
subjectAltName = DNS:localhost
[client]
basicConstraints = CA:false
CNF
  openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 3 \
    -keyout "$1/ca.key" -out "$1/ca.crt" -subj "/CN=$2" 2>/dev/null
}
# tls_cert CA NAME CN server|client [START END]: NAME.crt and NAME.key in the
# folder of CA, issued by it for CN; valid for two days from now, or from
# START to END (YYYYMMDDHHMMSSZ).
tls_cert() {
  local ca=$1 name=$2 valid=(-days 2)
  [ -n "${5:-}" ] && valid=(-startdate "$5" -enddate "$6")
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -subj "/CN=$3" \
    -keyout "$ca/$name.key" -out "$ca/$name.csr" 2>/dev/null && chmod 600 "$ca/$name.key" &&
  openssl ca -batch -notext -config "$ca/ca.cnf" -extensions "$4" "${valid[@]}" \
    -in "$ca/$name.csr" -out "$ca/$name.crt" >/dev/null 2>&1
}
# server_tls CA: the cluster speaks TLS with the certificate CA issued to
# "server", and checks client certificates against CA. tls_off undoes it.
server_tls() {
  local data dir
  data=$(pg -d postgres -c "SHOW data_directory") && dir=$data/daicho-test-tls &&
  mkdir -p "$dir" && cp "$1/server.crt" "$1/server.key" "$1/ca.crt" "$dir/" &&
  chown -R "$(stat -c %U "$data")" "$dir" && chmod 600 "$dir/server.key" &&
  pg -d postgres -c "ALTER SYSTEM SET ssl = on" -c "ALTER SYSTEM SET ssl_cert_file = '$dir/server.crt'" \
     -c "ALTER SYSTEM SET ssl_key_file = '$dir/server.key'" -c "ALTER SYSTEM SET ssl_ca_file = '$dir/ca.crt'" \
     >/dev/null && pg_reload
}
tls_off() {
  hba_restore &&
  pg -d postgres -c "ALTER SYSTEM RESET ssl" -c "ALTER SYSTEM RESET ssl_cert_file" -c "ALTER SYSTEM RESET ssl_key_file" \
     -c "ALTER SYSTEM RESET ssl_ca_file" >/dev/null && pg_reload
}
# entries: how many history entries the register holds.
entries() { pg -c "SELECT count(*) FROM history"; }

# case: SEC-CRYPT-01
test_connections_are_encrypted_and_reach_only_the_named_server() {
  on_server || { fail "setup: a database"; return; }
  local ca=$TEST_DIR/ca
  tls_ca "$ca" "daicho test CA" && tls_cert "$ca" server localhost server && server_tls "$ca" &&
  logins clerk && ready init --scheme chitose && ready user add clerk --role admin &&
  hba_first "hostnossl $PGDATABASE all all reject" "hostssl $PGDATABASE all all scram-sha-256" ||
    { fail "setup: TLS on the cluster, only TLS to the register"; tls_off; return; }
  local plain=$DAICHO_DB verified="$DAICHO_DB&sslmode=verify-full&sslrootcert=$ca/ca.crt"
  DAICHO_DB=$verified as clerk section add s1 --name 住宅課
  expect_status 0
  expect_eq "$(pg -c "SELECT actor FROM history ORDER BY seq DESC LIMIT 1")" clerk "the actor of the change"
  # What daicho says of its connection is what the server says of it.
  DAICHO_DB=$verified as clerk audit verify
  expect_status 0
  local server
  server=$(PGUSER=clerk PGPASSWORD=pw-clerk PGSSLMODE=verify-full PGSSLROOTCERT=$ca/ca.crt \
           pg -c "SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
  expect_eq "${server%%|*}" t "the server's view of a connection (pg_stat_ssl)"
  server=${server#t|}
  expect_out "connection: encrypted with ${server%%|*} (${server#*|}), sslmode=verify-full: the server's certificate and host name were checked"
  DAICHO_DB=$verified as clerk audit verify --json
  expect_eq "$(json "d['connection']['encrypted'], d['connection']['sslmode']")" "True verify-full" "the connection in JSON"
  # libpq's default encrypts when the server can, but checks nothing: said.
  DAICHO_DB=$plain as clerk audit verify
  expect_out "sslmode=prefer: the server's certificate was NOT checked"
  local before; before=$(entries)
  # The server refuses a connection without TLS.
  DAICHO_DB="$plain&sslmode=disable" as clerk section add s2 --name 税務課
  expect_status 5
  expect_err "rejects connection"
  expect_err "no encryption"
  # A server whose certificate names another host is not talked to.
  DAICHO_DB="postgresql:///$PGDATABASE?host=127.0.0.1&port=$PGPORT&sslmode=verify-full&sslrootcert=$ca/ca.crt" \
    as clerk section add s2 --name 税務課
  expect_status 5
  expect_err 'server certificate for "localhost"'
  expect_err 'does not match host name "127.0.0.1"'
  expect_eq "$(entries)" "$before" "history entries after the refused connections"
  tls_off || fail "the cluster's own configuration put back"
}

# case: SEC-AUTH-02
test_only_the_right_client_certificate_lets_a_login_in() {
  on_server || { fail "setup: a database"; return; }
  local ca=$TEST_DIR/ca other=$TEST_DIR/other
  tls_ca "$ca" "daicho test CA" && tls_cert "$ca" server localhost server &&
  tls_cert "$ca" right certclerk client && tls_cert "$ca" renamed someone client &&
  tls_cert "$ca" expired certclerk client 20200101000000Z 20200102000000Z &&
  tls_ca "$other" "another CA" && tls_cert "$other" stranger certclerk client &&
  server_tls "$ca" && logins certclerk && ready init --scheme chitose && ready user add certclerk --role admin &&
  hba_first "hostnossl $PGDATABASE certclerk all reject" "hostssl $PGDATABASE certclerk all cert clientcert=verify-full" ||
    { fail "setup: certificates, TLS on the cluster, only certificates to the register"; tls_off; return; }
  local base=$DAICHO_DB
  # with_cert DIR NAME COMMAND...: a daicho command as certclerk, with no
  # password and the certificate NAME of DIR.
  with_cert() {
    local dir=$1 name=$2; shift 2
    DAICHO_DB="$base&user=certclerk&sslmode=verify-full&sslrootcert=$ca/ca.crt&sslcert=$dir/$name.crt&sslkey=$dir/$name.key" \
      PGPASSWORD= dc "$@"
  }
  with_cert "$ca" right section add s1 --name 住宅課
  expect_status 0
  expect_eq "$(pg -c "SELECT actor FROM history ORDER BY seq DESC LIMIT 1")" certclerk "the actor of the change"
  local before; before=$(entries)
  # No certificate, another CA's, another name's, an expired one: each
  # refused with its reason ("DIR|NAME|REASON").
  local refusal dir name why
  for refusal in "$TEST_DIR|none|connection requires a valid client certificate" \
                 "$other|stranger|unknown ca" \
                 "$ca|renamed|certificate authentication failed for user \"certclerk\"" \
                 "$ca|expired|certificate expired"; do
    IFS='|' read -r dir name why <<<"$refusal"
    with_cert "$dir" "$name" section add s2 --name 税務課
    expect_status 5
    expect_err "$why"
  done
  expect_eq "$(entries)" "$before" "history entries after the refused connections"
  tls_off || fail "the cluster's own configuration put back"
}
