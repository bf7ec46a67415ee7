package session

import (
	"time"
)

// Entry is the envelope of one transcript line: the fields that place it in
// the conversation. Lines without a uuid (queue operations, request blobs,
// cost state, last-prompt) have an empty UUID and are not part of the chain.
type Entry struct {
	// Type is the line's "type": user, assistant, attachment, system, …
	Type string
	// Subtype is a system line's "subtype" (api_error, compact_boundary, …).
	Subtype string
	// UUID and ParentUUID link the line into the conversation tree;
	// ParentUUID is empty for a root (null or absent).
	UUID, ParentUUID string
	// LogicalParentUUID is what a compaction boundary continues from.
	LogicalParentUUID string
	// Sidechain is true for a subagent's lines.
	Sidechain bool
	// Timestamp is the line's time, as written (RFC 3339).
	Timestamp string
	// SessionID is the session the line belongs to.
	SessionID string
	// Role and Model come from "message"; Model is "<synthetic>" on
	// messages Claude Code wrote itself (API errors).
	Role, Model string
	// APIError is true for the message Claude Code writes when a request
	// finally failed ("isApiErrorMessage": true).
	APIError bool
	// Meta is true for lines Claude Code marks "isMeta" (hidden context).
	Meta bool
	// CompactSummary is true for the summary that opens a compacted
	// conversation.
	CompactSummary bool
}

// Chained reports whether the line is a conversation node (has a uuid).
func (e *Entry) Chained() bool { return e.UUID != "" }

// Time parses the timestamp; the zero time when there is none.
func (e *Entry) Time() time.Time {
	t, _ := time.Parse(time.RFC3339Nano, e.Timestamp)
	return t
}

// CompactBoundary reports whether the line marks a compaction: the
// conversation sent on resume starts after it.
func (e *Entry) CompactBoundary() bool {
	return e.Type == "system" && e.Subtype == "compact_boundary"
}

// Envelope reads the envelope of a parsed line. A top-level value that is
// not an object gives [ErrNotObject].
func Envelope(d *Doc) (Entry, error) {
	root := d.Root()
	if root.Kind() != Object {
		return Entry{}, ErrNotObject
	}
	var e Entry
	for _, m := range root.Elems() {
		switch string(m.keyRaw()) {
		case "type":
			e.Type = m.Str()
		case "subtype":
			e.Subtype = m.Str()
		case "uuid":
			e.UUID = m.Str()
		case "parentUuid":
			e.ParentUUID = m.Str()
		case "logicalParentUuid":
			e.LogicalParentUUID = m.Str()
		case "isSidechain":
			e.Sidechain = m.Bool()
		case "timestamp":
			e.Timestamp = m.Str()
		case "sessionId":
			e.SessionID = m.Str()
		case "isApiErrorMessage":
			e.APIError = m.Bool()
		case "isMeta":
			e.Meta = m.Bool()
		case "isCompactSummary":
			e.CompactSummary = m.Bool()
		case "message":
			e.Role = m.Get("role").Str()
			e.Model = m.Get("model").Str()
		}
	}
	return e, nil
}
