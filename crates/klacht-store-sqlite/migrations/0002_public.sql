-- Mail waiting to be delivered, and delivered mail's status. A row is written in the same
-- transaction as the step that calls for it, so a letter is never promised without being queued.
-- Recipient, subject and body are personal data: the body is cleared once delivered (the dossier
-- keeps the text), and anonymisation clears the rest.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id    BIGINT REFERENCES complaints(id),
    seq             BIGINT,
    reference       TEXT,
    recipient       TEXT,
    recipient_name  TEXT,
    subject         TEXT,
    body            TEXT,
    language        TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until     BIGINT,
    sent_at         BIGINT,
    failed_at       BIGINT,
    last_error      TEXT
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_complaint ON outbox (complaint_id, seq);

-- The complainant's secret links to their status page: only a hash of the token is kept.
CREATE TABLE status_links (
    token_hash   TEXT PRIMARY KEY,
    complaint_id BIGINT NOT NULL REFERENCES complaints(id),
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX status_links_complaint ON status_links (complaint_id);
