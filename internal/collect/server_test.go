package collect

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"go.opentelemetry.io/collector/pdata/pmetric/pmetricotlp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	grpcgzip "google.golang.org/grpc/encoding/gzip"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/store"
	"github.com/ccerr/ccerr/internal/store/storetest"
)

// testNow is the clock of the read API in tests: just after the recorded
// events, so that the default range (the last 24 hours) holds them.
var testNow = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

type harness struct {
	t     *testing.T
	dsn   string
	st    *store.Store
	srv   *Server
	http  *httptest.Server
	token string
}

func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	return newHarnessOn(t, filepath.Join(t.TempDir(), store.FileName), cfg)
}

func newHarnessOn(t *testing.T, dsn string, cfg Config) *harness {
	t.Helper()
	h := &harness{t: t, dsn: dsn, token: cfg.Token}
	h.open(cfg)
	return h
}

func (h *harness) open(cfg Config) {
	h.t.Helper()
	st, err := store.Open(context.Background(), h.dsn)
	if err != nil {
		h.t.Fatal(err)
	}
	cfg.Store = st
	cfg.Now = func() time.Time { return testNow }
	srv, err := New(cfg)
	if err != nil {
		h.t.Fatal(err)
	}
	h.st, h.srv, h.http = st, srv, httptest.NewServer(srv.Handler())
	h.t.Cleanup(h.close)
}

// close stops the server and closes the store (a restart when followed by open).
func (h *harness) close() {
	if h.http == nil {
		return
	}
	h.http.Close()
	h.srv.Close()
	h.st.Close()
	h.http = nil
}

func (h *harness) post(path, contentType string, body []byte, hdr map[string]string) *http.Response {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.http.URL+path, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if h.token != "" {
		req.Header.Set("Authorization", "Bearer "+h.token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func (h *harness) mustPost(path, contentType string, body []byte, hdr map[string]string) {
	h.t.Helper()
	if resp := h.post(path, contentType, body, hdr); resp.StatusCode != http.StatusOK {
		h.t.Fatalf("POST %s: %s", path, resp.Status)
	}
}

func (h *harness) report(query string) Report {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, h.http.URL+"/api/errors"+query, nil)
	if h.token != "" {
		req.Header.Set("Authorization", "Bearer "+h.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		h.t.Fatalf("GET /api/errors%s: %s %s", query, resp.Status, b)
	}
	var r Report
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		h.t.Fatal(err)
	}
	return r
}

// counts sums the report's rows by id.
func counts(r Report) map[catalog.ID]int64 {
	m := map[catalog.ID]int64{}
	for _, row := range r.Rows {
		m[row.ID] += row.Count
	}
	return m
}

// The scrubbed captures share their session and prompt ids ("<uuid-1>");
// sessionLogs gives a capture a session of its own.
func sessionLogs(t *testing.T, name, session string) plogotlp.ExportRequest {
	t.Helper()
	req := logsFrom(t, name)
	rls := req.Logs().ResourceLogs()
	for i := 0; i < rls.Len(); i++ {
		sls := rls.At(i).ScopeLogs()
		for j := 0; j < sls.Len(); j++ {
			lrs := sls.At(j).LogRecords()
			for k := 0; k < lrs.Len(); k++ {
				lrs.At(k).Attributes().PutStr("session.id", session)
			}
		}
	}
	return req
}

func jsonOf(t *testing.T, name, session string) []byte {
	t.Helper()
	b, err := sessionLogs(t, name, session).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func protoOf(t *testing.T, name, session string) []byte {
	t.Helper()
	b, err := sessionLogs(t, name, session).MarshalProto()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestHTTPLogsEncodings(t *testing.T) {
	for _, tt := range []struct {
		name, contentType string
		body              func(t *testing.T, file, session string) []byte
		hdr               map[string]string
	}{
		{"json", typeJSON, jsonOf, nil},
		{"protobuf", typeProtobuf, protoOf, nil},
		{"json gzip", typeJSON, func(t *testing.T, f, s string) []byte { return gzipped(jsonOf(t, f, s)) }, map[string]string{"Content-Encoding": "gzip"}},
		{"protobuf gzip", typeProtobuf, func(t *testing.T, f, s string) []byte { return gzipped(protoOf(t, f, s)) }, map[string]string{"Content-Encoding": "gzip"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			for i, f := range []string{"overloaded-storm.v1_logs.json", "rate-limited-retries2.v1_logs.json", "overloaded-then-ok.v1_logs.json"} {
				h.mustPost("/v1/logs", tt.contentType, tt.body(t, f, fmt.Sprint("session-", i)), tt.hdr)
			}
			r := h.report("")
			got := counts(r)
			if got[catalog.Overloaded] != 1 || got[catalog.RateLimited] != 1 || r.Failures != 2 {
				t.Fatalf("got %v (failures %d), want one overloaded and one rate-limited", got, r.Failures)
			}
			if r.Sessions != 3 {
				t.Errorf("sessions: got %d, want 3", r.Sessions)
			}
		})
	}
}

func TestResentBatchCountedOnce(t *testing.T) {
	h := newHarness(t, Config{})
	body := readTestdata(t, "overloaded-storm.v1_logs.json")
	h.mustPost("/v1/logs", typeJSON, body, nil)
	h.mustPost("/v1/logs", typeJSON, body, nil)
	if got := counts(h.report("")); got[catalog.Overloaded] != 1 {
		t.Fatalf("got %v, want one overloaded", got)
	}
	if !strings.Contains(h.metricsText(), "ccerr_collect_duplicates_total 2") {
		t.Errorf("duplicates not counted:\n%s", h.metricsText())
	}
}

func TestRestartWithoutLoss(t *testing.T) {
	h := newHarness(t, Config{})
	storm := readTestdata(t, "overloaded-storm.v1_logs.json")
	h.mustPost("/v1/logs", typeJSON, storm, nil)
	h.close() // the collector stops between batches
	h.open(Config{})
	h.mustPost("/v1/logs", typeJSON, storm, nil) // re-sent after the restart
	h.mustPost("/v1/hook", typeJSON, readTestdata(t, "hook-ovl.json"), nil)
	h.mustPost("/v1/logs", typeJSON, jsonOf(t, "rate-limited-retries2.v1_logs.json", "another-session"), nil)
	h.close()
	h.open(Config{})
	r := h.report("?by=id")
	got := counts(r)
	if got[catalog.Overloaded] != 1 || got[catalog.RateLimited] != 1 || len(got) != 2 {
		t.Fatalf("got %v, want one overloaded and one rate-limited", got)
	}
	for _, row := range r.Rows {
		if row.ID == catalog.Overloaded && (row.Retried != 1 || row.Final != 1) {
			t.Errorf("overloaded: got retried %d final %d, want 1 and 1", row.Retried, row.Final)
		}
	}
}

// The collector on PostgreSQL (several writers): the counting rule, dedupe
// and a restart, end to end.
func TestPostgresEndToEnd(t *testing.T) {
	h := newHarnessOn(t, storetest.PostgresSchema(t), Config{})
	storm := jsonOf(t, "overloaded-storm.v1_logs.json", "pg-1")
	h.mustPost("/v1/logs", typeJSON, storm, nil)
	h.mustPost("/v1/hook", typeJSON, readTestdata(t, "hook-rl.json"), nil)
	h.close()
	h.open(Config{})
	h.mustPost("/v1/logs", typeJSON, storm, nil)
	h.mustPost("/v1/logs", typeJSON, readTestdata(t, "rate-limited-retries2.v1_logs.json"), nil)
	for i := range 8 { // sessions spread over the writers
		h.mustPost("/v1/logs", typeProtobuf, protoOf(t, "rate-limited-retries2.v1_logs.json", fmt.Sprint("pg-s", i)), nil)
	}
	r := h.report("")
	if got := counts(r); got[catalog.Overloaded] != 1 || got[catalog.RateLimited] != 9 || r.Failures != 10 {
		t.Fatalf("got %v, want 1 overloaded and 9 rate-limited", got)
	}
}

func TestHookThenTelemetryIsOneFailure(t *testing.T) {
	h := newHarness(t, Config{})
	h.mustPost("/v1/hook", typeJSON, readTestdata(t, "hook-rl.json"), nil)
	h.mustPost("/v1/hook", typeJSON, readTestdata(t, "hook-rl.json"), nil)
	h.mustPost("/v1/logs", typeJSON, readTestdata(t, "rate-limited-retries2.v1_logs.json"), nil)
	r := h.report("")
	if got := counts(r); got[catalog.RateLimited] != 1 || r.Failures != 1 {
		t.Fatalf("got %v, want one rate-limited", got)
	}
}

func TestBodyLimits(t *testing.T) {
	h := newHarness(t, Config{MaxBody: 64 << 10, MaxDecoded: 1 << 20})
	// A gzip bomb: 64 MiB of zeros in a body of a few dozen KiB.
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zero := make([]byte, 1<<20)
	for range 64 {
		zw.Write(zero)
	}
	zw.Close()
	if buf.Len() > 64<<10 {
		t.Fatalf("the bomb is %d bytes, over the raw limit", buf.Len())
	}
	if resp := h.post("/v1/logs", typeJSON, buf.Bytes(), map[string]string{"Content-Encoding": "gzip"}); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("gzip bomb: got %s, want 413", resp.Status)
	}
	if resp := h.post("/v1/logs", typeJSON, make([]byte, 65<<10), nil); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: got %s, want 413", resp.Status)
	}
	if resp := h.post("/v1/logs", "text/plain", []byte("{}"), nil); resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain: got %s, want 415", resp.Status)
	}
	if resp := h.post("/v1/logs", typeJSON, []byte("{not json"), nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad json: got %s, want 400", resp.Status)
	}
	if resp := h.post("/v1/logs", typeJSON, []byte("{}"), map[string]string{"Content-Encoding": "br"}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("brotli: got %s, want 400", resp.Status)
	}
	if resp := h.post("/v1/logs", typeJSON, []byte("not gzip"), map[string]string{"Content-Encoding": "gzip"}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad gzip: got %s, want 400", resp.Status)
	}
	if !strings.Contains(h.metricsText(), `ccerr_collect_rejected_total{reason="size"} 2`) {
		t.Errorf("size rejections not counted:\n%s", h.metricsText())
	}
}

func TestToken(t *testing.T) {
	h := newHarness(t, Config{Token: "s3cret-token"})
	body := readTestdata(t, "overloaded-storm.v1_logs.json")
	for _, tt := range []struct {
		name, auth string
		want       int
	}{
		{"none", "", http.StatusUnauthorized},
		{"wrong", "Bearer nope", http.StatusUnauthorized},
		{"bearer", "Bearer s3cret-token", http.StatusOK},
		{"basic", "Basic " + "eDpzM2NyZXQtdG9rZW4=", http.StatusOK}, // x:s3cret-token
		{"scheme case", "bearer s3cret-token", http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, h.http.URL+"/v1/logs", bytes.NewReader(body))
			req.Header.Set("Content-Type", typeJSON)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Fatalf("got %s, want %d", resp.Status, tt.want)
			}
		})
	}
	resp, err := http.Get(h.http.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz without a token: got %s, want 200", resp.Status)
	}
	resp, _ = http.Get(h.http.URL + "/api/errors")
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
		t.Errorf("/api/errors without a token: got %s, want 401 with a challenge", resp.Status)
	}
}

func (h *harness) metricsText() string {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, h.http.URL+"/metrics", nil)
	if h.token != "" {
		req.Header.Set("Authorization", "Bearer "+h.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestMetricsLabels(t *testing.T) {
	h := newHarness(t, Config{ModelLabels: 1})
	h.mustPost("/v1/logs", typeJSON, readTestdata(t, "overloaded-storm.v1_logs.json"), nil)
	// The same failure from another session, for another model: past the cap.
	req := logsFrom(t, "rate-limited-retries2.v1_logs.json")
	lrs := req.Logs().ResourceLogs().At(0).ScopeLogs().At(0).LogRecords()
	for i := 0; i < lrs.Len(); i++ {
		lrs.At(i).Attributes().PutStr("session.id", "other-session")
		lrs.At(i).Attributes().PutStr("model", "claude-haiku-9")
	}
	b, _ := req.MarshalJSON()
	h.mustPost("/v1/logs", typeJSON, b, nil)
	m := h.metricsText()
	for _, want := range []string{
		`ccerr_claude_code_errors_total{id="overloaded",side="anthropic",model="claude-opus-5-5"} 1`,
		`ccerr_claude_code_errors_total{id="rate-limited",side="account",model="other"} 1`,
		`ccerr_collect_events_total{event="claude_code.api_error"} 2`,
		`ccerr_collect_merged_total 2`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s:\n%s", want, m)
		}
	}
}

func TestAPIErrorsQuery(t *testing.T) {
	h := newHarness(t, Config{})
	h.mustPost("/v1/logs", typeJSON, readTestdata(t, "overloaded-storm.v1_logs.json"), nil)
	h.mustPost("/v1/metrics", typeJSON, readTestdata(t, "overloaded-then-ok.v1_metrics.json"), nil)
	for _, by := range []string{"id", "user", "model", "hour"} {
		r := h.report("?by=" + by + "&since=2026-12-05")
		if len(r.Rows) != 1 || r.Rows[0].ID != catalog.Overloaded || string(r.By) != by {
			t.Errorf("by=%s: got %+v", by, r)
		}
	}
	if r := h.report("?since=2026-12-06T00:00:00Z&until=2026-12-07"); len(r.Rows) != 0 {
		t.Errorf("a later range: got %+v, want no rows", r.Rows)
	}
	for _, q := range []string{"?by=week", "?since=yesterday", "?until=-5h"} {
		req, _ := http.NewRequest(http.MethodGet, h.http.URL+"/api/errors"+q, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: got %s, want 400", q, resp.Status)
		}
	}
}

func TestPage(t *testing.T) {
	h := newHarness(t, Config{})
	resp, _ := http.Get(h.http.URL + "/")
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("no page: got %s, want 404", resp.Status)
	}
	h.srv.Page = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "page") })
	resp, _ = http.Get(h.http.URL + "/")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "page" {
		t.Errorf("page: got %q", b)
	}
}

func TestParseTime(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"2026-12-05T11:00:00Z": time.Date(2026, 12, 5, 11, 0, 0, 0, time.UTC),
		"2026-12-04":           time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC),
		"90m":                  now.Add(-90 * time.Minute),
		"7d":                   now.Add(-7 * 24 * time.Hour),
	} {
		got, err := ParseTime(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "-5h", "99999999d"} {
		if _, err := ParseTime(bad, now); err == nil {
			t.Errorf("ParseTime(%q): want an error", bad)
		}
	}
}

// grpcClient serves the harness's gRPC interface on a loopback port and
// returns a grpc-go client connection to it.
func (h *harness) grpcClient() *grpc.ClientConn {
	h.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		h.t.Fatal(err)
	}
	gs := h.srv.grpcServer()
	go gs.Serve(ln)
	h.t.Cleanup(func() { gs.Close() })
	conn, err := grpc.NewClient(ln.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { conn.Close() })
	return conn
}

// rawCodec sends and receives messages as they are, so that a test can
// send bytes that are not a valid request.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *v.(*[]byte), nil }
func (rawCodec) Unmarshal(b []byte, v any) error {
	*v.(*[]byte) = append([]byte(nil), b...)
	return nil
}
func (rawCodec) Name() string { return "proto" }

func TestGRPC(t *testing.T) {
	h := newHarness(t, Config{Token: "tok"})
	conn := h.grpcClient()
	client := plogotlp.NewGRPCClient(conn)
	req := logsFrom(t, "overloaded-storm.v1_logs.json")

	ctx := context.Background()
	if _, err := client.Export(ctx, req); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("no token: got %v, want Unauthenticated", err)
	}
	bad := metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer nope")
	if _, err := client.Export(bad, req); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("wrong token: got %v, want Unauthenticated", err)
	}
	ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer tok")
	if _, err := client.Export(ctx, req); err != nil {
		t.Fatalf("export: %v", err)
	}
	// The same batch again, gzip-compressed: a re-send, counted once.
	if _, err := client.Export(ctx, req, grpc.UseCompressor(grpcgzip.Name)); err != nil {
		t.Fatalf("export gzip: %v", err)
	}
	if _, err := client.Export(ctx, sessionLogs(t, "rate-limited-retries2.v1_logs.json", "grpc-2"), grpc.UseCompressor(grpcgzip.Name)); err != nil {
		t.Fatalf("export gzip: %v", err)
	}
	mreq := pmetricotlp.NewExportRequest()
	if err := mreq.UnmarshalJSON(readTestdata(t, "overloaded-then-ok.v1_metrics.json")); err != nil {
		t.Fatal(err)
	}
	if _, err := pmetricotlp.NewGRPCClient(conn).Export(ctx, mreq); err != nil {
		t.Fatalf("metrics export: %v", err)
	}
	r := h.report("")
	if got := counts(r); got[catalog.Overloaded] != 1 || got[catalog.RateLimited] != 1 || r.Failures != 2 {
		t.Fatalf("got %v, want one overloaded and one rate-limited", got)
	}
	if !strings.Contains(h.metricsText(), `ccerr_collect_events_total{event="claude_code.api_error"} 3`) {
		t.Errorf("events not counted:\n%s", h.metricsText())
	}

	// Bytes that are not an ExportLogsServiceRequest, and a method the
	// collector does not serve.
	garbage := []byte{0x0a, 0x05, 0x01}
	var out []byte
	if err := conn.Invoke(ctx, grpcLogsExport, &garbage, &out, grpc.ForceCodec(rawCodec{})); status.Code(err) != codes.InvalidArgument {
		t.Errorf("garbage: got %v, want InvalidArgument", err)
	}
	empty := []byte{}
	if err := conn.Invoke(ctx, "/opentelemetry.proto.collector.trace.v1.TraceService/Export", &empty, &out, grpc.ForceCodec(rawCodec{})); status.Code(err) != codes.Unimplemented {
		t.Errorf("traces: got %v, want Unimplemented", err)
	}
}

func TestGRPCTooLarge(t *testing.T) {
	h := newHarness(t, Config{MaxDecoded: 1 << 10})
	client := plogotlp.NewGRPCClient(h.grpcClient())
	req := logsFrom(t, "overloaded-storm.v1_logs.json")
	if _, err := client.Export(context.Background(), req); status.Code(err) != codes.ResourceExhausted {
		t.Errorf("large: got %v, want ResourceExhausted", err)
	}
	// Small once compressed, over the limit once decompressed.
	if _, err := client.Export(context.Background(), req, grpc.UseCompressor(grpcgzip.Name)); status.Code(err) != codes.ResourceExhausted {
		t.Errorf("large gzip: got %v, want ResourceExhausted", err)
	}
	if !strings.Contains(h.metricsText(), `ccerr_collect_rejected_total{reason="size"} 2`) {
		t.Errorf("size rejections not counted:\n%s", h.metricsText())
	}
}

// A store that cannot commit gets the sender Unavailable, which OTLP
// exporters retry; nothing is acknowledged.
func TestGRPCStoreDown(t *testing.T) {
	h := newHarness(t, Config{})
	client := plogotlp.NewGRPCClient(h.grpcClient())
	h.st.Close()
	_, err := client.Export(context.Background(), logsFrom(t, "overloaded-storm.v1_logs.json"))
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("store down: got %v, want Unavailable", err)
	}
	if !strings.Contains(h.metricsText(), `ccerr_collect_rejected_total{reason="store"} 1`) {
		t.Errorf("store rejection not counted:\n%s", h.metricsText())
	}
}

// Calls grpc-go does not make, sent as raw HTTP/2 requests.
func TestGRPCWire(t *testing.T) {
	h := newHarness(t, Config{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gs := h.srv.grpcServer()
	go gs.Serve(ln)
	defer gs.Close()
	var p http.Protocols
	p.SetUnencryptedHTTP2(true)
	tr := &http.Transport{Protocols: &p}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	frame := func(flag byte, msg []byte) []byte {
		return append([]byte{flag, 0, 0, byte(len(msg) >> 8), byte(len(msg))}, msg...)
	}
	pb := protoOf(t, "overloaded-storm.v1_logs.json", "wire-1")
	for _, tt := range []struct {
		name, path, contentType, encoding string
		body                              []byte
		httpStatus                        int
		grpcStatus                        string
	}{
		{"ok", grpcLogsExport, "application/grpc", "", frame(0, pb), 200, "0"},
		{"ok with +proto", grpcLogsExport, "application/grpc+proto", "identity", frame(0, pb), 200, "0"},
		{"gzip", grpcLogsExport, "application/grpc", "gzip", frame(1, gzipped(pb)), 200, "0"},
		{"not gRPC", grpcLogsExport, "application/json", "", []byte("{}"), 415, ""},
		{"unknown method", "/x.Y/Z", "application/grpc", "", frame(0, nil), 200, "12"},
		{"no message", grpcLogsExport, "application/grpc", "", nil, 200, "13"},
		{"short message", grpcLogsExport, "application/grpc", "", frame(0, pb)[:20], 200, "13"},
		{"two messages", grpcLogsExport, "application/grpc", "", append(frame(0, pb), frame(0, pb)...), 200, "13"},
		{"compressed without encoding", grpcLogsExport, "application/grpc", "", frame(1, gzipped(pb)), 200, "13"},
		{"unknown encoding", grpcLogsExport, "application/grpc", "br", frame(1, pb), 200, "12"},
		{"bad gzip", grpcLogsExport, "application/grpc", "gzip", frame(1, pb), 200, "3"},
		{"bad flag", grpcLogsExport, "application/grpc", "", frame(7, pb), 200, "13"},
		{"bad message", grpcMetricsExport, "application/grpc", "", frame(0, []byte{0x0a, 0x05}), 200, "3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, "http://"+ln.Addr().String()+tt.path, bytes.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			if tt.encoding != "" {
				req.Header.Set("Grpc-Encoding", tt.encoding)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.httpStatus || resp.Trailer.Get("Grpc-Status") != tt.grpcStatus {
				t.Fatalf("got %s grpc-status %q (%s), want %d %q", resp.Status, resp.Trailer.Get("Grpc-Status"), resp.Trailer.Get("Grpc-Message"), tt.httpStatus, tt.grpcStatus)
			}
			if tt.grpcStatus == "0" && !bytes.Equal(body, frame(0, exportResponse)) {
				t.Errorf("response %x", body)
			}
		})
	}
}

func TestGRPCPercentEncode(t *testing.T) {
	if got := grpcPercentEncode("a 100% é\n"); got != "a 100%25 %C3%A9%0A" {
		t.Errorf("got %q", got)
	}
}

// Serve answers both interfaces until its context ends, then returns.
func TestServe(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	httpLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	grpcLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, httpLn, grpcLn) }()
	conn, err := grpc.NewClient(grpcLn.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plogotlp.NewGRPCClient(conn).Export(ctx, logsFrom(t, "overloaded-storm.v1_logs.json")); err != nil {
		t.Fatalf("gRPC export: %v", err)
	}
	conn.Close()
	resp, err := http.Post("http://"+httpLn.Addr().String()+"/v1/logs", typeJSON, bytes.NewReader(jsonOf(t, "rate-limited-retries2.v1_logs.json", "serve-2")))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("HTTP export: %s", resp.Status)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	http.DefaultClient.CloseIdleConnections()
}
