package collect

import (
	"bytes"
	"errors"
	"math"
	"net/http"
	"os"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// A log record in OTLP/JSON, inside a request, with the given fields.
func jsonRecord(fields string) string {
	return `{"resourceLogs":[{"resource":{"attributes":[{"key":"service.version","value":{"stringValue":"2.1.332"}}]},"scopeLogs":[{"logRecords":[{` + fields + `}]}]}]}`
}

const apiError = `"body":{"stringValue":"claude_code.api_error"},"attributes":[{"key":"session.id","value":{"stringValue":"s1"}},{"key":"status_code","value":{"intValue":429}}]`

// Edge cases of OTLP/JSON: each is decoded by the collector and by pdata,
// which must agree (checkLogsJSON); want says whether it is taken.
func TestLogsJSONCases(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       bool
	}{
		{"plain", jsonRecord(apiError), true},
		{"proto names", `{"resource_logs":[{"scope_logs":[{"log_records":[{"body":{"string_value":"claude_code.api_error"},"attributes":[{"key":"session.id","value":{"string_value":"s1"}}],"time_unix_nano":"1796471755578000000"}]}]}]}`, true},
		{"unknown keys", jsonRecord(apiError + `,"future":{"a":[1,{"b":null}]},"x":"y"`), true},
		{"repeated attributes key", jsonRecord(apiError + `,"attributes":[{"key":"session.id","value":{"stringValue":"s2"}},{"key":"model","value":{"stringValue":"m"}}]`), true},
		{"body merged", jsonRecord(apiError + `,"body":{}`), true},
		{"value replaced", jsonRecord(`"body":{"stringValue":"x"},"attributes":[{"key":"session.id","value":{"stringValue":"s","intValue":"7"}}]`), true},
		{"int as string", jsonRecord(`"attributes":[{"key":"session.id","value":{"stringValue":"s"}},{"key":"status_code","value":{"intValue":"429"}}],"body":{"stringValue":"claude_code.api_error"}`), true},
		{"int with a fraction", jsonRecord(`"attributes":[{"key":"x","value":{"intValue":1.5}}]`), false},
		{"int with an exponent", jsonRecord(`"attributes":[{"key":"x","value":{"intValue":1e3}}]`), false},
		{"double as string", jsonRecord(`"attributes":[{"key":"session.id","value":{"doubleValue":"NaN"}}]`), true},
		{"nulls", `{"resourceLogs":[null,{"resource":null,"scopeLogs":[{"logRecords":[null,{"attributes":null,"body":{"stringValue":null}}]}]}]}`, true},
		{"null int", jsonRecord(`"timeUnixNano":null`), false},
		{"negative time", jsonRecord(`"timeUnixNano":"-1"`), false},
		{"time too large", jsonRecord(`"timeUnixNano":"18446744073709551616"`), false},
		{"trace id", jsonRecord(`"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"eee19b7ec3c1b174"`), true},
		{"empty ids", jsonRecord(`"traceId":"","spanId":""`), true},
		{"short trace id", jsonRecord(`"traceId":"5B8EFF"`), false},
		{"trace id not hex", jsonRecord(`"traceId":"5B8EFFF798038103D269B633813FC6ZZ"`), false},
		{"trace id escaped", jsonRecord(`"traceId":"\u0035B8EFFF798038103D269B633813FC60C"`), false},
		{"bytes", jsonRecord(`"attributes":[{"key":"event.name","value":{"bytesValue":"YXBpX2Vycm9y"}}]`), true},
		{"bytes not base64", jsonRecord(`"attributes":[{"key":"k","value":{"bytesValue":"%%"}}]`), false},
		{"bytes escaped", jsonRecord(`"attributes":[{"key":"k","value":{"bytesValue":"\u0041\u0041\u0041\u0041"}}]`), false},
		{"severity name", jsonRecord(`"severityNumber":"SEVERITY_NUMBER_WARN"`), true},
		{"severity number", jsonRecord(`"severityNumber":13`), true},
		{"severity unknown", jsonRecord(`"severityNumber":"LOUD"`), false},
		{"string for an object", jsonRecord(`"body":"claude_code.api_error"`), false},
		{"object for a string", jsonRecord(`"eventName":{}`), false},
		{"number for a list", `{"resourceLogs":5}`, false},
		{"deprecated scopes", `{"resourceLogs":[{"deprecatedScopeLogs":[{"logRecords":[{` + apiError + `}]}]}]}`, true},
		{"null request", `null`, true},
		{"array request", `[]`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeLogsJSON([]byte(tt.body))
			if (err == nil) != tt.want {
				t.Fatalf("taken %v (%v), want %v", err == nil, err, tt.want)
			}
			checkLogsJSON(t, []byte(tt.body))
		})
	}
}

// Where the collector is stricter than pdata's JSON reader.
func TestLogsJSONStrict(t *testing.T) {
	deep := jsonRecord(`"body":` + strings.Repeat(`{"arrayValue":{"values":[`, maxValueDepth) + strings.Repeat(`]}}`, maxValueDepth))
	for name, body := range map[string]string{
		"trailing data": `{"resourceLogs":[]} {}`,
		"not UTF-8":     "{\"resourceLogs\":[{\"schemaUrl\":\"\xff\"}]}",
		"syntax":        `{"resourceLogs":[}`,
		"empty":         ``,
		"too deep":      deep,
	} {
		if _, err := decodeLogsJSON([]byte(body)); err == nil {
			t.Errorf("%s: taken", name)
		}
	}
	if _, err := decodeLogsJSON([]byte(deep)); !errors.Is(err, errDepth) {
		t.Errorf("too deep: got %v, want errDepth", err)
	}
}

// The decoded fields, for the plain case and the merge rules.
func TestLogsJSONFields(t *testing.T) {
	l, err := decodeLogsJSON([]byte(jsonRecord(apiError + `,"attributes":[{"key":"session.id","value":{"stringValue":"later"}}],"body":{},"timeUnixNano":"1796471755578000000"`)))
	if err != nil {
		t.Fatal(err)
	}
	d := decodeLogs(l, false)
	if len(d.batch.Events) != 1 {
		t.Fatalf("got %+v", d.batch)
	}
	e := d.batch.Events[0]
	if e.Session != "s1" || e.Status != 429 || e.Version != "2.1.332" || e.At.UnixNano() != 1796471755578000000 || e.Kind == 0 {
		t.Errorf("got %+v", e)
	}
}

// protobuf building blocks for hand-made messages.
func pbLen(num protowire.Number, parts ...[]byte) []byte {
	b := protowire.AppendTag(nil, num, protowire.BytesType)
	return protowire.AppendBytes(b, bytes.Join(parts, nil))
}

func pbString(num protowire.Number, s string) []byte { return pbLen(num, []byte(s)) }

func pbFixed64(num protowire.Number, v uint64) []byte {
	return protowire.AppendFixed64(protowire.AppendTag(nil, num, protowire.Fixed64Type), v)
}

func pbVarint(num protowire.Number, v uint64) []byte {
	return protowire.AppendVarint(protowire.AppendTag(nil, num, protowire.VarintType), v)
}

// pbAttr is a KeyValue with a string value.
func pbAttr(key, value string) []byte {
	return pbLen(6, pbString(1, key), pbLen(2, pbString(1, value)))
}

// pbRequest wraps log records (LogRecord bytes) in a request.
func pbRequest(records ...[]byte) []byte {
	var sl [][]byte
	for _, r := range records {
		sl = append(sl, pbLen(2, r))
	}
	return pbLen(1, pbLen(2, sl...))
}

// Edge cases of OTLP protobuf, checked against pdata (checkLogsProto).
func TestLogsProtoCases(t *testing.T) {
	rec := bytes.Join([][]byte{pbLen(5, pbString(1, "claude_code.api_error")), pbAttr("session.id", "s1"), pbFixed64(1, 1796471755578000000)}, nil)
	nested := pbString(1, "x")
	// Each level of arrays is two messages deep (AnyValue, ArrayValue).
	for range maxValueDepth/2 - 1 {
		nested = pbLen(5, pbLen(1, nested)) // arrayValue{values: [nested]}
	}
	for _, tt := range []struct {
		name string
		body []byte
		want bool
	}{
		{"plain", pbRequest(rec), true},
		{"empty", nil, true},
		{"unknown fields", pbRequest(append(append(pbVarint(99, 5), pbFixed64(98, 1)...), rec...)), true},
		{"wrong wire type", pbRequest(append(pbVarint(5, 1), rec...)), false},
		{"truncated", pbRequest(rec)[:20], false},
		{"field zero", []byte{0x02, 0x00}, false},
		{"end group alone", []byte{0x0c}, false},
		{"group then field", []byte{0x43, 0x25, 1, 2, 3, 4}, true},
		{"trace id", pbRequest(append(pbLen(9, make([]byte, 16)), rec...)), true},
		{"short trace id", pbRequest(append(pbLen(9, make([]byte, 5)), rec...)), false},
		{"varint of ten bytes", append(protowire.AppendTag(nil, 99, protowire.VarintType), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), true},
		{"varint of eleven bytes", []byte{0xc8, 0x06, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, false},
		{"deprecated scopes", pbLen(1, pbLen(1000, pbLen(2, rec))), true},
		{"deprecated and current scopes", pbLen(1, pbLen(1000, pbLen(2, rec)), pbLen(2)), true},
		{"nested values", pbRequest(pbLen(5, nested)), true},
		{"nested too deep", pbRequest(pbLen(5, pbLen(5, pbLen(1, nested)))), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeLogsProto(tt.body)
			if (err == nil) != tt.want {
				t.Fatalf("taken %v (%v), want %v", err == nil, err, tt.want)
			}
			checkLogsProto(t, tt.body)
		})
	}
	// A deprecated scope is read only when there is no current one.
	for body, want := range map[string]int{
		string(pbLen(1, pbLen(1000, pbLen(2, rec)))):           1,
		string(pbLen(1, pbLen(1000, pbLen(2, rec)), pbLen(2))): 0,
	} {
		l, err := decodeLogsProto([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if got := len(decodeLogs(l, false).batch.Events); got != want {
			t.Errorf("deprecated scopes: got %d events, want %d", got, want)
		}
	}
	// Protobuf allows field numbers up to 2^29-1; the collector takes up to
	// 2^31-1, as pdata does, and refuses more.
	big := protowire.AppendVarint(nil, (1<<32+99)<<3)
	if _, err := decodeLogsProto(append(big, 0)); !errors.Is(err, errFieldNumber) {
		t.Errorf("field number 2^32+99: got %v", err)
	}
}

func TestMetricsCases(t *testing.T) {
	// point is a data point's fields; its attributes are field 7 in
	// NumberDataPoint and SummaryDataPoint, 9 in HistogramDataPoint, 1 in
	// ExponentialHistogramDataPoint.
	point := func(attrs protowire.Number, session string, ts uint64) []byte {
		return bytes.Join([][]byte{pbLen(attrs, pbString(1, "session.id"), pbLen(2, pbString(1, session))), pbFixed64(3, ts)}, nil)
	}
	metric := func(parts ...[]byte) []byte { return pbLen(1, pbLen(2, pbLen(2, parts...))) }
	packed := func(n int) []byte { return pbLen(6, make([]byte, n)) }
	for _, tt := range []struct {
		name     string
		body     []byte
		sessions int
	}{
		{"sum", metric(pbString(1, "m"), pbLen(7, pbLen(1, point(7, "s1", 5)))), 1},
		{"gauge then sum: the sum", metric(pbLen(5, pbLen(1, point(7, "s1", 5))), pbLen(7)), 0},
		{"histogram, packed counts", metric(pbLen(9, pbLen(1, point(9, "s1", 5), packed(16)))), 1},
		{"histogram, bad packing", metric(pbLen(9, pbLen(1, point(9, "s1", 5), packed(7)))), -1},
		{"histogram, one count", metric(pbLen(9, pbLen(1, point(9, "s1", 5), pbFixed64(6, 3)))), 1},
		{"exponential, packed varints", metric(pbLen(10, pbLen(1, point(1, "s1", 5), pbLen(8, pbLen(2, []byte{1, 0x80, 1}))))), 1},
		{"exponential, bad varints", metric(pbLen(10, pbLen(1, point(1, "s1", 5), pbLen(8, pbLen(2, []byte{0x80}))))), -1},
		{"summary", metric(pbLen(11, pbLen(1, point(7, "s1", 5)), pbLen(1, point(7, "s2", 6)))), 2},
		{"two points one session", metric(pbLen(7, pbLen(1, point(7, "s1", 5)), pbLen(1, point(7, "s1", 9)))), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := decodeMetricsProto(tt.body)
			if tt.sessions < 0 {
				if err == nil {
					t.Fatal("taken")
				}
			} else if err != nil {
				t.Fatal(err)
			} else if got := len(decodeMetrics(m).batch.Sessions); got != tt.sessions {
				t.Errorf("got %d sessions, want %d", got, tt.sessions)
			}
			checkMetricsProto(t, tt.body)
		})
	}
	for _, body := range []string{
		`{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","histogram":{"dataPoints":[{"bucketCounts":["1",2],"explicitBounds":[0.5,"Infinity"],"attributes":[{"key":"session.id","value":{"stringValue":"s"}}]}]}}]}]}]}`,
		`{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"exponential_histogram":{"data_points":[{"positive":{"offset":-3,"bucketCounts":["4"]},"scale":"2"}]},"sum":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_DELTA","isMonotonic":true}}]}]}]}`,
		`{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"sum":{"aggregationTemporality":"DELTA"}}]}]}]}`,
		`{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"gauge":{"dataPoints":[{"asInt":"9223372036854775808"}]}}]}]}]}`,
		`{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"gauge":{"dataPoints":[{"exemplars":[{"spanId":"eee19b7ec3c1b174","asDouble":1}]}]}}]}]}]}`,
	} {
		checkMetricsJSON(t, []byte(body))
	}
}

func TestFormatDouble(t *testing.T) {
	for f, want := range map[float64]string{
		0: "0", 1.5: "1.5", -2: "-2", 1e21: "1e+21", 1e20: "100000000000000000000",
		1e-7: "1e-7", 1.5e-7: "1.5e-7", 0.000001: "0.000001", math.Inf(-1): "-Infinity",
	} {
		if got := formatDouble(f); got != want {
			t.Errorf("formatDouble(%v) = %q, want %q", f, got, want)
		}
	}
}

// A body of many empty records is refused before it costs many times its
// size in memory: 413 over HTTP.
func TestTooManyElements(t *testing.T) {
	recs := bytes.Repeat([]byte{0x12, 0x00}, maxElements+1) // empty log records
	body := pbLen(1, pbLen(2, recs))
	if _, err := decodeLogsProto(body); !errors.Is(err, errTooMany) {
		t.Fatalf("got %v, want errTooMany", err)
	}
	h := newHarness(t, Config{})
	if resp := h.post("/v1/logs", typeProtobuf, body, nil); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("got %s, want 413", resp.Status)
	}
}

// Only the attributes the decoder reads are kept: every key decode.go asks
// for must be one readKeys keeps.
func TestReadKeys(t *testing.T) {
	src := string(readSource(t, "decode.go"))
	for _, call := range []string{`r.str("`, `r.num("`, `str(rl.attrs, "`, `str(p.attrs, "`, `attrs.get("`} {
		for rest := src; ; {
			i := strings.Index(rest, call)
			if i < 0 {
				break
			}
			rest = rest[i+len(call):]
			key := rest[:strings.IndexByte(rest, '"')]
			if !readKeys(key) {
				t.Errorf("decode.go reads %q, which readKeys drops", key)
			}
		}
	}
	if readKeys("terminal.type") {
		t.Error("readKeys keeps terminal.type")
	}
}

func readSource(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
