package catalog

import (
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

//go:generate go run ./internal/genids
//go:generate go run ./internal/gencatalog

//go:embed data/entries.json data/text_en.json data/text_zh.json
var data embed.FS

// Catalog is a loaded, validated set of entries.
type Catalog struct {
	entries []*Entry
	byID    []int // positions in entries, sorted by id (stable)
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
	defaultErr  error
)

// Default returns the catalog compiled into the binary (catalog_gen.go,
// generated from catalog/data). It is built once, on first use, from Go
// values the compiler lays out as data: no JSON is decoded at run time, and
// only the entries and their maps are allocated. An error means the embedded data is broken, which the package's
// tests rule out; callers may treat it as fatal.
func Default() (*Catalog, error) {
	defaultOnce.Do(func() { defaultCat, defaultErr = newDefault(), nil })
	return defaultCat, defaultErr
}

// newDefault builds the catalog of catalog_gen.go. [Default] calls it once;
// BenchmarkDefaultFirstUse calls it again and again to measure a first use.
func newDefault() *Catalog {
	return &Catalog{entries: generated(), byID: generatedByID[:]}
}

// MustDefault is like [Default] but panics on error. It is meant for tests
// and examples, where the embedded data is known to be valid.
func MustDefault() *Catalog {
	c, err := Default()
	if err != nil {
		panic(err)
	}
	return c
}

// sortByID returns the positions of entries, sorted by id.
func sortByID(entries []*Entry) []int {
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(entries[a].ID, entries[b].ID) })
	return order
}

// LoadJSON decodes the catalog from its source, the JSON files of
// catalog/data embedded in the binary. [Default] gives the same catalog
// without decoding; LoadJSON is for the generator and the tests that prove
// the two equal.
func LoadJSON() (*Catalog, error) {
	raw, err := data.ReadFile("data/entries.json")
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	var entries []*Entry
	if err := json.Unmarshal(raw, &entries); err != nil {
		return nil, fmt.Errorf("catalog: entries.json: %w", err)
	}
	c := &Catalog{entries: entries, byID: sortByID(entries)}
	for _, e := range entries {
		e.Text = make(map[string]Text, len(Languages))
	}
	for _, lang := range Languages {
		name := "data/text_" + lang + ".json"
		raw, err := data.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("catalog: %w", err)
		}
		var texts map[string]Text
		if err := json.Unmarshal(raw, &texts); err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", name, err)
		}
		for id, t := range texts {
			e, ok := c.Lookup(ID(id))
			if !ok {
				return nil, fmt.Errorf("catalog: %s: text for unknown id %q", name, id)
			}
			e.Text[lang] = t
		}
	}
	// The full check (Validate) runs in the package's tests, not at every
	// start: the data is embedded, so a passing test suite proves it valid.
	return c, nil
}

// Entries returns every entry in catalog order. The slice is shared; do not modify it.
func (c *Catalog) Entries() []*Entry { return c.entries }

// Lookup returns the entry with the given id, or nil and false.
func (c *Catalog) Lookup(id ID) (*Entry, bool) {
	// The last of the entries with id, as a map filled in order would give.
	i, j := 0, len(c.byID)
	for i < j {
		h := int(uint(i+j) >> 1)
		if c.entries[c.byID[h]].ID <= id {
			i = h + 1
		} else {
			j = h
		}
	}
	if i == 0 || c.entries[c.byID[i-1]].ID != id {
		return nil, false
	}
	return c.entries[c.byID[i-1]], true
}

// InCategory returns the entries of one category in catalog order.
func (c *Catalog) InCategory(cat Category) []*Entry {
	var out []*Entry
	for _, e := range c.entries {
		if e.Category == cat {
			out = append(out, e)
		}
	}
	return out
}
