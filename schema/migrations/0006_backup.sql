-- Schema version 7: the backup ledger (バックアップ保管台帳, seed 004 §7: backups
-- in generations with a ledger) and the restores made into this register.

-- A copy of the register written by `daicho backup`. History key: the number
-- ("3"). The copy holds the register up to history entry history_seq.
CREATE TABLE backup (
  id             INTEGER PRIMARY KEY,
  number         INTEGER NOT NULL UNIQUE CHECK (number > 0),   -- 世代番号
  taken_at       TEXT NOT NULL,                 -- UTC, when the copy was taken
  file           TEXT NOT NULL,                 -- absolute path it was written to
  size           INTEGER NOT NULL,
  sha256         TEXT NOT NULL,                 -- of the file's bytes
  schema_version INTEGER NOT NULL,
  history_seq    INTEGER NOT NULL,              -- the copy's newest history entry
  history_hash   TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',      -- where it is kept (medium, cabinet)
  actor          TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'kept' CHECK (status IN ('kept', 'removed')),
  removed_on     TEXT,                          -- a newer generation replaced it (--keep)
  CHECK ((status = 'removed') = (removed_on IS NOT NULL))
);

-- A backup restored into this register by `daicho restore`. History key: the
-- number ("1"). The register it replaced is kept as replaced_file.
CREATE TABLE restore (
  id                   INTEGER PRIMARY KEY,
  number               INTEGER NOT NULL UNIQUE CHECK (number > 0),
  restored_at          TEXT NOT NULL,           -- UTC
  actor                TEXT NOT NULL,
  file                 TEXT NOT NULL,           -- the backup file restored
  sha256               TEXT NOT NULL,
  backup_number        INTEGER,                 -- its number in the ledger, when listed
  schema_version       INTEGER NOT NULL,        -- the file's, before any upgrade
  history_seq          INTEGER NOT NULL,        -- the file's newest history entry
  history_hash         TEXT NOT NULL,
  replaced_file        TEXT,                    -- NULL: there was no register
  replaced_history_seq INTEGER,
  replaced_history_hash TEXT
);
