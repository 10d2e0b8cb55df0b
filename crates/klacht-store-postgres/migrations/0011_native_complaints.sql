-- Native types, second part: the complaints' projection, the event times and the report tables
-- of 0005. As in 0010, times (Unix microseconds, BIGINT) become timestamptz, converted exactly
-- (the hash chain covers event times); ISO date text becomes date; the sensitive flag (0/1)
-- becomes boolean; the deadlines and categories (JSON text) become jsonb. events.body and
-- personal_data.data stay TEXT: the chain hashes their text as it was written. SQLite has no
-- such types and keeps its schema.

-- The index of the exceptional complaints has `sensitive <> 0` in its predicate, which means
-- nothing for a boolean: it is made again below. ALTER TABLE rebuilds the other indexes.
DROP INDEX complaints_flagged;

ALTER TABLE complaints
    ALTER COLUMN received_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + received_at * INTERVAL '1 microsecond',
    ALTER COLUMN received_on TYPE date USING received_on::date,
    ALTER COLUMN categories TYPE jsonb USING categories::jsonb,
    ALTER COLUMN sensitive TYPE boolean USING sensitive <> 0,
    ALTER COLUMN decided_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + decided_at * INTERVAL '1 microsecond',
    ALTER COLUMN closed_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + closed_at * INTERVAL '1 microsecond',
    ALTER COLUMN next_due TYPE date USING next_due::date,
    ALTER COLUMN deadlines TYPE jsonb USING deadlines::jsonb,
    ALTER COLUMN updated_at TYPE timestamptz
        USING TIMESTAMPTZ 'epoch' + updated_at * INTERVAL '1 microsecond';

CREATE INDEX complaints_flagged ON complaints(received_at) WHERE sensitive OR escalation = 'board';

ALTER TABLE events
    ALTER COLUMN at TYPE timestamptz USING TIMESTAMPTZ 'epoch' + at * INTERVAL '1 microsecond';

-- The report tables. Days become dates. A deadline not started (no due day) or not met (no day
-- met) was '' in report_deadlines; both columns are part of its primary key, which takes no
-- NULL, so "none" is the date '-infinity' there (it sorts before every day, as '' did; the
-- store reads it as none). report_late holds only deadlines met after their due day: both days
-- are always there.
ALTER TABLE report_received
    ALTER COLUMN day TYPE date USING day::date;

ALTER TABLE report_deadlines
    ALTER COLUMN day TYPE date USING day::date,
    ALTER COLUMN due TYPE date USING COALESCE(NULLIF(due, '')::date, '-infinity'),
    ALTER COLUMN met_on TYPE date USING COALESCE(NULLIF(met_on, '')::date, '-infinity');

ALTER TABLE report_late
    ALTER COLUMN day TYPE date USING day::date,
    ALTER COLUMN due TYPE date USING due::date,
    ALTER COLUMN met_on TYPE date USING met_on::date;

-- The categories counted per day are the text of the complaint's categories: now that of the
-- jsonb value (`["a", "b"]`, where the JSON text was `["a","b"]`). The same lists, counted
-- together.
CREATE TEMPORARY TABLE categories_counted AS
SELECT day, value::jsonb::text AS value, CAST(SUM(n) AS BIGINT) AS n
FROM report_received WHERE dim = 'categories' GROUP BY 1, 2;
DELETE FROM report_received WHERE dim = 'categories';
INSERT INTO report_received (day, dim, value, n)
SELECT day, 'categories', value, n FROM categories_counted;
DROP TABLE categories_counted;

-- The counts as 0005 keeps them, for the native types: the flags still read '0'/'1' for the
-- sensitive flag, the deadlines are read from jsonb without a cast, the day met is the date in
-- Europe/Amsterdam of the time it was met, and the hour of a decision is still its Unix
-- microseconds divided by 3,600,000,000 (as integers: truncated).
CREATE OR REPLACE FUNCTION report_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO report_received (day, dim, value, n) VALUES
            (NEW.received_on, 'channel', NEW.channel || '|' || NEW.form, 1),
            (NEW.received_on, 'relation', COALESCE(NEW.relation, ''), 1),
            (NEW.received_on, 'flags', CASE WHEN NEW.sensitive THEN '1' ELSE '0' END || '|' || COALESCE(NEW.escalation, '') || '|' || COALESCE(NEW.severity, ''), 1),
            (NEW.received_on, 'categories', NEW.categories::text, 1)
        ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
        INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
        SELECT NEW.received_on, j.value ->> 'id', COALESCE((j.value ->> 'due')::date, '-infinity'),
            COALESCE(((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date, '-infinity'),
            CASE WHEN NEW.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, 1
        FROM jsonb_array_elements(NEW.deadlines) j
        ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
        INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
        SELECT * FROM (
            SELECT NEW.id, j.value ->> 'id' AS d_id, NEW.received_on, (j.value ->> 'due')::date AS d_due,
                ((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date AS d_met
            FROM jsonb_array_elements(NEW.deadlines) j
            -- Met on a later UTC day than due, or on the due day (from 22:00 UTC it may be late).
            WHERE substr(j.value ->> 'met_at', 1, 10) >= j.value ->> 'due'
        ) x WHERE d_met > d_due;
        IF NEW.decided_at IS NOT NULL THEN
            INSERT INTO report_decided (hour, outcome, n)
            VALUES (CAST(EXTRACT(EPOCH FROM GREATEST(NEW.decided_at, NEW.received_at)) * 1000000 AS BIGINT) / 3600000000,
                COALESCE(NEW.outcome, ''), 1)
            ON CONFLICT (hour, outcome) DO UPDATE SET n = report_decided.n + excluded.n;
        END IF;
        RETURN NULL;
    END IF;
    IF (OLD.received_on, OLD.channel, OLD.form, OLD.relation, OLD.sensitive, OLD.escalation, OLD.severity, OLD.categories)
       IS DISTINCT FROM
       (NEW.received_on, NEW.channel, NEW.form, NEW.relation, NEW.sensitive, NEW.escalation, NEW.severity, NEW.categories) THEN
        INSERT INTO report_received (day, dim, value, n) VALUES
            (OLD.received_on, 'channel', OLD.channel || '|' || OLD.form, -1),
            (OLD.received_on, 'relation', COALESCE(OLD.relation, ''), -1),
            (OLD.received_on, 'flags', CASE WHEN OLD.sensitive THEN '1' ELSE '0' END || '|' || COALESCE(OLD.escalation, '') || '|' || COALESCE(OLD.severity, ''), -1),
            (OLD.received_on, 'categories', OLD.categories::text, -1)
        ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
        INSERT INTO report_received (day, dim, value, n) VALUES
            (NEW.received_on, 'channel', NEW.channel || '|' || NEW.form, 1),
            (NEW.received_on, 'relation', COALESCE(NEW.relation, ''), 1),
            (NEW.received_on, 'flags', CASE WHEN NEW.sensitive THEN '1' ELSE '0' END || '|' || COALESCE(NEW.escalation, '') || '|' || COALESCE(NEW.severity, ''), 1),
            (NEW.received_on, 'categories', NEW.categories::text, 1)
        ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
    END IF;
    IF OLD.received_on IS DISTINCT FROM NEW.received_on OR OLD.deadlines IS DISTINCT FROM NEW.deadlines
       OR (OLD.status IN ('received', 'acknowledged', 'in_progress'))
          IS DISTINCT FROM (NEW.status IN ('received', 'acknowledged', 'in_progress')) THEN
        INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
        SELECT OLD.received_on, j.value ->> 'id', COALESCE((j.value ->> 'due')::date, '-infinity'),
            COALESCE(((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date, '-infinity'),
            CASE WHEN OLD.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, -1
        FROM jsonb_array_elements(OLD.deadlines) j
        ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
        INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
        SELECT NEW.received_on, j.value ->> 'id', COALESCE((j.value ->> 'due')::date, '-infinity'),
            COALESCE(((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date, '-infinity'),
            CASE WHEN NEW.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, 1
        FROM jsonb_array_elements(NEW.deadlines) j
        ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
        DELETE FROM report_late WHERE complaint_id = OLD.id;
        INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
        SELECT * FROM (
            SELECT NEW.id, j.value ->> 'id' AS d_id, NEW.received_on, (j.value ->> 'due')::date AS d_due,
                ((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date AS d_met
            FROM jsonb_array_elements(NEW.deadlines) j
            -- Met on a later UTC day than due, or on the due day (from 22:00 UTC it may be late).
            WHERE substr(j.value ->> 'met_at', 1, 10) >= j.value ->> 'due'
        ) x WHERE d_met > d_due;
    END IF;
    IF OLD.decided_at IS DISTINCT FROM NEW.decided_at OR OLD.outcome IS DISTINCT FROM NEW.outcome
       OR OLD.received_at IS DISTINCT FROM NEW.received_at THEN
        IF OLD.decided_at IS NOT NULL THEN
            INSERT INTO report_decided (hour, outcome, n)
            VALUES (CAST(EXTRACT(EPOCH FROM GREATEST(OLD.decided_at, OLD.received_at)) * 1000000 AS BIGINT) / 3600000000,
                COALESCE(OLD.outcome, ''), -1)
            ON CONFLICT (hour, outcome) DO UPDATE SET n = report_decided.n + excluded.n;
        END IF;
        IF NEW.decided_at IS NOT NULL THEN
            INSERT INTO report_decided (hour, outcome, n)
            VALUES (CAST(EXTRACT(EPOCH FROM GREATEST(NEW.decided_at, NEW.received_at)) * 1000000 AS BIGINT) / 3600000000,
                COALESCE(NEW.outcome, ''), 1)
            ON CONFLICT (hour, outcome) DO UPDATE SET n = report_decided.n + excluded.n;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
