#!/usr/bin/python3
"""Fills in cells of an xlsx workbook the way a person would in Excel, with
the standard library only (the tests need no openpyxl):
    xlsx-fill.py FILE SHEET CELL=TEXT [CELL=#NUMBER ...]
TEXT is written as a string, #NUMBER as a number (a date typed into a date
cell is a serial number, e.g. #46357 for 2026-12-01); the cell keeps its
style. The file is rewritten in place."""
import html, re, sys, zipfile

def column_number(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n

def split_ref(ref):
    m = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    if not m:
        sys.exit(f"not a cell reference: {ref}")
    return m.group(1), int(m.group(2))

def sheet_path(z, name):
    workbook = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    for m in re.finditer(r"<sheet\b[^>]*>", workbook):
        tag = m.group(0)
        if html.unescape(re.search(r'name="([^"]*)"', tag).group(1)) == name:
            rid = re.search(r'r:id="([^"]*)"', tag).group(1)
            for r in re.finditer(r"<Relationship\b[^>]*>", rels):
                if f'Id="{rid}"' in r.group(0):
                    target = re.search(r'Target="([^"]*)"', r.group(0)).group(1)
                    return target.lstrip("/") if target.startswith("/") else "xl/" + target
    sys.exit(f"no sheet named {name}")

CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*?)(/>|>.*?</c>)', re.S)

def new_cell(ref, attrs, value):
    style = re.search(r'\ss="[0-9]+"', attrs)
    s = style.group(0) if style else ""
    if value.startswith("#"):
        return f'<c r="{ref}"{s}><v>{float(value[1:])!r}</v></c>'.replace(".0<", "<")
    text = html.escape(value, quote=False)
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'

def fill_row(row_xml, ref, value):
    letters, _ = split_ref(ref)
    cells = list(CELL.finditer(row_xml))
    for c in cells:
        if c.group(1) == ref:
            return row_xml[:c.start()] + new_cell(ref, c.group(2), value) + row_xml[c.end():]
    for c in cells:  # insert before the first cell further right
        if column_number(split_ref(c.group(1))[0]) > column_number(letters):
            return row_xml[:c.start()] + new_cell(ref, "", value) + row_xml[c.start():]
    if row_xml.endswith("/>"):
        return row_xml[:-2] + ">" + new_cell(ref, "", value) + "</row>"
    end = row_xml.rindex("</row>")
    return row_xml[:end] + new_cell(ref, "", value) + row_xml[end:]

def fill(xml, assignments):
    """Every assignment in one pass over the rows (a sheet of hundreds of rows
    filled cell by cell would be searched once per cell)."""
    by_row = {}
    for ref, value in assignments:
        by_row.setdefault(split_ref(ref)[1], []).append((ref, value))
    def fill_match(m):
        text = m.group(0)
        for ref, value in by_row.pop(int(m.group(1)), []):
            text = fill_row(text, ref, value)
        return text
    xml = re.sub(r'<row r="([0-9]+)"[^>]*?(/>|>.*?</row>)', fill_match, xml, flags=re.S)
    if by_row:
        sys.exit(f"row {min(by_row)} is not in the sheet")
    return xml

def main():
    path, sheet, *assignments = sys.argv[1:]
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
        target = sheet_path(z, sheet)
    out = []
    for info, data in entries:
        if info.filename == target:
            data = fill(data.decode(), [a.split("=", 1) for a in assignments]).encode()
        out.append((info, data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in out:
            z.writestr(info, data)

main()
