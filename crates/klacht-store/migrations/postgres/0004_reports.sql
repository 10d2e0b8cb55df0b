-- The reports (T13, T15): what they select on besides the day of receipt. Keep in step with
-- migrations/sqlite/0004_reports.sql.

-- Decided in a period (by outcome), and open at a period's end (not decided, or decided after
-- it), counted from the index alone.
CREATE INDEX complaints_decided ON complaints(decided_at, received_at, outcome);
