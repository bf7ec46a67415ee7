package classify

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// StatusOverloaded is the API's non-standard status for overloaded_error.
const StatusOverloaded = 529

// maxModelScan bounds how much of a request body is read to find its model.
const maxModelScan = 64 << 10

// Response classifies an HTTP response and the body read from it (the
// caller reads the body, so that it can still hand it on): it is
// Classify(ResponseParts(resp, body)). It returns nil for a nil response or
// a status below 400. resp.Request, when set, tells the credential kind
// (x-api-key or Authorization: Bearer) and, through GetBody, the model of
// the request; resp.Body is not touched.
func (c *Classifier) Response(resp *http.Response, body []byte) *Failure {
	if resp == nil || resp.StatusCode < 400 {
		return nil
	}
	return c.Classify(ResponseParts(resp, body))
}

func (c *Classifier) responseID(f *Failure) catalog.ID {
	h := f.Header
	if denyReason(h) != "" {
		return catalog.HostNotAllowed
	}
	if f.Status == http.StatusTooManyRequests || f.ErrorType == "rate_limit_error" {
		return c.tooManyRequests(f)
	}
	if f.Status == StatusOverloaded || f.ErrorType == "overloaded_error" {
		return catalog.Overloaded
	}
	if f.Status < 500 {
		if id := messageID(f); id != "" {
			return id
		}
	}
	switch {
	case f.Status == http.StatusNotFound || f.ErrorType == "not_found_error":
		// Claude Code words every 404 as a problem with the selected model
		// (the Messages path is fixed, so a 404 names the model or a
		// gateway that does not serve it).
		return catalog.ModelUnavailable
	case f.Status == http.StatusRequestEntityTooLarge || f.ErrorType == "request_too_large":
		return catalog.RequestTooLarge
	case f.Status == http.StatusRequestTimeout:
		return catalog.RequestTimeout
	case f.Status == http.StatusPaymentRequired || f.ErrorType == "billing_error":
		return catalog.CreditBalanceLow
	case f.Status == http.StatusUnauthorized || f.ErrorType == "authentication_error":
		return authID(f)
	case f.Status >= 500 || f.ErrorType == "api_error" || f.ErrorType == "timeout_error":
		return catalog.ServerError
	}
	return ""
}

// denyReason returns the egress-proxy refusal a response carries, as
// "header: value", or "".
func denyReason(h http.Header) string {
	if v := strings.TrimSpace(h.Get("X-Deny-Reason")); strings.EqualFold(v, "host_not_allowed") {
		return "x-deny-reason: " + v
	}
	if v := strings.TrimSpace(h.Get("X-Proxy-Error")); strings.EqualFold(v, "blocked-by-allowlist") {
		return "x-proxy-error: " + v
	}
	return ""
}

// authID tells the two 401 entries apart: by the credential sent when it is
// known, else by the message: one that names x-api-key (the API's "invalid
// x-api-key") is invalid-api-key, and anything else oauth-token-invalid,
// the entry for the generic "API Error: 401 … authentication_error" that
// Claude Code shows with a "Please run /login" hint.
func authID(f *Failure) catalog.ID {
	switch f.Credential {
	case catalog.CredentialOAuth:
		return catalog.OAuthTokenInvalid
	case catalog.CredentialAPIKey:
		return catalog.InvalidAPIKey
	}
	if strings.Contains(strings.ToLower(f.APIMessage), "x-api-key") {
		return catalog.InvalidAPIKey
	}
	return catalog.OAuthTokenInvalid
}

// credentialOf reports which credential a request carried. x-api-key wins
// when both are present, as the API reads it first. A Bearer token is an
// OAuth credential unless it has the shape of a Console API key
// (sk-ant-api…), which the Go SDK v2 sends as a Bearer token.
func credentialOf(h http.Header) string {
	if h.Get("X-Api-Key") != "" {
		return catalog.CredentialAPIKey
	}
	if a := h.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
		if strings.HasPrefix(strings.TrimSpace(a[7:]), "sk-ant-api") {
			return catalog.CredentialAPIKey
		}
		return catalog.CredentialOAuth
	}
	return ""
}

// modelOf finds the top-level "model" of a JSON request body, reading at
// most maxModelScan bytes through GetBody. It gives up quietly.
func modelOf(req *http.Request) string {
	if req.GetBody == nil {
		return ""
	}
	rc, err := req.GetBody()
	if err != nil || rc == nil {
		return ""
	}
	defer rc.Close()
	dec := json.NewDecoder(io.LimitReader(rc, maxModelScan))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return ""
		}
		if k == "model" {
			var m string
			if dec.Decode(&m) != nil {
				return ""
			}
			return m
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}

// apiError is what the classifier reads from an error body.
type apiError struct {
	errType, message, code, requestID string
}

// parseBody reads the API's error envelope,
// {"type":"error","error":{"type":…,"message":…,"details":{…}},"request_id":…},
// leniently: any part may be missing or of another shape, and a body that
// is not JSON yields nothing.
func parseBody(body []byte) apiError {
	var out apiError
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return out
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return out
	}
	_ = json.Unmarshal(top["request_id"], &out.requestID)
	raw := top["error"]
	if json.Unmarshal(raw, &out.message) == nil { // {"error":"text"} from some gateways
		return out
	}
	var e map[string]json.RawMessage
	if json.Unmarshal(raw, &e) != nil {
		return out
	}
	_ = json.Unmarshal(e["type"], &out.errType)
	_ = json.Unmarshal(e["message"], &out.message)
	var d map[string]json.RawMessage
	if json.Unmarshal(e["details"], &d) == nil {
		_ = json.Unmarshal(d["error_code"], &out.code)
	}
	return out
}
