# review open|export|import|status|close: the annual review through workbooks
# the section chiefs fill in, on the fictional city (住宅課: 16 assets in use).
#
# The 住宅課 workbook: rows 6–21 are A-0001 … A-0018 (A-0011 is disposed and
# A-0013 retired, so not under review), row 22 the heading of the rows for new
# assets, rows 23– those rows. Columns: D3 見直し実施者, F3 実施日, E 判定,
# F 確認者, Q 修正後の機密性, U 修正後の可用性, AA 修正後の管理責任者,
# AJ 移管先, AK 廃棄日, AL 廃棄方法; new assets: J 種別, K 名称, Q/S/U C/I/A.

JUTAKU=情報資産見直し_2026年度_住宅課.xlsx

# The city with the review of 2026 open (due 2027-01-31) and 住宅課's workbook in ./jutaku.xlsx.
opened() {
  load_city &&
  "$DAICHO" review open --fy 2026 --due 2027-01-31 >/dev/null &&
  "$DAICHO" review export --section jutaku -o out >/dev/null &&
  cp "out/$JUTAKU" jutaku.xlsx
}
# fill FILE CELL=VALUE ...: what a chief types into the sheet 見直し (#N: a date serial).
fill() { local f=$1; shift; python3 "$DAICHO_ROOT/tests/cli/xlsx-fill.py" "$f" 見直し "$@"; }
# resave FILE: opened and saved again by LibreOffice, as lo/FILE.
resave() {
  command -v soffice >/dev/null || { fail "LibreOffice (soffice) is not installed"; return 1; }
  mkdir -p lo
  soffice -env:UserInstallation=file://$TEST_DIR/lo-profile --headless --convert-to xlsx \
    --outdir lo "$1" >/dev/null 2>&1 || { fail "soffice could not convert $1"; return 1; }
  [ -s "lo/$1" ] || { fail "LibreOffice wrote nothing"; return 1; }
  cmp -s "lo/$1" "$1" && { fail "LibreOffice did not rewrite $1"; return 1; }
  return 0
}
asset_field() { "$DAICHO" asset show "$1" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['$2'])"; }
answered() { "$DAICHO" review status --json | python3 -c "
import json,sys; d=json.load(sys.stdin); s=[x for x in d['sections'] if x['section']=='$1'][0]
print(s['answered'], s['pending'])"; }

# case: SEC-INJECT-02, SEC-OUTPUT-02
test_open_export_status() {
  load_city || fail "load_city"
  dc review open --fy 2026 --due 2027-01-31
  expect_status 0
  expect_out "review of 令和8年度 (2026) open since 2026-11-22, due 2027-01-31: 55 assets in 7 sections (55 added now)"
  dc review export -o out
  expect_status 0
  expect_eq "$(ls out | wc -l)" 7 "workbooks"
  expect_out "wrote out/$JUTAKU (住宅課: 16 assets)"
  expect_eq "$(stat -c %a "out/$JUTAKU")" 600 "mode of a workbook"
  expect_eq "$(unzip -p "out/$JUTAKU" 'xl/worksheets/*.xml' | grep -c '<f>')" 0 "formula cells"
  dc review status --json
  expect_eq "$(json 'd["totals"]["items"], d["totals"]["pending"], d["due_on"], d["status"]')" \
    "55 55 2027-01-31 open" "status"
  dc review status
  expect_out "住宅課      16"
  # Opening again adds what was entered since; a year far ahead is refused.
  "$DAICHO" asset add --type data --name 新しい資産 --c 1 --i 1 --a 1 --section doboku --post doboku-kacho >/dev/null
  dc review open --fy 2026
  expect_out "56 assets in 7 sections (1 added now)"
  dc review open --fy 2030
  expect_status 3
  dc review export
  expect_status 2
}

test_round_trip_through_libreoffice() {
  opened || { fail "setup"; return; }
  fill jutaku.xlsx 'D3=佐藤　雅之' 'F3=#46357' \
    E6=変更なし \
    E7=修正 'Q7=4 極秘' \
    E8=廃棄 'AK8=#46357' AL8=物理破壊 \
    E9=移管 AJ9=土木課 AA9=土木課長 'F9=山本 一郎' \
    J23=データ K23=入居者アンケート結果 'Q23=2 庁外秘' 'S23=2 中' 'U23=1 低' AA23=住宅課長 || fail "fill"
  resave jutaku.xlsx || { fail "setup: resave"; return; }
  DAICHO_TODAY=2026-12-05 dc review import lo/jutaku.xlsx
  expect_status 0
  expect_out "applied jutaku.xlsx: 2026年度 住宅課, 見直し実施者 佐藤　雅之"
  expect_out "recorded review 2026/jutaku/1: 1 変更なし, 1 修正, 1 廃棄, 1 移管, 1 新規; 12 unanswered"
  expect_out "機密性: 3 → 4"
  expect_eq "$(asset_field A-0002 c)/$(asset_field A-0002 version)/$(asset_field A-0002 last_reviewed_on)" \
    "4/2/2026-12-01" "A-0002 corrected"
  expect_eq "$(asset_field A-0001 version)/$(asset_field A-0001 next_review_due)" "1/2028-03-31" "A-0001 confirmed"
  expect_eq "$(asset_field A-0003 status)/$(asset_field A-0003 disposed_on)/$(asset_field A-0003 disposal_method)" \
    "disposed/2026-12-01/物理破壊" "A-0003 disposed"
  expect_eq "$(asset_field A-0004 section)/$(asset_field A-0004 post)" "doboku/doboku-kacho" "A-0004 moved"
  expect_eq "$(asset_field A-0061 name)/$(asset_field A-0061 section)" "入居者アンケート結果/jutaku" "new asset"
  # The history says who reviewed each row (on a server: the login that
  # imported it; the reviewer is in the return); the workbook is recorded with its SHA-256.
  dc history --asset A-0004 --json
  local reviewer="山本 一郎 (review 2026/jutaku/1)"
  on_postgresql && reviewer=$(actor)
  expect_eq "$(json 'd[-1]["actor"], d[-1]["action"]')" "$reviewer review" "actor"
  dc history --entity review_return --json
  expect_eq "$(json 'd[0]["after"]["sha256"]')" "$(sha256sum lo/jutaku.xlsx | cut -d' ' -f1)" "SHA-256"
  expect_eq "$(json 'd[0]["after"]["reviewer"], d[0]["actor"]')" "佐藤　雅之 $(actor)" "reviewer and importer"
  expect_eq "$(answered jutaku)" "5 12" "answered/pending"
  dc audit verify
  expect_status 0
  # A second workbook of the section shows what was answered and takes the rest.
  DAICHO_TODAY=2026-12-05 dc review export --section jutaku -o again
  expect_out "住宅課: 15 assets"   # A-0003 disposed and A-0004 moved away; A-0061 is new
  fill "again/$JUTAKU" 'D3=佐藤　雅之' E6=修正 'U6=3 高' || fail "fill"
  DAICHO_TODAY=2026-12-06 dc review import "again/$JUTAKU"
  expect_status 0
  expect_out "recorded review 2026/jutaku/2"
  expect_eq "$(asset_field A-0001 a)/$(asset_field A-0001 version)" "3/2" "A-0001 corrected on the second round"
}

test_stale_row_is_a_conflict() {
  opened || { fail "setup"; return; }
  "$DAICHO" asset edit A-0002 --storage 書庫B >/dev/null   # after the workbook went out
  fill jutaku.xlsx 'D3=佐藤　雅之' E6=変更なし E7=修正 'Q7=4 極秘' || fail "fill"
  before=$(sql "SELECT count(*) FROM history")
  DAICHO_TODAY=2026-12-05 dc review import jutaku.xlsx
  expect_status 4
  expect_err "jutaku.xlsx, sheet 見直し, row 7: asset A-0002 was changed after this workbook was written (version 1 in the workbook, 2 now, edit by $(actor)"
  expect_err "1 problem (rows changed since the workbook was written); nothing was imported"
  expect_eq "$(sql "SELECT count(*) FROM history")" "$before" "history entries"
  # --partial applies the other row and says what it left out; a row left
  # out as a conflict is still exit 4.
  DAICHO_TODAY=2026-12-05 dc review import jutaku.xlsx --partial
  expect_status 4
  expect_out "1 変更なし, 0 修正"
  expect_out "1 row with problems left out"
  expect_eq "$(answered jutaku)" "1 15" "answered/pending"
  expect_eq "$(asset_field A-0002 c)" 3 "A-0002 not changed"
}

test_value_typed_outside_a_dropdown() {
  opened || { fail "setup"; return; }
  # Pasted over the dropdowns: Excel's own check does not stop a paste.
  fill jutaku.xlsx 'D3=佐藤　雅之' E6=保留 E7=修正 'Q7=5 超極秘' E8=移管 AJ8=教育委員会 AA8=住宅課長 || fail "fill"
  resave jutaku.xlsx || { fail "setup: resave"; return; }
  DAICHO_TODAY=2026-12-05 dc review import lo/jutaku.xlsx
  expect_status 3
  expect_err "jutaku.xlsx, sheet 見直し, row 6, column E (判定 ▼): '保留' is not one of the choices (▼): 変更なし, 修正, 廃棄, 移管"
  expect_err "row 7, column Q (修正後の機密性 ▼): '5 超極秘' is not one of the choices (▼)"
  expect_err "row 8, column AJ (移管先（所管課） ▼): '教育委員会' is not one of the choices (▼)"
  expect_err "3 problems; nothing was imported"
  expect_eq "$(answered jutaku)" "0 16" "answered/pending"
}

# A date that cannot be read in the workbook is told as every import tells it:
# the text as written, the forms that can be read, sheet, row and column.
test_a_date_that_cannot_be_read() {
  opened || fail "setup"
  fill jutaku.xlsx 'D3=佐藤　雅之' E6=変更なし G6=来週の月曜 E7=変更なし G7=令和8年12月1日 || fail "fill"
  DAICHO_TODAY=2026-12-05 dc review import jutaku.xlsx
  expect_status 3
  expect_err "jutaku.xlsx, sheet 見直し, row 6, column G (確認日): 確認日: '来週の月曜' is not a date; write it as 2026-04-01, 2026/4/1, 2026.4.1, 2026年4月1日, 令和8年4月1日 or R8.4.1"
  expect_err "1 problem; nothing was imported"
}

test_dry_run_changes_nothing() {
  opened || { fail "setup"; return; }
  fill jutaku.xlsx 'D3=佐藤　雅之' E6=変更なし E7=修正 'Q7=4' || fail "fill"
  before=$(sql "SELECT count(*) FROM history")
  DAICHO_TODAY=2026-12-05 dc review import jutaku.xlsx --dry-run --json
  expect_status 0
  expect_eq "$(json 'd["dry_run"], d["return"], d["answered"]["changed"], d["rows"][1]["changes"]')" \
    "True 2026/jutaku/1 1 機密性: 3 → 4" "dry run report"
  expect_eq "$(sql "SELECT count(*) FROM history")" "$before" "history entries"
  expect_eq "$(asset_field A-0002 c)" 3 "A-0002"
}

test_close_records_the_duties() {
  opened || { fail "setup"; return; }
  dc review close
  expect_status 3
  expect_err "duty post asset_review"
  dc review close --by joho-kacho
  expect_status 4
  expect_err "55 items of fiscal year 2026 are still unanswered"
  "$DAICHO" duty post asset_review joho-kacho >/dev/null
  dc review close --force --note 未回答の所属は次年度に確認
  expect_status 0
  expect_out "closed the review of 2026 on 2026-11-22 by joho-kacho"
  dc duty log --json
  expect_eq "$(json '[(x["duty"], x["post"], x["person"]) for x in d]')" \
    "[('asset_review', 'joho-kacho', '002208'), ('classification_review', 'joho-kacho', '002208')]" "duties recorded"
  dc review status
  expect_out "終了 2026-11-22（joho-kacho）"
  fill jutaku.xlsx 'D3=佐藤　雅之' E6=変更なし || fail "fill"
  dc review import jutaku.xlsx
  expect_status 4
  expect_err "was closed on 2026-11-22"
  dc audit verify
  expect_status 0
}

# A chief's workbook taken back twice by two routes (once re-saved by
# LibreOffice, then the original with --partial): the new asset it adds is
# added once. The new rows carry the workbook's own key; the second return of
# the same row is refused as already taken (exit 4, the row named).
test_a_new_row_returned_twice_is_added_once() {
  opened || { fail "setup"; return; }
  fill jutaku.xlsx 'D3=佐藤　雅之' E6=変更なし E7=修正 'Q7=4 極秘' \
    J23=データ K23=入居者アンケート結果 'Q23=2 庁外秘' 'S23=2 中' 'U23=1 低' AA23=住宅課長 || fail "fill"
  resave jutaku.xlsx || { fail "setup: resave"; return; }
  DAICHO_TODAY=2026-12-05 dc review import lo/jutaku.xlsx
  expect_status 0
  expect_out "1 変更なし, 1 修正, 0 廃棄, 0 移管, 1 新規"
  expect_eq "$(asset_field A-0061 name)" 入居者アンケート結果 "the new asset"
  local assets; assets=$(sql "SELECT count(*) FROM asset")
  DAICHO_TODAY=2026-12-05 dc review import jutaku.xlsx
  expect_status 4
  expect_err "jutaku.xlsx, sheet 見直し, row 23: this new asset was already added from this workbook as A-0061 (review 2026/jutaku/1)"
  DAICHO_TODAY=2026-12-05 dc review import jutaku.xlsx --partial
  expect_status 4
  expect_err "row 23: this new asset was already added from this workbook as A-0061"
  expect_eq "$(sql "SELECT count(*) FROM asset")" "$assets" "assets after the second return"
  expect_eq "$(sql "SELECT count(*) FROM asset WHERE name = '入居者アンケート結果'")" 1 "the new asset, once"
  dc audit verify
  expect_status 0
  # A workbook exported again has new rows of its own.
  DAICHO_TODAY=2026-12-05 dc review export --section jutaku -o again
  # (17 assets in rows 6–22, the heading in row 23, new rows from row 24)
  fill "again/$JUTAKU" 'D3=佐藤　雅之' J24=データ K24=別の資産 'Q24=1 一般' 'S24=1 低' 'U24=1 低' AA24=住宅課長 || fail "fill"
  DAICHO_TODAY=2026-12-05 dc review import "again/$JUTAKU"
  expect_status 0
  expect_eq "$(asset_field A-0062 name)" 別の資産 "a new row of the next workbook"
}

# An asset's row with only 確認者, 確認日 or a comment and no 判定 is reported
# with its row and column, and the file refused (with --partial, left out).
test_a_row_with_notes_but_no_decision_is_reported() {
  opened || { fail "setup"; return; }
  fill jutaku.xlsx 'D3=佐藤　雅之' E6=変更なし 'F7=山本 一郎' H8=来年度に見直す 'G9=#46357' 'F23=山本 一郎' || fail "fill"
  resave jutaku.xlsx || { fail "setup: resave"; return; }
  local before; before=$(sql "SELECT count(*) FROM history")
  DAICHO_TODAY=2026-12-05 dc review import lo/jutaku.xlsx
  expect_status 3
  expect_err "jutaku.xlsx, sheet 見直し, row 7, column F (確認者): 判定 is empty, but this cell is filled in"
  expect_err "row 8, column H (見直しコメント): 判定 is empty, but this cell is filled in"
  expect_err "row 9, column G (確認日): 判定 is empty, but this cell is filled in"
  # A spare row for a new asset with only 確認者 (a name filled down) is no answer.
  expect_err "3 problems; nothing was imported"
  expect_eq "$(sql "SELECT count(*) FROM history")" "$before" "history entries"
  DAICHO_TODAY=2026-12-05 dc review import lo/jutaku.xlsx --partial
  expect_status 1
  expect_out "1 変更なし, 0 修正"
  expect_out "3 rows with problems left out"
  expect_eq "$(answered jutaku)" "1 15" "answered/pending"
}

# An office that numbers its assets DB-001… gets DB-007 for a new row of its
# review workbook, not the register's A-0061.
test_a_new_row_continues_the_section_series() {
  load_city || fail "setup"
  local i
  for i in 1 2 3 4 5 6; do
    "$DAICHO" asset add --code "DB-00$i" --type data --name "土木資産$i" --c 1 --i 1 --a 1 \
      --section doboku --post doboku-kacho >/dev/null || fail "setup: DB-00$i"
  done
  "$DAICHO" review open --fy 2026 --due 2027-01-31 >/dev/null || fail "setup: review open"
  "$DAICHO" review export --section doboku -o out >/dev/null || fail "setup: review export"
  # (10 assets in rows 6–15, the heading in row 16, new rows from row 17)
  fill out/情報資産見直し_2026年度_土木課.xlsx 'D3=土木　太郎' J17=データ K17=橋梁点検記録 \
    'Q17=1 一般' 'S17=1 低' 'U17=1 低' AA17=土木課長 || fail "fill"
  DAICHO_TODAY=2026-12-05 dc review import out/情報資産見直し_2026年度_土木課.xlsx
  expect_status 0
  expect_eq "$(sql "SELECT code FROM asset WHERE name = '橋梁点検記録'")" DB-007 "the new asset's code"
}
