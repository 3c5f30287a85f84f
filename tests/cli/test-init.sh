# End-to-end tests: creating a register (init), its classification scheme,
# where the register lives (--db, DAICHO_DB), and the top-level command line.
# Run: DAICHO=$PWD/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-init.sh

# The last `scheme show --json` in one block (one python3 run):
#   name / level counts "C I A" / "C: label name,..." for C, I and A /
#   value rule / handling mark@threshold / type codes
scheme_summary() {
  json '"\n".join([d["name"], " ".join(str(len(d["properties"][p]["levels"])) for p in "CIA")]
    + [p + ": " + ",".join(l["label"] + " " + l["name"] for l in d["properties"][p]["levels"]) for p in "CIA"]
    + [d["value_rule"], d["handling_mark"] + "@" + d["handling_threshold"], ",".join(t["code"] for t in d["types"])])'
}
history_rows() { sql 'SELECT count(*) FROM history'; }
# The highest migration number shipped in schema/migrations (0002_x.sql → 2).
newest_migration() {
  local last
  last=$(ls "$DAICHO_ROOT/schema/migrations" | grep -E '^[0-9]+_.*\.sql$' | sort | tail -n 1)
  echo $((10#${last%%_*}))
}

test_init_chitose_scheme_show_json() {
  dc init --scheme chitose --organisation 架空市
  expect_status 0
  expect_out "levels C 4, I 3, A 3"
  on_postgresql || [ -f "$DAICHO_DB" ] || fail "init did not create $DAICHO_DB"
  dc scheme show --json
  expect_status 0
  expect_eq "$(scheme_summary)" "chitose
4 3 3
C: 1 一般,2 庁外秘,3 課外秘,4 極秘
I: 1 低,2 中,3 高
A: 1 低,2 中,3 高
max
取扱注意@3
data,document,infrastructure,hardware,software" "chitose scheme"
  expect_eq "$(sql "SELECT value FROM setting WHERE key = 'organisation'")" 架空市 "organisation"
  # The text form names the levels too.
  dc scheme show
  expect_status 0
  expect_out "4 極秘"
}

test_init_soumu_scheme_show_json() {
  dc init --scheme soumu
  expect_status 0
  dc scheme show --json
  expect_status 0
  expect_eq "$(scheme_summary | sed -n 1,5p)" "soumu
3 2 2
C: 1 機密性1,2 機密性2,3 機密性3
I: 1 完全性1,2 完全性2
A: 1 可用性1,2 可用性2" "soumu scheme"
}

test_init_ipa_scheme_show_json() {
  dc init --scheme ipa
  expect_status 0
  dc scheme show --json
  expect_status 0
  expect_eq "$(scheme_summary | sed -n 1,5p)" "ipa
3 3 3
C: 1 公開,2 社外秘,3 秘密
I: 1 低,2 中,3 高
A: 1 低,2 中,3 高" "ipa scheme"
}

test_scheme_presets_lists_the_three() {
  dc scheme presets --json
  expect_status 0
  expect_eq "$(json '",".join(sorted(p["name"] for p in d))')" "chitose,ipa,soumu" "presets"
  # --preset shows a preset without any register.
  dc scheme show --preset soumu --json
  expect_status 0
  expect_eq "$(scheme_summary | sed -n 1,2p)" "soumu
3 2 2" "soumu via --preset"
  [ ! -e "$DAICHO_DB" ] || fail "scheme show --preset created a register"
}

test_init_custom_scheme_file_then_2B_and_system() {
  dc init --scheme "$DAICHO_ROOT/fixtures/schemes/custom-2b.ini"
  expect_status 0
  dc scheme show --json
  expect_status 0
  expect_eq "$(scheme_summary)" "custom-2b
4 2 2
C: 1 機密性1,2A 機密性2A,2B 機密性2B,3 機密性3
I: 1 完全性1,2 完全性2
A: 1 可用性1,2 可用性2
sum
秘@2B
data,document,system" "custom-2b scheme"
  dc section add s1 --name 住宅課
  expect_status 0
  dc post add p1 --name 住宅課長 --section s1
  expect_status 0
  dc asset add X-1 --type system --name 住宅管理システム --c 2B --i 2 --a 1 --section s1 --post p1
  expect_status 0
  expect_eq "$(sql "SELECT a.type || ' ' || l.label FROM asset a JOIN level l ON l.id = a.c_level_id WHERE a.code = 'X-1'")" \
    "system 2B" "stored type and C label"
  # A preset's type that this scheme lacks is refused.
  dc asset add X-2 --type software --name ソフト --c 1 --i 1 --a 1 --section s1 --post p1
  expect_status 3
  expect_err "system"
}

# case: SEC-ACCESS-01
test_register_file_is_mode_600() {
  sqlite_only "the mode of the register file" && return
  umask 000  # even a permissive umask must not open the register up
  dc init --scheme chitose
  expect_status 0
  expect_eq "$(stat -c %a "$DAICHO_DB")" 600 "register file mode"
  dc section add s1 --name 総務課
  expect_status 0
  expect_eq "$(stat -c %a "$DAICHO_DB")" 600 "register file mode after a change"
}

test_second_init_is_a_conflict() {
  dc init --scheme chitose
  expect_status 0
  local before; before=$(history_rows)
  dc init --scheme soumu --organisation 別の市
  expect_status 4
  expect_err "initialised"
  dc scheme show --json
  expect_eq "$(json 'd["name"]')" chitose "scheme after a refused second init"
  expect_eq "$(history_rows)" "$before" "history rows after a refused second init"
  expect_eq "$(sql "SELECT count(*) FROM setting WHERE key = 'organisation'")" 0 "organisation set by a refused init"
  dc init --scheme chitose
  expect_status 4
}

test_unknown_scheme_name_lists_presets() {
  dc init --scheme nosuch
  expect_status 3
  expect_err "nosuch"
  expect_err "chitose"
  expect_err "soumu"
  expect_err "ipa"
  [ ! -e "$DAICHO_DB" ] || fail "a register was created for an unknown scheme"
}

test_malformed_scheme_file_names_file_and_group() {
  # chitose without its [level C 4] group (C still lists 1;2;3;4).
  awk '/^\[/ { skip = ($0 == "[level C 4]") } !skip' \
    "$DAICHO_ROOT/schema/schemes/chitose.ini" >"$TEST_DIR/broken.ini"
  grep -q '^levels = 1;2;3;4' "$TEST_DIR/broken.ini" || fail "test setup: C levels line missing"
  ! grep -q '^\[level C 4\]' "$TEST_DIR/broken.ini" || fail "test setup: group still there"
  dc init --scheme "$TEST_DIR/broken.ini"
  expect_status 3
  expect_err "broken.ini"
  expect_err "level C 4"
  # No usable register: the scheme cannot be shown and assets cannot be added.
  dc scheme show
  [ "$status" -ne 0 ] || fail "scheme show succeeded after a failed init: $out"
  dc asset add --type data --name x --c 1 --i 1 --a 1 --section s --post p
  [ "$status" -ne 0 ] || fail "asset add succeeded after a failed init: $out"
  if [ -e "$DAICHO_DB" ]; then
    expect_eq "$(sql 'SELECT count(*) FROM scheme')" 0 "scheme rows after a failed init"
  fi
}

test_scheme_file_with_bad_threshold_is_refused() {
  sed 's/^handling_threshold = 3$/handling_threshold = 9/' \
    "$DAICHO_ROOT/schema/schemes/chitose.ini" >"$TEST_DIR/threshold.ini"
  grep -q '^handling_threshold = 9' "$TEST_DIR/threshold.ini" || fail "test setup: sed did nothing"
  dc init --scheme "$TEST_DIR/threshold.ini"
  expect_status 3
  expect_err "threshold.ini"
  expect_err "handling_threshold"
}

test_missing_register_says_run_init() {
  local cmd
  for cmd in "asset list" "scheme show" "history" "audit verify" "section add s --name x"; do
    # shellcheck disable=SC2086
    dc $cmd
    expect_status 3
    expect_err "daicho init"
  done
  if on_postgresql; then
    expect_eq "$(sql "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")" 0 \
      "tables made in the empty database by commands on it"
  else
    [ ! -e "$DAICHO_DB" ] || fail "a command on a missing register created it"
  fi
}

test_db_option_before_and_after_command() {
  local a=$TEST_DIR/a.db
  dc --db "$a" init --scheme ipa
  expect_status 0
  [ -f "$a" ] || fail "--db before the command did not create $a"
  [ ! -e "$DAICHO_DB" ] || fail "--db was ignored: $DAICHO_DB was created"
  dc --db="$a" scheme show --json
  expect_status 0
  expect_eq "$(json 'd["name"]')" ipa "scheme via --db=PATH before the command"
  dc scheme show --json --db "$a"
  expect_status 0
  expect_eq "$(json 'd["name"]')" ipa "scheme via --db after the command"
}

test_daicho_db_environment_and_precedence() {
  local a=$TEST_DIR/a.db b=$TEST_DIR/b.db
  DAICHO_DB=$b dc init --scheme soumu
  expect_status 0
  [ -f "$b" ] || fail "DAICHO_DB was ignored by init"
  dc --db "$a" init --scheme ipa
  expect_status 0
  DAICHO_DB=$b dc scheme show --json
  expect_eq "$(json 'd["name"]')" soumu "scheme via DAICHO_DB"
  DAICHO_DB=$b dc --db "$a" scheme show --json
  expect_eq "$(json 'd["name"]')" ipa "--db must win over DAICHO_DB"
  # Neither: ./daicho.db in the current directory.
  DAICHO_DB= dc init --scheme chitose
  expect_status 0
  [ -f "$TEST_DIR/daicho.db" ] || fail "without --db or DAICHO_DB the register is not ./daicho.db"
}

test_version() {
  dc --version
  expect_status 0
  grep -qE '^daicho [0-9]+\.[0-9]+\.[0-9]+' <<<"$out" || fail "unexpected --version output: $out"
  expect_out "register schema $(newest_migration)"
}

test_unknown_command_is_a_usage_error() {
  dc frobnicate
  expect_status 2
  expect_err "unknown command 'frobnicate'"
  grep -qF 'daicho :' <<<"$err" && fail "stray space after 'daicho': $err"
  dc asset frobnicate
  expect_status 2
  expect_err "unknown command 'frobnicate'"
  dc asset add --no-such-option
  expect_status 2
  dc --help
  expect_status 0
  expect_out "asset"
  # The usage line names the program once, with single spaces.
  expect_out "Usage: daicho COMMAND [OPTIONS]"
}

test_subcommand_help_usage_line() {
  dc asset add --help
  expect_status 0
  expect_out "--personal-info"
  # One usage line, worded as the list of commands: "Usage: daicho asset add
  # [OPTION…] [CODE]", the program first and the command named once.
  local line; line=$(grep -E '\[CODE\]' <<<"$out" | head -n 1)
  grep -qE '^Usage: daicho ' <<<"$line" || fail "usage line does not start with 'Usage: daicho': '$line'"
  expect_eq "$(grep -o 'asset add' <<<"$line" | wc -l)" 1 "times the usage line '$line' names 'asset add'"
}
