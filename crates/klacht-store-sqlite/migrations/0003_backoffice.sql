-- The back office: accounts, sessions, one-time links and staff notifications, SQLite.
-- Keep in step with migrations/postgres/0003_backoffice.sql.

-- A deactivated account cannot sign in; its name stays on the dossiers it appears in.
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
-- Consecutive failed sign-ins, and until when the account is locked after too many.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until INTEGER;
-- The TOTP secret (base32) once the user enrolled a second factor, and the last time step
-- accepted (a code is good once).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
-- The SHA-256 of the user's secret calendar-feed token.
ALTER TABLE users ADD COLUMN calendar_token_hash TEXT;
-- The language of the user's notifications (nl, en).
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'nl';
CREATE UNIQUE INDEX users_calendar_token ON users(calendar_token_hash) WHERE calendar_token_hash IS NOT NULL;

-- Back-office sessions, in the database so that several instances share them. Only the
-- SHA-256 of the cookie's token is kept.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    csrf_token    TEXT NOT NULL,
    -- The password was right; the second factor is still to come.
    pending_totp  INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    seen_at       INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- One-time links: the link that creates the first coordinator (no user) and the links with
-- which a user sets a password. Only the SHA-256 of the token is kept.
CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER REFERENCES users(id),
    purpose    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

-- What a staff member is told (new assignment, a complaint about you, a deadline, …). Holds no
-- personal data: a kind and the complaint; the text is made when shown or mailed. `dedupe`
-- makes a notice that a background job may find twice (or two instances at once) arrive once.
CREATE TABLE notifications (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    complaint_id INTEGER REFERENCES complaints(id),
    kind         TEXT NOT NULL,
    detail       TEXT,
    dedupe       TEXT UNIQUE,
    created_at   INTEGER NOT NULL,
    read_at      INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
