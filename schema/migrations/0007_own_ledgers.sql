-- Schema version 7: what an office's own ledger and a second return of a
-- review need. Both are new columns of existing records; their snapshots
-- (lib/dc-snapshot.c) add a member only when the column is not NULL, so the
-- history of every record written before stays as it was and verifies.

-- 所属長: the post that answers for a section's assets when an imported row
-- names none (`section add|edit --head-post`).
ALTER TABLE section ADD COLUMN head_post_id INTEGER REFERENCES post(id);

-- The key of the review workbook's row a new asset was added from
-- ("new:TOKEN:N", unique to the workbook written): a second return of the
-- same row is refused instead of adding the asset again.
ALTER TABLE review_item ADD COLUMN new_row TEXT;
CREATE UNIQUE INDEX review_item_new_row ON review_item(campaign_id, section_id, new_row)
  WHERE new_row IS NOT NULL;
