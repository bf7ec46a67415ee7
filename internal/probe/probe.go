// Package probe builds the one minimal Messages request that `ccerr ping`
// and `ccerr doctor --live` both send, so that the two commands test the
// API with the same request.
package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
)

// DefaultModel is the model a probe asks when none is given: a current
// Sonnet, which every API key and subscription can use.
const DefaultModel = "claude-sonnet-5-5"

// AnthropicVersion is the API version a probe sends, the one Claude Code sends.
const AnthropicVersion = "2023-06-01"

// NewRequest returns a POST to endpoint (a full …/v1/messages URL) asking
// model for at most one token, with the Content-Type, Anthropic-Version and
// User-Agent headers set. An empty model means [DefaultModel]. The caller
// adds the credential. The body can be re-read (GetBody is set), so the
// request can be retried.
func NewRequest(ctx context.Context, endpoint, model, userAgent string) (*http.Request, error) {
	if model == "" {
		model = DefaultModel
	}
	body, err := json.Marshal(map[string]any{
		"model":      model,
		"max_tokens": 1,
		"messages":   []map[string]string{{"role": "user", "content": "ping"}},
	})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Anthropic-Version", AnthropicVersion)
	req.Header.Set("User-Agent", userAgent)
	return req, nil
}
