# The Japanese manuals (docs/ja/) cannot silently rot: every `daicho ...`
# command line they quote names a command daicho knows (`daicho COMMAND
# [SUBCOMMAND] --help` exits 0) and uses only options that command lists, and
# the outputs they quote are what daicho prints (check_outputs below).

MANUALS=("$DAICHO_ROOT/docs/ja/管理者マニュアル.md" "$DAICHO_ROOT/docs/ja/利用者マニュアル.md")

# The first word that is not a global option (--db X, --actor X) and the index after it.
first_word() {
  local i=0
  while [ $i -lt ${#args[@]} ]; do
    case ${args[$i]} in
      --db|--actor) i=$((i + 2)) ;;
      --db=*|--actor=*) i=$((i + 1)) ;;
      *) break ;;
    esac
  done
  echo $i
}

# check_manual FILE...: prints a line per problem; sets checked (lines checked)
# and problems (how many problems).
check_manual() {
  checked=0 problems=0
  local where words help cmd sub i
  while IFS=$'\t' read -r where words; do
    IFS=$'\037' read -r -a args <<<"$words"
    i=$(first_word)
    cmd=${args[$i]:-}
    case $cmd in
      help)
        # `daicho help [COMMAND [SUBCOMMAND]]` only prints help: run it as quoted.
        "$DAICHO" "${args[@]:$i}" >/dev/null 2>&1 || { echo "$where: daicho ${args[*]:$i} fails"; problems=$((problems + 1)); }
        checked=$((checked + 1)); continue ;;
      --version|--help|'')
        "$DAICHO" "${cmd:---help}" >/dev/null 2>&1 || { echo "$where: daicho $cmd fails"; problems=$((problems + 1)); }
        checked=$((checked + 1)); continue ;;
      -*|*[!a-z]*)
        # A placeholder (daicho コマンド --help) or an option where a command belongs.
        [[ $cmd == -* ]] && { echo "$where: '$cmd' stands where a command belongs"; problems=$((problems + 1)); }
        continue ;;
    esac
    # A known command's help names it in its usage line (the list of commands does not).
    help=$("$DAICHO" "$cmd" --help 2>&1)
    if [ $? -ne 0 ] || ! head -n 2 <<<"$help" | grep -qE "daicho $cmd( |\$)"; then
      echo "$where: daicho has no command '$cmd'"; problems=$((problems + 1)); continue
    fi
    i=$((i + 1))
    # A word after the command is a subcommand when its help is its own
    # (reconcile takes an export file and has subcommands: decide, signoff, ...).
    sub=${args[$i]:-}
    if ! grep -q '^Commands:' <<<"$help" && [ -n "$sub" ] && [[ $sub != -* ]]; then
      local own
      own=$("$DAICHO" "$cmd" "$sub" --help 2>&1) && [ "$own" != "$help" ] && { help=$own; i=$((i + 1)); }
    elif grep -q '^Commands:' <<<"$help"; then
      if [ -n "$sub" ] && [[ $sub != -* ]]; then
        help=$("$DAICHO" "$cmd" "$sub" --help 2>&1)
        if [ $? -ne 0 ] || ! head -n 2 <<<"$help" | grep -qE "daicho $cmd $sub( |\$)"; then
          echo "$where: daicho $cmd has no subcommand '$sub'"; problems=$((problems + 1)); continue
        fi
        i=$((i + 1))
      elif [ "$sub" != --help ]; then
        echo "$where: daicho $cmd needs a subcommand"; problems=$((problems + 1)); continue
      fi
    fi
    # Every option named must be one this command lists (or a global one).
    local word name
    for word in "${args[@]:$i}"; do
      case $word in
        --help|--db|--db=*|--actor|--actor=*) continue ;;
        --*) name=${word%%=*} ;;
        -?) name=$word ;;
        *) continue ;;
      esac
      if ! grep -qE -- "(^|[ ,])$name([=, ]|\$)" <<<"$help"; then
        echo "$where: daicho ${args[*]:0:$i}: no option $name"; problems=$((problems + 1))
      fi
    done
    checked=$((checked + 1))
  done < <(python3 "$DAICHO_ROOT/tests/cli/manual-commands.py" "$@")
}

test_every_command_in_the_manuals_is_known() {
  expect_clean_check "$(check_manual "${MANUALS[@]}"; echo "checked=$checked problems=$problems")" 100 \
    "manual command lines"
}

test_both_manuals_quote_commands() {
  for manual in "${MANUALS[@]}"; do
    [ -s "$manual" ] || { fail "$manual is missing"; continue; }
    local n
    n=$(python3 "$DAICHO_ROOT/tests/cli/manual-commands.py" "$manual" | wc -l)
    [ "$n" -ge 3 ] || fail "$manual quotes $n command lines"
  done
}

# The check itself finds what rots: an unknown subcommand, an unknown option,
# a command group given alone, a continued line, help and inline code.
test_the_check_finds_unknown_commands_and_options() {
  cat >manual.md <<'EOF'
```sh
daicho asset frobnicate A-0001
daicho asset add --type データ --bogus 1 \
    --colour red          # comment --ignored
daicho sectoin list
daicho review
daicho records expiring --as-of 2026-01-01 --colour red
daicho help asset frobnicate
daicho --db x.db --actor 課長 asset list --min-c 3 | head
```
Inline: `daicho asset show --jsn A-0001`, `daicho audit verify --json`.
```text
$ daicho due --within 30d
$ daicho reconcile decide 1 all --decision fix --note x --by 課長
due output line --not-an-option
```
EOF
  local report
  report=$(check_manual manual.md; echo "checked=$checked problems=$problems")
  grep -qF "manual.md:2: daicho asset has no subcommand 'frobnicate'" <<<"$report" || fail "subcommand: $report"
  grep -qF "manual.md:3: daicho asset add: no option --bogus" <<<"$report" || fail "option: $report"
  grep -qF "manual.md:3: daicho asset add: no option --colour" <<<"$report" || fail "continued line: $report"
  grep -qF -- "--ignored" <<<"$report" && fail "a comment was read as an option: $report"
  grep -qF "manual.md:5: daicho has no command 'sectoin'" <<<"$report" || fail "command: $report"
  grep -qF "manual.md:6: daicho review needs a subcommand" <<<"$report" || fail "group alone: $report"
  grep -qF "manual.md:11: daicho asset show: no option --jsn" <<<"$report" || fail "inline: $report"
  grep -qF "manual.md:14: daicho reconcile decide: no option --by" <<<"$report" || fail "reconcile's subcommand: $report"
  grep -qF -- "--not-an-option" <<<"$report" && fail "example output was read: $report"
  grep -qF "manual.md:8: daicho help asset frobnicate fails" <<<"$report" || fail "help: $report"
  grep -qF "manual.md:7: daicho records expiring: no option --colour" <<<"$report" || fail "records: $report"
  # Checked: asset add, asset show and records expiring (with their problems), asset
  # list (global options first, a pipe), help, audit verify, due, reconcile decide.
  grep -qF "checked=8 problems=9" <<<"$report" || fail "counts: ${report##*$'\n'}"
}

# The sample outputs the manuals quote are what daicho prints today: every
# deterministic line (not a table, not "...") is a line of a message in the
# sources (tools/make-pot.sh), "schema version N" is this daicho's, and no time
# is quoted in UTC where daicho shows local time (tests/cli/manual-outputs.py).
# check_outputs FILE...: prints the checker's report.
check_outputs() {
  local pot=$PWD/messages.pot version
  version=$("$DAICHO" --version | sed -n 's/.*register schema \([0-9]*\).*/\1/p')
  (cd "$DAICHO_ROOT" && tools/make-pot.sh cli/*.c lib/*/*.c reports/*.c) >"$pot" 2>/dev/null &&
    python3 "$DAICHO_ROOT/tests/cli/manual-outputs.py" "$pot" "$version" "$@"
}

test_the_manuals_sample_outputs_are_what_daicho_prints() {
  local report
  report=$(check_outputs "${MANUALS[@]}") || fail "the output check did not run: $report"
  grep -v '^checked=' <<<"$report" | sed 's/^/    /'
  local summary=${report##*$'\n'}
  local n=${summary#checked=}; n=${n%% *}
  [ "$n" -ge 15 ] || fail "only $n sample output lines checked in the manuals"  # the marked blocks: test_the_marked_sample_outputs_are_the_binarys
  expect_eq "${summary#* }" "problems=0" "manual sample outputs"
}

# The output check finds what rots: a message daicho no longer prints, an old
# schema version, a UTC time; it passes tables, elisions and notes.
test_the_output_check_finds_stale_samples() {
  cat >manual.md <<'EOF'
```text
$ daicho section add kikaku --name 企画課
added section kikaku
$ daicho backup -o b.db
checked: integrity_check ok; schema version 3; 9 history entries chain correctly; 8 records match them
$ daicho section add kikaku --name 企画課
daicho: section 'kikaku' exists already, pick another code
（終了コード 4）
$ daicho history
#3  2026-11-23T15:16:41.858Z  佐藤  add section kikaku
    name: (none) → 企画課
...
$ daicho asset list
資産番号  資産種別  資産名称
A-0001    データ    入居者台帳
```
EOF
  local report
  report=$(check_outputs manual.md) || fail "the output check did not run: $report"
  grep -qF "manual.md:5: schema version 3, daicho writes" <<<"$report" || fail "schema version: $report"
  grep -qF "manual.md:7: no message daicho prints reads: daicho: section 'kikaku' exists already" <<<"$report" ||
    fail "stale message: $report"
  grep -qF "manual.md:10: a UTC time" <<<"$report" || fail "UTC time: $report"
  grep -qE "manual.md:(3|8|11|12|14|15):" <<<"$report" && fail "a good, table or note line was flagged: $report"
  grep -qF "checked=3 problems=3" <<<"$report" || fail "counts: ${report##*$'\n'}"
}

# The user manual's table of the review workbook's columns is the workbook's:
# every column B.. with its header (▼ for a dropdown) and its colour (灰色:
# locked, 黄色: to fill in), the sheets, and the decisions of the dropdown.
test_the_review_workbook_is_as_the_user_manual_describes() {
  load_city || fail "setup"
  dc review open --fy 2026 --due 2027-01-31
  expect_status 0
  dc review export --fy 2026 --section jutaku -o rv
  expect_status 0
  local book
  book=$(ls rv/*.xlsx) || { fail "setup: no workbook written"; return; }
  python3 - "$book" "$DAICHO_ROOT/docs/ja/利用者マニュアル.md" >report.txt 2>&1 <<'PY'
import re, sys, zipfile
book, manual = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(book)
problems = []
sheets = [(re.search(r'name="([^"]*)"', a).group(1), 'state="hidden"' in a)
          for a in re.findall(r"<sheet ([^>]*)/>", z.read("xl/workbook.xml").decode())]
if sheets != [("説明", False), ("見直し", False), ("選択肢", True)]:
    problems.append("sheets: %s" % sheets)
def cells(sheet, row):
    xml = z.read("xl/worksheets/%s.xml" % sheet).decode()
    found = re.search(r'<row r="%d"[^>]*>(.*?)</row>' % row, xml)
    return {m[0]: (m[2], m[1]) for m in
            re.findall(r'<c r="([A-Z]+)%d" s="(\d+)" t="inlineStr"><is><t>([^<]*)</t>' % row, found.group(1))}
header = cells("sheet2", 5)
grey, yellow = header["B"][1], header["E"][1]
text = open(manual, encoding="utf-8").read()
described = {}
for letters, headers, kinds in re.findall(r"^\| ([A-Z]{1,2}(?: / [A-Z]{1,2})?) \| ([^|]+) \| ([^|]+) \|", text, re.M):
    letters, headers, kinds = letters.split(" / "), headers.strip().split(" / "), kinds.strip().split(" / ")
    for i, letter in enumerate(letters):
        h = headers[i] if len(headers) == len(letters) else None
        if h and h.startswith("修正後の…"):
            h = "修正後の" + headers[0] + h[len("修正後の…"):]
        described[letter] = (h, kinds[i] if len(kinds) == len(letters) else "")
for letter in sorted(set(header) | set(described), key=lambda l: (len(l), l)):
    if letter == "A":
        continue
    if letter not in described:
        problems.append("column %s (%s) is not in the manual's table" % (letter, header[letter][0]))
        continue
    if letter not in header:
        problems.append("the manual describes column %s, which the workbook does not have" % letter)
        continue
    h, kind = described[letter]
    actual, style = header[letter]
    if h != actual:
        problems.append("column %s: the manual says '%s', the workbook '%s'" % (letter, h, actual))
    colour = "灰色" if style == grey else "黄色" if style == yellow else "?"
    if not kind.startswith(colour):
        problems.append("column %s (%s): the manual says %s, the workbook's header is %s" % (letter, actual, kind, colour))
    if ("一覧" in kind) != actual.endswith("▼"):
        problems.append("column %s (%s): dropdown in the manual: %s" % (letter, actual, "一覧" in kind))
if cells("sheet2", 5)["A"][0] != "管理キー" or "管理キー" not in text:
    problems.append("the hidden key column")
lists = z.read("xl/worksheets/sheet3.xml").decode()
decisions = re.findall(r'<c r="A\d+"[^>]*><is><t>([^<]*)</t>', lists)
if decisions[:5] != ["判定", "変更なし", "修正", "廃棄", "移管"] or "変更なし / 修正 / 廃棄 / 移管" not in text:
    problems.append("decisions: %s" % decisions[:6])
print("\n".join(problems) or "ok: %d columns" % len(described))
sys.exit(1 if problems else 0)
PY
  grep -q '^ok: 39 columns' report.txt || fail "$(cat report.txt)"
}

# The marked sample outputs (<!-- 出力例: empty|city --> before a ```text
# block) are what the binary prints under LANG=ja_JP.UTF-8: tools/manual-outputs.py
# runs the block's commands (clock stopped by faketime, the folder written
# /srv/daicho) and compares; a SHA-256 matches any other. Refresh them with
# `tools/manual-outputs.py build/daicho docs/ja/*.md`.
test_the_marked_sample_outputs_are_the_binarys() {
  local report
  report=$(python3 "$DAICHO_ROOT/tools/manual-outputs.py" --check "$DAICHO" "${MANUALS[@]}" 2>&1)
  sed 's/^/    /' <<<"$report" | grep -v '^    blocks='
  local summary=${report##*$'\n'}
  local n=${summary#blocks=}; n=${n%% *}
  [ "${n:-0}" -ge 3 ] || fail "only ${n:-0} marked sample outputs: $summary"
  expect_eq "${summary#* }" "differ=0" "marked sample outputs"
}

# The comparison finds a stale line and a missing exit status, and lets a
# different hash pass.
test_the_marked_output_check_finds_a_stale_block() {
  cat >manual.md <<'EOF2'
<!-- 出力例: empty -->
```text
$ daicho init --scheme chitose --organisation 架空市
created register /srv/daicho/kakushi.db with scheme chitose
$ daicho section add jutaku --name 住宅課
所属 jutaku を登録しました
$ daicho section add jutaku --name 住宅課
daicho: 所属「jutaku」は登録済みです。別のコードにするか、登録済みのものを変更してください
$ daicho audit verify
正常: 履歴 3 件の連鎖は正しく、記録 3 件が履歴と一致します
最新のハッシュ: 0000000000000000000000000000000000000000000000000000000000000000
```
EOF2
  local report
  report=$(python3 "$DAICHO_ROOT/tools/manual-outputs.py" --check "$DAICHO" manual.md 2>&1)
  expect_eq "${report##*$'\n'}" "blocks=1 differ=1" "counts"
  grep -qF -- "-created register /srv/daicho/kakushi.db with scheme chitose" <<<"$report" || fail "stale line: $report"
  grep -qF "+台帳 /srv/daicho/kakushi.db を分類基準 chitose" <<<"$report" || fail "fresh line: $report"
  grep -qF "+（終了コード 4）" <<<"$report" || fail "exit status: $report"
  grep -qF "最新のハッシュ" <<<"$report" && fail "a hash was compared: $report"
  # Writing refreshes the block: then it checks clean.
  python3 "$DAICHO_ROOT/tools/manual-outputs.py" "$DAICHO" manual.md >/dev/null || fail "refresh"
  report=$(python3 "$DAICHO_ROOT/tools/manual-outputs.py" --check "$DAICHO" manual.md 2>&1)
  expect_eq "${report##*$'\n'}" "blocks=1 differ=0" "after refreshing"
}

# Each manual has the glossary as its appendix, the very table of
# docs/ja/用語集.md (<!-- 用語集 --> before it): one that differs is found and
# refreshed; a manual without it fails.
test_each_manual_carries_the_glossary() {
  local manual
  for manual in "${MANUALS[@]}"; do
    grep -qx '<!-- 用語集 -->' "$manual" || fail "$manual has no glossary (<!-- 用語集 -->)"
    grep -q '^## 付録 用語集' "$manual" || fail "$manual has no chapter 付録 用語集"
  done
  printf '# x\n\n<!-- 用語集 -->\n| 用語 | 使わない表記 | 意味 | 根拠 |\n| 台帳 | ×台帳簿 | x | y |\n\n後の文\n' >manual.md
  local report
  report=$(python3 "$DAICHO_ROOT/tools/manual-outputs.py" --check "$DAICHO" manual.md 2>&1)
  expect_eq "${report##*$'\n'}" "blocks=1 differ=1" "a stale glossary"
  grep -qF "manual.md:4: the glossary is not docs/ja/用語集.md's" <<<"$report" || fail "where: $report"
  grep -qF -- "-| 台帳 | ×台帳簿 | x | y |" <<<"$report" || fail "stale row: $report"
  python3 "$DAICHO_ROOT/tools/manual-outputs.py" "$DAICHO" manual.md >/dev/null || fail "refresh"
  report=$(python3 "$DAICHO_ROOT/tools/manual-outputs.py" --check "$DAICHO" manual.md 2>&1)
  expect_eq "${report##*$'\n'}" "blocks=1 differ=0" "after refreshing"
  grep -qx '後の文' manual.md || fail "the text after the table was lost"
  expect_eq "$(grep -c '^| ' manual.md)" "$(grep -c '^| ' "$DAICHO_ROOT/docs/ja/用語集.md")" "rows copied"
}

# The admin manual followed from top to bottom on a fresh register: every
# section, post, system and asset a step of its ```sh blocks names was created
# by an earlier step under that name, and not renamed since
# (tests/cli/manual-names.py).
test_the_admin_manual_names_only_what_earlier_steps_created() {
  expect_clean_check "$(python3 "$DAICHO_ROOT/tests/cli/manual-names.py" "${MANUALS[0]}")" 40 \
    "names the admin manual uses"
}

# The check finds a section renamed and then named by its old name, a post
# and an asset no step created, and passes codes, new names, sample outputs
# and assets after an import.
test_the_name_check_finds_renamed_and_missing_names() {
  cat >manual.md <<'EOF'
```sh
daicho section add jutaku --name 住宅課
daicho post add jutaku-kacho --name 住宅課長 --section jutaku
daicho asset add --type データ --name x --c 1 --i 1 --a 1 --section 住宅課 --post 住宅課長
daicho section edit jutaku --name 住宅管理課
daicho asset list --section 住宅課
daicho asset show A-0001
daicho post assign kikaku-kacho 001 --from 2026-04-01
daicho asset edit A-0002 --c 2
daicho section show 住宅管理課
daicho import assets 台帳.xlsx
daicho asset show A-0099
```
```text
$ daicho section show 企画課
```
EOF
  local report
  report=$(python3 "$DAICHO_ROOT/tests/cli/manual-names.py" manual.md)
  grep -qF "manual.md:6: section '住宅課' was renamed on line 5" <<<"$report" || fail "renamed: $report"
  grep -qF "manual.md:8: no earlier step creates the post 'kikaku-kacho'" <<<"$report" || fail "missing post: $report"
  grep -qF "manual.md:9: no earlier step adds the asset A-0002" <<<"$report" || fail "missing asset: $report"
  grep -qF "企画課" <<<"$report" && fail "a sample output was read: $report"
  grep -qF "A-0099" <<<"$report" && fail "an asset after an import was flagged: $report"
  expect_eq "${report##*$'\n'}" "checked=9 problems=3" "counts"
}
