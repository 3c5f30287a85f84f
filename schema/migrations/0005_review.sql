-- Schema version 5: the annual review by section chiefs (年次見直し) and the
-- completions of periodic duties (定期業務). The catalogue of duties is data
-- compiled into daicho (schema/duties/), not a table.

-- One review per fiscal year (年度). History key: the fiscal year ("2026").
CREATE TABLE review_campaign (
  id                INTEGER PRIMARY KEY,
  fiscal_year       INTEGER NOT NULL UNIQUE CHECK (fiscal_year BETWEEN 1900 AND 9999),
  opened_on         TEXT NOT NULL,
  due_on            TEXT NOT NULL,                -- 提出期限 for the sections
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_on         TEXT,
  closed_by_post_id INTEGER REFERENCES post(id),
  note              TEXT NOT NULL DEFAULT '',
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);

-- A returned workbook that was applied: the file itself is the evidence.
-- History key: "FY/SECTION/N" ("2026/jutaku/1").
CREATE TABLE review_return (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  campaign_id INTEGER NOT NULL REFERENCES review_campaign(id),
  section_id  INTEGER NOT NULL REFERENCES section(id),
  file_name   TEXT NOT NULL,                      -- base name as received
  sha256      TEXT NOT NULL,                      -- of the file's bytes
  reviewer    TEXT NOT NULL,                      -- 見直し実施者 named in the workbook
  reviewed_on TEXT NOT NULL,
  imported_on TEXT NOT NULL,
  partial     INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
  counts      TEXT NOT NULL CHECK (json_valid(counts)),
  UNIQUE (campaign_id, sha256)
);

-- One per asset under review. History key: "FY/ASSET" ("2026/A-0001").
CREATE TABLE review_item (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  campaign_id INTEGER NOT NULL REFERENCES review_campaign(id),
  asset_id    INTEGER NOT NULL REFERENCES asset(id),
  section_id  INTEGER NOT NULL REFERENCES section(id),   -- the section that answers for it
  state       TEXT NOT NULL DEFAULT 'pending'
              CHECK (state IN ('pending', 'unchanged', 'changed', 'disposed', 'transferred', 'added')),
  reviewer    TEXT,
  reviewed_on TEXT,
  comment     TEXT NOT NULL DEFAULT '',
  return_id   INTEGER REFERENCES review_return(id),
  UNIQUE (campaign_id, asset_id),
  CHECK ((state = 'pending') = (reviewed_on IS NULL))
);
CREATE INDEX review_item_by_section ON review_item(campaign_id, section_id);

-- A periodic duty done. History key: "DUTY/SYSTEM/DATE", "DUTY/ASSET/DATE"
-- or, for register-wide duties, "DUTY/DATE".
CREATE TABLE duty_done (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  duty        TEXT NOT NULL,                      -- catalogue code (schema/duties)
  system_id   INTEGER REFERENCES system(id),
  asset_id    INTEGER REFERENCES asset(id),
  done_on     TEXT NOT NULL,
  post_id     INTEGER NOT NULL REFERENCES post(id),
  person      TEXT,                               -- employee number of the post's holder that day
  note        TEXT NOT NULL DEFAULT '',
  recorded_on TEXT NOT NULL,
  CHECK (system_id IS NULL OR asset_id IS NULL)
);
CREATE INDEX duty_done_by_target ON duty_done(duty, system_id, asset_id, done_on);
