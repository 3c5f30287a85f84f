#!/usr/bin/env python3
"""Writes docs/daicho.1: the hand-written parts of docs/daicho.1.in with the
COMMANDS section generated from the daicho binary's own help (`daicho help`,
`daicho help COMMAND [SUBCOMMAND]`), so that every command and option is in
the man page exactly as daicho accepts it.

    tools/gen-man.py build/daicho docs/daicho.1.in > docs/daicho.1
    (or: make man)
"""
import os
import re
import subprocess
import sys

# Documented once, under OPTIONS, rather than under every command.
GLOBAL_OPTIONS = {"--db", "--actor", "--json", "--help"}


def help_text(daicho, *words):
    # English help whatever the locale: the parsing reads its headings.
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    run = subprocess.run([daicho, "help", *words], capture_output=True, text=True, env=env)
    return run.stdout


def commands_in(text):
    """(name, summary) of the lines under "Commands:"."""
    out, inside = [], False
    for line in text.splitlines():
        if line == "Commands:":
            inside = True
        elif inside and not line.strip():
            break
        elif inside:
            m = re.match(r"  ([a-z][a-z0-9_-]*) +(.*)", line)
            if m:
                out.append((m.group(1), m.group(2)))
    return out


def roff(text):
    """Text as roff: backslashes and hyphens escaped, other than ASCII as \\[uXXXX]."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def parse_options_help(text):
    """The usage line, the summary and [(option, argument, description)] of a GOption --help."""
    lines = text.splitlines()
    # "Usage: daicho asset add [OPTION…] [CODE]" on the first line.
    usage = lines[0][len("Usage:"):].strip() if lines else ""
    summary, options, section = [], [], None
    for line in lines[1:]:
        if line.endswith("Options:") and not line.startswith(" "):
            section = line
            continue
        if section is None:
            if line.strip():
                summary.append(line.strip())
            continue
        m = re.match(r"  (?:(-[a-zA-Z]), )?(--[a-z][a-z0-9-]*)(?:=(\S+))? +(.*)", line)
        if m and m.group(2) not in GLOBAL_OPTIONS:
            options.append((m.group(1), m.group(2), m.group(3), m.group(4)))
    return usage, " ".join(summary), options


def command_section(daicho, words, summary_line):
    usage, summary, options = parse_options_help(help_text(daicho, *words))
    out = [".SS daicho %s" % " ".join(words)]
    arguments = usage[len("daicho " + " ".join(words)):].strip().replace("\u2026", "...")
    out.append(".B daicho %s" % roff(" ".join(words)))
    if arguments:
        out.append(roff(arguments).replace("[OPTION...]", "[\\fIOPTION\\fR...]"))
    out.append(".br")
    out.append(roff(summary or summary_line))
    for short, long, arg, description in options:
        out.append(".TP")
        name = "\\fB%s\\fR" % roff(long)
        if short:
            name = "\\fB%s\\fR, %s" % (roff(short), name)
        if arg:
            name += " \\fI%s\\fR" % roff(arg)
        out.append(name)
        out.append(roff(description))
    return out


def main():
    daicho, template = sys.argv[1], sys.argv[2]
    lines = []
    for name, summary in commands_in(help_text(daicho)):
        top = help_text(daicho, name)
        subcommands = commands_in(top)
        if not subcommands:
            lines += command_section(daicho, [name], summary)
            continue
        lines.append(".SS daicho %s" % name)
        lines.append(roff(summary) + ". Subcommands:")
        for sub, sub_summary in subcommands:
            lines += command_section(daicho, [name, sub], sub_summary)
    with open(template, encoding="utf-8") as f:
        text = f.read()
    sys.stdout.write(text.replace("@COMMANDS@\n", "\n".join(lines) + "\n"))


if __name__ == "__main__":
    main()
