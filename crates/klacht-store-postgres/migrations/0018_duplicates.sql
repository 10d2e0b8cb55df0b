-- Issue 17: a complaint marked as a duplicate of another (status 'duplicate') is counted with
-- its original and not by itself: the reports' counts leave it out, from the moment it is marked
-- (its rows are taken back) until it is reopened (they are put back). The function of 0011, with
-- that one difference; a duplicate is never decided (only a complaint still awaiting a decision
-- can be marked), so the decisions are as before. Keep in step with the SQLite migration 0018.
-- No complaint is a duplicate before this migration: the counts stand as they are.

CREATE OR REPLACE FUNCTION report_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- A duplicate is counted with its original, not by itself (1 or 0).
    new_n integer := CASE WHEN NEW.status = 'duplicate' THEN 0 ELSE 1 END;
    old_n integer := CASE WHEN TG_OP = 'UPDATE' AND OLD.status <> 'duplicate' THEN 1 ELSE 0 END;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO report_received (day, dim, value, n) VALUES
            (NEW.received_on, 'channel', NEW.channel || '|' || NEW.form, new_n),
            (NEW.received_on, 'relation', COALESCE(NEW.relation, ''), new_n),
            (NEW.received_on, 'flags', CASE WHEN NEW.sensitive THEN '1' ELSE '0' END || '|' || COALESCE(NEW.escalation, '') || '|' || COALESCE(NEW.severity, ''), new_n),
            (NEW.received_on, 'categories', NEW.categories::text, new_n)
        ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
        INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
        SELECT NEW.received_on, j.value ->> 'id', COALESCE((j.value ->> 'due')::date, '-infinity'),
            COALESCE(((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date, '-infinity'),
            CASE WHEN NEW.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, new_n
        FROM jsonb_array_elements(NEW.deadlines) j
        WHERE new_n = 1
        ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
        INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
        SELECT * FROM (
            SELECT NEW.id, j.value ->> 'id' AS d_id, NEW.received_on, (j.value ->> 'due')::date AS d_due,
                ((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date AS d_met
            FROM jsonb_array_elements(NEW.deadlines) j
            -- Met on a later UTC day than due, or on the due day (from 22:00 UTC it may be late).
            WHERE substr(j.value ->> 'met_at', 1, 10) >= j.value ->> 'due'
        ) x WHERE d_met > d_due AND new_n = 1;
        IF NEW.decided_at IS NOT NULL THEN
            INSERT INTO report_decided (hour, outcome, n)
            VALUES (CAST(EXTRACT(EPOCH FROM GREATEST(NEW.decided_at, NEW.received_at)) * 1000000 AS BIGINT) / 3600000000,
                COALESCE(NEW.outcome, ''), 1)
            ON CONFLICT (hour, outcome) DO UPDATE SET n = report_decided.n + excluded.n;
        END IF;
        RETURN NULL;
    END IF;
    IF (OLD.received_on, OLD.channel, OLD.form, OLD.relation, OLD.sensitive, OLD.escalation, OLD.severity, OLD.categories, old_n)
       IS DISTINCT FROM
       (NEW.received_on, NEW.channel, NEW.form, NEW.relation, NEW.sensitive, NEW.escalation, NEW.severity, NEW.categories, new_n) THEN
        INSERT INTO report_received (day, dim, value, n) VALUES
            (OLD.received_on, 'channel', OLD.channel || '|' || OLD.form, -old_n),
            (OLD.received_on, 'relation', COALESCE(OLD.relation, ''), -old_n),
            (OLD.received_on, 'flags', CASE WHEN OLD.sensitive THEN '1' ELSE '0' END || '|' || COALESCE(OLD.escalation, '') || '|' || COALESCE(OLD.severity, ''), -old_n),
            (OLD.received_on, 'categories', OLD.categories::text, -old_n)
        ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
        INSERT INTO report_received (day, dim, value, n) VALUES
            (NEW.received_on, 'channel', NEW.channel || '|' || NEW.form, new_n),
            (NEW.received_on, 'relation', COALESCE(NEW.relation, ''), new_n),
            (NEW.received_on, 'flags', CASE WHEN NEW.sensitive THEN '1' ELSE '0' END || '|' || COALESCE(NEW.escalation, '') || '|' || COALESCE(NEW.severity, ''), new_n),
            (NEW.received_on, 'categories', NEW.categories::text, new_n)
        ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
    END IF;
    IF OLD.received_on IS DISTINCT FROM NEW.received_on OR OLD.deadlines IS DISTINCT FROM NEW.deadlines
       OR (OLD.status IN ('received', 'acknowledged', 'in_progress'))
          IS DISTINCT FROM (NEW.status IN ('received', 'acknowledged', 'in_progress'))
       OR old_n <> new_n THEN
        INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
        SELECT OLD.received_on, j.value ->> 'id', COALESCE((j.value ->> 'due')::date, '-infinity'),
            COALESCE(((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date, '-infinity'),
            CASE WHEN OLD.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, -1
        FROM jsonb_array_elements(OLD.deadlines) j
        WHERE old_n = 1
        ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
        INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
        SELECT NEW.received_on, j.value ->> 'id', COALESCE((j.value ->> 'due')::date, '-infinity'),
            COALESCE(((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date, '-infinity'),
            CASE WHEN NEW.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, 1
        FROM jsonb_array_elements(NEW.deadlines) j
        WHERE new_n = 1
        ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
        DELETE FROM report_late WHERE complaint_id = OLD.id;
        INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
        SELECT * FROM (
            SELECT NEW.id, j.value ->> 'id' AS d_id, NEW.received_on, (j.value ->> 'due')::date AS d_due,
                ((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam')::date AS d_met
            FROM jsonb_array_elements(NEW.deadlines) j
            -- Met on a later UTC day than due, or on the due day (from 22:00 UTC it may be late).
            WHERE substr(j.value ->> 'met_at', 1, 10) >= j.value ->> 'due'
        ) x WHERE d_met > d_due AND new_n = 1;
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
