# End-to-end: the ID stocktake (daicho reconcile) on the fictional city, with
# an export for every built-in profile. Every finding each export should give
# is asserted one by one, and nothing else may appear.

ids=$DAICHO_ROOT/fixtures/id

# The city, its roster as of 1 November (後藤大樹 transferred on 1 October),
# and extra systems for the directory, the server and the cloud services.
stocktake_city() { cached_register stocktake build_stocktake_city; }
build_stocktake_city() {
  load_city &&
  "$DAICHO" staff import "$ids/roster.xlsx" --date 2026-11-01 >/dev/null &&
  "$DAICHO" system add ldap-sys --name 統合認証基盤 --admin-post joho-kacho --section joho >/dev/null &&
  "$DAICHO" system add jutaku-srv --name 住宅管理サーバ --admin-post jutaku-kanri-tanto-kacho >/dev/null &&
  "$DAICHO" system add m365 --name "Microsoft 365" --admin-post joho-kacho >/dev/null &&
  "$DAICHO" system add gws --name "Google Workspace" --admin-post joho-kacho >/dev/null &&
  "$DAICHO" id import "$ids/jutaku-ids.xlsx" --system jutaku-sys >/dev/null &&
  "$DAICHO" id import "$ids/lan-ids.csv" --system lan-sys >/dev/null &&
  "$DAICHO" id import "$ids/ldap-ids.csv" --system ldap-sys >/dev/null &&
  "$DAICHO" id import "$ids/server-ids.csv" --system jutaku-srv >/dev/null &&
  "$DAICHO" id import "$ids/cloud-ids.csv" --system m365 >/dev/null &&
  "$DAICHO" id import "$ids/gws-ids.csv" --system gws >/dev/null
}

# The findings of the last --json run as "kind raw_login_id" lines, sorted.
findings() {
  json '"\n".join(sorted(f["kind"] + " " + f["raw_login_id"] for f in d["findings"]))'
}
# expect_findings LINE...: exactly these findings, no more and no fewer.
expect_findings() {
  local expected actual
  expected=$(printf '%s\n' "$@" | sort)
  actual=$(findings)
  [ "$actual" == "$expected" ] || fail "findings differ:$(diff <(echo "$expected") <(echo "$actual") | sed 's/^/ /')"
}
# expect_detail KIND RAW TEXT: that finding's detail contains TEXT.
expect_detail() {
  local detail
  detail=$(json "'\n'.join(f['detail'] for f in d['findings'] if f['kind'] == '$1' and f['raw_login_id'] == '''$2''')")
  grep -qF -- "$3" <<<"$detail" || fail "$1 $2: detail lacks '$3': $detail"
}

test_generic_cp932_export_with_full_width_ids_and_trailing_spaces() {
  stocktake_city || fail "setup"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" --json
  expect_status 1
  expect_eq "$(json 'd["run"]')/$(json 'd["system"]')/$(json 'd["as_of"]')" "1/jutaku-sys/2026-11-22" "run, system, as-of"
  expect_eq "$(json 'd["export"]["rows"]')/$(json 'd["register_entries"]')" "16/14" "rows compared"
  expect_eq "$(json 'd["export"]["sha256"]')" "$(sha256sum "$ids/jutaku-export-cp932.csv" | cut -d' ' -f1)" "export hash"
  expect_findings \
    "unregistered guest" "unregistered test01" "unregistered ｍｕｒａｋａｍｉ．ａ" \
    "login_spelling Fujii.T" "revoked_in_system old.user" \
    "holder_departed goto.d   " "holder_departed tanaka.h" "holder_unknown yamada.x" \
    "excess_privilege ｍａｔｓｕｄａ．ｋ" "dormant goto.d   " "dormant murakami.a" \
    "disabled_in_system suzuki.s" "expired_approval hoshu01" "shared_unapproved kanri01" \
    "sod_violation sato.m" "key_collision murakami.a"
  # The full-width login and the one with trailing spaces matched their entries.
  expect_eq "$(json '[f["login_id"] for f in d["findings"] if f["kind"] == "excess_privilege"][0]')" "matsuda.k" "normalised key"
  expect_eq "$(json '[f["holder"] for f in d["findings"] if f["kind"] == "holder_departed"][0]')" "015890" "holder"
  expect_detail excess_privilege ｍａｔｓｕｄａ．ｋ "承認されていない権限: 削除"
  expect_detail dormant "goto.d   " "最終ログイン 2026-05-01（基準日の 205 日前"
  expect_detail dormant murakami.a "一度もログインしていない"
  expect_detail holder_departed tanaka.h "2026-04-01 に異動"
  expect_detail holder_unknown yamada.x "099999"
  expect_detail revoked_in_system old.user "2026-04-01 に削除済み"
  expect_detail expired_approval hoshu01 "2026-09-30"
  expect_detail shared_unapproved kanri01 "共有理由・承認者"
  expect_detail sod_violation sato.m "申請者と承認者が同一人物: 佐藤　雅之 (001876)"
  expect_detail key_collision murakami.a "ｍｕｒａｋａｍｉ．ａ"
  expect_detail unregistered test01 "システムでは無効"
  # The generic profile tells case apart: Fujii.T is not fujii.t, but one finding names both.
  expect_detail login_spelling Fujii.T "ID管理簿では「fujii.t」"
  expect_eq "$(json '[f["holder"] for f in d["findings"] if f["kind"] == "login_spelling"][0]')" "009912" "spelling's holder"
  # emergency01 never logged in but is exempt; batch01 (a service ID) needs no holder.
  [ "$(json 'sum(1 for f in d["findings"] if f["raw_login_id"] in ("emergency01", "batch01"))')" == 0 ] ||
    fail "emergency or service ID reported"
  expect_eq "$(json 'd["counts"]["unregistered"]')/$(json 'd["counts"]["dormant"]')/$(json 'sum(d["counts"].values())')" "3/2/16" "counts"
}

test_dormant_days_and_as_of_change_the_findings() {
  stocktake_city || fail "setup"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" --dormant-days 210 --json
  expect_eq "$(json '" ".join(sorted(f["raw_login_id"] for f in d["findings"] if f["kind"] == "dormant"))')" "murakami.a" "210 days: only never"
  # As of 2026-09-01 the transfer of 後藤大樹 (2026-10-01) and the expiry of hoshu01 (09-30) are still ahead.
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" --as-of 2026-09-01 --json
  expect_eq "$(json '" ".join(sorted(f["raw_login_id"].strip() for f in d["findings"] if f["kind"] in ("holder_departed", "expired_approval")))')" "tanaka.h" "as of 2026-09-01"
  expect_eq "$(json 'd["as_of"]')" "2026-09-01" "as_of"
}

test_ad_csvde_utf16_with_disabled_accounts() {
  stocktake_city || fail "setup"
  dc reconcile --system lan-sys "$ids/lan-csvde.csv" --profile ad-csvde --json
  expect_status 1
  # WS-0001$ is a computer and is passed over; NAKAMURA.M matches nakamura.m.
  expect_eq "$(json 'd["export"]["rows"]')" 9 "accounts read"
  expect_findings \
    "unregistered Guest" "not_in_system morita.s" "holder_departed takahashi.s" \
    "excess_privilege ueno.k" "dormant yoshida.n" "disabled_in_system kobayashi.r" \
    "sod_violation Administrator" "sod_violation takahashi.s"
  expect_detail unregistered Guest "システムでは無効"
  expect_detail excess_privilege ueno.k "Schema Admins"
  expect_detail holder_departed takahashi.s "2026-03-31 に退職"
  # 情報政策課長 was held by 伊藤 when he approved his own application, and by 髙橋 in 2023.
  expect_detail sod_violation Administrator "伊藤　隆志 (002208)"
  expect_detail sod_violation takahashi.s "髙橋誠司 (004512)"
}

# csvde without -u: ASCII, every other value as X'hex' of its UTF-8 bytes.
test_ad_csvde_without_u_decodes_hex_values() {
  stocktake_city || fail "setup"
  dc reconcile --system lan-sys "$ids/lan-csvde-ascii.csv" --profile ad-csvde --json
  expect_status 1
  # 住宅課職員 (NAKAMURA.M's group, written X'...') is approved: no excess privilege for it.
  expect_findings \
    "unregistered Guest" "not_in_system morita.s" "holder_departed takahashi.s" \
    "excess_privilege ueno.k" "dormant yoshida.n" "disabled_in_system kobayashi.r" \
    "sod_violation Administrator" "sod_violation takahashi.s"
  dc reconcile show 1 --json
  expect_eq "$(json 'len(d["findings"])')" 8 "findings shown"
  [ "$(sql "SELECT count(*) FROM reconcile_finding WHERE detail LIKE '%X''%'")" == 0 ] || fail "hex left in a finding"
}

# Windows PowerShell 5.1 -Properties *: MemberOf is the type's name, not groups.
test_ad_powershell_51_type_names_are_not_privileges() {
  stocktake_city || fail "setup"
  dc reconcile --system lan-sys "$ids/lan-powershell-all.csv" --profile ad-powershell --json
  expect_status 1
  expect_findings \
    "unregistered Guest" "not_in_system morita.s" "holder_departed takahashi.s" \
    "dormant yoshida.n" "disabled_in_system kobayashi.r" \
    "sod_violation Administrator" "sod_violation takahashi.s"
  expect_eq "$(json 'sum(1 for n in d["notes"] if "ADPropertyValueCollection" in n and "-join" in n)')" 1 "one note on MemberOf"
  expect_eq "$(json 'sum(1 for n in d["notes"] if "権限" in n)')" 1 "privileges noted once"
}

test_ad_powershell_with_type_line_dates_or_filetime() {
  stocktake_city || fail "setup"
  local file
  for file in lan-powershell.csv lan-powershell-filetime.csv; do
    dc reconcile --system lan-sys "$ids/$file" --profile ad-powershell --json
    expect_status 1
    expect_findings \
      "unregistered Guest" "not_in_system morita.s" "holder_departed takahashi.s" \
      "excess_privilege ueno.k" "dormant yoshida.n" "disabled_in_system kobayashi.r" \
      "sod_violation Administrator" "sod_violation takahashi.s"
  done
  # With a one-day threshold the 2026-11-20 logins (FILETIME at noon in Japan) count as dormant.
  dc reconcile --system lan-sys "$ids/lan-powershell-filetime.csv" --profile ad-powershell --dormant-days 1 --json
  expect_detail dormant ito.t "最終ログイン 2026-11-20"
}

test_ldif_with_base64_names_folded_lines_and_groups() {
  stocktake_city || fail "setup"
  dc reconcile --system ldap-sys "$ids/ldap-directory.ldif" --profile ldif --json
  expect_status 1
  expect_eq "$(json 'd["export"]["rows"]')" 5 "person entries"
  expect_findings "unregistered newbie" "excess_privilege matsuda.k" "disabled_in_system murakami.a"
  expect_detail unregistered newbie "新井 悠"       # cn:: base64
  expect_detail excess_privilege matsuda.k "jutaku-admins"   # from the groupOfNames entry
}

test_passwd_exact_logins_and_system_accounts() {
  stocktake_city || fail "setup"
  dc reconcile --system jutaku-srv "$ids/server-passwd" --profile passwd --json
  expect_status 1
  # daemon, sshd and nobody are the OS's own; jutaku-app (uid 998) is registered and matched.
  expect_findings "unregistered Sato" "not_in_system backup" "holder_departed tanaka" "disabled_in_system locked"
  expect_eq "$(json 'len(d["notes"])')" 2 "notes: no privileges, no last login"
}

test_m365_entra_and_google_exports() {
  stocktake_city || fail "setup"
  dc reconcile --system m365 "$ids/m365-users.csv" --profile m365 --json
  expect_status 1
  expect_findings "unregistered admin@kakushi.onmicrosoft.com" "not_in_system murakami.a@kakushi.lg.jp" \
    "holder_departed goto.d@kakushi.lg.jp" "excess_privilege matsuda.k@kakushi.lg.jp" \
    "disabled_in_system tanaka.h@kakushi.lg.jp"
  expect_detail excess_privilege matsuda.k@kakushi.lg.jp "POWER_BI_PRO"
  expect_out "長期未使用は確認していない"
  dc reconcile --system m365 "$ids/entra-users.csv" --profile entra --json
  expect_findings "external_guest partner_example.com#EXT#@kakushi.onmicrosoft.com" \
    "holder_departed goto.d@kakushi.lg.jp" "dormant matsuda.k@kakushi.lg.jp" \
    "dormant murakami.a@kakushi.lg.jp" "disabled_in_system tanaka.h@kakushi.lg.jp"
  expect_detail dormant matsuda.k@kakushi.lg.jp "2026-06-01"
  dc reconcile --system gws "$ids/google-users.csv" --profile google --json
  expect_findings "unregistered new.staff@kakushi.jp" "not_in_system goto.d@kakushi.jp" \
    "dormant matsuda.k@kakushi.jp" "dormant murakami.a@kakushi.jp" "disabled_in_system tanaka.h@kakushi.jp"
  expect_detail dormant murakami.a@kakushi.jp "一度もログインしていない"   # "Never logged in"
  # Last Name, then First Name: 姓 名.
  expect_detail unregistered new.staff@kakushi.jp "表示名 職員 新"
}

# Entra ID's "Download users" (userPrincipalName, ...) with members and
# guests, against an ID register that keeps the short login (sato.m): both
# files written by other programs (python's csv module).
entra_against_short_logins() {
  "$DAICHO" system add sso --name "統合認証（Entra ID）" --admin-post joho-kacho >/dev/null &&
  python3 - <<'PY'
import csv
with open("sso-ids.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f)
    w.writerow(["ログインID", "職員番号", "氏名", "種別", "申請者", "承認者", "登録者", "状態"])
    w.writerow(["sato.m", "001876", "佐藤　雅之", "一般", "佐藤　雅之", "情報政策課長", "小林亮介", "有効"])
    w.writerow(["matsuda.k", "007733", "松田恵子", "一般", "松田恵子", "住宅課長", "小林亮介", "有効"])
    w.writerow(["tanaka.h", "003141", "田中浩之", "一般", "田中浩之", "住宅課長", "小林亮介", "有効"])
    w.writerow(["murakami.a", "021456", "村上彩", "一般", "村上彩", "住宅課長", "小林亮介", "有効"])
    # A guest the city keeps on purpose, registered under its full user principal name.
    w.writerow(["hoshu_vendor.co.jp#EXT#@kakushi.onmicrosoft.com", "", "保守業者", "サービス", "村上彩",
                "住宅課長", "小林亮介", "有効"])
header = ["userPrincipalName", "displayName", "surname", "mail", "givenName", "objectId", "userType",
          "jobTitle", "department", "accountEnabled", "usageLocation", "streetAddress", "state", "country",
          "officeLocation", "city", "postalCode", "telephoneNumber", "mobilePhone", "alternateEmailAddress",
          "ageGroup", "consentProvidedForMinor", "legalAgeGroupClassification", "companyName", "creationType",
          "directorySynced", "invitationState", "identityIssuer", "createdDateTime"]
def user(upn, name, kind, enabled, mail="", invited=False, oid=0):
    row = dict.fromkeys(header, "")
    row.update({"userPrincipalName": upn, "displayName": name, "mail": mail or upn, "userType": kind,
                "objectId": "0b7a0a2e-%04d-4c1e-9a55-%012d" % (oid, oid), "accountEnabled": enabled,
                "usageLocation": "JP", "country": "Japan", "identityIssuer": "kakushi.onmicrosoft.com",
                "createdDateTime": "2024/04/01 9:00:00", "directorySynced": "True" if kind == "Member" else ""})
    if invited:
        row.update({"creationType": "Invitation", "invitationState": "Accepted", "identityIssuer": "ExternalAzureAD"})
    return [row[h] for h in header]
with open("entra-download.csv", "w", newline="", encoding="utf-8-sig") as f:
    w = csv.writer(f)
    w.writerow(header)
    w.writerow(user("Sato.M@kakushi.lg.jp", "佐藤 雅之", "Member", "True", oid=1))
    w.writerow(user("matsuda.k@kakushi.lg.jp", "松田 恵子", "Member", "True", oid=2))
    w.writerow(user("tanaka.h@kakushi.lg.jp", "田中 浩之", "Member", "False", oid=3))
    w.writerow(user("admin@kakushi.onmicrosoft.com", "全体管理者", "Member", "True", oid=4))
    w.writerow(user("partner_example.com#EXT#@kakushi.onmicrosoft.com", "委託先 担当者", "Guest", "True",
                    mail="partner@example.com", invited=True, oid=5))
    w.writerow(user("hoshu_vendor.co.jp#EXT#@kakushi.onmicrosoft.com", "保守業者", "Guest", "True",
                    mail="hoshu@vendor.co.jp", invited=True, oid=6))
    w.writerow(user("kenshu@partner-city.lg.jp", "研修講師", "Guest", "True", invited=True, oid=7))
PY
  [ -s entra-download.csv ] && "$DAICHO" id import sso-ids.csv --system sso >/dev/null
}

test_entra_upns_against_short_logins_and_guests() {
  stocktake_city || fail "setup"
  entra_against_short_logins || fail "setup"
  # As the built-in profile reads it: whole user principal names, nothing pairs.
  dc reconcile --system sso entra-download.csv --profile entra --json
  expect_status 1
  expect_eq "$(json 'd["counts"]["unregistered"]')/$(json 'd["counts"]["not_in_system"]')" "4/4" "whole names"
  # --login-part local: the part before @, every domain; guests are their own kind.
  dc reconcile --system sso entra-download.csv --profile entra --login-part local --json
  expect_status 1
  expect_findings "unregistered admin@kakushi.onmicrosoft.com" \
    "external_guest partner_example.com#EXT#@kakushi.onmicrosoft.com" \
    "external_guest kenshu@partner-city.lg.jp" \
    "not_in_system murakami.a" "disabled_in_system tanaka.h@kakushi.lg.jp"
  expect_detail external_guest "partner_example.com#EXT#@kakushi.onmicrosoft.com" \
    "本人のアドレス partner@example.com、所属元ドメイン example.com、招待元 kakushi.onmicrosoft.com"
  expect_detail external_guest kenshu@partner-city.lg.jp "所属元ドメイン partner-city.lg.jp"
  expect_eq "$(json '[f["login_id"] for f in d["findings"] if f["kind"] == "disabled_in_system"][0]')" "tanaka.h" "compared as"
  expect_eq "$(json '[n for n in d["notes"] if "@" in n][0]')" \
    "ログインIDは「@」より前の部分だけで照合した（すべてのドメイン。--login-part local による）" "note"
  # The same from a profile of one's own, for the city's own domain only: the
  # tenant's admin@kakushi.onmicrosoft.com stays whole.
  sed -e 's/^name = entra$/name = entra-city/' \
      -e 's/^key = .*/&\nlogin_part = local\nlogin_domains = kakushi.lg.jp/' \
      "$DAICHO_ROOT/schema/profiles/entra.ini" >entra-city.ini
  dc reconcile --system sso entra-download.csv --profile entra-city.ini --json
  expect_status 1
  expect_eq "$(json 'd["profile"]')" "entra-city" "profile"
  expect_eq "$(json 'd["counts"]["external_guest"]')/$(json 'd["counts"]["unregistered"]')/$(json 'len(d["findings"])')" \
    "2/1/5" "counts"
  expect_out "ドメイン kakushi.lg.jp のもの。ほかのドメインのIDは全体で照合した。プロファイルの login_part = local による"
  # Text and the report show the kind in Japanese; show --kind takes it.
  dc reconcile --system sso entra-download.csv --profile entra-city.ini -o report.xlsx
  expect_out "external_guest       外部ゲスト"
  [ -s report.xlsx ] || fail "no report"
  grep -q "外部ゲスト" <(unzip -p report.xlsx 'xl/worksheets/*.xml') || fail "the report lacks 外部ゲスト"
  grep -q "<t>照合の方法</t>" <(unzip -p report.xlsx 'xl/worksheets/sheet1.xml') || fail "the report lacks 照合の方法"
  dc reconcile show 3 --kind external_guest --json
  expect_status 0
  expect_eq "$(json 'len(d["findings"])')" 2 "show --kind external_guest"
  dc reconcile --system sso entra-download.csv --profile entra --login-part domain
  expect_status 2
  expect_err "--login-part must be local or full"
}

test_no_findings_exits_zero() {
  stocktake_city || fail "setup"
  printf 'ログインID,状態\nsato.m,有効\n' >one.csv
  dc system add tiny --name 小さなシステム --admin-post joho-kacho
  printf 'ログインID,職員番号,種別\nsato.m,001876,一般\n' >tiny-ids.csv
  dc id import tiny-ids.csv --system tiny
  dc reconcile --system tiny one.csv --json
  expect_status 0
  expect_eq "$(json 'len(d["findings"])')" 0 "findings"
}

test_bad_export_lists_problems_and_stores_nothing() {
  stocktake_city || fail "setup"
  printf 'ログインID,状態,最終ログイン\nsato.m,保留,2026-11-01\n,有効,2026-11-01\nmatsuda.k,有効,昨日\n' >bad.csv
  local history; history=$(sql "SELECT count(*) FROM history")
  dc reconcile --system jutaku-sys bad.csv
  expect_status 3
  expect_err "bad.csv, row 2, column B (状態): '保留' is neither an enabled"
  expect_err "bad.csv, row 3, column A (ログインID): the login ID is empty"
  expect_err "bad.csv, row 4, column C (最終ログイン): '昨日' is not a last-login time"
  expect_err "3 problems reading the export with profile generic; nothing was reconciled"
  expect_eq "$(sql "SELECT count(*) FROM reconcile_run")/$(sql "SELECT count(*) FROM history")" "0/$history" "nothing stored"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" --profile no-such
  expect_status 3
  expect_err "profile 'no-such' is neither built in"
  dc reconcile --system no-such-sys "$ids/jutaku-export-cp932.csv"
  expect_status 3
  dc reconcile "$ids/jutaku-export-cp932.csv"
  expect_status 2
}

test_decide_and_signoff_are_recorded() {
  stocktake_city || fail "setup"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv"
  expect_status 1
  dc reconcile signoff 1 --by 住宅管理担当課長
  expect_status 4
  expect_err "16 findings without a decision"
  dc reconcile decide 1 4 --decision exception --note "保守のため"
  expect_status 3
  expect_err "needs --until"
  dc reconcile decide 1 99 --decision fix --note x
  expect_status 3
  dc reconcile decide 1 1-3 --decision fix --note "システムから削除を依頼"
  expect_status 0
  expect_out "recorded 3 decisions"
  dc reconcile decide 1 all --kind dormant --decision 容認 --note "育児休業中"
  expect_out "recorded 2 decisions"
  dc reconcile show 1 --undecided --json
  expect_eq "$(json 'len(d["findings"])')" 11 "undecided"
  dc reconcile decide 1 all --decision 例外 --note "次回棚卸まで" --until 2027-03-31
  expect_out "recorded 16 decisions"
  # 住宅管理担当課長 (佐藤, who approved his own ID: sod_violation) may not sign
  # off this run: 情報政策課長 does, on the day of the decision (決裁日).
  dc reconcile signoff 1 --by 情報政策課長 --checked-by jutaku-kakaricho --date 2026-11-20
  expect_status 0
  expect_out "signed off by 情報政策課長 on 2026-11-20"
  dc reconcile show 1 --json
  expect_eq "$(json 'd["signoff_post"]')/$(json 'd["signoff_person"]')/$(json 'd["checked_person"]')/$(json 'd["signoff_on"]')" \
    "joho-kacho/002208/007733/2026-11-20" "sign-off"
  expect_eq "$(json 'd["decided"]')/$(json 'd["findings"][0]["decision"]')/$(json 'd["findings"][0]["until"]')" "16/exception/2027-03-31" "decisions"
  dc reconcile decide 1 1 --decision fix --note late
  expect_status 4
  expect_err "signed off"
  expect_eq "$(sql "SELECT count(*) FROM history WHERE action = 'decide'")" 21 "a history entry per decision"
  expect_eq "$(sql "SELECT count(*) FROM history WHERE action = 'signoff' AND entity = 'reconcile_run'")" 1 "sign-off in history"
  # The sign-off is this year's ID stocktake of the system: the duty is done.
  dc duty log --json
  expect_eq "$(json '[(e["duty"], e["system"], e["done_on"]) for e in d if e["duty"] == "id_stocktake"]')" \
    "[('id_stocktake', 'jutaku-sys', '2026-11-20')]" "duty recorded on the decision's date"
  dc audit verify
  expect_status 0
}

# Rubber-stamping: one note on findings of several kinds is recorded with a
# warning naming the kinds; one kind, or one finding, gives none.
test_one_note_on_findings_of_several_kinds_is_warned_of() {
  stocktake_city || fail "setup"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv"
  expect_status 1
  dc reconcile decide 1 all --kind dormant --decision accept --note "育児休業中（復職予定）"
  expect_status 0
  expect_eq "$err" "" "one kind: no warning"
  dc reconcile decide 1 1 --decision fix --note "削除を依頼"
  expect_eq "$err" "" "one finding: no warning"
  dc reconcile decide 1 all --undecided --decision exception --until 2027-04-30 --note "4月の人事異動時に是正"
  expect_status 0
  expect_out "recorded 13 decisions"
  expect_err "daicho: warning: the same note was recorded on findings of 11 kinds (未登録ID（unregistered）、"
  expect_err "decide each kind on its own merits, with a note of its own"
  # In Japanese, in the glossary's words.
  LANG=ja_JP.UTF-8 LC_ALL= LANGUAGE= dc reconcile decide 1 3,4 --decision fix --note "削除を依頼"
  expect_status 0
  expect_err "daicho: 警告: 同じ内容（--note）を 2 種類の検出事項"
  # The decisions are recorded all the same.
  dc reconcile show 1 --undecided --json
  expect_eq "$(json 'len(d["findings"])')" 0 "undecided left"
}

# Rubber-stamping: the person an sod_violation finding names (佐藤, who holds
# 住宅管理担当課長 and approved his own ID sato.m) may neither approve nor
# check the run that reports it; another post may. Exit 4, naming the finding.
test_the_subject_of_an_sod_finding_cannot_sign_the_run_off() {
  stocktake_city || fail "setup"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv"
  expect_status 1
  dc reconcile decide 1 all --decision fix --note "是正を依頼"
  expect_status 0
  local sod
  sod=$(sql "SELECT seq FROM reconcile_finding WHERE run_id = 1 AND kind = 'sod_violation'")
  [ -n "$sod" ] || { fail "setup: no sod_violation finding"; return; }
  local history
  history=$(sql 'SELECT count(*) FROM history')
  dc reconcile signoff 1 --by 住宅管理担当課長 --date 2026-11-20
  expect_status 4
  expect_err "the approver (--by) jutaku-kanri-tanto-kacho is held by 001876, whom finding $sod of stocktake run 1 names"
  expect_err "sod_violation 職務分掌の不備, sato.m: 申請者と承認者が同一人物: 佐藤　雅之 (001876)"
  dc reconcile signoff 1 --by 情報政策課長 --checked-by 住宅課長 --date 2026-11-20
  expect_status 4
  expect_err "the checker (--checked-by) jutaku-kacho is held by 001876"
  LANG=ja_JP.UTF-8 LC_ALL= LANGUAGE= dc reconcile signoff 1 --by 住宅管理担当課長 --date 2026-11-20
  expect_status 4
  expect_err "検出事項 $sod"
  expect_eq "$(sql 'SELECT count(*) FROM history')/$(sql 'SELECT count(*) FROM reconcile_run WHERE signoff_on IS NOT NULL')" \
    "$history/0" "nothing recorded"
  dc reconcile signoff 1 --by 情報政策課長 --checked-by 住宅課管理係長 --date 2026-11-20
  expect_status 0
}

# case: SEC-INJECT-02, SEC-OUTPUT-02
test_report_workbook_opens_and_carries_the_run() {
  stocktake_city || fail "setup"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" -o 照合結果.xlsx
  expect_status 1
  expect_out "wrote 照合結果.xlsx"
  expect_eq "$(stat -c %a 照合結果.xlsx)" 600 "report mode"
  unzip -p 照合結果.xlsx xl/workbook.xml | grep -q '<sheet name="概要"' || fail "no 概要 sheet"
  unzip -p 照合結果.xlsx xl/workbook.xml | grep -q '<sheet name="検出事項"' || fail "no 検出事項 sheet"
  ! unzip -p 照合結果.xlsx 'xl/worksheets/*.xml' | grep -q '<f>' || fail "a formula in the report"
  timeout 120 soffice --headless --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76,1,,0,false,true,false,false,false,-1 \
    照合結果.xlsx >/dev/null 2>&1 || fail "LibreOffice could not open the report"
  local summary findings
  summary=$(ls 照合結果-概要.csv 2>/dev/null) findings=$(ls 照合結果-検出事項.csv 2>/dev/null)
  [ -n "$summary" ] && [ -n "$findings" ] || fail "LibreOffice did not write both sheets: $(ls)"
  grep -q "$(sha256sum "$ids/jutaku-export-cp932.csv" | cut -d' ' -f1)" "$summary" || fail "export hash not in the summary"
  grep -q "jutaku-export-cp932.csv" "$summary" || fail "export file name not in the summary"
  grep -q "承認者" "$summary" || fail "no sign-off block"
  expect_eq "$(($(wc -l <"$findings") - 1))" 16 "finding rows"
  grep -q "ｍａｔｓｕｄａ．ｋ" "$findings" || fail "raw login missing"
  # After the sign-off the report names who signed.
  dc reconcile decide 1 all --decision accept --note 確認済
  dc reconcile signoff 1 --by 情報政策課長
  dc reconcile report 1 -o signed.xlsx
  expect_status 0
  timeout 120 soffice --headless --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76,1,,0,false,true,false,false,false,-1 \
    signed.xlsx >/dev/null 2>&1
  grep -q "伊藤　隆志" signed-概要.csv || fail "signer not in the signed report"
}

test_list_and_profiles() {
  stocktake_city || fail "setup"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv"
  dc reconcile --system lan-sys "$ids/lan-csvde.csv" --profile ad-csvde
  dc reconcile list --json
  expect_eq "$(json '" ".join(str(r["run"]) + ":" + r["system"] for r in d)')" "2:lan-sys 1:jutaku-sys" "runs, newest first"
  dc reconcile list --system lan-sys --json
  expect_eq "$(json 'len(d)')" 1 "runs of lan-sys"
  dc reconcile profiles --json
  expect_eq "$(json '",".join(p["name"] for p in d)')" "ad-csvde,ad-powershell,entra,generic,google,ldif,m365,passwd" "profiles"
}

test_a_changed_finding_is_found_by_audit_verify() {
  stocktake_city || fail "setup"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv"
  dc audit verify
  expect_status 0
  sql "UPDATE reconcile_finding SET detail = '問題なし' WHERE run_id = 1 AND seq = 1" >/dev/null
  dc audit verify
  expect_status 1
  expect_err "reconcile_run 1 differs"
}

# A report that cannot be written is found before the run is stored: a re-run
# after fixing -o does not store the run twice.
test_an_unwritable_report_stores_no_run() {
  stocktake_city || fail "setup"
  touch afile && mkdir folder || fail "setup"
  local runs history out_path
  runs=$(sql 'SELECT count(*) FROM reconcile_run')
  history=$(sql 'SELECT count(*) FROM history')
  local places=(/nonexistent-dir/x.xlsx afile/x.xlsx /proc/daicho-report.xlsx folder)
  if [ "$(id -u)" -ne 0 ]; then
    mkdir readonly && chmod 500 readonly && places+=(readonly/x.xlsx)
  fi
  for out_path in "${places[@]}"; do
    dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" -o "$out_path"
    [ "$status" -eq 3 ] || fail "-o $out_path: expected exit 3, got $status: $err"
    grep -qF -- "$out_path" <<<"$err" || fail "-o $out_path: the error does not name it: $err"
    expect_eq "$(sql 'SELECT count(*) FROM reconcile_run')/$(sql 'SELECT count(*) FROM history')" "$runs/$history" \
      "runs/history after -o $out_path"
  done
  expect_eq "$(ls -A folder)" "" "nothing left in the folder"
  dc reconcile --system jutaku-sys "$ids/jutaku-export-cp932.csv" -o report.xlsx
  [ "$status" -le 1 ] || fail "expected exit 0 or 1, got $status: $err"
  [ -s report.xlsx ] || fail "the report was not written"
  expect_eq "$(sql 'SELECT count(*) FROM reconcile_run')" "$((runs + 1))" "runs after a good -o"
  expect_eq "$(ls -A | grep -c 'tmp-')" 0 "no temporary file left"
}
