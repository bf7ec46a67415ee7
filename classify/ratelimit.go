package classify

import (
	"strconv"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/verdict"
)

// usageLimit adds what the unified headers of a rejected subscription quota
// say to f: which limit, and when it resets.
func (c *Classifier) usageLimit(f *Failure) {
	h := f.Header
	f.Limit = limitName(verdict.Get(h, verdict.HeaderUnifiedClaim))
	if s, err := strconv.ParseInt(strings.TrimSpace(verdict.Get(h, verdict.HeaderUnifiedReset)), 10, 64); err == nil && s > 0 && s < 1<<40 {
		f.ResetsAt = time.Unix(s, 0).In(c.location())
	}
}

// limitName maps a representative claim to the words of the message. The
// reference says "session limit" for the five-hour window, which Claude Code
// 2.1.332 calls "5-hour limit"; the reference's wording is used.
func limitName(claim string) string {
	c := strings.ToLower(strings.TrimSpace(claim))
	switch c {
	case "five_hour":
		return "session limit"
	case "seven_day", "seven_day_overage_included":
		return "weekly limit"
	case "seven_day_opus":
		return "Opus limit"
	case "seven_day_sonnet":
		return "Sonnet limit"
	}
	switch {
	case strings.Contains(c, "overage"):
		return "usage credit limit"
	case strings.Contains(c, "opus"):
		return "Opus limit"
	case strings.Contains(c, "sonnet"):
		return "Sonnet limit"
	case strings.Contains(c, "haiku"):
		return "Haiku limit"
	case strings.Contains(c, "fable"):
		return "Fable limit"
	case strings.HasPrefix(c, "five_hour") || strings.HasPrefix(c, "5h"):
		return "session limit"
	case strings.HasPrefix(c, "seven_day") || strings.HasPrefix(c, "7d"):
		return "weekly limit"
	}
	return "usage limit"
}

// formatReset renders a reset time as the reference does, relative to now,
// in loc (see the package doc).
func formatReset(t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	ty, tm, td := t.Date()
	ny, nm, nd := now.Date()
	today := time.Date(ny, nm, nd, 0, 0, 0, 0, loc)
	day := time.Date(ty, tm, td, 0, 0, 0, 0, loc)
	switch days := day.Sub(today).Hours() / 24; {
	case days >= -0.5 && days < 0.5: // same calendar day (DST makes days 23 or 25 hours)
		return t.Format("3:04pm")
	case days > 0 && days < 6.5:
		return t.Format("Mon 3:04pm")
	}
	return t.Format("Jan 2, 2006, 3:04pm") + " (" + t.Format("MST") + ")"
}
