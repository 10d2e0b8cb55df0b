-- /readyz writes here: an instance is ready when the database takes a write, not only a read.
CREATE TABLE health (
    id         INTEGER PRIMARY KEY,
    checked_at BIGINT NOT NULL
);

-- What the person a complaint is about may find it by (K3): the personal texts of the entry as
-- they see it (klacht_core::procedure::seen_by_involved); NULL when they do not see it or
-- nobody is complained about. Filled for existing complaints by the store at start
-- (data_migrations 'involved_search').
ALTER TABLE personal_data ADD COLUMN involved_text TEXT;
ALTER TABLE personal_data ADD COLUMN involved_search TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('dutch', coalesce(involved_text, ''))) STORED;
CREATE INDEX personal_data_involved_search ON personal_data USING GIN (involved_search);

-- Migrations of data that need the application's code, each run once.
CREATE TABLE data_migrations (
    name    TEXT PRIMARY KEY,
    done_at BIGINT NOT NULL
);
