-- Issue 18: the rung of the ladder on which a settled complaint was settled (at_once, internal,
-- external; NULL while it is handled, and for a withdrawn one or a duplicate), and what the complainant answered to the satisfaction question after the complaint's
-- latest closing (satisfied or not, and the regulation's standard answer chosen), kept in the
-- projection so that the reports count the answers of the complaints closed in a period. NULL:
-- not answered (or not closed). Keep in step with the PostgreSQL migration 0021.
ALTER TABLE complaints ADD COLUMN satisfied INTEGER;
ALTER TABLE complaints ADD COLUMN satisfaction_answer TEXT;
ALTER TABLE complaints ADD COLUMN rung TEXT;

-- Answers given before this migration: the latest answer after the latest reopening, of the
-- complaints closed now (a reopened complaint is asked again when it is closed again).
UPDATE complaints SET
    satisfied = (
        SELECT json_extract(e.body, '$.satisfied') FROM events e
        WHERE e.complaint_id = complaints.id AND e.kind = 'satisfaction_answered'
          AND e.seq > COALESCE((SELECT MAX(r.seq) FROM events r
                                WHERE r.complaint_id = complaints.id AND r.kind = 'reopened'), 0)
        ORDER BY e.seq DESC LIMIT 1)
WHERE status = 'closed';

-- The rung of the complaints settled before this migration: no referral outside could be
-- recorded before it, so at once (T4) or internally.
UPDATE complaints SET rung = CASE
    WHEN EXISTS (SELECT 1 FROM events e WHERE e.complaint_id = complaints.id
                 AND e.kind = 'resolved_directly') THEN 'at_once'
    ELSE 'internal' END
WHERE status IN ('decided', 'closed');

-- What the reports read of the complaints closed in a period, in one index: walked by the time of
-- closing, with every column they group by, so that the table itself is not read.
CREATE INDEX complaints_closed_report ON complaints
    (closed_at, categories, outcome, severity, satisfied, satisfaction_answer, rung, status)
    WHERE status = 'closed';
