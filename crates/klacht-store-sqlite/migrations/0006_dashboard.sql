-- "What needs me now" on the dashboard: my complaints and the ones still to acknowledge, most
-- urgent first. With the deadline index alone the database walks every running complaint in
-- deadline order looking for mine (tens of milliseconds at a million); these find them at once.
CREATE INDEX complaints_handler_due ON complaints(handler, next_due, id) WHERE next_due IS NOT NULL;
CREATE INDEX complaints_status_due ON complaints(status, next_due, id) WHERE next_due IS NOT NULL;
