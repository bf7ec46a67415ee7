package collect

// The collector's decoding as it was when it read OTLP through pdata: the
// oracle of fuzz_test.go and otlp_test.go. What it holds the new decoders
// to is the reading of OTLP; records become events through the same
// addLogRecord.

import (
	"math"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"

	"github.com/ccerr/ccerr/internal/store"
)

// oracleEventName returns the event's name: the body when it is a string that
// names a claude_code event, else "claude_code." + the event.name attribute.
func oracleEventName(lr plog.LogRecord) string {
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

// oracleLogs is the collector's decoding of log events through pdata:
// Claude Code's log events as store events, e-mail addresses only when
// keepEmails is set.
func oracleLogs(ld plog.Logs, keepEmails bool) decoded {
	d := decoded{events: map[string]int{}}
	rls := ld.ResourceLogs()
	for i := 0; i < rls.Len(); i++ {
		rl := rls.At(i)
		version := oracleStr(rl.Resource().Attributes(), "service.version")
		sls := rl.ScopeLogs()
		for j := 0; j < sls.Len(); j++ {
			lrs := sls.At(j).LogRecords()
			for k := 0; k < lrs.Len(); k++ {
				lr := lrs.At(k)
				addLogRecord(&d, oracleEventName(lr), version, pdataRecord{lr}, keepEmails)
			}
		}
	}
	return d
}

// pdataRecord is a pdata log record as a recordReader.
type pdataRecord struct{ lr plog.LogRecord }

func (r pdataRecord) str(key string) string { return oracleStr(r.lr.Attributes(), key) }
func (r pdataRecord) num(key string) int64  { return oracleNum(r.lr.Attributes(), key) }
func (r pdataRecord) time() time.Time       { return oracleEventTime(r.lr) }

// oracleMetrics reads the sessions that Claude Code's metrics name (every
// data point carries session.id), for rates.
func oracleMetrics(md pmetric.Metrics) decoded {
	d := decoded{events: map[string]int{}}
	seen := map[string]int{}
	add := func(a pcommon.Map, ts pcommon.Timestamp) {
		id := oracleStr(a, "session.id")
		if id == "" {
			return
		}
		at := ts.AsTime()
		if ts == 0 {
			at = time.Time{}
		}
		s := store.Session{ID: id, User: oracleStr(a, "user.id"), At: at}
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

// oracleEventTime is event.timestamp when it parses, else the record's time, else
// its observed time; zero when none is set.
func oracleEventTime(lr plog.LogRecord) time.Time {
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

// oracleStr returns a string attribute (any scalar, as text), cut to
// maxAttributeBytes; "" when absent.
func oracleStr(a pcommon.Map, key string) string {
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

// oracleNum returns a numeric attribute, which Claude Code may send as an int, a
// double or a string ("429"); 0 when absent or not a number.
func oracleNum(a pcommon.Map, key string) int64 {
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
