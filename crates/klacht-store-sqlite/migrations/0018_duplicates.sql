-- Issue 17: a complaint marked as a duplicate of another (status 'duplicate') is counted with
-- its original and not by itself: the reports' counts leave it out from the moment it is marked
-- (its rows are taken back) until it is reopened (they are put back). The update triggers of 0005
-- with that one difference. A complaint is never a duplicate when it is inserted, and never
-- decided while it is one (only a complaint awaiting a decision can be marked), so the insert
-- triggers and the decisions stay as they are. Keep in step with the PostgreSQL migration 0018.
-- No complaint is a duplicate before this migration: the counts stand as they are.

DROP TRIGGER report_received_update;
DROP TRIGGER report_deadlines_update;
DROP TRIGGER report_late_update;

CREATE TRIGGER report_received_update AFTER UPDATE ON complaints
WHEN OLD.received_on IS NOT NEW.received_on OR OLD.channel IS NOT NEW.channel
  OR OLD.form IS NOT NEW.form OR OLD.relation IS NOT NEW.relation
  OR OLD.sensitive IS NOT NEW.sensitive OR OLD.escalation IS NOT NEW.escalation
  OR OLD.severity IS NOT NEW.severity OR OLD.categories IS NOT NEW.categories
  OR (OLD.status = 'duplicate') IS NOT (NEW.status = 'duplicate')
BEGIN
    INSERT INTO report_received (day, dim, value, n) VALUES
        (OLD.received_on, 'channel', OLD.channel || '|' || OLD.form, -(OLD.status <> 'duplicate')),
        (OLD.received_on, 'relation', COALESCE(OLD.relation, ''), -(OLD.status <> 'duplicate')),
        (OLD.received_on, 'flags', OLD.sensitive || '|' || COALESCE(OLD.escalation, '') || '|' || COALESCE(OLD.severity, ''), -(OLD.status <> 'duplicate')),
        (OLD.received_on, 'categories', OLD.categories, -(OLD.status <> 'duplicate')),
        (NEW.received_on, 'channel', NEW.channel || '|' || NEW.form, (NEW.status <> 'duplicate')),
        (NEW.received_on, 'relation', COALESCE(NEW.relation, ''), (NEW.status <> 'duplicate')),
        (NEW.received_on, 'flags', NEW.sensitive || '|' || COALESCE(NEW.escalation, '') || '|' || COALESCE(NEW.severity, ''), (NEW.status <> 'duplicate')),
        (NEW.received_on, 'categories', NEW.categories, (NEW.status <> 'duplicate'))
    ON CONFLICT (day, dim, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER report_deadlines_update AFTER UPDATE ON complaints
WHEN OLD.received_on IS NOT NEW.received_on OR OLD.deadlines IS NOT NEW.deadlines
  OR (OLD.status IN ('received', 'acknowledged', 'in_progress')) IS NOT (NEW.status IN ('received', 'acknowledged', 'in_progress'))
  OR (OLD.status = 'duplicate') IS NOT (NEW.status = 'duplicate')
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
    FROM json_each(OLD.deadlines) j WHERE OLD.status <> 'duplicate'
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
    FROM json_each(NEW.deadlines) j WHERE NEW.status <> 'duplicate'
    ON CONFLICT (day, deadline, due, met_on, running) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER report_late_update AFTER UPDATE ON complaints
WHEN OLD.deadlines IS NOT NEW.deadlines OR OLD.received_on IS NOT NEW.received_on
  OR (OLD.status = 'duplicate') IS NOT (NEW.status = 'duplicate')
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
    ) WHERE met_on > due AND NEW.status <> 'duplicate';
END;
