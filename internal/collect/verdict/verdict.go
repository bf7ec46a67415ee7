// Package verdict names the catalog entry of a failure that Claude Code
// reported through telemetry or a StopFailure hook.
//
// It is the collector's one adapter to ccerr's classification: a telemetry
// event goes to classify.Classify (the one verdict) with its status and
// message, then to package match with the message as Claude Code prints it;
// a hook record goes to match with the exact text the person saw, then to
// classify.Classify with the raw error_details, then falls back to the
// hook's error field.
package verdict

import (
	"strconv"
	"strings"
	"sync"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
	"github.com/ccerr/ccerr/match"
)

// Verdict is the entry a failure is and whose side it is on. A zero
// Verdict means no entry fits.
type Verdict struct {
	ID   catalog.ID
	Side catalog.Side
}

var (
	loadOnce sync.Once
	cat      *catalog.Catalog
	matcher  *match.Matcher
	loadErr  error
)

// load builds the catalog and matcher once, on first use, so that commands
// that never classify do not pay for them.
func load() error {
	loadOnce.Do(func() {
		cat, loadErr = catalog.Default()
		if loadErr == nil {
			matcher, loadErr = match.New(cat)
		}
	})
	return loadErr
}

func (v Verdict) with(id catalog.ID) Verdict {
	v.ID = id
	if e, ok := cat.Lookup(id); ok {
		v.Side = e.Side
	}
	return v
}

// telemetryKey is what a telemetry verdict depends on.
type telemetryKey struct {
	status  int
	message string
}

// maxCached bounds the verdict cache; Claude Code sends few distinct
// messages, so the cache is cleared rather than evicted when full.
const maxCached = 4096

var (
	cacheMu sync.Mutex
	cache   = map[telemetryKey]Verdict{}
)

// Telemetry classifies a claude_code.api_error or api_retries_exhausted
// event from its status_code (0 when absent) and its error message.
// Verdicts are cached: the same status and message give the same entry.
func Telemetry(status int, message string) Verdict {
	k := telemetryKey{status, message}
	cacheMu.Lock()
	v, ok := cache[k]
	cacheMu.Unlock()
	if ok {
		return v
	}
	v = telemetry(status, message)
	cacheMu.Lock()
	if len(cache) >= maxCached {
		clear(cache)
	}
	cache[k] = v
	cacheMu.Unlock()
	return v
}

func telemetry(status int, message string) Verdict {
	if load() != nil {
		return Verdict{}
	}
	message = strings.TrimSpace(message)
	// The one classify entry point, with the parts the event carries: its
	// status (absent for a 529 storm, a reset, a timeout) and its message.
	if f := classify.Classify(classify.Parts{Status: status, Message: message}); f != nil && f.ID != "" {
		return Verdict{ID: f.ID, Side: f.Side}
	}
	cands := []string{message, "API Error: " + message}
	if status > 0 {
		cands = append(cands, "API Error: "+strconv.Itoa(status)+" "+message)
	}
	for _, c := range cands {
		if id := first(c); id != "" {
			return Verdict{}.with(id)
		}
	}
	return Verdict{}
}

// hookErrors maps the StopFailure hook's error field to the entry it most
// often is, for when the text names none.
var hookErrors = map[string]catalog.ID{
	"rate_limit":            catalog.RateLimited,
	"authentication_failed": catalog.InvalidAPIKey,
	"billing_error":         catalog.CreditBalanceLow,
	"server_error":          catalog.ServerError,
	"overloaded":            catalog.Overloaded,
}

// Hook classifies a StopFailure hook record: the text the person saw
// (last_assistant_message), the raw error_details when present ("400
// {…json…}"), and the hook's error field.
func Hook(hookError, lastMessage, details string) Verdict {
	if load() != nil {
		return Verdict{}
	}
	for _, line := range strings.Split(lastMessage, "\n") {
		if id := first(line); id != "" {
			return Verdict{}.with(id)
		}
	}
	if status, body, ok := splitDetails(details); ok {
		if f := classify.Classify(classify.Parts{Status: status, Body: []byte(body)}); f != nil && f.ID != "" {
			return Verdict{ID: f.ID, Side: f.Side}
		}
	}
	if id, ok := hookErrors[hookError]; ok {
		return Verdict{}.with(id)
	}
	return Verdict{}
}

// splitDetails reads error_details of the form "400 {…}".
func splitDetails(s string) (int, string, bool) {
	num, rest, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return 0, "", false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 400 || n > 599 {
		return 0, "", false
	}
	return n, rest, true
}

// first returns the entry of the first match in one line of text. The
// generic server-error text that names a status ("API Error: 529
// Overloaded. This is a server-side issue…", printed for a single 529 or
// behind a gateway) is the entry of that status: classify decides.
func first(s string) catalog.ID {
	if s == "" {
		return ""
	}
	for _, f := range matcher.FindLine([]byte(s)) {
		if f.ID == "" {
			continue
		}
		if f.ID == catalog.ServerError {
			if st, err := strconv.Atoi(f.Fields["status"]); err == nil && st >= 400 {
				if cf := classify.Classify(classify.Parts{Status: st}); cf != nil && cf.ID != "" {
					return cf.ID
				}
			}
		}
		return f.ID
	}
	return ""
}
