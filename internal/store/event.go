package store

import (
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// Kind says what an [Event] reports.
type Kind int

// The kinds of event the store applies.
const (
	// KindError is a claude_code.api_error: one failure.
	KindError Kind = iota + 1
	// KindExhausted is a claude_code.api_retries_exhausted: it enriches the
	// failure before it.
	KindExhausted
	// KindSuccess is a claude_code.api_request: the failures before it in
	// the same prompt did not end the turn.
	KindSuccess
	// KindHook is a StopFailure hook record: the failure that ended a turn.
	KindHook
)

// Event is one failure report, already classified.
type Event struct {
	// Kind says what the event reports.
	Kind Kind
	// Session and Prompt are Claude Code's session.id and prompt.id. Events
	// without a session are dropped by [Store.Apply].
	Session, Prompt string
	// Seq is the event.sequence of a telemetry event; ignored for a hook record.
	Seq int64
	// At is when the event happened; zero means when it was applied.
	At time.Time

	// ID is the catalog entry the failure is; empty when none fits.
	ID catalog.ID
	// Side is the entry's side; empty when ID is.
	Side catalog.Side

	// Model is the model the request was for ("" when not known).
	Model string
	// User is user.id, the hash Claude Code sends; Email is user.email (left
	// empty unless the collector keeps e-mail addresses); Org is
	// organization.id.
	User, Email, Org string
	// Version is Claude Code's version (service.version).
	Version string
	// Status is the HTTP status, 0 when there was none.
	Status int
	// Message is the error as reported: the telemetry error attribute, or the
	// hook's last_assistant_message.
	Message string
	// HookError is the StopFailure hook's error field (rate_limit, …).
	HookError string
	// RequestID is the API request id when known.
	RequestID string
	// Attempts is how many attempts were made, 0 when not known.
	Attempts int
	// RetryMS is the time spent retrying (total_retry_duration_ms).
	RetryMS int64
	// DurationMS is the duration of the failed request (duration_ms).
	DurationMS int64
}

// Batch is what one request delivers: events and the sessions it saw.
type Batch struct {
	// Events are applied in order of session and sequence, hook records last.
	Events []Event
	// Sessions are the sessions seen, for rates; a session in Events need
	// not be repeated here.
	Sessions []Session
}

// Session is one Claude Code session seen at a time.
type Session struct {
	ID   string
	User string
	At   time.Time
}

// Counted is a failure that [Store.Apply] counted for the first time.
type Counted struct {
	ID    catalog.ID
	Side  catalog.Side
	Model string
}

// Result says what [Store.Apply] did with a batch.
type Result struct {
	// Counted lists the failures counted for the first time.
	Counted []Counted
	// Merged is how many events enriched a failure already counted (an
	// api_retries_exhausted, a hook record matching telemetry, or the
	// reverse).
	Merged int
	// Duplicates is how many events had been applied before.
	Duplicates int
	// Dropped is how many events had no session and were ignored.
	Dropped int
}

// By says how [Store.Query] groups failures.
type By string

// The groupings of [Store.Query]. Each also groups by catalog id.
const (
	ByID    By = "id"
	ByUser  By = "user"
	ByModel By = "model"
	ByHour  By = "hour"
)

// Filter selects the failures [Store.Query] reads.
type Filter struct {
	// Since and Until bound the time of the failures: Since inclusive,
	// Until exclusive. Zero means unbounded.
	Since, Until time.Time
	// By is the grouping; empty means [ByID].
	By By
	// ID, User and Model, when not empty, keep only the failures of that
	// catalog entry, user.id and model. They combine with any grouping.
	ID    catalog.ID
	User  string
	Model string
}

// Row is one group of failures.
type Row struct {
	// ID is the catalog entry; empty for failures no entry fits.
	ID catalog.ID `json:"id"`
	// Side is the entry's side.
	Side catalog.Side `json:"side"`
	// User, Model and Hour are the group's key for [ByUser], [ByModel]
	// and [ByHour]; the others are empty.
	User  string    `json:"user,omitempty"`
	Model string    `json:"model,omitempty"`
	Hour  time.Time `json:"hour,omitzero"`
	// Count is the number of failures.
	Count int64 `json:"count"`
	// Final is how many of them ended the turn (no later success in the
	// same prompt).
	Final int64 `json:"final"`
	// Retried is how many of them Claude Code retried before giving up.
	Retried int64 `json:"retried"`
	// Sessions and Users are how many distinct sessions and users met
	// them; failures without a user.id count no user. [ByHour] leaves
	// them 0: the hours of a timeline do not need them.
	Sessions int64 `json:"sessions"`
	Users    int64 `json:"users"`
	// FirstSeen and LastSeen are the times of the first and last failure.
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
}
