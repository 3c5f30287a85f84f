# End-to-end tests: messages through gettext. Under a Japanese locale daicho
# speaks Japanese (po/ja.po), under C it speaks English; --json output is the
# same under both; the catalogue covers every marked message.
# Run: DAICHO=$PWD/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-messages.sh
# Without the ja_JP.UTF-8 locale (tools/install-deps.sh --test generates it) the
# Japanese checks print SKIP and check only the English side.

have_japanese() {
  locale -a 2>/dev/null | grep -qix 'ja_JP.utf-\{0,1\}8' && return 0
  echo "    SKIP ${FUNCNAME[1]}: no ja_JP.UTF-8 locale (run tools/install-deps.sh --test as root)"
  return 1
}
# ja ARGS... / en ARGS...: dc under LANG=ja_JP.UTF-8 or LANG=C.UTF-8 (the C locale;
# plain C is ASCII, where GOption refuses the Japanese arguments), LC_ALL unset.
ja() { LC_ALL= LANG=ja_JP.UTF-8 dc "$@"; }
en() { LC_ALL= LANG=C.UTF-8 dc "$@"; }

bad_assets_csv() {
  printf '資産番号,資産名称,資産種別,機密性,完全性,可用性,所管課,管理責任者\nA-1,住民票,XX,2,2,2,soumu,soumu-kacho\n' >bad.csv
}

test_import_problem_names_file_row_and_column_in_both_languages() {
  load_org || { fail "setup"; return; }
  bad_assets_csv || { fail "setup"; return; }
  en import assets bad.csv
  expect_status 3
  expect_err "bad.csv, row 2, column C (資産種別): asset type 'XX' is not in the register's scheme"
  expect_err "daicho: bad.csv: 1 problem; nothing was imported"
  have_japanese || return 0
  ja import assets bad.csv
  expect_status 3
  expect_err "bad.csv、2 行目、C 列（資産種別）: 資産種別「XX」は台帳の分類基準にありません"
  expect_err "daicho: bad.csv: 問題が 1 件あります。何も取り込んでいません"
  grep -q 'asset type' <<<"$err" && fail "English left in the Japanese message: $err"
  [ "$(sql 'SELECT count(*) FROM asset')" = 0 ] || fail "a refused import changed the register"
}

test_usage_error_in_both_languages() {
  en init
  expect_status 2
  expect_err "daicho init: --scheme is required (chitose, soumu, ipa or a file) (see \`daicho init --help\`)"
  have_japanese || return 0
  ja init
  expect_status 2
  expect_err "daicho init: --scheme を指定してください（chitose、soumu、ipa またはファイル）"
  ja frobnicate
  expect_status 2
  expect_err "不明なコマンド「frobnicate」"
}

test_command_summaries_in_both_languages() {
  en init --scheme chitose --organisation 架空市
  expect_status 0
  expect_out "created register $DAICHO_DB with scheme chitose"
  expect_out "5 asset types; levels C 4, I 3, A 3"
  en audit verify
  expect_status 0
  expect_out "intact: 2 history entries chain correctly"
  have_japanese || return 0
  ja audit verify
  expect_status 0
  expect_out "正常: 履歴 2 件の連鎖は正しく"
  ja section add kikaku --name 企画課
  expect_status 0
  expect_out "所属 kikaku を登録しました"
}

test_help_in_both_languages() {
  en --help
  expect_status 0
  expect_out "Usage: daicho COMMAND [OPTIONS]"
  expect_out "information assets (情報資産)"
  en asset add --help
  expect_status 0
  expect_out "Adds one asset (情報資産)."
  expect_out "The register: a file, or a PostgreSQL server as postgresql://HOST/DATABASE"
  have_japanese || return 0
  ja --help
  expect_status 0
  expect_out "使い方: daicho コマンド [オプション]"
  expect_out "reconcile  ID棚卸: 出力したIDの一覧とID管理簿の照合"
  ja asset add --help
  expect_status 0
  expect_out "情報資産を1件登録します。"
  expect_out "台帳: ファイル、または PostgreSQL サーバ（postgresql://ホスト/データベース名 または service=名前）"
}

test_json_is_the_same_under_every_locale() {
  load_org || { fail "setup"; return; }
  bad_assets_csv || { fail "setup"; return; }
  en import assets bad.csv --json
  expect_status 3
  local english=$out
  grep -qF "asset type 'XX'" <<<"$english" || fail "the problems are missing from --json: $english"
  have_japanese || return 0
  ja import assets bad.csv --json
  expect_status 3
  expect_eq "$out" "$english" "import --json under ja_JP.UTF-8"
  ja section list --json
  expect_status 0
  local japanese=$out
  grep -q '"code"' <<<"$japanese" || fail "section list --json listed nothing: $japanese"
  en section list --json
  expect_status 0
  expect_eq "$japanese" "$out" "section list --json"
}

test_language_variable_and_catalogue_directory() {
  have_japanese || return 0
  # LANGUAGE picks the language among catalogues (GNU gettext), also from C.UTF-8.
  LC_ALL= LANG=C.UTF-8 LANGUAGE=ja dc init
  expect_err "--scheme を指定してください"
  LC_ALL= LANG=ja_JP.UTF-8 LANGUAGE=en dc init
  expect_err "--scheme is required"
  # DAICHO_LOCALEDIR overrides where the catalogues are: none there, English.
  LC_ALL= LANG=ja_JP.UTF-8 DAICHO_LOCALEDIR=$TEST_DIR dc init
  expect_err "--scheme is required"
}

# Every message marked in the sources is translated in po/ja.po, none fuzzy:
# a new message without its Japanese fails here (make update-po, translate).
test_catalogue_covers_every_marked_message() {
  if ! command -v xgettext >/dev/null || ! command -v msgmerge >/dev/null; then
    echo "    SKIP ${FUNCNAME[0]}: no gettext tools (apt-get install gettext)"
    return 0
  fi
  local root=$DAICHO_ROOT
  "$root/tools/make-pot.sh" "$root"/cli/*.c "$root"/lib/*/*.c "$root"/reports/*.c >daicho.pot 2>/dev/null ||
    fail "xgettext failed"
  msgmerge --quiet --no-fuzzy-matching -o ja.po "$root/po/ja.po" daicho.pot || fail "msgmerge failed"
  local stats
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null ja.po 2>&1) || fail "msgfmt --check: $stats"
  if grep -qE 'untranslated|fuzzy' <<<"$stats"; then
    fail "po/ja.po does not cover the sources ($stats); run make update-po and translate:"
    { msgattrib --only-fuzzy ja.po; msgattrib --untranslated ja.po; } 2>/dev/null |
      grep '^msgid "..*"$' | head -20 | while read -r line; do fail "  $line"; done
  fi
  grep -qE '^[0-9]+ translated messages\.$' <<<"$stats" || fail "unexpected statistics: $stats"
  [ "${stats%% *}" -gt 700 ] || fail "suspiciously few messages: $stats"
}

# The history as a Japanese office reads it: actions, entities, fields and
# statuses in words (追加 情報資産, 状態: 使用中 → 廃棄済み, 実施中 → 終了), an
# assignment as its fields, not JSON text; `daicho history` and 変更履歴.xlsx
# alike. --json and the stored history keep the codes; English keeps them too.
test_history_speaks_the_office_words() {
  load_org || fail "setup"
  { "$DAICHO" asset add A-0001 --type data --name 住民票 --c 3 --i 2 --a 1 --section soumu --post soumu-kacho &&
    "$DAICHO" asset dispose A-0001 --date 2026-01-01 --method 溶解 &&
    "$DAICHO" post add kakaricho --name 総務係長 --section soumu &&
    "$DAICHO" post assign kakaricho 001203 --from 2026-04-01 &&
    "$DAICHO" review open --fy 2026 --due 2027-01-31 &&
    "$DAICHO" review close --force --by soumu-kacho; } >/dev/null || fail "setup"
  en history
  expect_status 0
  expect_out "add asset A-0001"
  expect_out "dispose asset A-0001"
  expect_out "status: active → disposed"
  expect_out "status: open → closed"
  have_japanese || return 0
  ja history
  expect_status 0
  expect_out "追加 情報資産 A-0001"
  expect_out "廃棄 情報資産 A-0001"
  expect_out "状態: 使用中 → 廃棄済み"
  expect_out "終了 年次見直し 2026"
  expect_out "状態: 実施中 → 終了"
  expect_out "発令: （なし） → （職員番号: 001203、発令日: 2026-04-01）"
  expect_out "実施記録 業務の実施 asset_review/"
  local codes='(add|dispose|assign|close|done) (asset|post|review_campaign|duty_done)|active|disposed|closed|"to"|null'
  grep -Eq "$codes" <<<"$out" && fail "codes in the Japanese history: $(grep -E "$codes" <<<"$out" | head -3)"
  ja history --json
  expect_eq "$(json 'sorted({e["action"] + " " + e["entity"] for e in d if e["key"] == "A-0001"})')" \
    "['add asset', 'dispose asset']" "--json keeps the codes"
  ja audit export -o pkg
  expect_status 0
  unzip -p pkg/変更履歴.xlsx 'xl/worksheets/*.xml' >sheet.xml || fail "unzip 変更履歴.xlsx"
  local cells
  cells=$(python3 -c 'import re,sys,html; print("\n".join(html.unescape(t) for t in re.findall(r"<t[^>]*>([^<]*)</t>", sys.stdin.read())))' <sheet.xml)
  for word in 追加 廃棄 発令 情報資産 年次見直し "状態: 使用中 → 廃棄済み" "状態: 実施中 → 終了" "資産種別: データ" \
              "職員番号: 001203、発令日: 2026-04-01"; do
    grep -qF -- "$word" <<<"$cells" || fail "変更履歴.xlsx lacks '$word'"
  done
  grep -Eqx 'add|dispose|assign|close|done|asset|post|review_campaign|duty_done' <<<"$cells" &&
    fail "a code in a cell of 変更履歴.xlsx: $(grep -Ex 'add|dispose|assign|close|done|asset|post|review_campaign|duty_done' <<<"$cells" | head -3)"
  grep -Eq '"to"|:null|→ disposed|active →' <<<"$cells" && fail "JSON or a status code in 変更履歴.xlsx: $(grep -E '"to"|:null|disposed' <<<"$cells" | head -3)"
  [ "$(sql "SELECT action || ' ' || entity FROM history WHERE entity_key = 'A-0001' ORDER BY seq DESC LIMIT 1")" = "dispose asset" ] ||
    fail "the stored history changed"
}

# audit verify DIR --db lists the changes made after the package at the local
# time people read, with the action and entity in words.
test_audit_verify_db_lists_later_changes_in_local_time() {
  sqlite_only "the test sets the clock of daicho, and on a server the server stamps the history" && return
  load_org || fail "setup"
  command -v faketime >/dev/null || fail "faketime is not installed (tools/install-deps.sh)"
  "$DAICHO" audit export -o pkg >/dev/null || fail "setup"
  DAICHO_TODAY=2026-12-03 at_clock "2026-12-03 00:38:00" "$DAICHO" section add kikaku --name 企画課 >/dev/null || fail "setup"
  en audit verify pkg --db "$DAICHO_DB"
  expect_status 0
  expect_out "changes after the package (entry, time, who, action, entity, key):"
  expect_out "2026-12-03 00:38 JST"
  expect_out "add  section  kikaku"
  grep -q "2026-12-02" <<<"$out" && fail "UTC date shown: $out"
  have_japanese || return 0
  ja audit verify pkg --db "$DAICHO_DB"
  expect_status 0
  expect_out "2026-12-03 00:38 JST"
  expect_out "追加  所属  kikaku"
}

# Every command's --help speaks one wording: 使い方: on its first line (as the
# list of commands does), オプション: over the options, never GLib's own 用法: or
# アプリケーションのオプション:, and no English field name after a Japanese one
# (所属名 (Name)). In English: "Usage:" and "Options:".
test_every_help_says_usage_in_one_wording() {
  local c s words bad=""
  for c in $("$DAICHO" help | sed -n '/^Commands:$/,/^$/{s/^  \([a-z][a-z0-9_-]*\) .*/\1/p}'); do
    words=("$c")
    for s in $("$DAICHO" help "$c" | sed -n '/^Commands:$/,/^$/{s/^  \([a-z][a-z0-9_-]*\) .*/\1/p}'); do
      words+=("$c $s")
    done
    for w in "${words[@]}"; do
      # shellcheck disable=SC2086
      en $w --help
      [[ $(head -n 1 <<<"$out") == "Usage: daicho $w"* ]] || bad+="en $w: $(head -n 1 <<<"$out")"$'\n'
      have_japanese >/dev/null || continue
      # shellcheck disable=SC2086
      ja $w --help
      [[ $(head -n 1 <<<"$out") == "使い方: daicho $w"* ]] || bad+="ja $w: $(head -n 1 <<<"$out")"$'\n'
      grep -qE '用法|アプリケーションのオプション|ヘルプのオプション|[^ -~] \([A-Z][a-z]' <<<"$out" &&
        bad+="ja $w: $(grep -E '用法|アプリケーションのオプション|ヘルプのオプション|[^ -~] \([A-Z][a-z]' <<<"$out" | head -n 1)"$'\n'
    done
  done
  [ -z "$bad" ] || fail "help not in one wording:
$bad"
  have_japanese || return 0
  ja section add --help
  expect_status 0
  expect_out "使い方: daicho section add"
  expect_out "オプション:"
  expect_out "  --name=VALUE          所属名"
}
