package match_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// lineErrors are eight different errors, each as Claude Code prints it.
var lineErrors = []struct{ id, text string }{
	{"overloaded", "API Error: Repeated 529 Overloaded errors"},
	{"prompt-too-long", "Prompt is too long"},
	{"not-logged-in", "Not logged in · Please run /login"},
	{"credit-balance-low", "Credit balance is too low"},
	{"connection-failed", "Unable to connect to API (ECONNREFUSED)"},
	{"usage-limit", "You've hit your weekly limit · resets Mon 12:00am"},
	{"server-error", `API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}`},
	{"request-timeout", "Request timed out"},
}

// Every error on a line is found, in order, whatever separates them, and
// the same error said several times is counted that many times.
func TestEveryErrorOnALine(t *testing.T) {
	m := matcher(t)
	var want []string
	var texts []string
	for _, e := range lineErrors {
		want = append(want, e.id)
		texts = append(texts, e.text)
	}
	for _, sep := range []string{"|", " | ", " ⎿ ", "||"} {
		line := strings.Join(texts, sep)
		var got []string
		for _, f := range m.FindLine([]byte(line)) {
			got = append(got, string(f.ID))
		}
		if !slices.Equal(got, want) {
			t.Errorf("FindLine(%q) = %v, want %v", line, got, want)
		}
		if got := ids(m.Text(line)); !slices.Equal(got, want) {
			t.Errorf("Text(%q) = %v, want %v", line, got, want)
		}
	}
	for _, e := range lineErrors {
		for _, sep := range []string{"|", " | "} {
			line := strings.Repeat(e.text+sep, 3)
			hits := m.Text(line)
			if len(hits) != 1 || string(hits[0].ID) != e.id || hits[0].Count != 3 {
				t.Errorf("Text(%q) = %+v, want %s three times", line, hits, e.id)
			}
		}
	}
}

// disguises return s as styling and escaping leave it: a colour code around
// every character, a zero-width space between characters, full-width
// letters, every character \u-escaped.
var disguises = map[string]func(string) string{
	"colour per char": func(s string) string {
		var b strings.Builder
		for i, r := range s {
			fmt.Fprintf(&b, "\x1b[%dm%c", 31+i%6, r)
		}
		return b.String() + "\x1b[0m"
	},
	"zero-width": func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
			b.WriteString("\u200b")
		}
		return b.String()
	},
	"full-width": func(s string) string {
		return strings.Map(func(r rune) rune {
			if r > ' ' && r < 0x7f {
				return r + 0xfee0
			}
			return r
		}, s)
	},
	"u-escaped": func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r >= 0x10000 {
				b.WriteRune(r)
				continue
			}
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		return b.String()
	},
	"escaped newline": func(s string) string { return strings.ReplaceAll(s, " ", `\n`) },
	"bold words":      func(s string) string { return strings.ReplaceAll(s, " ", " \x1b[1m") + "\x1b[0m" },
}

// Styling and escaping do not hide an error.
func TestDisguisedErrors(t *testing.T) {
	m := matcher(t)
	for _, e := range lineErrors {
		for name, f := range disguises {
			in := "output: " + f(e.text) + " (end)"
			if !utf8.ValidString(in) {
				t.Fatalf("%s: invalid UTF-8", name)
			}
			if got := ids(m.Text(in)); !slices.Equal(got, []string{e.id}) {
				t.Errorf("%s: Text(%q) = %v, want [%s]", name, in, got, e.id)
			}
			if got := m.FindLine([]byte(in)); len(got) != 1 || string(got[0].ID) != e.id {
				t.Errorf("%s: FindLine(%q) = %v, want [%s]", name, in, got, e.id)
			}
		}
	}
}
