-- The reports (T13, T15): counts per day of receipt, kept by triggers in the same transaction as
-- every write of the projection, so that a report reads a few thousand small rows however many
-- complaints there are. Keep in step with migrations/sqlite/0004_reports.sql.

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

-- Adds `k` (1 or -1) to the counts of complaint `c`.
CREATE FUNCTION report_count_received(c complaints, k BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO report_received (day, dim, value, n) VALUES
        (c.received_on, 'channel', c.channel || '|' || c.form, k),
        (c.received_on, 'relation', COALESCE(c.relation, ''), k),
        (c.received_on, 'flags', c.sensitive::text || '|' || COALESCE(c.escalation, '') || '|' || COALESCE(c.severity, ''), k),
        (c.received_on, 'categories', c.categories, k)
    ON CONFLICT (day, dim, value) DO UPDATE SET n = report_received.n + excluded.n;
$$;

CREATE FUNCTION report_count_deadlines(c complaints, k BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
    SELECT c.received_on, j.value ->> 'id', COALESCE(j.value ->> 'due', ''),
        COALESCE(to_char((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD'), ''),
        CASE WHEN c.status IN ('received', 'acknowledged', 'in_progress') THEN 1 ELSE 0 END, k
    FROM jsonb_array_elements(c.deadlines::jsonb) j
    ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = report_deadlines.n + excluded.n;
$$;

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

CREATE FUNCTION report_count_decided(c complaints, k BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO report_decided (hour, outcome, n)
    SELECT GREATEST(c.decided_at, c.received_at) / 3600000000, COALESCE(c.outcome, ''), k WHERE c.decided_at IS NOT NULL
    ON CONFLICT (hour, outcome) DO UPDATE SET n = report_decided.n + excluded.n;
$$;

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

CREATE FUNCTION report_list_late(c complaints) RETURNS void LANGUAGE sql AS $$
    INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
    SELECT * FROM (
        SELECT c.id, j.value ->> 'id' AS deadline, c.received_on, j.value ->> 'due' AS due,
            COALESCE(to_char((j.value ->> 'met_at')::timestamptz AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD'), '') AS met_on
        FROM jsonb_array_elements(c.deadlines::jsonb) j
    ) x WHERE due IS NOT NULL AND met_on <> '' AND met_on > due;
$$;

CREATE FUNCTION report_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM report_count_received(NEW, 1);
        PERFORM report_count_deadlines(NEW, 1);
        PERFORM report_list_late(NEW);
        PERFORM report_count_decided(NEW, 1);
        RETURN NULL;
    END IF;
    IF OLD.decided_at IS DISTINCT FROM NEW.decided_at OR OLD.outcome IS DISTINCT FROM NEW.outcome THEN
        PERFORM report_count_decided(OLD, -1);
        PERFORM report_count_decided(NEW, 1);
    END IF;
    IF (OLD.received_on, OLD.channel, OLD.form, OLD.relation, OLD.sensitive, OLD.escalation, OLD.severity, OLD.categories)
       IS DISTINCT FROM
       (NEW.received_on, NEW.channel, NEW.form, NEW.relation, NEW.sensitive, NEW.escalation, NEW.severity, NEW.categories) THEN
        PERFORM report_count_received(OLD, -1);
        PERFORM report_count_received(NEW, 1);
    END IF;
    IF OLD.received_on IS DISTINCT FROM NEW.received_on OR OLD.deadlines IS DISTINCT FROM NEW.deadlines
       OR (OLD.status IN ('received', 'acknowledged', 'in_progress'))
          IS DISTINCT FROM (NEW.status IN ('received', 'acknowledged', 'in_progress')) THEN
        PERFORM report_count_deadlines(OLD, -1);
        PERFORM report_count_deadlines(NEW, 1);
        DELETE FROM report_late WHERE complaint_id = OLD.id;
        PERFORM report_list_late(NEW);
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

SELECT report_list_late(c) FROM complaints c;

INSERT INTO report_decided (hour, outcome, n)
SELECT GREATEST(decided_at, received_at) / 3600000000, COALESCE(outcome, ''), COUNT(*) FROM complaints
WHERE decided_at IS NOT NULL GROUP BY 1, 2;

-- The exceptional complaints of a period (T13, T18): sensitive or escalated to the board, and
-- by severity for the "very serious" ones.
CREATE INDEX complaints_flagged ON complaints(received_at) WHERE sensitive <> 0 OR escalation = 'board';
CREATE INDEX complaints_severity ON complaints(severity, received_at) WHERE severity IS NOT NULL;
-- Deadlines not met and overdue, the earliest first, of complaints received in a period.
CREATE INDEX complaints_overdue ON complaints(next_due, received_at, id) WHERE next_due IS NOT NULL;
