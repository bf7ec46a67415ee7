package verdict_test

import (
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
	"github.com/ccerr/ccerr/internal/verdict"
)

// TestOfAgreesWithClassify: for parts with no headers and no transport
// error, verdict.Of and classify.Classify give the same entry, over a grid of
// statuses, error types, messages, bodies, codes and credentials.
func TestOfAgreesWithClassify(t *testing.T) {
	statuses := []int{0, 200, 400, 401, 402, 403, 404, 408, 409, 413, 429, 500, 502, 503, 504, 529}
	types := []string{"", "invalid_request_error", "authentication_error", "billing_error", "permission_error",
		"not_found_error", "request_too_large", "rate_limit_error", "api_error", "timeout_error", "overloaded_error", "made_up_error"}
	messages := []string{"", "Your credit balance is too low to access the Anthropic API.", "prompt is too long: 210000 tokens > 200000 maximum",
		"invalid x-api-key", "OAuth token has expired", "Request timed out.", "Connection error.", "messages.1: tool_use ids must be unique", "something else"}
	bodies := [][]byte{nil, []byte(`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}`),
		[]byte(`{"error":"upstream said no"}`), []byte(`<html>413 Request Entity Too Large</html>`), []byte(`not json`)}
	codes := []string{"", "ECONNREFUSED", "CERT_HAS_EXPIRED", "ERR_TLS_CERT_ALTNAME_INVALID"}
	creds := []string{"", catalog.CredentialAPIKey, catalog.CredentialOAuth}
	n := 0
	for _, st := range statuses {
		for _, ty := range types {
			for _, msg := range messages {
				for _, body := range bodies {
					for _, code := range codes {
						for _, cred := range creds {
							got := verdict.Of(verdict.Parts{Status: st, ErrorType: ty, Message: msg, Body: body, Code: code, Credential: cred})
							var want catalog.ID
							if f := classify.Classify(classify.Parts{Status: st, ErrorType: ty, Message: msg, Body: body, Code: code, Credential: cred}); f != nil {
								want = f.ID
							}
							if got != want {
								t.Fatalf("status %d type %q message %q body %q code %q credential %q: verdict.Of %q, classify %q", st, ty, msg, body, code, cred, got, want)
							}
							n++
						}
					}
				}
			}
		}
	}
	t.Logf("%d combinations agree", n)
}

func TestHeaders(t *testing.T) {
	h := map[string][]string{"X-Deny-Reason": {" host_not_allowed "}, "Request-Id": {"req_1", "req_2"}}
	if got := verdict.Get(h, "Request-Id"); got != "req_1" {
		t.Errorf("Get = %q, want the first value", got)
	}
	if got := verdict.Get(h, "Missing"); got != "" {
		t.Errorf("Get of a missing header = %q", got)
	}
	if got := verdict.DenyReason(h); got != "x-deny-reason: host_not_allowed" {
		t.Errorf("DenyReason = %q", got)
	}
	if got := verdict.DenyReason(map[string][]string{"X-Proxy-Error": {"blocked-by-allowlist"}}); got != "x-proxy-error: blocked-by-allowlist" {
		t.Errorf("DenyReason = %q", got)
	}
	for _, tt := range []struct {
		h    map[string][]string
		cred string
		want catalog.ID
	}{
		{map[string][]string{verdict.HeaderUnifiedStatus: {"rejected"}}, catalog.CredentialOAuth, catalog.UsageLimit},
		{map[string][]string{verdict.HeaderUnifiedStatus: {"rejected"}}, catalog.CredentialAPIKey, catalog.RateLimited},
		{nil, catalog.CredentialOAuth, catalog.ServerThrottled},
		{map[string][]string{"Anthropic-Ratelimit-Unified-5h-Status": {"allowed"}}, catalog.CredentialOAuth, catalog.RateLimited},
		{nil, "", catalog.RateLimited},
	} {
		if got := verdict.ResponseID(verdict.Answer{Status: 429, Header: tt.h, Credential: tt.cred}); got != tt.want {
			t.Errorf("429 with %v, credential %q: %q, want %q", tt.h, tt.cred, got, tt.want)
		}
	}
}
