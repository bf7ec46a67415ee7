package classify

import (
	"net/http"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// Failure is one classified failure of a Claude API call: the verdict. The
// zero value is not useful; Failures come from [Classify] and its three
// shorthands [Response], [Err] and [Stream] (or the methods of a
// [Classifier]).
type Failure struct {
	// ID is the catalog id (catalog.Overloaded, catalog.ConnectionFailed, …), or empty
	// when no entry fits (an unusual 4xx).
	ID catalog.ID
	// Entry is the catalog entry for ID, or nil when ID is empty.
	Entry *catalog.Entry
	// Status is the HTTP status, or 0 when no response arrived. For a
	// [Stream] failure it is the status the stream error stands for
	// (529 for overloaded_error), not the 200 that began the stream.
	Status int
	// ErrorType is the body's error.type ("overloaded_error"), if any.
	ErrorType string
	// APIMessage is the body's error.message, verbatim, if any.
	APIMessage string
	// ErrorCode is the body's error.details.error_code (for example
	// "enforced_spend_limit_reached"), if any.
	ErrorCode string
	// RequestID is the request-id header, else the body's request_id.
	RequestID string
	// Model is the model named by the API message of a model error, else
	// the "model" of the JSON request body when it could be read cheaply.
	Model string
	// Credential is the kind of credential the request carried:
	// catalog.CredentialAPIKey (an x-api-key header, or a Bearer token
	// shaped like an API key, sk-ant-api…), catalog.CredentialOAuth (any
	// other Authorization: Bearer), or empty if unknown.
	Credential string
	// Limit names the exhausted quota of a usage-limit failure, e.g.
	// "weekly limit" (see the package doc for the mapping).
	Limit string
	// ResetsAt is when the quota of a usage-limit failure resets; zero if
	// unknown.
	ResetsAt time.Time
	// RetryAfter is the wait the server asked for, from retry-after-ms or
	// retry-after (seconds or an HTTP date); 0 if absent or unparsable.
	RetryAfter time.Duration
	// ShouldRetry is the x-should-retry header when it is "true" or
	// "false", and nil otherwise.
	ShouldRetry *bool
	// Code is the errno-style or TLS code of a transport failure:
	// ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND, EHOSTUNREACH,
	// ENETUNREACH, ERR_PROXY_TUNNEL, DEPTH_ZERO_SELF_SIGNED_CERT,
	// UNABLE_TO_GET_ISSUER_CERT_LOCALLY, CERT_HAS_EXPIRED,
	// CERT_NOT_YET_VALID, ERR_TLS_CERT_ALTNAME_INVALID, …; empty for HTTP
	// failures.
	Code string
	// Message is the text Claude Code prints, in the reference's wording.
	Message string
	// Header holds the response headers of an HTTP failure (nil otherwise).
	// It is the response's own map; do not modify it.
	Header http.Header
	// Body is the (possibly truncated) response body the failure was
	// classified from; nil for transport failures.
	Body []byte
	// Err is the underlying transport error, if any.
	Err error

	// Side is whose side the failure is on, from the entry: Anthropic's
	// servers, the account, this machine, the network, or the request.
	// Empty when ID is.
	Side catalog.Side
	// Retried says whether Claude Code (2.1.332) sends the request again
	// before it shows Message: with backoff (5xx, 529, temporary 429s,
	// dropped connections, timeouts, a 401) or at once (a 404 model, a few
	// 400s it can mend). False means the failure is final on the first
	// answer. It follows the entry's rule, refined by what this failure
	// says: x-should-retry, a retry-after over a minute (Claude Code gives
	// up at once), the monthly spend cap, and, for a failure no entry
	// describes, Claude Code's status list (408, 409, 5xx). Claude Code's
	// own limits (CLAUDE_CODE_MAX_RETRIES, three 529s in a row) still end
	// the retries; see package retry.
	Retried bool

	repeated int // consecutive overloaded answers, from Parts.Repeated
}

// Error returns the rendered message.
func (f *Failure) Error() string {
	if f.Message != "" {
		return f.Message
	}
	if f.Err != nil {
		return f.Err.Error()
	}
	if f.ID != "" {
		return string(f.ID)
	}
	return "classify: unclassified failure"
}

// Unwrap returns the underlying transport error, or nil.
func (f *Failure) Unwrap() error { return f.Err }

// Classifier holds the settings classification depends on. The zero value
// is ready to use; the package-level functions use one.
type Classifier struct {
	// Catalog supplies the entries. If nil, catalog.Default() is used; if
	// that fails, Failures still carry their ID but a nil Entry.
	Catalog *catalog.Catalog
	// Now is the current time, used to resolve retry-after HTTP dates, to
	// check certificate validity periods and to render reset times. If nil,
	// time.Now is used.
	Now func() time.Time
	// Location is the time zone reset times are rendered in. If nil,
	// time.Local is used.
	Location *time.Location
}

var std Classifier

// Response classifies an HTTP response with the [Classifier] zero value;
// see [Classifier.Response].
func Response(resp *http.Response, body []byte) *Failure { return std.Response(resp, body) }

// Err classifies a transport error with the [Classifier] zero value; see
// [Classifier.Err].
func Err(err error) *Failure { return std.Err(err) }

// Stream classifies a mid-stream SSE error with the [Classifier] zero value;
// see [Classifier.Stream].
func Stream(data []byte) *Failure { return std.Stream(data) }

func (c *Classifier) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Classifier) location() *time.Location {
	if c.Location != nil {
		return c.Location
	}
	return time.Local
}

// finish looks the entry up, fills what the id implies, and renders the
// message.
func (c *Classifier) finish(f *Failure) *Failure {
	if f.ID == catalog.ModelUnavailable {
		if m := wordAfter(f.APIMessage, "model:"); m != "" {
			f.Model = m
		}
	}
	if f.ID != "" {
		cat := c.Catalog
		if cat == nil {
			cat, _ = catalog.Default()
		}
		if cat != nil {
			f.Entry, _ = cat.Lookup(f.ID)
		}
	}
	if f.Entry != nil {
		f.Side = f.Entry.Side
	}
	f.Retried = claudeCodeRetries(f)
	f.Message = c.render(f)
	return f
}
