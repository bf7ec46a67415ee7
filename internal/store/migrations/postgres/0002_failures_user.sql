-- The report page and /api/errors narrow by user within a time range.
CREATE INDEX failures_user_at ON failures (user_id, at_ms);
