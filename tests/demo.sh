#!/usr/bin/env bash
# `make demo`: the register of the fictional city 架空市 (fixtures/org), built
# with the daicho command in a throw-away directory, then a walk through what
# the register answers. Every command is printed before it runs.
#   tests/demo.sh DAICHO_BINARY
set -euo pipefail
daicho=$(realpath "$1")
root=$(dirname "$(dirname "$(realpath "$0")")")
work=$(mktemp -d -t daicho-demo-XXXXXX)
trap 'rm -rf "$work"' EXIT
export DAICHO_DB=$work/daicho.db DAICHO_ACTOR=demo

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
run() { printf '$ daicho %s\n' "$*"; "$daicho" "$@"; }

step "A new register under Chitose City's scheme (seed 001 付表2), in $work"
run init --scheme chitose --organisation 架空市
run scheme show | sed -n '1,12p'   # sed reads it all: no SIGPIPE

step "The organisation, its systems and 60 assets, loaded through the daicho command"
printf '$ fixtures/load.sh   (sections, persons, posts and holders, systems, assets, dependencies)\n'
"$root/fixtures/load.sh" "$daicho"
for kind in section post person system asset; do
  printf '  %-8s %s\n' "$kind" "$("$daicho" "$kind" list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
done

step "A section's own Excel ledger (title rows, two-row header, levels typed by hand) comes in"
run import assets "$root/fixtures/ledgers/office-ledger-bad.xlsx" || printf '(exit %s: every mistake listed, nothing imported)\n' "$?"
run import assets "$root/fixtures/ledgers/office-ledger.xlsx" --dry-run
run import assets "$root/fixtures/ledgers/office-ledger.xlsx"

step "Assets holding 特定個人情報 (My Number data)"
run asset list --personal-info specific

step "Everything in 建設部 (sections below it included) at 機密性 3 or above"
run asset list --section kensetsu-bu --min-c 3

step "One asset in full: value (重要度), handling mark, who is responsible today"
run asset show A-0001

step "Responsibility stays with the post through the April 2026 transfers"
run asset responsible A-0001 --on 2026-03-31
run asset responsible A-0001 --on 2026-04-01

step "April 2027: 後藤大樹 becomes 住宅課長. No asset row changes."
run post assign jutaku-kacho 015890 --from 2027-04-01
run asset responsible A-0001 --on 2027-04-01
printf 'A-0001 is still version %s\n' "$("$daicho" asset show A-0001 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')"

step "住宅課長 raises the classification of the arrears list; the history records who and what"
run --actor 住宅課長 asset edit A-0003 --c 4 --note "滞納者の個人情報を含むため極秘に変更"
run history --asset A-0003

step "The annual review (年次見直し): a workbook per section, filled in by the chief, taken back"
run review open --due "$(date -d '+60 days' +%Y-%m-%d)"
run review export --section jutaku -o "$work/review"
book=$(ls "$work/review/"*住宅課.xlsx)
rows=$("$daicho" review status --json |
  python3 -c 'import json,sys; print([s["items"] for s in json.load(sys.stdin)["sections"] if s["section"] == "jutaku"][0])')
new_row=$((6 + rows + 1))   # the asset rows start at 6; a heading, then the rows for new assets
printf '(住宅課長 fills it in — here with tests/cli/xlsx-fill.py standing in for Excel: A-0001 変更なし,\n'
printf ' A-0002 修正 to 機密性 4, A-0005 廃棄, a new asset in row %s)\n' "$new_row"
python3 "$root/tests/cli/xlsx-fill.py" "$book" 見直し 'D3=佐藤　雅之' E6=変更なし E7=修正 'Q7=4 極秘' \
  E10=廃棄 "AK10=$(date +%Y-%m-%d)" AL10=溶解処理 \
  "J$new_row=ドキュメント" "K$new_row=市営住宅入居者アンケート" "Q$new_row=2 庁外秘" "S$new_row=1 低" \
  "U$new_row=1 低" "AA$new_row=住宅課長"
run review import "$book"
run review status
run history --asset A-0002 | tail -n 5

step "The yearly ID stocktake (ID棚卸): the roster, the ID register, the system's exported ID list"
ids=$root/fixtures/id
run staff import "$ids/roster.xlsx" --date 2026-11-01
run id import "$ids/jutaku-ids.xlsx" --system 住宅管理システム
printf '(the export is CP932 with full-width IDs and trailing spaces, as the system writes it)\n'
run reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" --as-of 2026-11-22 \
  -o "$work/ID棚卸_住宅管理システム.xlsx" || printf '(exit %s: findings to decide on)\n' "$?"
printf '(each finding decided on its own, with its own note: docs/ja/管理者マニュアル.md 2.8)\n'
run reconcile decide 1 1,3 --decision fix --note "ID管理簿にないゲスト・テスト用のID。システムから削除を依頼"
run reconcile decide 1 2 --decision fix --note "村上彩の全角の重複ID（16と同じ）。システムから削除を依頼"
run reconcile decide 1 4 --decision fix --note "ID管理簿の表記をシステムの Fujii.T に改める"
run reconcile decide 1 5 --decision fix --note "4月に削除済みとしたID。システムから削除を依頼"
run reconcile decide 1 6,7 --decision fix --note "異動した職員のID。システムから削除を依頼"
run reconcile decide 1 8 --decision exception --until 2026-12-25 --note "保有者を人事担当に照会中。12月25日までに分からなければ削除"
run reconcile decide 1 9 --decision fix --note "承認は照会のみ。削除の権限を外すよう依頼"
run reconcile decide 1 10 --decision fix --note "後藤大樹は10月1日に異動（6と同じID）。6の削除で解消"
run reconcile decide 1 11 --decision accept --note "10月に着任し研修中。所属長に利用予定を確認済み。次回の棚卸で再確認"
run reconcile decide 1 12 --decision fix --note "前任の担当課長の特権ID。ID管理簿でも削除済みにする"
run reconcile decide 1 13 --decision exception --until 2026-12-31 --note "保守契約の更新手続中。更新後に有効期限を改める"
run reconcile decide 1 14 --decision fix --note "共有理由・共有者・承認者を記録した申請を出させる"
run reconcile decide 1 15 --decision fix --note "申請者と承認者が同じ。情報政策課長の承認を受け直す"
run reconcile decide 1 16 --decision fix --note "2の全角のIDの削除で解消"
printf '(住宅管理担当課長 is 佐藤, the subject of finding 15: 情報政策課長 approves, on the day of the decision)\n'
run reconcile signoff 1 --by 情報政策課長 --checked-by 住宅課管理係長 --date "$(date +%F)"
run reconcile report 1 -o "$work/ID棚卸_住宅管理システム_承認済.xlsx"
printf '(the network'"'"'s Active Directory, exported by csvde -u: UTF-16, DNs, userAccountControl)\n'
run id import "$ids/lan-ids.csv" --system lan-sys
run reconcile --system lan-sys "$ids/lan-csvde.csv" --profile ad-csvde --as-of 2026-11-22 ||
  printf '(exit %s)\n' "$?"
run reconcile list

step "Periodic duties (定期業務): record one, see what is overdue, print the year's plan"
run duty done id_stocktake --system jukiki-sys --by shimin-kacho --note "ID管理簿とシステムのID一覧を照合、不要ID 2件を削除"
run due --post shimin-kacho || printf '(exit %s: duties never recorded count as overdue)\n' "$?"
run export schedule -o "$work/年間計画.xlsx"

step "The ledger to print, file and hand to the auditor, and a CSV for Excel on Windows"
run export ledger -o "$work/情報資産台帳.xlsx"
printf 'sheets: %s\n' "$(unzip -p "$work/情報資産台帳.xlsx" xl/workbook.xml | grep -o 'sheet name="[^"]*"' | sed 's/sheet name=//; s/"//g' | tr '\n' ' ')"
run export ledger -o "$work/情報資産台帳.csv" --encoding cp932
run export ledger -o "$work/台帳_20260331.xlsx" --as-of 2026-03-31
printf '(as of 2026-03-31 the register was empty: it was recorded today)\n'

step "Risk assessment (seed 001 §3.3): every asset against the threat catalogue, by the IPA method"
run risk needs --changed
run risk assess
run risk list --level 高 | sed -n '1,6p'
run risk show A-0029/T01
later=$(date -d '+6 months' +%F)
run risk set A-0019/T05 --vulnerability 1 --controls "外部宛メールは上長承認" --treatment 低減 \
  --control "送信保留の導入" --owner 市民課長 --due "$later"
run risk accept A-0037/T06 --approver ciso --until "$later" --reason "窓口で2名照合を実施済み"
run export risk -o "$work/リスク評価.xlsx"
printf 'sheets: %s\n' "$(unzip -p "$work/リスク評価.xlsx" xl/workbook.xml | grep -o 'sheet name="[^"]*"' | sed 's/sheet name=//; s/"//g' | tr '\n' ' ')"

step "The history is a hash chain; audit verify checks it and every record against it"
run audit verify

step "The auditor's package: every ledger and record, register.xml with its schema, a manifest"
run audit export -o "$work/監査資料_2026"
run audit verify "$work/監査資料_2026" --db "$DAICHO_DB"

step "A checked backup, and the yearly restore test recorded as a duty (seed 003)"
run backup -o "$work/backup.db"
run restore --test "$work/backup.db" --record --by jutaku-kanri-tanto-kacho --system jutaku-sys

step "Someone edits the file directly with sqlite3..."
printf "$ sqlite3 daicho.db \"UPDATE asset SET c_level_id = (SELECT id FROM level WHERE property='C' AND label='1') WHERE code='A-0003'\"\n"
sqlite3 "$DAICHO_DB" "UPDATE asset SET c_level_id = (SELECT id FROM level WHERE property='C' AND label='1') WHERE code='A-0003'"
run audit verify || printf '(exit %s: the change outside daicho is found)\n' "$?"

printf '\nDone; the throw-away register is removed.\n'
