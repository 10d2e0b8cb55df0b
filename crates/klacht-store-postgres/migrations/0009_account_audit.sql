-- The account log: who changed whose roles, (de)activated an account, sent a password link, set a
-- password, reset or enrolled a second factor, and when. PostgreSQL.
-- Keep in step with migrations/sqlite/0009_account_audit.sql.

CREATE TABLE account_audit (
    id         BIGSERIAL PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor_id   BIGINT REFERENCES users(id),
    subject_id BIGINT NOT NULL REFERENCES users(id),
    action     TEXT NOT NULL,
    detail     TEXT
);
CREATE INDEX account_audit_subject ON account_audit(subject_id, id);
