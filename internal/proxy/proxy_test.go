package proxy

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ccerr/ccerr/mock"
	"github.com/ccerr/ccerr/retry"
)

const (
	messageBody = `{"model":"claude-opus-5-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}`
	streamBody  = `{"model":"claude-opus-5-5","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"hi"}]}`
)

// startMock starts the fake API with a scenario and stops it with the test.
func startMock(t *testing.T, scenario string) *mock.Server {
	t.Helper()
	srv, err := mock.New(mock.Config{Scenario: scenario})
	if err != nil {
		t.Fatalf("mock.New(%q): %v", scenario, err)
	}
	t.Cleanup(srv.Close)
	return srv
}

func newMessageRequest(t *testing.T, ctx context.Context, base, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/messages?beta=true", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Anthropic-Version", "2023-06-01")
	req.Header.Set("X-Api-Key", "sk-ant-api03-test-key-0000000000000000wxyz")
	return req
}

func TestThroughProxy(t *testing.T) {
	tests := []struct {
		name         string
		scenario     string
		body         string
		wantStatus   int
		wantAttempts string
		wantError    string // x-ccerr-error
		wantRetry    string // x-should-retry
		wantUpstream int    // requests the mock saw
		wantInBody   string
		policy       *retry.Policy
	}{
		{"ok", "ok", messageBody, 200, "1", "", "", 1, `"type":"message"`, nil},
		{"two 529s then ok", "overloaded,overloaded,ok", messageBody, 200, "3", "", "", 3, `"type":"message"`, nil},
		{"500 then ok", "server-error,ok", messageBody, 200, "2", "", "", 2, `"type":"message"`, nil},
		{"reset then ok", "reset,ok", messageBody, 200, "2", "", "", 2, `"type":"message"`, nil},
		{"hang ends at the attempt timeout and is retried", "hang,ok", messageBody, 200, "2", "", "", 2, `"type":"message"`, hangPolicy()},
		{"stream error mid-stream passes through, not retried", "stream-error,ok", streamBody, 200, "1", "", "", 1, "event: error", nil},
		{"gives up on 529s", "overloaded", messageBody, 529, "3", "overloaded", "false", 3, `"overloaded_error"`, nil},
		{"400 is not retried", "credit-balance-low,ok", messageBody, 400, "1", "credit-balance-low", "", 1, "credit balance", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up := startMock(t, tt.scenario)
			tp := startProxy(t, up.URL, Config{Policy: tt.policy})
			resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, tt.body))
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d; body %s", resp.StatusCode, tt.wantStatus, body)
			}
			if got := resp.Header.Get("X-Ccerr-Attempts"); got != tt.wantAttempts {
				t.Errorf("x-ccerr-attempts = %q, want %q", got, tt.wantAttempts)
			}
			if got := resp.Header.Get("X-Ccerr-Error"); got != tt.wantError {
				t.Errorf("x-ccerr-error = %q, want %q", got, tt.wantError)
			}
			if got := resp.Header.Get("X-Should-Retry"); got != tt.wantRetry {
				t.Errorf("x-should-retry = %q, want %q", got, tt.wantRetry)
			}
			if got := len(up.Requests()); got != tt.wantUpstream {
				t.Errorf("upstream saw %d requests, want %d", got, tt.wantUpstream)
			}
			if !strings.Contains(body, tt.wantInBody) {
				t.Errorf("body does not contain %q:\n%s", tt.wantInBody, body)
			}
		})
	}
}

// The upstream's body reaches the client byte for byte, and the request
// body reaches the upstream byte for byte, on every attempt.
func TestBodiesByteForByte(t *testing.T) {
	up := startMock(t, "overloaded,ok")
	tp := startProxy(t, up.URL, Config{})
	direct := startMock(t, "ok")

	body := `{"model":"claude-opus-5-5","max_tokens":16,"messages":[{"role":"user","content":"héllo \u2028 \"quoted\""}]}`
	resp, got := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, body))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	reqs := up.Requests()
	if len(reqs) != 2 {
		t.Fatalf("upstream saw %d requests, want 2", len(reqs))
	}
	for i, r := range reqs {
		if string(r.Body) != body || r.BodySize != int64(len(body)) {
			t.Errorf("attempt %d: upstream got body %q (%d bytes), want %q", i+1, r.Body, r.BodySize, body)
		}
		if r.Query != "beta=true" {
			t.Errorf("attempt %d: query = %q, want beta=true", i+1, r.Query)
		}
	}
	// The same request straight to a mock gives the same body, but for the
	// ids the mock makes up per request.
	dresp, err := direct.Client().Do(newMessageRequest(t, t.Context(), direct.URL, body))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := io.ReadAll(dresp.Body)
	dresp.Body.Close()
	if len(want) != len(got) {
		t.Errorf("body through proxy has %d bytes, direct %d:\n%s\n%s", len(got), len(want), got, want)
	}
}

// SSE events reach the client one by one: the upstream sends the second
// event only once the client has read the first, so a proxy that buffered
// would deadlock here.
func TestSSEFlushedPerEvent(t *testing.T) {
	gotFirst := make(chan struct{})
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		io.WriteString(w, "event: message_start\ndata: {}\n\n")
		w.(http.Flusher).Flush()
		select {
		case <-gotFirst:
		case <-r.Context().Done():
			return
		}
		io.WriteString(w, "event: message_stop\ndata: {}\n\n")
	}))
	defer up.Close()
	var logs lockedBuffer
	tp := startProxy(t, up.URL, Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})

	resp, err := tp.client.Do(newMessageRequest(t, t.Context(), tp.srv.URL, streamBody))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	line, err := br.ReadString('\n')
	if err != nil || line != "event: message_start\n" {
		t.Fatalf("first line = %q, %v", line, err)
	}
	close(gotFirst)
	rest, err := io.ReadAll(br)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(rest), "event: message_stop") {
		t.Errorf("rest of stream = %q", rest)
	}
}

// A failure after the response began (the upstream connection drops
// mid-body) reaches the client as a broken response, and is not retried.
func TestMidStreamDropNotRetried(t *testing.T) {
	var calls atomic.Int32
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		io.WriteString(w, "event: message_start\ndata: {}\n\n")
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // drop the connection mid-stream
	}))
	defer up.Close()
	var logs lockedBuffer
	tp := startProxy(t, up.URL, Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})

	resp, err := tp.client.Do(newMessageRequest(t, t.Context(), tp.srv.URL, streamBody))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil {
		t.Errorf("reading a dropped stream: no error; body %q", b)
	}
	if !strings.Contains(string(b), "message_start") {
		t.Errorf("the bytes sent before the drop did not arrive: %q", b)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("upstream saw %d requests, want 1", n)
	}
	// The failure is named by a catalog id: the connection was lost
	// mid-response. (The log line is written after the handler ends.)
	tp.srv.Close()
	if l := logs.String(); !strings.Contains(l, "failures=connection-failed") || strings.Contains(l, "stream-interrupted=") {
		t.Errorf("log does not name the failure connection-failed:\n%s", l)
	}
}

// A client that goes away cancels the upstream request.
func TestClientCancelStopsUpstream(t *testing.T) {
	started := make(chan struct{})
	canceled := make(chan struct{})
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // net/http watches for a close only once the body is read
		close(started)
		<-r.Context().Done()
		close(canceled)
	}))
	defer up.Close()
	tp := startProxy(t, up.URL, Config{})

	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() {
		resp, err := tp.client.Do(newMessageRequest(t, ctx, tp.srv.URL, messageBody))
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	<-started
	cancel()
	<-canceled // the upstream handler saw its request end
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("client error = %v, want context.Canceled", err)
	}
}

func TestBodyTooLarge(t *testing.T) {
	tests := []struct {
		name    string
		body    io.Reader
		chunked bool
	}{
		{"content-length over the limit", strings.NewReader(strings.Repeat("x", 2048)), false},
		{"chunked body over the limit", io.MultiReader(strings.NewReader(strings.Repeat("x", 2048))), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up := startMock(t, "ok")
			tp := startProxy(t, up.URL, Config{MaxBody: 1024})
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, tp.srv.URL+"/v1/messages", tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if tt.chunked {
				req.ContentLength = -1
			}
			resp, body := tp.do(t, req)
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Errorf("status = %d, want 413", resp.StatusCode)
			}
			want := `{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}`
			if body != want {
				t.Errorf("body = %s\nwant   %s", body, want)
			}
			if n := len(up.Requests()); n != 0 {
				t.Errorf("upstream saw %d requests, want 0", n)
			}
		})
	}
}

// A body exactly at the limit goes through.
func TestBodyAtLimit(t *testing.T) {
	up := startMock(t, "ok")
	tp := startProxy(t, up.URL, Config{MaxBody: int64(len(messageBody))})
	resp, _ := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
	if resp.StatusCode != 200 {
		t.Errorf("status = %d, want 200", resp.StatusCode)
	}
}

// A chunked request body (no Content-Length) is buffered and sent upstream
// with its length, on every attempt.
func TestChunkedRequestBody(t *testing.T) {
	up := startMock(t, "overloaded,ok")
	tp := startProxy(t, up.URL, Config{})
	req := newMessageRequest(t, t.Context(), tp.srv.URL, "")
	req.Body = io.NopCloser(strings.NewReader(messageBody))
	req.ContentLength = -1 // sent chunked
	resp, body := tp.do(t, req)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	for i, r := range up.Requests() {
		if string(r.Body) != messageBody || r.Header.Get("Content-Length") != strconv.Itoa(len(messageBody)) {
			t.Errorf("attempt %d: body %q, content-length %q", i+1, r.Body, r.Header.Get("Content-Length"))
		}
	}
}
