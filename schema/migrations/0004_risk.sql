-- Schema version 4: risk assessment (seed 001 §3.3). Threats per asset are
-- rated for likelihood and vulnerability and combined with the asset's value
-- for the property the threat harms, by the method of the register.
-- Every table starts empty: a register made before this version gets the
-- method of its scheme (or the IPA method) and the shipped threat catalogue
-- the first time a risk command needs them.

-- The method chosen after init (`daicho risk method --set`). Without a row the
-- register uses the [risk] section of its scheme, else the IPA method.
CREATE TABLE risk_method (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  method     TEXT NOT NULL CHECK (method IN ('ipa', 'product', 'matrix')),
  definition TEXT NOT NULL,                 -- the [risk ...] groups, canonical
  set_on     TEXT NOT NULL
);

-- The threat catalogue the register uses, copied in like the scheme, so that
-- editing the shipped file or a new daicho does not change it unnoticed.
CREATE TABLE threat_catalogue (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  name         TEXT NOT NULL,
  version      TEXT NOT NULL,
  title        TEXT NOT NULL,
  definition   TEXT NOT NULL,               -- the catalogue file as loaded
  installed_on TEXT NOT NULL
);

-- Protection needs set by hand against the maximum principle, with the reason
-- (累積効果 cumulation, 分散効果 distribution, or another stated reason).
CREATE TABLE risk_override (
  asset_id INTEGER NOT NULL REFERENCES asset(id),
  property TEXT NOT NULL CHECK (property IN ('C', 'I', 'A')),
  level_id INTEGER NOT NULL REFERENCES level(id),
  effect   TEXT NOT NULL CHECK (effect IN ('cumulation', 'distribution', 'other')),
  reason   TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  set_on   TEXT NOT NULL,
  PRIMARY KEY (asset_id, property)
);

CREATE TRIGGER risk_override_level_matches_property BEFORE INSERT ON risk_override
WHEN (SELECT property FROM level WHERE id = NEW.level_id) IS NOT NEW.property
BEGIN SELECT RAISE(ABORT, 'override level does not belong to its property'); END;

-- The risk register: one row per asset and threat that applies to it. The
-- score columns hold what the last assessment or edit computed.
CREATE TABLE risk (
  id                     INTEGER PRIMARY KEY,
  code                   TEXT NOT NULL UNIQUE,       -- "ASSET/THREAT"
  asset_id               INTEGER NOT NULL REFERENCES asset(id),
  threat                 TEXT NOT NULL,
  threat_name            TEXT NOT NULL,
  property               TEXT NOT NULL CHECK (property IN ('C', 'I', 'A')),
  status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  applicable             INTEGER NOT NULL DEFAULT 1 CHECK (applicable IN (0, 1)),
  not_applicable_reason  TEXT NOT NULL DEFAULT '',
  likelihood             INTEGER NOT NULL,
  vulnerability          INTEGER NOT NULL,
  likelihood_set         INTEGER NOT NULL DEFAULT 0 CHECK (likelihood_set IN (0, 1)),
  vulnerability_set      INTEGER NOT NULL DEFAULT 0 CHECK (vulnerability_set IN (0, 1)),
  controls               TEXT NOT NULL DEFAULT '',   -- 現状の対策 (what the vulnerability rests on)
  rated_on               TEXT,                       -- when a person last rated it
  value                  INTEGER NOT NULL,           -- the asset's effective value for PROPERTY
  value_label            TEXT NOT NULL,
  value_from             TEXT,                       -- asset code it is inherited from
  value_override         TEXT,                       -- effect of an override, if any
  possibility            INTEGER NOT NULL,           -- 被害発生可能性
  risk_value             INTEGER NOT NULL,
  level                  TEXT NOT NULL,
  formula                TEXT NOT NULL,
  treatment              TEXT CHECK (treatment IN ('reduce', 'accept', 'avoid', 'transfer')),
  control                TEXT NOT NULL DEFAULT '',   -- 対策内容
  owner_post_id          INTEGER REFERENCES post(id),
  due_on                 TEXT,
  completed_on           TEXT,
  residual_likelihood    INTEGER,
  residual_vulnerability INTEGER,
  residual_possibility   INTEGER,
  residual_value         INTEGER,
  residual_level         TEXT,
  residual_formula       TEXT,
  approver_post_id       INTEGER REFERENCES post(id),
  accepted_on            TEXT,
  accept_until           TEXT,
  accept_reason          TEXT NOT NULL DEFAULT '',
  note                   TEXT NOT NULL DEFAULT '',
  created_on             TEXT NOT NULL,
  updated_on             TEXT NOT NULL,
  UNIQUE (asset_id, threat),
  CHECK ((treatment IS 'accept') = (approver_post_id IS NOT NULL AND accepted_on IS NOT NULL
                                    AND accept_until IS NOT NULL)),
  CHECK ((residual_likelihood IS NULL) = (residual_vulnerability IS NULL))
);
CREATE INDEX risk_by_asset ON risk(asset_id);

-- An assessment run: the parameters it used, frozen, so that a later run
-- (next fiscal year, a new catalogue, another method) never rewrites it.
CREATE TABLE risk_run (
  id                INTEGER PRIMARY KEY,     -- the run's number
  run_on            TEXT NOT NULL,
  fiscal_year       INTEGER NOT NULL,
  scope             TEXT NOT NULL,           -- '' for the whole register, else an asset code
  actor             TEXT NOT NULL,
  note              TEXT NOT NULL DEFAULT '',
  scheme            TEXT NOT NULL,
  method            TEXT NOT NULL,
  method_definition TEXT NOT NULL,
  catalogue         TEXT NOT NULL,
  catalogue_version TEXT NOT NULL,
  catalogue_sha256  TEXT NOT NULL,
  counts            TEXT NOT NULL CHECK (json_valid(counts)),   -- {"level": n, ...}
  items             INTEGER NOT NULL
);

-- The run's risk lines as they stood, written once: the run's history entry
-- carries a digest of them (dc_digest), so `audit verify` sees any edit.
CREATE TABLE risk_run_item (
  run_id INTEGER NOT NULL REFERENCES risk_run(id),
  seq    INTEGER NOT NULL,                   -- 1, 2, ... in the register's order
  risk   TEXT NOT NULL,
  data   TEXT NOT NULL CHECK (json_valid(data)),
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER risk_run_item_is_append_only_update BEFORE UPDATE ON risk_run_item
BEGIN SELECT RAISE(ABORT, 'the lines of an assessment run cannot be changed'); END;
CREATE TRIGGER risk_run_item_is_append_only_delete BEFORE DELETE ON risk_run_item
BEGIN SELECT RAISE(ABORT, 'the lines of an assessment run cannot be deleted'); END;
