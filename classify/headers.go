package classify

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxRetryAfter bounds a parsed retry-after so that absurd values cannot
// overflow a time.Duration; nobody waits a year for an API.
const maxRetryAfter = 365 * 24 * time.Hour

// ParseRetryAfter returns the wait a response asks for: retry-after-ms
// (milliseconds, possibly fractional) wins over retry-after, which is either
// seconds (possibly fractional) or an HTTP date, resolved against now. It
// returns 0 when neither header is present or parsable, or the date is in
// the past, and never more than a year.
func ParseRetryAfter(h http.Header, now time.Time) time.Duration {
	if v := h.Get("Retry-After-Ms"); v != "" {
		if d, ok := parseFloatUnit(v, time.Millisecond); ok {
			return d
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if d, ok := parseFloatUnit(v, time.Second); ok {
		return d
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			return 0
		}
		return min(d, maxRetryAfter)
	}
	return 0
}

// parseFloatUnit parses a non-negative decimal number of units. Negative
// numbers count as zero, as the SDKs treat them.
func parseFloatUnit(s string, unit time.Duration) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "xXpP_") { // no hex floats, no digit separators
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	if f <= 0 {
		return 0, true
	}
	d := f * float64(unit)
	if d >= float64(maxRetryAfter) {
		return maxRetryAfter, true
	}
	return time.Duration(d), true
}

// parseShouldRetry reads x-should-retry: "true" or "false", any case.
func parseShouldRetry(h http.Header) *bool {
	switch strings.ToLower(strings.TrimSpace(h.Get("X-Should-Retry"))) {
	case "true":
		b := true
		return &b
	case "false":
		b := false
		return &b
	}
	return nil
}
