-- Retention (K8, T10): when a complaint's personal data was erased, and whether it is held back
-- from the daily round on purpose. SQLite. Keep in step with the PostgreSQL migration 0013.
ALTER TABLE complaints ADD COLUMN anonymised_at INTEGER;
ALTER TABLE complaints ADD COLUMN held INTEGER NOT NULL DEFAULT 0;

-- What the round looks at: ended (closed, or withdrawn: decided_at is the withdrawal), not yet
-- anonymised, by when it ended.
CREATE INDEX complaints_retention ON complaints (COALESCE(closed_at, decided_at), id)
    WHERE status IN ('closed', 'withdrawn') AND anonymised_at IS NULL;
CREATE INDEX complaints_held ON complaints (id) WHERE held <> 0;

-- The full-text indexes leave nothing of a deleted entry when their segments are merged (the
-- round merges them after anonymising): anonymised text must not stay readable in the file
-- (FTS5 'secure-delete', SQLite 3.42).
INSERT INTO personal_search (personal_search, rank) VALUES ('secure-delete', 1);
INSERT INTO involved_search (involved_search, rank) VALUES ('secure-delete', 1);
