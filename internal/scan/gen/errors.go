package gen

import "github.com/ccerr/ccerr/catalog"

// errKind is one documented error as Claude Code records it. The texts are
// copied from ../shared/FACTS.md (§1 wordings, §4 line formats).
type errKind struct {
	id        catalog.ID
	retried   bool   // -p sessions write retry lines before the final message
	status    int    // HTTP status; 0 when no response came
	errType   string // API error type
	category  string // the final message's "error" field
	apiError  string // the final message's "apiError" field
	message   string // retry line: error.message
	formatted string // retry line: error.formatted
	conn      string // retry line: connection.code
	final     string // the text shown
	weight    int
}

var errKinds = []errKind{
	{id: catalog.Overloaded, retried: true, status: 529, errType: "overloaded_error", category: "server_error",
		message:   `529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CXfake"}`,
		formatted: "529 Overloaded",
		final:     "API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check https://status.claude.com.",
		weight:    30},
	{id: catalog.ServerError, retried: true, status: 500, errType: "api_error", category: "server_error",
		message:   `500 {"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_011CXfake"}`,
		formatted: "500 Internal server error",
		final:     "API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment. If it persists, check https://status.claude.com.",
		weight:    12},
	{id: catalog.RateLimited, retried: true, status: 429, errType: "rate_limit_error", category: "rate_limit",
		message:   `429 {"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"},"request_id":"req_011CXfake"}`,
		formatted: "429 Rate limited",
		final:     "API Error: Request rejected (429) · Rate limited",
		weight:    10},
	{id: catalog.ConnectionFailed, retried: true, category: "server_error", apiError: "connection_failed",
		message: "Connection error.", conn: "ECONNREFUSED",
		formatted: "Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)",
		final:     "API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)",
		weight:    8},
	{id: catalog.RequestTimeout, retried: true, category: "server_error",
		message: "Request timed out.", formatted: "Request timed out.",
		final:  "Request timed out. If the API is slow to answer, or a proxy or gateway holds responses, set API_TIMEOUT_MS above the limit in force (600000 by default).",
		weight: 6},
	{id: catalog.PromptTooLong, status: 400, errType: "invalid_request_error", category: "invalid_request",
		final:  "Prompt is too long · the request is ~210000 tokens (limit 200000) but this conversation is only ~2504 tokens — the rest is system prompt, tool definitions, and attachment content. A single-exchange conversation cannot be compacted; reduce attached files/tools or start with less context.",
		weight: 6},
	{id: catalog.UsageLimit, status: 429, errType: "rate_limit_error", category: "rate_limit", apiError: "usage_limit_reached",
		final:  "You've hit your 5-hour limit · resets May 18, 2033, 3:33am (UTC)",
		weight: 8},
	{id: catalog.CreditBalanceLow, status: 400, errType: "invalid_request_error", category: "billing_error",
		final:  "Credit balance is too low",
		weight: 3},
	{id: catalog.OAuthTokenInvalid, status: 401, errType: "authentication_error", category: "authentication_failed",
		final:  "Failed to authenticate. API Error: 401 OAuth token has expired. Please obtain a new token or refresh your existing token.",
		weight: 3},
	{id: catalog.ModelUnavailable, status: 404, errType: "not_found_error", category: "model_not_found",
		final:  "There's an issue with the selected model (claude-opus-5-5). It may not exist or you may not have access to it. Run --model to pick a different model.",
		weight: 2},
}

// logErrors are lines a wrapper or CI job might log, each with the id and
// whether it is a retry. Timestamps are added in front.
var logErrors = []struct {
	id    catalog.ID
	retry bool
	text  string
}{
	{catalog.Overloaded, false, "ERROR claude -p exited 1: API Error: Repeated 529 Overloaded errors · check status.claude.com"},
	{catalog.Overloaded, true, `WARN  API Error (529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}) · Retrying in 1 seconds… (attempt 1/10)`},
	{catalog.ServerError, false, "ERROR agent step failed: API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment. If it persists, check https://status.claude.com."},
	{catalog.RateLimited, false, "ERROR review bot: API Error: Request rejected (429) · this may be a temporary capacity issue. If it persists, check https://status.claude.com."},
	{catalog.ConnectionFailed, true, "WARN  Unable to connect to API (UND_ERR_SOCKET) Retrying in 0 seconds… (attempt 10/10)"},
	{catalog.UsageLimit, false, "ERROR You've hit your weekly limit · resets May 18, 2033, 3:33am (UTC)"},
	{catalog.PromptTooLong, false, "ERROR summarise: Prompt is too long"},
}
