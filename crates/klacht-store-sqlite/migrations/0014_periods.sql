-- Periods (K8, T10): the daily round removes the read log, staff notices and mail that is not a
-- letter once past the profile's periods (`[retention]`); these indexes let it find them by age
-- without reading the whole table. SQLite. Keep in step with the PostgreSQL migration 0014.
-- (Sessions have theirs already, `sessions_expiry`; the account links, API tokens and account
-- log stay small: a line per account change.)
CREATE INDEX dossier_reads_at ON dossier_reads (at);
CREATE INDEX notifications_created ON notifications (created_at);
-- Mail that is not a letter (no letter event) and is done with: sent, or failed for good.
CREATE INDEX outbox_done_other ON outbox (COALESCE(sent_at, failed_at))
    WHERE seq IS NULL AND (sent_at IS NOT NULL OR failed_at IS NOT NULL);
