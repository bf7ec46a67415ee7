package match

import (
	"bytes"
	"math/rand/v2"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"
)

func TestGuardDerivation(t *testing.T) {
	const boundary = `(?:^|[^a-z0-9 ,;'] ?|\b(?:error|err|fatal|warn|warning):? )(?P<m>request timed out)(?:$|[^a-z0-9 ,]| [^a-z0-9 ]|,(?:$|[^a-z0-9 ]))`
	tests := []struct {
		name, re, lit, text string
		want                bool
	}{
		{"post ok end", boundary, "request timed out", "error: request timed out", true},
		{"post ok dot", boundary, "request timed out", "| request timed out. retry", true},
		{"post prose", boundary, "request timed out", "mirror, request timed out twice", false},
		{"post comma prose", boundary, "request timed out", "x: request timed out, then", false},
		{"need missing", `\b429 [^·]+· retrying\b`, "retrying", "warn retrying upload of chunk 7", false},
		{"need present", `\b429 [^·]+· retrying\b`, "retrying", "429 too many requests · retrying", true},
		{"alternatives", `\bapi error · retrying\b|retrying(?:\.\.\.|…)? · attempt \d+/\d+`, "retrying", "retrying · attempt 1/6", true},
		{"alternatives none", `\bapi error · retrying\b|retrying(?:\.\.\.|…)? · attempt \d+/\d+`, "retrying", "retrying in a moment", false},
		{"unguarded", `.*retrying`, "retrying", "anything retrying", true},
		{"self overlap", `[ab]{0,2}(?P<m>abab)c`, "abab", "abababc", true},
	}
	for _, tc := range tests {
		tree, err := syntax.Parse(tc.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		g := newGuard(tree, tc.lit)
		low := []byte(tc.text)
		ls := bytes.Index(low, []byte(tc.lit))
		if got := g.allows(low, hasHigh(low), 0, len(low), ls, ls+len(tc.lit)); got != tc.want {
			t.Errorf("%s: allows(%q) = %v, want %v", tc.name, tc.text, got, tc.want)
		}
	}
}

// A guard only rejects occurrences the expression cannot match: for every
// catalog pattern, on text built around its literal, whenever the expression
// matches over the literal, the guard allows it.
func TestGuardSound(t *testing.T) {
	c := catalog.MustDefault()
	r := rand.New(rand.NewPCG(5, 6))
	bits := []string{" ", ", ", ": ", "·", " · ", "(", ")", "...", ".", "\"", "api error: ", "429 ", "529 ", "500 ",
		"attempt 3/10", " in 4s", "retrying", "error: ", "warn ", "| ", "é", "\xff", "x", "seconds", "type", "{", "}"}
	for _, e := range c.Entries() {
		for _, p := range e.Patterns {
			if p.Regexp == "" {
				continue
			}
			rx := new(lazyRegexp).get(p.Regexp, p.Literal)
			msgs := []string{p.Literal}
			for _, m := range e.Messages {
				msgs = append(msgs, strings.ToLower(m.Text))
			}
			for i := 0; i < 3000; i++ {
				var b strings.Builder
				for k := r.IntN(4); k > 0; k-- {
					b.WriteString(bits[r.IntN(len(bits))])
				}
				m := msgs[r.IntN(len(msgs))]
				if j := strings.Index(m, p.Literal); j >= 0 && r.IntN(2) == 0 {
					m = m[:j+len(p.Literal)+r.IntN(len(m)-j-len(p.Literal)+1)]
				}
				b.WriteString(m)
				for k := r.IntN(4); k > 0; k-- {
					b.WriteString(bits[r.IntN(len(bits))])
				}
				low := []byte(b.String())
				for off := 0; ; {
					k := bytes.Index(low[off:], []byte(p.Literal))
					if k < 0 {
						break
					}
					ls, le := off+k, off+k+len(p.Literal)
					off = ls + 1
					covered := false
					for _, loc := range rx.re.FindAllIndex(low, -1) {
						if loc[0] <= ls && loc[1] >= le {
							covered = true
						}
					}
					if covered && !rx.g.allows(low, hasHigh(low), 0, len(low), ls, le) {
						t.Errorf("%s %q: guard rejects %q at %d", e.ID, p.Regexp, low, ls)
					}
				}
			}
		}
	}
}

func TestLowerASCII(t *testing.T) {
	var all []byte
	for c := byte(0); c < 0x7f; c++ {
		all = append(all, c)
	}
	for n := 0; n <= len(all); n++ {
		b := bytes.Clone(all[:n])
		lowerASCII(b)
		if want := bytes.ToLower(all[:n]); !bytes.Equal(b, want) {
			t.Fatalf("lowerASCII(%q) = %q, want %q", all[:n], b, want)
		}
	}
}

func hasHigh(b []byte) bool {
	return bytes.ContainsFunc(b, func(r rune) bool { return r >= utf8.RuneSelf })
}
