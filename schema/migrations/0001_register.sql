-- daicho register, schema version 1.
-- Codes (section, post, system, asset codes, employee numbers, level labels,
-- type codes) are immutable once created: history snapshots refer to them.

-- The classification scheme, copied in at init so that the file describes itself.
CREATE TABLE scheme (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  name               TEXT NOT NULL,
  title              TEXT NOT NULL,
  source             TEXT NOT NULL DEFAULT '',
  value_rule         TEXT NOT NULL CHECK (value_rule IN ('max', 'sum', 'product')),
  handling_mark      TEXT NOT NULL DEFAULT '',
  handling_threshold TEXT NOT NULL DEFAULT '',
  definition         TEXT NOT NULL            -- the scheme file as loaded
);

CREATE TABLE asset_type (
  code        TEXT PRIMARY KEY,
  position    INTEGER NOT NULL UNIQUE,
  name        TEXT NOT NULL UNIQUE,
  name_en     TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE property (
  code    TEXT PRIMARY KEY CHECK (code IN ('C', 'I', 'A')),
  name    TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE level (
  id          INTEGER PRIMARY KEY,
  property    TEXT NOT NULL REFERENCES property(code),
  label       TEXT NOT NULL,
  rank        INTEGER NOT NULL,              -- 1 = lowest
  name        TEXT NOT NULL,
  name_en     TEXT NOT NULL DEFAULT '',
  value       INTEGER NOT NULL,              -- used in arithmetic (重要度, risk)
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (property, label),
  UNIQUE (property, rank)
);

CREATE TABLE level_definition (
  level_id   INTEGER NOT NULL REFERENCES level(id),
  asset_type TEXT NOT NULL REFERENCES asset_type(code),
  text       TEXT NOT NULL,
  PRIMARY KEY (level_id, asset_type)
);

-- Organisation.
CREATE TABLE section (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  parent_id INTEGER REFERENCES section(id)
);

CREATE TABLE post (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  section_id  INTEGER REFERENCES section(id),
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE person (
  id          INTEGER PRIMARY KEY,
  employee_no TEXT NOT NULL UNIQUE,          -- text: leading zeros are kept
  name        TEXT NOT NULL,
  section_id  INTEGER REFERENCES section(id),
  employment  TEXT NOT NULL DEFAULT 'regular'
              CHECK (employment IN ('regular', 'part_time', 'fixed_term', 'dispatched', 'contractor')),
  status      TEXT NOT NULL DEFAULT 'active'
              CHECK (status IN ('active', 'transferred', 'seconded', 'on_leave', 'retired')),
  status_date TEXT
);

-- Who holds a post, as half-open date ranges [from_date, to_date).
CREATE TABLE assignment (
  id        INTEGER PRIMARY KEY,
  post_id   INTEGER NOT NULL REFERENCES post(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  from_date TEXT NOT NULL,
  to_date   TEXT,
  CHECK (to_date IS NULL OR to_date > from_date)
);
CREATE INDEX assignment_by_post ON assignment(post_id, from_date);

CREATE TABLE system (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  admin_post_id INTEGER NOT NULL REFERENCES post(id),
  section_id    INTEGER REFERENCES section(id),
  description   TEXT NOT NULL DEFAULT ''
);

-- Assets: every column of the register (DOMAIN.md §1).
CREATE TABLE asset (
  id                   INTEGER PRIMARY KEY,
  code                 TEXT NOT NULL UNIQUE,
  type                 TEXT NOT NULL REFERENCES asset_type(code),
  name                 TEXT NOT NULL,
  main_items           TEXT NOT NULL DEFAULT '',
  personal_info        TEXT NOT NULL DEFAULT 'none'
                       CHECK (personal_info IN ('none', 'personal', 'specific')),
  c_level_id           INTEGER NOT NULL REFERENCES level(id),
  i_level_id           INTEGER NOT NULL REFERENCES level(id),
  a_level_id           INTEGER NOT NULL REFERENCES level(id),
  external_io          TEXT NOT NULL DEFAULT 'none'
                       CHECK (external_io IN ('none', 'in', 'out', 'both')),
  access_restriction   TEXT NOT NULL DEFAULT '',
  section_id           INTEGER NOT NULL REFERENCES section(id),
  post_id              INTEGER NOT NULL REFERENCES post(id),
  system_id            INTEGER REFERENCES system(id),
  storage              TEXT NOT NULL DEFAULT '',
  retention            TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL DEFAULT 'active'
                       CHECK (status IN ('active', 'retired', 'disposed')),
  disposed_on          TEXT,
  disposal_method      TEXT,
  disposal_certificate TEXT,
  note                 TEXT NOT NULL DEFAULT '',
  created_on           TEXT NOT NULL,
  updated_on           TEXT NOT NULL,
  last_reviewed_on     TEXT,
  next_review_due      TEXT,
  version              INTEGER NOT NULL DEFAULT 1,
  CHECK ((status = 'disposed') = (disposed_on IS NOT NULL))
);
CREATE INDEX asset_by_section ON asset(section_id);
CREATE INDEX asset_by_post ON asset(post_id);

-- A level used for C must be a C level, and so on.
CREATE TRIGGER asset_levels_match_property_insert BEFORE INSERT ON asset
WHEN (SELECT property FROM level WHERE id = NEW.c_level_id) IS NOT 'C'
  OR (SELECT property FROM level WHERE id = NEW.i_level_id) IS NOT 'I'
  OR (SELECT property FROM level WHERE id = NEW.a_level_id) IS NOT 'A'
BEGIN SELECT RAISE(ABORT, 'asset level does not belong to its property'); END;

CREATE TRIGGER asset_levels_match_property_update BEFORE UPDATE ON asset
WHEN (SELECT property FROM level WHERE id = NEW.c_level_id) IS NOT 'C'
  OR (SELECT property FROM level WHERE id = NEW.i_level_id) IS NOT 'I'
  OR (SELECT property FROM level WHERE id = NEW.a_level_id) IS NOT 'A'
BEGIN SELECT RAISE(ABORT, 'asset level does not belong to its property'); END;

-- "asset_id uses depends_on_id".
CREATE TABLE asset_dependency (
  asset_id      INTEGER NOT NULL REFERENCES asset(id),
  depends_on_id INTEGER NOT NULL REFERENCES asset(id),
  PRIMARY KEY (asset_id, depends_on_id),
  CHECK (asset_id <> depends_on_id)
);
CREATE INDEX dependency_reverse ON asset_dependency(depends_on_id);

-- The tamper-evident history: one row per change, hash-chained.
CREATE TABLE history (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,                 -- UTC, ISO 8601 with milliseconds
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_key  TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX history_by_entity ON history(entity, entity_key, seq);

-- daicho itself never rewrites history; these make an accidental UPDATE or
-- DELETE fail loudly. (A deliberate tamperer can drop them: `audit verify`
-- is what detects that.)
CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history rows cannot be changed'); END;
CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history rows cannot be deleted'); END;
