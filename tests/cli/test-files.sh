# The register's file and the files beside it: an empty file is no register,
# a register on read-only media can be read and verified, restore through a
# symbolic link replaces the file it names, and the half-written files an
# interrupted run leaves are removed by the next run (and only those).

# A process that has ended: its PID, no longer running.
dead_pid() { sh -c 'echo $$' ; }

test_an_empty_file_is_no_register() {
  : >empty.db
  for command in "asset list" "history" "audit verify" "section add x --name X"; do
    # shellcheck disable=SC2086
    DAICHO_DB=$TEST_DIR/empty.db dc $command
    expect_status 3
    expect_err "empty.db is empty: not a daicho register; restore it from a backup"
  done
  dc audit verify --db empty.db
  expect_status 3
  [ ! -s empty.db ] || fail "the empty file was written to"
  [ ! -e empty.db-wal ] || fail "an -wal was made beside the empty file"
  # init may make an empty file a register.
  dc init --db empty.db --scheme chitose
  expect_status 0
  dc audit verify --db empty.db
  expect_status 0
}

test_read_only_media_can_be_read_and_verified() {
  sqlite_only "a file on read-only media" && return
  load_city || fail "setup"
  "$DAICHO" backup -o copy.db >/dev/null || fail "backup"
  sqlite3 "$DAICHO_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null || fail "checkpoint"
  mkdir media
  if ! mount -t tmpfs -o size=8m tmpfs media 2>/dev/null; then
    skip "cannot mount a tmpfs here (needs root)"
    return
  fi
  trap 'umount "$TEST_DIR/media" 2>/dev/null' EXIT
  cp register.db copy.db media/ || fail "copying"
  mount -o remount,ro media || fail "remounting read-only"
  export DAICHO_DB=$TEST_DIR/media/register.db
  dc audit verify
  expect_status 0
  expect_out "intact:"
  dc audit verify --db media/copy.db
  expect_status 0
  dc asset list
  expect_status 0
  expect_out "A-0001"
  dc asset show A-0001 --json
  expect_status 0
  dc history --entity asset
  expect_status 0
  dc restore --test media/copy.db
  expect_status 0
  # A command that writes says why it cannot.
  dc asset edit A-0001 --c 4
  expect_status 5
  expect_err "register.db cannot be changed here: it is opened read-only"
  umount media || fail "unmounting"
  trap - EXIT
}

# case: SEC-OUTPUT-03
test_restore_through_a_link_replaces_the_file_it_names() {
  sqlite_only "a link to the register file" && return
  load_city || fail "setup"
  "$DAICHO" backup -o copy.db >/dev/null || fail "backup"
  "$DAICHO" section add later --name 後で >/dev/null || fail "a change after the backup"
  mkdir real
  mv register.db real/register.db && mv register.db-wal register.db-shm real/ 2>/dev/null
  ln -s real/register.db link.db || fail "link"
  DAICHO_DB=$TEST_DIR/link.db dc restore copy.db
  expect_status 0
  [ -L link.db ] || fail "the link was replaced by a file"
  [ -f real/register.db.bak ] || fail "the replaced register is not kept beside the real file"
  DAICHO_DB=$TEST_DIR/real/register.db dc section show later
  expect_status 3
  DAICHO_DB=$TEST_DIR/real/register.db dc audit verify
  expect_status 0
}

# case: SEC-FAULT-01
test_half_written_files_of_dead_runs_are_removed() {
  load_city || fail "setup"
  mkdir out
  local dead
  dead=$(dead_pid)
  # What a backup killed in the middle leaves: the copy and SQLite's files.
  for f in ".copy.db.daicho-tmp.$dead.Ab12Cd" ".copy.db.daicho-tmp.$dead.Ab12Cd-wal" \
           ".ledger.xlsx.daicho-tmp.$dead.zz9Zz9"; do
    head -c 100000 /dev/urandom >"out/$f"
  done
  # Not ours to remove: a running process's, and names of another form.
  : >"out/.copy.db.daicho-tmp.$$.Xy34Zw"
  : >"out/.copy.db.daicho-tmp.$dead.short"
  : >"out/copy.db.daicho-tmp.$dead.Ab12Cd"
  : >"out/.notes.tmp-Ab12Cd"
  dc backup -o out/copy.db
  expect_status 0
  expect_err "removed a half-written file left by an interrupted run: $TEST_DIR/out/.copy.db.daicho-tmp.$dead.Ab12Cd"
  expect_err "out/.copy.db.daicho-tmp.$dead.Ab12Cd-wal"
  expect_err "out/.ledger.xlsx.daicho-tmp.$dead.zz9Zz9"
  for f in ".copy.db.daicho-tmp.$dead.Ab12Cd" ".copy.db.daicho-tmp.$dead.Ab12Cd-wal" \
           ".ledger.xlsx.daicho-tmp.$dead.zz9Zz9"; do
    [ ! -e "out/$f" ] || fail "$f is still there"
  done
  for f in ".copy.db.daicho-tmp.$$.Xy34Zw" ".copy.db.daicho-tmp.$dead.short" \
           "copy.db.daicho-tmp.$dead.Ab12Cd" ".notes.tmp-Ab12Cd"; do
    [ -e "out/$f" ] || fail "$f was removed"
  done
  # The backup's own temporary files are gone too: left, the two not ours.
  expect_eq "$(find out -name '.*.daicho-tmp.*' | wc -l)" 2 "temporary files in out/"
  # An export cleans its folder the same way.
  head -c 1000 /dev/urandom >"out/.ledger.xlsx.daicho-tmp.$dead.Qq11Qq"
  dc export ledger -o out/ledger.xlsx
  expect_status 0
  expect_err "out/.ledger.xlsx.daicho-tmp.$dead.Qq11Qq"
  [ ! -e "out/.ledger.xlsx.daicho-tmp.$dead.Qq11Qq" ] || fail "the export left the stale file"
}

# case: SEC-FAULT-01
test_a_backup_killed_midway_is_cleaned_by_the_next() {
  load_city || fail "setup"
  python3 "$DAICHO_ROOT/tests/bench/gen-assets.py" 3000 3 many.csv || fail "generating"
  sed -i 's/^A-/B-/' many.csv
  "$DAICHO" import assets many.csv >/dev/null || fail "import"
  mkdir out
  local left=""
  for delay in 0.02 0.05 0.1 0.2 0.3; do
    "$DAICHO" backup -o out >/dev/null 2>&1 &
    local pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    left=$(find out -name '.*.daicho-tmp.*' | head -1)
    [ -n "$left" ] && break
    rm -f out/*
  done
  [ -n "$left" ] || fail "no kill caught the backup while it wrote its copy"
  dc backup -o out
  expect_status 0
  expect_err "removed a half-written file left by an interrupted run: $TEST_DIR/$left"
  expect_eq "$(find out -name '.*.daicho-tmp.*' | wc -l)" 0 "half-written files after the next backup"
}

# case: SEC-FAULT-01
test_a_stale_restore_test_folder_is_removed() {
  load_city || fail "setup"
  "$DAICHO" backup -o copy.db >/dev/null || fail "backup"
  local dead tmp
  dead=$(dead_pid)
  tmp=$(mktemp -d) || fail "mktemp"
  mkdir "$tmp/daicho-restore-test.$dead.Ab12Cd" && head -c 10000 /dev/urandom >"$tmp/daicho-restore-test.$dead.Ab12Cd/register.db"
  mkdir "$tmp/daicho-restore-test-Ab12Cd"   # an older name: not ours to judge
  TMPDIR=$tmp dc restore --test copy.db
  expect_status 0
  expect_err "removed a half-written file left by an interrupted run: $tmp/daicho-restore-test.$dead.Ab12Cd"
  [ ! -e "$tmp/daicho-restore-test.$dead.Ab12Cd" ] || fail "the stale folder is still there"
  [ -d "$tmp/daicho-restore-test-Ab12Cd" ] || fail "a folder of another name was removed"
  expect_eq "$(find "$tmp" -mindepth 1 -maxdepth 1 | wc -l)" 1 "entries left in TMPDIR"
  rm -rf "$tmp"
}

# case: SEC-CRYPT-02
# daicho does not encrypt the register; an office encrypts the disk that holds
# it (docs/ja/管理者マニュアル.md 4.2). That covers everything daicho writes
# only if daicho writes nowhere else: the register's folder, the files and
# folders it is told to write, and TMPDIR (the restore test's copy). Every
# file daicho opens for writing, makes or renames is traced (strace) through
# the commands that write the register's content.
test_the_register_is_written_only_beside_itself_to_outputs_and_tmpdir() {
  command -v strace >/dev/null || { skip "strace is not installed (tools/install-deps.sh --test)"; return; }
  load_city || fail "setup"
  "$DAICHO" backup -o old.db >/dev/null || fail "setup"
  mkdir tmp out
  local bin=${DAICHO_SETUP:-$DAICHO}  # the program itself, not valgrind's wrapper
  local command
  while read -r command; do
    # LeakSanitizer cannot run under a tracer: leaks are the other tests' business.
    # shellcheck disable=SC2086
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" TMPDIR=$TEST_DIR/tmp strace -f -qq -o trace.txt -e trace=open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,symlink,symlinkat \
      "$bin" $command >/dev/null 2>stderr.txt || fail "$command failed: $(cat stderr.txt)"
    python3 - "$TEST_DIR" trace.txt "$command" <<'PY' || fail "$command wrote outside the register's folder, its outputs and TMPDIR"
import os, re, sys
top, trace, command = os.path.realpath(sys.argv[1]), sys.argv[2], sys.argv[3]
writing = re.compile(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC")
bad = []
for line in open(trace, encoding="utf-8", errors="replace"):
    call = re.match(r"\d+\s+(\w+)\((.*)", line)
    if not call or "= -1" in line:
        continue
    name, args = call.groups()
    paths = re.findall(r'"((?:[^"\\]|\\.)*)"', args)
    if name in ("open", "openat") and not writing.search(args):
        continue
    for p in paths:
        p = p.encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")
        full = os.path.realpath(os.path.join(top, p))
        if full == top or full.startswith(top + "/") or full in ("/dev/null", "/dev/tty"):
            continue
        bad.append(f"{name} {full}")
for b in sorted(set(bad)):
    print(f"    {command}: {b}")
sys.exit(1 if bad else 0)
PY
  done <<'COMMANDS'
asset edit A-0001 --note 暗号化した場所にだけ書く
export ledger -o out/台帳.xlsx
export ledger -o out/台帳.csv
export assets -o out/資産.xlsx
audit export -o out/監査資料
backup -o out/backup.db
restore --test old.db
COMMANDS
  expect_eq "$(ls -A tmp)" "" "TMPDIR after the commands"
  [ -s out/台帳.xlsx ] && [ -s out/監査資料/MANIFEST.sha256 ] && [ -s out/backup.db ] || fail "outputs missing: $(ls -R out)"
}
