package proxy

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/ccerr/ccerr/match"
	"github.com/ccerr/ccerr/mock"
)

// printed is what Claude Code 2.1.332 prints for a non-2xx answer with
// x-should-retry: false (recorded in docs/interop.md): its "Repeated 529"
// sentence when the message says so, "Request rejected (429) · message"
// for a 429, and "API Error: <status> <message>" otherwise, with a
// "server-side issue" sentence after any 5xx.
func printed(status int, message string) string {
	switch {
	case strings.Contains(message, "Repeated 529 Overloaded errors"):
		return "API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check your inference gateway (127.0.0.1:8787)."
	case status == 429:
		return "API Error: Request rejected (429) · " + message
	case status >= 500:
		return fmt.Sprintf("API Error: %d %s. This is a server-side issue, usually temporary — try again in a moment. If it persists, check your inference gateway (127.0.0.1:8787).", status, strings.TrimSuffix(message, "."))
	}
	return fmt.Sprintf("API Error: %d %s", status, message)
}

// When the proxy gives up, what Claude Code prints of its answer still
// names the real cause: a 529 storm is "overloaded" (not a single 529, a
// server-side issue), resets and refusals are connection failures and
// timeouts request timeouts (not 5xx server-side issues); an upstream 500
// or 429 passes through as it came. Each answer carries x-should-retry:
// false and x-ccerr-error with a catalog id.
func TestGiveUpNamesTheCause(t *testing.T) {
	m, err := match.Default()
	if err != nil {
		t.Fatal(err)
	}
	closed, err := mock.ClosedURL()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		scenario   string // mock scenario, or "refused"
		wantStatus int
		wantID     string
		wantText   string // in the message
	}{
		{"overloaded", 529, "overloaded", "Repeated 529 Overloaded errors"},
		{"reset", 424, "connection-failed", "(ECONNRESET)"},
		{"refused", 424, "connection-failed", "(ECONNREFUSED)"},
		{"hang", 408, "request-timeout", "Request timed out"},
		{"server-error", 500, "server-error", "Internal server error"},
		{"rate-limited", 429, "rate-limited", ""},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			upstream, cfg := closed, Config{}
			if tt.scenario != "refused" {
				upstream = startMock(t, tt.scenario).URL
			}
			if tt.scenario == "hang" {
				cfg.Policy = hangPolicy()
			}
			tp := startProxy(t, upstream, cfg)
			resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d; body %s", resp.StatusCode, tt.wantStatus, body)
			}
			if got := resp.Header.Get("X-Should-Retry"); got != "false" {
				t.Errorf("x-should-retry = %q, want false", got)
			}
			if got := resp.Header.Get("X-Ccerr-Error"); got != tt.wantID {
				t.Errorf("x-ccerr-error = %q, want %s", got, tt.wantID)
			}
			var e apiError
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Type != "error" {
				t.Fatalf("body is not in the API's error shape: %s", body)
			}
			if !strings.Contains(e.Error.Message, tt.wantText) {
				t.Errorf("message %q does not say %q", e.Error.Message, tt.wantText)
			}
			text := printed(resp.StatusCode, e.Error.Message)
			hits := m.Text(text)
			if len(hits) == 0 || string(hits[0].ID) != tt.wantID {
				var ids []string
				for _, h := range hits {
					ids = append(ids, string(h.ID))
				}
				t.Errorf("Claude Code prints %q\nwhich is named %v, want %s first", text, ids, tt.wantID)
			}
		})
	}
}

// A failure after the answer began is named by a catalog id, never by a
// name of the proxy's own.
func TestStreamFailureID(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{io.ErrUnexpectedEOF, "connection-failed"},
		{errors.New("http2: stream reset by a gremlin"), "connection-failed"},
		{syscall.ECONNRESET, "connection-failed"},
		{os.ErrDeadlineExceeded, "request-timeout"},
	} {
		if got := streamFailureID(tt.err); string(got) != tt.want {
			t.Errorf("streamFailureID(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
