package retry

import (
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"
)

// rtFunc adapts a function to http.RoundTripper.
type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// reply is one scripted answer: a response (status, headers, body) or an
// error.
type reply struct {
	status  int
	headers map[string]string
	body    string
	err     error
}

// trackedBody records whether it was closed.
type trackedBody struct {
	io.Reader
	mu     sync.Mutex
	closed bool
}

func (b *trackedBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	return nil
}

func (b *trackedBody) isClosed() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.closed
}

// script is a base RoundTripper that plays replies in order, repeating the
// last, and records when each attempt came, what body it carried, and the
// bodies it handed out.
type script struct {
	replies []reply
	mu      sync.Mutex
	times   []time.Time
	sent    []string
	bodies  []*trackedBody
}

func (s *script) RoundTrip(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.times = append(s.times, time.Now())
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		req.Body.Close()
		s.sent = append(s.sent, string(b))
	}
	r := s.replies[min(len(s.times), len(s.replies))-1]
	if r.err != nil {
		return nil, r.err
	}
	h := http.Header{}
	for k, v := range r.headers {
		h.Set(k, v)
	}
	body := &trackedBody{Reader: strings.NewReader(r.body)}
	s.bodies = append(s.bodies, body)
	return &http.Response{StatusCode: r.status, Status: http.StatusText(r.status), Header: h, Body: body, Request: req}, nil
}

func (s *script) attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.times)
}

// gaps returns the time between consecutive attempts.
func (s *script) gaps() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Duration
	for i := 1; i < len(s.times); i++ {
		out = append(out, s.times[i].Sub(s.times[i-1]))
	}
	return out
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

// expectedDelays replays the jitter of newRand for a run of n retries of a
// policy with base delay b, cap c, jitter j, and an optional retry-after.
func expectedDelays(n int, b, c time.Duration, j float64, retryAfter time.Duration) []time.Duration {
	r := newRand()
	var out []time.Duration
	for i := 1; i <= n; i++ {
		k := 1 + j*r.Float64()
		d := min(b<<(i-1), c)
		if i-1 >= 40 {
			d = c
		}
		delay := time.Duration(float64(d) * k)
		if retryAfter > 0 {
			delay = max(delay, time.Duration(float64(retryAfter)*k))
		}
		out = append(out, delay)
	}
	return out
}

func envelope(typ, msg string) string {
	return `{"type":"error","error":{"type":"` + typ + `","message":"` + msg + `"},"request_id":"req_test"}`
}

var (
	r500 = reply{status: 500, body: envelope("api_error", "Internal server error")}
	r529 = reply{status: 529, body: envelope("overloaded_error", "Overloaded")}
	r200 = reply{status: 200, body: `{"type":"message"}`}
)

func newPost(body string) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, "https://api.example.test/v1/messages", strings.NewReader(body))
	req.Header.Set("X-Api-Key", "sk-ant-api03-test")
	return req
}
