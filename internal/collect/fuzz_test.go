package collect

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"testing"
	"unicode/utf8"

	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"go.opentelemetry.io/collector/pdata/pmetric/pmetricotlp"
)

// The fuzz tests hold the collector's OTLP decoders to the reference: the
// OpenTelemetry collector's pdata (plogotlp, pmetricotlp) unmarshalling,
// followed by the collector's decoding as it was on pdata (oracle_test.go).
// For every input both take it and extract the same events, sessions and
// event counts, or both refuse it. The protobuf tests also read what they
// took as pdata writes it in JSON, which reaches every JSON field kind. The known differences, each checked
// for where it applies:
//   - JSON that is not valid (syntax, trailing data, not UTF-8): the
//     collector refuses it; pdata's JSON reader takes some of it.
//   - An empty JSON key: pdata's reader takes it for the end of the
//     object; the collector skips it as an unknown key.
//   - Values nested past maxValueDepth in JSON (pdata bounds only
//     protobuf), and protobuf field numbers past 2^31-1 (pdata reads them
//     modulo 2^32): the collector refuses them.

// eventsSeen is a decoded's event counts as the metrics see them: names
// other than the counted ones are all "other".
func eventsSeen(m map[string]int) map[string]int {
	out := map[string]int{}
	for name, n := range m {
		if !eventLabels[name] {
			name = labelOther
		}
		out[name] += n
	}
	return out
}

func sameDecoded(t *testing.T, got, want decoded) {
	t.Helper()
	if !reflect.DeepEqual(got.batch, want.batch) {
		t.Fatalf("batch differs:\ngot  %+v\nwant %+v", got.batch, want.batch)
	}
	if g, w := eventsSeen(got.events), eventsSeen(want.events); !reflect.DeepEqual(g, w) {
		t.Fatalf("event counts differ: got %v, want %v", g, w)
	}
}

// agree checks that the collector's decoder and the reference agree on
// taking the input.
func agree(t *testing.T, err, ref error) bool {
	t.Helper()
	if (err == nil) != (ref == nil) {
		t.Fatalf("the collector says %v, the reference says %v", err, ref)
	}
	return err == nil
}

var emptyKey = regexp.MustCompile(`""\s*:`)

// jsonComparable reports whether pdata's JSON reader is a reference for
// the input (see the differences above); the collector must refuse
// invalid JSON.
func jsonComparable(t *testing.T, data []byte, err error) bool {
	if !json.Valid(data) || !utf8.Valid(data) {
		if err == nil {
			t.Fatal("invalid JSON taken")
		}
		return false
	}
	return !errors.Is(err, errDepth) && !emptyKey.Match(data)
}

// seeds adds the recorded payloads in both encodings, and a few edge cases.
func seeds(f *testing.F, proto bool) {
	for _, name := range []string{"overloaded-storm.v1_logs.json", "rate-limited-retries2.v1_logs.json", "overloaded-then-ok.v1_logs.json", "overloaded-then-ok.v1_metrics.json"} {
		js := readTestdata(f, name)
		if !proto {
			var buf bytes.Buffer
			if err := json.Compact(&buf, js); err != nil {
				f.Fatal(err)
			}
			f.Add(buf.Bytes())
			continue
		}
		var pb []byte
		var err error
		if req := plogotlp.NewExportRequest(); req.UnmarshalJSON(js) == nil && req.Logs().LogRecordCount() > 0 {
			pb, err = req.MarshalProto()
		} else {
			mreq := pmetricotlp.NewExportRequest()
			if err := mreq.UnmarshalJSON(js); err != nil {
				f.Fatal(err)
			}
			pb, err = mreq.MarshalProto()
		}
		if err != nil {
			f.Fatal(err)
		}
		f.Add(pb)
	}
	if proto {
		for _, s := range []string{"", "\x0a\x00", "\x0a\x02\x12\x00", "\x0b\x0c", "\x0a\x03\x1a\x01\x00", "\xff\xff\xff\xff\x7f"} {
			f.Add([]byte(s))
		}
		return
	}
	for _, s := range []string{`{}`, `null`, `{"resourceLogs":null}`, `{"resource_logs":[{"scope_logs":[{"log_records":[{"body":{"string_value":"claude_code.api_error"},"attributes":[{"key":"session.id","value":{"intValue":"7"}}]}]}]}]}`,
		`{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"sum":{"dataPoints":[{"timeUnixNano":"5","attributes":[{"key":"session.id","value":{"stringValue":"s"}}]}]},"gauge":{}}]}]}]}`} {
		f.Add([]byte(s))
	}
}

func FuzzLogsProto(f *testing.F) {
	seeds(f, true)
	f.Fuzz(checkLogsProto)
}

func checkLogsProto(t *testing.T, data []byte) {
	t.Helper()
	l, err := decodeLogsProto(data)
	if errors.Is(err, errFieldNumber) {
		return
	}
	ref := plogotlp.NewExportRequest()
	if !agree(t, err, ref.UnmarshalProto(data)) {
		return
	}
	want := oracleLogs(ref.Logs(), true)
	sameDecoded(t, decodeLogs(l, true), want)
	// The same request as pdata writes it in OTLP/JSON.
	if js, err := ref.MarshalJSON(); err == nil && utf8.Valid(js) {
		l, err := decodeLogsJSON(js)
		if err != nil {
			t.Fatalf("pdata's JSON %s: %v", js, err)
		}
		sameDecoded(t, decodeLogs(l, true), want)
	}
}

func FuzzLogsJSON(f *testing.F) {
	seeds(f, false)
	f.Fuzz(checkLogsJSON)
}

func checkLogsJSON(t *testing.T, data []byte) {
	t.Helper()
	l, err := decodeLogsJSON(data)
	if !jsonComparable(t, data, err) {
		return
	}
	ref := plogotlp.NewExportRequest()
	if agree(t, err, ref.UnmarshalJSON(data)) {
		sameDecoded(t, decodeLogs(l, true), oracleLogs(ref.Logs(), true))
	}
}

func FuzzMetricsProto(f *testing.F) {
	seeds(f, true)
	f.Fuzz(checkMetricsProto)
}

func checkMetricsProto(t *testing.T, data []byte) {
	t.Helper()
	m, err := decodeMetricsProto(data)
	if errors.Is(err, errFieldNumber) {
		return
	}
	ref := pmetricotlp.NewExportRequest()
	if !agree(t, err, ref.UnmarshalProto(data)) {
		return
	}
	want := oracleMetrics(ref.Metrics())
	sameDecoded(t, decodeMetrics(m), want)
	if js, err := ref.MarshalJSON(); err == nil && utf8.Valid(js) {
		m, err := decodeMetricsJSON(js)
		if err != nil {
			t.Fatalf("pdata's JSON %s: %v", js, err)
		}
		sameDecoded(t, decodeMetrics(m), want)
	}
}

func FuzzMetricsJSON(f *testing.F) {
	seeds(f, false)
	f.Fuzz(checkMetricsJSON)
}

func checkMetricsJSON(t *testing.T, data []byte) {
	t.Helper()
	m, err := decodeMetricsJSON(data)
	if !jsonComparable(t, data, err) {
		return
	}
	ref := pmetricotlp.NewExportRequest()
	if agree(t, err, ref.UnmarshalJSON(data)) {
		sameDecoded(t, decodeMetrics(m), oracleMetrics(ref.Metrics()))
	}
}
