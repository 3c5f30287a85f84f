-- Schema version 2: register-wide settings, such as the organisation's name
-- printed on ledgers.
CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
