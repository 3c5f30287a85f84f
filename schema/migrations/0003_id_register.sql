-- Schema version 3: ID registers (ID管理簿) and the yearly ID stocktake
-- (ID棚卸): runs of a reconciliation against a system's exported ID list,
-- their findings, the decisions taken on them and the sign-off.

-- History keys of ID register entries are "SYSTEM/LOGIN": a system code must
-- not contain "/" or two entries could share one key.
CREATE TRIGGER system_code_has_no_slash BEFORE INSERT ON system
WHEN instr(NEW.code, '/') > 0
BEGIN SELECT RAISE(ABORT, 'a system code cannot contain "/"'); END;

-- One row per login ID of a system, as the ID register lists it.
CREATE TABLE id_entry (
  id            INTEGER PRIMARY KEY,
  entry_key     TEXT NOT NULL UNIQUE,         -- "SYSTEM/LOGIN": the history key (both parts immutable)
  system_id     INTEGER NOT NULL REFERENCES system(id),
  login_id      TEXT NOT NULL,                -- as written in the register
  login_key     TEXT NOT NULL,                -- NFKC + CP932 fold + trim (dc-matchkey)
  holder        TEXT,                         -- employee number; NULL for service IDs
  holder_name   TEXT NOT NULL DEFAULT '',     -- as the register writes it
  kind          TEXT NOT NULL DEFAULT 'user'
                CHECK (kind IN ('user', 'privileged', 'shared', 'service', 'emergency')),
  privileges    TEXT NOT NULL DEFAULT '[]',   -- approved privileges: JSON array, sorted
  applicant     TEXT NOT NULL DEFAULT '',     -- 申請者: employee number, name or post
  approver      TEXT NOT NULL DEFAULT '',     -- 承認者
  registrar     TEXT NOT NULL DEFAULT '',     -- 登録者 (who set it up in the system)
  approved_on   TEXT,
  valid_until   TEXT,
  shared_reason TEXT NOT NULL DEFAULT '',     -- shared IDs: why
  shared_users  TEXT NOT NULL DEFAULT '[]',   -- shared IDs: who (JSON array)
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  revoked_on    TEXT,
  note          TEXT NOT NULL DEFAULT '',
  created_on    TEXT NOT NULL,
  updated_on    TEXT NOT NULL,
  CHECK ((status = 'revoked') = (revoked_on IS NOT NULL)),
  CHECK (json_valid(privileges) AND json_valid(shared_users))
);
CREATE INDEX id_entry_by_key ON id_entry(system_id, login_key);
CREATE INDEX id_entry_by_holder ON id_entry(holder);

-- A reconciliation of one system's export against its ID register.
CREATE TABLE reconcile_run (
  id               INTEGER PRIMARY KEY,
  system_id        INTEGER NOT NULL REFERENCES system(id),
  export_file      TEXT NOT NULL,              -- the file's name as given
  export_sha256    TEXT NOT NULL,
  export_rows      INTEGER NOT NULL,           -- accounts read from the export
  register_entries INTEGER NOT NULL,           -- entries of the register compared
  profile          TEXT NOT NULL,
  profile_sha256   TEXT NOT NULL,              -- of the profile's text as used
  as_of            TEXT NOT NULL,
  dormant_days     INTEGER NOT NULL,
  operator         TEXT NOT NULL,
  run_at           TEXT NOT NULL,              -- UTC
  counts           TEXT NOT NULL,              -- {"kind": n, ...}
  notes            TEXT NOT NULL DEFAULT '[]', -- what the export did not allow to check (JSON array)
  checked_post     TEXT,                       -- 確認者: post code
  checked_person   TEXT,                       --          and its holder then
  signoff_post     TEXT,                       -- 承認者
  signoff_person   TEXT,
  signoff_on       TEXT,
  CHECK (json_valid(counts) AND json_valid(notes))
);
CREATE INDEX reconcile_run_by_system ON reconcile_run(system_id, id);

-- Written once with their run and never changed: the run's history entry
-- carries a digest of them (dc_digest), so `audit verify` sees any edit.
CREATE TABLE reconcile_finding (
  run_id       INTEGER NOT NULL REFERENCES reconcile_run(id),
  seq          INTEGER NOT NULL,               -- 1, 2, ... in kind order
  kind         TEXT NOT NULL,
  login_key    TEXT NOT NULL,
  raw_login_id TEXT NOT NULL,
  holder       TEXT,
  holder_name  TEXT NOT NULL DEFAULT '',
  detail       TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE reconcile_decision (
  run_id      INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  decision_key TEXT NOT NULL UNIQUE,            -- "RUN/SEQ": the history key
  decision    TEXT NOT NULL CHECK (decision IN ('fix', 'accept', 'exception')),
  note        TEXT NOT NULL,
  until       TEXT,
  decided_by  TEXT NOT NULL,
  decided_on  TEXT NOT NULL,
  PRIMARY KEY (run_id, seq),
  FOREIGN KEY (run_id, seq) REFERENCES reconcile_finding(run_id, seq)
) WITHOUT ROWID;
