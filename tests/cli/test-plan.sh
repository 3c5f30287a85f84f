# The test plan (docs/ja/試験計画書.md) and the tests cannot drift apart: every
# case has a test carrying its ID, every such ID is a case of the plan, and the
# plan's 自動試験 cells list exactly those tests (tests/cases.py check). Cases
# that need PostgreSQL may wait for their tests while the plan says "PostgreSQL
# 対応: **一部実装**" (or **未実装**); those with tests count like any other. The
# test report (make test-report) shows a failed case as failed and a waiting
# case as not run.

cases=$DAICHO_ROOT/tests/cases.py
plan=docs/ja/試験計画書.md

# A copy of what the check reads (the plan and the test sources) in ./root.
copy_root() {
  mkdir -p root/docs/ja root/tests/cli root/tests/unit &&
  cp "$DAICHO_ROOT/$plan" root/docs/ja/ &&
  cp "$DAICHO_ROOT"/tests/cli/test-*.sh root/tests/cli/ &&
  cp "$DAICHO_ROOT"/tests/unit/test-*.c root/tests/unit/
}
check() { out=$(python3 "$cases" check root 2>&1); status=$?; }
# A PostgreSQL case waiting for its test, in ./root: SEC-AUTH-02 loses its
# tag and its 自動試験 cell.
pending_auth_02() {
  grep -q '^# case: SEC-AUTH-02$' root/tests/cli/test-pg-tls.sh &&
  sed -i '/^# case: SEC-AUTH-02$/d' root/tests/cli/test-pg-tls.sh &&
  sed -i 's/^\(| SEC-AUTH-02 |.*| PostgreSQL | \)[^|]* |$/\1— |/' root/$plan
}

test_every_case_has_a_test_and_every_test_names_a_case() {
  out=$(python3 "$cases" check "$DAICHO_ROOT" 2>&1); status=$?
  expect_status 0
  expect_out "the plan and the tests agree"
}

test_a_case_without_a_test_or_a_tag_without_a_case_is_found() {
  copy_root || fail "setup"
  check
  expect_status 0
  # A case no test carries.
  sed -i 's/^| SEC-TAMPER-04 |.*/&\n| SEC-TAMPER-99 | 新しい項目 | 目的 | 手順 | 期待結果 | — | — |/' root/$plan
  check
  expect_status 1
  expect_out "case SEC-TAMPER-99 has no test carrying its ID"
  cp "$DAICHO_ROOT/$plan" root/$plan
  # A test naming a case the plan lacks.
  sed -i 's/^# case: SEC-TAMPER-04$/# case: SEC-TAMPER-04, SEC-NOPE-01/' root/tests/cli/test-tamper.sh
  check
  expect_status 1
  expect_out "names case SEC-NOPE-01, which $plan does not have"
  # A CUnit test whose tag is gone: the plan still lists it.
  cp "$DAICHO_ROOT/tests/cli/test-tamper.sh" root/tests/cli/
  sed -i 's/"history rows refuse UPDATE and DELETE \[SEC-TAMPER-02\]"/"history rows refuse UPDATE and DELETE"/' root/tests/unit/test-history.c
  check
  expect_status 1
  expect_out "case SEC-TAMPER-02's 自動試験 lists test-history.c history rows refuse UPDATE and DELETE, which carries no such tag"
  expect_out "python3 tests/cases.py sync"
  # A case line that is not directly above a test.
  cp "$DAICHO_ROOT/tests/unit/test-history.c" root/tests/unit/
  printf '\n# case: SEC-TAMPER-01\nhelper() { :; }\n' >>root/tests/cli/test-tamper.sh
  check
  expect_status 1
  expect_out "a case line not directly above a test_ function"
}

test_postgresql_cases_wait_for_the_engine() {
  copy_root || fail "setup"
  grep -q '^- PostgreSQL 対応: \*\*一部実装\*\*' root/$plan || fail "the plan lacks its PostgreSQL line"
  for id in SEC-ACCESS-03 SEC-ACCESS-04 SEC-AUTH-01 SEC-AUTH-02 SEC-CRYPT-01 SEC-TAMPER-08; do
    grep -q "^| $id |.*| PostgreSQL | [^|]* |$" root/$plan || fail "$id is not marked as needing PostgreSQL"
  done
  check
  expect_status 0
  # One without its test yet waits.
  pending_auth_02 || fail "setup: SEC-AUTH-02 without its test"
  check
  expect_status 0
  # A PostgreSQL case with tests is held to them like any other.
  sed -i 's/^# case: SEC-ACCESS-03, /# case: /' root/tests/cli/test-postgresql.sh
  check
  expect_status 1
  expect_out "case SEC-ACCESS-03's 自動試験 lists test-postgresql.sh"
  sed -i 's/^# case: SEC-ACCESS-04, /# case: SEC-ACCESS-03, SEC-ACCESS-04, /' root/tests/cli/test-postgresql.sh
  # The one edit that switches them all on: then every one needs its tests.
  sed -i 's/^- PostgreSQL 対応: \*\*一部実装\*\*/- PostgreSQL 対応: **実装済み**/' root/$plan
  check
  expect_status 1
  expect_out "case SEC-AUTH-02 has no test carrying its ID (it needs PostgreSQL"
  # A case that needs no PostgreSQL is never excused.
  sed -i 's/^- PostgreSQL 対応: \*\*実装済み\*\*/- PostgreSQL 対応: **一部実装**/' root/$plan
  sed -i 's/^# case: SEC-INPUT-05$//' root/tests/cli/test-hostile.sh
  sed -i 's/ \[SEC-INPUT-05\]"/"/' root/tests/unit/test-file.c
  check
  expect_status 1
  expect_out "case SEC-INPUT-05 has no test carrying its ID"
}

# Logs as tests/run-tests.sh keeps them for every suite the report runs, all
# passed but for: test-history's "an edited history row is found" FAILED,
# test-tamper.sh's orphan test missing (its file died), test-fullfs.sh skipped;
# of ./root, where SEC-AUTH-02 waits for its test.
fake_logs() {
  copy_root && pending_auth_02 && mkdir -p logs &&
  python3 - "$cases" root logs <<'PY'
import importlib.util, os, sys, time
spec = importlib.util.spec_from_file_location("cases", sys.argv[1])
cases = importlib.util.module_from_spec(spec); spec.loader.exec_module(cases)
root, logs = sys.argv[2:4]
tests, _ = cases.read_tags(root)
by = {}
for t in tests:
    by.setdefault(t.suite, []).append(t)
now = 1796778000  # 2026-12-09 10:00 JST
with open(os.path.join(logs, "index.tsv"), "w") as index:
    for suite in cases.files(root):
        lines = []
        for t in by.get(suite, []):
            if t.file.endswith(".c"):
                lines.append(f"  Test: {t.name} ..." + ("FAILED\n    1. x.c:1 - 0" if "an edited history row" in t.name else "passed"))
            elif t.name == "test_an_orphaned_row_is_found":
                continue
            else:
                lines.append(("SKIP " if suite == "cli/test-fullfs.sh" else "ok ") + t.name)
        log = suite.replace("/", "__") + ".log"
        open(os.path.join(logs, log), "w").write("\n".join(lines) + "\n")
        status = 1 if suite in ("test-history", "cli/test-tamper.sh") else 0
        index.write(f"{suite}\t{log}\t{now}\t{now + 60}\t{status}\n")
open(os.path.join(logs, "meta.json"), "w").write(
    '{"start": %d, "end": %d, "status": 1, "totals": "200 passed, 2 failed", "daicho": "/nonexistent"}' % (now, now + 600))
PY
}

test_the_report_shows_failed_and_pending_cases_as_they_are() {
  fake_logs || { fail "setup"; return; }
  out=$(python3 "$cases" report root logs report --no-xlsx 2>&1); status=$?
  expect_status 1
  expect_out "SEC-TAMPER-01: 不合格"
  expect_out "SEC-TAMPER-03: 不合格（結果を報告しなかった試験がある"
  expect_out "SEC-AUTH-02: 未実施（PostgreSQL 対応が未完成で、この項目の試験がまだない）"
  expect_out "SEC-FAULT-03: 一部未実施"
  local md=report/試験成績書.md
  [ -s "$md" ] || { fail "no Markdown report"; return; }
  grep -q '^| SEC-TAMPER-01 | 変更履歴の連鎖 | 10 | 9 | \*\*不合格\*\* | 2026-12-09 ' "$md" || fail "SEC-TAMPER-01's row: $(grep 'SEC-TAMPER-01 |' "$md" | head -1)"
  grep -q '^| SEC-TAMPER-01 | test-history.c | an edited history row is found | \*\*不合格\*\* |' "$md" || fail "the failed test's line"
  grep -q '^| SEC-TAMPER-03 | test-tamper.sh | test_an_orphaned_row_is_found | \*\*結果なし\*\* |' "$md" || fail "the missing result's line"
  grep -q '^| SEC-FAULT-03 | test-fullfs.sh | test_import_assets_on_a_full_disk_changes_nothing | \*\*スキップ\*\* |' "$md" || fail "the skipped test's line"
  grep -q '^| SEC-INPUT-01 | .* | 合格 |' "$md" || fail "a passed case"
  grep -q '^| 判定 | \*\*不合格' "$md" || fail "the verdict: $(grep '判定' "$md")"
  grep -q '試験ファイル test-history が異常終了または失敗を報告した' "$md" || fail "the failed suite"
  grep -q '2026-12-09 .* JST 〜 2026-12-09 .* JST' "$md" || fail "the run's times in JST"
  grep -q '^| | 試験実施者 | 確認者 | 承認者 |' "$md" && grep -q '^| 印 | | | |' "$md" || fail "the sign-off block"
  grep -q '200 passed, 2 failed' "$md" || fail "the run's totals"
}

test_the_xlsx_report_is_a4_landscape_and_opens_in_libreoffice() {
  /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { skip "python3-openpyxl is not installed (make test-report installs it)"; return; }
  command -v soffice >/dev/null || { fail "LibreOffice (soffice) is not installed"; return; }
  fake_logs || { fail "setup"; return; }
  /usr/bin/python3 "$cases" report root logs report >/dev/null
  local xlsx=report/試験成績書.xlsx
  [ -s "$xlsx" ] || { fail "no xlsx report"; return; }
  python3 - "$xlsx" <<'PY' || fail "the workbook's print setup"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
book = z.read("xl/workbook.xml").decode()
assert re.search(r'_xlnm.Print_Titles" localSheetId="1">.*\$1:\$1', book), "print titles of 試験項目別の結果"
for n in sorted(x for x in z.namelist() if x.startswith("xl/worksheets/sheet")):
    sheet = z.read(n).decode()
    assert 'orientation="landscape"' in sheet and 'paperSize="9"' in sheet, n + " is not A4 landscape"
    assert "<f>" not in sheet, n + " holds a formula"
PY
  soffice -env:UserInstallation=file://$TEST_DIR/lo-profile --headless --convert-to pdf --outdir lo "$xlsx" >/dev/null 2>&1 \
    || fail "soffice could not convert the report"
  [ -s lo/試験成績書.pdf ] || fail "no PDF from LibreOffice"
}
