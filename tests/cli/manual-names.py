#!/usr/bin/env python3
"""Follows the commands of a manual's ```sh blocks from top to bottom, as a
new operator on a fresh register would, and finds every section, post or
system a step names that no earlier step created, or that an earlier step
renamed (a section renamed 住宅管理課 and then named 住宅課).
   manual-names.py FILE.md
Only the names matter here (the commands themselves are test-manuals.sh's
business); sample outputs (```text) run on registers of their own and are
passed over. Prints FILE:LINE: problem per problem, then
"checked=N problems=N" (N names checked).
"""
import re
import shlex
import sys

# Options whose value names a record of a kind, by command ("*": any).
OPTIONS = {
    "--section": "section", "--parent": "section", "--post": "post", "--admin-post": "post",
    "--head-post": "post", "--system": "system", "--owner": "post", "--checked-by": "post",
}
# --by and --approver name a post only in these commands (id add's approver is
# whoever the ID register says).
POST_BY = {("reconcile", "signoff"), ("duty", "done"), ("restore", None), ("risk", "accept")}
# Positional arguments that name a record: (command, subcommand) → [(index, kind)].
POSITIONAL = {
    ("section", "edit"): [(0, "section")], ("section", "show"): [(0, "section")],
    ("post", "edit"): [(0, "post")], ("post", "show"): [(0, "post")],
    ("post", "assign"): [(0, "post")], ("post", "holders"): [(0, "post")],
    ("system", "edit"): [(0, "system")], ("system", "show"): [(0, "system")],
    ("duty", "post"): [(1, "post")],
}
KINDS = ("section", "post", "system")
# Commands whose positional arguments are asset codes (A-0001, or A-0001/T05 for a risk).
ASSET_ARGS = {("asset", "show"), ("asset", "edit"), ("asset", "retire"), ("asset", "dispose"),
              ("asset", "depend"), ("asset", "responsible"), ("risk", "override"), ("risk", "show"),
              ("risk", "set"), ("risk", "accept")}


def commands(path):
    """(line number, words after daicho) of the ```sh blocks, in order."""
    lines = open(path, encoding="utf-8").read().split("\n")
    fence = None
    pending, start = "", 0
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = None if fence is not None else stripped[3:].strip()
            continue
        if fence not in ("sh", "bash", ""):
            continue
        if pending:
            line = pending + " " + line.strip()
        elif re.match(r"^\s*daicho\s", line):
            start = number
        else:
            continue
        if line.rstrip().endswith("\\"):
            pending = line.rstrip()[:-1]
            continue
        pending = ""
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words = []
        for word in lexer:
            if word in {"|", "||", "&&", ";", ">", ">>", "<", "&"}:
                break
            words.append(word)
        yield start, words[1:]


def main():
    path = sys.argv[1]
    known = {kind: set() for kind in KINDS}      # codes and names that exist
    renamed = {kind: {} for kind in KINDS}       # old name → the line that renamed it
    problems, checked = [], 0
    assets = set()          # asset codes added so far; None after an import (unknowable)
    current_name = {kind: {} for kind in KINDS}   # code → its name now
    code_of = {kind: {} for kind in KINDS}        # name → its code

    def use(number, kind, value):
        nonlocal checked
        checked += 1
        if value in known[kind]:
            return
        if value in renamed[kind]:
            problems.append("%s:%d: %s '%s' was renamed on line %d" % (path, number, kind, value,
                                                                       renamed[kind][value]))
        else:
            problems.append("%s:%d: no earlier step creates the %s '%s'" % (path, number, kind, value))

    for number, words in commands(path):
        i = 0
        while i < len(words) and words[i] in ("--db", "--actor"):
            i += 2
        words = words[i:]
        if not words:
            continue
        command = words[0]
        sub = words[1] if len(words) > 1 and not words[1].startswith("-") else None
        rest = words[2:] if sub else words[1:]
        positional, options = [], []
        j = 0
        while j < len(rest):
            word = rest[j]
            if word.startswith("--"):
                name, _, value = word.partition("=")
                if not value and j + 1 < len(rest) and not rest[j + 1].startswith("-"):
                    value = rest[j + 1]
                    j += 1
                options.append((name, value))
            else:
                positional.append(word)
            j += 1
        opts = dict(options)
        adds = command in KINDS and sub == "add"
        # What the command names must exist before it.
        for name, value in options:
            kind = OPTIONS.get(name)
            if name in ("--by", "--approver") and ((command, sub) in POST_BY or (command, None) in POST_BY):
                kind = "post"
            if name == "--default":
                field, _, value = value.partition("=")
                kind = field if field in ("section", "post", "system") else None
            if name == "--section" and command == "user":
                kind = "section"
            if kind and value:
                use(number, kind, value)
        for index, kind in POSITIONAL.get((command, sub), []):
            if index < len(positional):
                use(number, kind, positional[index])
        asset_codes = [p.split("/")[0] for p in positional] if (command, sub) in ASSET_ARGS else []
        if opts.get("--asset"):
            asset_codes.append(opts["--asset"])
        for code in asset_codes if assets is not None else []:
            checked += 1
            if code not in assets:
                problems.append("%s:%d: no earlier step adds the asset %s" % (path, number, code))
        if (command, sub) == ("asset", "add") and assets is not None:
            code = opts.get("--code") or (positional[0] if positional else "A-%04d" % (len(assets) + 1))
            assets.add(code)
        if command in ("import", "review") and sub in ("assets", "import") and "--dry-run" not in opts:
            assets = None
        # What it creates or renames.
        if adds and positional:
            known[command].add(positional[0])
            if opts.get("--name"):
                known[command].add(opts["--name"])
        elif command in KINDS and sub == "edit" and positional and opts.get("--name"):
            target = positional[0]
            code = target if target in current_name[command] else code_of[command].get(target, target)
            previous, new = current_name[command].get(code), opts["--name"]
            if previous and previous != new:
                known[command].discard(previous)
                renamed[command][previous] = number
                code_of[command].pop(previous, None)
            known[command].add(new)
            current_name[command][code] = new
            code_of[command][new] = code
        if adds and positional and opts.get("--name"):
            current_name[command][positional[0]] = opts["--name"]
            code_of[command][opts["--name"]] = positional[0]
    for problem in problems:
        print(problem)
    print("checked=%d problems=%d" % (checked, len(problems)))
    sys.exit(1 if problems else 0)


main()
