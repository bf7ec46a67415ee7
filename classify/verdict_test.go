package classify

import (
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// TestRetried checks Failure.Retried, Claude Code's retry-or-show decision,
// and Failure.Side.
func TestRetried(t *testing.T) {
	spendCap := `{"type":"error","error":{"type":"rate_limit_error","message":"cap","details":{"error_code":"enforced_spend_limit_reached"}}}`
	quota := map[string]string{"anthropic-ratelimit-unified-status": "rejected"}
	tests := []struct {
		name    string
		status  int
		headers map[string]string
		body    string
		cred    string
		want    bool
		side    catalog.Side
	}{
		{"500", 500, nil, envelope("api_error", "Internal server error"), "", true, catalog.SideAnthropic},
		{"500 x-should-retry false", 500, map[string]string{"x-should-retry": "false"}, "", "", false, catalog.SideAnthropic},
		{"400 x-should-retry true", 400, map[string]string{"x-should-retry": "true"}, envelope("invalid_request_error", "odd"), "", true, ""},
		{"529", 529, nil, envelope("overloaded_error", "Overloaded"), "", true, catalog.SideAnthropic},
		{"429 api key", 429, map[string]string{"retry-after": "2"}, envelope("rate_limit_error", "Rate limited"), "api-key", true, catalog.SideAccount},
		{"429 retry-after over a minute", 429, map[string]string{"retry-after": "61"}, envelope("rate_limit_error", "Rate limited"), "api-key", false, catalog.SideAccount},
		{"429 retry-after of a minute", 429, map[string]string{"retry-after": "60"}, envelope("rate_limit_error", "Rate limited"), "api-key", true, catalog.SideAccount},
		{"spend cap", 429, nil, spendCap, "api-key", false, catalog.SideAccount},
		{"quota even if told to retry", 429, map[string]string{"anthropic-ratelimit-unified-status": "rejected", "x-should-retry": "true"}, "", "oauth", false, catalog.SideAccount},
		{"quota", 429, quota, "", "oauth", false, catalog.SideAccount},
		{"throttled", 429, nil, "", "oauth", true, catalog.SideAnthropic},
		{"credit", 400, nil, envelope("invalid_request_error", "Your credit balance is too low to access the Anthropic API."), "api-key", false, catalog.SideAccount},
		{"404 model re-sent", 404, nil, envelope("not_found_error", "model: x"), "", true, catalog.SideLocal},
		{"401 api key", 401, nil, envelope("authentication_error", "invalid x-api-key"), "api-key", true, catalog.SideLocal},
		{"403 unknown", 403, nil, envelope("permission_error", "no"), "", false, ""},
		{"409 unknown", 409, nil, envelope("conflict_error", "conflict"), "", true, ""},
		{"418 unknown", 418, nil, "", "", false, ""},
		{"413", 413, nil, "", "", false, catalog.SideRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testClassifier.Response(httpResp(tt.status, tt.headers, tt.body, tt.cred), []byte(tt.body))
			if f.Retried != tt.want {
				t.Errorf("%s: Retried = %v, want %v", f.ID, f.Retried, tt.want)
			}
			if f.Side != tt.side {
				t.Errorf("%s: Side = %q, want %q", f.ID, f.Side, tt.side)
			}
		})
	}
	for _, tt := range []struct {
		code string
		id   catalog.ID
		want bool
	}{
		{"ECONNREFUSED", catalog.ConnectionFailed, true},
		{"ERR_PROXY_TUNNEL", catalog.ConnectionFailed, true},
		{"ERR_TLS_HANDSHAKE_TIMEOUT", catalog.ConnectionFailed, true},
		{"DEPTH_ZERO_SELF_SIGNED_CERT", catalog.TLSCertificate, false},
		{"cert_has_expired", catalog.TLSCertificate, false},
	} {
		f := testClassifier.Classify(Parts{Code: tt.code})
		if f == nil || f.ID != tt.id || f.Retried != tt.want {
			t.Errorf("Classify(Code %s) = %+v, want %s retried %v", tt.code, f, tt.id, tt.want)
		}
	}
}

// TestClassifyNothing: parts that describe no failure give nil.
func TestClassifyNothing(t *testing.T) {
	for _, p := range []Parts{
		{},
		{Status: 200},
		{Status: 302, Message: "Found"},
	} {
		if f := testClassifier.Classify(p); f != nil {
			t.Errorf("Classify(%+v) = %+v, want nil", p, f)
		}
	}
	// An error type after a 200 is a stream failure.
	if f := testClassifier.Classify(Parts{Status: 200, ErrorType: "overloaded_error"}); f == nil || f.ID != catalog.Overloaded || f.Status != StatusOverloaded {
		t.Errorf("200 + overloaded_error = %+v, want overloaded 529", f)
	}
	// A message alone that names nothing is a failure without an entry.
	if f := testClassifier.Classify(Parts{Message: "something broke"}); f == nil || f.ID != "" {
		t.Errorf("bare message = %+v, want a failure with no id", f)
	}
}
