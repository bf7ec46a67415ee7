package classify

import (
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

// TestRenderedMessagesMatch closes the loop with package match: the
// message rendered for every served trigger is recognised as the same
// entry (its first hit), as `ccerr explain` would show it.

func TestRenderedMessagesMatch(t *testing.T) {
	m, err := match.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range catalog.MustDefault().Entries() {
		for _, tr := range e.Triggers {
			if tr.Kind == catalog.TriggerLocal {
				continue
			}
			f := fromTrigger(t, tr)
			if f == nil || f.ID != e.ID {
				continue // TestCatalogTriggers reports it
			}
			hits := m.Text(f.Message)
			if len(hits) == 0 || hits[0].ID != e.ID {
				var got []catalog.ID
				for _, h := range hits {
					got = append(got, h.ID)
				}
				t.Errorf("%s: match(%q) = %v, want %s first", e.ID, f.Message, got, e.ID)
			}
		}
	}
}
