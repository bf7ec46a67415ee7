package main

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The filter decides which literals are candidate messages. It has two
// stages, both documented in doc.go:
//
//  1. topical and sentence-shaped (candidate): kept in the per-release cache;
//  2. failure-worded (failureWorded) and on a catalog subject
//     (catalogSubject): kept in harvest.json with no id when no rule of
//     assign.json claims it and no drop rule matches; the rest are dropped.

// topical matches the subjects the catalog covers.
var topical = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)api error|retry|retrying|overload|rate.?limit|usage limit|limit reached|` +
		`credit balance|billing|log ?in\b|logged in|/login|oauth|api key|x-api-key|authenticat|` +
		`unauthori[sz]ed|forbidden|token (?:has )?(?:expired|revoked)|scope|organization|` +
		`connection|connect\b|econn|etimedout|enotfound|socket|fetch failed|tls|ssl|certificate|` +
		`prompt is too long|too long|compact|too large|exceeds?|image|pdf|\bmodel\b|thinking|` +
		`tool_use|tool_result|timed? ?out|timeout|server error|internal server|overloaded|` +
		`\b(?:429|401|403|404|413|500|502|503|504|529)\b|quota|allowlist|egress|host not|` +
		`status\.(?:claude|anthropic)\.com|beta|max_tokens|budget_tokens|subscription|plan\b|` +
		`weekly|session limit|context (?:window|limit)|auto mode|classifier|routines?`)
})

// failureWorded matches wording that reports a failure, a limit or a retry.
var failureWorded = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)error|fail|unable|cannot|can't|could not|couldn't|invalid|` +
		`exceed|too (?:long|large|many|big)|limit|denied|not (?:found|available|allowed|supported|logged|enabled|permitted)|` +
		`expired|revoked|refused|reset|timed? ?out|timeout|overloaded|retry|retrying|unavailable|` +
		`disabled|blocked|rejected|insufficient|low|missing|unsupported|does not support|no longer|` +
		`please run /login|mismatch|unexpected|must`)
})

// catalogSubject matches the subjects of the catalog's entries narrowly:
// an unclaimed text must name one of them to stay in harvest.json.
var catalogSubject = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)api error|overload|high load|at capacity|rate.?limit|usage limit|` +
		`(?:5-hour|session|weekly|opus|sonnet|spend|monthly) limit|usage credits|out of usage|credit balance|` +
		`not logged in|run /login|invalid api key|api key|x-api-key|oauth token|login expired|authentication.error|` +
		`unable to connect|connection (?:error|refused|reset|dropped|lost|closed)|fetch failed|socket hang up|` +
		`\beconn\w+|\betimedout|\benotfound|\bssl\b|certificate (?:verification|error|has expired|chain)|self.signed|` +
		`prompt is too long|too long to compact|conversation (?:is )?too long|compaction (?:failed|unavailable)|` +
		`request too large|request_too_large|\b413\b|image (?:was )?too large|image dimensions|image .*exceeds|` +
		`pdf (?:too large|is password|file)|selected model|model (?:not found|is not available|unavailable)|` +
		`not available (?:with|on) (?:the|your) .*plan|thinking|budget_tokens|max_tokens|tool_use|tool_result|` +
		`request timed out|stream idle|\b(?:429|500|502|503|504|529)\b|status\.claude\.com|` +
		`host not|x-deny-reason|auto mode|disabled organization|organization (?:has been|is) disabled|` +
		`extra inputs|routines are disabled`)
})

// logLike matches debug-log lines and notes written for the model rather
// than for a person: "component: …" and "[tag] …" prefixes, "@internal",
// Markdown emphasis.
var logLike = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z][\w.-]*(?:\[[^\]]*\])?: |^\[[\w:. -]+\]|@internal|\*\*|^Usage: `)
})

// maxUnclaimed bounds an unclaimed text kept in harvest.json: longer ones
// are tool descriptions and notes to the model.
const maxUnclaimed = 300

// codeLike matches literals that are code, markup or identifiers rather
// than prose.
var codeLike = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`function\s*\(|=>|\breturn\b|\bvar |\bconst |\blet |===|!==|&&|\|\||\)\s*\{|` +
		`\.prototype|\bthis\.|\bnew [A-Z]\w*\(|\}\s*\)|^\s*[\[{<}),;]|^[\w.$-]+$|</?[a-z]+[ >]|\bimport\(|` +
		`\brequire\(|^\s*(?:#|//|/\*)|\$\{|\)\}|\bif\(|\.push\(|\}\s*;|;\s*\}|\];|"\s*[,:}\]]|[,:{\[]\s*"|\w\(\w*\)\s*[;{]`)
})

// candidate reports whether a literal is a topical, sentence-shaped text
// that a person could see: 12 to 600 characters, three words or more, mostly
// letters, no control characters, not code.
func candidate(text string) bool {
	t := strings.TrimSpace(text)
	n := utf8.RuneCountInString(t)
	if n < 12 || n > 600 {
		return false
	}
	if len(strings.Fields(t)) < 3 {
		return false
	}
	letters, other := 0, 0
	for _, r := range strings.ReplaceAll(t, placeholder, "") { // a value is no punctuation
		switch {
		case r == '\n' || r == '\t':
		case unicode.IsControl(r) || r == utf8.RuneError || r == '\uFFFD':
			return false
		case unicode.IsLetter(r):
			letters++
		case unicode.IsSpace(r):
		default:
			other++
		}
	}
	if letters < 8 || letters*10 < (letters+other)*6 {
		return false
	}
	if codeLike().MatchString(t) {
		return false
	}
	return topical().MatchString(t)
}
