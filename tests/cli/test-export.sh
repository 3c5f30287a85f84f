# export ledger / export assets: the files, their safety, and what LibreOffice reads in them.

# Parses a CSV (UTF-8, optional BOM) and prints it as one JSON array of rows;
# with "unneutralise", removes the quote daicho puts before formula characters;
# with "cp932", spells 〜 and the like as CP932 does (the export's folding).
csv_rows() {
  python3 - "$1" "${2:-}" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
if sys.argv[2] == "unneutralise":
    rows = [[c[1:] if c[:1] == "'" and c.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r") else c
             for c in row] for row in rows]
if sys.argv[2] == "cp932":
    fold = str.maketrans("\u301c\u2016\u2212\u2014\u00a2\u00a3\u00ac", "\uff5e\u2225\uff0d\u2015\uffe0\uffe1\uffe2")
    rows = [[c.translate(fold) for c in row] for row in rows]
print(json.dumps(rows, ensure_ascii=False))
PY
}

# case: SEC-INJECT-02, SEC-OUTPUT-02
test_ledger_workbook_is_private_and_complete() {
  load_city || fail "load_city"
  dc export ledger -o 台帳.xlsx
  expect_status 0
  expect_out "wrote 台帳.xlsx (as of 2026-11-22)"
  expect_eq "$(stat -c %a 台帳.xlsx)" 600 "mode of the workbook"
  unzip -Z1 台帳.xlsx > entries
  grep -q '^xl/charts/chart1.xml$' entries || fail "no chart in the workbook"
  # 全体 + the 7 sections that own assets + 集計
  expect_eq "$(unzip -Z1 台帳.xlsx | grep -c '^xl/worksheets/sheet[0-9]*.xml$')" 9 "sheets"
  expect_eq "$(unzip -p 台帳.xlsx xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)" 61 "rows of 全体"
  expect_eq "$(unzip -p 台帳.xlsx 'xl/worksheets/*.xml' | grep -c '<f>')" 0 "formula cells"
  ls | grep -q 'tmp-' && fail "a temporary file was left: $(ls)"
  return 0
}

# The 集計 sheet: the title, organisation, 基準日 and handling mark in its page
# header like the other sheets; the counts are of the assets in use, the
# retired and disposed ones on lines of their own; each column at least as wide
# as its header (wide characters count 2), so no header word is split.
test_ledger_summary_counts_assets_in_use_under_a_header() {
  load_city || fail "load_city"
  local code
  code=$(sql "SELECT code FROM asset WHERE status = 'active' ORDER BY code LIMIT 1")
  "$DAICHO" asset dispose "$code" --date 2026-10-01 --method 溶解 >/dev/null || fail "setup: dispose $code"
  local in_use disposed retired
  in_use=$(sql "SELECT count(*) FROM asset WHERE status = 'active'")
  disposed=$(sql "SELECT count(*) FROM asset WHERE status = 'disposed'")
  retired=$(sql "SELECT count(*) FROM asset WHERE status = 'retired'")
  [ "$disposed" -ge 1 ] || fail "setup: no disposed asset"
  dc export ledger -o 台帳.xlsx
  expect_status 0
  out=$(python3 "$DAICHO_ROOT/tests/cli/xlsx-sheet.py" 台帳.xlsx 集計) || fail "reading 集計"
  for part in 取扱注意 情報資産台帳 架空市 集計 "基準日 2026-11-22"; do
    grep -qF "$part" <<<"$(json 'd["header"]')" || fail "集計's page header lacks $part: $(json 'd["header"]')"
  done
  expect_eq "$(json '[r[1] for r in d["rows"] if r and r[0] == "計（使用中）"]')" "['$in_use']" "assets in use"
  expect_eq "$(json '[r[1] for r in d["rows"] if r and r[0] == "廃棄済み"]')" "['$disposed']" "disposed line"
  expect_eq "$(json '[r[1] for r in d["rows"] if r and r[0] == "使用終了"]')" "['$retired']" "retired line"
  expect_eq "$(json 'sum(int(r[1]) for r in d["rows"][[i for i, r in enumerate(d["rows"]) if r[:1] == ["所管課"]][0] + 1:] if len(r) == 5)')" "$in_use" \
    "所管課別 counts only assets in use"
  # Header cells: the rows whose first cell is a property or 所管課.
  expect_eq "$(json '[(c, len(r)) for r in d["rows"] if r and r[0] in ("機密性", "完全性", "可用性", "所管課")
    for i, c in enumerate(r)
    if next((w for a, b, w in d["cols"] if a <= i + 1 <= b), 8.43) < sum(2 if ord(ch) > 0x2E7F else 1 for ch in c)]')" \
    "[]" "headers wider than their columns"
}

test_libreoffice_reads_what_we_wrote() {
  command -v soffice >/dev/null || { fail "LibreOffice (soffice) is not installed"; return; }
  load_city || fail "load_city"
  "$DAICHO" asset edit A-0005 --name '=HYPERLINK("http://example.invalid","x")' --note '+cmd' >/dev/null
  dc export ledger -o ledger.xlsx
  dc export ledger -o ledger.csv --encoding utf-8
  expect_status 0
  mkdir lo
  soffice -env:UserInstallation=file://$TEST_DIR/lo-profile --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir lo ledger.xlsx >/dev/null 2>&1 \
    || fail "soffice could not convert the workbook"
  [ -s lo/ledger.csv ] || { fail "LibreOffice wrote no CSV"; return; }
  # The first sheet as LibreOffice reads it equals our CSV of the ledger.
  expect_eq "$(csv_rows lo/ledger.csv)" "$(csv_rows ledger.csv unneutralise)" "LibreOffice's reading of 全体"
  expect_eq "$(csv_rows lo/ledger.csv | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), r[5][2])')" \
    '61 =HYPERLINK("http://example.invalid","x")' "rows and a formula-like name kept as text"
}

# case: SEC-INJECT-01
test_csv_encodings_and_injection() {
  load_city || fail "load_city"
  "$DAICHO" asset edit A-0007 --note '@SUM(1+1)' >/dev/null
  dc export ledger -o bom.csv
  expect_eq "$(head -c 3 bom.csv | od -An -tx1 | tr -d ' ')" efbbbf "UTF-8 BOM"
  grep -q "\"'@SUM(1+1)\"" bom.csv || fail "a cell starting with @ was not neutralised"
  dc export ledger -o sjis.csv --encoding cp932
  expect_status 0
  iconv -f CP932 -t UTF-8 sjis.csv > back.csv || fail "not valid CP932"
  grep -q '入居者台帳データ' back.csv || fail "CP932 content lost"
  [ "$(csv_rows back.csv)" == "$(csv_rows bom.csv cp932)" ] || fail "CP932 and UTF-8 exports differ"
  grep -q 'J-01～J-03' back.csv || fail "〜 was not written as CP932's ～"
}

# case: SEC-OUTPUT-01
test_unencodable_character_names_asset_and_keeps_old_file() {
  load_city || fail "load_city"
  "$DAICHO" export ledger -o sjis.csv --encoding cp932 >/dev/null
  before=$(sha256sum sjis.csv)
  "$DAICHO" asset edit A-0012 --note '保守契約🔧' >/dev/null
  dc export ledger -o sjis.csv --encoding cp932
  expect_status 3
  expect_err "A-0012, column 備考"
  expect_err "U+1F527"
  expect_eq "$(sha256sum sjis.csv)" "$before" "the earlier file"
  ls | grep -q 'tmp-' && fail "a temporary file was left"
  return 0
}

test_filters_language_and_usage() {
  load_city || fail "load_city"
  dc export ledger -o jutaku.csv --section 住宅課 --status active
  expect_status 0
  rows=$(csv_rows jutaku.csv | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r)-1, sorted(set(x[11] for x in r[1:])), sorted(set(x[17] for x in r[1:])))')
  expected=$(awk -F'\t' 'NR>1 && $11=="jutaku" && $16=="active"' "$DAICHO_ROOT/fixtures/org/assets.tsv" | wc -l)
  expect_eq "$rows" "$expected ['住宅課'] ['使用中']" "rows of 住宅課 in use"
  dc export ledger -o en.csv --lang en
  head -1 en.csv | grep -q '"Asset code","Type","Name"' || fail "English headers: $(head -1 en.csv)"
  dc export ledger -o x.xlsx --format pdf
  expect_status 2
  dc export ledger -o x.xlsx --encoding cp932
  expect_status 2
  dc export ledger -o x.xlsx --section 存在しない課
  expect_status 3
  expect_err "section '存在しない課' does not exist"
}

test_as_of_before_and_after() {
  load_city || fail "load_city"
  # Everything was recorded today (the real clock); as of an earlier date the register is empty.
  dc export ledger -o past.csv --as-of 2020-01-01
  expect_status 0
  expect_out "as of 2020-01-01"
  expect_eq "$(csv_rows past.csv | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 1 "rows as of 2020"
  today=$(date +%Y-%m-%d)
  dc export ledger -o now.csv --as-of "$today"
  "$DAICHO" export ledger -o plain.csv >/dev/null
  expect_eq "$(csv_rows now.csv | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 61 "rows as of today"
  dc export ledger -o bad.csv --as-of 2026-02-30
  expect_status 3
  expect_err "is not a date"
}

test_asset_export_form() {
  load_city || fail "load_city"
  dc export assets -o assets.csv
  expect_status 0
  head -1 assets.csv | grep -q '"資産番号","資産種別","資産名称","主要項目","個人情報の有無","機密性"' || fail "headers: $(head -1 assets.csv)"
  expect_eq "$(csv_rows assets.csv | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r)-1, r[1][1], r[1][5], r[1][10])')" \
    "60 data 3 jutaku" "rows and codes"
  dc export assets -o assets.xlsx
  expect_status 0
  expect_eq "$(stat -c %a assets.xlsx)" 600 "mode"
  dc export assets
  expect_status 2
}

# The cells of the first sheet of an xlsx as one JSON array of rows, read with
# Python's zipfile and XML parser (not daicho's reader): inline and shared
# strings with their _xHHHH_ escapes decoded, numbers as written; and the
# number of formula (<f>) elements in every sheet.
xlsx_rows() {
  python3 - "$1" <<'PY'
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
def text(node):
    s = "".join(t.text or "" for t in node.iter("{%s}t" % ns["m"]))
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    shared = [text(si) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
def column(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1
rows = []
for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}row" % ns["m"]):
    cells = {}
    for c in row.findall("m:c", ns):
        v = c.find("m:v", ns)
        kind = c.get("t")
        value = text(c) if kind == "inlineStr" else shared[int(v.text)] if kind == "s" else v.text if v is not None else ""
        cells[column(c.get("r"))] = value
    rows.append([cells.get(i, "") for i in range(max(cells) + 1 if cells else 0)])
formulas = sum(z.read(n).count(b"<f") for n in z.namelist() if n.startswith("xl/worksheets/"))
print(json.dumps({"rows": rows, "formulas": formulas}, ensure_ascii=False))
PY
}

# case: SEC-INJECT-01, SEC-INJECT-02
test_formula_leading_text_round_trips_through_every_export() {
  load_city || fail "load_city"
  "$DAICHO" asset edit A-0001 --name '=1+1' --note '=HYPERLINK("http://example.invalid","x")' >/dev/null &&
  "$DAICHO" asset edit A-0002 --name '+81 90 1234' --note '-2+3' >/dev/null &&
  "$DAICHO" asset edit A-0003 --name '@SUM(A1:A9)' --note "'=already quoted" >/dev/null &&
  "$DAICHO" asset edit A-0004 --name $'\tTAB first' --note $'\rCR first' >/dev/null ||
    fail "editing the assets"
  before=$("$DAICHO" asset list --json)
  expected='["=1+1", "+81 90 1234", "@SUM(A1:A9)", "\tTAB first"] ["=HYPERLINK(\"http://example.invalid\",\"x\")", "-2+3", "'"'"'=already quoted", "\rCR first"]'
  pick='import json,sys; r=json.load(sys.stdin); r=r["rows"] if isinstance(r, dict) else r; print(json.dumps([x[2] for x in r[1:5]]), json.dumps([x[COL] for x in r[1:5]]))'

  # The ledger: as text in the workbook (no formula anywhere), quoted in the CSV.
  "$DAICHO" export ledger -o ledger.xlsx >/dev/null && "$DAICHO" export ledger -o ledger.csv >/dev/null ||
    fail "export ledger"
  workbook=$(xlsx_rows ledger.xlsx)
  expect_eq "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["formulas"])' <<<"$workbook")" 0 "formulas in the ledger"
  expect_eq "$(python3 -c "${pick/COL/21}" <<<"$workbook")" "$expected" "the ledger workbook's cells"
  expect_eq "$(csv_rows ledger.csv unneutralise | python3 -c "${pick/COL/21}")" "$expected" "the ledger CSV, unquoted"
  grep -q "\"'=1+1\"" ledger.csv && grep -q "\"'@SUM(A1:A9)\"" ledger.csv && grep -q "\"''=already quoted\"" ledger.csv &&
    grep -q "\"'"$'\t'"TAB first\"" ledger.csv || fail "the ledger CSV does not quote formula characters"

  # The data form: both files read back into an empty register give the same assets.
  "$DAICHO" export assets -o assets.xlsx >/dev/null && "$DAICHO" export assets -o assets.csv >/dev/null ||
    fail "export assets"
  workbook=$(xlsx_rows assets.xlsx)
  expect_eq "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["formulas"])' <<<"$workbook")" 0 "formulas in the assets workbook"
  expect_eq "$(python3 -c "${pick/COL/19}" <<<"$workbook")" "$expected" "the assets workbook's cells"
  for file in assets.xlsx assets.csv; do
    load_org || fail "setup"
    dc import assets "$file"
    expect_status 0
    expect_eq "$("$DAICHO" asset list --json)" "$before" "the register read back from $file"
  done
}

# 全体 and the section sheets: a header wraps between its words, never inside
# one (管理責任者 | （補職名）, 個人情報の | 有無): each column is at least as wide
# as the widest word of its header (wide characters count 2).
test_ledger_headers_wrap_between_words() {
  load_city || fail "load_city"
  dc export ledger -o 台帳.xlsx
  expect_status 0
  out=$(python3 "$DAICHO_ROOT/tests/cli/xlsx-sheet.py" 台帳.xlsx 全体) || fail "reading 全体"
  local header_row
  header_row=$(json '[i for i, r in enumerate(d["rows"]) if "資産名称" in r][0]')
  expect_eq "$(json "[c for i, c in enumerate(d['rows'][$header_row])
    for word in __import__('re').split(r'[ 　]|(?=[（(])|(?<=[・/／の])', c) if word
    if next((w for a, b, w in d['cols'] if a <= i + 1 <= b), 8.43) < sum(2 if ord(ch) > 0x2E7F else 1 for ch in word)]")" "[]" "header words wider than their columns"
}
