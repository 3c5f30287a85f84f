# End-to-end: the auditor's package (audit export), its check (audit verify
# DIR, with and without --db) and the records past retention (records expiring).

ids=$DAICHO_ROOT/fixtures/id

# The city with IDs, a stocktake with a decision, a review and a risk
# assessment: every part of the package has data (built once per file).
audit_city() { cached_register audit build_audit_city; }
build_audit_city() {
  load_city &&
  "$DAICHO" staff import "$ids/roster.xlsx" --date 2026-11-01 >/dev/null &&
  "$DAICHO" id import "$ids/jutaku-ids.xlsx" --system jutaku-sys >/dev/null &&
  { "$DAICHO" reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" >/dev/null; [ $? -le 1 ]; } &&
  "$DAICHO" reconcile decide 1 1 --decision fix --note "削除を依頼" >/dev/null &&
  "$DAICHO" review open --fy 2026 >/dev/null &&
  "$DAICHO" risk assess >/dev/null
}

# The entities of register.xml as "kind key" lines.
xml_entities() {
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"r": "urn:daicho:register:1"}
for e in ET.parse(sys.argv[1]).getroot().findall("r:entity", ns):
    print(e.get("kind"), e.get("key"))
PY
}
# The text of field NAME of entity KIND KEY in register.xml.
xml_field() {
  python3 - "$1" "$2" "$3" "$4" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"r": "urn:daicho:register:1"}
path, kind, key, name = sys.argv[1:]
for e in ET.parse(path).getroot().findall("r:entity", ns):
    if e.get("kind") == kind and e.get("key") == key:
        for f in e.findall("r:field", ns):
            if f.get("name") == name:
                print(f.text or "")
PY
}

# case: SEC-OUTPUT-02
test_package_holds_every_part() {
  audit_city || fail "audit_city"
  dc audit export -o 監査資料
  expect_status 0
  expect_eq "$(cd 監査資料 && ls | sort | tr '\n' ' ')" \
    "ID棚卸結果.xlsx ID管理簿.xlsx MANIFEST.sha256 register-1.xsd register.xml リスク評価.xlsx 変更履歴.xlsx 情報資産台帳.xlsx 見直し記録.xlsx 説明.txt " \
    "the package's files"
  expect_eq "$(stat -c %a 監査資料)" 700 "the package directory's mode"
  expect_eq "$(stat -c %a 監査資料/* | sort -u | tr '\n' ' ')" "600 " "the files' modes"
  [ -z "$(ls -A . | grep -v -e '^監査資料$' -e '^register.db' -e '^stdout$' -e '^stderr$')" ] \
    || fail "something was left beside the package: $(ls -A)"
  (cd 監査資料 && sha256sum --quiet --strict -c MANIFEST.sha256) || fail "sha256sum -c does not accept the manifest"
  expect_eq "$(grep -c '^[0-9a-f]\{64\}  ' 監査資料/MANIFEST.sha256)" 9 "manifest lines (every file but itself)"
  # The manifest names the database's last entry before the export's own, which
  # records the manifest's SHA-256 and the cut-off.
  local head; head=$(sql "SELECT seq || ' ' || hash FROM history ORDER BY seq DESC LIMIT 1 OFFSET 1")
  expect_eq "$(sed -n 's/^# history_seq: //p' 監査資料/MANIFEST.sha256) $(sed -n 's/^# history_hash: //p' 監査資料/MANIFEST.sha256)" \
    "$head" "the manifest's history entry is the database's last before the export"
  out=$(sql "SELECT after_json FROM history ORDER BY seq DESC LIMIT 1")
  expect_eq "$(sql "SELECT action || ' ' || entity || ' ' || entity_key FROM history ORDER BY seq DESC LIMIT 1") $(json 'd["history_seq"]')" \
    "export audit_package $(sha256sum 監査資料/MANIFEST.sha256 | cut -d' ' -f1) ${head% *}" "the export's history entry"
  grep -q "^# format: daicho-audit-package 1$" 監査資料/MANIFEST.sha256 || fail "no format line"
  for f in ID管理簿.xlsx ID棚卸結果.xlsx 見直し記録.xlsx 変更履歴.xlsx register.xml register-1.xsd; do
    grep -q "^・$f" 監査資料/説明.txt || fail "説明.txt does not explain $f"
  done
  if command -v xmllint >/dev/null; then
    xmllint --noout --nonet --schema "$DAICHO_ROOT/schema/register-1.xsd" 監査資料/register.xml 2>/dev/null \
      || fail "xmllint: register.xml is not valid against schema/register-1.xsd"
    cmp -s "$DAICHO_ROOT/schema/register-1.xsd" 監査資料/register-1.xsd \
      || fail "the package's register-1.xsd is not schema/register-1.xsd"
  else
    fail "xmllint is not installed (tools/install-deps.sh --test installs libxml2-utils)"
  fi
  # register.xml holds every entity the database's snapshots hold, with their values.
  expect_eq "$(xml_entities 監査資料/register.xml | wc -l)" \
    "$(sql "SELECT count(*) FROM (SELECT DISTINCT entity, entity_key FROM history WHERE entity <> 'audit_package') AS e")" \
    "entities in register.xml"
  expect_eq "$(xml_field 監査資料/register.xml asset A-0001 name)" "$(sql "SELECT name FROM asset WHERE code = 'A-0001'")" \
    "an asset's name in register.xml"
  dc audit verify 監査資料
  expect_status 0
  expect_out "intact: 9 files"
  dc audit verify 監査資料 --db "$DAICHO_DB" --json
  expect_status 0
  expect_eq "$(json 'str(d["intact"]) + " " + str(d["database_checked"]) + " " + str(d["newer_entries"])')" \
    "True True 0" "verify --db --json"
  # The database alone still verifies as before.
  dc audit verify
  expect_status 0
  expect_out "intact:"
}

# case: SEC-INJECT-02
test_new_workbooks_hold_their_rows() {
  audit_city || fail "audit_city"
  dc audit export -o pkg
  expect_status 0
  python3 - pkg "$(actor)" <<'PY' || fail "the workbooks' contents"
import sys, zipfile, re
def strings(path):
    z = zipfile.ZipFile(path)
    text = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/"))
    assert "<f>" not in text and "<f " not in text, path + " holds a formula"
    return text
ids = strings(sys.argv[1] + "/ID管理簿.xlsx")
assert "jutaku-sys" in ids, "ID管理簿 has no sheet of jutaku-sys"
# An array member (privileges) as one line; in 0.1.0 these cells were empty.
assert ">更新、照会<" in ids, "ID管理簿 does not list an ID's privileges"
st = strings(sys.argv[1] + "/ID棚卸結果.xlsx")
assert "是正" in st, "ID棚卸結果 shows the decision's code, not its name"
assert "削除を依頼" in st and "実施一覧" in st and "検出事項" in st, "ID棚卸結果 lacks the decision or a sheet"
rv = strings(sys.argv[1] + "/見直し記録.xlsx")
assert "見直し結果" in rv and "未回答" in rv, "見直し記録 lacks 見直し結果 or the items' states"
hs = strings(sys.argv[1] + "/変更履歴.xlsx")
assert sys.argv[2] in hs and "(新規)" in hs, "変更履歴 lacks the actor or the creations"
PY
}

test_libreoffice_opens_the_new_workbooks() {
  command -v soffice >/dev/null || { fail "LibreOffice (soffice) is not installed"; return; }
  audit_city || fail "audit_city"
  dc audit export -o pkg
  mkdir lo
  soffice -env:UserInstallation=file://$TEST_DIR/lo-profile --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' --outdir lo \
    pkg/ID棚卸結果.xlsx pkg/変更履歴.xlsx >/dev/null 2>&1 || fail "soffice could not convert"
  grep -q "削除を依頼" lo/ID棚卸結果-検出事項.csv 2>/dev/null || grep -q "削除を依頼" lo/ID棚卸結果*.csv \
    || fail "LibreOffice's reading of ID棚卸結果 lacks the decision: $(ls lo)"
  [ "$(cat lo/変更履歴*.csv | grep -c "$(actor)")" -gt 100 ] || fail "LibreOffice's reading of 変更履歴 lacks rows"
}

# case: SEC-TAMPER-06
test_a_changed_file_is_found() {
  load_city || fail "load_city"
  dc audit export -o pkg
  expect_status 0
  cp -a pkg good
  printf 'X' | dd of=pkg/変更履歴.xlsx bs=1 seek=100 conv=notrunc status=none
  dc audit verify pkg
  expect_status 1
  expect_err "changed: 変更履歴.xlsx"
  (cd pkg && sha256sum --quiet -c MANIFEST.sha256 >/dev/null 2>&1) && fail "sha256sum did not notice either"
  # A file removed, a file added, register.xml edited (manifest updated to match: still invalid).
  rm -rf pkg && cp -a good pkg && rm pkg/説明.txt && touch pkg/extra.txt
  dc audit verify pkg
  expect_status 1
  expect_err "missing: 説明.txt"
  expect_err "not in the manifest: extra.txt"
  rm -rf pkg && cp -a good pkg
  sed -i 's/<field name="name" type="text">/<field name="name" type="bogus">/' pkg/register.xml
  (cd pkg && { grep '^#' MANIFEST.sha256; grep -v '^#' MANIFEST.sha256 | grep -v 'register.xml$'; sha256sum register.xml; } > M && mv M MANIFEST.sha256)
  dc audit verify pkg --json
  expect_status 1
  expect_eq "$(json '[p for p in d["problems"] if "does not match the schema" in p] != []')" True \
    "register.xml against its schema"
  # Not a package at all.
  mkdir empty
  dc audit verify empty
  expect_status 3
  expect_err "MANIFEST.sha256"
}

# case: SEC-TAMPER-05, SEC-TAMPER-06
test_a_history_row_changed_in_the_database_is_found() {
  sqlite_only "the history is rewritten in copies of the register file" && return
  load_city || fail "load_city"
  dc audit export -o pkg
  dc audit verify pkg --db "$DAICHO_DB"
  expect_status 0
  # A later change is fine: the package's entry is still there.
  "$DAICHO" asset edit A-0002 --note 後の変更 >/dev/null
  dc audit verify pkg --db "$DAICHO_DB" --json
  expect_status 0
  expect_eq "$(json 'd["newer_entries"]')" 1 "entries after the package"
  cp "$DAICHO_DB" rewritten.db
  cp "$DAICHO_DB" "$DAICHO_DB.orig"
  sqlite3 "$DAICHO_DB" "DROP TRIGGER history_is_append_only_update; UPDATE history SET actor = 'mallory' WHERE seq = 5" \
    || fail "test setup"
  dc audit verify pkg --db "$DAICHO_DB"
  expect_status 1
  expect_err "NOT INTACT: database:"
  # The history rewritten consistently from the package's last entry on: its hash differs.
  sqlite3 rewritten.db "DROP TRIGGER history_is_append_only_delete; DELETE FROM history WHERE seq >= $(sed -n 's/^# history_seq: //p' pkg/MANIFEST.sha256)" \
    || fail "test setup"
  dc audit verify pkg --db rewritten.db
  expect_status 1
  expect_err "has no entry"
  # The package alone still verifies: it is the database that changed.
  dc audit verify pkg
  expect_status 0
  # A package naming another hash for its last entry than the database holds.
  cp -r pkg other && chmod u+w other/MANIFEST.sha256
  sed -i 's/^# history_hash: .*/# history_hash: '"$(printf '0%.0s' {1..64})"'/' other/MANIFEST.sha256
  dc audit verify other --db "$DAICHO_DB.orig"
  expect_status 1
  expect_err "another hash than the package records"
}

# case: SEC-OUTPUT-03
test_an_existing_directory_is_not_overwritten() {
  load_city || fail "load_city"
  mkdir pkg && echo keep > pkg/mine.txt
  dc audit export -o pkg
  expect_status 4
  expect_err "--force"
  expect_eq "$(ls pkg)" mine.txt "the directory untouched"
  # --force replaces only a package: a directory of the user's is refused, untouched.
  dc audit export -o pkg --force
  expect_status 4
  expect_err "pkg is not a daicho audit package"
  expect_eq "$(ls pkg)" mine.txt "the directory untouched by --force"
  expect_eq "$(cat pkg/mine.txt)" keep "the user's file"
  rm pkg/mine.txt
  dc audit export -o pkg
  expect_status 0
  # A package replaced by --force: the new one in place, nothing left beside it.
  local first
  first=$(grep '^# exported_at' pkg/MANIFEST.sha256)
  sleep 1
  dc audit export -o pkg --force
  expect_status 0
  [ "$(grep '^# exported_at' pkg/MANIFEST.sha256)" != "$first" ] || fail "--force did not replace the package"
  dc audit verify pkg
  expect_status 0
  expect_eq "$(ls -A | grep -c 'tmp-\|old-')" 0 "no temporary directory left"
  mkdir empty
  dc audit export -o empty/
  expect_status 0
  [ -f empty/MANIFEST.sha256 ] || fail "an empty directory given with a slash was not used"
  expect_eq "$(ls -A | grep -c 'tmp-\|old-')" 0 "no temporary directory left"
  touch afile
  dc audit export -o afile
  expect_status 4
}

# case: SEC-OUTPUT-03
test_force_never_follows_a_link_nor_deletes_a_users_files() {
  load_city || fail "load_city"
  # A link to a directory of the user's: refused, whatever it points to.
  mkdir mine && echo keep > mine/a.txt && echo keep > mine/b.xlsx && ln -s mine link || fail "setup"
  dc audit export -o link --force
  expect_status 4
  expect_err "link is a symbolic link"
  expect_eq "$(ls mine | tr '\n' ' ')" "a.txt b.xlsx " "the linked directory untouched"
  [ -L link ] || fail "the link itself was replaced"
  # A link to a package: refused too, the package kept.
  dc audit export -o real
  expect_status 0
  ln -s real pkglink || fail "setup"
  dc audit export -o pkglink --force
  expect_status 4
  dc audit verify real
  expect_status 0
  # A package with a file of the user's added: not only a package, refused whole.
  cp -r real mixed && echo note > mixed/メモ.txt || fail "setup"
  local before
  before=$(cd mixed && sha256sum -- * | sort)
  dc audit export -o mixed --force
  expect_status 4
  expect_err "it holds メモ.txt, which its MANIFEST.sha256 does not list"
  expect_eq "$(cd mixed && sha256sum -- * | sort)" "$before" "the directory with the user's file"
  # A directory with a subdirectory besides the package's files: refused.
  cp -r real nested && mkdir nested/sub && echo keep > nested/sub/x.txt || fail "setup"
  dc audit export -o nested --force
  expect_status 4
  [ -f nested/sub/x.txt ] || fail "the subdirectory's file was deleted"
  # A manifest that is not one: refused.
  mkdir fake && echo hello > fake/MANIFEST.sha256 && echo keep > fake/a.txt || fail "setup"
  dc audit export -o fake --force
  expect_status 4
  expect_eq "$(ls fake | tr '\n' ' ')" "MANIFEST.sha256 a.txt " "the directory with a foreign manifest"
  expect_eq "$(ls -A | grep -c 'tmp-\|old-')" 0 "no temporary directory left"
}

# case: SEC-OUTPUT-01
test_a_failed_replacement_leaves_the_old_package() {
  audit_city || fail "audit_city"
  dc audit export -o pkg
  expect_status 0
  local before
  before=$(cd pkg && sha256sum -- * | sort)
  # Files of more than 64 KiB cannot be written (EFBIG, SIGXFSZ ignored): the
  # export fails while writing its workbooks.
  out=$(trap '' XFSZ; ulimit -f 64; "$DAICHO" audit export -o pkg --force 2>"$TEST_DIR/stderr"); status=$?
  err=$(cat "$TEST_DIR/stderr")
  [ "$status" -ne 0 ] || fail "setup: the export under a 64 KiB file size limit did not fail"
  expect_eq "$(cd pkg && sha256sum -- * | sort)" "$before" "the old package after a failed replacement"
  dc audit verify pkg
  expect_status 0
  expect_eq "$(ls -A | grep -c 'tmp-\|old-')" 0 "no temporary directory left"
}

test_filters_narrow_the_package() {
  audit_city || fail "audit_city"
  dc audit export -o sys --system jutaku-sys
  expect_status 0
  expect_eq "$(xml_entities sys/register.xml | awk '$1 == "system"' | tr '\n' ' ')" "system jutaku-sys " "systems kept"
  expect_eq "$(xml_entities sys/register.xml | awk '$1 == "asset"' | wc -l)" \
    "$(sql "SELECT count(*) FROM asset WHERE system_id = (SELECT id FROM system WHERE code = 'jutaku-sys')")" "assets of the system"
  grep -q '<filter name="system">jutaku-sys</filter>' sys/register.xml || fail "the filter is not recorded in register.xml"
  grep -q '^# filter_system: jutaku-sys$' sys/MANIFEST.sha256 || fail "the filter is not recorded in the manifest"
  dc audit export -o sec --section jutaku
  expect_status 0
  expect_eq "$(xml_entities sec/register.xml | awk '$1 == "asset"' | wc -l)" \
    "$(sql "SELECT count(*) FROM asset WHERE section_id = (SELECT id FROM section WHERE code = 'jutaku')")" "assets of the section"
  expect_eq "$(xml_entities sec/register.xml | awk '$1 == "review_item"' | wc -l)" \
    "$(sql "SELECT count(*) FROM review_item WHERE section_id = (SELECT id FROM section WHERE code = 'jutaku')")" "review items of the section"
  dc audit export -o fy --fy 2025
  expect_status 0
  [ -e fy/見直し記録.xlsx ] && fail "--fy 2025 kept the review of 2026"
  grep -q "見直し記録.xlsx" fy/説明.txt || fail "説明.txt does not say 見直し記録 was left out"
  [ -e fy/変更履歴.xlsx ] && fail "--fy 2025 kept changes made in 2026"
  dc audit export -o nope --system 無いシステム
  expect_status 3
  expect_err "--system"
  [ -e nope ] && fail "a refused export left a directory"
  dc audit verify sys
  expect_status 0
}

test_as_of_shows_the_register_of_that_day() {
  load_city || fail "load_city"
  dc audit export -o past --as-of 2020-01-01
  expect_status 0
  grep -q 'as-of="2020-01-01"' past/register.xml || fail "register.xml does not record the date"
  expect_eq "$(xml_entities past/register.xml | wc -l)" 0 "nothing existed in 2020"
  grep -q "情報資産台帳.xlsx" past/説明.txt || fail "説明.txt does not say the ledger was left out"
  expect_eq "$(sed -n 's/^# history_seq: //p' past/MANIFEST.sha256)" 0 "no history entry then"
  dc audit verify past --db "$DAICHO_DB"
  expect_status 0
  local today; today=$(date +%F)
  "$DAICHO" asset edit A-0001 --name 改名後 >/dev/null
  dc audit export -o now --as-of "$today"
  expect_eq "$(xml_field now/register.xml asset A-0001 name)" 改名後 "the day's last value"
}

test_records_expiring_lists_and_keeps() {
  audit_city || fail "audit_city"
  dc records expiring
  expect_status 0
  expect_out "no record is past"
  dc records expiring --as-of 2028-04-01 --json
  expect_status 1
  expect_eq "$(json '" ".join(sorted(set(r["kind"] for r in d)))')" "reconcile_run risk_run" "kinds past retention"
  expect_eq "$(json '[r["kept_until"] for r in d if r["kind"] == "reconcile_run"]')" "['2028-03-31']" \
    "a stocktake of FY2026 is kept to the end of FY2027"
  dc records expiring --as-of 2028-03-31 --json
  expect_eq "$(json '[r["kind"] for r in d if r["kind"] == "reconcile_run"]')" "[]" "kept through 31 March 2028"
  "$DAICHO" asset dispose A-0001 --date 2026-05-01 --method 溶解 >/dev/null || fail "could not dispose A-0001"
  dc records expiring --as-of 2031-05-01 --json
  expect_status 1
  expect_eq "$(json '[r["kept_until"] for r in d if r["key"] == "A-0001"]')" "['2031-04-30']" "the disposal record of personal data: 5 years"
  dc records expiring --as-of 2031-04-30 --json
  expect_eq "$(json '[r["key"] for r in d if r["key"] == "A-0001"]')" "[]" "kept through its last day"
  expect_eq "$(sql "SELECT count(*) FROM reconcile_run")" 1 "nothing deleted"
  dc records expiring --as-of 2031-05-01
  expect_status 1
  expect_out "nothing was deleted"
}

# A package changed and its manifest recomputed (issue 16): register.xml and a
# workbook cell edited, a workbook deleted. Without the database the deletion
# is found through 説明.txt; with it, the manifest is not the one recorded and
# register.xml not the one the history gives, naming the entity.
# case: SEC-TAMPER-06
test_an_altered_package_with_a_recomputed_manifest_is_found() {
  audit_city || fail "audit_city"
  dc audit export -o pkg
  expect_status 0
  chmod -R u+w pkg
  python3 - pkg <<'PY' || fail "setup"
import hashlib, os, sys, zipfile
d = sys.argv[1]
p = os.path.join(d, "register.xml")
s = open(p, encoding="utf-8").read()
s = s.replace("入居者台帳データ", "入居者台帳データ（改）", 1)
open(p, "w", encoding="utf-8").write(s)
book = os.path.join(d, "情報資産台帳.xlsx")
z = zipfile.ZipFile(book); items = [(i, z.read(i.filename)) for i in z.infolist()]; z.close()
with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as out:
    for info, data in items:
        if info.filename == "xl/sharedStrings.xml":
            data = data.replace("入居者台帳データ".encode(), "入居者台帳データ（改）".encode(), 1)
        out.writestr(info, data)
os.remove(os.path.join(d, "ID管理簿.xlsx"))
m = os.path.join(d, "MANIFEST.sha256")
lines = []
for line in open(m, encoding="utf-8"):
    if line.startswith("#"):
        lines.append(line); continue
    name = line.rstrip("\n").split("  ", 1)[1]
    if os.path.exists(os.path.join(d, name)):
        lines.append(hashlib.sha256(open(os.path.join(d, name), "rb").read()).hexdigest() + "  " + name + "\n")
open(m, "w", encoding="utf-8").writelines(lines)
PY
  (cd pkg && sha256sum --quiet --strict -c MANIFEST.sha256) || fail "setup: the manifest was not recomputed"
  dc audit verify pkg
  expect_status 1
  expect_err "ID管理簿.xlsx is listed in 説明.txt but is not in the package"
  dc audit verify pkg --db "$DAICHO_DB"
  expect_status 1
  expect_err "MANIFEST.sha256 is not the manifest daicho recorded"
  expect_err "register.xml is not the one its history gives"
  expect_err "asset A-0001: differs"
  # A package without register.xml in its manifest is not complete either.
  dc audit export -o whole
  chmod -R u+w whole && rm whole/register-1.xsd && sed -i '/register-1.xsd$/d' whole/MANIFEST.sha256
  dc audit verify whole
  expect_status 1
  expect_err "register-1.xsd is missing from the package"
}

# What changed after the package is listed (issue 15), and a package of a past
# day (--as-of) is recorded and verifies against the database.
test_changes_after_a_package_are_listed() {
  load_city || fail "load_city"
  dc audit export -o pkg --as-of "$(date +%F)"
  expect_status 0
  "$DAICHO" asset edit A-0002 --note 後の変更 >/dev/null || fail "setup"
  dc audit verify pkg --db "$DAICHO_DB"
  expect_status 0
  expect_out "1 changes were made after the package"
  expect_out "edit  asset  A-0002"
  dc audit verify pkg --db "$DAICHO_DB" --json
  expect_status 0
  expect_eq "$(json '" ".join(str(c[k]) for c in d["changes_after"] for k in ("action", "entity", "key"))')" \
    "edit asset A-0002" "changes_after in JSON"
}
