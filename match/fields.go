package match

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
)

// fieldContext is how far, in normalised bytes, fields are looked for on
// each side of a match (never past a neighbouring match).
const fieldContext = 300

// extractor reads one or more fields from text. Each submatch i of re gives
// the field keys[i-1]; the first extractor that finds a key wins.
type extractor struct {
	need  string // lower-case texts, one of which ("a|b") the part must hold for re to be tried
	keys  []string
	lower bool // run on the lower-cased text
	re    lazyRe
}

// lazyRe is an expression compiled on first use: a run meets few of the
// extractors, and compiling them all would add to every start. Being plain
// data until then, the table of extractors costs nothing at start either.
type lazyRe struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

func (l *lazyRe) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

var extractors = []extractor{
	// Run on lower-cased text.
	{"api error", []string{"status"}, true, lazyRe{expr: `\bapi error:? \(?([45]\d\d)\b`}},
	{`"type`, []string{"status"}, true, lazyRe{expr: `\b([45]\d\d) ?\{ ?"type": ?"error"`}},
	{"repeated", []string{"status"}, true, lazyRe{expr: `\brepeated ([45]\d\d) `}},
	{"http", []string{"status"}, true, lazyRe{expr: `\bhttp(?:/[\d.]+)? ?([45]\d\d)\b`}},
	{"status", []string{"status"}, true, lazyRe{expr: `\bstatus:? ([45]\d\d)\b`}},
	{`status"`, []string{"status"}, true, lazyRe{expr: `"(?:status|apierrorstatus|api_error_status|error_status)": ?([45]\d\d)\b`}},
	{")", []string{"status"}, true, lazyRe{expr: `\(([45]\d\d)\)`}},
	{" retrying", []string{"status"}, true, lazyRe{expr: `\b([45]\d\d) [a-z][a-z ]+ · retrying`}},
	{"", []string{"status"}, true, lazyRe{expr: `^([45]\d\d) [a-z]`}},
	{"_", []string{"error_type"}, true, lazyRe{expr: `\b(invalid_request_error|authentication_error|billing_error|permission_error|not_found_error|rate_limit_error|timeout_error|api_error|overloaded_error|request_too_large|conflict_error)\b`}},
	{"claude-", []string{"model"}, true, lazyRe{expr: `\b(claude-[a-z0-9][a-z0-9.-]*[a-z0-9])\b`}},
	{"attempt", []string{"attempt", "max_attempts"}, true, lazyRe{expr: `\battempt (\d+) ?/ ?(\d+)`}},
	{"attempt", []string{"attempt"}, true, lazyRe{expr: `"(?:retryattempt|attempt)": ?(\d+)`}},
	{"retries", []string{"max_attempts"}, true, lazyRe{expr: `"(?:maxretries|max_retries)": ?(\d+)`}},
	{"retrying in|next try in", []string{"retry_in"}, true, lazyRe{expr: `\b(?:retrying|next try) in (\d+ ?(?:ms|s|seconds?|m|min)\b)`}},
	{`ms"`, []string{"retry_in"}, true, lazyRe{expr: `"(?:retryinms|retry_delay_ms)": ?(\d+)`}},
	{"ratelimittype", []string{"limit"}, true, lazyRe{expr: `"ratelimittype": ?"(\w+)"`}},
	{"representative-claim", []string{"limit"}, true, lazyRe{expr: `anthropic-ratelimit-unified-representative-claim"?: ?"?(\w+)`}},
	{"resetsat", []string{"resets"}, true, lazyRe{expr: `"resetsat": ?(\d+)`}},
	{"unified-reset", []string{"resets"}, true, lazyRe{expr: `anthropic-ratelimit-unified-reset"?: ?"?(\d+)`}},
	{"x-deny-reason", []string{"code"}, true, lazyRe{expr: `x-deny-reason"?: ?"?(\w+)`}},
	{"enforced_", []string{"code"}, true, lazyRe{expr: `\b(enforced_spend_limit_reached)\b`}},
	// Run on the text as printed, where case matters.
	{"req_", []string{"request_id"}, false, lazyRe{expr: `\b(req_[A-Za-z0-9]{6,})\b`}},
	{"temporarily unavailable", []string{"model"}, false, lazyRe{expr: `(?:^|\s)([\w.-]+) is temporarily unavailable, so auto mode`}},
	{"high load", []string{"model"}, false, lazyRe{expr: `\b(\w+) is experiencing high load`}},
	{"not available with", []string{"model"}, false, lazyRe{expr: `\b([Cc]laude \w+) is not available with`}},
	{"hit your", []string{"limit"}, false, lazyRe{expr: `hit your ([\w -]+? limit)`}},
	{"spend limit", []string{"limit"}, false, lazyRe{expr: `\b([Ss]pend limit) reached`}},
	{"resets ", []string{"resets"}, false, lazyRe{expr: `\bresets (\S[^·"()]*?(?:\([A-Z]{2,5}\))?)\s*(?:·|"|$|\)$)`}},
	{")", []string{"code"}, false, lazyRe{expr: `\(([A-Z][A-Z0-9_]{3,}|ConnectionRefused|FailedToOpenSocket)\)`}},
	{"econn|etimedout|enotfound|ehostunreach|enetunreach|epipe|eai_again", []string{"code"}, false, lazyRe{expr: `\b(E(?:CONN[A-Z]+|TIMEDOUT|NOTFOUND|HOSTUNREACH|NETUNREACH|PIPE|AI_AGAIN))\b`}},
	{`"code"`, []string{"code"}, false, lazyRe{expr: `"code": ?"([A-Z][A-Z0-9_]{3,})"`}},
}

// fieldsAt extracts the fields of cs[i] from its variant's text around the
// match, stopping at the neighbouring matches.
func fieldsAt(t *text, cs []cand, i int) Fields {
	c := cs[i]
	lo, hi := max(0, c.ns-fieldContext), min(len(t.clean), c.ne+fieldContext)
	if i > 0 && cs[i-1].v == c.v && cs[i-1].ne <= c.ns {
		lo = max(lo, cs[i-1].ne)
	}
	if i+1 < len(cs) && cs[i+1].v == c.v && cs[i+1].ns >= c.ne {
		hi = min(hi, cs[i+1].ns)
	}
	var f Fields
	// Values inside the match win over those around it.
	for _, r := range [2][2]int{{c.ns, c.ne}, {lo, hi}} {
		clean, low := t.clean[r[0]:r[1]], t.lower[r[0]:r[1]]
		for j := range extractors {
			x := &extractors[j]
			if f != nil && f[x.keys[0]] != "" {
				continue
			}
			if x.need != "" && !containsAny(low, x.need) {
				continue
			}
			in := clean
			if x.lower {
				in = low
			}
			sm := x.re.get().FindSubmatch(in)
			if sm == nil {
				continue
			}
			for k, key := range x.keys {
				if v := sm[k+1]; len(v) > 0 {
					if f == nil {
						f = Fields{}
					}
					if f[key] == "" {
						f[key] = string(v)
					}
				}
			}
		}
	}
	if v := f["retry_in"]; v != "" && isDigits(v) {
		f["retry_in"] = v + "ms"
	}
	return f
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// containsAny reports whether b holds one of the "|"-separated texts of need.
func containsAny(b []byte, need string) bool {
	for need != "" {
		n, rest, _ := strings.Cut(need, "|")
		if bytes.Contains(b, []byte(n)) {
			return true
		}
		need = rest
	}
	return false
}
