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
			addLogRecord(&d, eventName(lr), version, record{lr}, keepEmails)
		}
	}
	return d
}

// recordReader reads one log record: record for the collector's own
// decoders, and the pdata record of the tests' oracle, so that both turn
// records into events the same way (addLogRecord).
type recordReader interface {
	str(key string) string // a string attribute; see str
	num(key string) int64  // a numeric attribute; see num
	time() time.Time       // when the event happened; see eventTime
}

// record is a logRecord as a recordReader.
type record struct{ lr *logRecord }

func (r record) str(key string) string { return str(r.lr.attrs, key) }
func (r record) num(key string) int64  { return num(r.lr.attrs, key) }
func (r record) time() time.Time       { return eventTime(r.lr) }

// addLogRecord adds to d what the log record r, named name, says: an API
// error or exhausted retries as an error event, an API request as a
// success, any other event as a sign that its session was active. A record
// without a session.id is only counted. version is the resource's
// service.version.
func addLogRecord[R recordReader](d *decoded, name, version string, r R, keepEmails bool) {
	d.events[name]++
	session := r.str("session.id")
	if session == "" {
		return
	}
	e := store.Event{
		Session: session,
		Prompt:  r.str("prompt.id"),
		Seq:     r.num("event.sequence"),
		At:      r.time(),
		Model:   r.str("model"),
		User:    r.str("user.id"),
		Org:     r.str("organization.id"),
		Version: version,
	}
	switch name {
	case eventAPIError, eventExhausted:
		e.Kind = store.KindError
		if name == eventExhausted {
			e.Kind = store.KindExhausted
		}
		e.Status = int(r.num("status_code"))
		e.Message = r.str("error")
		e.RequestID = r.str("request_id")
		e.DurationMS = r.num("duration_ms")
		e.Attempts = int(r.num("attempt"))
		if n := r.num("total_attempts"); n > 0 {
			e.Attempts = int(n)
		}
		e.RetryMS = r.num("total_retry_duration_ms")
		if keepEmails {
			e.Email = r.str("user.email")
		}
		v := verdict.Telemetry(e.Status, e.Message)
		e.ID, e.Side = v.ID, v.Side
	case eventAPIRequest:
		e.Kind = store.KindSuccess
	default:
		// Any other event still says the session was active.
		d.batch.Sessions = append(d.batch.Sessions, store.Session{ID: session, User: e.User, At: e.At})
		return
	}
	d.batch.Events = append(d.batch.Events, e)
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
