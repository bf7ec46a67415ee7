package retry

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
)

// Limits on the bodies of failed attempts.
const (
	// maxErrorBody is how much of a failed response is read to classify it.
	maxErrorBody = 64 << 10
	// maxDrain is how much of a discarded response is read before closing,
	// so that its connection can be reused.
	maxDrain = 64 << 10
)

// Event describes one retry, reported before its wait begins.
type Event struct {
	// Attempt is the number of the retry about to happen, from 1; it is
	// also the number of attempts made so far. A countdown shows it as
	// "attempt Attempt/Max".
	Attempt int
	// Max is the policy's MaxRetries.
	Max int
	// Delay is the wait before the retry.
	Delay time.Duration
	// Failure is the classified failure of the attempt that just ended.
	Failure *classify.Failure
}

// Transport is an http.RoundTripper that retries failed requests as its
// [Policy] says. The zero value is ready to use. See the package doc for
// what it guarantees.
type Transport struct {
	// Base performs each attempt. If nil, http.DefaultTransport is used.
	Base http.RoundTripper
	// Policy decides whether and when to retry. If nil, DefaultPolicy() is
	// used.
	Policy *Policy
	// Classifier classifies each failure. If nil, a zero
	// classify.Classifier is used.
	Classifier *classify.Classifier
	// OnRetry, if set, is called before each wait with the caller's
	// request (its context lets the caller tell requests apart). It must
	// not modify the request.
	OnRetry func(req *http.Request, ev Event)
	// AllowRetry, if set, is asked before each retry; false gives up at
	// once, as if the policy had said no (a proxy's retry budget). Nil
	// allows every retry the policy allows.
	AllowRetry func(req *http.Request, ev Event) bool

	// rnd, when set (by tests), supplies the jitter; nil uses the global
	// math/rand/v2 source.
	rnd   *rand.Rand
	rndMu sync.Mutex
}

var (
	defaultPolicy     = DefaultPolicy()
	defaultClassifier classify.Classifier
)

type attemptsKey struct{}

// AttemptsFrom returns the number of attempts that produced resp, a
// response returned by [Transport.RoundTrip] (directly, or through an
// http.Client or an SDK). It reads the context of resp.Request, which the
// Transport marks on each attempt; it returns 0 for a response that did
// not come through a Transport. The response's headers are never touched.
// [Attempts] covers the error case too.
func AttemptsFrom(resp *http.Response) int {
	if resp == nil || resp.Request == nil {
		return 0
	}
	n, _ := resp.Request.Context().Value(attemptsKey{}).(int)
	return n
}

// Attempts is the one way to count the requests a [Transport] made for one
// call, whatever its outcome: pass what RoundTrip (or http.Client.Do, or an
// SDK call over it) returned. For a response it is [AttemptsFrom]; for an
// error it is the Attempts of the [*Error] the Transport gave up with
// (found with errors.As through any wrapping). It returns 0 when neither
// came through a Transport, for instance when the caller's context ended
// first. ccerr ping and ccerr proxy report this number.
func Attempts(resp *http.Response, err error) int {
	if resp != nil {
		return AttemptsFrom(resp)
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Attempts
	}
	return 0
}

func (t *Transport) decide(f *classify.Failure, attempt, overloaded int) (bool, time.Duration) {
	p := t.Policy
	if p == nil {
		p = defaultPolicy
	}
	if t.rnd == nil {
		return p.Decide(f, attempt, overloaded, nil)
	}
	t.rndMu.Lock()
	defer t.rndMu.Unlock()
	return p.Decide(f, attempt, overloaded, t.rnd)
}

// RoundTrip sends req, retrying as the policy says. See the package doc.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	p := t.Policy
	if p == nil {
		p = defaultPolicy
	}
	cl := t.Classifier
	if cl == nil {
		cl = &defaultClassifier
	}
	ctx := req.Context()
	// A body that cannot be sent again allows one attempt only.
	rewindable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	body := req.Body
	overloaded := 0

	for attempt := 1; ; attempt++ {
		a := startAttempt(ctx, attempt, p.AttemptTimeout)
		// A shallow copy: net/http's Transport makes the same for its own
		// retries, and a deep one cost a header map per attempt.
		areq := req.WithContext(a.ctx)
		areq.Body = body
		resp, err := base.RoundTrip(areq)

		var f *classify.Failure
		if err != nil {
			if ctx.Err() != nil { // the caller gave up
				a.end()
				return nil, err
			}
			cause := err
			if a.timedOut() {
				// Classify the timeout, whatever the base made of the cancel.
				cause = ErrAttemptTimeout
			}
			f = cl.Err(cause)
			if f == nil {
				a.end()
				return nil, err
			}
		} else {
			if resp.Request == nil {
				resp.Request = areq // so that AttemptsFrom and classify see it
			}
			if resp.Body == nil {
				resp.Body = http.NoBody // the RoundTripper contract promises one; be safe
			}
			if resp.StatusCode < 400 {
				resp.Body = a.hold(resp.Body)
				return resp, nil
			}
			buf, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
			// Hand back what was read, then the rest, if this is the last.
			resp.Body = &prefixBody{r: io.MultiReader(bytes.NewReader(buf), resp.Body), rc: resp.Body}
			f = cl.Response(resp, buf)
			if f.ID == catalog.Overloaded {
				// Word it as Claude Code does after this run of 529s, and
				// let whoever classifies the response again do the same.
				p := classify.ResponseParts(resp, buf)
				p.Repeated = overloaded + 1
				f = cl.Classify(p)
				resp.Request = resp.Request.WithContext(classify.WithRepeated(resp.Request.Context(), p.Repeated))
			}
		}

		if f.ID == catalog.Overloaded {
			overloaded++
		} else {
			overloaded = 0
		}
		retry, delay := false, time.Duration(0)
		if rewindable {
			retry, delay = t.decide(f, attempt, overloaded)
		}
		ev := Event{Attempt: attempt, Max: p.MaxRetries, Delay: delay, Failure: f}
		if retry && t.AllowRetry != nil && !t.AllowRetry(req, ev) {
			retry = false
		}
		var next io.ReadCloser
		if retry && req.GetBody != nil && body != nil && body != http.NoBody {
			b, gerr := req.GetBody()
			if gerr != nil {
				retry = false
				if err != nil {
					err = errors.Join(err, fmt.Errorf("retry: rewinding the request body: %w", gerr))
				}
			} else {
				next = b
			}
		} else {
			next = body
		}
		if !retry {
			if err != nil {
				a.end()
				return nil, &Error{Failure: f, Last: err, Attempts: attempt}
			}
			resp.Body = a.hold(resp.Body)
			return resp, nil
		}
		if resp != nil {
			drain(resp.Body)
		}
		a.end()
		body = next
		if t.OnRetry != nil {
			t.OnRetry(req, ev)
		}
		if err := wait(ctx, delay); err != nil {
			if next != nil {
				next.Close()
			}
			return nil, err
		}
	}
}

// wait sleeps for d or until ctx ends, whichever is first, and returns
// the context's cause in the second case.
func wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return context.Cause(ctx)
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-tm.C:
		return nil
	}
}

// drain reads a little of a discarded body, so its connection can be
// reused, and closes it.
func drain(rc io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(rc, maxDrain))
	_ = rc.Close()
}

// CloseIdleConnections closes the idle connections of Base, when it has
// such a method (http.Transport does), so that http.Client's method of the
// same name reaches through the Transport.
func (t *Transport) CloseIdleConnections() {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	if c, ok := base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}
