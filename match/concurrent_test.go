package match_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

// A fresh matcher compiles its expressions on first use; several goroutines
// meeting them at once must see the same results as one alone.
func TestConcurrentFirstUse(t *testing.T) {
	c := catalog.MustDefault()
	m, err := match.New(c)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([][][]string, 8)
	for g := range got {
		wg.Go(func() {
			for _, tc := range textCases {
				got[g] = append(got[g], ids(m.Text(tc.in)))
			}
		})
	}
	wg.Wait()
	for g := range got {
		for i, tc := range textCases {
			want := tc.want
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(got[g][i], want) {
				t.Errorf("goroutine %d, %s: got %v, want %v", g, tc.name, got[g][i], want)
			}
		}
	}
}
