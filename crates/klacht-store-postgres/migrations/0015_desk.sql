-- The data-subject desk (AVG art. 12, 15, 16, 17): each request of a person about their data —
-- who (as they identified themselves), what, received when, to be answered by when, extended
-- once with the reason, settled with what was done — and a log of every step taken on it.
-- PostgreSQL. Keep in step with the SQLite migration 0015.
CREATE TABLE subject_requests (
    id               BIGSERIAL PRIMARY KEY,
    kind             TEXT NOT NULL,
    received_on      DATE NOT NULL,
    due_on           DATE NOT NULL,
    -- {"name", "email", "phone"}: whichever the person gave.
    person           JSONB NOT NULL,
    note             TEXT,
    registered_by    BIGINT NOT NULL REFERENCES users(id),
    registered_at    TIMESTAMPTZ NOT NULL,
    extended_at      TIMESTAMPTZ,
    extension_reason TEXT,
    completed_at     TIMESTAMPTZ,
    outcome          TEXT
);
CREATE INDEX subject_requests_open ON subject_requests (due_on, id) WHERE completed_at IS NULL;

CREATE TABLE subject_request_log (
    id         BIGSERIAL PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES subject_requests(id),
    at         TIMESTAMPTZ NOT NULL,
    -- NULL: klacht itself.
    actor_id   BIGINT REFERENCES users(id),
    action     TEXT NOT NULL,
    -- The complaint the step was about, if any.
    reference  TEXT,
    detail     TEXT
);
CREATE INDEX subject_request_log_request ON subject_request_log (request_id, id);
