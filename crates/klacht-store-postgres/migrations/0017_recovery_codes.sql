-- Recovery codes: single-use codes a user with a second factor is shown once when setting it up
-- (or making new ones), to sign in with instead of a code from the authenticator app when the
-- phone is lost. Only each code's SHA-256 is kept; a used code is deleted, so the rows of a user
-- are the codes they have left. New codes, a new or a cleared second factor replace them all.
-- PostgreSQL. Keep in step with the SQLite migration 0017.
CREATE TABLE recovery_codes (
    user_id    BIGINT NOT NULL REFERENCES users(id),
    code_hash  TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);
