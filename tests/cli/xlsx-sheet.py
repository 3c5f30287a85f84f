#!/usr/bin/env python3
"""xlsx-sheet.py BOOK SHEET: one sheet of a workbook as JSON, with the standard library only:
{"header": the page header, "rows": the cells as text, row by row, "cols": [(min, max, width)]}."""
import re, sys, zipfile, html, json
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
rels = z.read('xl/_rels/workbook.xml.rels').decode()
names = dict(re.findall(r'<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"', wb))
target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]*)"', rels)) or {}
if not target:
    target = {b: a for a, b in re.findall(r'Target="([^"]*)"[^>]*Id="(rId\d+)"', rels)}
sheet = z.read('xl/' + target[names[html.escape(sys.argv[2])]]).decode()
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    shared = [html.unescape(''.join(re.findall(r'<t[^>]*>([^<]*)</t>', si)))
              for si in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
rows = []
for r in re.findall(r'<row [^>]*>(.*?)</row>', sheet, re.S):
    cells = []
    for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', r, re.S):
        v = re.search(r'<v>([^<]*)</v>', body or '')
        t = re.search(r'<t[^>]*>([^<]*)</t>', body or '')
        if 't="s"' in attrs and v: cells.append(shared[int(v.group(1))])
        elif t: cells.append(html.unescape(t.group(1)))
        elif v: cells.append(v.group(1))
    rows.append(cells)
header = re.search(r'<oddHeader>([^<]*)</oddHeader>', sheet)
cols = [(int(a), int(b), float(w)) for a, b, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', sheet)]
print(json.dumps({"header": html.unescape(header.group(1)) if header else "", "rows": rows, "cols": cols}, ensure_ascii=False))
