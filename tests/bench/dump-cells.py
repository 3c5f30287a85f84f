#!/usr/bin/python3
"""Dumps every cell of every sheet of an xlsx for xlsx-baseline: a line
"\\f" NAME per sheet, then one line per row, cells separated by \\x1f, numbers
marked with a leading \\x1e, empty cells empty.

    dump-cells.py WORKBOOK.xlsx OUT
"""
import sys

from openpyxl import load_workbook


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return "\x1e%r" % value
    text = str(value)
    if any(c in text for c in "\n\f\x1e\x1f"):
        raise SystemExit("a cell holds a separator: %r" % text)
    return text


def main():
    workbook = load_workbook(sys.argv[1], read_only=True)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for sheet in workbook.worksheets:
            out.write("\f%s\n" % sheet.title)
            for row in sheet.iter_rows(values_only=True):
                out.write("\x1f".join(cell_text(v) for v in row) + "\n")


if __name__ == "__main__":
    main()
