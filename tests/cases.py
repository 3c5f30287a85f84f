#!/usr/bin/env python3
"""The test plan (docs/ja/試験計画書.md) and the tests that carry its case IDs.

  cases.py check [ROOT]       every case has a test, every tag a case, and each
                              case's 自動試験 cell lists exactly its tests
  cases.py sync [ROOT]        rewrites the 自動試験 cells from the tags
  cases.py files [ROOT]       the test files holding tagged tests, as
                              tests/run-tests.sh names them
  cases.py report ROOT LOGS OUT [--no-xlsx]
                              writes OUT/試験成績書.md and .xlsx (openpyxl) from
                              the logs tests/run-tests.sh kept in LOGS
                              (DAICHO_TEST_LOGS) and LOGS/meta.json

A case is a row of the plan's tables whose first cell is its ID (SEC-AREA-NN).
Its 実施条件 cell says "PostgreSQL" when it needs the PostgreSQL engine; while
the plan's line "PostgreSQL 対応: **未実装**" (or **一部実装**) stands, such a
case may have no test yet, and the report shows it as not run; once it has
tests they run and count like any other. Changing that line to **実装済み**
makes every PostgreSQL case need its tests.

Tags: in tests/cli/test-*.sh, a comment "# case: SEC-X-01[, SEC-Y-02]" in the
comment block directly above "test_name() {"; in tests/unit/test-*.c, the test's
name in TEST_MAIN ends in " [SEC-X-01]" (several IDs separated by spaces).
"""
import datetime
import json
import os
import re
import subprocess
import sys

PLAN = "docs/ja/試験計画書.md"
ID = r"SEC-[A-Z]+-\d{2}"
ROW = re.compile(r"^\|\s*(" + ID + r")\s*\|")
ENGINE = re.compile(r"PostgreSQL 対応: \*\*(未実装|一部実装|実装済み)\*\*")
SH_FUNC = re.compile(r"^(test_\w+)\(\)\s*\{")
SH_TAG = re.compile(r"^#\s*case:\s*(.*)$")
C_TEST = re.compile(r'\{\s*"((?:[^"\\]|\\.)*?)\s*\[((?:' + ID + r'\s*)+)\]"\s*,\s*(\w+)\s*\}')
CELL_ITEM = re.compile(r"`([^`]+)`\s*([^<]*)")
COLUMNS = ["ID", "試験項目", "目的", "手順", "期待結果", "実施条件", "自動試験"]


class Case:
    def __init__(self, cid, cells, line):
        self.id = cid
        self.title, self.purpose, self.steps, self.expected, self.condition, self.tests_cell = cells[1:7]
        self.line = line
        self.needs_pg = "PostgreSQL" in self.condition


def split_row(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read_plan(root):
    """Cases in order, the engine's state, and problems with the plan's shape."""
    path = os.path.join(root, PLAN)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    cases, problems, engine = {}, [], None
    for n, line in enumerate(lines, 1):
        m = ENGINE.search(line)
        if m:
            engine = m.group(1)
        m = ROW.match(line)
        if not m:
            continue
        cells = split_row(line)
        if len(cells) != len(COLUMNS):
            problems.append(f"{PLAN}:{n}: case {m.group(1)} has {len(cells)} cells, not {len(COLUMNS)} ({' | '.join(COLUMNS)})")
            continue
        if m.group(1) in cases:
            problems.append(f"{PLAN}:{n}: case {m.group(1)} appears twice")
            continue
        cases[m.group(1)] = Case(m.group(1), cells, n)
    if engine is None:
        problems.append(f"{PLAN}: the line \"PostgreSQL 対応: **未実装**\" (or **実装済み**) is missing")
    if not cases:
        problems.append(f"{PLAN}: no case rows (| SEC-AREA-NN | ... |)")
    return cases, engine or "未実装", lines, problems


class Test:
    """One automated test: FILE (test-x.sh or test-x.c), NAME as the suite prints it."""
    def __init__(self, file, name, ids, where):
        self.file, self.name, self.ids, self.where = file, name, ids, where

    @property
    def key(self):
        return (self.file, self.name)

    @property
    def suite(self):  # as tests/run-tests.sh names the suite
        return "cli/" + self.file if self.file.endswith(".sh") else self.file[:-2]


def parse_ids(text):
    return re.findall(ID, text)


def read_tags(root):
    tests, problems = [], []
    cli = os.path.join(root, "tests", "cli")
    for name in sorted(os.listdir(cli)):
        if not (name.startswith("test-") and name.endswith(".sh")):
            continue
        with open(os.path.join(cli, name), encoding="utf-8") as f:
            pending, pending_line = [], 0
            for n, line in enumerate(f, 1):
                m = SH_TAG.match(line)
                if m:
                    ids = parse_ids(m.group(1))
                    if not ids or re.sub(ID, "", m.group(1)).strip(" ,"):
                        problems.append(f"tests/cli/{name}:{n}: a case line names IDs like SEC-TAMPER-01, separated by commas: {line.strip()}")
                    pending += ids
                    pending_line = pending_line or n
                    continue
                m = SH_FUNC.match(line)
                if m and pending:
                    tests.append(Test(name, m.group(1), pending, f"tests/cli/{name}:{n}"))
                elif pending and not line.startswith("#"):
                    problems.append(f"tests/cli/{name}:{pending_line}: a case line not directly above a test_ function")
                if not line.startswith("#"):
                    pending, pending_line = [], 0
    unit = os.path.join(root, "tests", "unit")
    for name in sorted(os.listdir(unit)):
        if not (name.startswith("test-") and name.endswith(".c")):
            continue
        with open(os.path.join(unit, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                found = list(C_TEST.finditer(line))
                for m in found:
                    tests.append(Test(name, m.group(1) + " [" + m.group(2).strip() + "]",
                                      parse_ids(m.group(2)), f"tests/unit/{name}:{n}"))
                if not found and re.search(r"\[" + ID, line):
                    problems.append(f"tests/unit/{name}:{n}: a case tag not in the form "
                                    '{ "name [SEC-X-01]", function } on one line')
    return tests, problems


def plain_name(test):  # the name as the plan lists it (without its tag)
    return re.sub(r"\s*\[(?:" + ID + r"\s*)+\]$", "", test.name)


def render_cell(tests):
    if not tests:
        return "—"
    return "<br>".join(f"`{t.file}` {plain_name(t)}" for t in tests)


def cell_items(cell):
    return {(m.group(1).strip(), m.group(2).strip()) for m in CELL_ITEM.finditer(cell)}


def tests_by_case(cases, tests):
    by = {cid: [] for cid in cases}
    for t in tests:
        for cid in t.ids:
            if cid in by:
                by[cid].append(t)
    return by


def pending(case, engine, tests):
    """A PostgreSQL case with no test yet, while the engine is not complete."""
    return case.needs_pg and engine != "実装済み" and not tests


def check(root):
    cases, engine, _, problems = read_plan(root)
    tests, tag_problems = read_tags(root)
    problems += tag_problems
    seen = {}
    for t in tests:
        if t.key in seen:
            problems.append(f"{t.where}: the test name {t.name!r} is used twice in {t.file}")
        seen[t.key] = t
        for cid in t.ids:
            if cid not in cases:
                problems.append(f"{t.where}: {t.name} names case {cid}, which {PLAN} does not have")
    by = tests_by_case(cases, tests)
    stale = False
    for cid, case in cases.items():
        if not by[cid] and not pending(case, engine, by[cid]):
            why = " (it needs PostgreSQL, and the plan says PostgreSQL 対応: **実装済み**)" if case.needs_pg else ""
            problems.append(f"{PLAN}:{case.line}: case {cid} has no test carrying its ID{why}")
        listed = cell_items(case.tests_cell)
        tagged = {(t.file, plain_name(t)) for t in by[cid]}
        if listed != tagged:
            stale = True
            for item in sorted(tagged - listed):
                problems.append(f"{PLAN}:{case.line}: case {cid}'s 自動試験 lacks {item[0]} {item[1]}")
            for item in sorted(listed - tagged):
                problems.append(f"{PLAN}:{case.line}: case {cid}'s 自動試験 lists {item[0]} {item[1]}, "
                                "which carries no such tag")
    if stale:
        problems.append("update the 自動試験 cells with: python3 tests/cases.py sync")
    return problems


def sync(root):
    cases, _, lines, problems = read_plan(root)
    tests, _ = read_tags(root)
    by = tests_by_case(cases, tests)
    for cid, case in cases.items():
        cells = split_row(lines[case.line - 1])
        cells[6] = render_cell(by[cid])
        lines[case.line - 1] = "| " + " | ".join(cells) + " |"
    with open(os.path.join(root, PLAN), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return problems


def files(root):
    tests, _ = read_tags(root)
    suites = []
    for t in tests:
        if t.suite not in suites:
            suites.append(t.suite)
    return suites + ["cli/test-plan.sh"]


# ---- the report ----

JST = datetime.timezone(datetime.timedelta(hours=9), "JST")


def jst(epoch):
    return datetime.datetime.fromtimestamp(int(epoch), JST).strftime("%Y-%m-%d %H:%M:%S JST")


def read_runs(logs):
    """SUITE -> (log text, start, end, exit status) from LOGS/index.tsv."""
    runs = {}
    with open(os.path.join(logs, "index.tsv"), encoding="utf-8") as f:
        for line in f:
            suite, log, start, end, status = line.rstrip("\n").split("\t")
            with open(os.path.join(logs, log), encoding="utf-8", errors="replace") as g:
                runs[suite] = (g.read(), int(start), int(end), int(status))
    return runs


def result_of(test, runs):
    """合格, 不合格, スキップ or 結果なし (the suite did not run it or did not say)."""
    run = runs.get(test.suite)
    if run is None:
        return "結果なし"
    text = run[0]
    if test.file.endswith(".sh"):
        for line in text.split("\n"):
            words = line.split()
            if len(words) == 2 and words[1] == test.name:
                return {"ok": "合格", "FAIL": "不合格", "SKIP": "スキップ"}.get(words[0], "結果なし")
        return "結果なし"
    at = text.find(f"Test: {test.name} ...")
    if at < 0:
        return "結果なし"
    rest = text[at:]
    p, f = rest.find("passed"), rest.find("FAILED")
    if p < 0 and f < 0:
        return "結果なし"
    return "合格" if f < 0 or 0 <= p < f else "不合格"


def case_result(case, results, engine):
    if pending(case, engine, results):
        return "未実施"
    if not results:
        return "不合格"
    if any(r in ("不合格", "結果なし") for r in results):
        return "不合格"
    if all(r == "スキップ" for r in results):
        return "未実施"
    if any(r == "スキップ" for r in results):
        return "一部未実施"
    return "合格"


def sh(*cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def machine():
    os_name = ""
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    uname = os.uname()
    return {
        "host": uname.nodename,
        "os": f"{os_name}（{uname.sysname} {uname.release} {uname.machine}）",
        "cpu": f"{cpu}、{os.cpu_count()} コア" if cpu else f"{os.cpu_count()} コア",
    }


def gather(root, logs):
    cases, engine, _, problems = read_plan(root)
    tests, tag_problems = read_tags(root)
    runs = read_runs(logs)
    with open(os.path.join(logs, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    by = tests_by_case(cases, tests)
    rows, details = [], []
    for cid, case in cases.items():
        results = [result_of(t, runs) for t in by[cid]]
        starts = [runs[t.suite][1] for t in by[cid] if t.suite in runs]
        ends = [runs[t.suite][2] for t in by[cid] if t.suite in runs]
        when = f"{jst(min(starts))} 〜 {jst(max(ends))[11:]}" if starts else "—"
        outcome = case_result(case, results, engine)
        note = ""
        if pending(case, engine, by[cid]):
            note = "PostgreSQL 対応が未完成で、この項目の試験がまだない"
        elif not by[cid]:
            note = "この項目を試験する自動試験がない"
        elif "結果なし" in results:
            note = "結果を報告しなかった試験がある（異常終了など）"
        elif "スキップ" in results:
            note = "実施できなかった試験がある（明細を参照）"
        rows.append({"id": cid, "title": case.title, "tests": len(by[cid]),
                     "passed": results.count("合格"), "result": outcome, "when": when, "note": note})
        for t, r in zip(by[cid], results):
            details.append({"id": cid, "file": t.file, "name": plain_name(t), "result": r,
                            "when": jst(runs[t.suite][1]) if t.suite in runs else "—"})
    counts = {k: sum(1 for r in rows if r["result"] == k) for k in ("合格", "不合格", "一部未実施", "未実施")}
    suite_failures = [s for s, run in runs.items() if run[3] != 0]
    version = sh(os.path.join(root, meta.get("daicho", "build/daicho")), "--version")
    commit = meta.get("commit")  # taken before the tests ran (tests/report.sh)
    if not commit:
        commit = sh("git", "rev-parse", "HEAD", cwd=root) or "（git の外で実行）"
        if sh("git", "status", "--porcelain", cwd=root):
            commit += "（未コミットの変更あり）"
    info = {
        "version": version, "commit": commit, "start": jst(meta["start"]), "end": jst(meta["end"]),
        "minutes": f"{(meta['end'] - meta['start']) / 60:.1f} 分", "totals": meta.get("totals", ""),
        "status": meta.get("status", 1), "plan_version": plan_version(root), "engine": engine,
        "suites": ", ".join(runs), "suite_failures": suite_failures,
        "problems": problems + tag_problems, **machine(),
    }
    return rows, details, counts, info


def plan_version(root):
    with open(os.path.join(root, PLAN), encoding="utf-8") as f:
        m = re.search(r"^\|\s*版\s*\|\s*([^|]+?)\s*\|", f.read(), re.M)
    return m.group(1) if m else "—"


def verdict(counts, info):
    bad = counts["不合格"] or info["status"] != 0 or info["problems"]
    if bad:
        return "不合格（不合格の項目または試験の異常がある。下表と明細を参照）"
    if counts["一部未実施"] or counts["未実施"]:
        return "実施した項目はすべて合格（未実施の項目は下表の備考のとおり）"
    return "すべての項目が合格"


SIGNERS = ["試験実施者", "確認者", "承認者"]


def write_markdown(path, rows, details, counts, info):
    out = ["# daicho 試験成績書（セキュリティ機能）", "",
           "試験計画書（docs/ja/試験計画書.md）に定めた試験項目を、自動試験で実施した結果です。", "",
           "| 項目 | 内容 |", "| --- | --- |",
           f"| 対象 | {info['version']} |",
           f"| コミット | {info['commit']} |",
           f"| 試験計画書の版 | {info['plan_version']} |",
           f"| 実施日時 | {info['start']} 〜 {info['end']}（{info['minutes']}） |",
           f"| 実施した計算機 | {info['host']}：{info['os']}、{info['cpu']} |",
           f"| 実施した試験ファイル | {info['suites']} |",
           f"| 試験全体の集計 | {info['totals']} |",
           f"| PostgreSQL 対応 | {info['engine']} |",
           f"| 判定 | **{verdict(counts, info)}** |", "",
           "## 集計", "",
           "| 合格 | 不合格 | 一部未実施 | 未実施 | 計 |", "| --- | --- | --- | --- | --- |",
           f"| {counts['合格']} | {counts['不合格']} | {counts['一部未実施']} | {counts['未実施']} | {len(rows)} |", ""]
    if info["suite_failures"] or info["problems"]:
        out += ["## 試験の異常", ""]
        out += [f"- 試験ファイル {s} が異常終了または失敗を報告した" for s in info["suite_failures"]]
        out += [f"- 計画と試験の対応: {p}" for p in info["problems"]]
        out.append("")
    out += ["## 試験項目別の結果", "",
            "| ID | 試験項目 | 自動試験 | 合格 | 結果 | 実施日時 | 備考 |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        result = r["result"] if r["result"] == "合格" else f"**{r['result']}**"
        out.append(f"| {r['id']} | {r['title']} | {r['tests']} | {r['passed']} | {result} | {r['when']} | {r['note']} |")
    out += ["", "## 明細（自動試験ごと）", "",
            "| ID | 試験ファイル | 自動試験 | 結果 | 実施日時 |", "| --- | --- | --- | --- | --- |"]
    for d in details:
        result = d["result"] if d["result"] == "合格" else f"**{d['result']}**"
        out.append(f"| {d['id']} | {d['file']} | {d['name']} | {result} | {d['when']} |")
    out += ["", "## 承認", "",
            "| | " + " | ".join(SIGNERS) + " |", "| --- | --- | --- | --- |",
            "| 所属・補職 | | | |", "| 氏名 | | | |", "| 日付 | | | |", "| 印 | | | |", "",
            "この成績書の SHA-256 は、作成時に `make test-report` が表示し、同じフォルダの "
            "SHA256SUMS に記録しています。保管した写しは `sha256sum -c SHA256SUMS` で確かめられます。", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def write_xlsx(path, rows, details, counts, info):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.page import PageMargins

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    bad_fill = PatternFill("solid", fgColor="F8CBAD")
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def setup(ws, title, repeat):
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.7, bottom=0.6)
        if repeat:
            ws.print_title_rows = repeat
        ws.oddHeader.center.text = f"&B{title}"
        ws.oddFooter.center.text = "&P / &N"
        ws.oddFooter.right.text = info["end"]

    def put(ws, row, col, value, bold=False, fill=None, align=wrap, border=True):
        c = ws.cell(row=row, column=col, value=value)
        c.font = Font(bold=bold)
        c.alignment = align
        if border:
            c.border = box
        if fill:
            c.fill = fill
        return c

    def table(ws, first, headers, values, widths):
        for i, (h, w) in enumerate(zip(headers, widths), 1):
            put(ws, first, i, h, bold=True, fill=head_fill, align=center)
            ws.column_dimensions[chr(64 + i)].width = w
        for r, vals in enumerate(values, first + 1):
            failed = any(v in ("不合格", "結果なし") for v in vals)
            for i, v in enumerate(vals, 1):
                put(ws, r, i, v, fill=bad_fill if failed and v in ("不合格", "結果なし") else None)

    wb = Workbook()
    ws = wb.active
    ws.title = "総括"
    setup(ws, "daicho 試験成績書（セキュリティ機能）", None)
    put(ws, 1, 1, "daicho 試験成績書（セキュリティ機能）", bold=True, border=False, align=Alignment())
    ws["A1"].font = Font(bold=True, size=16)
    ws.column_dimensions["A"].width = 22
    for col in "BCD":
        ws.column_dimensions[col].width = 34
    facts = [("対象", info["version"]), ("コミット", info["commit"]), ("試験計画書の版", info["plan_version"]),
             ("実施日時", f"{info['start']} 〜 {info['end']}（{info['minutes']}）"),
             ("実施した計算機", f"{info['host']}：{info['os']}、{info['cpu']}"),
             ("実施した試験ファイル", info["suites"]), ("試験全体の集計", info["totals"]),
             ("PostgreSQL 対応", info["engine"]), ("判定", verdict(counts, info))]
    r = 3
    for label, value in facts:
        put(ws, r, 1, label, bold=True, fill=head_fill)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
        put(ws, r, 2, value, bold=label == "判定",
            fill=bad_fill if label == "判定" and value.startswith("不合格") else None)
        for col in (3, 4):
            ws.cell(row=r, column=col).border = box
        ws.row_dimensions[r].height = 30 if len(value) > 60 else 18
        r += 1
    r += 1
    put(ws, r, 1, "集計", bold=True, border=False, align=Alignment())
    r += 1
    table(ws, r, ["合格", "不合格", "一部未実施", "未実施"],
          [[counts["合格"], counts["不合格"], counts["一部未実施"], counts["未実施"]]], [22, 34, 34, 34])
    r += 3
    for problem in [f"試験ファイル {s} が異常終了または失敗を報告した" for s in info["suite_failures"]] + \
                   [f"計画と試験の対応: {p}" for p in info["problems"]]:
        put(ws, r, 1, "試験の異常", bold=True, fill=bad_fill)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
        put(ws, r, 2, problem)
        r += 1
    r += 1
    put(ws, r, 1, "承認", bold=True, border=False, align=Alignment())
    r += 1
    put(ws, r, 1, "", fill=head_fill)
    for i, s in enumerate(SIGNERS, 2):
        put(ws, r, i, s, bold=True, fill=head_fill, align=center)
    for label in ("所属・補職", "氏名", "日付", "印"):
        r += 1
        put(ws, r, 1, label, bold=True)
        for i in range(2, 5):
            put(ws, r, i, "")
        ws.row_dimensions[r].height = 48 if label == "印" else 24

    ws = wb.create_sheet("試験項目別の結果")
    setup(ws, "daicho 試験成績書 — 試験項目別の結果", "$1:$1")
    table(ws, 1, ["ID", "試験項目", "自動試験", "合格", "結果", "実施日時", "備考"],
          [[x["id"], x["title"], x["tests"], x["passed"], x["result"], x["when"], x["note"]] for x in rows],
          [16, 44, 9, 7, 12, 36, 40])
    ws = wb.create_sheet("明細")
    setup(ws, "daicho 試験成績書 — 明細（自動試験ごと）", "$1:$1")
    table(ws, 1, ["ID", "試験ファイル", "自動試験", "結果", "実施日時"],
          [[d["id"], d["file"], d["name"], d["result"], d["when"]] for d in details],
          [16, 24, 80, 10, 26])
    wb.save(path)


def report(root, logs, out, xlsx=True):
    rows, details, counts, info = gather(root, logs)
    os.makedirs(out, exist_ok=True)
    md = os.path.join(out, "試験成績書.md")
    xl = os.path.join(out, "試験成績書.xlsx")
    write_markdown(md, rows, details, counts, info)
    if xlsx:
        write_xlsx(xl, rows, details, counts, info)
    for r in rows:
        if r["result"] != "合格":
            print(f"{r['id']}: {r['result']}" + (f"（{r['note']}）" if r["note"] else ""))
    print(f"cases: {counts['合格']} passed, {counts['不合格']} failed, "
          f"{counts['一部未実施'] + counts['未実施']} not (fully) run")
    return 1 if counts["不合格"] or info["status"] != 0 or info["problems"] else 0


def main(argv):
    if len(argv) < 2 or argv[1] not in ("check", "sync", "files", "report"):
        print(__doc__, file=sys.stderr)
        return 2
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if argv[1] == "report":
        if len(argv) not in (5, 6) or argv[5:] not in ([], ["--no-xlsx"]):
            print("usage: cases.py report ROOT LOGS OUT [--no-xlsx]", file=sys.stderr)
            return 2
        return report(argv[2], argv[3], argv[4], xlsx=argv[5:] != ["--no-xlsx"])
    root = argv[2] if len(argv) > 2 else here
    if argv[1] == "files":
        print("\n".join(files(root)))
        return 0
    problems = check(root) if argv[1] == "check" else sync(root)
    for p in problems:
        print(p)
    if argv[1] == "check" and not problems:
        print("the plan and the tests agree")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
