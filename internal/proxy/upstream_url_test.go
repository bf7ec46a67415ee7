package proxy

import (
	"strings"
	"testing"
)

// TestUpstreamURLErrorsHideSecrets checks that an upstream URL that does not
// parse is not echoed whole: url.Parse quotes its input in its error, and a
// URL with user information may hold an API key.
func TestUpstreamURLErrorsHideSecrets(t *testing.T) {
	const secret = "sk-ant-api03-UPSTREAMSECRETzzzz"
	for _, raw := range []string{
		"http://u:" + secret + "@[::1",
		"http://u:" + secret + "@host:99x",
		"https://gw.example.com/%zz?key=" + secret,
		"http://u:" + secret + "@host\n",
	} {
		_, err := New(Config{Upstream: raw})
		if err == nil {
			t.Errorf("New(%q): no error", raw)
			continue
		}
		if strings.Contains(err.Error(), "SECRET") {
			t.Errorf("New(%q): error shows the secret: %v", raw, err)
		}
	}
}

// TestUpstreamURLPort checks that a port outside 1-65535 is refused at
// start rather than failing every request later.
func TestUpstreamURLPort(t *testing.T) {
	tests := []struct {
		raw string
		ok  bool
	}{
		{"http://127.0.0.1:8788", true},
		{"https://api.anthropic.com", true},
		{"http://127.0.0.1:65535", true},
		{"http://127.0.0.1:99999", false},
		{"http://127.0.0.1:0", false},
	}
	for _, tt := range tests {
		_, err := New(Config{Upstream: tt.raw})
		if (err == nil) != tt.ok {
			t.Errorf("New(%q): err = %v, want ok = %v", tt.raw, err, tt.ok)
		}
	}
}
