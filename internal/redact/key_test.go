package redact

import (
	"slices"
	"strings"
	"testing"
)

// testKey is a made-up Console key with a recognisable tail.
const testKey = "sk-ant-api03-SECRETmiddlePARTthatMustNeverLeakxyzWXYZ"

func TestKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"api key", testKey, "sk-ant-api03-…WXYZ"},
		{"oauth token", "sk-ant-oat01-abcdefghijklmnopqrstuvwxyz1234", "sk-ant-oat01-…1234"},
		{"other prefix", "sk-ant-xyz-abcdefghijklmnop9876", "sk-ant-…9876"},
		{"no known prefix", "gateway-token-abcdefghijk4321", "…4321"},
		{"trailing newline", testKey + "\n", "sk-ant-api03-…WXYZ"},
		{"invisible at end", "sk-ant-api03-abcdefghijklmnop\u200babc", "sk-ant-api03-…?abc"},
		{"short", "abc123", "(6 characters)"},
		{"just under the limit", "sk-ant-api03-ab", "(15 characters)"},
		{"empty", "", "(empty)"},
		{"spaces", "   ", "(empty)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.in); got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzKey checks the shape of every redaction: "(empty)", "(N
// characters)", or a known public prefix, "…" and exactly four characters
// that are the secret's last four (or "?" for ones that cannot be shown).
// Nothing else of the secret can appear.
func FuzzKey(f *testing.F) {
	f.Add(testKey)
	f.Add("sk-ant-oat01-" + strings.Repeat("q", 40))
	f.Add("sk-ant-oat01-ant-o0000")
	f.Add("x")
	f.Fuzz(func(t *testing.T, s string) {
		got := Key(s)
		if got == "(empty)" || (strings.HasPrefix(got, "(") && strings.HasSuffix(got, " characters)")) {
			return
		}
		head, tail, ok := strings.Cut(got, "…")
		if !ok {
			t.Fatalf("Key(%q) = %q: no ellipsis", s, got)
		}
		if head != "" && !slices.Contains(keyPrefixes, head) {
			t.Fatalf("Key(%q) = %q: %q is not a public prefix", s, got, head)
		}
		want := []rune(strings.TrimSpace(s))
		want = want[len(want)-4:]
		tr := []rune(tail)
		if len(tr) != 4 {
			t.Fatalf("Key(%q) = %q: tail %q is not four characters", s, got, tail)
		}
		for i := range tr {
			if tr[i] != want[i] && tr[i] != '?' {
				t.Fatalf("Key(%q) = %q: tail %q is not the last four", s, got, tail)
			}
		}
	})
}
