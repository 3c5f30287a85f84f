# End-to-end tests: how levels, types, sections, posts and other values are
# understood on input, what is refused (and that a refusal changes nothing),
# and the filters of `asset list` against the fictional city.
# Run: DAICHO=$PWD/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-levels.sh

ORG=$DAICHO_ROOT/fixtures/org

# A chitose register with one section (s1) and one post (p1).
small_register() {
  dc init --scheme chitose
  expect_status 0
  dc section add s1 --name 住宅課
  expect_status 0
  dc post add p1 --name 住宅課長 --section s1
  expect_status 0
}

# asset add with valid defaults; later options override the defaults.
add_asset() {
  dc asset add "$@" --type data --name 資産 --c 1 --i 1 --a 1 --section s1 --post p1 "${overrides[@]}"
}
overrides=()

# "history rows/asset rows", straight from SQLite.
counts() { sql "SELECT (SELECT count(*) FROM history) || '/' || (SELECT count(*) FROM asset)"; }

# Codes of the last `asset list` (text: a header line, then the code first
# on each line), one line, sorted.
listed_codes() { tail -n +2 <<<"$out" | awk '{ print $1 }' | sort | tr '\n' ' ' | sed 's/ *$//'; }
# Codes from fixtures/org/assets.tsv for which the awk condition holds.
tsv_codes() { awk -F'\t' "NR > 1 && ($1) { print \$1 }" "$ORG/assets.tsv" | sort | tr '\n' ' ' | sed 's/ $//'; }

# The C label stored for asset $1.
stored_c() {
  sql "SELECT l.label FROM asset a JOIN level l ON l.id = a.c_level_id WHERE a.code = '$1'"
}

test_level_forms_all_store_the_label() {
  small_register
  local n=0 form
  for form in "3" "３" "3 課外秘" "課外秘" "３ 課外秘" "3課外秘" " 3 "; do
    n=$((n + 1))
    overrides=(--c "$form")
    add_asset "L-$n"
    expect_status 0
    expect_eq "$(stored_c "L-$n")" 3 "C label stored for '$form'"
  done
  # I and A take names and full-width digits too.
  overrides=(--i 高 --a ２)
  add_asset L-IA
  expect_status 0
  expect_eq "$(sql "SELECT i.label || a.label FROM asset x JOIN level i ON i.id = x.i_level_id JOIN level a ON a.id = x.a_level_id WHERE x.code = 'L-IA'")" \
    32 "I and A labels"
  dc asset show L-1 --json
  expect_eq "$(json 'd["c"] + "|" + d["c_name"]')" "3|3 課外秘" "c in show --json"
}

test_unknown_level_is_refused_and_lists_the_levels() {
  small_register
  add_asset A-0001
  expect_status 0
  local before; before=$(counts)
  overrides=(--c 5)
  add_asset A-0002
  expect_status 3
  expect_err "'5'"
  expect_err "1 一般, 2 庁外秘, 3 課外秘, 4 極秘"
  expect_eq "$(counts)" "$before" "history/asset rows after a refused level"
  # A level name of another scheme is not a chitose level either.
  overrides=(--c 社外秘)
  add_asset A-0002
  expect_status 3
  expect_err "社外秘"
  # Editing to an unknown level changes nothing either.
  dc asset edit A-0001 --c 9
  expect_status 3
  expect_err "'9'"
  expect_eq "$(counts)" "$before" "history/asset rows after a refused edit"
  expect_eq "$(sql "SELECT version FROM asset WHERE code = 'A-0001'")" 1 "version after a refused edit"
  expect_eq "$(stored_c A-0001)" 1 "C after a refused edit"
}

test_unknown_type_is_refused() {
  small_register
  local before; before=$(counts)
  overrides=(--type server)
  add_asset A-0001
  expect_status 3
  expect_err "'server'"
  expect_err "data (データ), document (ドキュメント), infrastructure (インフラ), hardware (ハード), software (ソフト)"
  expect_eq "$(counts)" "$before" "history/asset rows"
}

test_unknown_section_is_refused() {
  small_register
  local before; before=$(counts)
  overrides=(--section nowhere)
  add_asset A-0001
  expect_status 3
  expect_err "'nowhere'"
  expect_err "s1 (住宅課)"
  expect_eq "$(counts)" "$before" "history/asset rows"
}

test_unknown_post_is_refused() {
  small_register
  local before; before=$(counts)
  overrides=(--post 部長)
  add_asset A-0001
  expect_status 3
  expect_err "'部長'"
  expect_err "p1 (住宅課長)"
  expect_eq "$(counts)" "$before" "history/asset rows"
}

test_unknown_personal_info_is_refused() {
  small_register
  local before; before=$(counts)
  overrides=(--personal-info maybe)
  add_asset A-0001
  expect_status 3
  expect_err "'maybe'"
  expect_err "none (なし), personal (個人情報), specific (特定個人情報)"
  expect_eq "$(counts)" "$before" "history/asset rows"
  # The Japanese names and synonyms are accepted.
  overrides=(--personal-info 特定個人情報)
  add_asset A-0001
  expect_status 0
  overrides=(--personal-info マイナンバー)
  add_asset A-0002
  expect_status 0
  expect_eq "$(sql_list "SELECT personal_info FROM asset ORDER BY id" ,)" "specific,specific" "stored personal_info"
}

test_unknown_external_io_is_refused() {
  small_register
  local before; before=$(counts)
  overrides=(--external-io sideways)
  add_asset A-0001
  expect_status 3
  expect_err "'sideways'"
  expect_err "none (なし), in (入力), out (出力), both (入出力)"
  expect_eq "$(counts)" "$before" "history/asset rows"
}

test_bad_date_is_refused() {
  small_register
  local before d; before=$(counts)
  for d in 2026-02-30 2026-13-01 "next april" 2026-04-01x; do
    overrides=(--next-review-due "$d")
    add_asset A-0001
    expect_status 3
    expect_err "'$d'"
    expect_err "is not a date; write it as 2026-04-01"
  done
  expect_eq "$(counts)" "$before" "history/asset rows"
  # Accepted forms are stored as YYYY-MM-DD.
  overrides=(--next-review-due ２０２７／０３／３１)
  add_asset A-0001
  expect_status 0
  expect_eq "$(sql "SELECT next_review_due FROM asset WHERE code = 'A-0001'")" 2027-03-31 "stored date"
}

test_missing_required_field_is_refused() {
  small_register
  local before; before=$(counts)
  dc asset add A-0001 --type data --name 資産 --i 1 --a 1 --section s1 --post p1
  expect_status 3
  expect_err "c ("
  dc asset add A-0001 --type data --name "   " --c 1 --i 1 --a 1 --section s1 --post p1
  expect_status 3
  expect_err "name"
  expect_eq "$(counts)" "$before" "history/asset rows"
}

test_ambiguous_section_name_asks_for_the_code() {
  dc init --scheme chitose
  dc section add soumu-a --name 総務課
  expect_status 0
  dc section add soumu-b --name 総務課
  expect_status 0
  dc post add p1 --name 課長 --section soumu-a
  expect_status 0
  local before; before=$(counts)
  dc asset add A-0001 --type data --name 資産 --c 1 --i 1 --a 1 --section 総務課 --post p1
  expect_status 3
  expect_err "ambiguous"
  expect_err "soumu-a"
  expect_err "soumu-b"
  expect_err "code"
  expect_eq "$(counts)" "$before" "history/asset rows"
  dc asset list --section 総務課
  expect_status 3
  expect_err "ambiguous"
  # The code, or a unique name, works.
  dc asset add A-0001 --type data --name 資産 --c 1 --i 1 --a 1 --section soumu-b --post 課長
  expect_status 0
  expect_eq "$(sql "SELECT s.code FROM asset a JOIN section s ON s.id = a.section_id")" soumu-b "section stored"
}

test_list_min_c_matches_the_fixture() {
  load_city || { fail "setup"; return; }
  local want; want=$(tsv_codes '$6 >= 3')
  [ -n "$want" ] || fail "test setup: no asset with C >= 3 in the fixture"
  dc asset list --min-c 3
  expect_status 0
  expect_eq "$(listed_codes)" "$want" "--min-c 3"
  dc asset list --min-c 課外秘
  expect_eq "$(listed_codes)" "$want" "--min-c 課外秘"
  dc asset list --min-c 4
  expect_eq "$(listed_codes)" "$(tsv_codes '$6 >= 4')" "--min-c 4"
  dc asset list --min-i 3
  expect_eq "$(listed_codes)" "$(tsv_codes '$7 >= 3')" "--min-i 3"
  dc asset list --min-a 2
  expect_eq "$(listed_codes)" "$(tsv_codes '$8 >= 2')" "--min-a 2"
  dc asset list --c 2
  expect_eq "$(listed_codes)" "$(tsv_codes '$6 == 2')" "--c 2"
  # Text output: a header line and one line per asset.
  dc asset list --min-c 3
  expect_eq "$(($(wc -l <<<"$out") - 1))" "$(wc -w <<<"$want")" "rows of the text list"
  dc asset list --min-c 7
  expect_status 3
  expect_err "'7'"
}

test_list_section_includes_subsections() {
  load_city || { fail "setup"; return; }
  local parts want
  parts=$(awk -F'\t' 'NR > 1 && ($1 == "kensetsu-bu" || $3 == "kensetsu-bu") { printf "%s$11 == \"%s\"", sep, $1; sep = " || " }' \
    "$ORG/sections.tsv")
  want=$(tsv_codes "$parts")
  [ "$(wc -w <<<"$want")" -gt 0 ] || fail "test setup: no asset under kensetsu-bu"
  dc asset list --section kensetsu-bu
  expect_status 0
  expect_eq "$(listed_codes)" "$want" "--section kensetsu-bu"
  dc asset list --section 建設部
  expect_eq "$(listed_codes)" "$want" "--section 建設部 (by name)"
  # A child section alone has only its own assets.
  dc asset list --section jutaku
  expect_eq "$(listed_codes)" "$(tsv_codes '$11 == "jutaku"')" "--section jutaku"
  # Filters combine.
  dc asset list --section shimin-bu --min-c 3
  expect_eq "$(listed_codes)" \
    "$(tsv_codes '($11 == "shimin-bu" || $11 == "shimin" || $11 == "zeimu" || $11 == "fukushi") && $6 >= 3')" \
    "--section shimin-bu --min-c 3"
}

test_list_personal_info_type_post_status() {
  load_city || { fail "setup"; return; }
  dc asset list --personal-info specific
  expect_status 0
  expect_eq "$(listed_codes)" "$(tsv_codes '$5 == "specific"')" "--personal-info specific"
  dc asset list --personal-info マイナンバー
  expect_eq "$(listed_codes)" "$(tsv_codes '$5 == "specific"')" "--personal-info マイナンバー"
  dc asset list --type hardware
  expect_eq "$(listed_codes)" "$(tsv_codes '$2 == "hardware"')" "--type hardware"
  dc asset list --post jutaku-kacho
  expect_eq "$(listed_codes)" "$(tsv_codes '$12 == "jutaku-kacho"')" "--post jutaku-kacho"
  dc asset list --status disposed
  expect_eq "$(listed_codes)" "A-0013 A-0024" "--status disposed"
  expect_eq "$(tsv_codes '$16 == "disposed"')" "A-0013 A-0024" "fixture's disposed assets"
  dc asset list --status retired
  expect_eq "$(listed_codes)" "$(tsv_codes '$16 == "retired"')" "--status retired"
  dc asset list --status lost
  expect_status 3
  expect_err "'lost'"
}
