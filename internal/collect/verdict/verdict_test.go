package verdict

import (
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

func TestTelemetry(t *testing.T) {
	for _, tt := range []struct {
		name    string
		status  int
		message string
		want    catalog.ID
	}{
		{"529 storm, no status", 0, "Repeated 529 Overloaded errors", catalog.Overloaded},
		{"429", 429, "Rate limited", catalog.RateLimited},
		{"500", 500, "Internal server error", catalog.ServerError},
		{"529 with status", 529, "Overloaded", catalog.Overloaded},
		{"reset", 0, "Connection error.", catalog.ConnectionFailed},
		{"timeout", 0, "Request timed out.", catalog.RequestTimeout},
		{"prompt too long", 400, "prompt is too long: 210000 tokens > 200000 maximum", catalog.PromptTooLong},
		{"401", 401, "invalid x-api-key", catalog.InvalidAPIKey},
		{"nothing", 0, "", ""},
		{"prose", 0, "everything is fine", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := Telemetry(tt.status, tt.message)
			if v.ID != tt.want {
				t.Fatalf("Telemetry(%d, %q) = %q, want %q", tt.status, tt.message, v.ID, tt.want)
			}
			if tt.want != "" && v.Side == "" {
				t.Errorf("no side for %s", v.ID)
			}
		})
	}
}

func TestHookFallbacks(t *testing.T) {
	for _, tt := range []struct {
		name, hookErr, msg, details string
		want                        catalog.ID
	}{
		{"text wins", "server_error", "Credit balance is too low", "", catalog.CreditBalanceLow},
		{"details", "invalid_request", "something unrecognisable", `400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}`, catalog.PromptTooLong},
		{"error field", "rate_limit", "", "", catalog.RateLimited},
		{"529 behind a gateway", "server_error", "API Error: 529 Overloaded. This is a server-side issue, usually temporary — try again in a moment. If it persists, check your inference gateway (127.0.0.1:18101).", "", catalog.Overloaded},
		{"unknown", "unknown", "", "", ""},
		{"bad details", "", "", "nonsense", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Hook(tt.hookErr, tt.msg, tt.details).ID; got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
