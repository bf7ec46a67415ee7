package retry

import (
	"context"
	"io"
	"sync"
	"time"
)

// attempt is the context of one try: it carries the attempt number for
// AttemptsFrom and, when the policy bounds attempts, a timer that cancels
// it with ErrAttemptTimeout.
type attempt struct {
	ctx    context.Context
	cancel context.CancelCauseFunc // nil when attempts are not bounded
	timer  *time.Timer
}

func startAttempt(parent context.Context, n int, timeout time.Duration) *attempt {
	ctx := context.WithValue(parent, attemptsKey{}, n)
	if timeout <= 0 {
		return &attempt{ctx: ctx}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	return &attempt{
		ctx:    ctx,
		cancel: cancel,
		timer:  time.AfterFunc(timeout, func() { cancel(ErrAttemptTimeout) }),
	}
}

// timedOut reports whether the attempt's own timer ended it.
func (a *attempt) timedOut() bool {
	return a.cancel != nil && context.Cause(a.ctx) == ErrAttemptTimeout
}

// end releases the attempt at once: its response, if any, is discarded.
func (a *attempt) end() {
	if a.cancel != nil {
		a.timer.Stop()
		a.cancel(nil)
	}
}

// hold hands a response body to the caller: the timer stops (the response
// has arrived) but the context stays alive until the body is closed or
// read to its end.
func (a *attempt) hold(rc io.ReadCloser) io.ReadCloser {
	if a.cancel == nil {
		return rc
	}
	a.timer.Stop()
	if rc == nil {
		a.cancel(nil)
		return rc
	}
	return &heldBody{rc: rc, cancel: a.cancel}
}

// heldBody cancels its attempt's context on EOF or Close.
type heldBody struct {
	rc     io.ReadCloser
	cancel context.CancelCauseFunc
	once   sync.Once
}

func (b *heldBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err == io.EOF {
		b.once.Do(func() { b.cancel(nil) })
	}
	return n, err
}

func (b *heldBody) Close() error {
	err := b.rc.Close()
	b.once.Do(func() { b.cancel(nil) })
	return err
}

// prefixBody reads the bytes already taken from a failed response, then
// the rest of it; Close closes the original.
type prefixBody struct {
	r  io.Reader
	rc io.ReadCloser
}

func (b *prefixBody) Read(p []byte) (int, error) { return b.r.Read(p) }
func (b *prefixBody) Close() error               { return b.rc.Close() }
