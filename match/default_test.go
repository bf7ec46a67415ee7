package match

import (
	"reflect"
	"regexp"
	"regexp/syntax"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match/internal/index"
)

// The generated index of the default matcher is what index.Build makes of
// the default catalog, table for table (match/internal/genmatch checks the
// file is what it writes; this checks what the compiler made of it).
func TestDefaultIndexIsBuilt(t *testing.T) {
	want, err := index.Build(catalog.MustDefault())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&defaultIndex, want) {
		t.Error("defaultIndex differs from index.Build(catalog.Default()): run go generate ./match")
	}
	if len(defaultRxs) != want.Regexps+1 {
		t.Errorf("%d lazy expressions for %d expressions", len(defaultRxs)-1, want.Regexps)
	}
}

// Default does not parse the embedded patterns at start, so this test does:
// every expression parses as New parses it, and compiles.
func TestDefaultPatternsParse(t *testing.T) {
	n := 0
	for _, e := range catalog.MustDefault().Entries() {
		for _, p := range e.Patterns {
			if p.Regexp == "" {
				continue
			}
			n++
			if _, err := syntax.Parse(p.Regexp, syntax.Perl); err != nil {
				t.Errorf("%s: %q: %v", e.ID, p.Regexp, err)
			}
			if _, err := regexp.Compile(p.Regexp); err != nil {
				t.Errorf("%s: %q: %v", e.ID, p.Regexp, err)
			}
		}
	}
	if n != defaultRegexps {
		t.Errorf("%d expressions in the catalog, %d in default_gen.go", n, defaultRegexps)
	}
}

// New still checks a catalog it is given: a bad expression, an empty
// literal and a literal with nothing to anchor it are errors.
func TestNewRejects(t *testing.T) {
	tests := []struct {
		name string
		pat  catalog.Pattern
	}{
		{"bad expression", catalog.Pattern{Literal: "internal server error", Regexp: `internal (server error`}},
		{"empty literal", catalog.Pattern{Literal: ""}},
		{"no anchor", catalog.Pattern{Literal: "a b c"}},
	}
	for _, tc := range tests {
		c, err := catalog.LoadJSON()
		if err != nil {
			t.Fatal(err)
		}
		e := c.Entries()[0]
		e.Patterns = append(e.Patterns, tc.pat)
		if m, err := New(c); err == nil || m != nil {
			t.Errorf("%s: New = %v, %v; want an error", tc.name, m, err)
		}
	}
}

// Matchers from newDefault are ready to use and share the default tables.
func TestNewDefault(t *testing.T) {
	m := newDefault()
	if m.ix != &defaultIndex || len(m.rxs) != defaultRegexps+1 {
		t.Errorf("newDefault does not use the generated tables")
	}
	if got := m.Text("Credit balance is too low"); len(got) != 1 || got[0].ID != catalog.CreditBalanceLow {
		t.Errorf("Text = %+v", got)
	}
}
