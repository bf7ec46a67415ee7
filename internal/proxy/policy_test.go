package proxy

import (
	"time"

	"github.com/ccerr/ccerr/retry"
)

// fastPolicy is Claude Code's policy with millisecond waits and two
// retries. Its per-attempt timeout is long: no test here should reach it.
func fastPolicy() *retry.Policy {
	p := retry.DefaultPolicy()
	p.MaxRetries = 2
	p.BaseDelay, p.MaxDelay, p.Jitter = time.Millisecond, time.Millisecond, 0
	p.AttemptTimeout = time.Minute
	return p
}

// hangPolicy has a short per-attempt timeout, for the hang scenario: short
// enough for a quick test, long enough for a loopback answer under -race.
func hangPolicy() *retry.Policy {
	p := fastPolicy()
	p.AttemptTimeout = 300 * time.Millisecond
	return p
}

// noRetryPolicy makes one attempt only.
func noRetryPolicy() *retry.Policy {
	p := fastPolicy()
	p.MaxRetries = 0
	return p
}

// wantMaxAttempts is x-ccerr-attempts when fastPolicy gives up.
const wantMaxAttempts = "3"
