package catalog_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

func TestValidate(t *testing.T) {
	c, err := catalog.Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate:\n%v", err)
	}
}

func TestIDs(t *testing.T) {
	c := catalog.MustDefault()
	var got []catalog.ID
	for _, e := range c.Entries() {
		got = append(got, e.ID)
	}
	if !slices.Equal(got, catalog.IDs) {
		t.Errorf("ids = %v, want %v", got, catalog.IDs)
	}
	for _, id := range catalog.IDs {
		if e, ok := c.Lookup(id); !ok || e.ID != id {
			t.Errorf("Lookup(%q) = %v, %v", id, e, ok)
		}
	}
	if _, ok := c.Lookup("no-such-id"); ok {
		t.Errorf("Lookup(no-such-id) found an entry")
	}
}

// Triggers must come first as the most typical failure, and HTTP triggers of
// different entries must differ in status, error type, message, headers or
// credential, so that a classifier can tell them apart.
func TestTriggersDistinct(t *testing.T) {
	c := catalog.MustDefault()
	seen := map[string]catalog.ID{}
	for _, e := range c.Entries() {
		for _, tr := range e.Triggers {
			if tr.Kind != catalog.TriggerHTTP && tr.Kind != catalog.TriggerStream {
				continue
			}
			key := fmt.Sprintf("%s|%d|%s|%s|%s|%v|%s", tr.Kind, tr.Status, tr.ErrorType, tr.APIMessage, tr.Body, tr.Headers, tr.Credential)
			if other, ok := seen[key]; ok && other != e.ID {
				t.Errorf("%s and %s share the trigger %s", e.ID, other, key)
			}
			seen[key] = e.ID
		}
	}
}

func TestCategoriesAndSides(t *testing.T) {
	c := catalog.MustDefault()
	for _, cat := range catalog.Categories {
		if len(c.InCategory(cat)) == 0 {
			t.Errorf("category %s has no entries", cat)
		}
	}
	want := map[catalog.ID]catalog.Category{
		"overloaded":        catalog.Server,
		"usage-limit":       catalog.Usage,
		"oauth-scope":       catalog.Auth,
		"tls-certificate":   catalog.Network,
		"prompt-too-long":   catalog.Request,
		"response-quality":  catalog.Quality,
		"connection-failed": catalog.Network,
	}
	for id, cat := range want {
		if e, _ := c.Lookup(id); e == nil || e.Category != cat {
			t.Errorf("%s: category = %v, want %s", id, e, cat)
		}
	}
}

func ExampleCatalog_Lookup() {
	c := catalog.MustDefault()
	e, ok := c.Lookup("overloaded")
	fmt.Println(ok, e.Category, e.Side, e.Retry.Retried)
	fmt.Println(e.Messages[0].Text)
	fmt.Println(e.Triggers[0].Status, e.Triggers[0].ErrorType)
	// Output:
	// true server anthropic true
	// API Error: Repeated 529 Overloaded errors
	// 529 overloaded_error
}

// The entries whose errors leave a poisoned session offer ccerr repair, in
// every language, beside the reference's own advice.
func TestRepairOffered(t *testing.T) {
	c := catalog.MustDefault()
	for _, id := range []catalog.ID{catalog.ImageTooLarge, catalog.PDFUnreadable, catalog.RequestTooLarge, catalog.ToolUseMismatch} {
		e, ok := c.Lookup(id)
		if !ok {
			t.Fatalf("%s missing", id)
		}
		for _, lang := range catalog.Languages {
			fixes := e.Text[lang].Fixes
			repair, rewind := false, false
			for _, f := range fixes {
				repair = repair || f.Command == "ccerr repair --last" && strings.Contains(f.Text, "ccerr repair --last")
				rewind = rewind || f.Command == "/rewind"
			}
			if !repair || !rewind {
				t.Errorf("%s (%s): ccerr repair offered %v, /rewind kept %v", id, lang, repair, rewind)
			}
		}
	}
}
