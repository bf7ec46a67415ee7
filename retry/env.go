package retry

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The environment variables [ReadSettings] reads, as Claude Code names them.
const (
	EnvMaxRetries = "CLAUDE_CODE_MAX_RETRIES"
	EnvWatchdog   = "CLAUDE_CODE_RETRY_WATCHDOG"
	EnvTimeout    = "API_TIMEOUT_MS"
)

// maxCount bounds a number of retries read from the environment; under the
// watchdog Claude Code takes any finite number, which is unlimited in
// practice.
const maxCount = math.MaxInt32

// Reading says how Claude Code read one variable.
type Reading string

// The readings.
const (
	// Unset: the variable is absent or empty (Claude Code treats an empty
	// value as unset); the default applies.
	Unset Reading = "unset"
	// Number: read as the number in Setting.Value. Setting.Lenient tells
	// whether the text held more than the number.
	Number Reading = "number"
	// Clamped: CLAUDE_CODE_MAX_RETRIES above MaxRetriesCap with the
	// watchdog off; MaxRetriesCap is used and Claude Code logs
	// "CLAUDE_CODE_MAX_RETRIES=N clamped to 15".
	Clamped Reading = "clamped"
	// Invalid: no usable number (no digits, negative, or too large to be
	// finite; for API_TIMEOUT_MS also zero); ignored, the default applies.
	Invalid Reading = "invalid"
	// On: CLAUDE_CODE_RETRY_WATCHDOG is 1, true, yes or on (any case,
	// surrounding white space ignored).
	On Reading = "on"
	// Off: CLAUDE_CODE_RETRY_WATCHDOG is set to anything else.
	Off Reading = "off"
)

// Setting is one variable as Claude Code reads it.
type Setting struct {
	// Name is the variable, e.g. "CLAUDE_CODE_MAX_RETRIES".
	Name string
	// Raw is its value, verbatim; "" when unset.
	Raw string
	// Reading says how it was read.
	Reading Reading
	// Value is the number read (for Number and Clamped, the number before
	// clamping; saturated at 2^31−1); 0 otherwise.
	Value int64
	// Lenient is true when the number was read from a longer text, as
	// JavaScript's parseInt reads it: a sign ("+5"), trailing text ("5
	// retries", "3.7", "1e3" → 1), leading zeros.
	Lenient bool
}

// Settings are Claude Code's retry settings as it reads them from the
// environment, and what they come to. [ReadSettings] fills it; [Settings.Policy]
// turns it into a [Policy]. Each variable is kept with its raw value and
// reading, so that a report can show them without parsing them again.
type Settings struct {
	// MaxRetries is CLAUDE_CODE_MAX_RETRIES.
	MaxRetries Setting
	// Watchdog is CLAUDE_CODE_RETRY_WATCHDOG.
	Watchdog Setting
	// Timeout is API_TIMEOUT_MS.
	Timeout Setting

	// Retries is the effective number of retries after the first attempt
	// for a failure Claude Code keeps retrying (5xx, timeouts, dropped
	// connections): CLAUDE_CODE_MAX_RETRIES as read, clamped to 15 unless
	// the watchdog is on; by default 10, or 300 under the watchdog.
	Retries int
	// OverloadedRetries is the number of retries for 529s in a row: Claude
	// Code gives up at the third consecutive one, so at most
	// DefaultMaxOverloaded−1 (and no more than Retries). Under the watchdog
	// 529s are not bounded (see Unbounded) and this equals Retries.
	OverloadedRetries int
	// Unbounded is true under the watchdog: 429s and 529s are retried
	// without limit, and any retry-after is waited out.
	Unbounded bool
	// AttemptTimeout bounds each attempt (API_TIMEOUT_MS, by default 600
	// s).
	AttemptTimeout time.Duration
}

// ReadSettings reads Claude Code's retry settings through getenv (nil
// reads nothing) by Claude Code's rules (2.1.332):
//
//   - An empty value is unset.
//   - CLAUDE_CODE_RETRY_WATCHDOG is on when its value, trimmed of white
//     space, is 1, true, yes or on in any case; any other value is off.
//   - CLAUDE_CODE_MAX_RETRIES is read as JavaScript's parseInt(v, 10)
//     reads it: leading white space, an optional sign, then the decimal
//     digits up to the first other character ("+5" and "5abc" are 5,
//     "1e3" is 1, "0x10" is 0). No digits, a negative number, or one too
//     large to be finite leave the default (10, or 300 under the
//     watchdog). Above 15 it is clamped to 15, unless the watchdog is on.
//   - API_TIMEOUT_MS is read the same way as milliseconds; zero, a
//     negative number or no digits leave the default (600000).
func ReadSettings(getenv func(string) string) Settings {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	s := Settings{
		MaxRetries: readNumber(EnvMaxRetries, getenv(EnvMaxRetries)),
		Watchdog:   readBool(EnvWatchdog, getenv(EnvWatchdog)),
		Timeout:    readNumber(EnvTimeout, getenv(EnvTimeout)),
	}
	s.Unbounded = s.Watchdog.Reading == On

	s.Retries = DefaultMaxRetries
	if s.Unbounded {
		s.Retries = WatchdogMaxRetries
	}
	if s.MaxRetries.Reading == Number {
		switch {
		case s.MaxRetries.Value > MaxRetriesCap && !s.Unbounded:
			s.MaxRetries.Reading = Clamped
			s.Retries = MaxRetriesCap
		default:
			s.Retries = int(s.MaxRetries.Value)
		}
	}
	s.OverloadedRetries = s.Retries
	if !s.Unbounded {
		s.OverloadedRetries = min(s.Retries, DefaultMaxOverloaded-1)
	}

	s.AttemptTimeout = DefaultAttemptTimeout
	if s.Timeout.Reading == Number {
		if s.Timeout.Value <= 0 || s.Timeout.Value > int64(math.MaxInt64/time.Millisecond) {
			s.Timeout.Reading = Invalid
		} else {
			s.AttemptTimeout = time.Duration(s.Timeout.Value) * time.Millisecond
		}
	}
	return s
}

// Attempts is 1 + Retries: how many requests a failure Claude Code keeps
// retrying produces (429s and 529s under the watchdog aside).
func (s Settings) Attempts() int { return 1 + s.Retries }

// Policy returns [DefaultPolicy] with the settings applied: MaxRetries,
// Watchdog and AttemptTimeout.
func (s Settings) Policy() *Policy {
	p := DefaultPolicy()
	p.MaxRetries = s.Retries
	p.Watchdog = s.Unbounded
	p.AttemptTimeout = s.AttemptTimeout
	return p
}

// Warnings describes, one line each, the values that were not used as
// written: Claude Code's own "CLAUDE_CODE_MAX_RETRIES=N clamped to 15",
// and values that were ignored or read leniently.
func (s Settings) Warnings() []string {
	var w []string
	switch m := s.MaxRetries; {
	case m.Reading == Clamped:
		n := strconv.FormatInt(m.Value, 10)
		if m.Value == maxCount {
			n = strings.TrimFunc(m.Raw, isJSSpace)
		}
		w = append(w, fmt.Sprintf("%s=%s clamped to %d", m.Name, n, MaxRetriesCap))
	case m.Reading == Invalid:
		w = append(w, fmt.Sprintf("%s=%s is not a non-negative integer; using %d", m.Name, m.Raw, s.Retries))
	case m.Reading == Number && m.Lenient:
		w = append(w, fmt.Sprintf("%s=%s is read as %d", m.Name, m.Raw, m.Value))
	}
	if m := s.Watchdog; m.Reading == Off && !isFalse(m.Raw) {
		w = append(w, fmt.Sprintf("%s=%s is not one of 1, true, yes, on; the watchdog is off", m.Name, m.Raw))
	}
	switch m := s.Timeout; {
	case m.Reading == Invalid:
		w = append(w, fmt.Sprintf("%s=%s is not a positive number of milliseconds; using %d", m.Name, m.Raw, DefaultAttemptTimeout.Milliseconds()))
	case m.Reading == Number && m.Lenient:
		w = append(w, fmt.Sprintf("%s=%s is read as %d", m.Name, m.Raw, m.Value))
	}
	return w
}

// PolicyFromEnv returns the [Policy] of ReadSettings(getenv), with its
// warnings.
func PolicyFromEnv(getenv func(string) string) (*Policy, []string) {
	s := ReadSettings(getenv)
	return s.Policy(), s.Warnings()
}

// FromEnv is PolicyFromEnv(os.Getenv).
func FromEnv() (*Policy, []string) { return PolicyFromEnv(os.Getenv) }

// readBool reads a flag as Claude Code's isEnvTruthy does.
func readBool(name, raw string) Setting {
	st := Setting{Name: name, Raw: raw, Reading: Unset}
	if raw == "" {
		return st
	}
	switch strings.ToLower(strings.TrimFunc(raw, isJSSpace)) {
	case "1", "true", "yes", "on":
		st.Reading = On
	default:
		st.Reading = Off
	}
	return st
}

// isFalse reports whether a flag's value reads as plainly off, so that
// turning the watchdog off on purpose gives no warning.
func isFalse(raw string) bool {
	switch strings.ToLower(strings.TrimFunc(raw, isJSSpace)) {
	case "0", "false", "no", "off":
		return true
	}
	return false
}

// readNumber reads a count as parseInt(raw, 10) reads it, and keeps only a
// finite, non-negative result.
func readNumber(name, raw string) Setting {
	st := Setting{Name: name, Raw: raw, Reading: Unset}
	if raw == "" {
		return st
	}
	v, lenient, ok := parseInt(raw)
	if !ok || v < 0 {
		st.Reading = Invalid
		return st
	}
	st.Reading, st.Lenient = Number, lenient
	st.Value = int64(min(v, maxCount))
	return st
}

// parseInt is JavaScript's parseInt(s, 10): white space skipped, an
// optional sign, then decimal digits up to the first other character. ok
// is false when there are no digits or the number is not finite (more than
// about 309 digits). lenient is true when s held anything but the digits
// and surrounding white space (a sign, other text, leading zeros).
func parseInt(s string) (v float64, lenient, ok bool) {
	t := strings.TrimLeftFunc(s, isJSSpace)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg, lenient = t[0] == '-', true
		t = t[1:]
	}
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n == 0 {
		return 0, false, false
	}
	digits, rest := t[:n], t[n:]
	if strings.TrimRightFunc(rest, isJSSpace) != "" || (len(digits) > 1 && digits[0] == '0') {
		lenient = true
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, lenient, false
	}
	if neg {
		v = -v
		if v == 0 {
			v = 0 // parseInt("-0") is -0, which is not below 0
		}
	}
	return v, lenient, true
}

// isJSSpace is JavaScript's white space and line terminators, which
// parseInt and trim skip.
func isJSSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || unicode.Is(unicode.Zs, r)
}
