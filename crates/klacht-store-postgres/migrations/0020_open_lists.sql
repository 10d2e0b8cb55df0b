-- Issue 16: the back office's lists of open complaints, newest first (the dashboard's "open"
-- filter; what waits for the coordinator: unassigned, very serious, sensitive), walk these
-- indexes from the newest down and stop at the page's end instead of sorting every open
-- complaint. The store writes the conditions out as here, so that the planner sees the query
-- within them. Keep in step with the SQLite migration 0020.
CREATE INDEX complaints_open ON complaints (id)
    WHERE status IN ('received', 'acknowledged', 'in_progress', 'decided');
CREATE INDEX complaints_open_sensitive ON complaints (id)
    WHERE sensitive AND status IN ('received', 'acknowledged', 'in_progress', 'decided');

-- The dashboard filtered by severity, newest first: the index of the reports (severity, day of
-- receipt) made every complaint of that severity be sorted.
CREATE INDEX complaints_severity_id ON complaints (severity, id);
