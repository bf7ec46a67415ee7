package collect

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/collect/verdict"
	"github.com/ccerr/ccerr/internal/store"
)

// The names of the events Claude Code logs that the collector reads
// (FACTS §9.1). The log body is the name; the event.name attribute holds it
// without the prefix.
const (
	eventAPIError     = "claude_code.api_error"
	eventExhausted    = "claude_code.api_retries_exhausted"
	eventAPIRequest   = "claude_code.api_request"
	eventNamePrefix   = "claude_code."
	maxAttributeBytes = 4096 // longer strings are cut before they are stored
)

// decoded is what one OTLP request gives: a batch for the store and counts
// of the events seen, by name, for metrics.
type decoded struct {
	batch  store.Batch
	events map[string]int
}

// eventName returns the event's name: the body when it is a string that
// names a claude_code event, else "claude_code." + the event.name attribute
// (a value that is not a scalar gives just the prefix).
func eventName(lr *logRecord) string {
	if lr.body.kind == kindStr && strings.HasPrefix(lr.body.s, eventNamePrefix) {
		return lr.body.s
	}
	if v, ok := lr.attrs.get("event.name"); ok {
		n := v.asString()
		if !strings.HasPrefix(n, eventNamePrefix) {
			n = eventNamePrefix + n
		}
		return n
	}
	return ""
}

// readKeys reports whether the collector reads attributes with key k; the
// decoders keep no others.
func readKeys(k string) bool {
	switch k {
	case "service.version", "event.name", "event.timestamp", "event.sequence",
		"session.id", "prompt.id", "user.id", "organization.id", "user.email", "model",
		"status_code", "error", "request_id", "duration_ms", "attempt", "total_attempts",
		"total_retry_duration_ms":
		return true
	}
	return false
}

// decodeLogs turns Claude Code's log events into store events. E-mail
// addresses are kept only when keepEmails is set.
func decodeLogs(ld *otlpLogs, keepEmails bool) decoded {
	d := decoded{events: map[string]int{}}
	for i := range ld.resources {
		rl := &ld.resources[i]
		version := str(rl.attrs, "service.version")
		for k := range rl.records {
			lr := &rl.records[k]
			name := eventName(lr)
			d.events[name]++
			a := lr.attrs
			session := str(a, "session.id")
			if session == "" {
				continue
			}
			e := store.Event{
				Session: session,
				Prompt:  str(a, "prompt.id"),
				Seq:     num(a, "event.sequence"),
				At:      eventTime(lr),
				Model:   str(a, "model"),
				User:    str(a, "user.id"),
				Org:     str(a, "organization.id"),
				Version: version,
			}
			switch name {
			case eventAPIError, eventExhausted:
				e.Kind = store.KindError
				if name == eventExhausted {
					e.Kind = store.KindExhausted
				}
				e.Status = int(num(a, "status_code"))
				e.Message = str(a, "error")
				e.RequestID = str(a, "request_id")
				e.DurationMS = num(a, "duration_ms")
				e.Attempts = int(num(a, "attempt"))
				if n := num(a, "total_attempts"); n > 0 {
					e.Attempts = int(n)
				}
				e.RetryMS = num(a, "total_retry_duration_ms")
				if keepEmails {
					e.Email = str(a, "user.email")
				}
				v := verdict.Telemetry(e.Status, e.Message)
				e.ID, e.Side = v.ID, v.Side
			case eventAPIRequest:
				e.Kind = store.KindSuccess
			default:
				// Any other event still says the session was active.
				d.batch.Sessions = append(d.batch.Sessions, store.Session{ID: session, User: e.User, At: e.At})
				continue
			}
			d.batch.Events = append(d.batch.Events, e)
		}
	}
	return d
}

// decodeMetrics reads the sessions that Claude Code's metrics name (every
// data point carries session.id), for rates.
func decodeMetrics(md *otlpMetrics) decoded {
	d := decoded{events: map[string]int{}}
	seen := map[string]int{}
	for i := range md.resources {
		for _, m := range md.resources[i].metrics {
			d.events[m.name]++
			for _, p := range m.points {
				id := str(p.attrs, "session.id")
				if id == "" {
					continue
				}
				var at time.Time
				if p.time != 0 {
					at = p.time.time()
				}
				if i, ok := seen[id]; ok {
					if at.After(d.batch.Sessions[i].At) {
						d.batch.Sessions[i].At = at
					}
					continue
				}
				seen[id] = len(d.batch.Sessions)
				d.batch.Sessions = append(d.batch.Sessions, store.Session{ID: id, User: str(p.attrs, "user.id"), At: at})
			}
		}
	}
	return d
}

// eventTime is event.timestamp when it parses, else the record's time, else
// its observed time; zero when none is set.
func eventTime(lr *logRecord) time.Time {
	if v, ok := lr.attrs.get("event.timestamp"); ok {
		if t, err := time.Parse(time.RFC3339Nano, v.asString()); err == nil {
			return t
		}
	}
	if lr.time != 0 {
		return lr.time.time()
	}
	if lr.observed != 0 {
		return lr.observed.time()
	}
	return time.Time{}
}

// str returns a string attribute (any scalar, as text), cut to
// maxAttributeBytes; "" when absent.
func str(a attrs, key string) string {
	v, ok := a.get(key)
	if !ok {
		return ""
	}
	s := v.asString()
	if len(s) > maxAttributeBytes {
		s = strings.ToValidUTF8(s[:maxAttributeBytes], "")
	}
	return s
}

// num returns a numeric attribute, which Claude Code may send as an int, a
// double or a string ("429"); 0 when absent or not a number.
func num(a attrs, key string) int64 {
	v, ok := a.get(key)
	if !ok {
		return 0
	}
	switch v.kind {
	case kindInt:
		return int64(v.n)
	case kindDouble:
		f := math.Float64frombits(v.n)
		if math.IsNaN(f) || math.IsInf(f, 0) || f > math.MaxInt64 || f < math.MinInt64 {
			return 0
		}
		return int64(f)
	case kindStr:
		s := strings.TrimSpace(v.s)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && math.Abs(f) < math.MaxInt64 {
			return int64(f)
		}
	}
	return 0
}
