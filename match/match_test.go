package match_test

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

func matcher(t testing.TB) *match.Matcher {
	t.Helper()
	m, err := match.Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func ids(hits []match.Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, string(h.ID))
	}
	return out
}

// textCases are named inputs and the ids Text must report, in order.
var textCases = []struct {
	name string
	in   string
	want []string
}{
	// Current (2.1.332) wordings.
	{"500 current", "API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment. If it persists, check https://status.claude.com.", []string{"server-error"}},
	{"504 current", "API Error: 504 Request timed out. This is a server-side issue, usually temporary — try again in a moment. If it persists, check https://status.claude.com.", []string{"server-error"}},
	{"529 current", "API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check https://status.claude.com.", []string{"overloaded"}},
	{"spinner generic", "✻ API error · retrying in 1s · attempt 1/6", []string{"server-error"}},
	{"spinner 500", "✻ 500 Internal server error · retrying in 3s · attempt 3/6", []string{"server-error"}},
	{"spinner 529 v2.1.259", "✻ 529 Overloaded · Retrying in 4s · attempt 6/10\n  ⎿  If it persists, check https://status.claude.com.", []string{"overloaded"}},
	{"spinner seed", "Retrying in 4s · attempt 3/10", []string{"server-error"}},
	{"spinner 2025 529", `API Error (529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}) · Retrying in 1 seconds… (attempt 1/10)`, []string{"overloaded"}},
	{"spinner 2025 socket", "Unable to connect to API (UND_ERR_SOCKET) Retrying in 0 seconds… (attempt 10/10)", []string{"connection-failed"}},
	{"spinner 429", "✻ 429 Rate limited · retrying in 2s · attempt 1/10", []string{"rate-limited"}},
	{"timeout bare", "Request timed out", []string{"request-timeout"}},
	{"timeout network", "Request timed out. Check your internet connection and proxy settings", []string{"connection-failed"}},
	{"timeout then network", "Request timed out\nUnable to connect to API (ECONNREFUSED)", []string{"request-timeout", "connection-failed"}},
	{"usage 5-hour", "You've hit your 5-hour limit · resets May 18, 2033, 3:33am (UTC)", []string{"usage-limit"}},
	{"usage curly quote", "You’ve hit your weekly limit · resets Mon 12:00am", []string{"usage-limit"}},
	{"throttled", "API Error: Server is temporarily limiting requests (not your usage limit) · Rate limited", []string{"server-throttled"}},
	{"rejected 429", "API Error: Request rejected (429) · Number of concurrent connections has exceeded your rate limit.", []string{"rate-limited"}},
	{"oauth -p", "Failed to authenticate. API Error: 401 OAuth token has been revoked. Please obtain a new token.", []string{"oauth-token-invalid"}},
	{"generic 401", "Please run /login · API Error: 401 Invalid authentication credentials", []string{"oauth-token-invalid"}},
	{"host 403", "Failed to authenticate. API Error: 403 Host not allowed", []string{"host-not-allowed"}},
	{"refused current", "API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)", []string{"connection-failed"}},
	{"tls current", "API Error: Unable to connect to API: Self-signed certificate detected (DEPTH_ZERO_SELF_SIGNED_CERT). The certificate comes from an authority Claude Code doesn't trust", []string{"tls-certificate"}},
	{"model -p", "There's an issue with the selected model (claude-opus-5-5). It may not exist or you may not have access to it. Run --model to pick a different model.", []string{"model-unavailable"}},
	{"budget", "API Error: 400 `max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation", []string{"thinking-budget"}},
	{"orphan", "API Error: 400 orphaned tool_result in conversation history.", []string{"tool-use-mismatch"}},

	// Raw API bodies and headers.
	{"raw 529", `529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}`, []string{"overloaded"}},
	{"raw 429 type", `"type":"rate_limit_error"`, []string{"rate-limited"}},
	{"raw 500", `{"type":"error","error":{"type":"api_error","message":"Internal server error"}}`, []string{"server-error"}},
	{"raw 504 rendered", `API Error: 504 {"type":"error","error":{"type":"timeout_error","message":"Request timed out"}} · check status.claude.com`, []string{"server-error"}},
	{"raw 504", `504 {"type":"error","error":{"type":"timeout_error","message":"Request timed out"}}`, []string{"server-error"}},
	{"raw 504 keys reordered", `API Error: 504 {"error":{"message":"Request timed out","type":"timeout_error"},"type":"error"} · check status.claude.com`, []string{"server-error"}},
	{"gateway 502 html body", `API Error: 502 <html>Bad gateway: request timed out</html> · check status.claude.com`, []string{"server-error"}},
	{"503 body without tail", `API Error: 503 {"type":"error","error":{"type":"api_error","message":"Request timed out"}}`, []string{"server-error"}},
	{"raw sse", "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}", []string{"overloaded"}},
	{"raw credit", `{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}`, []string{"credit-balance-low"}},
	{"raw prompt", `{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}`, []string{"prompt-too-long"}},
	{"raw x-api-key", `401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`, []string{"invalid-api-key"}},
	{"raw header usage", "HTTP/1.1 429 Too Many Requests\nanthropic-ratelimit-unified-status: rejected\nanthropic-ratelimit-unified-representative-claim: five_hour", []string{"usage-limit"}},
	{"raw deny header", "HTTP/1.1 403 Forbidden\r\nx-deny-reason: host_not_allowed\r\n", []string{"host-not-allowed"}},
	{"raw 404 model", `{"type":"error","error":{"type":"not_found_error","message":"model: claude-opus-5-5"}}`, []string{"model-unavailable"}},
	{"raw 413", `413 {"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}`, []string{"request-too-large"}},
	{"raw tool history", "messages.1.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01ABC.", []string{"tool-use-mismatch"}},
	{"raw scope newline", `{"type":"error","error":{"type":"permission_error","message":"OAuth token does not meet scope requirement\n user:profile"}}`, []string{"oauth-scope"}},

	// Noise.
	{"ansi inside", "\x1b[1mAPI Error:\x1b[22m \x1b[31mRepeated 529 \x1b[1mOverloaded\x1b[0m errors", []string{"overloaded"}},
	{"osc link", "\x1b]8;;https://status.claude.com\x07Not logged in · Please run /login\x1b]8;;\x07", []string{"not-logged-in"}},
	{"wrapped at a space", "● API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again\n  in a moment. If it persists, check your inference gateway (127.0.0.1:18080).", []string{"server-error"}},
	{"wrapped mid-word", "● API Error: Repeated 529 Overlo\n  aded errors · check status.claude.com", []string{"overloaded"}},
	{"wrapped mid-word 2", "● Auto mode classifier transcript exceeded con\n  text window — falling back to manual approval", []string{"auto-mode-context"}},
	{"json escaped", `{"type":"assistant","message":{"content":[{"type":"text","text":"Not logged in \u00b7 Please run /login"}]}}`, []string{"not-logged-in"}},
	{"double escaped", `"error":"{\"message\":\"529 {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"overloaded_error\\\"}}\"}"`, []string{"overloaded"}},
	{"stack trace", "Error: API Error: 400 due to tool use concurrency issues.\n    at Ou (file:///usr/lib/node_modules/cli.js:12:3)", []string{"tool-use-mismatch"}},
	{"crlf", "line one\r\nCredit balance is too low\r\nline three\r\n", []string{"credit-balance-low"}},
	{"chinese around", "运行时出现:Prompt is too long,怎么办?", []string{"prompt-too-long"}},
	{"fullwidth colon", "错误：Request timed out", []string{"request-timeout"}},
	{"invalid utf8", "\xff\xfeInvalid API key · Fix external API key\xc3", []string{"invalid-api-key"}},
	{"nbsp and tabs", "Unable to connect\tto API\u00a0(ECONNRESET)", []string{"connection-failed"}},
	{"several and repeated", "Prompt is too long\nok\nAPI Error: Repeated 529 Overloaded errors\nPrompt is too long\n", []string{"prompt-too-long", "overloaded"}},
	{"transcript final", `{"type":"assistant","message":{"model":"<synthetic>","content":[{"type":"text","text":"You've hit your 5-hour limit · resets May 18, 2033, 3:33am (UTC)"}]},"error":"rate_limit","apiErrorType":"rate_limit_error","apiErrorStatus":429}`, []string{"usage-limit"}},

	// Outer layers: other releases, the runtime, the SDKs, other providers.
	{"529 single", "API Error: 529 Overloaded. This is a server-side issue, usually temporary — try again in a moment. If it persists, check your inference gateway (127.0.0.1:18080).", []string{"overloaded"}},
	{"503 still server", "API Error: 503 Service Unavailable. This is a server-side issue, usually temporary — try again in a moment.", []string{"server-error"}},
	{"opus 1.0", "⎿  Repeated server overload with Opus model", []string{"overloaded"}},
	{"image base64", "Image base64 size (12MB) exceeds API limit (5MB). Please resize the image before sending.", []string{"image-too-large"}},
	{"retry connection error", "API Error (Connection error.) · Retrying in 1 seconds… (attempt 1/10)", []string{"connection-failed"}},
	{"credit newer", "  ⎿  Credit balance too low · Add funds: https://platform.claude.com/settings/billing", []string{"credit-balance-low"}},
	{"missing key 1.0", "Missing API key · Run /login", []string{"not-logged-in"}},
	{"sdk no credential", `[{"error":"Error: Could not resolve authentication method. Expected either apiKey or authToken to be set. Or for one of the \"X-Api-Key\" or \"Authorization\" headers to be explicitly omitted\n    at CP.validateHeaders (file:///cli.js:979:930)"}]`, []string{"not-logged-in"}},
	{"compaction older", "⎿  Error: Error during compaction: Error: Conversation too long. Press esc to go up a few messages and try again.", []string{"compaction-failed"}},
	{"pdf older", "⏺ PDF too large. Please double press esc to edit your message and try again.", []string{"pdf-unreadable"}},
	{"egress allowlist", `curl: blocked with HTTP 403 "Host not in allowlist" by the sandbox egress proxy`, []string{"host-not-allowed"}},
	{"usage 1.0", "Claude AI usage limit reached|1760000400", []string{"usage-limit"}},
	{"usage 2.0 bullet", "  ⎿  Opus weekly limit reached ∙ resets Oct 9, 5pm", []string{"usage-limit"}},
	{"usage plain limit", "You've hit your limit · resets 10pm (Europe/Berlin)", []string{"usage-limit"}},
	{"tls first run", "Failed to connect to api.anthropic.com: SELF_SIGNED_CERT_IN_CHAIN", []string{"tls-certificate"}},
	{"tls issuer", "API Error: Error: unable to get issuer certificate", []string{"tls-certificate"}},
	{"tls detail", "    ⎿  Error (self signed certificate in certificate chain) (SELF_SIGNED_CERT_IN_CHAIN)", []string{"tls-certificate"}},
	{"tls altname", "API Error: Unable to connect to API (ERR_TLS_CERT_ALTNAME_INVALID)", []string{"tls-certificate"}},
	{"socket hang up", "API Error: socket hang up", []string{"connection-failed"}},
	{"python 500", "anthropic.InternalServerError: Error code: 500 - {'type': 'error', 'error': {'type': 'api_error', 'message': 'Internal server error'}}", []string{"server-error"}},
	{"sdk connection", "APIConnectionError: Connection error.", []string{"connection-failed"}},
	{"bug report body", `[{"error":"Error: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n    at Function.generate (cli.js:1:2)"}]`, []string{"overloaded"}},
	{"bedrock throttled cc", "API Error (429 Too many tokens, please wait before trying again.)", []string{"rate-limited"}},
	{"bedrock throttled sdk", "Error invoking the model: ThrottlingException: Too many requests for anthropic.claude-sonnet-4-5", []string{"rate-limited"}},
	{"bedrock 503", "An error occurred (ServiceUnavailableException) when calling the InvokeModel operation: Bedrock is unable to process your request.", []string{"server-error"}},
	{"bedrock timeout", "ModelTimeoutException: Model has timed out in processing the request.", []string{"request-timeout"}},
	{"bedrock profile", "ValidationException: Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported.", []string{"model-unavailable"}},
	{"bun socket closed", "API Error: The socket connection was closed unexpectedly. For more information, pass `verbose: true` in the second argument to fetch()", []string{"connection-failed"}},
	{"claude install tls", "Failed to fetch version from https://downloads.claude.ai/claude-code-releases/latest: unable to get local issuer certificate", []string{"tls-certificate"}},
	{"quoted and wrapped", "  > claude-sonnet-4-6 is temporarily unavailable, so auto mode cannot determine\n  > the safety of Write right now.", []string{"auto-mode-unavailable"}},
	{"quoted unindented", "> Credit balance is too\n> low", []string{"credit-balance-low"}},
	{"bare refused", "  ⎿  connect ECONNREFUSED 127.0.0.1:443", []string{"connection-failed"}},
	{"sdk retry 429", `{"type":"system","subtype":"api_retry","attempt":1,"max_retries":10,"retry_delay_ms":2000,"error_status":429,"error":"rate_limit","session_id":"x"}`, []string{"rate-limited"}},
	{"sdk retry 503", `{"type":"system","subtype":"api_retry","attempt":3,"max_retries":10,"retry_delay_ms":4100,"error_status":503,"error":"server_error"}`, []string{"server-error"}},
	{"sdk result error", "Error: Claude Code returned an error result: API Error: Repeated 529 Overloaded errors", []string{"overloaded"}},
	{"python agent sdk", `AssistantMessage(content=[TextBlock(text="You've hit your limit · resets 10pm")], model='<synthetic>', error='rate_limit')`, []string{"usage-limit"}},
	{"tls bare line", "  ⎿  unable to get local issuer certificate", []string{"tls-certificate"}},
	{"vertex quota", `[{"error":{"code":429,"message":"Quota exceeded for aiplatform.googleapis.com/online_prediction_input_tokens_per_minute_per_base_model with base model: anthropic-claude-sonnet-4.","status":"RESOURCE_EXHAUSTED"}}]`, []string{"rate-limited"}},
	{"vertex not enabled", `{"error":{"code":400,"message":"Project ` + "`p`" + ` is not allowed to use Publisher Model ` + "`projects/p/locations/us-east5/publishers/anthropic/models/claude-opus-4-1`" + `","status":"FAILED_PRECONDITION"}}`, []string{"model-unavailable"}},

	// Near misses: ordinary prose, other tools, other vendors.
	{"prose overloaded", "The build server was overloaded last night, so the deploy timed out.", nil},
	{"prose timed out", "The request timed out after 30 seconds, then it worked.", nil},
	{"prose rate limit", "We hit the rate limit on GitHub's API, so I added a retry.", nil},
	{"prose too long", "The prompt is too long for a tweet; the request too large for email.", nil},
	{"prose internal", "An internal server error page is what nginx shows by default.", nil},
	{"nginx 500", "<html><head><title>500 Internal Server Error</title></head></html>", nil},
	{"npm eacces", "npm ERR! code EACCES\nnpm ERR! syscall mkdir\nnpm ERR! Error: EACCES: permission denied, mkdir '/usr/lib/node_modules'", nil},
	{"npm econnrefused", "npm ERR! code ECONNREFUSED\nnpm ERR! errno ECONNREFUSED\nnpm ERR! FetchError: request to https://registry.npmjs.org/ failed, reason: connect ECONNREFUSED 127.0.0.1:443", nil},
	{"command not found", "bash: claude: command not found", nil},
	{"mcp failure", "MCP server \"github\" failed to start: spawn npx ENOENT", nil},
	{"hook failure", "PreToolUse:Bash hook error: Failed with non-blocking status code: exit status 1", nil},
	{"openai quota", `{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}`, nil},
	{"openai rate", `{"error":{"message":"Rate limit reached for gpt-4o","type":"requests","code":"rate_limit_exceeded"}}`, nil},
	{"openai invalid request", `{"error":{"message":"Invalid 'messages'","type":"invalid_request_error","code":null}}`, nil},
	{"openai api error 429", "Error: OpenAI API error: 429 Too Many Requests", nil},
	{"openai rate limit error", "openai.RateLimitError: Error code: 429", nil},
	{"google resource exhausted", "google.api_core.exceptions.ResourceExhausted: 429", nil},
	{"gemini 503", "Gemini API error: 503 Service Unavailable", nil},
	{"pydantic extra", "  Extra inputs are not permitted [type=extra_forbidden, input_value='x', input_type=str]", nil},
	{"usage warning", "You're close to your usage limit", nil},
	{"auto mode plan", "Auto mode is unavailable for your plan", nil},
	{"curl ssl", "curl: (60) SSL certificate problem: self signed certificate", nil},
	{"other retry line", "Retrying in 5 seconds (attempt 2/5)", nil},
	{"kubectl", "Unable to connect to API server at https://10.0.0.1:6443: dial tcp: i/o timeout", nil},
	{"npm self-signed", "npm ERR! code SELF_SIGNED_CERT_IN_CHAIN\nnpm ERR! errno SELF_SIGNED_CERT_IN_CHAIN\nnpm ERR! request to https://registry.npmjs.org/@anthropic-ai%2fclaude-code failed, reason: self signed certificate in certificate chain", nil},
	{"curl issuer", "curl: (60) SSL certificate problem: unable to get local issuer certificate", nil},
	{"pip issuer", "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)", nil},
	{"axios hang up", "Error: socket hang up\n    at connResetException (node:internal/errors:720:14)", nil},
	{"gemini quota", `{"error":{"code":429,"message":"Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-1.5-pro.","status":"RESOURCE_EXHAUSTED"}}`, nil},
	{"other aws throttling", "An error occurred (ThrottlingException) when calling the PutMetricData operation (reached max retries: 4): Rate exceeded", nil},
	{"prose weekly", "Our free tier's weekly limit reached zero again, and the usage limit reached its cap.", nil},
	{"gh not logged", "You are not logged into any GitHub hosts. Run gh auth login to authenticate.", nil},
	{"other app oauth", "Bug Report: OAuth token has expired. Please refresh the page!", nil},
	{"bun elsewhere", "error: The socket connection was closed unexpectedly. For more information, pass `verbose: true` in the second argument to fetch()", nil},
	{"node app refused", "Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16)", nil},
	{"git issuer", "fatal: unable to access 'https://github.com/x/y.git/': SSL certificate problem: unable to get local issuer certificate", nil},
	{"prose fetch", "I think the fetch failed because the proxy was down", nil},
	{"empty", "", nil},
}

func TestText(t *testing.T) {
	m := matcher(t)
	for _, tt := range textCases {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(m.Text(tt.in))
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(got, want) {
				t.Errorf("Text(%q) = %v, want %v", tt.in, got, want)
			}
		})
	}
}

func TestFields(t *testing.T) {
	m := matcher(t)
	tests := []struct {
		name string
		in   string
		id   catalog.ID
		want match.Fields
	}{
		{"raw body", `529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}`,
			"overloaded", match.Fields{"status": "529", "error_type": "overloaded_error", "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}},
		{"spinner", "✻ 529 Overloaded · Retrying in 4s · attempt 6/10", "overloaded",
			match.Fields{"status": "529", "attempt": "6", "max_attempts": "10", "retry_in": "4s"}},
		{"spinner 2025", "Unable to connect to API (UND_ERR_SOCKET) Retrying in 0 seconds… (attempt 10/10)", "connection-failed",
			match.Fields{"code": "UND_ERR_SOCKET", "attempt": "10", "max_attempts": "10", "retry_in": "0 seconds"}},
		{"usage", "You've hit your Opus limit · resets 3:45pm", "usage-limit", match.Fields{"limit": "Opus limit", "resets": "3:45pm"}},
		{"usage utc", "You've hit your 5-hour limit · resets May 18, 2033, 3:33am (UTC)", "usage-limit",
			match.Fields{"limit": "5-hour limit", "resets": "May 18, 2033, 3:33am (UTC)"}},
		{"model", "There's an issue with the selected model (claude-opus-5-5). It may not exist", "model-unavailable", match.Fields{"model": "claude-opus-5-5"}},
		{"auto mode", "claude-sonnet-4-5 is temporarily unavailable, so auto mode cannot determine the safety of Bash right now.", "auto-mode-unavailable", match.Fields{"model": "claude-sonnet-4-5"}},
		{"refused", "API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)", "connection-failed", match.Fields{"code": "ECONNREFUSED"}},
		{"tls", "Unable to connect to API: Self-signed certificate detected (DEPTH_ZERO_SELF_SIGNED_CERT)", "tls-certificate", match.Fields{"code": "DEPTH_ZERO_SELF_SIGNED_CERT"}},
		{"status 500", "API Error: 500 Internal server error. This is a server-side issue", "server-error", match.Fields{"status": "500"}},
		{"429", "API Error: Request rejected (429) · Rate limited", "rate-limited", match.Fields{"status": "429"}},
		{"deny", "x-deny-reason: host_not_allowed", "host-not-allowed", match.Fields{"code": "host_not_allowed"}},
		{"retry line", `{"type":"system","subtype":"api_error","error":{"message":"529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}","status":529},"retryInMs":503,"retryAttempt":1,"maxRetries":10}`,
			"overloaded", match.Fields{"status": "529", "error_type": "overloaded_error", "retry_in": "503ms", "attempt": "1", "max_attempts": "10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := m.Text(tt.in)
			if len(hits) != 1 || hits[0].ID != tt.id {
				t.Fatalf("Text(%q) = %v, want one %s", tt.in, ids(hits), tt.id)
			}
			for k, v := range tt.want {
				if got := hits[0].Fields[k]; got != v {
					t.Errorf("field %s = %q, want %q (all: %v)", k, got, v, hits[0].Fields)
				}
			}
		})
	}
}

func TestHitLineCountExcerpt(t *testing.T) {
	m := matcher(t)
	in := "start\nRequest timed out\nfoo\n\x1b[31mAPI Error: Repeated 529 Overloaded errors\x1b[0m\nRequest timed out\nRequest timed out"
	hits := m.Text(in)
	want := []match.Hit{
		{ID: "request-timeout", Count: 3, Line: 2, Excerpt: "Request timed out"},
		{ID: "overloaded", Count: 1, Line: 4, Excerpt: "API Error: Repeated 529 Overloaded errors"},
	}
	if len(hits) != len(want) {
		t.Fatalf("got %v, want %v", hits, want)
	}
	for i, w := range want {
		h := hits[i]
		if h.ID != w.ID || h.Count != w.Count || h.Line != w.Line || h.Excerpt != w.Excerpt {
			t.Errorf("hit %d = %+v, want %+v", i, h, w)
		}
	}
}

func TestFindLineOffsets(t *testing.T) {
	m := matcher(t)
	line := []byte("\x1b[31m● Prompt is too long\x1b[0m ⎿ Not logged in · Please run /login")
	got := m.FindLine(line)
	if len(got) != 2 || got[0].ID != "prompt-too-long" || got[1].ID != "not-logged-in" {
		t.Fatalf("FindLine = %+v", got)
	}
	if s := string(line[got[0].Start:got[0].End]); s != "Prompt is too long" {
		t.Errorf("first match covers %q", s)
	}
	if s := string(line[got[1].Start:got[1].End]); s != "Not logged in · Please run /login" {
		t.Errorf("second match covers %q", s)
	}
	if m.FindLine([]byte("nothing to see here")) != nil {
		t.Errorf("FindLine on plain text is not nil")
	}
}

// Reading in tiny pieces, or with lines split across reads, gives the same
// hits as reading at once.
func TestReaderPieces(t *testing.T) {
	m := matcher(t)
	var b strings.Builder
	for _, tt := range textCases {
		b.WriteString(tt.in)
		b.WriteString("\n")
	}
	in := b.String()
	want := m.Text(in)
	got, err := m.Reader(iotest.OneByteReader(strings.NewReader(in)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, want, hitEqual) {
		t.Errorf("one byte at a time:\n got %v\nwant %v", got, want)
	}
	got, err = m.Reader(iotest.HalfReader(strings.NewReader(in)))
	if err != nil || !slices.EqualFunc(got, want, hitEqual) {
		t.Errorf("half reads: %v, %v", got, err)
	}
}

func hitEqual(a, b match.Hit) bool {
	return a.ID == b.ID && a.Count == b.Count && a.Line == b.Line && a.Excerpt == b.Excerpt
}

// Input far larger than the buffer, including a line of several megabytes,
// is read with the right line numbers and counts.
func TestReaderLarge(t *testing.T) {
	m := matcher(t)
	var b bytes.Buffer
	filler := strings.Repeat("ordinary text without anything special in it ", 2)
	for i := 0; i < 60000; i++ {
		b.WriteString(filler)
		b.WriteByte('\n')
	}
	b.WriteString("Not logged in · Please run /login\n") // line 60001
	long := strings.Repeat("x", 3<<20) + " Credit balance is too low " + strings.Repeat("y", 3<<20)
	b.WriteString(long + "\n") // line 60002
	for i := 0; i < 1000; i++ {
		b.WriteString("Prompt is too long\n")
	}
	hits, err := m.Reader(&b)
	if err != nil {
		t.Fatal(err)
	}
	want := []match.Hit{
		{ID: "not-logged-in", Count: 1, Line: 60001},
		{ID: "credit-balance-low", Count: 1, Line: 60002},
		{ID: "prompt-too-long", Count: 1000, Line: 60003},
	}
	if len(hits) != len(want) {
		t.Fatalf("got %v", hits)
	}
	for i, w := range want {
		if h := hits[i]; h.ID != w.ID || h.Count != w.Count || h.Line != w.Line {
			t.Errorf("hit %d = %+v, want %+v", i, h, w)
		}
	}
}

// A message that straddles two pieces of an over-long line is counted once.
func TestReaderLongLineBoundaries(t *testing.T) {
	m := matcher(t)
	msg := "Credit balance is too low"
	for _, at := range []int{0, 1, 250 << 10, 252<<10 - 10, 254 << 10, 256<<10 - 12, 256 << 10, 500 << 10} {
		in := strings.Repeat("x ", at/2) + msg + strings.Repeat(" y", 400<<10)
		hits, err := m.Reader(strings.NewReader(in))
		if err != nil || len(hits) != 1 || hits[0].Count != 1 {
			t.Errorf("message at %d: %v, %v", at, hits, err)
		}
	}
}

func TestReaderError(t *testing.T) {
	m := matcher(t)
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader("Prompt is too long\n"), iotest.ErrReader(boom))
	hits, err := m.Reader(r)
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
	if len(hits) != 1 || hits[0].ID != "prompt-too-long" {
		t.Errorf("hits = %v", hits)
	}
}

func TestStreamJSONRetry(t *testing.T) {
	m := matcher(t)
	line := `{"type":"system","subtype":"api_retry","attempt":1,"max_retries":3,"retry_delay_ms":624,"error_status":529,"error":"overloaded","session_id":"x"}`
	hits := m.Text(line)
	if len(hits) != 1 || hits[0].ID != "overloaded" {
		t.Fatalf("got %v", ids(hits))
	}
	want := match.Fields{"status": "529", "attempt": "1", "max_attempts": "3", "retry_in": "624ms"}
	for k, v := range want {
		if hits[0].Fields[k] != v {
			t.Errorf("%s = %q, want %q (%v)", k, hits[0].Fields[k], v, hits[0].Fields)
		}
	}
}
