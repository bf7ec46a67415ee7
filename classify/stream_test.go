package classify

import (
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

func TestStream(t *testing.T) {
	tests := []struct {
		name       string
		data       string
		wantID     catalog.ID
		wantStatus int
		wantMsg    string
	}{
		{"overloaded data", `{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}`,
			"overloaded", 529, "API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check https://status.claude.com."},
		{"whole event", "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
			"overloaded", 529, ""},
		{"crlf event", "event: error\r\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}\r\n\r\n",
			"server-error", 500, "API Error: 500 Internal server error." + serverTailWant},
		{"unknown type", `{"type":"error","error":{"type":"mystery_error","message":"?"}}`, "server-error", 500, ""},
		{"rate limit", `{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}`, "rate-limited", 429, ""},
		{"prompt", `{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 1 tokens > 0 maximum"}}`, "prompt-too-long", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testClassifier.Stream([]byte(tt.data))
			if f == nil {
				t.Fatal("Stream = nil")
			}
			if f.ID != tt.wantID || f.Status != tt.wantStatus || (tt.wantMsg != "" && f.Message != tt.wantMsg) {
				t.Errorf("got %q %d %q, want %q %d %q", f.ID, f.Status, f.Message, tt.wantID, tt.wantStatus, tt.wantMsg)
			}
		})
	}
	for _, data := range []string{"", "event: ping\ndata: {\"type\": \"ping\"}\n", "not json", `{"type":"message_stop"}`} {
		if f := Stream([]byte(data)); f != nil {
			t.Errorf("Stream(%q) = %v, want nil", data, f)
		}
	}
}
