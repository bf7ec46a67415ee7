// Package store keeps the Claude Code failures that ccerr collect and ccerr
// hook receive: in an embedded SQLite file by default, or in a PostgreSQL
// database that several collectors share.
//
// # Counting
//
// A failure is what a person met: one claude_code.api_error event is one
// failure. The claude_code.api_retries_exhausted event that follows it in the
// same session and prompt enriches it (attempts, retry time) and is not
// counted again. A StopFailure hook record and a telemetry failure with the
// same session and prompt are one failure, whichever arrives first. A later
// successful request (claude_code.api_request) in the same session and prompt
// marks the failures before it as not final: the turn went on.
//
// Every event is applied at most once: telemetry events are keyed by session,
// prompt and event.sequence, hook records by session and prompt, so a batch
// that is sent again changes nothing. [Store.Apply] applies a batch in one
// transaction and returns only after it is committed; a caller acknowledges
// the sender after that. Apply may run concurrently (PostgreSQL gains from
// [Store.Writers] writers), but the events of one session must go through
// one writer at a time: joining an api_error with its exhausted event and
// its hook record reads what was committed before. Collectors that share a
// PostgreSQL database each see every event of a session when a load
// balancer keeps a client on one collector; should one session's events be
// split between collectors at the same instant, a failure can be counted
// twice, never lost.
//
// # Schema
//
// Migrations are SQL files under migrations/<dialect>/, numbered and applied
// in order inside a transaction; the versions applied are kept in
// schema_migrations. [Open] applies the missing ones.
package store
