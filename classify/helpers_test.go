package classify

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// fixedNow is the clock of the tests: Thursday 2026-11-26 12:00 UTC.
var fixedNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// testClassifier has a fixed clock and renders in UTC.
var testClassifier = &Classifier{
	Now:      func() time.Time { return fixedNow },
	Location: time.UTC,
}

// envelope is the API's JSON error body.
func envelope(errType, msg string) string {
	// A struct, not a map: the API sends "type" first, then "error", then
	// "request_id", and Claude Code prints a 5xx body in that order.
	type apiError struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	}
	b, _ := json.Marshal(struct {
		Type      string   `json:"type"`
		Error     apiError `json:"error"`
		RequestID string   `json:"request_id"`
	}{"error", apiError{errType, msg}, "req_body"})
	return string(b)
}

// httpResp builds a response to a POST /v1/messages carrying credential
// cred ("api-key", "oauth" or "").
func httpResp(status int, headers map[string]string, body, cred string) *http.Response {
	req, _ := http.NewRequest(http.MethodPost, "https://api.anthropic.com/v1/messages",
		strings.NewReader(`{"model":"claude-sonnet-5-5","max_tokens":1}`))
	switch cred {
	case "api-key":
		req.Header.Set("X-Api-Key", "sk-ant-api03-test")
	case "oauth":
		req.Header.Set("Authorization", "Bearer sk-ant-oat01-test")
	}
	if headers["x-test-bearer-key"] != "" {
		req.Header.Set("Authorization", "Bearer sk-ant-api03-test")
	}
	h := http.Header{}
	for k, v := range headers {
		h.Set(k, v)
	}
	return &http.Response{
		StatusCode: status,
		Status:     http.StatusText(status),
		Header:     h,
		Request:    req,
		Body:       http.NoBody,
	}
}
