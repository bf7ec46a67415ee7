package proxy

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ccerr/ccerr/mock"
)

func TestMetricsAndHealth(t *testing.T) {
	up := startMock(t, "overloaded,ok")
	tp := startProxy(t, up.URL, Config{})
	resp, _ := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, tp.srv.URL+"/healthz", nil)
	if resp, body := tp.do(t, req); resp.StatusCode != 200 || body != "ok\n" {
		t.Errorf("/healthz = %d %q", resp.StatusCode, body)
	}
	req, _ = http.NewRequestWithContext(t.Context(), http.MethodGet, tp.srv.URL+"/metrics", nil)
	_, metrics := tp.do(t, req)
	for _, want := range []string{
		`ccerr_proxy_requests_total{code="200"} 1`,
		`ccerr_proxy_upstream_attempts_total 2`,
		`ccerr_proxy_retries_total 1`,
		`ccerr_proxy_failures_total{id="overloaded"} 1`,
		`ccerr_proxy_upstream_latency_seconds_count 2`,
		`ccerr_proxy_retry_budget_exhausted_total 0`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if n := len(up.Requests()); n != 2 {
		t.Errorf("/metrics or /healthz reached the upstream: it saw %d requests, want 2", n)
	}
}

// With the budget spent, a failure passes through at once, marked so that
// the client does not retry it either.
func TestBudgetExhaustedPassesFailureThrough(t *testing.T) {
	up := startMock(t, "overloaded")
	tp := startProxy(t, up.URL, Config{BudgetMinPerSecond: -1}) // 20 % of 1 request: no retry
	resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
	if resp.StatusCode != 529 {
		t.Fatalf("status = %d, want 529", resp.StatusCode)
	}
	for k, want := range map[string]string{"X-Ccerr-Attempts": "1", "X-Ccerr-Error": "overloaded", "X-Should-Retry": "false"} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(body, "overloaded_error") {
		t.Errorf("body is not the upstream's: %s", body)
	}
	if n := len(up.Requests()); n != 1 {
		t.Errorf("upstream saw %d requests, want 1", n)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, tp.srv.URL+"/metrics", nil)
	if _, m := tp.do(t, req); !strings.Contains(m, "ccerr_proxy_retry_budget_exhausted_total 1") {
		t.Errorf("budget exhaustion not counted")
	}
}

func TestGiveUpHeaders(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.Header().Set("Retry-After-Ms", "3600000")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(503)
		io.WriteString(w, `{"type":"error","error":{"type":"api_error","message":"Service unavailable"}}`)
	}))
	defer up.Close()
	tp := startProxy(t, up.URL, Config{Policy: noRetryPolicy()})
	resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
	if resp.StatusCode != 503 || !strings.Contains(body, "Service unavailable") {
		t.Fatalf("got %d %s", resp.StatusCode, body)
	}
	for k, want := range map[string]string{
		"Retry-After":      "60",
		"Retry-After-Ms":   "60000",
		"X-Should-Retry":   "false",
		"X-Ccerr-Error":    "server-error",
		"X-Ccerr-Attempts": "1",
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}

func TestUpstreamUnreachable(t *testing.T) {
	closed, err := mock.ClosedURL()
	if err != nil {
		t.Fatal(err)
	}
	tp := startProxy(t, closed, Config{})
	resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
	if resp.StatusCode != http.StatusFailedDependency {
		t.Errorf("status = %d, want 424", resp.StatusCode)
	}
	if got := resp.Header.Get("X-Ccerr-Error"); got != "connection-failed" {
		t.Errorf("x-ccerr-error = %q, want connection-failed", got)
	}
	if got := resp.Header.Get("X-Should-Retry"); got != "false" {
		t.Errorf("x-should-retry = %q", got)
	}
	if got := resp.Header.Get("X-Ccerr-Attempts"); got != wantMaxAttempts {
		t.Errorf("x-ccerr-attempts = %q, want %s", got, wantMaxAttempts)
	}
	if !strings.Contains(body, `"type":"api_error"`) {
		t.Errorf("body = %s", body)
	}
}

// signalHandler is a slog handler that reports, once, a record with a
// given message.
type signalHandler struct {
	slog.Handler
	msg string
	ch  chan struct{}
}

func (h *signalHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *signalHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == h.msg {
		close(h.ch)
	}
	return nil
}

// On shutdown the proxy stops accepting but lets a stream in flight finish.
func TestServeDrainsStreams(t *testing.T) {
	release := make(chan struct{})
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "event: message_start\ndata: {}\n\n")
		w.(http.Flusher).Flush()
		<-release
		io.WriteString(w, "event: message_stop\ndata: {}\n\n")
	}))
	t.Cleanup(up.Close) // after the stream's own cleanups

	shutting := &signalHandler{Handler: slog.DiscardHandler, msg: "proxy shutting down", ch: make(chan struct{})}
	p, err := New(Config{Upstream: up.URL, Policy: fastPolicy(), Logger: slog.New(shutting)})
	if err != nil {
		t.Fatal(err)
	}
	br, cancel, served := serveStream(t, p)
	cancel()
	<-shutting.ch
	close(release)
	rest, err := io.ReadAll(br)
	if err != nil || !strings.Contains(string(rest), "message_stop") {
		t.Errorf("stream cut by shutdown: %q, %v", rest, err)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve = %v", err)
	}
}

// serveStream serves p on a loopback listener, opens one stream through it
// and reads the stream's first line. cancel ends Serve's context; served
// receives what Serve returned.
func serveStream(t *testing.T, p *Proxy) (br *bufio.Reader, cancel context.CancelFunc, served <-chan error) {
	t.Helper()
	ln, cancel, done := serveLoopback(t, t.Context(), p)

	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	resp, err := (&http.Client{Transport: tr}).Do(newMessageRequest(t, t.Context(), "http://"+ln.Addr().String(), streamBody))
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	br = bufio.NewReader(resp.Body)
	if line, _ := br.ReadString('\n'); line != "event: message_start\n" {
		cancel()
		t.Fatalf("first line %q", line)
	}
	return br, cancel, done
}

// Past the drain timeout, streams still open are cut and Serve returns.
func TestServeDrainTimeout(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "event: message_start\ndata: {}\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(up.Close) // after the stream's own cleanups
	p, err := New(Config{Upstream: up.URL, Policy: fastPolicy(), DrainTimeout: 1})
	if err != nil {
		t.Fatal(err)
	}
	br, cancel, served := serveStream(t, p)
	cancel()
	if _, err := io.ReadAll(br); err == nil {
		t.Error("stream still complete after the drain timeout")
	}
	if err := <-served; err != nil {
		t.Errorf("Serve = %v", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{},
		{Upstream: "api.anthropic.com"},
		{Upstream: "ftp://example.com"},
		{Upstream: "https://user:pw@example.com"},
		{Upstream: "https://example.com?x=1"},
		{Upstream: "https://example.com", MaxBody: -1},
		{Upstream: "https://example.com", CAFile: "/nonexistent/ca.pem"},
	} {
		if p, err := New(cfg); err == nil {
			p.Close()
			t.Errorf("New(%+v) = nil error", cfg)
		} else if strings.Contains(err.Error(), "pw") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// Running out of file descriptors is the proxy's own overload, not the
// network's: it is answered 503 with a short retry-after and without
// x-should-retry: false, said in those words, and not retried upstream.
func TestOutOfFileDescriptors(t *testing.T) {
	for _, errno := range []syscall.Errno{syscall.EMFILE, syscall.ENFILE} {
		t.Run(errno.Error(), func(t *testing.T) {
			var calls atomic.Int32
			rt := roundTripFunc(func(*http.Request) (*http.Response, error) {
				calls.Add(1)
				return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("socket", errno)}
			})
			tp := startProxy(t, "http://127.0.0.1:1", Config{Transport: rt})
			resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("status = %d, want 503; body %s", resp.StatusCode, body)
			}
			if got := resp.Header.Get("X-Should-Retry"); got == "false" {
				t.Errorf("x-should-retry = false: the client may retry a local overload")
			}
			if resp.Header.Get("Retry-After") == "" {
				t.Errorf("no retry-after")
			}
			if got := resp.Header.Get("X-Ccerr-Error"); got != "server-error" {
				t.Errorf("x-ccerr-error = %q, want server-error", got)
			}
			if !strings.Contains(body, "file descriptors") || strings.Contains(body, "internet") {
				t.Errorf("body does not say what happened: %s", body)
			}
			if n := calls.Load(); n != 1 {
				t.Errorf("%d attempts, want 1", n)
			}
		})
	}
}

// A client that never reads a large non-streaming answer does not hold the
// request forever: the write times out, the request ends and is logged.
func TestWriteTimeoutForClientThatNeverReads(t *testing.T) {
	big := strings.Repeat("x", 32<<20) // far more than the socket buffers hold
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, big)
	}))
	t.Cleanup(up.Close)
	logged := &signalHandler{Handler: slog.DiscardHandler, msg: "request", ch: make(chan struct{})}
	p, err := New(Config{Upstream: up.URL, Policy: fastPolicy(), Logger: slog.New(logged)})
	if err != nil {
		t.Fatal(err)
	}
	p.writeIdle = 100 * time.Millisecond
	srv := httptest.NewServer(p.Handler())
	t.Cleanup(func() { srv.Close(); p.Close() })

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.(*net.TCPConn).SetReadBuffer(4096)
	if _, err := io.WriteString(conn, "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"); err != nil {
		t.Fatal(err)
	}
	// Never read. The request must end on its own.
	select {
	case <-logged.ch:
	case <-time.After(30 * time.Second):
		t.Fatal("the request is still held 30 s after the client stopped reading")
	}
}
