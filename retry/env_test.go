package retry

import (
	"slices"
	"testing"
	"time"
)

func TestPolicyFromEnv(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		retries  int
		watchdog bool
		timeout  time.Duration
		warnings []string
	}{
		{"unset", nil, 10, false, 600 * time.Second, nil},
		{"three", map[string]string{"CLAUDE_CODE_MAX_RETRIES": "3"}, 3, false, 600 * time.Second, nil},
		{"zero", map[string]string{"CLAUDE_CODE_MAX_RETRIES": "0"}, 0, false, 600 * time.Second, nil},
		{"fifteen", map[string]string{"CLAUDE_CODE_MAX_RETRIES": "15"}, 15, false, 600 * time.Second, nil},
		{"clamped", map[string]string{"CLAUDE_CODE_MAX_RETRIES": "99"}, 15, false, 600 * time.Second,
			[]string{"CLAUDE_CODE_MAX_RETRIES=99 clamped to 15"}},
		{"negative", map[string]string{"CLAUDE_CODE_MAX_RETRIES": "-1"}, 10, false, 600 * time.Second,
			[]string{"CLAUDE_CODE_MAX_RETRIES=-1 is not a non-negative integer; using 10"}},
		{"not a number", map[string]string{"CLAUDE_CODE_MAX_RETRIES": "ten"}, 10, false, 600 * time.Second,
			[]string{"CLAUDE_CODE_MAX_RETRIES=ten is not a non-negative integer; using 10"}},
		{"overflow", map[string]string{"CLAUDE_CODE_MAX_RETRIES": "99999999999999999999"}, 10, false, 600 * time.Second,
			[]string{"CLAUDE_CODE_MAX_RETRIES=99999999999999999999 is not a non-negative integer; using 10"}},
		{"watchdog default", map[string]string{"CLAUDE_CODE_RETRY_WATCHDOG": "1"}, 300, true, 600 * time.Second, nil},
		{"watchdog lifts the cap", map[string]string{"CLAUDE_CODE_RETRY_WATCHDOG": "1", "CLAUDE_CODE_MAX_RETRIES": "99"}, 99, true, 600 * time.Second, nil},
		{"watchdog off", map[string]string{"CLAUDE_CODE_RETRY_WATCHDOG": "0"}, 10, false, 600 * time.Second, nil},
		{"watchdog garbage", map[string]string{"CLAUDE_CODE_RETRY_WATCHDOG": "please"}, 10, false, 600 * time.Second,
			[]string{"CLAUDE_CODE_RETRY_WATCHDOG=please is not 1 or 0; the watchdog stays off"}},
		{"timeout", map[string]string{"API_TIMEOUT_MS": "3000"}, 10, false, 3 * time.Second, nil},
		{"timeout zero", map[string]string{"API_TIMEOUT_MS": "0"}, 10, false, 600 * time.Second,
			[]string{"API_TIMEOUT_MS=0 is not a positive number of milliseconds; using 600000"}},
		{"timeout words", map[string]string{"API_TIMEOUT_MS": "10s"}, 10, false, 600 * time.Second,
			[]string{"API_TIMEOUT_MS=10s is not a positive number of milliseconds; using 600000"}},
		{"spaces", map[string]string{"CLAUDE_CODE_MAX_RETRIES": " 4 ", "API_TIMEOUT_MS": " 100"}, 4, false, 100 * time.Millisecond, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, warnings := PolicyFromEnv(func(k string) string { return tt.env[k] })
			if p.MaxRetries != tt.retries || p.Watchdog != tt.watchdog || p.AttemptTimeout != tt.timeout {
				t.Errorf("got retries %d watchdog %v timeout %v, want %d %v %v", p.MaxRetries, p.Watchdog, p.AttemptTimeout, tt.retries, tt.watchdog, tt.timeout)
			}
			if !slices.Equal(warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", warnings, tt.warnings)
			}
			if p.BaseDelay != 500*time.Millisecond || p.MaxDelay != 32*time.Second || p.Jitter != 0.25 ||
				p.MaxOverloaded != 3 || p.MaxRetryAfter != time.Minute {
				t.Errorf("defaults changed: %+v", p)
			}
		})
	}
	if p, w := PolicyFromEnv(nil); p.MaxRetries != 10 || w != nil {
		t.Errorf("PolicyFromEnv(nil) = %+v, %v", p, w)
	}
}
