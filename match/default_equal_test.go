package match_test

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

// The default matcher, built from generated tables, behaves exactly as one
// New builds from the default catalog at run time, on every input of the
// package's tests: the text cases, each catalog message, the real-world
// pastes, and the benchmarks' mixed text, near misses and dense lines.
func TestDefaultEqualsNew(t *testing.T) {
	def, err := match.Default()
	if err != nil {
		t.Fatal(err)
	}
	built, err := match.New(catalog.MustDefault())
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, tc := range textCases {
		inputs = append(inputs, tc.in)
	}
	for _, e := range catalog.MustDefault().Entries() {
		for _, m := range e.Messages {
			inputs = append(inputs, m.Text, strings.ToUpper(m.Text))
		}
	}
	for _, p := range loadPastes(t) {
		inputs = append(inputs, p.Text)
	}
	inputs = append(inputs, string(benchText(1<<20)), string(proseText(1<<20)), string(denseLine(256<<10)))
	for i, in := range inputs {
		got, err := def.Reader(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		want, err := built.Reader(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("input %d (%.60q): Reader: %s", i, in, firstDiff(got, want))
		}
		if len(in) > 64<<10 {
			continue
		}
		if got, want := def.Text(in), built.Text(in); !reflect.DeepEqual(got, want) {
			t.Errorf("input %d (%.60q): Text: %s", i, in, firstDiff(got, want))
		}
		for _, line := range bytes.Split([]byte(in), []byte{'\n'}) {
			if got, want := def.FindLine(line), built.FindLine(line); !reflect.DeepEqual(got, want) {
				t.Errorf("line %.60q: FindLine: Default gives %s, New %s", line, brief(got), brief(want))
			}
		}
	}
}

// firstDiff describes the first hit where got (from Default) and want (from
// New) differ, briefly.
func firstDiff(got, want []match.Hit) string {
	for k := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[k], want[k]) {
			return fmt.Sprintf("hit %d: Default gives %s, New %s", k, brief(got[k]), brief(want[k]))
		}
	}
	return fmt.Sprintf("Default gives %d hits, New %d", len(got), len(want))
}

// brief is x printed, cut to a few hundred bytes.
func brief(x any) string {
	s := fmt.Sprintf("%+v", x)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
