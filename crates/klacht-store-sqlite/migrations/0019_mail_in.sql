-- Mail in (issue 17): every message taken from the mailbox or `klacht mail import`, once.
-- (source, source_key) is the claim: an IMAP mailbox and "{uidvalidity}:{uid}", or "import"
-- and the Message-ID (or the SHA-256 of a message without one); a second instance or a second
-- import of the same message finds it taken. The message is kept as received (capped) until
-- the coordinator has dealt with it; `state` says where it went: the post tray (`tray`), a
-- dossier by itself (`threaded`), a new complaint (`registered`), an existing one by hand
-- (`added`), not a complaint (`not_complaint`, deleted at `delete_after`), an automatic reply or
-- list mail never answered (`ignored`), a bounce of one of our letters (`bounce`).
-- SQLite. Keep in step with the PostgreSQL migration 0019.
CREATE TABLE mail_in (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    source       TEXT NOT NULL,
    source_key   TEXT NOT NULL,
    message_id   TEXT,
    arrived_at   BIGINT NOT NULL,
    taken_at     BIGINT NOT NULL,
    sender       TEXT,
    sender_name  TEXT,
    subject      TEXT,
    kind         TEXT NOT NULL,
    problem      TEXT,
    raw          BLOB,
    truncated    INTEGER NOT NULL DEFAULT 0,
    state        TEXT NOT NULL,
    complaint_id BIGINT REFERENCES complaints(id),
    reason       TEXT,
    decided_by   BIGINT REFERENCES users(id),
    decided_at   BIGINT,
    delete_after BIGINT,
    UNIQUE (source, source_key)
);
CREATE INDEX mail_in_state ON mail_in (state, arrived_at);
CREATE INDEX mail_in_delete ON mail_in (delete_after) WHERE delete_after IS NOT NULL;

-- A letter that came back (a delivery status notification naming it): undeliverable.
ALTER TABLE outbox ADD COLUMN bounced_at BIGINT;
ALTER TABLE outbox ADD COLUMN bounce_reason TEXT;
