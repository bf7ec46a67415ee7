package proxy

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Heads several times the upstream connection's buffers (connBufSize) go
// through whole both ways, streamed answer included.
func TestHeadsBiggerThanConnBuffers(t *testing.T) {
	value := strings.Repeat("v", 200)
	const n = 4 * connBufSize / 200
	var got http.Header
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		for i := range n {
			w.Header().Set(fmt.Sprintf("Anthropic-Ratelimit-Test-%d", i), value)
		}
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = w.Write([]byte(sseEvent))
	}))
	defer up.Close()
	tp := startProxy(t, up.URL, Config{})
	req := newMessageRequest(t, t.Context(), tp.srv.URL, streamBody)
	for i := range n {
		req.Header.Set(fmt.Sprintf("X-Stainless-Test-%d", i), value)
	}
	resp, body := tp.do(t, req)
	if resp.StatusCode != 200 || body != sseEvent {
		t.Fatalf("status %d, body %q", resp.StatusCode, body)
	}
	for i := range n {
		if v := got.Get(fmt.Sprintf("X-Stainless-Test-%d", i)); v != value {
			t.Errorf("request header %d reached the upstream as %q", i, v)
		}
		if v := resp.Header.Get(fmt.Sprintf("Anthropic-Ratelimit-Test-%d", i)); v != value {
			t.Errorf("response header %d reached the client as %q", i, v)
		}
	}
}
