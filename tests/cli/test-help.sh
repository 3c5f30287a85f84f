# End-to-end tests: `daicho help`, the man page and the bash completion, kept
# honest against the commands daicho really has.
# Run: DAICHO=$PWD/build/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-help.sh

# The top-level commands as `daicho help` lists them (the commands[] table).
commands() { "$DAICHO" help | sed -n '/^Commands:$/,/^$/{s/^  \([a-z][a-z0-9_-]*\) .*/\1/p}'; }

# complete WORD...: what the completion script offers for the command line
# "daicho WORD..." with the cursor at the end of the last word.
complete_words() {
  local daicho=$TEST_DIR/bin/daicho
  mkdir -p "$TEST_DIR/bin" && ln -sf "$DAICHO" "$daicho"
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1));
           _daicho; printf "%s\n" "${COMPREPLY[@]}"' _ "$DAICHO_ROOT/completion/daicho.bash" "$daicho" "$@"
}

test_help_lists_every_command() {
  dc help
  expect_status 0
  expect_out "backup"
  expect_out "restore"
  expect_eq "$(commands | wc -l)" "$(grep -c '^  { "' "$DAICHO_ROOT/cli/main.c")" "commands listed"
}

test_help_command_shows_its_options() {
  dc help backup
  expect_status 0
  expect_out "daicho backup [OPTION"
  expect_out "--output=FILE"
  expect_out "--force"
  dc help asset add
  expect_status 0
  expect_out "daicho asset add"
  expect_out "--name"
  dc help asset
  expect_status 0
  expect_out "retire"
  dc help --help            # like every command, help takes --help
  expect_status 0
  expect_out "Commands:"
}

test_help_unknown_command_suggests() {
  dc help bakup
  expect_status 2
  expect_err "no command 'bakup'; did you mean 'backup'?"
  dc help zzzzzz
  expect_status 2
  grep -q "did you mean" <<<"$err" && fail "suggested something for zzzzzz: $err"
  dc restor x.db
  expect_status 2
  expect_err "did you mean 'restore'?"
}

test_man_page_names_every_command_and_subcommand() {
  local man=$DAICHO_ROOT/docs/daicho.1 c s
  for c in $(commands); do
    grep -qE "^\.SS daicho $c( |$)" "$man" || fail "docs/daicho.1 has no section for '$c' (make man)"
    for s in $("$DAICHO" help "$c" | sed -n '/^Commands:$/,/^$/{s/^  \([a-z][a-z0-9_-]*\) .*/\1/p}'); do
      grep -qE "^\.SS daicho $c $s$" "$man" || fail "docs/daicho.1 has no section for '$c $s' (make man)"
    done
  done
  grep -q '^\\fB\\-\\-output\\fR' "$man" || grep -q 'fB\\-o\\fR, \\fB\\-\\-output' "$man" ||
    fail "docs/daicho.1 lacks backup's --output"
  local warnings
  warnings=$(groff -man -Tutf8 -ww "$man" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "groff warns: $warnings"
  lexgrog "$man" >/dev/null || fail "lexgrog cannot read the NAME section"
}

test_completion_offers_commands() {
  local offered c
  offered=$(complete_words "")
  for c in $(commands); do
    grep -qx "$c" <<<"$offered" || fail "completion does not offer '$c'"
  done
  expect_eq "$(complete_words "bac")" "backup" "daicho bac<TAB>"
  expect_eq "$(complete_words "--db" "x.db" "res")" "restore" "daicho --db x.db res<TAB>"
}

test_completion_offers_subcommands_and_options() {
  expect_eq "$(complete_words "asset" "ret")" "retire" "daicho asset ret<TAB>"
  expect_eq "$(complete_words "backup" "--fo")" "--force" "daicho backup --fo<TAB>"
  expect_eq "$(complete_words "restore" "b.db" "--rec")" "--record" "daicho restore b.db --rec<TAB>"
  local offered
  offered=$(complete_words "backup" "-")
  grep -qx -- "-o" <<<"$offered" || fail "daicho backup -<TAB> lacks -o: $offered"
  grep -qx -- "--output" <<<"$offered" || fail "daicho backup -<TAB> lacks --output: $offered"
  grep -qx -- "--db" <<<"$offered" || fail "daicho backup -<TAB> lacks --db: $offered"
  expect_eq "$(complete_words "help" "restor")" "restore" "daicho help restor<TAB>"
  touch "$TEST_DIR/backup-1.db"
  expect_eq "$(cd "$TEST_DIR" && complete_words "restore" "backup-")" "backup-1.db" "daicho restore backup-<TAB>"
}

# A test whose set-up failed must fail, not pass by returning early: no
# `|| return` in any end-to-end test (the one exception: a check skipped
# for a missing locale says SKIP), and no set-up call (load_city, load_org,
# a *_city helper, opened) whose failure nobody looks at.
test_no_test_passes_when_its_setup_fails() {
  local found
  found=$(python3 - "$DAICHO_ROOT"/tests/cli/*.sh <<'PY'
import re, sys
setup = re.compile(r"^\s*(load_\w+|\w+_city|opened)\b(.*)$")
for path in sys.argv[1:]:
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        code = line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
        if re.search(r"\|\|\s*return\b", code) and "have_japanese || return 0" not in code:
            print("%s:%d: %s" % (path.rsplit("/", 1)[1], n, line.strip()))
        m = setup.match(code)
        if m and not m.group(2).lstrip().startswith("()") and not re.search(r"(\|\||&&)", m.group(2)):
            print("%s:%d: unchecked set-up: %s" % (path.rsplit("/", 1)[1], n, line.strip()))
PY
)
  [ -z "$found" ] || fail "set-up failures that would pass the test (write 'setup || { fail \"setup\"; return; }'):
$found"
}
