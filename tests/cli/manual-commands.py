#!/usr/bin/env python3
"""Prints every daicho command line quoted in Markdown files, one a line:
FILE:LINE, a tab, then the words after `daicho`, separated by US (\\x1f).

Read are the lines of fenced code blocks that start with `daicho `, `./daicho `
or `$ daicho ` (the last as example output shows them), joined with the next
line when they end in a backslash, and inline code spans `daicho ...` of the
text. Words are split as the shell would; a comment ends the line, and so does
a pipe, `;`, `&&` or a redirection.
   manual-commands.py FILE.md...
"""
import re
import shlex
import sys

START = re.compile(r"^\s*(?:\$\s+)?(?:\./)?daicho(?:\s+|$)")
INLINE = re.compile(r"`((?:\./)?daicho\s[^`]*)`")
STOP = {"|", "||", "&&", ";", ">", ">>", "<", "&"}


def words(line):
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    out = []
    for word in lexer:
        if word in STOP:
            break
        out.append(word)
    # Drop everything up to and including the daicho word itself.
    while out and not re.fullmatch(r"(?:\./)?daicho", out[0]):
        out.pop(0)
    return out[1:]


def emit(name, number, line):
    try:
        args = words(line)
    except ValueError as error:  # unbalanced quotes: a defect of the manual
        args = ["<unparsable: %s>" % error]
    print("%s:%d\t%s" % (name, number, "\x1f".join(args)))


def scan(name):
    with open(name, encoding="utf-8") as f:
        lines = f.read().split("\n")
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        number = i + 1
        i += 1
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            if not START.match(line):
                continue
            while line.endswith("\\") and i < len(lines):
                line = line[:-1] + " " + lines[i]
                i += 1
            emit(name, number, line)
        else:
            for span in INLINE.findall(line):
                emit(name, number, span)


for path in sys.argv[1:]:
    scan(path)
