# End-to-end: ID registers (daicho id import/add/edit/revoke/show/list).

ids=$DAICHO_ROOT/fixtures/id

id_field() { "$DAICHO" id show "$2" --system "$1" --json | python3 -c "import json,sys; v=json.load(sys.stdin)['$3']; print(';'.join(v) if isinstance(v, list) else v)"; }

test_import_an_excel_id_register() {
  load_city || fail "setup"
  local history; history=$(sql "SELECT count(*) FROM history")
  dc id import "$ids/jutaku-ids.xlsx" --system 住宅管理システム --json
  expect_status 0
  expect_eq "$(json 'd["added"]')/$(json 'd["header_row"]')/$(json 'd["ignored_columns"]')" "14/4/['No']" "imported"
  expect_eq "$(sql "SELECT count(*) FROM history")" $((history + 14)) "one history entry per ID"
  # 7733 (a number cell) is the roster's 007733; privileges written 照会、更新 are a sorted set.
  expect_eq "$(id_field jutaku-sys matsuda.k holder)" "007733" "holder"
  expect_eq "$(id_field jutaku-sys matsuda.k privileges)" "更新;照会" "privileges"
  expect_eq "$(id_field jutaku-sys sato.m kind)/$(id_field jutaku-sys kanri01 kind)/$(id_field jutaku-sys batch01 kind)/$(id_field jutaku-sys emergency01 kind)" \
    "privileged/shared/service/emergency" "kinds from 特権, 共有, サービス, 緊急"
  expect_eq "$(id_field jutaku-sys kanri01 shared_users)" "村上彩;松田恵子" "shared users"
  expect_eq "$(id_field jutaku-sys old.user status)/$(id_field jutaku-sys old.user revoked_on)" "revoked/2026-04-01" "revoked entry"
  expect_eq "$(id_field jutaku-sys hoshu01 valid_until)" "2026-09-30" "valid until"
  dc id import "$ids/jutaku-ids.xlsx" --system jutaku-sys
  expect_status 4
  expect_err "login sato.m is already in the ID register of jutaku-sys; give --update"
  dc id import "$ids/jutaku-ids.xlsx" --system jutaku-sys --skip-existing
  expect_status 0
  expect_out "14 skipped"
  dc audit verify
  expect_status 0
}

test_update_from_a_corrected_register() {
  load_city || fail "setup"
  dc id import "$ids/jutaku-ids.xlsx" --system jutaku-sys
  printf 'ログインID,権限,有効期限,状態,削除日\nmatsuda.k,照会;更新;削除,2027-03-31,,\nold.user,,,有効,\nnew.one,照会,,,\n' >fix.csv
  dc id import fix.csv --system jutaku-sys --update --dry-run
  expect_status 0
  expect_out "would import"
  expect_eq "$(id_field jutaku-sys matsuda.k valid_until)" "None" "dry run changed nothing"
  dc id import fix.csv --system jutaku-sys --update --json
  expect_eq "$(json 'd["added"]')/$(json 'd["updated"]')" "1/2" "counts"
  expect_eq "$(id_field jutaku-sys matsuda.k privileges)/$(id_field jutaku-sys matsuda.k valid_until)" "削除;更新;照会/2027-03-31" "updated"
  expect_eq "$(id_field jutaku-sys old.user status)/$(id_field jutaku-sys old.user revoked_on)" "active/None" "re-activated"
  expect_eq "$(id_field jutaku-sys matsuda.k holder_name)" "松田恵子" "untouched fields kept"
}

test_add_edit_revoke_show_list() {
  load_city || fail "setup"
  dc id add sato.m --system jutaku-sys --holder 1876 --kind 特権 --privileges "照会;更新;照会" --approver 住宅管理担当課長
  expect_status 0
  expect_eq "$(id_field jutaku-sys sato.m holder)/$(id_field jutaku-sys sato.m holder_name)" "001876/佐藤　雅之" "holder from the roster"
  expect_eq "$(id_field jutaku-sys sato.m privileges)" "更新;照会" "privileges as a set"
  dc id add "ｓａｔｏ．ｍ" --system jutaku-sys
  expect_status 4
  expect_err "differs from 'sato.m'"
  dc id add SATO.M --system jutaku-sys
  expect_status 0   # case matters unless a profile says otherwise; the stocktake reports a collision
  dc id add x --system no-such
  expect_status 3
  dc id edit sato.m --system jutaku-sys --valid-until 2027/3/31 --note 更新
  expect_status 0
  expect_eq "$(id_field jutaku-sys sato.m valid_until)" "2027-03-31" "edited"
  dc id edit sato.m --system jutaku-sys --status revoked
  expect_status 2   # status is not an option of edit: revoke is the command
  dc id edit sato.m --system jutaku-sys --kind 不明
  expect_status 3
  expect_err "kind (ID種別) '不明' is not allowed"
  dc id revoke sato.m --system jutaku-sys --date 2026-11-30 --note "異動"
  expect_status 0
  expect_eq "$(id_field jutaku-sys sato.m status)/$(id_field jutaku-sys sato.m revoked_on)/$(id_field jutaku-sys sato.m note)" \
    "revoked/2026-11-30/更新 / 異動" "revoked"
  dc id revoke sato.m --system jutaku-sys
  expect_status 4
  dc id list --system jutaku-sys --status active --json
  expect_eq "$(json '[e["login_id"] for e in d]')" "['SATO.M']" "active IDs"
  dc id list --holder 1876 --json
  expect_eq "$(json '[e["login_id"] for e in d]')" "['sato.m']" "by holder, zeros or not"
  dc id show sato.m --system jutaku-sys
  expect_out "在職状況"
  dc history --entity id_entry --key jutaku-sys/sato.m --json
  expect_eq "$(json '[e["action"] for e in d]')" "['add', 'edit', 'revoke']" "history"
  dc audit verify
  expect_status 0
}

test_system_codes_cannot_hold_a_slash() {
  load_city || fail "setup"
  dc system add a/b --name 斜線 --admin-post joho-kacho
  expect_status 3
  expect_err 'a system code cannot contain "/"'
}

test_bad_register_lists_every_problem() {
  load_city || fail "setup"
  printf 'ログインID,種別,承認日,有効期限\n,一般,,\nx1,謎,,\nx2,一般,2026/02/30,\nx3,一般,,来年\nx1,一般,,\n' >bad.csv
  dc id import bad.csv --system jutaku-sys
  expect_status 3
  expect_err "bad.csv, row 2, column A (ログインID): ログインID (login ID) is empty"
  expect_err "row 3, column B (種別): kind (ID種別) '謎' is not allowed"
  expect_err "row 4, column C (承認日): approved_on: '2026/02/30' is not a date"
  expect_err "row 5, column D (有効期限): valid_until: '来年' is not a date"
  expect_err "row 6, column A (ログインID): login x1 is already in row 3"
  expect_err "5 problems; nothing was imported"
  expect_eq "$(sql "SELECT count(*) FROM id_entry")" 0 "nothing imported"
}

# A system's list of logins alone: --default fills the kind and the approver.
test_default_fills_the_columns_a_list_lacks() {
  load_city || fail "setup"
  printf 'ログインID,氏名\nnew.one,新規 一郎\nnew.two,新規 二郎\n' >list.csv
  dc id import list.csv --system jutaku-sys --default approver=住宅課長 --default approved_on=2026-12-01 --json
  expect_status 0
  expect_eq "$(json 'd["added"]')" 2 "added"
  expect_eq "$(json 'len(d["defaults"])')" 2 "a line per field"
  expect_eq "$(id_field jutaku-sys new.two approver)/$(id_field jutaku-sys new.two approved_on)" \
            "住宅課長/2026-12-01" "the defaults"
  dc id import list.csv --system jutaku-sys --default employment=x
  expect_status 2
  expect_err "--default employment=x: no field employment here"
}
