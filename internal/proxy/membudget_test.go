package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The bytes of request bodies held in memory at once are bounded across
// requests: past the bound a request is answered 503 with a retry-after
// (the client may try again) and is not forwarded; the bound and the bytes
// held are in /metrics.
func TestBufferedBodiesBounded(t *testing.T) {
	up := &fakeUpstream{status: 200}
	p, err := New(Config{Upstream: "http://upstream.invalid", Transport: up, Policy: fastPolicy(), MaxBody: 1024, MaxBufferedBody: 1500})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()

	// A: announces 1000 bytes, sends 500 and waits.
	pr, pw := io.Pipe()
	reqA := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/v1/messages", pr)
	reqA.ContentLength = 1000
	recA := httptest.NewRecorder()
	doneA := make(chan struct{})
	go func() { defer close(doneA); p.Handler().ServeHTTP(recA, reqA) }()
	if _, err := pw.Write(make([]byte, 500)); err != nil { // read, so A holds its share
		t.Fatal(err)
	}

	// B: 1000 more bytes do not fit beside A's.
	recB := httptest.NewRecorder()
	reqB := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/v1/messages", strings.NewReader(strings.Repeat("b", 1000)))
	p.Handler().ServeHTTP(recB, reqB)
	if recB.Code != http.StatusServiceUnavailable || recB.Header().Get("Retry-After") == "" || recB.Header().Get("X-Should-Retry") == "false" {
		t.Errorf("B: %d, retry-after %q, x-should-retry %q; want 503 to retry", recB.Code, recB.Header().Get("Retry-After"), recB.Header().Get("X-Should-Retry"))
	}
	// A chunked body (no length announced) is bounded as its bytes come.
	recC := httptest.NewRecorder()
	reqC := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/v1/messages", io.MultiReader(strings.NewReader(strings.Repeat("c", 1000))))
	reqC.ContentLength = -1
	p.Handler().ServeHTTP(recC, reqC)
	if recC.Code != http.StatusServiceUnavailable {
		t.Errorf("C (chunked): %d, want 503", recC.Code)
	}
	if n := up.n.Load(); n != 0 {
		t.Errorf("upstream saw %d requests while A was still arriving", n)
	}

	// A ends; its memory is given back and the next request goes through.
	if _, err := pw.Write(make([]byte, 500)); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	<-doneA
	if recA.Code != 200 {
		t.Errorf("A: %d, want 200", recA.Code)
	}
	recD := httptest.NewRecorder()
	p.Handler().ServeHTTP(recD, httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/v1/messages", strings.NewReader(strings.Repeat("d", 1000))))
	if recD.Code != 200 {
		t.Errorf("D: %d, want 200", recD.Code)
	}

	recM := httptest.NewRecorder()
	p.Handler().ServeHTTP(recM, httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/metrics", nil))
	for _, want := range []string{"ccerr_proxy_buffered_body_limit_bytes 1500", "ccerr_proxy_buffered_body_bytes 0", "ccerr_proxy_buffered_body_refused_total 2"} {
		if !strings.Contains(recM.Body.String(), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
