-- Schema version 8: what HR systems' rosters carry. Both are new columns of
-- existing records; their snapshots (lib/dc-snapshot.c) add a member only
-- when the column is not NULL, so the history of every record written before
-- stays as it was and verifies.

-- 氏名（カナ）: the reading of a person's name, as the roster gives it.
ALTER TABLE person ADD COLUMN reading TEXT;

-- 所属コード of the personnel system: a roster's code for the section
-- (`section add|edit --hr-code`), one section each.
ALTER TABLE section ADD COLUMN hr_code TEXT;
CREATE UNIQUE INDEX section_hr_code ON section(hr_code) WHERE hr_code IS NOT NULL;
