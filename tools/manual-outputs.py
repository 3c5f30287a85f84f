#!/usr/bin/env python3
"""Writes the sample outputs of the Japanese manuals from the real binary, or
checks that they are what it prints.
   tools/manual-outputs.py [--check] DAICHO FILE.md...

A sample output is generated only where the manual marks it: an HTML comment
right before a ```text block,

    <!-- 出力例: empty -->     the commands run on a new, empty folder
    <!-- 出力例: city -->      ... on a register of 架空市 (fixtures/load.sh)
    <!-- 出力例: stocktake --> ... on that register with the roster
                               (fixtures/id/roster.xlsx, as of 2026-11-01) and the
                               ID register of jutaku-sys (jutaku-ids.xlsx) imported,
                               and the files of fixtures/id/ in the folder

The block's `$ daicho ...` lines are the commands. A line （YYYY-MM-DD …） in
the block is kept and moves the clock of the commands after it to that day
(the day a stamped report comes back, say). Each runs in that folder
(DAICHO_DB=kakushi.db there) through bash, under LANG=ja_JP.UTF-8,
TZ=Asia/Tokyo, DAICHO_ACTOR=情報政策課長, with the clock stopped by faketime
at 2026-11-24 10:00 JST plus one minute per command (dates and times are
then those of the manual on every run). What it prints (standard output and
error, in order) follows its line, then （終了コード N） when N is not 0.
Normalised: the folder's path is written /srv/daicho (the manual's place of
the register). --check compares, and a SHA-256 (64 hex digits, which follow
the folder's real path through the history) matches any other; it prints a
diff per block that differs and exits 1.
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARK = re.compile(r"^<!-- 出力例: (empty|city|stocktake) -->$")
DAY = re.compile(r"^（(\d{4}-\d\d-\d\d)[^）]*）$")
# <!-- 用語集 --> before a table: the table of docs/ja/用語集.md, copied.
GLOSSARY_MARK = "<!-- 用語集 -->"
GLOSSARY = os.path.join(ROOT, "docs/ja/用語集.md")
PLACE = "/srv/daicho"
HASH = re.compile(r"\b[0-9a-f]{64}\b")


def run_block(daicho, setup, commands):
    work = tempfile.mkdtemp(prefix="daicho-manual.")
    try:
        bin_dir = os.path.join(work, ".bin")
        os.mkdir(bin_dir)
        os.symlink(os.path.abspath(daicho), os.path.join(bin_dir, "daicho"))
        home = os.path.join(work, "kakushi")
        os.mkdir(home)
        env = dict(os.environ, LANG="ja_JP.UTF-8", LC_ALL="", TZ="Asia/Tokyo",
                   DAICHO_DB=os.path.join(home, "kakushi.db"), DAICHO_ACTOR="情報政策課長",
                   PATH=bin_dir + ":" + os.environ.get("PATH", ""))
        env.pop("LANGUAGE", None)
        env.pop("DAICHO_TODAY", None)
        # Under AddressSanitizer (make check SANITIZE=1) the preloaded libfaketime
        # comes before the ASan runtime, which ASan refuses unless told it is fine.
        env["ASAN_OPTIONS"] = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"),
                                                     "verify_asan_link_order=0"]))
        clock = ["faketime", "2026-11-24 09:00:00"]
        if setup in ("city", "stocktake"):
            subprocess.run(clock + ["daicho", "init", "--scheme", "chitose", "--organisation", "架空市"],
                           cwd=home, env=env, check=True, stdout=subprocess.DEVNULL)
            subprocess.run(clock + [os.path.join(ROOT, "fixtures/load.sh"), "daicho"],
                           cwd=home, env=env, check=True, stdout=subprocess.DEVNULL)
        if setup == "stocktake":
            ids = os.path.join(ROOT, "fixtures/id")
            for name in sorted(os.listdir(ids)):
                shutil.copy(os.path.join(ids, name), home)
            for command in (["staff", "import", "roster.xlsx", "--date", "2026-11-01"],
                            ["id", "import", "jutaku-ids.xlsx", "--system", "jutaku-sys"]):
                subprocess.run(clock + ["daicho"] + command, cwd=home, env=env, check=True,
                               stdout=subprocess.DEVNULL)
        lines = []
        day = "2026-11-24"
        for k, command in enumerate(commands):
            if DAY.match(command):
                day = DAY.match(command).group(1)
                lines.append(command)
                continue
            at = "%s 10:%02d:00" % (day, k)
            done = subprocess.run(["faketime", at, "bash", "-c", command[2:]], cwd=home, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            lines.append(command)
            text = done.stdout.decode("utf-8", "replace").replace(home, PLACE)
            lines.extend(text.rstrip("\n").split("\n") if text.strip() else [])
            if done.returncode:
                lines.append("（終了コード %d）" % done.returncode)
        return lines
    finally:
        shutil.rmtree(work, ignore_errors=True)


def blocks(lines):
    """(mark line index, setup, first and end index of the block's body)."""
    for i, line in enumerate(lines):
        m = MARK.match(line)
        if not m:
            continue
        if i + 1 >= len(lines) or lines[i + 1].strip() != "```text":
            raise SystemExit("line %d: 出力例 is not followed by a ```text block" % (i + 1))
        end = i + 2
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        yield i, m.group(1), i + 2, end


def glossary_table():
    """The lines of the table in docs/ja/用語集.md."""
    return [l for l in open(GLOSSARY, encoding="utf-8").read().split("\n") if l.startswith("|")]


def glossary_tables(lines):
    """(mark line index, first and end index of the table after it)."""
    for i, line in enumerate(lines):
        if line.strip() != GLOSSARY_MARK:
            continue
        end = i + 1
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        yield i, i + 1, end


def main():
    args = sys.argv[1:]
    check = args[:1] == ["--check"]
    if check:
        args = args[1:]
    daicho, manuals = args[0], args[1:]
    differs = count = 0
    for manual in manuals:
        lines = open(manual, encoding="utf-8").read().split("\n")
        for mark, setup, first, end in reversed(list(blocks(lines))):
            count += 1
            body = lines[first:end]
            commands = [l for l in body if l.startswith("$ daicho ") or DAY.match(l)]
            fresh = run_block(daicho, setup, commands)
            if check:
                a = [HASH.sub("<sha256>", l) for l in body]
                b = [HASH.sub("<sha256>", l) for l in fresh]
                if a != b:
                    differs += 1
                    print("%s:%d: the sample output is not what daicho prints:" % (manual, first + 1))
                    sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(
                        a, b, "manual", "daicho", lineterm="", n=1))
            else:
                lines[first:end] = fresh
        for mark, first, end in reversed(list(glossary_tables(lines))):
            count += 1
            fresh = glossary_table()
            if check:
                if lines[first:end] != fresh:
                    differs += 1
                    print("%s:%d: the glossary is not docs/ja/用語集.md's:" % (manual, first + 1))
                    sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(
                        lines[first:end], fresh, "manual", "用語集.md", lineterm="", n=1))
            else:
                lines[first:end] = fresh
        if not check:
            open(manual, "w", encoding="utf-8").write("\n".join(lines))
    print("blocks=%d differ=%d" % (count, differs))
    sys.exit(1 if differs else 0)


main()
