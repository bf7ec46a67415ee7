package scan

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
)

// Unknown is the id of an event that is an API error by its structure but
// that neither the matcher nor the structured fields can place.
const Unknown catalog.ID = "unknown"

// fallback holds the structured fields of an event the matcher could not
// place by its text. Apart from Claude Code's own apiError label, they are
// handed to classify as [classify.Parts], so that a transcript gets the
// verdict a live response with the same facts gets.
type fallback struct {
	status     int             // HTTP status (apiErrorStatus, error.status, error_status)
	errType    string          // API error type (apiErrorType)
	apiError   string          // Claude Code's apiError label (final messages)
	category   string          // Claude Code's error category ("rate_limit", "server_error")
	connCode   string          // connection.code on network failures
	ssl        bool            // connection.isSSLError
	rateLimits json.RawMessage // error.rateLimits: a subscription quota was hit
	message    string          // raw text: error.message, errorDetails, the text shown
}

// apiErrorLabels maps Claude Code's apiError values (FACTS §4) to ids:
// they are Claude Code's own verdict, so they come first.
var apiErrorLabels = map[string]catalog.ID{
	"connection_failed":      catalog.ConnectionFailed,
	"tls_untrusted_ca":       catalog.TLSCertificate,
	"media_removed":          catalog.ImageTooLarge,
	"tool_history_mismatch":  catalog.ToolUseMismatch,
	"usage_limit_reached":    catalog.UsageLimit,
	"pdf_too_large":          catalog.PDFUnreadable,
	"pdf_password_protected": catalog.PDFUnreadable,
}

// id places an event by its structured fields: Claude Code's apiError
// label, else classify's verdict on the parts (see [fallback.parts]);
// [Unknown] when neither places it.
func (f *fallback) id() catalog.ID {
	if id, ok := apiErrorLabels[f.apiError]; ok {
		return id
	}
	if v := classify.Classify(f.parts()); v != nil && v.ID != "" {
		return v.ID
	}
	return Unknown
}

// parts turns the fields of a transcript event into the parts of the
// failure. The raw API body Claude Code keeps ("529 {…}" in error.message,
// errorDetails) supplies the error type and message; Claude Code's
// category stands in for a missing status or type; the rateLimits Claude
// Code recorded become the unified quota headers it read them from, with
// the subscription credential they imply.
func (f *fallback) parts() classify.Parts {
	p := classify.Parts{Status: f.status, ErrorType: f.errType, Code: f.connCode}
	if f.ssl && p.Code == "" {
		// A TLS failure whose code was not kept: a certificate verdict is
		// by far the usual one.
		p.Code = "UNABLE_TO_VERIFY_LEAF_SIGNATURE"
	}
	if body := jsonObjectIn(f.message); body != nil {
		p.Body = body
	} else {
		p.Message = strings.TrimSpace(f.message)
	}
	switch f.category {
	case "rate_limit":
		if p.Status == 0 {
			p.Status = http.StatusTooManyRequests
		}
	case "billing_error":
		if p.Status == 0 && p.ErrorType == "" {
			p.ErrorType = "billing_error"
		}
	case "overloaded":
		if p.Status == 0 && p.ErrorType == "" {
			p.ErrorType = "overloaded_error"
		}
	case "model_not_found":
		if p.Status == 0 {
			p.Status = http.StatusNotFound
		}
	case "authentication_failed":
		if p.Status == 0 {
			p.Status = http.StatusUnauthorized
		}
	}
	if h := quotaHeader(f.rateLimits); h != nil {
		p.Header, p.Credential = h, catalog.CredentialOAuth
	}
	return p
}

// quotaHeader turns a retry line's rateLimits,
// {"rateLimitType":"five_hour","resetsAt":2000000000}, into the unified
// headers they were read from; nil when there are none.
func quotaHeader(raw json.RawMessage) http.Header {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	var rl struct {
		Type     string  `json:"rateLimitType"`
		ResetsAt float64 `json:"resetsAt"`
	}
	_ = json.Unmarshal(raw, &rl)
	h := http.Header{}
	h.Set("Anthropic-Ratelimit-Unified-Status", "rejected")
	if rl.Type != "" {
		h.Set("Anthropic-Ratelimit-Unified-Representative-Claim", rl.Type)
	}
	if rl.ResetsAt > 0 && rl.ResetsAt < 1<<40 {
		h.Set("Anthropic-Ratelimit-Unified-Reset", strconv.FormatInt(int64(rl.ResetsAt), 10))
	}
	return h
}

// jsonObjectIn returns the first JSON object in s, as Claude Code keeps a
// raw body after its status ("529 {…}", "request_too_large: 413 {…}"), or
// nil when s holds none.
func jsonObjectIn(s string) []byte {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return nil
	}
	var raw json.RawMessage
	if json.NewDecoder(strings.NewReader(s[i:])).Decode(&raw) != nil {
		return nil
	}
	return raw
}
