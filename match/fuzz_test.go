package match_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

func FuzzFindLine(f *testing.F) {
	for _, tt := range textCases {
		f.Add([]byte(tt.in))
	}
	f.Add([]byte("\\u00"))
	f.Add([]byte("\x1b["))
	f.Add([]byte("\\ud83d\\ude00 Prompt is too long"))
	m := matcher(f)
	f.Fuzz(func(t *testing.T, line []byte) {
		orig := slices.Clone(line)
		a := m.FindLine(line)
		if !slices.Equal(line, orig) {
			t.Fatalf("FindLine changed its input")
		}
		b := m.FindLine(line)
		if !slices.EqualFunc(a, b, foundEqual) {
			t.Fatalf("two answers: %v and %v", a, b)
		}
		last := -1
		for _, f := range a {
			if f.Start < 0 || f.End > len(line) || f.Start >= f.End {
				t.Fatalf("offsets %d..%d outside the line of %d bytes", f.Start, f.End, len(line))
			}
			if f.Start < last {
				t.Fatalf("occurrences out of order: %v", a)
			}
			last = f.Start
		}
	})
}

func FuzzText(f *testing.F) {
	for _, tt := range textCases {
		f.Add(tt.in)
	}
	m := matcher(f)
	f.Fuzz(func(t *testing.T, s string) {
		a := m.Text(s)
		b := m.Text(s)
		if !slices.EqualFunc(a, b, hitEqual) {
			t.Fatalf("two answers: %v and %v", a, b)
		}
		lines := strings.Count(s, "\n") + 1
		seen := map[catalog.ID]bool{}
		for _, h := range a {
			if seen[h.ID] {
				t.Fatalf("%s reported twice", h.ID)
			}
			seen[h.ID] = true
			if h.Count < 1 || h.Line < 1 || h.Line > lines {
				t.Fatalf("hit %+v: bad count or line (text has %d lines)", h, lines)
			}
			if !utf8.ValidString(h.Excerpt) || len(h.Excerpt) > 210 {
				t.Fatalf("bad excerpt %q", h.Excerpt)
			}
		}
	})
}

func foundEqual(a, b match.Found) bool {
	return a.ID == b.ID && a.Start == b.Start && a.End == b.End && len(a.Fields) == len(b.Fields)
}
