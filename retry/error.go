package retry

import (
	"context"
	"fmt"

	"github.com/ccerr/ccerr/classify"
)

// Error is what [Transport.RoundTrip] returns when it gives up on a request
// that got no HTTP response (a refused or dropped connection, a timeout, a
// certificate failure). For an HTTP failure it returns the last response
// instead.
type Error struct {
	// Failure is the classified last failure.
	Failure *classify.Failure
	// Last is the error of the last attempt, as the base RoundTripper
	// returned it.
	Last error
	// Attempts is how many requests were made.
	Attempts int
}

// Error says how many attempts were made and renders the failure.
func (e *Error) Error() string {
	what := "<nil>"
	switch {
	case e.Failure != nil:
		what = e.Failure.Error()
	case e.Last != nil:
		what = e.Last.Error()
	}
	noun := "attempts"
	if e.Attempts == 1 {
		noun = "attempt"
	}
	return fmt.Sprintf("retry: giving up after %d %s: %s", e.Attempts, noun, what)
}

// Unwrap returns the failure and the last error, so that errors.As finds a
// *classify.Failure and errors.Is finds, say, syscall.ECONNREFUSED.
func (e *Error) Unwrap() []error {
	var errs []error
	if e.Failure != nil {
		errs = append(errs, e.Failure)
	}
	if e.Last != nil {
		errs = append(errs, e.Last)
	}
	return errs
}

// ErrAttemptTimeout is the cause of an attempt cut by
// [Policy.AttemptTimeout]. It matches context.DeadlineExceeded with
// errors.Is.
var ErrAttemptTimeout error = attemptTimeout{}

type attemptTimeout struct{}

func (attemptTimeout) Error() string        { return "retry: attempt timed out" }
func (attemptTimeout) Timeout() bool        { return true }
func (attemptTimeout) Is(target error) bool { return target == context.DeadlineExceeded }
