package main

import (
	"slices"
	"testing"
)

func TestLiterals(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // must all be emitted
		not  []string // must not be emitted
	}{
		{"double", `x="Credit balance is too low";`, []string{"Credit balance is too low"}, nil},
		{"single", `x='Prompt is too long'`, []string{"Prompt is too long"}, nil},
		{"escapes", `x="Not logged in \u00b7 Please run /login\n\"now\""`, []string{"Not logged in · Please run /login\n\"now\""}, nil},
		{"surrogates", `x="\ud83d\ude00 ok"`, []string{"😀 ok"}, nil},
		{"hex and braces", `x="\x41PI \u{1F600}"`, []string{"API 😀"}, nil},
		{"template", "x=`API Error: ${e.status} ${e.message}`", []string{"API Error: ... ..."}, nil},
		{"nested template", "x=`Retrying in ${d}s${n?` · attempt ${n}/${m}`:\"\"}`",
			[]string{"Retrying in ...s...", " · attempt .../...", ""}, nil},
		{"object in substitution", "x=`a ${f({k:1})} b`", []string{"a ... b"}, nil},
		{"regex with quote", `x=/["']/g;y="after the regex"`, []string{"after the regex"}, []string{`]/g;y=`}},
		{"division", `a=b/2;c="d/e"`, []string{"d/e"}, nil},
		{"line comment", "// it's a comment\nx=\"kept text\"", []string{"kept text"}, []string{"s a comment\nx="}},
		{"block comment", "/* don't */x=\"kept text\"", []string{"kept text"}, nil},
		{"binary noise", "\x00\x01\"\xff\xfe\"\x00x=\"API Error: Connection error.\"", []string{"API Error: Connection error."}, nil},
		{"unterminated", `x="never closed` + "\n" + `y="closed"`, []string{"closed"}, []string{"never closed"}},
		{"return keyword", `function f(){return"Request timed out"}`, []string{"Request timed out"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			literals([]byte(tt.src), func(s string) { got = append(got, s) })
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q; got %q", w, got)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(got, n) {
					t.Errorf("emitted %q; got %q", n, got)
				}
			}
		})
	}
}

// The anchored pass recovers a literal after the first pass lost step on
// a regular expression it took for a division.
func TestLiteralsResync(t *testing.T) {
	src := `return /"/.test(x)?1:2;var m="Credit balance is too low",n="x"`
	var got []string
	literals([]byte(src), func(s string) { got = append(got, s) })
	if !slices.Contains(got, "Credit balance is too low") {
		t.Errorf("got %q", got)
	}
}

func FuzzLiterals(f *testing.F) {
	f.Add([]byte("x=`a ${`b ${'c'}`} d`;/re\"/g;\"\\u{110000}\""))
	f.Add([]byte("\"\\ud800\\u"))
	f.Fuzz(func(t *testing.T, src []byte) {
		literals(src, func(s string) {
			if len(s) > 4*maxLiteral {
				t.Fatalf("literal of %d bytes", len(s))
			}
		})
	})
}

func TestElements(t *testing.T) {
	src := `f=R.createElement(T,{dimColor:!0},"Retrying in ",Z,G," · attempt ",Y,"/",w,x?` + "`a ${b}`" + `:"")`
	var got []string
	literals([]byte(src), func(s string) { got = append(got, s) })
	want := "Retrying in ... · attempt .../..." // adjacent values become one "..."
	if !slices.Contains(got, want) {
		t.Errorf("missing %q; got %q", want, got)
	}
}
