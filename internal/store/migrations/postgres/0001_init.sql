-- One row per failure a person met: an api_error, enriched by the
-- api_retries_exhausted that follows it and by the StopFailure hook record of
-- the same session and prompt.
CREATE TABLE failures (
	fid         BIGSERIAL PRIMARY KEY,
	session     TEXT    NOT NULL,
	prompt      TEXT    NOT NULL,
	seq         BIGINT,
	xseq        BIGINT,
	entry       TEXT    NOT NULL,
	side        TEXT    NOT NULL,
	model       TEXT    NOT NULL,
	user_id     TEXT    NOT NULL,
	email       TEXT    NOT NULL,
	org         TEXT    NOT NULL,
	status      INTEGER NOT NULL,
	message     TEXT    NOT NULL,
	hook_error  TEXT    NOT NULL,
	attempts    INTEGER NOT NULL,
	retry_ms    BIGINT  NOT NULL,
	duration_ms BIGINT  NOT NULL,
	request_id  TEXT    NOT NULL,
	version     TEXT    NOT NULL,
	final       INTEGER NOT NULL,
	retried     INTEGER NOT NULL,
	via_otel    INTEGER NOT NULL,
	via_hook    INTEGER NOT NULL,
	at_ms       BIGINT  NOT NULL,
	recv_ms     BIGINT  NOT NULL
);
CREATE INDEX failures_session_prompt ON failures (session, prompt);
CREATE INDEX failures_at ON failures (at_ms);

-- Every event already applied, so that a re-sent batch changes nothing.
-- seq is the event.sequence of a telemetry event, -1 for a hook record.
CREATE TABLE seen (
	session TEXT   NOT NULL,
	prompt  TEXT   NOT NULL,
	seq     BIGINT NOT NULL,
	PRIMARY KEY (session, prompt, seq)
);

-- Sessions seen in logs or metrics: the denominator of error rates.
CREATE TABLE sessions (
	session  TEXT   PRIMARY KEY,
	user_id  TEXT   NOT NULL,
	first_ms BIGINT NOT NULL,
	last_ms  BIGINT NOT NULL
);
CREATE INDEX sessions_last ON sessions (last_ms);
