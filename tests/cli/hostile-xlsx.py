#!/usr/bin/env python3
"""Writes an asset ledger workbook with one hostile part, for
tests/cli/test-hostile.sh (made at test time: some are large).

    hostile-xlsx.py KIND OUT.xlsx [SECRET_FILE]

KIND:
  valid        the control: a header row and one asset, J-0001 「入居者台帳」
  xxe          the sheet declares an external entity (SECRET_FILE) and uses it
               as the asset's name
  xxe-utf16    the same with the sheet in UTF-16 (no ASCII "<!DOCTYPE" bytes)
  xxe-late     the DOCTYPE after 70 000 bytes of comments
  xxe-shared   the entity in the shared strings
  dtd          an external DTD (SECRET_FILE) named by the sheet's DOCTYPE
  laughs       a billion laughs in the shared strings
  bomb         a sheet of 120 MB of spaces, 1000:1 compressed
  crc          the control stored (not deflated), then 帳 changed to 帖 in the
               asset's name: the CRCs no longer match
  dotdot       an extra entry named ../../evil.txt
  absolute     an extra entry named /tmp/evil.txt
  wide         30 rows of 16 384 cells (A to XFD) that name no field
  duplicate    a second xl/worksheets/sheet1.xml after the first, naming the
               asset 偽の台帳 (zip readers differ on which one they read)
"""
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % REL)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s">'
    '<sheets><sheet name="台帳" sheetId="1" r:id="rId1"/></sheets></workbook>' % (MAIN, REL))
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>' % (REL, REL))

HEADERS = ["資産番号", "資産種別", "資産名称", "機密性", "完全性", "可用性", "所管課", "管理責任者（補職名）"]
VALUES = ["J-0001", "データ", None, "1", "1", "1", "jutaku", "jutaku-kacho"]


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def sheet(name_cell, prolog=""):
    cols = "ABCDEFGH"
    header = "".join(inline("%s1" % c, h) for c, h in zip(cols, HEADERS))
    data = "".join(name_cell if v is None else inline("%s2" % c, v) for c, v in zip(cols, VALUES))
    return ('<?xml version="1.0" encoding="UTF-8"?>%s<worksheet xmlns="%s"><sheetData>'
            '<row r="1">%s</row><row r="2">%s</row></sheetData></worksheet>' % (prolog, MAIN, header, data))


def shared(strings, prolog=""):
    items = "".join("<si><t>%s</t></si>" % s for s in strings)
    return '<?xml version="1.0" encoding="UTF-8"?>%s<sst xmlns="%s">%s</sst>' % (prolog, MAIN, items)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    secret = sys.argv[3] if len(sys.argv) > 3 else "/etc/hostname"
    entity = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file://%s">]>' % secret
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet(inline("C2", "入居者台帳")),
        "xl/sharedStrings.xml": shared([]),
    }
    extra = None
    if kind == "xxe":
        parts["xl/worksheets/sheet1.xml"] = sheet(inline("C2", "&x;"), entity)
    elif kind == "xxe-utf16":
        text = sheet(inline("C2", "&x;"), entity).replace('encoding="UTF-8"', 'encoding="UTF-16"')
        parts["xl/worksheets/sheet1.xml"] = text.encode("utf-16")
    elif kind == "xxe-late":
        prolog = "<!--%s-->" % ("x" * 70000) + entity
        parts["xl/worksheets/sheet1.xml"] = sheet(inline("C2", "&x;"), prolog)
    elif kind == "xxe-shared":
        parts["xl/sharedStrings.xml"] = shared(["&x;"], entity.replace("worksheet", "sst"))
        parts["xl/worksheets/sheet1.xml"] = sheet('<c r="C2" t="s"><v>0</v></c>')
    elif kind == "dtd":
        prolog = '<!DOCTYPE worksheet SYSTEM "file://%s">' % secret
        parts["xl/worksheets/sheet1.xml"] = sheet(inline("C2", "入居者台帳"), prolog)
    elif kind == "laughs":
        defs = '<!ENTITY l0 "ha">' + "".join(
            '<!ENTITY l%d "%s">' % (i, "&l%d;" % (i - 1) * 10) for i in range(1, 10))
        parts["xl/sharedStrings.xml"] = shared(["&l9;"], "<!DOCTYPE sst [%s]>" % defs)
        parts["xl/worksheets/sheet1.xml"] = sheet('<c r="C2" t="s"><v>0</v></c>')
    elif kind == "bomb":
        text = sheet(inline("C2", "入居者台帳"))
        parts["xl/worksheets/sheet1.xml"] = text.replace("<sheetData>", "<sheetData>" + " " * (120 << 20))
    elif kind == "crc":
        pass
    elif kind in ("dotdot", "absolute"):
        extra = "../../evil.txt" if kind == "dotdot" else "/tmp/evil.txt"
    elif kind == "duplicate":
        pass
    elif kind == "wide":
        def letters(n):
            s = ""
            n += 1
            while n:
                n, r = divmod(n - 1, 26)
                s = chr(65 + r) + s
            return s
        cols = [letters(c) for c in range(16384)]
        rows = "".join('<row r="%d">%s</row>' % (r, "".join(inline("%s%d" % (c, r), "x%d" % i) for i, c in enumerate(cols)))
                       for r in range(1, 31))
        parts["xl/worksheets/sheet1.xml"] = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s">'
                                             '<sheetData>%s</sheetData></worksheet>' % (MAIN, rows))
    elif kind != "valid":
        raise SystemExit("unknown kind " + kind)

    method = zipfile.ZIP_STORED if kind == "crc" else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        if extra:
            z.writestr(zipfile.ZipInfo(extra), "evil")
        if kind == "duplicate":
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                z.writestr("xl/worksheets/sheet1.xml", sheet(inline("C2", "偽の台帳")))
    if kind == "crc":
        data = open(out, "rb").read()
        damaged = data.replace("入居者台帳".encode(), "入居者台帖".encode())
        assert damaged != data
        open(out, "wb").write(damaged)


if __name__ == "__main__":
    main()
