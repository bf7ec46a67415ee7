package index

import (
	"slices"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// Pairs are looked up by binary search over the sorted list.
func TestHasPair(t *testing.T) {
	ix := &Index{Pairs: []string{"balance is", "credit balance", "too low"}}
	for _, p := range ix.Pairs {
		if !ix.HasPair([]byte(p)) {
			t.Errorf("HasPair(%q) = false", p)
		}
	}
	for _, p := range []string{"", "a", "balance", "credit balanc", "zzz zzz", "too lowx"} {
		if ix.HasPair([]byte(p)) {
			t.Errorf("HasPair(%q) = true", p)
		}
	}
}

// Build indexes every literal of the default catalog under an anchor that
// leads back to it, with its patterns in catalog order.
func TestBuildDefault(t *testing.T) {
	c := catalog.MustDefault()
	ix, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ix.IDs, catalog.IDs) {
		t.Errorf("IDs = %v", ix.IDs)
	}
	if !slices.IsSorted(ix.Pairs) {
		t.Error("Pairs not sorted")
	}
	found := make([]bool, len(ix.Lits))
	for _, as := range ix.Anchors[1:] {
		for _, a := range as {
			if a.First == 0 {
				continue
			}
			for _, r := range ix.Firsts[a.First] {
				if ix.Lits[r.Lit].Text[r.At:r.At+len(a.Word)] != a.Word {
					t.Errorf("literal %q has no %q at %d", ix.Lits[r.Lit].Text, a.Word, r.At)
				}
				found[r.Lit] = true
			}
		}
	}
	for i, ok := range found {
		if !ok {
			t.Errorf("literal %q is reached by no anchor", ix.Lits[i].Text)
		}
	}
	rx := 0
	for _, l := range ix.Lits {
		for _, p := range l.Pats {
			if p.Regexp != "" {
				rx++
			}
		}
	}
	if rx != ix.Regexps {
		t.Errorf("%d expressions, Regexps = %d", rx, ix.Regexps)
	}
}

// Common words are anchored on only when nothing better is there.
func TestCommonWord(t *testing.T) {
	if !commonWord("error") || !commonWord("history") || commonWord("overloaded") {
		t.Error("commonWord")
	}
}
