package scan

import (
	"regexp"
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// Unknown is the id of an event that is an API error by its structure but
// that neither the matcher nor the structured fields can place.
const Unknown catalog.ID = "unknown"

// fallback holds the structured fields of an event the matcher could not
// place by its text.
type fallback struct {
	status   int    // HTTP status (apiErrorStatus, error.status, error_status)
	errType  string // API error type (apiErrorType, or found in the raw body)
	apiError string // Claude Code's apiError label (final messages)
	category string // Claude Code's error category ("rate_limit", "server_error")
	connCode string // connection.code on network failures
	ssl      bool   // connection.isSSLError
	quota    bool   // rateLimits present: a subscription quota was hit
	message  string // raw text, for the few cases a status alone cannot settle
}

// apiErrorLabels maps Claude Code's apiError values (FACTS §4) to ids.
var apiErrorLabels = map[string]catalog.ID{
	"connection_failed":      catalog.ConnectionFailed,
	"tls_untrusted_ca":       catalog.TLSCertificate,
	"media_removed":          catalog.ImageTooLarge,
	"tool_history_mismatch":  catalog.ToolUseMismatch,
	"usage_limit_reached":    catalog.UsageLimit,
	"pdf_too_large":          catalog.PDFUnreadable,
	"pdf_password_protected": catalog.PDFUnreadable,
}

// errorTypes maps API error types to ids where the type alone decides.
var errorTypes = map[string]catalog.ID{
	"overloaded_error":  catalog.Overloaded,
	"api_error":         catalog.ServerError,
	"timeout_error":     catalog.ServerError,
	"request_too_large": catalog.RequestTooLarge,
	"not_found_error":   catalog.ModelUnavailable,
	"billing_error":     catalog.CreditBalanceLow,
}

// FallbackID places an event by its structured fields, in this order:
// Claude Code's apiError label; a TLS or connection failure; the API error
// type; the HTTP status (529 overloaded, other 5xx server-error, 429
// usage-limit when a subscription quota is reported and rate-limited
// otherwise, 413 request-too-large, 404 model-unavailable, 402
// credit-balance-low, 401 invalid-api-key when the message names x-api-key
// and oauth-token-invalid otherwise); a "timed out" message
// (request-timeout). Anything else is [Unknown]. It is exported for the
// documentation and the tests; scan applies it only when the matcher finds
// nothing in the event's text.
func FallbackID(status int, errType, apiError, message string) catalog.ID {
	return (&fallback{status: status, errType: errType, apiError: apiError, message: message}).id()
}

func (f *fallback) id() catalog.ID {
	if id, ok := apiErrorLabels[f.apiError]; ok {
		return id
	}
	if f.ssl {
		return catalog.TLSCertificate
	}
	if f.connCode != "" {
		return catalog.ConnectionFailed
	}
	if f.errType == "rate_limit_error" || f.status == 429 || f.category == "rate_limit" {
		if f.quota {
			return catalog.UsageLimit
		}
		return catalog.RateLimited
	}
	if id, ok := errorTypes[f.errType]; ok {
		return id
	}
	lower := strings.ToLower(f.message)
	switch {
	case f.status == 529:
		return catalog.Overloaded
	case f.status >= 500 && f.status <= 599:
		return catalog.ServerError
	case f.status == 413:
		return catalog.RequestTooLarge
	case f.status == 404:
		return catalog.ModelUnavailable
	case f.status == 402 || f.category == "billing_error":
		return catalog.CreditBalanceLow
	case f.status == 401 || f.errType == "authentication_error":
		if strings.Contains(lower, "x-api-key") {
			return catalog.InvalidAPIKey
		}
		return catalog.OAuthTokenInvalid
	case strings.Contains(lower, "timed out"):
		return catalog.RequestTimeout
	}
	return Unknown
}

// errorTypeRe finds the error type inside a raw API error body.
var errorTypeRe = regexp.MustCompile(`"type"\s*:\s*"([a-z_]+_error|request_too_large)"`)

// errorTypeIn returns the API error type named in a raw body, or "".
func errorTypeIn(s string) string {
	for _, m := range errorTypeRe.FindAllStringSubmatch(s, -1) {
		if m[1] != "error" {
			return m[1]
		}
	}
	return ""
}
