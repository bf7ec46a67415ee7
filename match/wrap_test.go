package match_test

import (
	"maps"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

// wrapBody is a raw 429 body as Claude Code prints it after "API Error:".
const wrapBody = `API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}`

// Joining a wrapped line to the next keeps what each physical line holds on
// its own: its hits, their line numbers and their fields.
func TestWrappedLines(t *testing.T) {
	rate := match.Hit{ID: "rate-limited", Line: 1, Fields: match.Fields{"status": "429", "error_type": "rate_limit_error"}}
	tests := []struct {
		name string
		in   string
		want []match.Hit
	}{
		{"tool result after error", "● " + wrapBody + "\n  ⎿  Credit balance is too low\n",
			[]match.Hit{rate, {ID: "credit-balance-low", Line: 2}}},
		{"tool result after blank line", "● " + wrapBody + "\n\n  ⎿  Credit balance is too low\n",
			[]match.Hit{rate, {ID: "credit-balance-low", Line: 3}}},
		{"deeper tool result", wrapBody + "\n      ⎿ Credit balance is too low",
			[]match.Hit{rate, {ID: "credit-balance-low", Line: 2}}},
		{"indented bullet", "● Prompt is too long\n  ● Not logged in · Please run /login",
			[]match.Hit{{ID: "prompt-too-long", Line: 1}, {ID: "not-logged-in", Line: 2}}},
		// Plain indented lines are joined; the join must not lose the
		// first line's hit nor hand its fields to the second.
		{"indented line after body", wrapBody + "\n  Credit balance is too low\n",
			[]match.Hit{rate, {ID: "credit-balance-low", Line: 2}}},
		{"indented message after message", "API Error: Repeated 529 Overloaded errors\n  Prompt is too long\n",
			[]match.Hit{{ID: "overloaded", Line: 1, Fields: match.Fields{"status": "529"}}, {ID: "prompt-too-long", Line: 2}}},
		{"hit on the second line only", "some output\n  Credit balance is too low",
			[]match.Hit{{ID: "credit-balance-low", Line: 2}}},
		// Real wraps still join.
		{"wrapped at a space", "● API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again\n  in a moment. If it persists, check your inference gateway (127.0.0.1:18080).",
			[]match.Hit{{ID: "server-error", Line: 1, Fields: match.Fields{"status": "500"}}}},
		{"wrapped mid-word", "x\n● API Error: Repeated 529 Overlo\n  aded errors · check status.claude.com",
			[]match.Hit{{ID: "overloaded", Line: 2, Fields: match.Fields{"status": "529"}}}},
		// A wrap without indentation is not joined (see doc.go).
		{"unindented messages stay apart", "Prompt is too long\nNot logged in · Please run /login",
			[]match.Hit{{ID: "prompt-too-long", Line: 1}, {ID: "not-logged-in", Line: 2}}},
		{"unindented prose", "We saw repeated 529\nerrors from the proxy; the prompt is\ntoo long for it.", nil},
		{"wrapped head on the second line", "● Auto mode classifier transcript exceeded con\n  text window — falling back to manual approval",
			[]match.Hit{{ID: "auto-mode-context", Line: 1}}},
	}
	m := matcher(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(how string, got []match.Hit) {
				t.Helper()
				if len(got) != len(tt.want) {
					t.Fatalf("%s = %+v, want %+v", how, got, tt.want)
				}
				for i, w := range tt.want {
					h := got[i]
					if h.ID != w.ID || h.Line != w.Line || !maps.Equal(nonNil(h.Fields), nonNil(w.Fields)) {
						t.Errorf("%s hit %d = %s line %d %v, want %s line %d %v", how, i, h.ID, h.Line, h.Fields, w.ID, w.Line, w.Fields)
					}
				}
			}
			check("Text", m.Text(tt.in))
			got, err := m.Reader(iotest.OneByteReader(strings.NewReader(tt.in)))
			if err != nil {
				t.Fatal(err)
			}
			check("Reader", got)
		})
	}
}

func nonNil(f match.Fields) match.Fields {
	if f == nil {
		return match.Fields{}
	}
	return f
}

// Every entry FindLine sees in one physical line is found by Text in the
// whole text, whatever the lines around it.
func FuzzTextKeepsLineHits(f *testing.F) {
	f.Add(wrapBody + "\n  ⎿  Credit balance is too low")
	f.Add(wrapBody + "\n  Credit balance is too low")
	f.Add("API Error: Repeated 529 Overloaded errors\n  Prompt is too long\n  Not logged in · Please run /login")
	f.Add("● API Error: Repeated 529 Overlo\n  aded errors · check status.claude.com\n  Request timed out")
	for _, tt := range textCases {
		f.Add(tt.in)
	}
	m := matcher(f)
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 4<<10 {
			return
		}
		got := map[catalog.ID]bool{}
		for _, h := range m.Text(in) {
			got[h.ID] = true
		}
		for i, line := range strings.Split(in, "\n") {
			for _, fd := range m.FindLine([]byte(line)) {
				if !got[fd.ID] {
					t.Fatalf("line %d alone holds %s, Text(%q) lost it", i+1, fd.ID, in)
				}
			}
		}
	})
}

// A message cut at a line's end without the indentation of a wrapped line
// (a paste from a terminal, a raw body broken by a log viewer) is found on
// the line where it starts; lines that end a sentence are not joined.
func TestUnindentedWrap(t *testing.T) {
	m := matcher(t)
	tests := []struct {
		name string
		in   string
		id   string
		line int
	}{
		{"raw body", "API Error: 400 {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"This organization has been\ndisabled.\"}}", "organization-disabled", 1},
		{"after other lines", "$ claude -p hi\nnoise\nCredit balance is too\nlow\n", "credit-balance-low", 3},
		{"cut in a word", "API Error: Request rejected (4\n29) · Rate limited", "rate-limited", 1},
		{"none: sentence ended", "Unable to connect to Anthropic.\nservices are fine", "", 0},
		{"none: prose", "the request\ntimed out twice", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := m.Reader(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if tt.id == "" {
				if len(hits) != 0 {
					t.Fatalf("Reader(%q) = %v, want nothing", tt.in, ids(hits))
				}
				return
			}
			if len(hits) != 1 || string(hits[0].ID) != tt.id || hits[0].Line != tt.line || hits[0].Count != 1 {
				t.Fatalf("Reader(%q) = %+v, want one %s on line %d", tt.in, hits, tt.id, tt.line)
			}
		})
	}
}
