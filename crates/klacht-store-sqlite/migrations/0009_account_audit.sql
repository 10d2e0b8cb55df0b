-- The account log: who changed whose roles, (de)activated an account, sent a password link, set a
-- password, reset or enrolled a second factor, and when. SQLite.
-- Keep in step with migrations/postgres/0009_account_audit.sql.

CREATE TABLE account_audit (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    -- Who did it: a user, or NULL for the server's operator (the `klacht` command line).
    actor_id   INTEGER REFERENCES users(id),
    -- Whose account.
    subject_id INTEGER NOT NULL REFERENCES users(id),
    -- created, roles, activated, deactivated, password_link, password_set, second_factor_reset,
    -- second_factor_enrolled, second_factor_removed.
    action     TEXT NOT NULL,
    -- What changed, for people (the roles before and after).
    detail     TEXT
);
CREATE INDEX account_audit_subject ON account_audit(subject_id, id);
