package retry

import (
	"slices"
	"testing"
	"time"
)

// TestReadSettings covers every value of the three variables that changes
// what Claude Code does: Claude Code's truth rule for the watchdog, parseInt
// for the numbers, the clamp and the defaults.
func TestReadSettings(t *testing.T) {
	const wd, mr, to = EnvWatchdog, EnvMaxRetries, EnvTimeout
	tests := []struct {
		name      string
		env       map[string]string
		retries   int
		overload  int
		unbounded bool
		timeout   time.Duration
		reading   Reading // of CLAUDE_CODE_MAX_RETRIES
		value     int64
		lenient   bool
		warnings  []string
	}{
		{"unset", nil, 10, 2, false, 600 * time.Second, Unset, 0, false, nil},
		{"empty is unset", map[string]string{mr: "", wd: "", to: ""}, 10, 2, false, 600 * time.Second, Unset, 0, false, nil},
		{"three", map[string]string{mr: "3"}, 3, 2, false, 600 * time.Second, Number, 3, false, nil},
		{"one", map[string]string{mr: "1"}, 1, 1, false, 600 * time.Second, Number, 1, false, nil},
		{"zero", map[string]string{mr: "0"}, 0, 0, false, 600 * time.Second, Number, 0, false, nil},
		{"fifteen", map[string]string{mr: "15"}, 15, 2, false, 600 * time.Second, Number, 15, false, nil},
		{"sixteen clamped", map[string]string{mr: "16"}, 15, 2, false, 600 * time.Second, Clamped, 16, false,
			[]string{"CLAUDE_CODE_MAX_RETRIES=16 clamped to 15"}},
		{"clamped", map[string]string{mr: "99"}, 15, 2, false, 600 * time.Second, Clamped, 99, false,
			[]string{"CLAUDE_CODE_MAX_RETRIES=99 clamped to 15"}},
		{"plus sign", map[string]string{mr: "+5"}, 5, 2, false, 600 * time.Second, Number, 5, true,
			[]string{"CLAUDE_CODE_MAX_RETRIES=+5 is read as 5"}},
		{"trailing text", map[string]string{mr: "5abc"}, 5, 2, false, 600 * time.Second, Number, 5, true,
			[]string{"CLAUDE_CODE_MAX_RETRIES=5abc is read as 5"}},
		{"decimal", map[string]string{mr: "3.7"}, 3, 2, false, 600 * time.Second, Number, 3, true,
			[]string{"CLAUDE_CODE_MAX_RETRIES=3.7 is read as 3"}},
		{"exponent", map[string]string{mr: "1e3"}, 1, 1, false, 600 * time.Second, Number, 1, true,
			[]string{"CLAUDE_CODE_MAX_RETRIES=1e3 is read as 1"}},
		{"hex", map[string]string{mr: "0x10"}, 0, 0, false, 600 * time.Second, Number, 0, true,
			[]string{"CLAUDE_CODE_MAX_RETRIES=0x10 is read as 0"}},
		{"leading zeros", map[string]string{mr: "007"}, 7, 2, false, 600 * time.Second, Number, 7, true,
			[]string{"CLAUDE_CODE_MAX_RETRIES=007 is read as 7"}},
		{"spaces", map[string]string{mr: " 4 ", to: "\t100\n"}, 4, 2, false, 100 * time.Millisecond, Number, 4, false, nil},
		{"minus zero", map[string]string{mr: "-0"}, 0, 0, false, 600 * time.Second, Number, 0, true,
			[]string{"CLAUDE_CODE_MAX_RETRIES=-0 is read as 0"}},
		{"negative", map[string]string{mr: "-1"}, 10, 2, false, 600 * time.Second, Invalid, 0, false,
			[]string{"CLAUDE_CODE_MAX_RETRIES=-1 is not a non-negative integer; using 10"}},
		{"not a number", map[string]string{mr: "ten"}, 10, 2, false, 600 * time.Second, Invalid, 0, false,
			[]string{"CLAUDE_CODE_MAX_RETRIES=ten is not a non-negative integer; using 10"}},
		{"only spaces", map[string]string{mr: "  "}, 10, 2, false, 600 * time.Second, Invalid, 0, false,
			[]string{"CLAUDE_CODE_MAX_RETRIES=   is not a non-negative integer; using 10"}},
		{"huge is clamped", map[string]string{mr: "99999999999999999999"}, 15, 2, false, 600 * time.Second, Clamped, maxCount, false,
			[]string{"CLAUDE_CODE_MAX_RETRIES=99999999999999999999 clamped to 15"}},
		{"not finite", map[string]string{mr: "1" + repeat('0', 400)}, 10, 2, false, 600 * time.Second, Invalid, 0, false,
			[]string{"CLAUDE_CODE_MAX_RETRIES=1" + repeat('0', 400) + " is not a non-negative integer; using 10"}},

		{"watchdog 1", map[string]string{wd: "1"}, 300, 300, true, 600 * time.Second, Unset, 0, false, nil},
		{"watchdog true", map[string]string{wd: "true"}, 300, 300, true, 600 * time.Second, Unset, 0, false, nil},
		{"watchdog yes", map[string]string{wd: "yes"}, 300, 300, true, 600 * time.Second, Unset, 0, false, nil},
		{"watchdog ON padded", map[string]string{wd: " ON "}, 300, 300, true, 600 * time.Second, Unset, 0, false, nil},
		{"watchdog TRUE", map[string]string{wd: "TRUE"}, 300, 300, true, 600 * time.Second, Unset, 0, false, nil},
		{"watchdog 0", map[string]string{wd: "0"}, 10, 2, false, 600 * time.Second, Unset, 0, false, nil},
		{"watchdog false", map[string]string{wd: "false"}, 10, 2, false, 600 * time.Second, Unset, 0, false, nil},
		{"watchdog 2 is off", map[string]string{wd: "2"}, 10, 2, false, 600 * time.Second, Unset, 0, false,
			[]string{"CLAUDE_CODE_RETRY_WATCHDOG=2 is not one of 1, true, yes, on; the watchdog is off"}},
		{"watchdog enabled is off", map[string]string{wd: "enabled"}, 10, 2, false, 600 * time.Second, Unset, 0, false,
			[]string{"CLAUDE_CODE_RETRY_WATCHDOG=enabled is not one of 1, true, yes, on; the watchdog is off"}},
		{"watchdog yes lifts the cap", map[string]string{wd: "yes", mr: "20"}, 20, 20, true, 600 * time.Second, Number, 20, false, nil},
		{"watchdog lifts the cap", map[string]string{wd: "1", mr: "99"}, 99, 99, true, 600 * time.Second, Number, 99, false, nil},
		{"watchdog with fewer", map[string]string{wd: "on", mr: "2"}, 2, 2, true, 600 * time.Second, Number, 2, false, nil},
		{"watchdog with garbage count", map[string]string{wd: "1", mr: "x"}, 300, 300, true, 600 * time.Second, Invalid, 0, false,
			[]string{"CLAUDE_CODE_MAX_RETRIES=x is not a non-negative integer; using 300"}},
		{"watchdog huge", map[string]string{wd: "1", mr: "99999999999999999999"}, maxCount, maxCount, true, 600 * time.Second, Number, maxCount, false, nil},

		{"timeout", map[string]string{to: "3000"}, 10, 2, false, 3 * time.Second, Unset, 0, false, nil},
		{"timeout zero", map[string]string{to: "0"}, 10, 2, false, 600 * time.Second, Unset, 0, false,
			[]string{"API_TIMEOUT_MS=0 is not a positive number of milliseconds; using 600000"}},
		{"timeout negative", map[string]string{to: "-5"}, 10, 2, false, 600 * time.Second, Unset, 0, false,
			[]string{"API_TIMEOUT_MS=-5 is not a positive number of milliseconds; using 600000"}},
		{"timeout words", map[string]string{to: "10s"}, 10, 2, false, 10 * time.Millisecond, Unset, 0, false,
			[]string{"API_TIMEOUT_MS=10s is read as 10"}},
		{"timeout no digits", map[string]string{to: "ten"}, 10, 2, false, 600 * time.Second, Unset, 0, false,
			[]string{"API_TIMEOUT_MS=ten is not a positive number of milliseconds; using 600000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ReadSettings(func(k string) string { return tt.env[k] })
			if s.Retries != tt.retries || s.OverloadedRetries != tt.overload || s.Unbounded != tt.unbounded || s.AttemptTimeout != tt.timeout {
				t.Errorf("got retries %d overloaded %d unbounded %v timeout %v, want %d %d %v %v",
					s.Retries, s.OverloadedRetries, s.Unbounded, s.AttemptTimeout, tt.retries, tt.overload, tt.unbounded, tt.timeout)
			}
			m := s.MaxRetries
			if m.Name != EnvMaxRetries || m.Raw != tt.env[mr] || m.Reading != tt.reading || m.Value != tt.value || m.Lenient != tt.lenient {
				t.Errorf("MaxRetries = %+v, want reading %s value %d lenient %v", m, tt.reading, tt.value, tt.lenient)
			}
			if s.Attempts() != 1+tt.retries {
				t.Errorf("Attempts = %d", s.Attempts())
			}
			if w := s.Warnings(); !slices.Equal(w, tt.warnings) {
				t.Errorf("warnings %q, want %q", w, tt.warnings)
			}
			// PolicyFromEnv agrees with the settings.
			p, w := PolicyFromEnv(func(k string) string { return tt.env[k] })
			if p.MaxRetries != s.Retries || p.Watchdog != s.Unbounded || p.AttemptTimeout != s.AttemptTimeout || !slices.Equal(w, tt.warnings) {
				t.Errorf("PolicyFromEnv = %+v %q, want the settings' policy", p, w)
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
	s := ReadSettings(func(k string) string { return map[string]string{wd: "Yes"}[k] })
	if s.Watchdog.Reading != On || s.Watchdog.Raw != "Yes" || s.Watchdog.Name != EnvWatchdog {
		t.Errorf("Watchdog = %+v", s.Watchdog)
	}
}

func repeat(c byte, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = c
	}
	return string(b)
}

// FuzzParseInt checks parseInt against a plain reading of the same rule.
func FuzzParseInt(f *testing.F) {
	for _, s := range []string{"5", "+5", "-5", " 7 ", "5abc", "", "abc", "0x10", "1e3", "\u00a012", "-0", "00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, _, ok := parseInt(s)
		// Oracle: strip JS space, take a sign and the longest digit run.
		i := 0
		rs := []rune(s)
		for i < len(rs) && isJSSpace(rs[i]) {
			i++
		}
		sign := 1.0
		if i < len(rs) && (rs[i] == '+' || rs[i] == '-') {
			if rs[i] == '-' {
				sign = -1
			}
			i++
		}
		var want float64
		n := 0
		for ; i < len(rs) && rs[i] >= '0' && rs[i] <= '9'; i++ {
			want = want*10 + float64(rs[i]-'0')
			n++
		}
		if n == 0 {
			if ok {
				t.Fatalf("parseInt(%q) = %v, want no number", s, v)
			}
			return
		}
		if n > 300 {
			return // float rounding of very long runs differs; only finiteness matters
		}
		want *= sign
		if !ok || (v != want && !(v == 0 && want == 0)) {
			if v/want < 0.999999999999 || v/want > 1.000000000001 {
				t.Fatalf("parseInt(%q) = %v %v, want %v", s, v, ok, want)
			}
		}
	})
}
