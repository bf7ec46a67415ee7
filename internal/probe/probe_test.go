package probe

import (
	"context"
	"encoding/json"
	"io"
	"testing"
)

func TestNewRequest(t *testing.T) {
	tests := []struct {
		name, model, want string
	}{
		{"default model", "", DefaultModel},
		{"given model", "claude-opus-5-5", "claude-opus-5-5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := NewRequest(context.Background(), "http://127.0.0.1:1/v1/messages", tt.model, "ua/1")
			if err != nil {
				t.Fatal(err)
			}
			if req.Method != "POST" || req.URL.Path != "/v1/messages" {
				t.Errorf("got %s %s, want POST /v1/messages", req.Method, req.URL.Path)
			}
			for k, v := range map[string]string{"Content-Type": "application/json", "Anthropic-Version": AnthropicVersion, "User-Agent": "ua/1"} {
				if got := req.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if req.GetBody == nil {
				t.Fatal("GetBody is nil: the request could not be retried")
			}
			var body struct {
				Model     string `json:"model"`
				MaxTokens int    `json:"max_tokens"`
			}
			raw, _ := io.ReadAll(req.Body)
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatalf("body %s: %v", raw, err)
			}
			if body.Model != tt.want || body.MaxTokens != 1 {
				t.Errorf("body %s: want model %s and max_tokens 1", raw, tt.want)
			}
		})
	}
}

func TestNewRequestBadEndpoint(t *testing.T) {
	if _, err := NewRequest(context.Background(), "http://[::1", "", "ua"); err == nil {
		t.Error("an endpoint that does not parse gave no error")
	}
}
