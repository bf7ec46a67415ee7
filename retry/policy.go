package retry

import (
	"math/rand/v2"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
)

// Defaults measured on Claude Code 2.1.332 (see the package doc).
const (
	DefaultMaxRetries     = 10
	MaxRetriesCap         = 15  // CLAUDE_CODE_MAX_RETRIES above this is clamped unless the watchdog is on
	WatchdogMaxRetries    = 300 // retries for non-429/529 failures under the watchdog when none are set
	DefaultBaseDelay      = 500 * time.Millisecond
	DefaultMaxDelay       = 32 * time.Second
	DefaultJitter         = 0.25
	DefaultMaxOverloaded  = 3
	DefaultMaxRetryAfter  = 60 * time.Second
	DefaultAttemptTimeout = 600 * time.Second
)

// Policy decides whether a failed attempt is retried and how long to wait
// first. Every field can be set in code; [DefaultPolicy] and
// [PolicyFromEnv] fill them as Claude Code does.
//
// The zero Policy makes a single attempt (MaxRetries is 0). A Policy is
// read-only once in use and may be shared by any number of goroutines.
type Policy struct {
	// MaxRetries is how many retries may follow the first attempt; 0 means
	// none. Under the watchdog it does not bound 429s and 529s.
	MaxRetries int
	// BaseDelay is the backoff before the first retry; it doubles for each
	// later retry. Zero means DefaultBaseDelay (500 ms).
	BaseDelay time.Duration
	// MaxDelay caps the backoff (before jitter). Zero means
	// DefaultMaxDelay (32 s).
	MaxDelay time.Duration
	// Jitter stretches each delay by a random factor in [1, 1+Jitter).
	// Zero means no jitter.
	Jitter float64
	// MaxOverloaded is how many consecutive 529 (overloaded) failures end
	// the retries, whatever MaxRetries says. Zero means no such limit.
	MaxOverloaded int
	// MaxRetryAfter is the longest wait a server may ask for with
	// retry-after; a longer one ends the retries at once. Zero means no
	// limit.
	MaxRetryAfter time.Duration
	// Watchdog is CLAUDE_CODE_RETRY_WATCHDOG: 429s and 529s are retried
	// without limit, and MaxOverloaded and MaxRetryAfter do not apply (the
	// full retry-after is waited).
	Watchdog bool
	// AttemptTimeout bounds each attempt until its response headers have
	// arrived (and, for a failed attempt, its error body has been read);
	// a timed-out attempt is a request-timeout failure and is retried.
	// Zero means no per-attempt bound.
	AttemptTimeout time.Duration
	// Retryable says whether a failure is worth another attempt, before
	// x-should-retry, the limits and the waits are considered. Nil means
	// [DefaultRetryable].
	Retryable func(*classify.Failure) bool
}

// DefaultPolicy returns Claude Code's measured policy: 10 retries, 500 ms
// doubling to at most 32 s plus up to 25% jitter, at most 3 consecutive
// 529s, retry-after honoured up to 60 s, and 600 s per attempt.
func DefaultPolicy() *Policy {
	return &Policy{
		MaxRetries:     DefaultMaxRetries,
		BaseDelay:      DefaultBaseDelay,
		MaxDelay:       DefaultMaxDelay,
		Jitter:         DefaultJitter,
		MaxOverloaded:  DefaultMaxOverloaded,
		MaxRetryAfter:  DefaultMaxRetryAfter,
		AttemptTimeout: DefaultAttemptTimeout,
	}
}

// DefaultRetryable is Claude Code's list of transient failures: server
// errors, overloaded, timeouts, throttling and ordinary rate limits, and
// connections that were refused, dropped or did not resolve. It never
// retries the tier spend cap (error code enforced_spend_limit_reached), a
// proxy's refusal to tunnel (ERR_PROXY_TUNNEL), certificate failures,
// credentials, billing, quota 429s or requests the API rejected. A failure
// no catalog entry describes is retried only for a 5xx.
//
// Claude Code 2.1.332 also retries a 401 sent with an API key; this
// package does not, as neither the reference nor the documentation calls
// it transient.
func DefaultRetryable(f *classify.Failure) bool {
	switch f.ID {
	case catalog.ServerError, catalog.Overloaded, catalog.RequestTimeout, catalog.ServerThrottled:
		return true
	case catalog.RateLimited:
		return f.ErrorCode != "enforced_spend_limit_reached"
	case catalog.ConnectionFailed:
		return f.Code != "ERR_PROXY_TUNNEL"
	case "":
		return f.Status >= 500
	}
	return false
}

// MaxAttempts is 1 + MaxRetries: how many requests a failure that is always
// retried produces (429s and 529s under the watchdog aside).
func (p *Policy) MaxAttempts() int { return 1 + max(p.MaxRetries, 0) }

// Decide says whether failure f, which ended attempt number attempt
// (1 for the first request), is retried, and how long to wait before the
// next attempt. overloaded is the number of consecutive overloaded
// failures including f. r supplies the jitter; nil means the global
// math/rand/v2 source. A nil f is never retried.
//
// In order: x-should-retry: false ends the retries and x-should-retry:
// true makes f retryable whatever its kind; then Retryable; then the
// limits (MaxRetries, MaxOverloaded, and MaxRetryAfter against the
// server's retry-after before jitter). The wait is the backoff for retry
// number attempt, min(BaseDelay×2^(attempt−1), MaxDelay), or the server's
// retry-after if longer, each stretched by the same jitter factor.
func (p *Policy) Decide(f *classify.Failure, attempt, overloaded int, r *rand.Rand) (retry bool, delay time.Duration) {
	if p == nil || f == nil {
		return false, 0
	}
	if f.ShouldRetry != nil {
		if !*f.ShouldRetry {
			return false, 0
		}
	} else if !p.retryable(f) {
		return false, 0
	}
	if !(p.Watchdog && unboundedUnderWatchdog(f)) {
		if attempt > p.MaxRetries {
			return false, 0
		}
		if f.ID == catalog.Overloaded && !p.Watchdog && p.MaxOverloaded > 0 && overloaded >= p.MaxOverloaded {
			return false, 0
		}
	}
	if f.RetryAfter > 0 && !p.Watchdog && p.MaxRetryAfter > 0 && f.RetryAfter > p.MaxRetryAfter {
		return false, 0
	}
	stretch := 1.0
	if p.Jitter > 0 {
		var u float64
		if r != nil {
			u = r.Float64()
		} else {
			u = rand.Float64()
		}
		stretch += p.Jitter * u
	}
	delay = scale(p.backoff(attempt), stretch)
	if f.RetryAfter > 0 {
		delay = max(delay, scale(f.RetryAfter, stretch))
	}
	return true, delay
}

func (p *Policy) retryable(f *classify.Failure) bool {
	if p.Retryable != nil {
		return p.Retryable(f)
	}
	return DefaultRetryable(f)
}

// unboundedUnderWatchdog: the watchdog retries 429s and 529s indefinitely.
func unboundedUnderWatchdog(f *classify.Failure) bool {
	switch f.ID {
	case catalog.Overloaded, catalog.RateLimited, catalog.ServerThrottled:
		return true
	}
	return false
}

// backoff is min(BaseDelay×2^(n−1), MaxDelay) for retry n ≥ 1.
func (p *Policy) backoff(n int) time.Duration {
	base, ceil := p.BaseDelay, p.MaxDelay
	if base <= 0 {
		base = DefaultBaseDelay
	}
	if ceil <= 0 {
		ceil = DefaultMaxDelay
	}
	n = max(n, 1)
	if n-1 >= 62 || base > ceil>>(n-1) {
		return ceil
	}
	return min(base<<(n-1), ceil)
}

// scale multiplies d by k without overflowing.
func scale(d time.Duration, k float64) time.Duration {
	x := float64(d) * k
	if x >= float64(1<<63-1) {
		return 1<<63 - 1
	}
	return time.Duration(x)
}
