package core

import (
	"io"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/ui"
)

// The `explain --json` contract. Field names are API: documented in
// docs/explain.md and the README, covered by golden files, and only ever
// added to, never renamed or removed.
type explainJSON struct {
	Matches []matchJSON `json:"matches"` // [] (never null) when nothing matched
}

type matchJSON struct {
	ID       catalog.ID        `json:"id"`
	Category string            `json:"category"`
	Title    string            `json:"title"`
	Retried  bool              `json:"retried"`
	Count    int               `json:"count"`   // 0 for --id
	Line     int               `json:"line"`    // 1-based; 0 for --id
	Excerpt  string            `json:"excerpt"` // "" for --id
	Fields   map[string]string `json:"fields"`  // {} when none
	Meaning  string            `json:"meaning"`
	Fixes    []fixJSON         `json:"fixes"`
	// Additions beyond the original contract.
	Side      string `json:"side"`
	Cause     string `json:"cause"`
	RetryNote string `json:"retry_note,omitempty"` // English, as in the catalog
}

type fixJSON struct {
	Text    string `json:"text"`
	Command string `json:"command,omitempty"` // set when the step names something to type
	Env     string `json:"env,omitempty"`     // set when the step names an environment variable
}

func toMatchJSON(it explained, lang string) matchJSON {
	e := it.entry
	t := e.In(lang)
	m := matchJSON{
		ID:        e.ID,
		Category:  string(e.Category),
		Title:     t.Title,
		Retried:   e.Retry.Retried,
		Fields:    map[string]string{},
		Meaning:   t.Meaning,
		Fixes:     make([]fixJSON, len(t.Fixes)),
		Side:      string(e.Side),
		Cause:     t.Cause,
		RetryNote: e.Retry.Note,
	}
	for i, f := range t.Fixes {
		m.Fixes[i] = fixJSON(f)
	}
	if h := it.hit; h != nil {
		m.Count = h.Count
		m.Line = h.Line
		m.Excerpt = h.Excerpt
		for k, v := range h.Fields {
			m.Fields[k] = v
		}
	}
	return m
}

// renderExplainJSON writes the --json document for items.
func renderExplainJSON(w io.Writer, items []explained, lang string) error {
	doc := explainJSON{Matches: make([]matchJSON, 0, len(items))}
	for _, it := range items {
		doc.Matches = append(doc.Matches, toMatchJSON(it, lang))
	}
	return ui.WriteJSON(w, doc)
}
