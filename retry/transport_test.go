package retry

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ccerr/ccerr/classify"
)

// run sends one request through a Transport with the given policy and
// script, with seeded jitter, and collects the events.
func run(t *testing.T, p *Policy, s *script, req *http.Request) (*http.Response, []Event, error) {
	t.Helper()
	var events []Event
	tr := &Transport{Base: s, Policy: p, rnd: newRand(),
		OnRetry: func(_ *http.Request, ev Event) { events = append(events, ev) }}
	resp, err := tr.RoundTrip(req)
	return resp, events, err
}

func TestScheduleExact(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &script{replies: []reply{r500}}
		resp, events, err := run(t, DefaultPolicy(), s, newPost(`{"model":"m"}`))
		if err != nil {
			t.Fatalf("err = %v, want the last response", err)
		}
		defer resp.Body.Close()
		if got := s.attempts(); got != 11 {
			t.Fatalf("attempts = %d, want 11 (1 + CLAUDE_CODE_MAX_RETRIES 10)", got)
		}
		want := expectedDelays(10, 500*time.Millisecond, 32*time.Second, 0.25, 0)
		if got := s.gaps(); !slices.Equal(got, want) {
			t.Errorf("gaps = %v, want %v", got, want)
		}
		for i, ev := range events {
			if ev.Attempt != i+1 || ev.Max != 10 || ev.Delay != want[i] || ev.Failure.ID != "server-error" {
				t.Errorf("event %d = %+v", i, ev)
			}
		}
		if len(events) != 10 {
			t.Errorf("%d events, want 10", len(events))
		}
		if AttemptsFrom(resp) != 11 {
			t.Errorf("AttemptsFrom = %d, want 11", AttemptsFrom(resp))
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 500 || string(b) != r500.body {
			t.Errorf("last response %d %q, want it unchanged", resp.StatusCode, b)
		}
		for _, sent := range s.sent {
			if sent != `{"model":"m"}` {
				t.Errorf("attempt sent body %q, want it rewound", sent)
			}
		}
	})
}

func TestScheduleRanges(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &script{replies: []reply{r500}}
		tr := &Transport{Base: s} // nil policy, global rand
		resp, err := tr.RoundTrip(newPost("x"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		gaps := s.gaps()
		if len(gaps) != 10 {
			t.Fatalf("%d retries, want 10", len(gaps))
		}
		for i, g := range gaps {
			lo := min(500*time.Millisecond<<i, 32*time.Second)
			hi := lo + lo/4
			if g < lo || g >= hi {
				t.Errorf("gap %d = %v, want in [%v, %v)", i+1, g, lo, hi)
			}
		}
	})
}

func TestOverloadedCap(t *testing.T) {
	tests := []struct {
		name     string
		replies  []reply
		watchdog bool
		want     int
		wantCode int
	}{
		{"three 529s end it", []reply{r529}, false, 3, 529},
		{"two 529s then ok", []reply{r529, r529, r200}, false, 3, 200},
		{"a 500 resets the count", []reply{r529, r529, r500, r529, r529, r529}, false, 6, 529},
		{"watchdog lifts the cap", append(slices.Repeat([]reply{r529}, 20), r200), true, 21, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := &script{replies: tt.replies}
				p := DefaultPolicy()
				p.Watchdog = tt.watchdog
				p.MaxRetries = 2 // the watchdog must not be bounded by it for 529s
				if !tt.watchdog {
					p.MaxRetries = 10
				}
				resp, _, err := run(t, p, s, newPost("x"))
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if s.attempts() != tt.want || resp.StatusCode != tt.wantCode {
					t.Errorf("attempts %d status %d, want %d %d", s.attempts(), resp.StatusCode, tt.want, tt.wantCode)
				}
			})
		})
	}
}

func TestRetryAfter(t *testing.T) {
	r429 := func(ra string) reply {
		return reply{status: 429, headers: map[string]string{"retry-after": ra}, body: envelope("rate_limit_error", "Rate limited")}
	}
	tests := []struct {
		name       string
		ra         string
		watchdog   bool
		wantN      int
		retryAfter time.Duration
	}{
		{"2 s raises the delay", "2", false, 4, 2 * time.Second},
		{"60 s is waited", "60", false, 4, 60 * time.Second},
		{"61 s ends retrying", "61", false, 1, 0},
		{"watchdog waits 120 s", "120", true, 4, 120 * time.Second},
		{"date form", "", false, 4, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p := DefaultPolicy()
				p.MaxRetries = 3
				p.Watchdog = tt.watchdog
				rep := r429(tt.ra)
				if tt.ra == "" {
					// An HTTP date 5 s ahead of the (fake) clock, at whole seconds.
					rep = r429(time.Now().Add(5 * time.Second).UTC().Format(http.TimeFormat))
					tt.retryAfter = 5 * time.Second
				}
				s := &script{replies: []reply{rep, rep, rep, r200}}
				resp, _, err := run(t, p, s, newPost("x"))
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if s.attempts() != tt.wantN {
					t.Fatalf("attempts = %d, want %d", s.attempts(), tt.wantN)
				}
				if tt.wantN == 1 {
					return
				}
				want := expectedDelays(tt.wantN-1, 500*time.Millisecond, 32*time.Second, 0.25, tt.retryAfter)
				got := s.gaps()
				if tt.ra == "" {
					// The date is fixed, so only the first wait is raised by it.
					got, want = got[:1], want[:1]
				}
				if !slices.Equal(got, want) {
					t.Errorf("gaps = %v, want %v", got, want)
				}
			})
		})
	}
}

func TestShouldRetry(t *testing.T) {
	no := map[string]string{"x-should-retry": "false"}
	yes := map[string]string{"x-should-retry": "true"}
	tests := []struct {
		name    string
		replies []reply
		want    int
		status  int
	}{
		{"false stops a 500", []reply{{status: 500, headers: no, body: r500.body}}, 1, 500},
		{"true retries a 400", []reply{{status: 400, headers: yes, body: envelope("invalid_request_error", "prompt is too long")}, r200}, 2, 200},
		{"true retries a 500", []reply{{status: 500, headers: yes}, r200}, 2, 200},
		{"spend cap is not retried", []reply{{status: 429, body: `{"type":"error","error":{"type":"rate_limit_error","message":"cap","details":{"error_code":"enforced_spend_limit_reached"}}}`}}, 1, 429},
		{"usage limit is not retried", []reply{{status: 429, headers: map[string]string{"anthropic-ratelimit-unified-status": "rejected"}, body: envelope("rate_limit_error", "x")}}, 1, 429},
		{"credit 400 is not retried", []reply{{status: 400, body: envelope("invalid_request_error", "Your credit balance is too low")}}, 1, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := &script{replies: tt.replies}
				req := newPost("x")
				if strings.Contains(tt.name, "usage") {
					req.Header.Del("X-Api-Key")
					req.Header.Set("Authorization", "Bearer sk-ant-oat01-test")
				}
				resp, _, err := run(t, DefaultPolicy(), s, req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if s.attempts() != tt.want || resp.StatusCode != tt.status {
					t.Errorf("attempts %d status %d, want %d %d", s.attempts(), resp.StatusCode, tt.want, tt.status)
				}
			})
		})
	}
}

func TestAttemptTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		hang := rtFunc(func(r *http.Request) (*http.Response, error) {
			<-r.Context().Done()
			return nil, r.Context().Err() // as a careless base might: context.Canceled
		})
		p := DefaultPolicy()
		p.MaxRetries = 3
		p.AttemptTimeout = 3 * time.Second
		var started []time.Time
		tr := &Transport{Base: rtFunc(func(r *http.Request) (*http.Response, error) {
			started = append(started, time.Now())
			return hang(r)
		}), Policy: p, rnd: newRand()}
		start := time.Now()
		_, err := tr.RoundTrip(newPost("x"))
		var re *Error
		if !errors.As(err, &re) {
			t.Fatalf("err = %v, want *Error", err)
		}
		if re.Attempts != 4 || re.Failure.ID != "request-timeout" || !errors.Is(err, context.Canceled) {
			t.Errorf("got %d attempts, %q, last %v", re.Attempts, re.Failure.ID, re.Last)
		}
		want := expectedDelays(3, 500*time.Millisecond, 32*time.Second, 0.25, 0)
		for i := 1; i < len(started); i++ {
			if g := started[i].Sub(started[i-1]); g != 3*time.Second+want[i-1] {
				t.Errorf("gap %d = %v, want 3s + %v", i, g, want[i-1])
			}
		}
		if total := time.Since(start); total != 4*3*time.Second+want[0]+want[1]+want[2] {
			t.Errorf("total %v", total)
		}
	})
}

func TestAttemptTimeoutCause(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &Policy{AttemptTimeout: time.Second}
		tr := &Transport{Policy: p, Base: rtFunc(func(r *http.Request) (*http.Response, error) {
			<-r.Context().Done()
			return nil, context.Cause(r.Context()) // as net/http does
		})}
		_, err := tr.RoundTrip(newPost("x"))
		if !errors.Is(err, ErrAttemptTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want ErrAttemptTimeout", err)
		}
	})
}

func TestCancelMidWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cause := errors.New("user pressed esc")
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		s := &script{replies: []reply{r529, r500}}
		var waits []time.Duration
		tr := &Transport{Base: s, rnd: newRand(), OnRetry: func(_ *http.Request, ev Event) {
			waits = append(waits, ev.Delay)
			if ev.Attempt == 2 {
				time.AfterFunc(ev.Delay/2, func() { cancel(cause) })
			}
		}}
		start := time.Now()
		resp, err := tr.RoundTrip(newPost("x").WithContext(ctx))
		if resp != nil || err != cause {
			t.Fatalf("got %v, %v; want nil, the cause", resp, err)
		}
		if s.attempts() != 2 {
			t.Errorf("attempts = %d, want 2", s.attempts())
		}
		if got, want := time.Since(start), waits[0]+waits[1]/2; got != want {
			t.Errorf("returned after %v, want %v", got, want)
		}
		for i, b := range s.bodies {
			if !b.isClosed() {
				t.Errorf("body %d not closed", i)
			}
		}
	})
}

func TestUnrewindableBody(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &script{replies: []reply{r500, r200}}
		req := newPost("x")
		req.GetBody = nil
		resp, events, err := run(t, DefaultPolicy(), s, req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if s.attempts() != 1 || resp.StatusCode != 500 || len(events) != 0 {
			t.Errorf("attempts %d status %d events %d; want one attempt", s.attempts(), resp.StatusCode, len(events))
		}
	})
}

func TestDiscardedBodiesClosed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		big := strings.Repeat("x", 200<<10) // more than is read and drained
		s := &script{replies: []reply{{status: 500, body: big}, r529, {status: 503, body: big}}}
		p := DefaultPolicy()
		p.MaxRetries = 2
		resp, _, err := run(t, p, s, newPost("x"))
		if err != nil {
			t.Fatal(err)
		}
		if len(s.bodies) != 3 {
			t.Fatalf("%d bodies", len(s.bodies))
		}
		for i, b := range s.bodies[:2] {
			if !b.isClosed() {
				t.Errorf("discarded body %d not closed", i)
			}
		}
		last := s.bodies[2]
		if last.isClosed() {
			t.Error("the returned body was closed")
		}
		got, _ := io.ReadAll(resp.Body)
		if len(got) != len(big) {
			t.Errorf("returned body has %d bytes, want all %d", len(got), len(big))
		}
		resp.Body.Close()
		if !last.isClosed() {
			t.Error("closing the returned body did not close the original")
		}
	})
}

func TestTransportErrors(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		refused := &script{replies: []reply{{err: &netErr{syscall.ECONNREFUSED}}}}
		_, events, err := run(t, DefaultPolicy(), refused, newPost("x"))
		var re *Error
		if !errors.As(err, &re) || re.Attempts != 11 || len(events) != 10 {
			t.Fatalf("err = %v, events %d", err, len(events))
		}
		var f *classify.Failure
		if !errors.As(err, &f) || f.ID != "connection-failed" || f.Code != "ECONNREFUSED" || !errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("failure = %+v", f)
		}
		if want := "retry: giving up after 11 attempts: Unable to connect to API (ECONNREFUSED)"; err.Error() != want {
			t.Errorf("Error() = %q, want %q", err.Error(), want)
		}

		tlsErr := &script{replies: []reply{{err: errors.New(`unsupported protocol scheme "ftp"`)}}}
		_, _, err = run(t, DefaultPolicy(), tlsErr, newPost("x"))
		if !errors.As(err, &re) || re.Attempts != 1 {
			t.Errorf("request mistake: err = %v", err)
		}
	})
}

// netErr is a dial error carrying an errno, as net returns.
type netErr struct{ errno syscall.Errno }

func (e *netErr) Error() string { return "dial tcp 127.0.0.1:1: " + e.errno.Error() }
func (e *netErr) Unwrap() error { return e.errno }

func TestAllowRetry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &script{replies: []reply{r500}}
		asked := 0
		tr := &Transport{Base: s, AllowRetry: func(_ *http.Request, ev Event) bool { asked++; return ev.Attempt < 2 }}
		resp, err := tr.RoundTrip(newPost("x"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if s.attempts() != 2 || asked != 2 {
			t.Errorf("attempts %d, asked %d; want 2, 2", s.attempts(), asked)
		}
	})
}

func TestSuccessBodyOutlivesTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var attemptCtx context.Context
		tr := &Transport{Policy: &Policy{AttemptTimeout: time.Second}, Base: rtFunc(func(r *http.Request) (*http.Response, error) {
			attemptCtx = r.Context()
			return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("streamed")), Header: http.Header{}}, nil
		})}
		resp, err := tr.RoundTrip(newPost("x"))
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Second) // fake time: well past the attempt timeout
		if attemptCtx.Err() != nil {
			t.Fatal("the attempt's context ended while the body was unread")
		}
		if AttemptsFrom(resp) != 1 {
			t.Errorf("AttemptsFrom = %d", AttemptsFrom(resp))
		}
		b, _ := io.ReadAll(resp.Body)
		if string(b) != "streamed" {
			t.Errorf("body %q", b)
		}
		if attemptCtx.Err() == nil {
			t.Error("the attempt's context outlived the body's end")
		}
		resp.Body.Close()
	})
}

func TestConcurrentRoundTrips(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := &Transport{rnd: newRand(), Base: rtFunc(func(r *http.Request) (*http.Response, error) {
			if AttemptsFrom(&http.Response{Request: r}) < 3 {
				return &http.Response{StatusCode: 529, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(r529.body)), Request: r}, nil
			}
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
		})}
		errs := make(chan error, 20)
		for range 20 {
			go func() {
				resp, err := tr.RoundTrip(newPost("x"))
				if err == nil {
					resp.Body.Close()
					if resp.StatusCode != 200 || AttemptsFrom(resp) != 3 {
						err = errors.New("unexpected " + resp.Status)
					}
				}
				errs <- err
			}()
		}
		for range 20 {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
	})
}

type idleCloser struct {
	rtFunc
	closed bool
}

func (c *idleCloser) CloseIdleConnections() { c.closed = true }

func TestCloseIdleConnections(t *testing.T) {
	base := &idleCloser{}
	(&http.Client{Transport: &Transport{Base: base}}).CloseIdleConnections()
	if !base.closed {
		t.Error("CloseIdleConnections did not reach the base")
	}
}
