package probe

import (
	"fmt"
	"strings"
	"testing"
)

const testSecret = "sk-ant-api03-Q7vRk2LmNp4XsT9wZb3YcD8fGh1JkL6mNq0PrS5tUv2WxY3zA4bC-WXYZ"

// escapeAll writes every character of s as a JSON \u escape.
func escapeAll(s string) string {
	var b strings.Builder
	for _, c := range s {
		fmt.Fprintf(&b, `\u%04x`, c)
	}
	return b.String()
}

// urlEscapeAll writes every byte of s as a URL %XX escape.
func urlEscapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// TestScrubEchoes feeds the ways an upstream echoes a key back: whole,
// cut to the first 40 characters of the Authorization header, upper-cased,
// \u-escaped, URL-escaped. None may leave a run of the key's secret part.
func TestScrubEchoes(t *testing.T) {
	auth := "Bearer " + testSecret
	tests := map[string]string{
		"whole":          "invalid key " + testSecret + " given",
		"first 40":       "bad authorization: " + auth[:40] + "...",
		"upper-cased":    "BAD KEY: " + strings.ToUpper(auth[:40]),
		"u-escaped":      `{"message":"bad ` + escapeAll(auth[:40]) + `"}`,
		"double-escaped": strings.ReplaceAll(`"bad `+escapeAll(auth[:40])+`"`, `\u`, `\\u`),
		"url-escaped":    "?key=" + urlEscapeAll(testSecret[13:30]),
		"middle only":    "…" + testSecret[20:29] + "…",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			got := Scrub(in, testSecret)
			if !strings.Contains(got, Mask) {
				t.Errorf("nothing masked in %q", got)
			}
			if leaked(got, testSecret) {
				t.Errorf("a run of the key is left in %q", got)
			}
		})
	}
}

// leaked reports whether out still holds 8 consecutive characters of the
// secret's part after its public prefix, in any case.
func leaked(out, secret string) bool {
	low := strings.ToLower(out)
	s := strings.ToLower(secret[13:])
	for i := 0; i+minEchoRun <= len(s); i++ {
		if strings.Contains(low, s[i:i+minEchoRun]) {
			return true
		}
	}
	return false
}

func TestScrubKeeps(t *testing.T) {
	for _, in := range []string{
		"",
		"Overloaded",
		"sk-ant-api03-…WXYZ",                 // ccerr's own redacted form
		"the key sk-ant-api03- is not valid", // the public prefix alone
		"Q7vRk2L and more",                   // 7 characters only
		"API Error: 529 Overloaded. This is fine", // nothing in common
	} {
		if got := Scrub(in, testSecret); got != in {
			t.Errorf("Scrub(%q) = %q, want it unchanged", in, got)
		}
	}
	if got := Scrub("short secret abc12345", "abc"); got != "short secret abc12345" {
		t.Errorf("a secret under 8 characters masked text: %q", got)
	}
}

func TestScrubExact(t *testing.T) {
	got := Scrub("key=ABCDEFGHIJKL; rest", "abcdefghijkl")
	if got != "key="+Mask+"; rest" {
		t.Errorf("got %q", got)
	}
}

func FuzzScrub(f *testing.F) {
	f.Add("invalid key "+testSecret, testSecret)
	f.Add(`\u0041\u0042`, "AB")
	f.Fuzz(func(t *testing.T, text, secret string) {
		out := Scrub(text, secret)
		if out != text && !strings.Contains(out, Mask) {
			t.Fatalf("changed text without masking: %q -> %q", text, out)
		}
		// Oracle: no 8 consecutive plain characters of the secret (outside
		// its public prefix) are left, compared without case.
		if !strings.HasPrefix(secret, "sk-ant-") && !strings.ContainsAny(secret+text, "\\%") && len(strings.TrimSpace(secret)) == len(secret) {
			low, s := strings.ToLower(out), []rune(strings.ToLower(secret))
			for i := 0; i+minEchoRun <= len(s); i++ {
				if strings.Contains(low, string(s[i:i+minEchoRun])) && !strings.Contains(strings.ToLower(Mask), string(s[i:i+minEchoRun])) {
					t.Fatalf("Scrub(%q, %q) = %q leaves %q", text, secret, out, string(s[i:i+minEchoRun]))
				}
			}
		}
	})
}
