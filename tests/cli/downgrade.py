#!/usr/bin/python3
"""Turns a register back into the file an older daicho wrote, for the tests of
upgrades:  downgrade.py REGISTER VERSION MIGRATIONS_DIR
Every table, index and trigger that migrations 1..VERSION do not create is
dropped; a table to which a later migration added columns is rebuilt with
the columns it had then (the rows kept); user_version is set to VERSION."""
import glob, os, re, sqlite3, sys

db, version, migrations = sys.argv[1], int(sys.argv[2]), sys.argv[3]
old = sqlite3.connect(":memory:")
for path in sorted(glob.glob(os.path.join(migrations, "[0-9]*_*.sql"))):
    if int(re.match(r"\d+", os.path.basename(path)).group(0)) <= version:
        old.executescript(open(path, encoding="utf-8").read())
objects = {name: (kind, sql) for kind, name, sql in
           old.execute("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")}

con = sqlite3.connect(db)
con.isolation_level = None
con.execute("PRAGMA foreign_keys = OFF")
con.execute("BEGIN")
for kind, name in con.execute("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'"
                              " AND type IN ('trigger', 'index', 'view')").fetchall():
    if name not in objects:
        con.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'"
                           " AND name NOT LIKE 'sqlite_%'").fetchall():
    if name not in objects:
        con.execute(f'DROP TABLE "{name}"')
        continue
    then = [r[1] for r in old.execute(f'PRAGMA table_info("{name}")')]
    now = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
    if then == now:
        continue
    # Rebuilt as it was (SQLite's way: a new table renamed over the old one,
    # so that other tables' references keep naming it); its indexes and
    # triggers of then made again after.
    columns = ", ".join(f'"{c}"' for c in then)
    create = re.sub(r'^CREATE TABLE\s+"?' + re.escape(name) + r'"?', f'CREATE TABLE "{name}_then"',
                    objects[name][1], count=1)
    assert create != objects[name][1], name
    con.execute(create)
    con.execute(f'INSERT INTO "{name}_then" ({columns}) SELECT {columns} FROM "{name}"')
    con.execute(f'DROP TABLE "{name}"')
    con.execute(f'ALTER TABLE "{name}_then" RENAME TO "{name}"')
    for kind, sql in old.execute("SELECT type, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN"
                                 " ('index', 'trigger') AND sql IS NOT NULL", (name,)):
        con.execute(sql)
con.execute(f"PRAGMA user_version = {version}")
con.execute("COMMIT")
