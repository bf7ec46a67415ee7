package match_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

// harvested is one record of catalog/data/harvest.json, written by
// internal/harvest from Claude Code's published releases.
type harvested struct {
	Text  string     `json:"text"`
	First string     `json:"first"`
	Last  string     `json:"last"`
	ID    catalog.ID `json:"id"`
}

var (
	harvestAttempt = regexp.MustCompile(`attempt \.\.\./\.\.\.`)
	harvestRetryIn = regexp.MustCompile(`Retrying in \.\.\.( seconds)?`)
	harvestLabel   = regexp.MustCompile(`^API \.\.\. \(\.\.\.\)`)
	harvestUnit    = regexp.MustCompile(`\.\.\.(ms|s|MB|KB|px|%)\b`)
	harvestValue   = regexp.MustCompile(`(\w?)\.\.\.(\w?)`)
)

// fillHarvested gives the "..." that stands for each run-time value of a
// harvested message a plausible value, as catalog/match_test.go does for the
// catalog's own messages: numbers where a unit or an attempt count follows,
// "x" elsewhere, set off by spaces from the words around it.
func fillHarvested(msg string) string {
	msg = harvestAttempt.ReplaceAllString(msg, "attempt 3/10")
	// A retry line's delay is a number, and its label and message are the
	// error being retried: a 500 for the lines assigned to server-error.
	msg = harvestRetryIn.ReplaceAllStringFunc(msg, func(s string) string {
		if strings.HasSuffix(s, "seconds") {
			return "Retrying in 4 seconds"
		}
		return "Retrying in 4s"
	})
	msg = harvestLabel.ReplaceAllString(msg, "API Error (500 Internal server error)")
	msg = harvestUnit.ReplaceAllString(msg, "4$1")
	return harvestValue.ReplaceAllStringFunc(msg, func(s string) string {
		m := harvestValue.FindStringSubmatch(s)
		out := "x"
		if m[1] != "" {
			out = m[1] + " " + out
		}
		if m[2] != "" {
			out += " " + m[2]
		}
		return out
	})
}

// Every harvested message that has an entry is recognised as that entry and
// no other.
func TestHarvestedMessagesMatchOwnEntry(t *testing.T) {
	b, err := os.ReadFile("../catalog/data/harvest.json")
	if err != nil {
		t.Fatal(err)
	}
	var msgs []harvested
	if err := json.Unmarshal(b, &msgs); err != nil {
		t.Fatalf("harvest.json: %v", err)
	}
	c := catalog.MustDefault()
	m, err := match.New(c)
	if err != nil {
		t.Fatal(err)
	}
	assigned, recognised := 0, 0
	for _, h := range msgs {
		if h.ID == "" {
			continue
		}
		if _, ok := c.Lookup(h.ID); !ok {
			t.Errorf("harvest.json: %q has unknown id %q", h.Text, h.ID)
			continue
		}
		assigned++
		text := fillHarvested(h.Text)
		hits := m.Text(text)
		if len(hits) == 1 && hits[0].ID == h.ID {
			recognised++
			continue
		}
		var ids []string
		for _, hit := range hits {
			ids = append(ids, string(hit.ID))
		}
		t.Errorf("%s (%s–%s): %q: got %v", h.ID, h.First, h.Last, text, ids)
	}
	t.Logf("harvest: %d of %d recognised", recognised, assigned)
	if assigned == 0 {
		t.Error("harvest.json assigns no message to an entry")
	}
}
