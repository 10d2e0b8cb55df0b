-- Native types, first part: the accounts, the profile versions, the mail queue, status links,
-- notices, the log of who read a dossier, the recommendations register with its evaluations and
-- report texts, and the store's own bookkeeping. Times (Unix microseconds, BIGINT) become
-- timestamptz, converted exactly (timestamptz keeps microseconds); ISO date text becomes date;
-- flags (0/1) become boolean; the account log's detail (JSON text) becomes jsonb. Indexes on
-- the changed columns are rebuilt by ALTER TABLE. SQLite has no such types and keeps its schema.

ALTER TABLE users
    ALTER COLUMN absent DROP DEFAULT,
    ALTER COLUMN active DROP DEFAULT;
ALTER TABLE users
    ALTER COLUMN absent TYPE boolean USING absent <> 0,
    ALTER COLUMN active TYPE boolean USING active <> 0,
    ALTER COLUMN created_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond',
    ALTER COLUMN locked_until TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + locked_until * INTERVAL '1 microsecond';
ALTER TABLE users
    ALTER COLUMN absent SET DEFAULT FALSE,
    ALTER COLUMN active SET DEFAULT TRUE;

ALTER TABLE api_tokens
    ALTER COLUMN created_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond',
    ALTER COLUMN revoked_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + revoked_at * INTERVAL '1 microsecond';

ALTER TABLE sessions
    ALTER COLUMN pending_totp TYPE boolean USING pending_totp <> 0,
    ALTER COLUMN created_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond',
    ALTER COLUMN seen_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + seen_at * INTERVAL '1 microsecond',
    ALTER COLUMN expires_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + expires_at * INTERVAL '1 microsecond';

ALTER TABLE account_links
    ALTER COLUMN created_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond',
    ALTER COLUMN expires_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + expires_at * INTERVAL '1 microsecond',
    ALTER COLUMN used_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + used_at * INTERVAL '1 microsecond';

ALTER TABLE account_audit
    ALTER COLUMN at TYPE timestamptz USING TIMESTAMPTZ 'epoch' + at * INTERVAL '1 microsecond',
    ALTER COLUMN detail TYPE jsonb USING detail::jsonb;

ALTER TABLE health
    ALTER COLUMN checked_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + checked_at * INTERVAL '1 microsecond';

ALTER TABLE data_migrations
    ALTER COLUMN done_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + done_at * INTERVAL '1 microsecond';

ALTER TABLE profiles
    ALTER COLUMN adopted_on TYPE date USING adopted_on::date,
    ALTER COLUMN first_used TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + first_used * INTERVAL '1 microsecond';

ALTER TABLE outbox
    ALTER COLUMN created_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond',
    ALTER COLUMN next_attempt_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + next_attempt_at * INTERVAL '1 microsecond',
    ALTER COLUMN lease_until TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + lease_until * INTERVAL '1 microsecond',
    ALTER COLUMN sent_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + sent_at * INTERVAL '1 microsecond',
    ALTER COLUMN failed_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + failed_at * INTERVAL '1 microsecond';

ALTER TABLE status_links
    ALTER COLUMN created_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond',
    ALTER COLUMN revoked_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + revoked_at * INTERVAL '1 microsecond';

ALTER TABLE notifications
    ALTER COLUMN created_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond',
    ALTER COLUMN read_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + read_at * INTERVAL '1 microsecond';

ALTER TABLE dossier_reads
    ALTER COLUMN at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + at * INTERVAL '1 microsecond';

ALTER TABLE recommendations
    ALTER COLUMN created_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond',
    ALTER COLUMN decided_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + decided_at * INTERVAL '1 microsecond';

ALTER TABLE recommendation_complaints
    ALTER COLUMN linked_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + linked_at * INTERVAL '1 microsecond';

ALTER TABLE improvement_actions
    ALTER COLUMN due TYPE date USING due::date,
    ALTER COLUMN created_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond',
    ALTER COLUMN updated_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + updated_at * INTERVAL '1 microsecond',
    ALTER COLUMN status_changed_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + status_changed_at * INTERVAL '1 microsecond';

ALTER TABLE evaluations
    ALTER COLUMN evaluated_on TYPE date USING evaluated_on::date,
    ALTER COLUMN new_version_on TYPE date USING new_version_on::date,
    ALTER COLUMN changed TYPE boolean USING changed <> 0,
    ALTER COLUMN recorded_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + recorded_at * INTERVAL '1 microsecond';

ALTER TABLE report_texts
    ALTER COLUMN period_from TYPE date USING period_from::date,
    ALTER COLUMN period_to TYPE date USING period_to::date,
    ALTER COLUMN written_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + written_at * INTERVAL '1 microsecond';
