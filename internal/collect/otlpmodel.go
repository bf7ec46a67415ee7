package collect

import (
	"errors"
	"math"
	"strconv"
	"time"
)

// The part of an OTLP request the collector reads, filled by a builder from
// the events of either wire format's walker.

// valueKind is the kind of an OTLP AnyValue.
type valueKind uint8

const (
	kindEmpty valueKind = iota // no value set, or a string-table index
	kindStr
	kindBool
	kindInt
	kindDouble
	kindMap
	kindSlice
	kindBytes
)

// anyValue is an AnyValue: its kind and, for a scalar, its value (n holds
// an int64's or a float64's bits, or 1 for true).
type anyValue struct {
	kind valueKind
	s    string
	n    uint64
}

// asString renders a scalar as the collector stores it (OpenTelemetry's
// AsString: decimal integers, ECMAScript-style doubles); "" for other kinds.
func (v anyValue) asString() string {
	switch v.kind {
	case kindStr:
		return v.s
	case kindBool:
		return strconv.FormatBool(v.n != 0)
	case kindInt:
		return strconv.FormatInt(int64(v.n), 10)
	case kindDouble:
		return formatDouble(math.Float64frombits(v.n))
	}
	return ""
}

// formatDouble writes f the way ECMAScript's Number.prototype.toString
// does: plain digits between 1e-6 and 1e21, an exponent without padding
// outside.
func formatDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		b := strconv.AppendFloat(nil, f, 'e', -1, 64)
		// 1e-07 → 1e-7: drop the exponent's leading zero.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b = append(b[:n-2], b[n-1])
		}
		return string(b)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// keyValue is one attribute.
type keyValue struct {
	key   string
	value anyValue
}

// attrs is an attribute list; get finds the first with a key, as
// OpenTelemetry's maps do.
type attrs []keyValue

func (a attrs) get(key string) (anyValue, bool) {
	for i := range a {
		if a[i].key == key {
			return a[i].value, true
		}
	}
	return anyValue{}, false
}

// unixNano is an OTLP timestamp; zero means unset.
type unixNano uint64

func (t unixNano) time() time.Time { return time.Unix(0, int64(t)).UTC() }

type logRecord struct {
	time, observed unixNano
	body           anyValue
	attrs          attrs
}

type resourceLogs struct {
	attrs              attrs
	scopes, oldScopes  int
	records, oldRecord []logRecord
}

// otlpLogs is what the collector reads of an ExportLogsServiceRequest.
type otlpLogs struct{ resources []resourceLogs }

type dataPoint struct {
	attrs attrs
	time  unixNano
}

type metric struct {
	name   string
	points []dataPoint
}

type resourceMetrics struct {
	scopes, oldScopes   int
	metrics, oldMetrics []metric
}

// otlpMetrics is what the collector reads of an
// ExportMetricsServiceRequest.
type otlpMetrics struct{ resources []resourceMetrics }

// maxElements bounds the resources, scopes, records, metrics, data points
// and kept attributes of one request, so that a body of many empty
// elements cannot make the collector allocate many times its size.
const maxElements = 1 << 19

// errTooMany is a request over maxElements.
var errTooMany = errors.New("collect: OTLP request with too many elements")

// builder builds an otlpLogs or otlpMetrics from a walker's events:
// begin and end around a tagged message field, set for a tagged scalar.
// The walkers only send the events of tagged fields under tagged fields, so
// the current pointers are set whenever an event needs them.
type builder struct {
	logs     *otlpLogs
	metrics  *otlpMetrics
	migrate  bool // protobuf: deprecated scopes stand in for absent ones
	elements int

	rl  *resourceLogs
	rm  *resourceMetrics
	old bool // inside a deprecated scope
	lr  *logRecord
	m   *metric
	pt  *dataPoint
	kvs *attrs // the list the current attribute was added to
	kv  *keyValue
	v   *anyValue
}

func (b *builder) count() error {
	b.elements++
	if b.elements > maxElements {
		return errTooMany
	}
	return nil
}

func (b *builder) begin(t tag) error {
	switch t {
	case tagResourceLogs:
		b.logs.resources = append(b.logs.resources, resourceLogs{})
		b.rl = &b.logs.resources[len(b.logs.resources)-1]
		return b.count()
	case tagScopeLogs, tagOldScopeLogs:
		b.old = t == tagOldScopeLogs
		if b.old {
			b.rl.oldScopes++
		} else {
			b.rl.scopes++
		}
		return b.count()
	case tagLogRecord:
		recs := &b.rl.records
		if b.old {
			recs = &b.rl.oldRecord
		}
		*recs = append(*recs, logRecord{})
		b.lr = &(*recs)[len(*recs)-1]
		return b.count()
	case tagResourceAttr:
		return b.attr(&b.rl.attrs)
	case tagRecordAttr:
		return b.attr(&b.lr.attrs)
	case tagPointAttr:
		return b.attr(&b.pt.attrs)
	case tagValue:
		b.v = &b.kv.value
	case tagBody:
		b.v = &b.lr.body
	case tagMap:
		*b.v = anyValue{kind: kindMap}
	case tagSlice:
		*b.v = anyValue{kind: kindSlice}
	case tagResourceMetrics:
		b.metrics.resources = append(b.metrics.resources, resourceMetrics{})
		b.rm = &b.metrics.resources[len(b.metrics.resources)-1]
		return b.count()
	case tagScopeMetrics, tagOldScopeMetrics:
		b.old = t == tagOldScopeMetrics
		if b.old {
			b.rm.oldScopes++
		} else {
			b.rm.scopes++
		}
		return b.count()
	case tagMetric:
		ms := &b.rm.metrics
		if b.old {
			ms = &b.rm.oldMetrics
		}
		*ms = append(*ms, metric{})
		b.m = &(*ms)[len(*ms)-1]
		return b.count()
	case tagData:
		b.m.points = nil // a oneof: the last member sent wins
	case tagPoint:
		b.m.points = append(b.m.points, dataPoint{})
		b.pt = &b.m.points[len(b.m.points)-1]
		return b.count()
	}
	return nil
}

func (b *builder) attr(list *attrs) error {
	*list = append(*list, keyValue{})
	b.kvs, b.kv = list, &(*list)[len(*list)-1]
	return nil
}

func (b *builder) end(t tag) error {
	switch t {
	case tagResourceAttr, tagRecordAttr, tagPointAttr:
		// Keep an attribute only when the collector reads its key and an
		// earlier one did not have it (the first wins).
		l := *b.kvs
		last := l[len(l)-1]
		if _, dup := l[:len(l)-1].get(last.key); dup || !readKeys(last.key) {
			*b.kvs = l[:len(l)-1]
			return nil
		}
		return b.count()
	case tagResourceLogs:
		if b.migrate && b.rl.scopes == 0 {
			b.rl.records = b.rl.oldRecord
		}
		b.rl.oldRecord = nil
	case tagResourceMetrics:
		if b.migrate && b.rm.scopes == 0 {
			b.rm.metrics = b.rm.oldMetrics
		}
		b.rm.oldMetrics = nil
	}
	return nil
}

// set receives a tagged scalar: s for strings, n for numbers (bits for a
// double, 1 or 0 for a bool).
func (b *builder) set(t tag, s string, n uint64) {
	switch t {
	case tagKey:
		b.kv.key = s
	case tagStr:
		*b.v = anyValue{kind: kindStr, s: s}
	case tagBool:
		*b.v = anyValue{kind: kindBool, n: n}
	case tagInt:
		*b.v = anyValue{kind: kindInt, n: n}
	case tagDouble:
		*b.v = anyValue{kind: kindDouble, n: n}
	case tagBytes:
		*b.v = anyValue{kind: kindBytes}
	case tagStrindex:
		*b.v = anyValue{kind: kindEmpty}
	case tagTime:
		b.lr.time = unixNano(n)
	case tagObserved:
		b.lr.observed = unixNano(n)
	case tagMetricName:
		b.m.name = s
	case tagPointTime:
		b.pt.time = unixNano(n)
	}
}
