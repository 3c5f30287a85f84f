#!/usr/bin/env python3
"""Compares the schema of an SQLite register with the one of a PostgreSQL
database, and prints every difference.

  pg-schema-compare.py [--schema NAME] [--ignore-table NAME]... REGISTER [CONNINFO]

REGISTER is an SQLite register file (read only). The PostgreSQL database is
the one psql connects to: CONNINFO if given, else libpq's PGHOST, PGPORT,
PGUSER, PGDATABASE, PGPASSWORD (as pg_virtualenv sets them). --schema names
the PostgreSQL schema holding the register (default: the current schema).

Compared: tables; columns (order, name, type class integer/text, NOT NULL,
default, identity for SQLite's INTEGER PRIMARY KEY); primary keys; unique
constraints; foreign keys (columns, table and columns referred to, ON UPDATE
and ON DELETE); indexes that are not a constraint's (name, table, unique,
columns, WHERE); triggers (name, table, timing, event); views (names).
CHECK constraints are not compared (SQLite keeps them only as SQL text).

On PostgreSQL, a text column must be COLLATE "C" (bytewise, like SQLite's
BINARY) and an integer column bigint (SQLite's INTEGER is 64-bit). A SQLite
trigger X_delete BEFORE DELETE must have a PostgreSQL twin X_truncate BEFORE
TRUNCATE (TRUNCATE skips row triggers), the only trigger PostgreSQL has more.

Exit status: 0 no difference, 1 differences (printed), 2 usage or a database
that cannot be read.
"""
import argparse
import re
import sqlite3
import subprocess
import sys

FK_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


class Unreadable(Exception):
    pass


# ---- normalising ----

def sqlite_type_class(declared):
    """SQLite's affinity of a declared type, as the class compared."""
    t = (declared or "").upper()
    if "INT" in t:
        return "integer"
    if "CHAR" in t or "CLOB" in t or "TEXT" in t:
        return "text"
    return "sqlite " + (declared or "(none)")


def pg_type_class(type_name, collation):
    if type_name == "bigint":
        return "integer"
    if type_name == "text":
        return "text" if collation == "C" else 'text COLLATE "%s"' % collation
    return "%s (neither bigint nor text)" % type_name


def strip_parens(text):
    """TEXT without parentheses around all of it."""
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, ch in enumerate(text):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and i < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


def norm_default(expr):
    """A column default as SQL text, without PostgreSQL's casts and outer
    parentheses: '' and ''::text are the same."""
    if expr is None or expr == "":
        return None
    expr = strip_parens(expr.strip())
    expr = re.sub(r"::(text|bigint|integer|character varying)$", "", expr)
    return strip_parens(expr)


def norm_predicate(expr):
    """An index's WHERE: lower case, without parentheses, one space."""
    if not expr:
        return ""
    expr = expr.replace("(", " ").replace(")", " ").lower()
    return " ".join(expr.split())


# ---- reading SQLite ----

def read_sqlite(path):
    try:
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        rows = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema"
                          " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").fetchall()
    except sqlite3.Error as e:
        raise Unreadable("%s: %s" % (path, e))
    schema = {"tables": {}, "indexes": {}, "triggers": {}, "views": set()}
    for kind, name, table, sql in rows:
        if kind == "table":
            schema["tables"][name] = read_sqlite_table(db, name)
        elif kind == "view":
            schema["views"].add(name)
        elif kind == "trigger":
            m = re.search(r"TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?\S+\s+(?:(BEFORE|AFTER|INSTEAD\s+OF)\s+)?"
                          r"(INSERT|UPDATE|DELETE)\b", sql, re.I | re.S)
            timing = " ".join((m.group(1) or "BEFORE").upper().split()) if m else "?"
            event = m.group(2).upper() if m else "?"
            schema["triggers"][name] = (table, timing, event, "ROW")
        elif kind == "index" and sql is not None:
            cols = tuple(
                (col if col is not None else "<expression>") + (" DESC" if desc else "")
                for _, col, desc in db.execute(
                    "SELECT seqno, name, desc FROM pragma_index_xinfo(?) WHERE key ORDER BY seqno", (name,)))
            unique = db.execute("SELECT \"unique\" FROM pragma_index_list(?) WHERE name = ?",
                                (table, name)).fetchone()[0]
            m = re.search(r"\bWHERE\b(.*)$", sql, re.I | re.S)
            schema["indexes"][name] = (table, bool(unique), cols, norm_predicate(m.group(1) if m else ""))
    return schema


def read_sqlite_table(db, table):
    info = db.execute("SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)"
                      " ORDER BY cid", (table,)).fetchall()
    pk = tuple(name for _, name, _, _, _, k in sorted(info, key=lambda r: r[5]) if k)
    try:
        db.execute('SELECT rowid FROM "%s" LIMIT 0' % table.replace('"', '""'))
        rowid_table = True
    except sqlite3.Error:
        rowid_table = False
    columns = []
    for _, name, declared, notnull, default, k in info:
        # INTEGER PRIMARY KEY of a rowid table: the rowid, numbered by SQLite.
        identity = rowid_table and len(pk) == 1 and k == 1 and (declared or "").upper() == "INTEGER"
        # A primary key column is NOT NULL in PostgreSQL; in SQLite too but
        # for a legacy quirk of rowid tables that daicho never relies on.
        columns.append({"name": name, "class": sqlite_type_class(declared),
                        "notnull": bool(notnull or k), "default": norm_default(default),
                        "identity": identity})
    uniques = set()
    for index, origin in db.execute("SELECT name, origin FROM pragma_index_list(?)", (table,)):
        if origin == "u":
            uniques.add(tuple(r[0] for r in db.execute(
                "SELECT name FROM pragma_index_info(?) ORDER BY seqno", (index,))))
    fks = {}
    for fid, seq, parent, frm, to, on_update, on_delete, _ in db.execute(
            "SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq", (table,)):
        if to is None:  # REFERENCES parent: its primary key
            to = db.execute("SELECT name FROM pragma_table_info(?) WHERE pk = ?", (parent, seq + 1)).fetchone()
            to = to[0] if to else "?"
        entry = fks.setdefault(fid, ([], parent, [], on_update, on_delete))
        entry[0].append(frm)
        entry[2].append(to)
    foreign = {(tuple(c), p, tuple(pc), u, d) for c, p, pc, u, d in fks.values()}
    return {"columns": columns, "pk": pk, "uniques": uniques, "fks": foreign}


# ---- reading PostgreSQL ----

SEP, END = "\x1f", "\x1e"

PG_QUERIES = {
    "columns": """
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
       coalesce(co.collname, ''), a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), ''),
       a.attidentity
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE n.nspname = :'schema' AND c.relkind IN ('r', 'p')
ORDER BY c.relname, a.attnum;""",
    "constraints": """
SELECT c.relname, con.contype,
       (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
          FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
       coalesce((SELECT relname FROM pg_class WHERE oid = con.confrelid), ''),
       coalesce((SELECT string_agg(a.attname, ',' ORDER BY k.ord)
          FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum), ''),
       con.confupdtype, con.confdeltype
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = :'schema' AND con.contype IN ('p', 'u', 'f')
ORDER BY 1, 2, 3;""",
    "indexes": """
SELECT ic.relname, t.relname, i.indisunique,
       (SELECT string_agg(CASE WHEN k.attnum = 0 THEN '<expression>' ELSE a.attname END
                          || CASE WHEN i.indoption[k.ord - 1] & 1 = 1 THEN ' DESC' ELSE '' END,
                          ',' ORDER BY k.ord)
          FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
          LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
          WHERE k.ord <= i.indnkeyatts),
       coalesce(pg_get_expr(i.indpred, i.indrelid), '')
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = :'schema'
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
ORDER BY 1;""",
    "triggers": """
SELECT tg.tgname, c.relname, pg_get_triggerdef(tg.oid)
FROM pg_trigger tg
JOIN pg_class c ON c.oid = tg.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = :'schema' AND NOT tg.tgisinternal
ORDER BY 1;""",
    "views": """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = :'schema' AND c.relkind IN ('v', 'm') ORDER BY 1;""",
}


def psql_rows(conninfo, schema, query):
    cmd = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", SEP, "-R", END]
    if conninfo:
        cmd += ["-d", conninfo]
    if schema:
        script = "\\set schema '%s'\n" % schema.replace("'", "''").replace("\\", "\\\\")
    else:
        script = "SELECT current_schema() AS schema \\gset\n"
    try:
        run = subprocess.run(cmd, input=script + query, capture_output=True, text=True)
    except OSError as e:
        raise Unreadable("psql: %s" % e)
    if run.returncode != 0:
        raise Unreadable("psql: %s" % run.stderr.strip())
    return [r.split(SEP) for r in run.stdout.strip("\n").split(END) if r.strip("\n")]


def read_postgresql(conninfo, schema_name):
    q = lambda name: psql_rows(conninfo, schema_name, PG_QUERIES[name])
    schema = {"tables": {}, "indexes": {}, "triggers": {}, "views": set()}
    for table, _, name, type_name, collation, notnull, default, identity in q("columns"):
        t = schema["tables"].setdefault(table, {"columns": [], "pk": (), "uniques": set(), "fks": set()})
        t["columns"].append({"name": name, "class": pg_type_class(type_name, collation),
                             "notnull": notnull == "t", "default": norm_default(default),
                             "identity": identity != ""})
    for table, kind, cols, parent, pcols, on_update, on_delete in q("constraints"):
        t = schema["tables"].setdefault(table, {"columns": [], "pk": (), "uniques": set(), "fks": set()})
        cols = tuple(cols.split(","))
        if kind == "p":
            t["pk"] = cols
        elif kind == "u":
            t["uniques"].add(cols)
        else:
            t["fks"].add((cols, parent, tuple(pcols.split(",")),
                          FK_ACTIONS.get(on_update, on_update), FK_ACTIONS.get(on_delete, on_delete)))
    for name, table, unique, cols, predicate in q("indexes"):
        schema["indexes"][name] = (table, unique == "t", tuple(cols.split(",")), norm_predicate(predicate))
    for name, table, definition in q("triggers"):
        m = re.search(r"TRIGGER\s+\S+\s+(BEFORE|AFTER|INSTEAD OF)\s+(INSERT|UPDATE|DELETE|TRUNCATE)"
                      r"((?:\s+OR\s+\w+)*)\s+ON\b.*FOR EACH (ROW|STATEMENT)", definition, re.S)
        if m:
            event = " ".join((m.group(2) + m.group(3)).split())
            schema["triggers"][name] = (table, m.group(1), event, m.group(4))
        else:
            schema["triggers"][name] = (table, "?", definition, "?")
    for (name,) in q("views"):
        schema["views"].add(name)
    return schema


# ---- comparing ----

def yes(flag):
    return "yes" if flag else "no"


def show_fk(fk):
    cols, parent, pcols, on_update, on_delete = fk
    return "(%s) REFERENCES %s(%s) ON UPDATE %s ON DELETE %s" % (
        ", ".join(cols), parent, ", ".join(pcols), on_update, on_delete)


def compare_table(name, lite, pg, out):
    lcols = [c["name"] for c in lite["columns"]]
    pcols = [c["name"] for c in pg["columns"]]
    for c in lcols:
        if c not in pcols:
            out.append("table %s: column %s missing in postgresql" % (name, c))
    for c in pcols:
        if c not in lcols:
            out.append("table %s: column %s only in postgresql" % (name, c))
    common_l = [c for c in lcols if c in pcols]
    common_p = [c for c in pcols if c in lcols]
    if common_l != common_p or (lcols != pcols and set(lcols) == set(pcols)):
        out.append("table %s: columns in another order: sqlite %s; postgresql %s"
                   % (name, ", ".join(lcols), ", ".join(pcols)))
    pg_by_name = {c["name"]: c for c in pg["columns"]}
    for position, lc in enumerate(lite["columns"], 1):
        pc = pg_by_name.get(lc["name"])
        if pc is None:
            continue
        where = "table %s: column %d (%s)" % (name, position, lc["name"])
        if lc["class"] != pc["class"]:
            out.append("%s: type class: sqlite %s, postgresql %s" % (where, lc["class"], pc["class"]))
        if lc["notnull"] != pc["notnull"]:
            out.append("%s: NOT NULL: sqlite %s, postgresql %s" % (where, yes(lc["notnull"]), yes(pc["notnull"])))
        if lc["default"] != pc["default"]:
            out.append("%s: default: sqlite %s, postgresql %s" % (where, lc["default"] or "none", pc["default"] or "none"))
        if lc["identity"] != pc["identity"]:
            out.append("%s: numbered by the database (INTEGER PRIMARY KEY / IDENTITY): sqlite %s, postgresql %s"
                       % (where, yes(lc["identity"]), yes(pc["identity"])))
    if lite["pk"] != pg["pk"]:
        out.append("table %s: primary key: sqlite (%s), postgresql (%s)"
                   % (name, ", ".join(lite["pk"]), ", ".join(pg["pk"])))
    for u in sorted(lite["uniques"] - pg["uniques"]):
        out.append("table %s: UNIQUE (%s) missing in postgresql" % (name, ", ".join(u)))
    for u in sorted(pg["uniques"] - lite["uniques"]):
        out.append("table %s: UNIQUE (%s) only in postgresql" % (name, ", ".join(u)))
    for fk in sorted(lite["fks"] - pg["fks"]):
        out.append("table %s: FOREIGN KEY %s missing in postgresql" % (name, show_fk(fk)))
    for fk in sorted(pg["fks"] - lite["fks"]):
        out.append("table %s: FOREIGN KEY %s only in postgresql" % (name, show_fk(fk)))


def show_index(ix):
    table, unique, cols, predicate = ix
    return "%sINDEX ON %s(%s)%s" % ("UNIQUE " if unique else "", table, ", ".join(cols),
                                    " WHERE " + predicate if predicate else "")


def compare(lite, pg, ignored):
    out = []
    ltables = {t for t in lite["tables"] if t not in ignored}
    ptables = {t for t in pg["tables"] if t not in ignored}
    for t in sorted(ltables - ptables):
        out.append("table %s missing in postgresql" % t)
    for t in sorted(ptables - ltables):
        out.append("table %s only in postgresql" % t)
    for t in sorted(ltables & ptables):
        compare_table(t, lite["tables"][t], pg["tables"][t], out)

    lix = {n: ix for n, ix in lite["indexes"].items() if ix[0] not in ignored}
    pix = {n: ix for n, ix in pg["indexes"].items() if ix[0] not in ignored}
    for n in sorted(lix.keys() - pix.keys()):
        out.append("index %s missing in postgresql: %s" % (n, show_index(lix[n])))
    for n in sorted(pix.keys() - lix.keys()):
        out.append("index %s only in postgresql: %s" % (n, show_index(pix[n])))
    for n in sorted(lix.keys() & pix.keys()):
        if lix[n] != pix[n]:
            out.append("index %s: sqlite %s, postgresql %s" % (n, show_index(lix[n]), show_index(pix[n])))

    ltg = {n: tg for n, tg in lite["triggers"].items() if tg[0] not in ignored}
    ptg = {n: tg for n, tg in pg["triggers"].items() if tg[0] not in ignored}
    # TRUNCATE skips row triggers: a BEFORE DELETE trigger X_delete needs a
    # twin X_truncate, the only trigger PostgreSQL has that SQLite has not.
    twins = {}
    for n, (table, timing, event, _) in ltg.items():
        if n.endswith("_delete") and timing == "BEFORE" and event == "DELETE":
            twins[n[:-len("_delete")] + "_truncate"] = (table, "BEFORE", "TRUNCATE", "STATEMENT")
    for n in sorted(ltg.keys() - ptg.keys()):
        out.append("trigger %s missing in postgresql (%s %s ON %s)" % (n, ltg[n][1], ltg[n][2], ltg[n][0]))
    for n in sorted(twins.keys() - ptg.keys()):
        out.append("trigger %s missing in postgresql (BEFORE TRUNCATE ON %s FOR EACH STATEMENT:"
                   " TRUNCATE skips %s_delete)" % (n, twins[n][0], n[:-len("_truncate")]))
    for n in sorted(ptg.keys() - ltg.keys()):
        if twins.get(n) == ptg[n]:
            continue
        out.append("trigger %s only in postgresql (%s %s ON %s)" % (n, ptg[n][1], ptg[n][2], ptg[n][0]))
    for n in sorted(ltg.keys() & ptg.keys()):
        if ltg[n] != ptg[n]:
            out.append("trigger %s: sqlite %s %s ON %s FOR EACH %s, postgresql %s %s ON %s FOR EACH %s"
                       % ((n,) + ltg[n][1:3] + ltg[n][:1] + ltg[n][3:] + ptg[n][1:3] + ptg[n][:1] + ptg[n][3:]))

    for v in sorted(lite["views"] - pg["views"]):
        out.append("view %s missing in postgresql" % v)
    for v in sorted(pg["views"] - lite["views"]):
        out.append("view %s only in postgresql" % v)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("register", help="the SQLite register file")
    parser.add_argument("conninfo", nargs="?", default="",
                        help="libpq connection string (default: the PG* environment)")
    parser.add_argument("--schema", default="", help="PostgreSQL schema (default: the current one)")
    parser.add_argument("--ignore-table", action="append", default=[], metavar="NAME",
                        help="a table only one engine has on purpose (repeatable)")
    args = parser.parse_args()
    try:
        lite = read_sqlite(args.register)
        if not lite["tables"]:
            raise Unreadable("%s: no tables (not a register?)" % args.register)
        pg = read_postgresql(args.conninfo, args.schema)
    except Unreadable as e:
        print("pg-schema-compare: %s" % e, file=sys.stderr)
        return 2
    differences = compare(lite, pg, set(args.ignore_table))
    for d in differences:
        print(d)
    if differences:
        print("%d difference%s" % (len(differences), "" if len(differences) == 1 else "s"))
        return 1
    print("no difference: %d tables, %d indexes, %d triggers"
          % (len(lite["tables"]), len(lite["indexes"]), len(lite["triggers"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
