#!/bin/bash
# Writes the seeds of fuzz-review into tests/fuzz/corpus/review: 住宅課's
# review workbook exported by daicho from the register fuzz-review.c builds
# (the same sections, posts, assets and campaign, so the keys' versions
# match), filled in as a chief would, and saved again by LibreOffice; each
# also as its XML parts (the sheet, shared strings, styles separated by NUL
# bytes), the form the harness zips itself.
#   tests/fuzz/review-seeds.sh [DAICHO]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
daicho=$(realpath "${1:-$here/../../daicho}")
out=$here/corpus/review
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export DAICHO_DB=$work/r.db DAICHO_TODAY=2026-11-22 DAICHO_ACTOR=seed
{
  "$daicho" init --scheme chitose --organisation テスト市
  "$daicho" section add kensetsu --name 建設部
  "$daicho" section add jutaku --name 住宅課 --parent kensetsu
  "$daicho" section add doboku --name 土木課 --parent kensetsu
  "$daicho" post add kacho --name 住宅課長 --section jutaku
  "$daicho" post add doboku-kacho --name 土木課長 --section doboku
  "$daicho" asset add --type data --name 入居者台帳 --c 3 --i 2 --a 1 --section jutaku --post kacho
  "$daicho" asset add --type document --name 家賃減免申請書 --c 3 --i 2 --a 1 --section jutaku --post kacho
  "$daicho" asset add --type hardware --name 旧サーバ --c 2 --i 2 --a 2 --section jutaku --post kacho
  "$daicho" asset add --type hardware --name USBメモリ --c 2 --i 1 --a 1 --section jutaku --post kacho
  "$daicho" asset add --type data --name 道路台帳 --c 1 --i 2 --a 2 --section doboku --post doboku-kacho
  "$daicho" review open --fy 2026 --due 2027-01-31
  "$daicho" review export --section jutaku -o out
} >/dev/null
mkdir -p "$out"
cp out/*.xlsx "$out/exported.xlsx"
# Rows 6-9 are A-0001 … A-0004, row 10 the heading of new assets, 11- their rows.
cp out/*.xlsx answered.xlsx
python3 "$here/../cli/xlsx-fill.py" answered.xlsx 見直し 'D3=佐藤　雅之' 'F3=#46357' \
  E6=変更なし 'F6=山田 太郎' 'G6=#46356' 'H6=確認済み' \
  E7=修正 'Q7=4 極秘' 'AA7=住宅課長' \
  E8=廃棄 'AK8=#46357' AL8=物理破壊 AM8=C-12 \
  E9=移管 AJ9=土木課 AA9=土木課長 \
  J11=データ K11=入居者アンケート結果 'Q11=2 庁外秘' 'S11=2 中' 'U11=1 低' AA11=住宅課長
cp answered.xlsx "$out/answered.xlsx"
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to xlsx \
  --outdir lo answered.xlsx >/dev/null 2>&1
cp lo/answered.xlsx "$out/libreoffice.xlsx"
# The parts of the sheet 見直し, as fuzz-review.c reads an input not starting with PK.
for name in exported answered libreoffice; do
  python3 - "$out/$name.xlsx" "$out/$name.parts" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
workbook = z.read("xl/workbook.xml").decode()
rels = z.read("xl/_rels/workbook.xml.rels").decode()
rid = re.search(r'<sheet [^>]*name="見直し"[^>]*r:id="([^"]+)"', workbook).group(1)
target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels)
if not target:
    target = re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
sheet = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
names = set(z.namelist())
parts = [z.read(sheet)] + [z.read(p) if p in names else b"" for p in ("xl/sharedStrings.xml", "xl/styles.xml")]
open(sys.argv[2], "wb").write(b"\0".join(parts))
EOF
done
ls -l "$out"
