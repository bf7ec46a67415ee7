// Package verdict is the part of classify's verdict that needs nothing of
// the network: which catalog entry an error answer of the Claude API is,
// from its status, error type, message, code, body, credential and headers
// (as a plain map), and which entry a transport code or a recorded text
// names.
//
// Package classify decides every failure through these functions, and the
// quick ccerr program (internal/cli/core) calls them for the fields it finds
// in a paste, so that both give one verdict while ccerr links no HTTP or TLS
// package. It uses only the standard library and the catalog.
package verdict

import (
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// HTTP statuses the verdict tells apart (the net/http values, which this
// package does not import).
const (
	statusPaymentRequired       = 402
	statusForbidden             = 403
	statusNotFound              = 404
	statusRequestTimeout        = 408
	statusRequestEntityTooLarge = 413
	statusTooManyRequests       = 429
	statusInternalServerError   = 500
	statusGatewayTimeout        = 504
	statusBadRequest            = 400
	statusUnauthorized          = 401
	// StatusOverloaded is the Claude API's status for an overloaded server.
	StatusOverloaded = 529
)

// Answer is an error answer of the Claude API as far as its entry depends
// on it.
type Answer struct {
	Status     int
	ErrorType  string
	Message    string // the API's error.message
	ErrorCode  string // error.details.error_code
	Body       []byte // read for its text when there is no API message
	Credential string // catalog.CredentialAPIKey, catalog.CredentialOAuth or ""
	// Header holds the response headers with canonical keys, as
	// net/http's Header does (an http.Header can be assigned to it).
	Header map[string][]string
}

// ResponseID returns the entry of an error answer (a status of 400 or more,
// or an error type), or "" when none fits.
func ResponseID(a Answer) catalog.ID {
	if DenyReason(a.Header) != "" {
		return catalog.HostNotAllowed
	}
	if a.Status == statusTooManyRequests || a.ErrorType == "rate_limit_error" {
		return tooManyRequests(a)
	}
	if a.Status == StatusOverloaded || a.ErrorType == "overloaded_error" {
		return catalog.Overloaded
	}
	if a.Status < 500 {
		if id := messageID(a); id != "" {
			return id
		}
	}
	switch {
	case a.Status == statusNotFound || a.ErrorType == "not_found_error":
		// Claude Code words every 404 as a problem with the selected model
		// (the Messages path is fixed, so a 404 names the model or a
		// gateway that does not serve it).
		return catalog.ModelUnavailable
	case a.Status == statusRequestEntityTooLarge || a.ErrorType == "request_too_large":
		return catalog.RequestTooLarge
	case a.Status == statusRequestTimeout:
		return catalog.RequestTimeout
	case a.Status == statusPaymentRequired || a.ErrorType == "billing_error":
		return catalog.CreditBalanceLow
	case a.Status == statusUnauthorized || a.ErrorType == "authentication_error":
		return authID(a)
	case a.Status >= 500 || a.ErrorType == "api_error" || a.ErrorType == "timeout_error":
		return catalog.ServerError
	}
	return ""
}

// Parts are the facts of a failure that need no network: those of an
// answer, or a transport code, or a text a tool recorded for a failure
// without an answer.
type Parts struct {
	Status     int
	ErrorType  string
	Message    string
	ErrorCode  string
	Body       []byte
	Credential string
	Code       string // an errno-style or TLS code (ECONNREFUSED, CERT_HAS_EXPIRED)
}

// Of returns the entry of p, as classify.Classify decides it for the same
// parts with no headers and no transport error; "" when p is not a failure
// or no entry fits.
func Of(p Parts) catalog.ID {
	if len(p.Body) > 0 {
		b := ParseBody(p.Body)
		p.ErrorType = orElse(p.ErrorType, b.ErrorType)
		p.Message = orElse(p.Message, b.Message)
		p.ErrorCode = orElse(p.ErrorCode, b.Code)
	}
	status := p.Status
	if status < 400 && p.ErrorType != "" {
		status = StatusOfType(p.ErrorType)
	}
	switch {
	case status > 0 && status < 400 && p.Code == "":
		return ""
	case status >= 400:
		return ResponseID(Answer{Status: status, ErrorType: p.ErrorType, Message: p.Message, ErrorCode: p.ErrorCode, Body: p.Body, Credential: p.Credential})
	case p.Code != "":
		return CodeID(p.Code)
	case p.Message != "":
		return TextID(p.Message)
	}
	return ""
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// authID tells the two 401 entries apart: by the credential sent when it is
// known, else by the message: one that names x-api-key (the API's "invalid
// x-api-key") is invalid-api-key, and anything else oauth-token-invalid,
// the entry for the generic "API Error: 401 … authentication_error" that
// Claude Code shows with a "Please run /login" hint.
func authID(a Answer) catalog.ID {
	switch a.Credential {
	case catalog.CredentialOAuth:
		return catalog.OAuthTokenInvalid
	case catalog.CredentialAPIKey:
		return catalog.InvalidAPIKey
	}
	if strings.Contains(strings.ToLower(a.Message), "x-api-key") {
		return catalog.InvalidAPIKey
	}
	return catalog.OAuthTokenInvalid
}
