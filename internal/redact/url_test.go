package redact

import (
	"net/url"
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"plain", "https://api.anthropic.com", "https://api.anthropic.com"},
		{"path kept", "http://127.0.0.1:8787/anthropic/v1", "http://127.0.0.1:8787/anthropic/v1"},
		{"user and password", "https://me:sk-ant-api03-SECRET@gw.example.com/x", "https://…@gw.example.com/x"},
		{"user only", "https://sk-ant-api03-SECRET@gw.example.com", "https://…@gw.example.com"},
		{"query", "https://gw.example.com/?key=SECRET", "https://gw.example.com/?…"},
		{"fragment", "https://gw.example.com/#SECRET", "https://gw.example.com/"},
		{"no scheme", "gateway.example.com", "gateway.example.com"},
		{"user, no host", "http://user:SECRET@", "http://…@"},
		{"user, no scheme", "//user:SECRET@gw.example.com/x", "//…@gw.example.com/x"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got := URL(u)
			if got != tt.want {
				t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if strings.Contains(got, "SECRET") {
				t.Errorf("URL(%q) = %q shows the secret", tt.in, got)
			}
		})
	}
}
