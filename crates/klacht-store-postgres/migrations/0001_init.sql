-- klacht schema, PostgreSQL. Times are Unix microseconds (UTC); dates are ISO text (YYYY-MM-DD,
-- Europe/Amsterdam). Keep in step with migrations/sqlite/0001_init.sql.

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT,
    absent        BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users(id),
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE api_tokens (
    id           BIGSERIAL PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);

CREATE TABLE profiles (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL,
    version    TEXT NOT NULL,
    adopted_on TEXT NOT NULL,
    sha256     TEXT NOT NULL UNIQUE,
    source     TEXT NOT NULL,
    first_used BIGINT NOT NULL
);

CREATE TABLE reference_counters (
    year BIGINT PRIMARY KEY,
    last BIGINT NOT NULL
);

CREATE TABLE complaints (
    id           BIGSERIAL PRIMARY KEY,
    reference    TEXT NOT NULL UNIQUE,
    profile_id   BIGINT NOT NULL REFERENCES profiles(id),
    status       TEXT NOT NULL,
    channel      TEXT NOT NULL,
    form         TEXT NOT NULL,
    received_at  BIGINT NOT NULL,
    received_on  TEXT NOT NULL,
    received_by  BIGINT,
    concerns     BIGINT,
    handler      BIGINT,
    relation     TEXT,
    categories   TEXT NOT NULL,
    severity     TEXT,
    sensitive    BIGINT NOT NULL,
    escalation   TEXT,
    outcome      TEXT,
    decided_at   BIGINT,
    closed_at    BIGINT,
    next_due     TEXT,
    deadlines    TEXT NOT NULL,
    version      BIGINT NOT NULL,
    last_hash    TEXT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX complaints_status ON complaints(status, id);
CREATE INDEX complaints_next_due ON complaints(next_due, id) WHERE next_due IS NOT NULL;
CREATE INDEX complaints_handler ON complaints(handler, id) WHERE handler IS NOT NULL;
CREATE INDEX complaints_concerns ON complaints(concerns) WHERE concerns IS NOT NULL;
CREATE INDEX complaints_received ON complaints(received_at);

CREATE TABLE complaint_categories (
    category     TEXT NOT NULL,
    complaint_id BIGINT NOT NULL REFERENCES complaints(id),
    PRIMARY KEY (category, complaint_id)
);

CREATE TABLE events (
    id           BIGSERIAL PRIMARY KEY,
    complaint_id BIGINT NOT NULL REFERENCES complaints(id),
    seq          BIGINT NOT NULL,
    at           BIGINT NOT NULL,
    actor_type   TEXT NOT NULL,
    actor_id     BIGINT,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    pii_digest   TEXT,
    hash         TEXT NOT NULL,
    UNIQUE (complaint_id, seq)
);

-- `search` is derived from the personal data and disappears with it.
CREATE TABLE personal_data (
    id           BIGSERIAL PRIMARY KEY,
    complaint_id BIGINT NOT NULL REFERENCES complaints(id),
    seq          BIGINT NOT NULL,
    salt         TEXT NOT NULL,
    data         TEXT NOT NULL,
    search_text  TEXT NOT NULL,
    search       TSVECTOR GENERATED ALWAYS AS (to_tsvector('dutch', search_text)) STORED,
    UNIQUE (complaint_id, seq)
);
CREATE INDEX personal_data_search ON personal_data USING GIN (search);

CREATE TABLE dossier_reads (
    id           BIGSERIAL PRIMARY KEY,
    complaint_id BIGINT NOT NULL REFERENCES complaints(id),
    user_id      BIGINT NOT NULL REFERENCES users(id),
    at           BIGINT NOT NULL
);
CREATE INDEX dossier_reads_complaint ON dossier_reads(complaint_id, at);
