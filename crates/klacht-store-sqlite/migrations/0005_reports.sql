-- The reports (T13, T15): counts per day of receipt, kept by triggers in the same transaction as
-- every write of the projection, so that a report reads a few thousand small rows however many
-- complaints there are. Keep in step with migrations/postgres/0005_reports.sql.

-- Complaints received per day, by each property apart (`dim`): `channel` (channel|form),
-- `relation` ('' for none), `flags` (sensitive|escalation|severity, '' for none) and
-- `categories` (the projection's JSON list). Counts may drop to 0 and stay.
CREATE TABLE report_received (
    day   TEXT NOT NULL,
    dim   TEXT NOT NULL,
    value TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (day, dim, value)
) WITHOUT ROWID;

-- Deadlines of the complaints received per day: due ('' not started), the day it was met in
-- Europe/Amsterdam ('' not met), and whether it still runs (the complaint awaits a decision).
CREATE TABLE report_deadlines (
    day      TEXT NOT NULL,
    deadline TEXT NOT NULL,
    due      TEXT NOT NULL,
    met_on   TEXT NOT NULL,
    running  INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (day, deadline, due, met_on, running)
) WITHOUT ROWID;

CREATE TRIGGER report_received_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO report_received (day, dim, value, n) VALUES
        (NEW.received_on, 'channel', NEW.channel || '|' || NEW.form, 1),
        (NEW.received_on, 'relation', COALESCE(NEW.relation, ''), 1),
        (NEW.received_on, 'flags', NEW.sensitive || '|' || COALESCE(NEW.escalation, '') || '|' || COALESCE(NEW.severity, ''), 1),
        (NEW.received_on, 'categories', NEW.categories, 1)
    ON CONFLICT (day, dim, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER report_received_update AFTER UPDATE ON complaints
WHEN OLD.received_on IS NOT NEW.received_on OR OLD.channel IS NOT NEW.channel
  OR OLD.form IS NOT NEW.form OR OLD.relation IS NOT NEW.relation
  OR OLD.sensitive IS NOT NEW.sensitive OR OLD.escalation IS NOT NEW.escalation
  OR OLD.severity IS NOT NEW.severity OR OLD.categories IS NOT NEW.categories
BEGIN
    INSERT INTO report_received (day, dim, value, n) VALUES
        (OLD.received_on, 'channel', OLD.channel || '|' || OLD.form, -1),
        (OLD.received_on, 'relation', COALESCE(OLD.relation, ''), -1),
        (OLD.received_on, 'flags', OLD.sensitive || '|' || COALESCE(OLD.escalation, '') || '|' || COALESCE(OLD.severity, ''), -1),
        (OLD.received_on, 'categories', OLD.categories, -1),
        (NEW.received_on, 'channel', NEW.channel || '|' || NEW.form, 1),
        (NEW.received_on, 'relation', COALESCE(NEW.relation, ''), 1),
        (NEW.received_on, 'flags', NEW.sensitive || '|' || COALESCE(NEW.escalation, '') || '|' || COALESCE(NEW.severity, ''), 1),
        (NEW.received_on, 'categories', NEW.categories, 1)
    ON CONFLICT (day, dim, value) DO UPDATE SET n = n + excluded.n;
END;

-- The day in Amsterdam of a met_at (RFC 3339, UTC): the UTC day before 22:00 UTC; after that by
-- the EU summer-time rule: UTC+2 from 01:00 UTC on the last Sunday of March (the Sunday on or
-- after 25 March) to 01:00 UTC on the last Sunday of October, else UTC+1.
CREATE TRIGGER report_deadlines_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
    SELECT NEW.received_on, json_extract(j.value, '$.id'),
        COALESCE(json_extract(j.value, '$.due'), ''),
        CASE
            WHEN json_extract(j.value, '$.met_at') IS NULL THEN ''
            WHEN substr(json_extract(j.value, '$.met_at'), 12, 2) < '22' THEN substr(json_extract(j.value, '$.met_at'), 1, 10)
            WHEN substr(json_extract(j.value, '$.met_at'), 1, 13) >= date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-03-25', 'weekday 0') || 'T01'
             AND substr(json_extract(j.value, '$.met_at'), 1, 13) < date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-10-25', 'weekday 0') || 'T01'
            THEN date(json_extract(j.value, '$.met_at'), '+2 hours')
            ELSE date(json_extract(j.value, '$.met_at'), '+1 hours')
        END,
        NEW.status IN ('received', 'acknowledged', 'in_progress'), 1
    FROM json_each(NEW.deadlines) j WHERE true
    ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER report_deadlines_update AFTER UPDATE ON complaints
WHEN OLD.received_on IS NOT NEW.received_on OR OLD.deadlines IS NOT NEW.deadlines
  OR (OLD.status IN ('received', 'acknowledged', 'in_progress')) IS NOT (NEW.status IN ('received', 'acknowledged', 'in_progress'))
BEGIN
    INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
    SELECT OLD.received_on, json_extract(j.value, '$.id'),
        COALESCE(json_extract(j.value, '$.due'), ''),
        CASE
            WHEN json_extract(j.value, '$.met_at') IS NULL THEN ''
            WHEN substr(json_extract(j.value, '$.met_at'), 12, 2) < '22' THEN substr(json_extract(j.value, '$.met_at'), 1, 10)
            WHEN substr(json_extract(j.value, '$.met_at'), 1, 13) >= date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-03-25', 'weekday 0') || 'T01'
             AND substr(json_extract(j.value, '$.met_at'), 1, 13) < date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-10-25', 'weekday 0') || 'T01'
            THEN date(json_extract(j.value, '$.met_at'), '+2 hours')
            ELSE date(json_extract(j.value, '$.met_at'), '+1 hours')
        END,
        OLD.status IN ('received', 'acknowledged', 'in_progress'), -1
    FROM json_each(OLD.deadlines) j WHERE true
    ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
    SELECT NEW.received_on, json_extract(j.value, '$.id'),
        COALESCE(json_extract(j.value, '$.due'), ''),
        CASE
            WHEN json_extract(j.value, '$.met_at') IS NULL THEN ''
            WHEN substr(json_extract(j.value, '$.met_at'), 12, 2) < '22' THEN substr(json_extract(j.value, '$.met_at'), 1, 10)
            WHEN substr(json_extract(j.value, '$.met_at'), 1, 13) >= date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-03-25', 'weekday 0') || 'T01'
             AND substr(json_extract(j.value, '$.met_at'), 1, 13) < date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-10-25', 'weekday 0') || 'T01'
            THEN date(json_extract(j.value, '$.met_at'), '+2 hours')
            ELSE date(json_extract(j.value, '$.met_at'), '+1 hours')
        END,
        NEW.status IN ('received', 'acknowledged', 'in_progress'), 1
    FROM json_each(NEW.deadlines) j WHERE true
    ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = n + excluded.n;
END;

-- Decisions (and withdrawals) per hour (Unix microseconds / 3,600,000,000) and outcome: a
-- period's bounds are midnights in Amsterdam, which are whole hours in UTC. A decision counts no
-- earlier than the receipt (a receipt time may lie minutes ahead of the clock), so that the
-- decisions before a moment are always among the complaints received before it.
CREATE TABLE report_decided (
    hour    INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (hour, outcome)
) WITHOUT ROWID;

CREATE TRIGGER report_decided_insert AFTER INSERT ON complaints WHEN NEW.decided_at IS NOT NULL BEGIN
    INSERT INTO report_decided (hour, outcome, n)
    SELECT max(NEW.decided_at, NEW.received_at) / 3600000000, COALESCE(NEW.outcome, ''), 1 WHERE true
    ON CONFLICT (hour, outcome) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER report_decided_update AFTER UPDATE ON complaints
WHEN OLD.decided_at IS NOT NEW.decided_at OR OLD.outcome IS NOT NEW.outcome
  OR OLD.received_at IS NOT NEW.received_at
BEGIN
    INSERT INTO report_decided (hour, outcome, n)
    SELECT max(OLD.decided_at, OLD.received_at) / 3600000000, COALESCE(OLD.outcome, ''), -1 WHERE OLD.decided_at IS NOT NULL
    ON CONFLICT (hour, outcome) DO UPDATE SET n = n + excluded.n;
    INSERT INTO report_decided (hour, outcome, n)
    SELECT max(NEW.decided_at, NEW.received_at) / 3600000000, COALESCE(NEW.outcome, ''), 1 WHERE NEW.decided_at IS NOT NULL
    ON CONFLICT (hour, outcome) DO UPDATE SET n = n + excluded.n;
END;

-- Deadlines met after their due day, per complaint, for the late list (those not met and overdue
-- are found through complaints.next_due).
CREATE TABLE report_late (
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    deadline     TEXT NOT NULL,
    day          TEXT NOT NULL,
    due          TEXT NOT NULL,
    met_on       TEXT NOT NULL,
    PRIMARY KEY (complaint_id, deadline)
) WITHOUT ROWID;
CREATE INDEX report_late_due ON report_late(deadline, due, day);

CREATE TRIGGER report_late_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
    SELECT * FROM (
        SELECT NEW.id, json_extract(j.value, '$.id') AS deadline, NEW.received_on,
            json_extract(j.value, '$.due') AS due, CASE
            WHEN json_extract(j.value, '$.met_at') IS NULL THEN ''
            WHEN substr(json_extract(j.value, '$.met_at'), 12, 2) < '22' THEN substr(json_extract(j.value, '$.met_at'), 1, 10)
            WHEN substr(json_extract(j.value, '$.met_at'), 1, 13) >= date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-03-25', 'weekday 0') || 'T01'
             AND substr(json_extract(j.value, '$.met_at'), 1, 13) < date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-10-25', 'weekday 0') || 'T01'
            THEN date(json_extract(j.value, '$.met_at'), '+2 hours')
            ELSE date(json_extract(j.value, '$.met_at'), '+1 hours')
        END AS met_on
        FROM json_each(NEW.deadlines) j
        -- Met on a later UTC day than due, or on the due day (from 22:00 UTC it may be late).
        WHERE substr(json_extract(j.value, '$.met_at'), 1, 10) >= json_extract(j.value, '$.due')
    ) WHERE met_on > due;
END;

CREATE TRIGGER report_late_update AFTER UPDATE ON complaints
WHEN OLD.deadlines IS NOT NEW.deadlines OR OLD.received_on IS NOT NEW.received_on
BEGIN
    DELETE FROM report_late WHERE complaint_id = OLD.id;
    INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
    SELECT * FROM (
        SELECT NEW.id, json_extract(j.value, '$.id') AS deadline, NEW.received_on,
            json_extract(j.value, '$.due') AS due, CASE
            WHEN json_extract(j.value, '$.met_at') IS NULL THEN ''
            WHEN substr(json_extract(j.value, '$.met_at'), 12, 2) < '22' THEN substr(json_extract(j.value, '$.met_at'), 1, 10)
            WHEN substr(json_extract(j.value, '$.met_at'), 1, 13) >= date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-03-25', 'weekday 0') || 'T01'
             AND substr(json_extract(j.value, '$.met_at'), 1, 13) < date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-10-25', 'weekday 0') || 'T01'
            THEN date(json_extract(j.value, '$.met_at'), '+2 hours')
            ELSE date(json_extract(j.value, '$.met_at'), '+1 hours')
        END AS met_on
        FROM json_each(NEW.deadlines) j
        -- Met on a later UTC day than due, or on the due day (from 22:00 UTC it may be late).
        WHERE substr(json_extract(j.value, '$.met_at'), 1, 10) >= json_extract(j.value, '$.due')
    ) WHERE met_on > due;
END;

-- Existing complaints: the same counts, once.
INSERT INTO report_received (day, dim, value, n)
SELECT received_on, 'channel', channel || '|' || form, COUNT(*) FROM complaints GROUP BY 1, 2, 3
UNION ALL
SELECT received_on, 'relation', COALESCE(relation, ''), COUNT(*) FROM complaints GROUP BY 1, 2, 3
UNION ALL
SELECT received_on, 'flags', sensitive || '|' || COALESCE(escalation, '') || '|' || COALESCE(severity, ''), COUNT(*)
FROM complaints GROUP BY 1, 2, 3
UNION ALL
SELECT received_on, 'categories', categories, COUNT(*) FROM complaints GROUP BY 1, 2, 3;

INSERT INTO report_deadlines (day, deadline, due, met_on, running, n)
SELECT day, deadline, due, met_on, running, COUNT(*) FROM (
    SELECT c.received_on AS day, json_extract(j.value, '$.id') AS deadline,
        COALESCE(json_extract(j.value, '$.due'), '') AS due,
        CASE
            WHEN json_extract(j.value, '$.met_at') IS NULL THEN ''
            WHEN substr(json_extract(j.value, '$.met_at'), 12, 2) < '22' THEN substr(json_extract(j.value, '$.met_at'), 1, 10)
            WHEN substr(json_extract(j.value, '$.met_at'), 1, 13) >= date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-03-25', 'weekday 0') || 'T01'
             AND substr(json_extract(j.value, '$.met_at'), 1, 13) < date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-10-25', 'weekday 0') || 'T01'
            THEN date(json_extract(j.value, '$.met_at'), '+2 hours')
            ELSE date(json_extract(j.value, '$.met_at'), '+1 hours')
        END AS met_on,
        c.status IN ('received', 'acknowledged', 'in_progress') AS running
    FROM complaints c, json_each(c.deadlines) j
) GROUP BY day, deadline, due, met_on, running;

INSERT INTO report_late (complaint_id, deadline, day, due, met_on)
SELECT * FROM (
    SELECT c.id, json_extract(j.value, '$.id') AS deadline, c.received_on,
        json_extract(j.value, '$.due') AS due, CASE
            WHEN json_extract(j.value, '$.met_at') IS NULL THEN ''
            WHEN substr(json_extract(j.value, '$.met_at'), 12, 2) < '22' THEN substr(json_extract(j.value, '$.met_at'), 1, 10)
            WHEN substr(json_extract(j.value, '$.met_at'), 1, 13) >= date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-03-25', 'weekday 0') || 'T01'
             AND substr(json_extract(j.value, '$.met_at'), 1, 13) < date(substr(json_extract(j.value, '$.met_at'), 1, 4) || '-10-25', 'weekday 0') || 'T01'
            THEN date(json_extract(j.value, '$.met_at'), '+2 hours')
            ELSE date(json_extract(j.value, '$.met_at'), '+1 hours')
        END AS met_on
    FROM complaints c, json_each(c.deadlines) j
    WHERE substr(json_extract(j.value, '$.met_at'), 1, 10) >= json_extract(j.value, '$.due')
) WHERE met_on > due;

INSERT INTO report_decided (hour, outcome, n)
SELECT max(decided_at, received_at) / 3600000000, COALESCE(outcome, ''), COUNT(*) FROM complaints
WHERE decided_at IS NOT NULL GROUP BY 1, 2;

-- The exceptional complaints of a period (T13, T18): sensitive or escalated to the board, and
-- by severity for the "very serious" ones.
CREATE INDEX complaints_flagged ON complaints(received_at) WHERE sensitive <> 0 OR escalation = 'board';
CREATE INDEX complaints_severity ON complaints(severity, received_at) WHERE severity IS NOT NULL;
-- Deadlines not met and overdue, the earliest first, of complaints received in a period.
CREATE INDEX complaints_overdue ON complaints(next_due, received_at, id) WHERE next_due IS NOT NULL;
