#!/usr/bin/env python3
"""Checks the sample outputs the manuals quote against what daicho prints today.
   manual-outputs.py MESSAGES.pot SCHEMA_VERSION FILE.md...

A sample output is the lines that follow a `$ daicho ...` line in a fenced code
block, up to the next `$ ` line or the block's end. Its deterministic lines
are checked: each must be a line of a message daicho prints (a msgid of the
template extracted from the sources, its %s, %d, ... standing for any text),
an error line after its "daicho: ". Not checked are tables (a line with two
runs of two spaces or more: columns of a list), "..." elisions and the
manual's own notes in brackets （終了コード 1）, the fields' changes `daicho
history` lists ("c: 3 → 4") and listed names (an indented single word). "schema version N" must name
the version this daicho writes, and no time is quoted in UTC. Blocks marked
<!-- 出力例: ... --> are left to tools/manual-outputs.py --check
(2026-11-23T15:16:41.858Z) where daicho shows local time (but after --json). Prints a line per problem, then
"checked=N problems=N".
"""
import re
import sys

CONVERSION = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGsc]|%<PRI[a-z0-9]+>")


UTC_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z")


def templates(pot):
    text = open(pot, encoding="utf-8").read()
    found = set()
    for entry in text.split("\n\n"):
        if entry.lstrip().startswith("#~"):
            continue
        for m in re.finditer(r'^msgid(?:_plural)? ((?:".*"\n?)+)', entry, re.M):
            msgid = "".join(eval(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', m.group(1)))
            for line in msgid.split("\n"):
                if line.strip():
                    found.add(line.rstrip())
    patterns = []
    for line in found:
        pieces = CONVERSION.split(line)
        # A template of little but placeholders ("%s: %s") would read anything.
        if len(re.sub(r"[\W_]", "", "".join(pieces))) < 4:
            continue
        patterns.append(re.compile(".+?".join(re.escape(p) for p in pieces) + r"\Z"))
    return patterns


def samples(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    fenced = in_output = generated = False
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("```"):
            fenced, in_output = not fenced, False
            # A block marked <!-- 出力例: ... --> is the binary's own output,
            # compared whole by tools/manual-outputs.py --check.
            generated = fenced and number >= 2 and lines[number - 2].startswith("<!-- 出力例:")
            continue
        if not fenced or generated:
            continue
        if line.startswith("$ "):
            in_output = re.match(r"\$ (?:\./)?daicho\b", line) is not None
            command = line
            continue
        if in_output:
            yield number, line, command


def deterministic(line):
    stripped = line.strip()
    if not stripped or stripped.startswith("（") or stripped in ("...", "…"):
        return False
    if " → " in stripped:  # a field's change in `daicho history`: register data
        return False
    if line.startswith(" ") and " " not in stripped:  # a listed name (a package's files)
        return False
    return len(re.findall(r"\S {2,}(?=\S)", stripped)) < 2


def reads_as_message(text, patterns):
    """TEXT is a message, or a place ("FILE, sheet S, row N") and ": " and one."""
    if any(p.match(text) or p.match(text.strip()) for p in patterns):
        return True
    at = text.find(": ")
    while at >= 0:
        if any(p.match(text[at + 2:]) for p in patterns):
            return True
        at = text.find(": ", at + 2)
    return False


def main():
    pot, version, manuals = sys.argv[1], sys.argv[2], sys.argv[3:]
    patterns = templates(pot)
    checked = problems = 0
    for manual in manuals:
        for number, line, command in samples(manual):
            if "--json" not in command and UTC_TIME.search(line):
                print("%s:%d: a UTC time where daicho shows local time (2026-12-03 00:38 JST): %s"
                      % (manual, number, line))
                problems += 1
            if not deterministic(line):
                continue
            checked += 1
            text = line.rstrip()
            for prefix in ("daicho: ",):
                if text.startswith(prefix):
                    text = text[len(prefix):]
            if not reads_as_message(text, patterns):
                print("%s:%d: no message daicho prints reads: %s" % (manual, number, line))
                problems += 1
            for quoted in re.findall(r"schema version (\d+)", line):
                if quoted != version:
                    print("%s:%d: schema version %s, daicho writes %s" % (manual, number, quoted, version))
                    problems += 1
    print("checked=%d problems=%d" % (checked, problems))


main()
