package collect

import (
	"math"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"

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
// names a claude_code event, else "claude_code." + the event.name attribute.
func eventName(lr plog.LogRecord) string {
	if b := lr.Body(); b.Type() == pcommon.ValueTypeStr && strings.HasPrefix(b.Str(), eventNamePrefix) {
		return b.Str()
	}
	if v, ok := lr.Attributes().Get("event.name"); ok {
		n := v.AsString()
		if !strings.HasPrefix(n, eventNamePrefix) {
			n = eventNamePrefix + n
		}
		return n
	}
	return ""
}

// decodeLogs turns Claude Code's log events into store events. E-mail
// addresses are kept only when keepEmails is set.
func decodeLogs(ld plog.Logs, keepEmails bool) decoded {
	d := decoded{events: map[string]int{}}
	rls := ld.ResourceLogs()
	for i := 0; i < rls.Len(); i++ {
		rl := rls.At(i)
		version := str(rl.Resource().Attributes(), "service.version")
		sls := rl.ScopeLogs()
		for j := 0; j < sls.Len(); j++ {
			lrs := sls.At(j).LogRecords()
			for k := 0; k < lrs.Len(); k++ {
				lr := lrs.At(k)
				name := eventName(lr)
				d.events[name]++
				a := lr.Attributes()
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
	}
	return d
}

// decodeMetrics reads the sessions that Claude Code's metrics name (every
// data point carries session.id), for rates.
func decodeMetrics(md pmetric.Metrics) decoded {
	d := decoded{events: map[string]int{}}
	seen := map[string]int{}
	add := func(a pcommon.Map, ts pcommon.Timestamp) {
		id := str(a, "session.id")
		if id == "" {
			return
		}
		at := ts.AsTime()
		if ts == 0 {
			at = time.Time{}
		}
		s := store.Session{ID: id, User: str(a, "user.id"), At: at}
		if i, ok := seen[id]; ok {
			if at.After(d.batch.Sessions[i].At) {
				d.batch.Sessions[i].At = at
			}
			return
		}
		seen[id] = len(d.batch.Sessions)
		d.batch.Sessions = append(d.batch.Sessions, s)
	}
	rms := md.ResourceMetrics()
	for i := 0; i < rms.Len(); i++ {
		sms := rms.At(i).ScopeMetrics()
		for j := 0; j < sms.Len(); j++ {
			ms := sms.At(j).Metrics()
			for k := 0; k < ms.Len(); k++ {
				m := ms.At(k)
				d.events[m.Name()]++
				switch m.Type() {
				case pmetric.MetricTypeSum:
					dps := m.Sum().DataPoints()
					for l := 0; l < dps.Len(); l++ {
						add(dps.At(l).Attributes(), dps.At(l).Timestamp())
					}
				case pmetric.MetricTypeGauge:
					dps := m.Gauge().DataPoints()
					for l := 0; l < dps.Len(); l++ {
						add(dps.At(l).Attributes(), dps.At(l).Timestamp())
					}
				case pmetric.MetricTypeHistogram:
					dps := m.Histogram().DataPoints()
					for l := 0; l < dps.Len(); l++ {
						add(dps.At(l).Attributes(), dps.At(l).Timestamp())
					}
				case pmetric.MetricTypeExponentialHistogram:
					dps := m.ExponentialHistogram().DataPoints()
					for l := 0; l < dps.Len(); l++ {
						add(dps.At(l).Attributes(), dps.At(l).Timestamp())
					}
				case pmetric.MetricTypeSummary:
					dps := m.Summary().DataPoints()
					for l := 0; l < dps.Len(); l++ {
						add(dps.At(l).Attributes(), dps.At(l).Timestamp())
					}
				}
			}
		}
	}
	return d
}

// eventTime is event.timestamp when it parses, else the record's time, else
// its observed time; zero when none is set.
func eventTime(lr plog.LogRecord) time.Time {
	if v, ok := lr.Attributes().Get("event.timestamp"); ok {
		if t, err := time.Parse(time.RFC3339Nano, v.AsString()); err == nil {
			return t
		}
	}
	if ts := lr.Timestamp(); ts != 0 {
		return ts.AsTime()
	}
	if ts := lr.ObservedTimestamp(); ts != 0 {
		return ts.AsTime()
	}
	return time.Time{}
}

// str returns a string attribute (any scalar, as text), cut to
// maxAttributeBytes; "" when absent.
func str(a pcommon.Map, key string) string {
	v, ok := a.Get(key)
	if !ok {
		return ""
	}
	var s string
	switch v.Type() {
	case pcommon.ValueTypeStr:
		s = v.Str()
	case pcommon.ValueTypeInt, pcommon.ValueTypeDouble, pcommon.ValueTypeBool:
		s = v.AsString()
	default:
		return ""
	}
	if len(s) > maxAttributeBytes {
		s = strings.ToValidUTF8(s[:maxAttributeBytes], "")
	}
	return s
}

// num returns a numeric attribute, which Claude Code may send as an int, a
// double or a string ("429"); 0 when absent or not a number.
func num(a pcommon.Map, key string) int64 {
	v, ok := a.Get(key)
	if !ok {
		return 0
	}
	switch v.Type() {
	case pcommon.ValueTypeInt:
		return v.Int()
	case pcommon.ValueTypeDouble:
		f := v.Double()
		if math.IsNaN(f) || math.IsInf(f, 0) || f > math.MaxInt64 || f < math.MinInt64 {
			return 0
		}
		return int64(f)
	case pcommon.ValueTypeStr:
		s := strings.TrimSpace(v.Str())
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && math.Abs(f) < math.MaxInt64 {
			return int64(f)
		}
	}
	return 0
}
