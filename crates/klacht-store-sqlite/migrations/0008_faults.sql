-- /readyz writes here: an instance is ready when the database takes a write, not only a read.
CREATE TABLE health (
    id         INTEGER PRIMARY KEY,
    checked_at INTEGER NOT NULL
);

-- What the person a complaint is about may find it by (K3): the personal texts of the entries
-- as they see them (klacht_core::procedure::seen_by_involved), by the same rowid as
-- personal_search (complaint_id * 65536 + seq). Only for complaints about a staff member. A
-- search by that person looks here for those complaints, so it never matches a word of a
-- handling note, a hearing or the complainant's contact details. Filled for existing
-- complaints by the store at start (data_migrations 'involved_search').
CREATE VIRTUAL TABLE involved_search USING fts5(
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

-- Migrations of data that need the application's code, each run once.
CREATE TABLE data_migrations (
    name    TEXT PRIMARY KEY,
    done_at INTEGER NOT NULL
);
