package doctor

import (
	"strings"
	"testing"

	"github.com/ccerr/ccerr/retry"
)

// statedRetries is the number of retries a CLAUDE_CODE_MAX_RETRIES finding
// says Claude Code will make, and whether it says the watchdog is on.
func statedRetries(t *testing.T, f Finding) (n int, watchdog bool) {
	t.Helper()
	n = -1
	for _, m := range f.Detail {
		switch m.Kind {
		case MsgRetriesDefault, MsgRetriesOK, MsgRetriesEffective, MsgRetriesForever:
			n = m.Args[0].(int)
		case MsgRetriesClamped:
			n = m.Args[1].(int)
		case MsgRetriesLenient:
			// the number read; MsgRetriesEffective follows with the count
		case MsgRetriesZero:
			n = 0
		case MsgRetriesWatchdog:
			watchdog = true
		}
	}
	if n < 0 {
		t.Fatalf("the finding states no number of retries: %+v", f.Detail)
	}
	return n, watchdog
}

// statedTimeout is the per-attempt limit in ms an API_TIMEOUT_MS finding
// states.
func statedTimeout(t *testing.T, f Finding) int64 {
	t.Helper()
	for _, m := range f.Detail {
		switch m.Kind {
		case MsgTimeoutLenient:
			return m.Args[1].(int64)
		case MsgTimeoutDefault, MsgTimeoutOK, MsgTimeoutEffective, MsgTimeoutShort:
			return m.Args[0].(int64)
		}
	}
	t.Fatalf("the finding states no timeout: %+v", f.Detail)
	return 0
}

// TestRetrySettingsAgree reads every combination of the retry settings
// through the doctor and through package retry (which ping and the proxy
// use): the number of retries, the watchdog and the per-attempt timeout
// the doctor states are retry's, value for value, and a value retry
// refuses or reads other than written is never reported as fine.
func TestRetrySettingsAgree(t *testing.T) {
	retries := []string{"", "0", "1", "5", " 7 ", "+5", "5 retries", "010", "10", "15", "16", "20", "99", "300", "1000",
		"-1", "-0", "2.5", "1e3", "ten", "0x10", "99999999999999999999", strings.Repeat("9", 400)}
	watchdogs := []string{"", "1", "0", "true", "false", "TRUE", " Yes ", "on", "no", "off", "2", "enabled"}
	timeouts := []string{"", "1", "3000", "59999", "60000", "600000", "0", "-5", "abc", "3e3", "3000ms", "99999999999999999999"}
	for _, mr := range retries {
		for _, wd := range watchdogs {
			for _, to := range timeouts {
				vars := map[string]string{envMaxRetries: mr, envRetryWatchdog: wd, envTimeout: to}
				getenv := func(k string) string { return vars[k] }
				s := retry.ReadSettings(getenv)
				p, _ := retry.PolicyFromEnv(getenv)
				fs := Run(t.Context(), Env{Getenv: getenv}, Options{Offline: true})
				fr := find(t, fs, envMaxRetries)
				n, watchdog := statedRetries(t, fr)
				if n != s.Retries || n != p.MaxRetries || watchdog != s.Unbounded || watchdog != p.Watchdog {
					t.Errorf("%s=%q %s=%q: doctor says %d retries (watchdog %v), retry %d (watchdog %v)",
						envMaxRetries, mr, envRetryWatchdog, wd, n, watchdog, s.Retries, s.Unbounded)
				}
				if m := s.MaxRetries; (m.Reading == retry.Invalid || m.Reading == retry.Clamped || m.Lenient) && fr.Status == OK {
					t.Errorf("%s=%q is read as %s (lenient %v), but the doctor says OK", envMaxRetries, mr, m.Reading, m.Lenient)
				}
				ft := find(t, fs, envTimeout)
				if ms := statedTimeout(t, ft); ms != s.AttemptTimeout.Milliseconds() || ms != p.AttemptTimeout.Milliseconds() {
					t.Errorf("%s=%q: doctor says %d ms, retry %d ms", envTimeout, to, ms, s.AttemptTimeout.Milliseconds())
				}
				if m := s.Timeout; (m.Reading == retry.Invalid || m.Lenient) && ft.Status == OK {
					t.Errorf("%s=%q is read as %s (lenient %v), but the doctor says OK", envTimeout, to, m.Reading, m.Lenient)
				}
				if wd != "" {
					if f := find(t, fs, envRetryWatchdog); (f.Detail[0].Kind == MsgWatchdogOn) != s.Unbounded {
						t.Errorf("%s=%q: doctor says %v, retry watchdog %v", envRetryWatchdog, wd, f.Detail[0].Kind, s.Unbounded)
					}
				}
			}
		}
	}
}
