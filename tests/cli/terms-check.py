#!/usr/bin/env python3
"""Finds the variants docs/ja/用語集.md bans (its words marked ×) in the
Japanese texts daicho ships: the msgstrs of po/ja.po, docs/ja/*.md, the
documentation of schema/*.xsd, and the Japanese string literals of cli/,
reports/ and lib/ (labels, workbook headers, 説明.txt).
   terms-check.py ROOT [ALLOW]
A banned word ending in 済 matches only where no み follows (登録済 but not
登録済み). A word right after × is a quotation of the banned form, not a use.
ALLOW (default tests/cli/terms-allow.txt) lists what may stay, one a line:
PATH<TAB>TEXT<TAB>REASON; TEXT is taken out of the lines of PATH before they
are searched. Prints PATH:LINE: WORD: TEXT per use, then "checked=N problems=N".
"""
import glob
import os
import re
import sys

root = sys.argv[1]
allow_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "tests/cli/terms-allow.txt")


def banned_words():
    text = open(os.path.join(root, "docs/ja/用語集.md"), encoding="utf-8").read()
    words = set()
    for row in re.findall(r"^\|([^|\n]*)\|([^|\n]*)\|", text, re.M):
        words.update(re.findall(r"×([^、\s|]+)", row[1]))
    return sorted(words)


def pattern(word):
    return re.escape(word) + ("(?!み)" if word.endswith("済") else "")


def po_texts(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    in_str = False
    for n, line in enumerate(lines, 1):
        if line.startswith("msgstr"):
            in_str = True
        elif not line.startswith('"'):
            in_str = False
        if in_str:
            m = re.search(r'"(.*)"', line)
            if m:
                yield n, m.group(1)


def literals(path):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
            if re.search(r"[^\x00-\x7f]", lit):
                yield n, lit


def plain(path):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        yield n, line.rstrip("\n")


def sources():
    yield "po/ja.po", po_texts
    for p in sorted(glob.glob(os.path.join(root, "docs/ja/*.md"))):
        yield os.path.relpath(p, root), plain
    for p in sorted(glob.glob(os.path.join(root, "schema/*.xsd"))):
        yield os.path.relpath(p, root), plain
    for d in ("cli", "reports", "lib"):
        for p in sorted(glob.glob(os.path.join(root, d, "**", "*.[ch]"), recursive=True)):
            yield os.path.relpath(p, root), literals


def main():
    words = banned_words()
    if len(words) < 10:
        print("only %d banned words found in docs/ja/用語集.md" % len(words))
        print("checked=0 problems=1")
        return
    allowed = {}
    if os.path.exists(allow_path):
        for line in open(allow_path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                path, text, reason = line.rstrip("\n").split("\t")
                allowed.setdefault(path, []).append(text)
    regex = re.compile("|".join(pattern(w) for w in sorted(words, key=len, reverse=True)))
    checked = problems = 0
    for path, reader in sources():
        for n, text in reader(os.path.join(root, path)):
            checked += 1
            for allow in allowed.get(path, []):
                text = text.replace(allow, "")
            text = re.sub(r"×[^、\s|]+", "", text)
            for m in regex.finditer(text):
                print("%s:%d: %s: %s" % (path, n, m.group(0), text.strip()[:120]))
                problems += 1
    print("checked=%d problems=%d" % (checked, problems))


main()
