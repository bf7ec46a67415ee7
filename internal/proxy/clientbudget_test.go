package proxy

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ccerr/ccerr/retry"
)

// fakeUpstream answers every request the same way, in memory: an HTTP
// status with an API error body, or (status 0) no answer until the request
// is cancelled. It counts the requests.
type fakeUpstream struct {
	status int
	n      atomic.Int32
}

func (u *fakeUpstream) RoundTrip(req *http.Request) (*http.Response, error) {
	u.n.Add(1)
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	if u.status == 0 {
		<-req.Context().Done()
		return nil, context.Cause(req.Context())
	}
	typ := map[int]string{500: "api_error", 529: "overloaded_error"}[u.status]
	body := fmt.Sprintf(`{"type":"error","error":{"type":%q,"message":"boom"}}`, typ)
	return &http.Response{
		StatusCode: u.status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)), Request: req,
	}, nil
}

// claudeCode plays Claude Code's retry loop against the proxy's handler:
// 1 + maxRetries attempts, each cut after timeout (and announced in
// X-Stainless-Timeout unless header is false), no further attempt after
// x-should-retry: false. It returns the last status (0: timed out) and how
// many attempts it made.
func claudeCode(t *testing.T, h http.Handler, timeout time.Duration, maxRetries int, header bool) (status, attempts int) {
	for attempts = 1; ; attempts++ {
		ctx, cancel := context.WithTimeout(t.Context(), timeout)
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/v1/messages", strings.NewReader(messageBody))
		if header {
			req.Header.Set("X-Stainless-Timeout", fmt.Sprint(int(timeout/time.Second)))
		}
		rec := httptest.NewRecorder()
		done := make(chan struct{})
		go func() { defer close(done); h.ServeHTTP(rec, req) }()
		select {
		case <-done:
			status = rec.Code
		case <-ctx.Done():
			status = 0
			<-done
		}
		cancel()
		if status != 0 && rec.Header().Get("X-Should-Retry") == "false" || status != 0 && status < 400 || attempts > maxRetries {
			return status, attempts
		}
		time.Sleep(time.Second) // Claude Code's backoff, in the bubble's fake time
	}
}

// The proxy fits its whole retry series inside the client's timeout (from
// X-Stainless-Timeout, or Config.ClientTimeout for clients that send
// none) and gives up in time with x-should-retry: false and the real
// cause, so that the client never times out and retries on top of it: the
// upstream sees the proxy's attempts for one client attempt, never
// (1 + client retries) × (1 + proxy retries).
func TestRetriesFitTheClientTimeout(t *testing.T) {
	tests := []struct {
		name          string
		upstream      int // status; 0 never answers
		clientTimeout time.Duration
		header        bool
		configTimeout time.Duration
		wantStatus    int
	}{
		{"500, 3 s", 500, 3 * time.Second, true, 0, 500},
		{"500, 10 s", 500, 10 * time.Second, true, 0, 500},
		{"500, 60 s", 500, 60 * time.Second, true, 0, 500},
		{"529, 3 s", 529, 3 * time.Second, true, 0, 529},
		{"hang, 3 s", 0, 3 * time.Second, true, 0, http.StatusRequestTimeout},
		{"hang, 30 s", 0, 30 * time.Second, true, 0, http.StatusRequestTimeout},
		{"500, no header, --client-timeout 3s", 500, 3 * time.Second, false, 3 * time.Second, 500},
		{"hang, no header, --client-timeout 5s", 0, 5 * time.Second, false, 5 * time.Second, http.StatusRequestTimeout},
	}
	for _, tt := range tests {
		for _, clientRetries := range []int{0, 2, 10} {
			t.Run(fmt.Sprintf("%s, client retries %d", tt.name, clientRetries), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					up := &fakeUpstream{status: tt.upstream}
					p, err := New(Config{
						Upstream:      "http://upstream.invalid",
						Transport:     up,
						Policy:        retry.DefaultPolicy(), // Claude Code's: 10 retries, backoff to 32 s, 600 s per attempt
						ClientTimeout: tt.configTimeout,
					})
					if err != nil {
						t.Fatal(err)
					}
					defer p.Close()
					start := time.Now()
					status, attempts := claudeCode(t, p, tt.clientTimeout, clientRetries, tt.header)
					if status != tt.wantStatus {
						t.Errorf("client got %d, want %d", status, tt.wantStatus)
					}
					if attempts != 1 {
						t.Errorf("client made %d attempts, want 1: the proxy did not answer in time", attempts)
					}
					if took := time.Since(start); took >= tt.clientTimeout {
						t.Errorf("answer after %v, not within the client's %v", took, tt.clientTimeout)
					}
					if n := int(up.n.Load()); n < 1 || n > 1+retry.DefaultMaxRetries {
						t.Errorf("upstream saw %d requests", n)
					}
				})
			})
		}
	}
}

func TestClientBudget(t *testing.T) {
	p, err := New(Config{Upstream: "http://upstream.invalid", ClientTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, tt := range []struct {
		header     string
		want, edge time.Duration
	}{
		{"600", 600 * time.Second, 5 * time.Second},
		{"3", 3 * time.Second, 300 * time.Millisecond},
		{"1.5", 1500 * time.Millisecond, 250 * time.Millisecond},
		{"0.2", 200 * time.Millisecond, 100 * time.Millisecond},
		{"", time.Minute, 5 * time.Second},
		{"-1", time.Minute, 5 * time.Second},
		{"soon", time.Minute, 5 * time.Second},
		{"NaN", time.Minute, 5 * time.Second},
	} {
		h := http.Header{}
		if tt.header != "" {
			h.Set("X-Stainless-Timeout", tt.header)
		}
		got := p.clientBudget(h)
		if got != tt.want {
			t.Errorf("X-Stainless-Timeout %q: budget %v, want %v", tt.header, got, tt.want)
		}
		if m := answerMargin(got); m != tt.edge {
			t.Errorf("budget %v: margin %v, want %v", got, m, tt.edge)
		}
	}
}
