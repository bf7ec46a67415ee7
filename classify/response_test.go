package classify

import (
	"net/http"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

type respCase struct {
	name    string
	status  int
	headers map[string]string
	body    string
	cred    string
	wantID  catalog.ID
	wantMsg string
}

func runRespCases(t *testing.T, cases []respCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			f := testClassifier.Response(httpResp(tt.status, tt.headers, tt.body, tt.cred), []byte(tt.body))
			if f == nil {
				t.Fatalf("Response = nil, want %q", tt.wantID)
			}
			if f.ID != tt.wantID {
				t.Errorf("ID = %q, want %q (message %q)", f.ID, tt.wantID, f.Message)
			}
			if (f.Entry == nil) != (tt.wantID == "") {
				t.Errorf("Entry = %v for ID %q", f.Entry, f.ID)
			}
			if tt.wantMsg != "" && f.Message != tt.wantMsg {
				t.Errorf("Message = %q, want %q", f.Message, tt.wantMsg)
			}
			if f.Error() != f.Message {
				t.Errorf("Error() = %q, want the message", f.Error())
			}
		})
	}
}

// serverTailWant follows "API Error: <status> <message>." for a 5xx.
const serverTailWant = " This is a server-side issue, usually temporary — try again in a moment. If it persists, check https://status.claude.com."

func TestResponseServerFamily(t *testing.T) {
	runRespCases(t, []respCase{
		{name: "500 raw body", status: 500, body: `{"type":"error","error":{"type":"api_error","message":"Internal server error"}}`,
			wantID:  "server-error",
			wantMsg: "API Error: 500 Internal server error." + serverTailWant},
		{name: "500 with request id", status: 500, body: envelope("api_error", "Internal server error"), wantID: "server-error",
			wantMsg: "API Error: 500 Internal server error." + serverTailWant},
		{name: "500 message with a full stop", status: 500, body: envelope("api_error", "Something broke..."), wantID: "server-error",
			wantMsg: "API Error: 500 Something broke." + serverTailWant},
		{name: "504 timeout_error", status: 504, body: envelope("timeout_error", "Request timed out"), wantID: "server-error"},
		{name: "502 html", status: 502, body: "<html>\n<h1>502 Bad Gateway</h1>\n</html>", wantID: "server-error",
			wantMsg: "API Error: 502 <html> <h1>502 Bad Gateway</h1> </html>." + serverTailWant},
		{name: "503 empty body", status: 503, wantID: "server-error",
			wantMsg: "API Error: 503 Service Unavailable." + serverTailWant},
		{name: "599 unknown type", status: 599, body: envelope("brand_new_error", "x"), wantID: "server-error"},
		{name: "529", status: 529, body: envelope("overloaded_error", "Overloaded"), wantID: "overloaded",
			wantMsg: "API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check https://status.claude.com."},
		{name: "overloaded_error under 503", status: 503, body: envelope("overloaded_error", "Overloaded"), wantID: "overloaded"},
		{name: "529 without body", status: 529, wantID: "overloaded"},
		{name: "408", status: 408, wantID: "request-timeout", wantMsg: "Request timed out"},
		{name: "api_error under 400", status: 400, body: envelope("api_error", "odd"), wantID: "server-error"},
	})
}

func TestResponseUsageFamily(t *testing.T) {
	rl := envelope("rate_limit_error", "Rate limited")
	unified := func(claim, reset string) map[string]string {
		return map[string]string{
			"anthropic-ratelimit-unified-status":               "rejected",
			"anthropic-ratelimit-unified-representative-claim": claim,
			"anthropic-ratelimit-unified-reset":                reset,
		}
	}
	// fixedNow is Thu 2026-11-26 12:00 UTC.
	sameDay := "1795706100" // Thu 2026-11-26 15:15 UTC
	nextMon := "1795996800" // Mon 2026-11-30 00:00 UTC
	farAway := "2000000000" // 2033-05-18 03:33:20 UTC
	runRespCases(t, []respCase{
		{name: "session limit today", status: 429, headers: unified("five_hour", sameDay), body: rl, cred: "oauth",
			wantID: "usage-limit", wantMsg: "You've hit your session limit · resets 3:15pm"},
		{name: "weekly limit monday", status: 429, headers: unified("seven_day", nextMon), body: rl, cred: "oauth",
			wantID: "usage-limit", wantMsg: "You've hit your weekly limit · resets Mon 12:00am"},
		{name: "opus limit far", status: 429, headers: unified("seven_day_opus", farAway), body: rl, cred: "oauth",
			wantID: "usage-limit", wantMsg: "You've hit your Opus limit · resets May 18, 2033, 3:33am (UTC)"},
		{name: "no reset", status: 429, headers: unified("seven_day_sonnet", "soon"), body: rl, cred: "oauth",
			wantID: "usage-limit", wantMsg: "You've hit your Sonnet limit"},
		{name: "unified without credential", status: 429, headers: unified("", ""), body: rl,
			wantID: "usage-limit", wantMsg: "You've hit your usage limit"},
		{name: "unified with api key is a rate limit", status: 429, headers: unified("five_hour", farAway), body: rl, cred: "api-key",
			wantID: "rate-limited", wantMsg: "API Error: Request rejected (429) · this may be a temporary capacity issue"},
		{name: "oauth without unified", status: 429, body: rl, cred: "oauth",
			wantID: "server-throttled", wantMsg: "API Error: Server is temporarily limiting requests (not your usage limit)"},
		{name: "oauth with allowed unified", status: 429, body: rl, cred: "oauth",
			headers: map[string]string{"anthropic-ratelimit-unified-status": "allowed"}, wantID: "rate-limited"},
		{name: "api key as bearer (Go SDK v2)", status: 429, headers: map[string]string{"x-test-bearer-key": "1"}, body: rl, wantID: "rate-limited"},
		{name: "api key", status: 429, body: rl, cred: "api-key", headers: map[string]string{"retry-after": "3"}, wantID: "rate-limited"},
		{name: "spend cap", status: 429, cred: "api-key", wantID: "rate-limited",
			body: `{"type":"error","error":{"type":"rate_limit_error","message":"spend cap","details":{"error_code":"enforced_spend_limit_reached"}}}`},
		{name: "credit 400", status: 400, cred: "api-key", wantID: "credit-balance-low", wantMsg: "Credit balance is too low",
			body: envelope("invalid_request_error", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.")},
		{name: "spend limit 400", status: 400, wantID: "credit-balance-low",
			body: envelope("invalid_request_error", "You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.")},
		{name: "workspace spend limit 400", status: 400, wantID: "credit-balance-low",
			body: envelope("invalid_request_error", "You have reached your specified workspace API usage limits.")},
		{name: "402 billing", status: 402, body: envelope("billing_error", "Payment required"), wantID: "credit-balance-low"},
	})
}

func TestResponseAuthFamily(t *testing.T) {
	runRespCases(t, []respCase{
		{name: "401 api key", status: 401, cred: "api-key", body: envelope("authentication_error", "invalid x-api-key"),
			wantID: "invalid-api-key", wantMsg: "Invalid API key · Fix external API key"},
		{name: "401 no credential mentions x-api-key", status: 401, body: envelope("authentication_error", "invalid x-api-key"),
			wantID: "invalid-api-key"},
		{name: "401 revoked", status: 401, cred: "oauth", body: envelope("authentication_error", "OAuth token has been revoked. Please obtain a new token."),
			wantID: "oauth-token-invalid", wantMsg: "OAuth token revoked · Please run /login"},
		{name: "401 expired", status: 401, cred: "oauth", body: envelope("authentication_error", "OAuth token has expired. Please obtain a new token or refresh your existing token."),
			wantID: "oauth-token-invalid", wantMsg: "OAuth token has expired · Please run /login"},
		{name: "401 bearer other", status: 401, cred: "oauth", body: `{"type":"error","error":{"type":"authentication_error","message":"Invalid bearer token"}}`,
			wantID:  "oauth-token-invalid",
			wantMsg: "Failed to authenticate. API Error: 401 Invalid bearer token"},
		{name: "401 unknown type", status: 401, cred: "oauth", body: envelope("new_auth_error", "nope"), wantID: "oauth-token-invalid"},
		// With no credential known, only a message naming x-api-key is about an API key.
		{name: "401 no credential generic", status: 401, body: envelope("authentication_error", "Invalid authentication credentials"),
			wantID: "oauth-token-invalid"},
		{name: "401 no credential plain text", status: 401, body: "Unauthorized", wantID: "oauth-token-invalid"},
		{name: "org disabled", status: 400, cred: "api-key", body: envelope("invalid_request_error", "This organization has been disabled."),
			wantID: "organization-disabled", wantMsg: "Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your other credentials"},
		{name: "api key auth disabled", status: 403, cred: "api-key", body: envelope("permission_error", "API key authentication is disabled for this organization."),
			wantID: "organization-disabled"},
		{name: "scope", status: 403, cred: "oauth", body: envelope("permission_error", "OAuth token does not meet scope requirement\n user:profile"),
			wantID: "oauth-scope", wantMsg: "OAuth token does not meet scope requirement: user:profile"},
		{name: "routines", status: 403, body: envelope("permission_error", "Routines are disabled by your organization's policy."),
			wantID: "routines-disabled", wantMsg: "Routines are disabled by your organization's policy."},
		{name: "403 other", status: 403, cred: "api-key", body: envelope("permission_error", "Your API key does not have permission to use the specified resource."),
			wantID: "", wantMsg: "API Error: 403 Your API key does not have permission to use the specified resource."},
		{name: "deny reason", status: 403, headers: map[string]string{"x-deny-reason": "host_not_allowed"}, body: "blocked",
			wantID: "host-not-allowed", wantMsg: "HTTP 403\nx-deny-reason: host_not_allowed"},
		{name: "proxy allowlist", status: 403, headers: map[string]string{"X-Proxy-Error": "blocked-by-allowlist"},
			wantID: "host-not-allowed", wantMsg: "HTTP 403\nx-proxy-error: blocked-by-allowlist"},
	})
}

func TestResponseRequestFamily(t *testing.T) {
	ir := func(msg string) string { return envelope("invalid_request_error", msg) }
	runRespCases(t, []respCase{
		{name: "prompt", status: 400, body: ir("prompt is too long: 210000 tokens > 200000 maximum"), wantID: "prompt-too-long", wantMsg: "Prompt is too long"},
		{name: "413 json", status: 413, body: envelope("request_too_large", "Request exceeds the maximum allowed number of bytes."),
			wantID: "request-too-large", wantMsg: "Request too large (max 30 MB). Double press esc to go back and remove or shrink the attached content."},
		{name: "413 html", status: 413, body: "<html><title>413 Request Entity Too Large</title></html>", wantID: "request-too-large"},
		{name: "image bytes", status: 400, body: ir("messages.0.content.1.image.source.base64: image exceeds 5 MB maximum: 7340032 bytes > 5242880 bytes"),
			wantID: "image-too-large", wantMsg: "Image was too large. Double press esc to go back and try again with a smaller image."},
		{name: "image dimensions", status: 400, body: ir("messages.0.content.1.image.source.base64.data: image dimensions exceed max allowed size: 8000 pixels"),
			wantID: "image-too-large", wantMsg: "API Error: 400 messages.0.content.1.image.source.base64.data: image dimensions exceed max allowed size: 8000 pixels"},
		{name: "pdf pages", status: 400, body: ir("A maximum of 100 PDF pages may be provided."),
			wantID: "pdf-unreadable", wantMsg: "PDF too large (max 100 pages, 32 MB). Try splitting it or extracting text first."},
		{name: "pdf password", status: 400, body: ir("The PDF specified is password protected"),
			wantID: "pdf-unreadable", wantMsg: "PDF is password protected. Try removing protection or extracting text first."},
		{name: "pdf invalid", status: 400, body: ir("The PDF specified was not valid."),
			wantID: "pdf-unreadable", wantMsg: "The PDF file was not valid. Try converting to a different format first."},
		{name: "beta", status: 400, body: ir("context_management: Extra inputs are not permitted"),
			wantID: "beta-header-stripped", wantMsg: "API Error: 400 context_management: Extra inputs are not permitted"},
		{name: "model 404", status: 404, body: envelope("not_found_error", "model: claude-opus-5-5"),
			wantID: "model-unavailable", wantMsg: "There's an issue with the selected model (claude-opus-5-5). It may not exist or you may not have access to it. Run /model to select a different one."},
		// Claude Code words every 404 as a model problem; the model is the request's.
		{name: "path 404", status: 404, body: envelope("not_found_error", "Not found"), wantID: "model-unavailable",
			wantMsg: "There's an issue with the selected model (claude-sonnet-5-5). It may not exist or you may not have access to it. Run /model to select a different one."},
		{name: "gateway 404 page", status: 404, body: "404 page not found", wantID: "model-unavailable"},
		{name: "thinking", status: 400, body: ir(`"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`),
			wantID: "thinking-unsupported"},
		{name: "budget", status: 400, body: ir("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation"),
			wantID: "thinking-budget"},
		{name: "tool orphan", status: 400, body: ir("messages.1.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01ABC."),
			wantID: "tool-use-mismatch", wantMsg: "API Error: 400 due to tool use concurrency issues. Run /rewind to recover the conversation."},
		{name: "tool duplicate", status: 400, body: ir("`tool_use` ids must be unique"), wantID: "tool-use-mismatch"},
		{name: "other 400", status: 400, body: ir("max_tokens: field required"), wantID: "", wantMsg: "API Error: 400 max_tokens: field required"},
		{name: "409", status: 409, body: envelope("conflict_error", "conflict"), wantID: ""},
		{name: "gateway string error", status: 400, body: `{"error":"credit balance is too low"}`, wantID: "credit-balance-low"},
		{name: "not json", status: 400, body: "prompt is too long", wantID: "prompt-too-long"},
	})
}

func TestResponseFields(t *testing.T) {
	resp := httpResp(429, map[string]string{
		"request-id":     "req_header",
		"retry-after":    "7",
		"x-should-retry": "false",
	}, "", "api-key")
	body := `{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited","details":{"error_code":"enforced_spend_limit_reached"}},"request_id":"req_body"}`
	f := testClassifier.Response(resp, []byte(body))
	if f.Status != 429 || f.ErrorType != "rate_limit_error" || f.APIMessage != "Rate limited" ||
		f.ErrorCode != "enforced_spend_limit_reached" || f.RequestID != "req_header" ||
		f.Model != "claude-sonnet-5-5" || f.Credential != "api-key" || f.RetryAfter != 7*time.Second ||
		f.ShouldRetry == nil || *f.ShouldRetry || f.Code != "" || f.Err != nil {
		t.Errorf("fields = %+v", f)
	}
	// Without the header the body's request id is used.
	f = testClassifier.Response(httpResp(500, nil, "", ""), []byte(body))
	if f.RequestID != "req_body" {
		t.Errorf("RequestID = %q, want req_body", f.RequestID)
	}
	if f.ShouldRetry != nil {
		t.Errorf("ShouldRetry = %v, want nil", *f.ShouldRetry)
	}
}

func TestResponseNotFailures(t *testing.T) {
	if f := Response(nil, nil); f != nil {
		t.Errorf("Response(nil) = %v", f)
	}
	for _, status := range []int{200, 204, 301, 399} {
		if f := Response(httpResp(status, nil, "", ""), nil); f != nil {
			t.Errorf("Response(%d) = %v, want nil", status, f)
		}
	}
	// No request at all: still classified.
	f := Response(&http.Response{StatusCode: 529, Header: http.Header{}}, nil)
	if f == nil || f.ID != "overloaded" {
		t.Errorf("bare 529 = %v", f)
	}
}
