# What comes in at the edges (files, the command line, DAICHO_ACTOR) and
# goes out to terminals and workbooks: characters no workbook can hold
# (U+FFFF and the like) refused with their place, text too long refused,
# registers that already hold such characters still written as well-formed
# workbooks, and control characters shown on a terminal, never run by it.

ids=$DAICHO_ROOT/fixtures/id
FFFF=$'\uffff'

# A history entry for asset CODE whose name becomes NAME, by ACTOR, chained
# as daicho chains them (dc_history_entry_hash), and the asset row to match:
# a register written before such characters were refused on input.
plant_name() {
  python3 - "$DAICHO_DB" "$1" "$2" "$3" <<'PY'
import hashlib, sqlite3, sys
db, code, name, actor = sys.argv[1:]
con = sqlite3.connect(db)
seq, prev, before = con.execute(
    "SELECT h.seq, h.hash, (SELECT after_json FROM history WHERE entity = 'asset' AND entity_key = ?1"
    " ORDER BY seq DESC LIMIT 1) FROM history h ORDER BY h.seq DESC LIMIT 1", (code,)).fetchone()
after = con.execute("SELECT json_set(json_set(?1, '$.name', ?2), '$.version', json_extract(?1, '$.version') + 1)",
                    (before, name)).fetchone()[0]
entry = [str(seq + 1), "2026-11-22T00:00:00.000Z", actor, "update", "asset", code, before, after, prev]
h = hashlib.sha256()
for f in entry:
    b = f.encode("utf-8", "surrogatepass")
    h.update(b"%d:" % len(b) + b + b"\n")
con.execute("INSERT INTO history (seq, at, actor, action, entity, entity_key, before_json, after_json,"
            " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)", entry + [h.hexdigest()])
con.execute("UPDATE asset SET name = ?1, version = version + 1 WHERE code = ?2", (name, code))
con.execute("UPDATE setting SET value = ?1 WHERE key = 'organisation'", ("架空市" + "\uffff",))
con.commit()
PY
}

# Every XML part of every workbook (and register.xml) under the given paths is well-formed.
expect_well_formed() {
  python3 - "$@" <<'PY' || fail "a workbook is not well-formed XML"
import sys, zipfile, xml.etree.ElementTree as ET, pathlib
paths = [p for a in sys.argv[1:] for p in (sorted(pathlib.Path(a).rglob("*.x*")) if pathlib.Path(a).is_dir() else [pathlib.Path(a)])]
assert paths, "no workbooks"
for p in paths:
    if p.suffix in (".xml", ".xsd"):
        ET.parse(p)
        continue
    z = zipfile.ZipFile(p)
    for n in z.namelist():
        if n.endswith(".xml") or n.endswith(".rels"):
            try:
                ET.fromstring(z.read(n))
            except ET.ParseError as e:
                sys.exit("%s: %s: %s" % (p, n, e))
    try:
        import openpyxl
        openpyxl.load_workbook(p)
    except ImportError:
        pass
PY
}

# case: SEC-OUTPUT-04
test_a_register_holding_uffff_writes_well_formed_workbooks() {
  sqlite_only "the rows are planted with sqlite3" && return
  load_city || fail "setup"
  "$DAICHO" staff import "$ids/roster.xlsx" --date 2026-11-01 >/dev/null &&
    "$DAICHO" id import "$ids/jutaku-ids.xlsx" --system jutaku-sys >/dev/null || fail "setup"
  { "$DAICHO" reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" >/dev/null; [ $? -le 1 ]; } || fail "setup"
  "$DAICHO" review open --fy 2026 >/dev/null || fail "setup"
  plant_name A-0001 "入居者${FFFF}台帳$'\x01'データ" "tester${FFFF}" || fail "setup"
  dc export ledger -o ledger.xlsx
  expect_status 0
  dc export assets -o assets.xlsx
  expect_status 0
  dc export assets -o assets.csv
  expect_status 0
  grep -qF '"A-0001"' assets.csv && ! grep -qF "$FFFF" assets.csv || fail "assets.csv holds U+FFFF raw"
  grep -qF '入居者\uFFFF台帳' assets.csv || fail "assets.csv does not show U+FFFF as \\uFFFF"
  dc risk assess
  dc export risk -o risk.xlsx
  expect_status 0
  mkdir review
  dc review export --fy 2026 -o review
  expect_status 0
  local history; history=$(sql 'SELECT count(*) FROM history')  # the package records itself after
  dc audit export -o pkg
  expect_status 0
  grep -qF "$FFFF" pkg/説明.txt && fail "説明.txt holds U+FFFF raw"
  expect_well_formed ledger.xlsx assets.xlsx risk.xlsx review pkg
  # LibreOffice reads every row of the history and of the ledger (it drops a
  # malformed row and all after it).
  command -v soffice >/dev/null || { fail "LibreOffice (soffice) is not installed"; return; }
  mkdir lo
  soffice -env:UserInstallation=file://$TEST_DIR/lo-profile --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' --outdir lo \
    pkg/変更履歴.xlsx ledger.xlsx >/dev/null 2>&1 || fail "soffice could not convert"
  [ "$(cat lo/変更履歴*.csv | grep -c '^[0-9]')" -ge "$history" ] ||
    fail "LibreOffice read $(cat lo/変更履歴*.csv | grep -c '^[0-9]') history rows of $history"
  grep -q "A-0060" lo/ledger*.csv || fail "LibreOffice's reading of the ledger lacks the rows after A-0001"
}

# replace_in_zip FILE FROM TO: every entry of FILE with FROM replaced by TO.
replace_in_zip() {
  python3 - "$@" <<'PY' || fail "setup: replace_in_zip"
import sys, zipfile, shutil
path, old, new = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
shutil.move(path, path + ".orig")
src, dst = zipfile.ZipFile(path + ".orig"), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
for item in src.infolist():
    dst.writestr(item, src.read(item.filename).replace(old, new))
dst.close()
PY
}

# case: SEC-INPUT-04
test_the_command_line_and_the_actor_refuse_uffff() {
  load_org || fail "setup"
  before=$(register_state)
  dc asset add --type データ --name "台帳${FFFF}" --c 1 --i 1 --a 1 --section jutaku --post jutaku-kacho
  expect_status 3
  expect_err "--name: the value holds U+FFFF (character 3)"
  dc asset add --type データ "--note=a"$'\x07' --name ok --c 1 --i 1 --a 1 --section jutaku --post jutaku-kacho
  expect_status 3
  expect_err "--note: the value holds U+0007 (character 2)"
  dc asset add --type データ --name "台帳"$'\uFDD0' --c 1 --i 1 --a 1 --section jutaku --post jutaku-kacho
  expect_status 3
  expect_err "U+FDD0"
  dc --actor "x${FFFF}" asset add --type データ --name ok --c 1 --i 1 --a 1 --section jutaku --post jutaku-kacho
  expect_status 3
  expect_err "--actor: the value holds U+FFFF"
  DAICHO_ACTOR="x${FFFF}" dc asset add --type データ --name ok --c 1 --i 1 --a 1 --section jutaku --post jutaku-kacho
  expect_status 3
  expect_err "DAICHO_ACTOR: the value holds U+FFFF"
  expect_eq "$(register_state)" "$before" "the register"
}

# case: SEC-INPUT-04
test_a_csv_with_uffff_is_refused_with_its_place() {
  load_org || fail "setup"
  printf '資産番号,資産種別,資産名称,機密性,完全性,可用性,所管課,管理責任者\r\nH-1,データ,台帳%s,1,1,1,jutaku,jutaku-kacho\r\n' \
    "$FFFF" > bad.csv
  before=$(register_state)
  dc import assets bad.csv
  expect_status 3
  expect_err "bad.csv, row 2, column C (資産名称): the value holds U+FFFF (character 3)"
  expect_eq "$(register_state)" "$before" "the register"
}

# case: SEC-INPUT-04
test_an_xlsx_with_an_escaped_uffff_is_refused_with_its_place() {
  load_org || fail "setup"
  python3 "$DAICHO_ROOT/tests/cli/hostile-xlsx.py" valid valid.xlsx || fail "setup"
  # The same workbook with the name written as Excel escapes U+FFFF: _xFFFF_.
  cp valid.xlsx bad.xlsx
  replace_in_zip bad.xlsx 入居者台帳 入居者_xFFFF_台帳
  before=$(register_state)
  dc import assets bad.xlsx
  expect_status 3
  expect_err "bad.xlsx, sheet"
  expect_err "the value holds U+FFFF (character 4)"
  expect_eq "$(register_state)" "$before" "the register"
}

# case: SEC-INPUT-03, SEC-INPUT-04
test_an_ldif_with_uffff_or_a_million_character_login_is_refused() {
  load_city || fail "setup"
  "$DAICHO" system add ldap-sys --name 統合認証基盤 --admin-post joho-kacho --section joho >/dev/null &&
    "$DAICHO" id import "$ids/ldap-ids.csv" --system ldap-sys >/dev/null || fail "setup"
  printf 'dn: uid=a,ou=people,dc=example\nobjectClass: inetOrgPerson\nuid: a%s\ncn: A\n' "$FFFF" > bad.ldif
  before=$(register_state)
  dc reconcile --system ldap-sys bad.ldif --profile ldif
  expect_status 3
  expect_err "bad.ldif: line 3: attribute uid: the value holds U+FFFF (character 2)"
  python3 -c "print('dn: uid=long,ou=people,dc=example\nobjectClass: inetOrgPerson\nuid: ' + 'u' * 1000000 + '\ncn: Long\n')" > long.ldif
  dc reconcile --system ldap-sys long.ldif --profile ldif
  expect_status 3
  expect_err "long.ldif, line 1 (dn: uid=long,ou=people,dc=example), attribute uid|sAMAccountName: the value is 1000000 characters long; at most 1024"
  expect_eq "$(register_state)" "$before" "the register"
}

# case: SEC-INPUT-03
test_an_over_long_name_in_a_csv_is_refused() {
  load_org || fail "setup"
  python3 -c "
print('資産番号,資産種別,資産名称,機密性,完全性,可用性,所管課,管理責任者')
print('H-1,データ,' + '台' * 1025 + ',1,1,1,jutaku,jutaku-kacho')" > long.csv
  before=$(register_state)
  dc import assets long.csv
  expect_status 3
  expect_err "long.csv, row 2, column C (資産名称): the value is 1025 characters long; at most 1024 are allowed"
  expect_eq "$(register_state)" "$before" "the register"
}

# case: SEC-INPUT-04
test_a_review_workbook_with_uffff_is_refused() {
  load_city || fail "setup"
  "$DAICHO" review open --fy 2026 --due 2027-01-31 >/dev/null || fail "setup"
  "$DAICHO" review export --section jutaku -o out >/dev/null || fail "setup"
  # Excel writes U+FFFF in a cell as _xFFFF_: filled in as MARK, then escaped.
  fill() {
    python3 "$DAICHO_ROOT/tests/cli/xlsx-fill.py" "$1" 見直し "${@:2}" || fail "setup: fill"
    replace_in_zip "$1" MARK _xFFFF_
  }
  cp out/情報資産見直し_2026年度_住宅課.xlsx signed.xlsx
  cp signed.xlsx row.xlsx
  fill signed.xlsx "D3=佐藤MARK" E6=変更なし
  fill row.xlsx 'D3=佐藤　雅之' E6=変更なし J23=データ "K23=入居者MARKアンケート" 'Q23=2 庁外秘' 'S23=2 中' \
    'U23=1 低' AA23=住宅課長
  before=$(register_state)
  DAICHO_TODAY=2026-12-05 dc review import signed.xlsx
  expect_status 3
  expect_err "signed.xlsx, sheet 見直し, row 3, column D (見直し実施者（所属長）): the value holds U+FFFF (character 3)"
  DAICHO_TODAY=2026-12-05 dc review import row.xlsx
  expect_status 3
  expect_err "row.xlsx, sheet 見直し, row 23, column K"
  expect_err "the value holds U+FFFF (character 4)"
  expect_eq "$(register_state)" "$before" "the register"
}

# ---- terminals ----

# The asset's name with ESC [ 3 1 m, CSI (U+009B) and a CR, as a register
# written before they were refused may hold it.
plant_escapes() {
  sql "UPDATE asset SET name = '赤"$'\e'"[31m字"$'\u009b'"1m"$'\r'"上書き' WHERE code = 'A-0001'"
}

# case: SEC-OUTPUT-04
test_a_terminal_is_shown_escapes_not_sent_them() {
  load_city || fail "setup"
  plant_escapes || fail "setup"
  command -v script >/dev/null || { fail "script (bsdutils) is not installed"; return; }
  for command in "asset show A-0001" "asset list" "asset show A-0001 --json"; do
    script -qec "$DAICHO $command" /dev/null > tty.out 2>&1 || fail "$command failed on a terminal"
    grep -q $'\e' tty.out && fail "$command sent ESC to the terminal"
    grep -q $'\xc2\x9b' tty.out && fail "$command sent CSI (U+009B) to the terminal"
    # JSON escapes the CR itself (\r); on a terminal it is shown, not obeyed.
    grep -qF '赤\u001b[31m字\u009b1m' tty.out || fail "$command does not show the escapes: $(grep -a 赤 tty.out)"
  done
  grep -q $'\r上書き' tty.out && fail "a CR reached the terminal"
  # Piped: byte for byte what the register holds.
  dc asset show A-0001
  grep -q $'赤\e\\[31m字\xc2\x9b1m\r上書き' <<<"$out" || fail "piped output is not the register's text"
}
