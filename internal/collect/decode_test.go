package collect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"go.opentelemetry.io/collector/pdata/pmetric/pmetricotlp"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/store"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func logsFrom(t testing.TB, name string) plogotlp.ExportRequest {
	t.Helper()
	req := plogotlp.NewExportRequest()
	if err := req.UnmarshalJSON(readTestdata(t, name)); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return req
}

// encodings decodes a logs request as OTLP/JSON and as protobuf (both
// written by pdata), by the collector's decoders.
func encodings(t testing.TB, req plogotlp.ExportRequest) map[string]*otlpLogs {
	t.Helper()
	js, err := req.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	pb, err := req.MarshalProto()
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := decodeLogsJSON(js)
	if err != nil {
		t.Fatalf("json: %v", err)
	}
	fromProto, err := decodeLogsProto(pb)
	if err != nil {
		t.Fatalf("protobuf: %v", err)
	}
	return map[string]*otlpLogs{"json": fromJSON, "protobuf": fromProto}
}

func TestDecodeRecorded(t *testing.T) {
	type want struct {
		kind     store.Kind
		id       catalog.ID
		status   int
		attempts int
		seq      int64
	}
	for _, tt := range []struct {
		file string
		want []want
	}{
		{"overloaded-storm.v1_logs.json", []want{
			{store.KindError, catalog.Overloaded, 0, 3, 5},
			{store.KindExhausted, catalog.Overloaded, 0, 3, 6},
		}},
		{"rate-limited-retries2.v1_logs.json", []want{
			{store.KindError, catalog.RateLimited, 429, 3, 5},
			{store.KindExhausted, catalog.RateLimited, 429, 3, 6},
		}},
		{"overloaded-then-ok.v1_logs.json", []want{
			{store.KindSuccess, "", 0, 0, 5},
		}},
	} {
		raw, err := decodeLogsJSON(readTestdata(t, tt.file))
		if err != nil {
			t.Fatalf("%s as recorded: %v", tt.file, err)
		}
		all := encodings(t, logsFrom(t, tt.file))
		all["recorded"] = raw
		for enc, l := range all {
			t.Run(tt.file+"/"+enc, func(t *testing.T) {
				d := decodeLogs(l, false)
				if len(d.batch.Events) != len(tt.want) {
					t.Fatalf("got %d events %+v, want %d", len(d.batch.Events), d.batch.Events, len(tt.want))
				}
				for i, w := range tt.want {
					e := d.batch.Events[i]
					if e.Kind != w.kind || e.ID != w.id || e.Status != w.status || e.Attempts != w.attempts || e.Seq != w.seq {
						t.Errorf("event %d: got kind %d id %q status %d attempts %d seq %d, want %+v", i, e.Kind, e.ID, e.Status, e.Attempts, e.Seq, w)
					}
					if e.Session != "<uuid-1>" || e.Prompt != "<uuid-2>" || e.Version != "2.1.332" || e.At.IsZero() {
						t.Errorf("event %d: session %q prompt %q version %q at %v", i, e.Session, e.Prompt, e.Version, e.At)
					}
					if e.Kind == store.KindExhausted && e.RetryMS == 0 {
						t.Errorf("event %d: no total_retry_duration_ms", i)
					}
				}
			})
		}
	}
}

// Numbers may arrive as strings (FACTS §9.1).
func TestDecodeNumbersAsStrings(t *testing.T) {
	js := string(readTestdata(t, "rate-limited-retries2.v1_logs.json"))
	for _, n := range []string{"429", "3", "5", "6", "2377", "11"} {
		js = strings.ReplaceAll(js, `"intValue": `+n+"\n", `"stringValue": "`+n+`"`+"\n")
	}
	if !strings.Contains(js, `"stringValue": "429"`) {
		t.Fatal("the test did not rewrite the numbers")
	}
	l, err := decodeLogsJSON([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	d := decodeLogs(l, false)
	if len(d.batch.Events) != 2 {
		t.Fatalf("got %d events", len(d.batch.Events))
	}
	e := d.batch.Events[0]
	if e.Status != 429 || e.Attempts != 3 || e.Seq != 5 || e.ID != catalog.RateLimited {
		t.Fatalf("got status %d attempts %d seq %d id %q", e.Status, e.Attempts, e.Seq, e.ID)
	}
	if x := d.batch.Events[1]; x.RetryMS != 2377 {
		t.Fatalf("got retry %d, want 2377", x.RetryMS)
	}
}

func TestDecodeEmails(t *testing.T) {
	req := logsFrom(t, "overloaded-storm.v1_logs.json")
	lr := req.Logs().ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
	lr.Attributes().PutStr("user.email", "someone@example.com")
	for enc, l := range encodings(t, req) {
		if e := decodeLogs(l, false).batch.Events[0]; e.Email != "" {
			t.Errorf("%s: e-mail kept without --keep-emails: %q", enc, e.Email)
		}
		if e := decodeLogs(l, true).batch.Events[0]; e.Email != "someone@example.com" {
			t.Errorf("%s: e-mail dropped with --keep-emails: %q", enc, e.Email)
		}
	}
}

func TestDecodeMetricsSessions(t *testing.T) {
	js := readTestdata(t, "overloaded-then-ok.v1_metrics.json")
	req := pmetricotlp.NewExportRequest()
	if err := req.UnmarshalJSON(js); err != nil {
		t.Fatal(err)
	}
	pb, err := req.MarshalProto()
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := decodeMetricsJSON(js)
	if err != nil {
		t.Fatal(err)
	}
	fromProto, err := decodeMetricsProto(pb)
	if err != nil {
		t.Fatal(err)
	}
	for enc, m := range map[string]*otlpMetrics{"json": fromJSON, "protobuf": fromProto} {
		d := decodeMetrics(m)
		if len(d.batch.Sessions) != 1 || d.batch.Sessions[0].ID != "<uuid-1>" || d.batch.Sessions[0].User != "<sha256-id>" || d.batch.Sessions[0].At.IsZero() {
			t.Fatalf("%s: got %+v, want the one session", enc, d.batch.Sessions)
		}
		if d.events["claude_code.cost.usage"] != 1 {
			t.Errorf("%s: metric names %v", enc, d.events)
		}
	}
}

func TestHookRecordsRecorded(t *testing.T) {
	for file, want := range map[string]catalog.ID{
		"hook-ovl.json":       catalog.Overloaded,
		"hook-500.json":       catalog.ServerError,
		"hook-credit.json":    catalog.CreditBalanceLow,
		"hook-hang-r0.json":   catalog.RequestTimeout,
		"hook-key.json":       catalog.InvalidAPIKey,
		"hook-ptl.json":       catalog.PromptTooLong,
		"hook-reset.json":     catalog.ConnectionFailed,
		"hook-rl.json":        catalog.RateLimited,
		"hook-streamerr.json": catalog.Overloaded,
		"hook-ovl-proxy.json": catalog.Overloaded,
	} {
		t.Run(file, func(t *testing.T) {
			rec, err := ParseHookRecord(readTestdata(t, file))
			if err != nil {
				t.Fatal(err)
			}
			e := rec.Event()
			if e.ID != want || e.Kind != store.KindHook || e.Session != "<uuid-1>" || e.Prompt != "<uuid-2>" || e.HookError == "" {
				t.Fatalf("got %+v, want id %q", e, want)
			}
		})
	}
	if _, err := ParseHookRecord(readTestdata(t, "hook-stop-ok.json")); err == nil {
		t.Error("a Stop record: want an error")
	}
	for _, bad := range []string{"", "{", `{"hook_event_name":"StopFailure"}`} {
		if _, err := ParseHookRecord([]byte(bad)); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}
