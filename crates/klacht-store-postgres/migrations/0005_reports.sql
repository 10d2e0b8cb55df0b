-- The reports (T13, T15): counts per day of receipt, kept by triggers in the same transaction as
-- every write of the projection, so that a report reads a few thousand small rows however many
-- complaints there are. Keep in step with migrations/sqlite/0005_reports.sql.

-- Complaints received per day, by each property apart (`dim`): `channel` (channel|form),
-- `relation` ('' for none), `flags` (sensitive|escalation|severity, '' for none) and
-- `categories` (the projection's JSON list). Counts may drop to 0 and stay.
CREATE TABLE report_received (
    day   TEXT NOT NULL,
    dim   TEXT NOT NULL,
    value TEXT NOT NULL,
    n     BIGINT NOT NULL,
    PRIMARY KEY (day, dim, value)
);

-- Deadlines of the complaints received per day: due ('' not started), the day it was met in
-- Europe/Amsterdam ('' not met), and whether it still runs (the complaint awaits a decision).
CREATE TABLE report_deadlines (
    day      TEXT NOT NULL,
    deadline TEXT NOT NULL,
    due      TEXT NOT NULL,
    met_on   TEXT NOT NULL,
    running  BIGINT NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (day, deadline, due, met_on, running)
);


-- Decisions (and withdrawals) per hour (Unix microseconds / 3,600,000,000) and outcome: a
-- period's bounds are midnights in Amsterdam, which are whole hours in UTC. A decision counts no
-- earlier than the receipt (a receipt time may lie minutes ahead of the clock), so that the
-- decisions before a moment are always among the complaints received before it.
CREATE TABLE report_decided (
    hour    BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    n       BIGINT NOT NULL,
    PRIMARY KEY (hour, outcome)
);


-- Deadlines met after their due day, per complaint, for the late list (those not met and overdue
-- are found through complaints.next_due).
CREATE TABLE report_late (
    complaint_id BIGINT NOT NULL REFERENCES complaints(id),
    deadline     TEXT NOT NULL,
    day          TEXT NOT NULL,
    due          TEXT NOT NULL,
    met_on       TEXT NOT NULL,
    PRIMARY KEY (complaint_id, deadline)
);
CREATE INDEX report_late_due ON report_late(deadline, due, day);


-- One PL/pgSQL function with its statements inline: PL/pgSQL keeps its plans, while SQL
-- functions called from a trigger are planned on every call (measured: inserts 20 times slower).
CREATE FUNCTION report_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO report_received (day, dim, value, n) VALUES
            (NEW.received_on, 'channel', NEW.channel || '|' || NEW.form, 1),
            (NEW.received_on, 'relation', COALESCE(NEW.relation, ''), 1),
            (NEW.received_on, 'flags', NEW.sensitive::text || '|' || COALESCE(NEW.escalation, '') || '|' || COALESCE(NEW.severity, ''), 1),
            (NEW.received_on, 'categories', NEW.categories, 1)
        ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
        INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
        SELECT NEW.received_on, j.value ->> 'id', COALESCE(j.value ->> 'due', ''),
            COALESCE(to_char((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD'), ''),
            CASE WHEN NEW.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, 1
        FROM jsonb_array_elements(NEW.deadlines::jsonb) j
        ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
        INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
        SELECT * FROM (
            SELECT NEW.id, j.value ->> 'id' AS d_id, NEW.received_on, j.value ->> 'due' AS d_due,
                to_char((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS d_met
            FROM jsonb_array_elements(NEW.deadlines::jsonb) j
            -- Met on a later UTC day than due, or on the due day (from 22:00 UTC it may be late).
            WHERE substr(j.value ->> 'met_at', 1, 10) >= j.value ->> 'due'
        ) x WHERE d_met > d_due;
        IF NEW.decided_at IS NOT NULL THEN
            INSERT INTO report_decided (hour, outcome, n)
            VALUES (GREATEST(NEW.decided_at, NEW.received_at) / 3600000000, COALESCE(NEW.outcome, ''), 1)
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
            (OLD.received_on, 'flags', OLD.sensitive::text || '|' || COALESCE(OLD.escalation, '') || '|' || COALESCE(OLD.severity, ''), -1),
            (OLD.received_on, 'categories', OLD.categories, -1)
        ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
        INSERT INTO report_received (day, dim, value, n) VALUES
            (NEW.received_on, 'channel', NEW.channel || '|' || NEW.form, 1),
            (NEW.received_on, 'relation', COALESCE(NEW.relation, ''), 1),
            (NEW.received_on, 'flags', NEW.sensitive::text || '|' || COALESCE(NEW.escalation, '') || '|' || COALESCE(NEW.severity, ''), 1),
            (NEW.received_on, 'categories', NEW.categories, 1)
        ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
    END IF;
    IF OLD.received_on IS DISTINCT FROM NEW.received_on OR OLD.deadlines IS DISTINCT FROM NEW.deadlines
       OR (OLD.status IN ('received', 'acknowledged', 'in_progress'))
          IS DISTINCT FROM (NEW.status IN ('received', 'acknowledged', 'in_progress')) THEN
        INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
        SELECT OLD.received_on, j.value ->> 'id', COALESCE(j.value ->> 'due', ''),
            COALESCE(to_char((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD'), ''),
            CASE WHEN OLD.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, -1
        FROM jsonb_array_elements(OLD.deadlines::jsonb) j
        ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
        INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
        SELECT NEW.received_on, j.value ->> 'id', COALESCE(j.value ->> 'due', ''),
            COALESCE(to_char((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD'), ''),
            CASE WHEN NEW.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, 1
        FROM jsonb_array_elements(NEW.deadlines::jsonb) j
        ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
        DELETE FROM report_late WHERE complaint_id = OLD.id;
        INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
        SELECT * FROM (
            SELECT NEW.id, j.value ->> 'id' AS d_id, NEW.received_on, j.value ->> 'due' AS d_due,
                to_char((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS d_met
            FROM jsonb_array_elements(NEW.deadlines::jsonb) j
            -- Met on a later UTC day than due, or on the due day (from 22:00 UTC it may be late).
            WHERE substr(j.value ->> 'met_at', 1, 10) >= j.value ->> 'due'
        ) x WHERE d_met > d_due;
    END IF;
    IF OLD.decided_at IS DISTINCT FROM NEW.decided_at OR OLD.outcome IS DISTINCT FROM NEW.outcome
       OR OLD.received_at IS DISTINCT FROM NEW.received_at THEN
        IF OLD.decided_at IS NOT NULL THEN
            INSERT INTO report_decided (hour, outcome, n)
            VALUES (GREATEST(OLD.decided_at, OLD.received_at) / 3600000000, COALESCE(OLD.outcome, ''), -1)
            ON CONFLICT (hour, outcome) DO UPDATE SET n = report_decided.n + excluded.n;
        END IF;
        IF NEW.decided_at IS NOT NULL THEN
            INSERT INTO report_decided (hour, outcome, n)
            VALUES (GREATEST(NEW.decided_at, NEW.received_at) / 3600000000, COALESCE(NEW.outcome, ''), 1)
            ON CONFLICT (hour, outcome) DO UPDATE SET n = report_decided.n + excluded.n;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER report_counts AFTER INSERT OR UPDATE ON complaints
FOR EACH ROW EXECUTE FUNCTION report_counts();

-- Existing complaints: the same counts, once.
INSERT INTO report_received (day, dim, value, n)
SELECT received_on, 'channel', channel || '|' || form, COUNT(*) FROM complaints GROUP BY 1, 2, 3
UNION ALL
SELECT received_on, 'relation', COALESCE(relation, ''), COUNT(*) FROM complaints GROUP BY 1, 2, 3
UNION ALL
SELECT received_on, 'flags', sensitive::text || '|' || COALESCE(escalation, '') || '|' || COALESCE(severity, ''), COUNT(*)
FROM complaints GROUP BY 1, 2, 3
UNION ALL
SELECT received_on, 'categories', categories, COUNT(*) FROM complaints GROUP BY 1, 2, 3;

INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
SELECT c.received_on, j.value ->> 'id', COALESCE(j.value ->> 'due', ''),
    COALESCE(to_char((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD'), ''),
    CASE WHEN c.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, COUNT(*)
FROM complaints c CROSS JOIN LATERAL jsonb_array_elements(c.deadlines::jsonb) j
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
SELECT * FROM (
    SELECT c.id, j.value ->> 'id' AS d_id, c.received_on, j.value ->> 'due' AS d_due,
        to_char((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS d_met
    FROM complaints c CROSS JOIN LATERAL jsonb_array_elements(c.deadlines::jsonb) j
    WHERE substr(j.value ->> 'met_at', 1, 10) >= j.value ->> 'due'
) x WHERE d_met > d_due;

INSERT INTO report_decided (hour, outcome, n)
SELECT GREATEST(decided_at, received_at) / 3600000000, COALESCE(outcome, ''), COUNT(*) FROM complaints
WHERE decided_at IS NOT NULL GROUP BY 1, 2;

-- The exceptional complaints of a period (T13, T18): sensitive or escalated to the board, and
-- by severity for the "very serious" ones.
CREATE INDEX complaints_flagged ON complaints(received_at) WHERE sensitive <> 0 OR escalation = 'board';
CREATE INDEX complaints_severity ON complaints(severity, received_at) WHERE severity IS NOT NULL;
-- Deadlines not met and overdue, the earliest first, of complaints received in a period.
CREATE INDEX complaints_overdue ON complaints(next_due, received_at, id) WHERE next_due IS NOT NULL;
