package classify

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	tests := []struct {
		name string
		ms   string
		s    string
		want time.Duration
	}{
		{"absent", "", "", 0},
		{"seconds", "", "2", 2 * time.Second},
		{"fractional seconds", "", "1.5", 1500 * time.Millisecond},
		{"spaces", "", " 3 ", 3 * time.Second},
		{"negative", "", "-5", 0},
		{"garbage", "", "soon", 0},
		{"hex is not a number", "", "0x10", 0},
		{"nan", "", "NaN", 0},
		{"inf", "", "Inf", 0},
		{"huge", "", "1e300", maxRetryAfter},
		{"future date", "", fixedNow.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"past date", "", fixedNow.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"ms wins", "250", "10", 250 * time.Millisecond},
		{"fractional ms", "0.5", "", 500 * time.Microsecond},
		{"bad ms falls back", "abc", "4", 4 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.ms != "" {
				h.Set("Retry-After-Ms", tt.ms)
			}
			if tt.s != "" {
				h.Set("Retry-After", tt.s)
			}
			if got := ParseRetryAfter(h, fixedNow); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"", "2", "1.5", "-5", "soon", "0x10", "NaN", "1e300", "Wed, 21 Oct 2026 07:28:00 GMT", "60", "61"} {
		f.Add(s, "")
		f.Add("", s)
	}
	f.Fuzz(func(t *testing.T, ra, ms string) {
		h := http.Header{}
		h.Set("Retry-After", ra)
		h.Set("Retry-After-Ms", ms)
		got := ParseRetryAfter(h, fixedNow)
		if got < 0 || got > maxRetryAfter {
			t.Fatalf("ParseRetryAfter(%q, %q) = %v out of range", ra, ms, got)
		}
		// Oracle: with no ms header, a plain small integer is that many seconds.
		h.Del("Retry-After-Ms")
		if n, err := strconv.Atoi(ra); err == nil && n >= 0 && n < 1e6 {
			if d := ParseRetryAfter(h, fixedNow); d != time.Duration(n)*time.Second {
				t.Fatalf("ParseRetryAfter(%q) = %v, want %ds", ra, d, n)
			}
		}
	})
}

func TestShouldRetry(t *testing.T) {
	for v, want := range map[string]string{"true": "true", "FALSE": "false", " true ": "true", "yes": "nil", "": "nil"} {
		h := http.Header{}
		h.Set("X-Should-Retry", v)
		got := "nil"
		if b := parseShouldRetry(h); b != nil {
			got = strconv.FormatBool(*b)
		}
		if got != want {
			t.Errorf("x-should-retry %q: got %s, want %s", v, got, want)
		}
	}
}

func TestLimitName(t *testing.T) {
	for claim, want := range map[string]string{
		"five_hour": "session limit", "seven_day": "weekly limit", "seven_day_opus": "Opus limit",
		"seven_day_sonnet": "Sonnet limit", "seven_day_overage_included": "weekly limit",
		"overage": "usage credit limit", "seven_day_fable": "Fable limit", "7d_oi": "weekly limit",
		"": "usage limit", "something_new": "usage limit", "FIVE_HOUR": "session limit",
	} {
		if got := limitName(claim); got != want {
			t.Errorf("limitName(%q) = %q, want %q", claim, got, want)
		}
	}
}

func TestFormatReset(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	tests := []struct {
		name  string
		reset time.Time
		loc   *time.Location
		want  string
	}{
		{"same day", fixedNow.Add(3*time.Hour + 45*time.Minute), time.UTC, "3:45pm"},
		{"tomorrow", fixedNow.Add(24 * time.Hour), time.UTC, "Fri 12:00pm"},
		{"next monday midnight", time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), time.UTC, "Mon 12:00am"},
		{"a week later", fixedNow.Add(7 * 24 * time.Hour), time.UTC, "Dec 3, 2026, 12:00pm (UTC)"},
		{"utc same day", fixedNow.Add(10 * time.Hour), time.UTC, "10:00pm"},
		{"another zone shifts the day", fixedNow.Add(10 * time.Hour), tokyo, "Fri 7:00am"},
		{"past", fixedNow.Add(-48 * time.Hour), time.UTC, "Nov 24, 2026, 12:00pm (UTC)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatReset(tt.reset, fixedNow, tt.loc); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
