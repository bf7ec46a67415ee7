package retry

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The environment variables [PolicyFromEnv] reads, as Claude Code names them.
const (
	EnvMaxRetries = "CLAUDE_CODE_MAX_RETRIES"
	EnvWatchdog   = "CLAUDE_CODE_RETRY_WATCHDOG"
	EnvTimeout    = "API_TIMEOUT_MS"
)

// PolicyFromEnv returns [DefaultPolicy] adjusted by the environment that
// getenv reads (nil reads nothing):
//
//   - CLAUDE_CODE_RETRY_WATCHDOG: "1" or "true" turns the watchdog on
//     (any strconv.ParseBool value is accepted); with it, MaxRetries
//     defaults to 300 and is not clamped.
//   - CLAUDE_CODE_MAX_RETRIES: a non-negative integer; above 15 it is
//     clamped to 15 unless the watchdog is on.
//   - API_TIMEOUT_MS: a positive number of milliseconds for AttemptTimeout.
//
// A value that cannot be used is ignored (the default stays) and
// described in a warning; a clamped value gives the warning Claude Code
// prints, "CLAUDE_CODE_MAX_RETRIES=99 clamped to 15". Empty values count as
// unset.
func PolicyFromEnv(getenv func(string) string) (*Policy, []string) {
	p := DefaultPolicy()
	if getenv == nil {
		return p, nil
	}
	var warnings []string
	warn := func(format string, args ...any) { warnings = append(warnings, fmt.Sprintf(format, args...)) }

	if v := strings.TrimSpace(getenv(EnvWatchdog)); v != "" {
		if on, err := strconv.ParseBool(v); err == nil {
			p.Watchdog = on
		} else {
			warn("%s=%s is not 1 or 0; the watchdog stays off", EnvWatchdog, v)
		}
	}
	if p.Watchdog {
		p.MaxRetries = WatchdogMaxRetries
	}
	if v := strings.TrimSpace(getenv(EnvMaxRetries)); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil || n < 0:
			warn("%s=%s is not a non-negative integer; using %d", EnvMaxRetries, v, p.MaxRetries)
		case n > MaxRetriesCap && !p.Watchdog:
			warn("%s=%d clamped to %d", EnvMaxRetries, n, MaxRetriesCap)
			p.MaxRetries = MaxRetriesCap
		default:
			p.MaxRetries = n
		}
	}
	if v := strings.TrimSpace(getenv(EnvTimeout)); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 || n > int64(time.Duration(1<<63-1)/time.Millisecond) {
			warn("%s=%s is not a positive number of milliseconds; using %d", EnvTimeout, v, p.AttemptTimeout.Milliseconds())
		} else {
			p.AttemptTimeout = time.Duration(n) * time.Millisecond
		}
	}
	return p, warnings
}

// FromEnv is PolicyFromEnv(os.Getenv).
func FromEnv() (*Policy, []string) { return PolicyFromEnv(os.Getenv) }
