# End-to-end tests: one vocabulary. The Japanese texts daicho ships (po/ja.po,
# the manuals, register-1.xsd, the Japanese literals of the sources: workbook
# headers, labels, 説明.txt) use the terms of docs/ja/用語集.md and none of the
# variants it bans (tests/cli/terms-check.py; allowed exceptions, each with its
# reason, in tests/cli/terms-allow.txt). It replaces test-messages.sh's check of
# 登録簿 and 共用 alone.
# Run: DAICHO=$PWD/build/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-terms.sh

test_the_shipped_japanese_uses_no_banned_variant() {
  local report
  report=$(python3 "$DAICHO_ROOT/tests/cli/terms-check.py" "$DAICHO_ROOT") || fail "the check did not run: $report"
  expect_clean_check "$report" 3000 "lines of shipped Japanese"
}

# The check finds a banned variant in each kind of source, lets 済み, a
# quotation (×登録簿) and an allowed text pass.
test_the_check_finds_banned_variants() {
  mkdir -p root/docs/ja root/po root/schema root/lib/x root/cli root/reports || { fail "setup"; return; }
  cp "$DAICHO_ROOT/docs/ja/用語集.md" root/docs/ja/ || { fail "setup"; return; }
  cat >root/po/ja.po <<'PO'
msgid "decided"
msgstr "判断しました"

msgid "判断 in an msgid is English's business"
msgstr ""
"ID は登録済みです。"
"期限切れです"
PO
  printf '台帳（×登録簿）。\n削除済みのID\n' >root/docs/ja/マニュアル.md
  printf '<xs:documentation xml:lang="ja">分類の段階</xs:documentation>\n' >root/schema/register-1.xsd
  printf 'static const char *h[] = { "実施済", "判定済み" }; /* 判断 in a comment */\n' >root/lib/x/dc-x.c
  printf 'printf ("%%s", "共用ID");\n' >root/cli/cmd-x.c
  printf 'printf ("%%s", "共用ID");\n' >root/cli/cmd-y.c
  printf 'cli/cmd-y.c\t共用ID\treason\ndocs/ja/用語集.md\t承認期限切れ\treason\n' >allow.txt
  local report
  report=$(python3 "$DAICHO_ROOT/tests/cli/terms-check.py" "$PWD/root" "$PWD/allow.txt")
  grep -qF "po/ja.po:2: 判断" <<<"$report" || fail "po msgstr: $report"
  grep -qF "po/ja.po:7: 期限切れ" <<<"$report" || fail "continued msgstr: $report"
  grep -qF "po/ja.po:4:" <<<"$report" && fail "an msgid was read: $report"
  grep -qF "po/ja.po:6:" <<<"$report" && fail "登録済み was flagged: $report"
  grep -qF "docs/ja/マニュアル.md" <<<"$report" && fail "a quotation or 済み was flagged: $report"
  grep -qF "schema/register-1.xsd:1: 段階" <<<"$report" || fail "xsd: $report"
  grep -qF "lib/x/dc-x.c:1: 実施済:" <<<"$report" || fail "literal: $report"
  grep -qF "lib/x/dc-x.c:1: 判断" <<<"$report" && fail "a comment was read: $report"
  grep -qF "lib/x/dc-x.c:1: 判定済" <<<"$report" && fail "判定済み was flagged: $report"
  grep -qF "cli/cmd-x.c:1: 共用ID" <<<"$report" || fail "literal in cli: $report"
  grep -qF "cli/cmd-y.c" <<<"$report" && fail "an allowed text was flagged: $report"
  grep -qF "problems=5" <<<"$report" || fail "counts: ${report##*$'\n'}"
}

# Every entry of the allow-list says why.
test_every_allowed_exception_has_a_reason() {
  local bad
  bad=$(grep -v '^#' "$DAICHO_ROOT/tests/cli/terms-allow.txt" | awk -F'\t' 'NF != 3 || length($3) < 20')
  [ -z "$bad" ] || fail "entries without a reason: $bad"
}
