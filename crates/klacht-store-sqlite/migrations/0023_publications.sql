-- Issue 18: publishing the annual report (T15, Awb 9:12a) at /jaarverslag/{year}.
-- `publication_reviews`: the coordinator's review of one free text of a year's annual report
-- (an exceptional complaint's summary, the analysis, a recommendation's or an improvement
-- action's text), as that exact text: `text_hash` is the SHA-256 of the text reviewed, so a text
-- changed afterwards is unreviewed again. The latest review of an item is the one kept.
-- `publications`: each time a year was published, with the anonymised report as published (a
-- snapshot: the public page does not change under the reader), who and when; a withdrawal sets
-- `withdrawn_by` and `withdrawn_at`. The year's newest row is what the public sees, unless it
-- was withdrawn. SQLite. Keep in step with the PostgreSQL migration 0023.
CREATE TABLE publication_reviews (
    year        INTEGER NOT NULL,
    item        TEXT NOT NULL,
    text_hash   TEXT NOT NULL,
    fit         INTEGER NOT NULL,
    reviewed_by BIGINT NOT NULL REFERENCES users(id),
    reviewed_at BIGINT NOT NULL,
    PRIMARY KEY (year, item)
);

CREATE TABLE publications (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    year         INTEGER NOT NULL,
    report       TEXT NOT NULL,
    published_by BIGINT NOT NULL REFERENCES users(id),
    published_at BIGINT NOT NULL,
    withdrawn_by BIGINT REFERENCES users(id),
    withdrawn_at BIGINT
);
CREATE INDEX publications_year ON publications (year, id);
