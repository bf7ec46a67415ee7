package catalog

// Category groups entries the way the reference groups its sections.
type Category string

// The categories, in the order the reference presents them.
const (
	Server  Category = "server"  // failures inside Anthropic's infrastructure
	Usage   Category = "usage"   // quotas, rate limits and billing
	Auth    Category = "auth"    // credentials and permissions
	Network Category = "network" // the path between the machine and the API
	Request Category = "request" // the API received the request and refused its content
	Quality Category = "quality" // no error, but answers look worse than usual
)

// Categories lists every category in presentation order.
var Categories = []Category{Server, Usage, Auth, Network, Request, Quality}

// Side says whose side of the connection a failure comes from, which is
// usually the first thing a person wants to know.
type Side string

// The sides a failure can be on.
const (
	SideAnthropic Side = "anthropic" // Anthropic's servers; nothing to fix locally
	SideAccount   Side = "account"   // the account, plan, organisation or quota
	SideLocal     Side = "local"     // this machine: credentials, settings, Claude Code itself
	SideNetwork   Side = "network"   // proxies, firewalls, gateways, TLS interception
	SideRequest   Side = "request"   // the content of the conversation or its attachments
)

// Source says where a message wording comes from.
type Source string

// The sources of a wording.
const (
	SourceSeed    Source = "seed"    // the reference page, verbatim
	SourceCurrent Source = "current" // what current Claude Code versions print
	SourceOlder   Source = "older"   // what older versions printed
)

// Message is one exact wording Claude Code prints (or printed) for an entry.
// Text is a fact and is kept verbatim; in seed messages "..." stands for any
// text and "<model>" or "<tool>" for a value.
type Message struct {
	// Text is the wording, verbatim.
	Text string `json:"text"`
	// Source says where the wording comes from: the seed, current or older
	// versions.
	Source Source `json:"source"`
	// Note says when this wording appears (e.g. "-p mode", "since v2.1.227").
	// Empty means no qualification.
	Note string `json:"note,omitempty"`
}

// Pattern recognises one family of wordings inside arbitrary text.
//
// Literal is a lower-case substring that every match contains; the matcher
// searches for it first, so it should be as rare as possible in ordinary
// text. Regexp, when set, is an RE2 expression (Go syntax) that must match
// the text around the literal; it is applied to the lower-cased, normalised
// line. A Pattern with no Regexp matches wherever Literal occurs. When the
// expression has a submatch named "m" that takes part in the match, the
// occurrence is that submatch; context such as a message boundary stays
// outside it.
type Pattern struct {
	Literal string `json:"literal"`
	Regexp  string `json:"regexp,omitempty"`
	// Fallback marks a generic pattern (a bare error type, a status line, a
	// retry spinner with no label) that counts only when no other entry's
	// ordinary pattern matches in the same logical line.
	Fallback bool `json:"fallback,omitempty"`
}

// TriggerKind says what produces an entry.
type TriggerKind string

// The kinds of trigger.
const (
	// TriggerHTTP is an HTTP error response from the API (or a proxy in front of it).
	TriggerHTTP TriggerKind = "http"
	// TriggerStream is an SSE "event: error" after a 200 response began.
	TriggerStream TriggerKind = "stream"
	// TriggerFault is a network fault with no HTTP response.
	TriggerFault TriggerKind = "fault"
	// TriggerLocal is a condition inside Claude Code or on the machine; the API
	// is not involved and nothing can be served to reproduce it.
	TriggerLocal TriggerKind = "local"
)

// Faults that a [Trigger] of kind [TriggerFault] can name.
const (
	FaultRefused    = "refused"     // TCP connection refused
	FaultReset      = "reset"       // connection reset after connect
	FaultHang       = "hang"        // no response before the per-attempt timeout
	FaultDNS        = "dns"         // host name does not resolve
	FaultSelfSigned = "self-signed" // TLS certificate not signed by a trusted authority
)

// Credential kinds a trigger can depend on.
const (
	CredentialAPIKey = "api-key" // x-api-key (ANTHROPIC_API_KEY, apiKeyHelper)
	CredentialOAuth  = "oauth"   // Authorization: Bearer from a subscription login
)

// Trigger is one raw failure that produces an entry: what the API or the
// network does, not what Claude Code prints.
type Trigger struct {
	// Kind says what produces the failure, and so which fields apply.
	Kind TriggerKind `json:"kind"`
	// Status is the HTTP status for TriggerHTTP (and the status the stream
	// error corresponds to for TriggerStream).
	Status int `json:"status,omitempty"`
	// ErrorType is the body's error.type, e.g. "overloaded_error".
	ErrorType string `json:"error_type,omitempty"`
	// APIMessage is the body's error.message, verbatim.
	APIMessage string `json:"api_message,omitempty"`
	// Headers are response headers the trigger carries (canonical names not
	// required; compare case-insensitively).
	Headers map[string]string `json:"headers,omitempty"`
	// Body, when set, replaces the JSON error body (e.g. an HTML page from an edge).
	Body string `json:"body,omitempty"`
	// Credential, when set, is the credential kind the request must carry for
	// this trigger to mean this entry ("api-key" or "oauth").
	Credential string `json:"credential,omitempty"`
	// Fault names the network fault for TriggerFault.
	Fault string `json:"fault,omitempty"`
	// Condition describes, in English, the local condition for TriggerLocal.
	Condition string `json:"condition,omitempty"`
}

// Retry says whether Claude Code retries a failure before showing it.
type Retry struct {
	// Retried is true when Claude Code retries with backoff before the message appears.
	Retried bool `json:"retried"`
	// Note qualifies it in English (e.g. "at most 3 consecutive 529s").
	Note string `json:"note,omitempty"`
}

// Fix is one step a person can take. Command and Env are optional and name,
// verbatim, what the step asks to type or set.
type Fix struct {
	// Text is the step, in the language of the [Text] it belongs to.
	Text string `json:"text"`
	// Command is a command the step asks to type, e.g. "/login"; empty for none.
	Command string `json:"command,omitempty"`
	// Env is an environment variable the step asks to set or unset; empty for none.
	Env string `json:"env,omitempty"`
}

// Text is the human explanation of an entry in one language, written in the
// project's own words.
type Text struct {
	// Title names the error in a few words.
	Title string `json:"title"`
	// Meaning says what the error means.
	Meaning string `json:"meaning"`
	// Cause says what usually brings the error about.
	Cause string `json:"cause"`
	// Fixes are the steps to take, most useful first.
	Fixes []Fix `json:"fixes"`
}

// ID is the stable, public name of a catalog entry, e.g. "overloaded". The
// constants in ids_gen.go name every id; [IDs] lists them in catalog order.
type ID string

// Entry is one documented runtime error.
type Entry struct {
	// ID is the entry's stable, public name, e.g. "overloaded".
	ID ID `json:"id"`
	// Category groups the entry: server, usage, auth, network, request or quality.
	Category Category `json:"category"`
	// Side says whose side the fault is on.
	Side Side `json:"side"`
	// Retry says whether Claude Code retries the failure before showing it.
	Retry Retry `json:"retry"`
	// Messages are the wordings Claude Code prints for the entry, seed first.
	Messages []Message `json:"messages"`
	// Patterns recognise the wordings in arbitrary text (see package match).
	Patterns []Pattern `json:"patterns"`
	// Triggers are the raw failures that produce the entry; empty when none
	// is known.
	Triggers []Trigger `json:"triggers"`
	// Text holds the explanation by language tag ("en", "zh").
	Text map[string]Text `json:"-"`
}

// In returns the entry's text in lang, falling back to English.
func (e *Entry) In(lang string) Text {
	if t, ok := e.Text[lang]; ok {
		return t
	}
	return e.Text[English]
}

// Served reports whether the entry has a trigger a server or network can
// reproduce (anything but a local condition).
func (e *Entry) Served() bool {
	for _, t := range e.Triggers {
		if t.Kind != TriggerLocal {
			return true
		}
	}
	return false
}

// Languages the catalog is written in.
const (
	English = "en"
	Chinese = "zh"
)

// Languages lists the supported language tags.
var Languages = []string{English, Chinese}
