#!/usr/bin/python3
"""The baseline of the xlsx reader: openpyxl in read-only mode reads every
row of the first sheet as values and prints "ROWS CELLS BYTES" as
table-read does (numbers counted as the text Python gives them).

    openpyxl-read.py FILE.xlsx
"""
import sys

from openpyxl import load_workbook


def main():
    workbook = load_workbook(sys.argv[1], read_only=True)
    sheet = workbook.worksheets[0]
    rows = cells = size = 0
    for row in sheet.iter_rows(values_only=True):
        rows += 1
        for value in row:
            if value is not None and value != "":
                cells += 1
                size += len(str(value).encode("utf-8"))
    workbook.close()
    print(rows, cells, size)


if __name__ == "__main__":
    main()
