package shell

import (
	"os/exec"
	"testing"
)

func TestQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/home/me/.claude/projects/-home-me-app/abc.jsonl", "/home/me/.claude/projects/-home-me-app/abc.jsonl"},
		{"/usr/local/bin/ccerr", "/usr/local/bin/ccerr"},
		{"", "''"},
		{"my session.jsonl", "'my session.jsonl'"},
		{"it's", `'it'\''s'`},
		{"-rf", "'./-rf'"},
		{"$(rm -rf ~)", "'$(rm -rf ~)'"},
	} {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestQuoteRoundTrip: a real shell reads every quoted word back as it was
// (up to the "./" a leading dash gains).
func TestQuoteRoundTrip(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Fatalf("no sh on PATH: %v", err)
	}
	for _, in := range []string{"plain", "two words", "it's", "a\"b", "$HOME", "`x`", "tab\there", "new\nline", "ü"} {
		out, err := exec.Command(sh, "-c", "printf %s "+Quote(in)).Output()
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if string(out) != in {
			t.Errorf("%q came back as %q", in, out)
		}
	}
}
