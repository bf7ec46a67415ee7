package ui

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"plain", "API Error: 529 Overloaded", "API Error: 529 Overloaded"},
		{"chinese and emoji", "过载 🙂 👩‍💻", "过载 🙂 👩‍💻"},
		{"sgr colour", "\x1b[31mred\x1b[0m", "red"},
		{"clear screen and home", "a\x1b[2J\x1b[Hb", "ab"},
		{"csi with private params", "a\x1b[?1049hb", "ab"},
		{"window title with BEL", "\x1b]0;pwned\x07cwd", "cwd"},
		{"window title with ST", "\x1b]2;pwned\x1b\\cwd", "cwd"},
		{"hyperlink", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"dcs", "a\x1bPq#0;2;0;0;0#0~~\x1b\\b", "ab"},
		{"apc pm sos", "a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd"},
		{"8-bit csi", "a\u009b31mb", "ab"},
		{"8-bit osc", "a\u009d0;title\u009cb", "ab"},
		{"8-bit dcs to BEL", "a\u0090data\x07b", "ab"},
		{"raw 0x9b byte", "a\x9b31mb", "a\uFFFD31mb"},
		{"reset terminal", "a\x1bcb", "ab"},
		{"charset and alignment test", "a\x1b(0b\x1b#8c", "abc"},
		{"lone escape at end", "abc\x1b", "abc"},
		{"escape before non-ascii", "a\x1b过", "a过"},
		{"unterminated osc stops at newline", "a\x1b]0;title\nb", "a b"},
		{"unterminated osc at end", "a\x1b]0;title", "a"},
		{"osc cut by new escape", "a\x1b]0;t\x1b[31mb", "ab"},
		{"c0 controls", "a\x00b\x07c\x08d\x7fe", "a b c d e"},
		{"c1 control", "a\u0085b", "a b"},
		{"tab and newlines", "a\tb\nc\r\nd\re", "a b c d e"},
		{"line separator", "a\u2028b", "a b"},
		{"rlo", "txt.\u202Egnp.exe", "txt.gnp.exe"},
		{"isolates", "a\u2066b\u2069c\u2067d\u2068e", "abcde"},
		{"marks", "a\u200eb\u200fc\u061cd", "abcd"},
		{"zero width", "a\u200bb\u2060c\ufeffd", "abcd"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeLines(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a\tb\nc", "a\tb\nc"},
		{"a\r\nb", "a\nb"},
		{"a\rb", "a b"},
		{"a\u2029b", "a\nb"},
		{"\x1b]0;x\x07a\n\x1b[2Kb", "a\nb"},
		{"a\vb\fc", "a b c"},
	} {
		if got := SanitizeLines(tt.in); got != tt.want {
			t.Errorf("SanitizeLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSanitizeCleanNoAlloc checks the common case costs nothing.
func TestSanitizeCleanNoAlloc(t *testing.T) {
	s := strings.Repeat("Claude Code 过载 ", 10)
	if n := testing.AllocsPerRun(100, func() { _ = Sanitize(s) }); n != 0 {
		t.Errorf("Sanitize of clean text allocates %v times", n)
	}
}

// unsafeRune is the oracle: what may never leave the sanitiser.
func unsafeRune(r rune, lines bool) bool {
	switch {
	case lines && (r == '\n' || r == '\t'):
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional controls
	case r == 0x200b, r >= 0x2060 && r <= 0x2064, r == 0xfeff:
		return true // invisible
	}
	return false
}

// printable reports whether s holds only text the sanitiser must keep.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unsafeRune(r, false) || unsafeFormat(r) {
			return false
		}
	}
	return true
}

func checkSanitized(t *testing.T, in, out string, lines bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("output is not UTF-8: %q -> %q", in, out)
	}
	for i := 0; i < len(out); i++ {
		if c := out[i]; c < 0x20 && !(lines && (c == '\n' || c == '\t')) || c == 0x7f {
			t.Fatalf("byte %#x left in %q (from %q)", c, out, in)
		}
	}
	for _, r := range out {
		if unsafeRune(r, lines) {
			t.Fatalf("rune %U left in %q (from %q)", r, out, in)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b[31mred\x1b[0m", "\x1b]0;t\x07", "\x1b]8;;u\x1b\\l\x1b]8;;\x1b\\",
		"\x1bPq\x1b\\", "\u009b2J", "\u009d0;t\u009c", "\u202Eabc", "a\x1b", "\xff\xfe", "a\r\nb\tc",
		"过载\u200b", "\x1b\x1b[[", "\u0090\x1b\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		one, multi := Sanitize(in), SanitizeLines(in)
		checkSanitized(t, in, one, false)
		checkSanitized(t, in, multi, true)
		if printable(in) && one != in {
			t.Fatalf("printable input changed: %q -> %q", in, one)
		}
		if Sanitize(one) != one || SanitizeLines(multi) != multi {
			t.Fatalf("not idempotent: %q -> %q / %q", in, one, multi)
		}
		if f := TSVField(in); strings.ContainsAny(f, "\t\n\r") {
			t.Fatalf("TSVField(%q) = %q splits a row", in, f)
		}
	})
}
