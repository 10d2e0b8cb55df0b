-- klacht schema, SQLite. Times are Unix microseconds (UTC); dates are ISO text (YYYY-MM-DD,
-- Europe/Amsterdam). Keep in step with migrations/postgres/0001_init.sql.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT,
    absent        INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id),
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- API tokens are stored as the SHA-256 of the token; the token itself is shown once.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);

-- Every version of a regulation profile ever used; complaints point at the one they arrived under (T16).
CREATE TABLE profiles (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    version    TEXT NOT NULL,
    adopted_on TEXT NOT NULL,
    sha256     TEXT NOT NULL UNIQUE,
    source     TEXT NOT NULL,
    first_used INTEGER NOT NULL
);

CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- The projection: one row per complaint, updated in the same transaction as the event append.
CREATE TABLE complaints (
    id           INTEGER PRIMARY KEY,
    reference    TEXT NOT NULL UNIQUE,
    profile_id   INTEGER NOT NULL REFERENCES profiles(id),
    status       TEXT NOT NULL,
    channel      TEXT NOT NULL,
    form         TEXT NOT NULL,
    received_at  INTEGER NOT NULL,
    received_on  TEXT NOT NULL,
    received_by  INTEGER,
    concerns     INTEGER,
    handler      INTEGER,
    relation     TEXT,
    categories   TEXT NOT NULL,
    severity     TEXT,
    sensitive    INTEGER NOT NULL,
    escalation   TEXT,
    outcome      TEXT,
    decided_at   INTEGER,
    closed_at    INTEGER,
    next_due     TEXT,
    deadlines    TEXT NOT NULL,
    version      INTEGER NOT NULL,
    last_hash    TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX complaints_status ON complaints(status, id);
CREATE INDEX complaints_next_due ON complaints(next_due, id) WHERE next_due IS NOT NULL;
CREATE INDEX complaints_handler ON complaints(handler, id) WHERE handler IS NOT NULL;
CREATE INDEX complaints_concerns ON complaints(concerns) WHERE concerns IS NOT NULL;
CREATE INDEX complaints_received ON complaints(received_at);

CREATE TABLE complaint_categories (
    category     TEXT NOT NULL,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    PRIMARY KEY (category, complaint_id)
) WITHOUT ROWID;

-- The dossier: append-only, hash-chained per complaint. `body` is the event without personal data.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    seq          INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    actor_type   TEXT NOT NULL,
    actor_id     INTEGER,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    pii_digest   TEXT,
    hash         TEXT NOT NULL,
    UNIQUE (complaint_id, seq)
);

-- Personal data of an event, apart from the skeleton; deleting a row anonymises it.
CREATE TABLE personal_data (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    seq          INTEGER NOT NULL,
    salt         TEXT NOT NULL,
    data         TEXT NOT NULL,
    UNIQUE (complaint_id, seq)
);

-- Full-text search over personal data (rowid = personal_data.id); rows go with their data.
CREATE VIRTUAL TABLE personal_search USING fts5(
    text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

-- Who opened which dossier when (K8, T10).
CREATE TABLE dossier_reads (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    user_id      INTEGER NOT NULL REFERENCES users(id),
    at           INTEGER NOT NULL
);
CREATE INDEX dossier_reads_complaint ON dossier_reads(complaint_id, at);
