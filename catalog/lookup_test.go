package catalog

import (
	"reflect"
	"testing"
)

// Lookup finds every id of a catalog decoded from JSON too, and, as a map
// filled in order would, the last of two entries with the same id.
func TestLookupJSONAndDuplicates(t *testing.T) {
	c, err := LoadJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range IDs {
		if e, ok := c.Lookup(id); !ok || e.ID != id {
			t.Errorf("Lookup(%q) = %v, %v", id, e, ok)
		}
	}
	a, b, z := &Entry{ID: "b"}, &Entry{ID: "b"}, &Entry{ID: "a"}
	d := &Catalog{entries: []*Entry{a, z, b}}
	d.byID = sortByID(d.entries)
	if e, ok := d.Lookup("b"); !ok || e != b {
		t.Errorf("Lookup(b) = %p, %v; want the last, %p", e, ok, b)
	}
	if e, ok := d.Lookup("a"); !ok || e != z {
		t.Errorf("Lookup(a) = %p, %v", e, ok)
	}
	for _, id := range []ID{"", "0", "aa", "c"} {
		if _, ok := d.Lookup(id); ok {
			t.Errorf("Lookup(%q) found an entry", id)
		}
	}
	if _, ok := (&Catalog{}).Lookup("a"); ok {
		t.Error("empty catalog: Lookup found an entry")
	}
}

// Each catalog newDefault builds has entries and maps of its own: changing
// one leaves the next, and the generated variables, as they were.
func TestNewDefaultIndependent(t *testing.T) {
	c1, c2 := newDefault(), newDefault()
	e1, _ := c1.Lookup(UsageLimit)
	e2, _ := c2.Lookup(UsageLimit)
	if e1 == e2 {
		t.Fatal("the two catalogs share an entry")
	}
	if !reflect.DeepEqual(e1, e2) {
		t.Fatal("the two catalogs differ")
	}
	e1.Text[English] = Text{Title: "changed"}
	e1.Triggers[0].Headers["retry-after"] = "9"
	e1.Category = Quality
	if e2.In(English).Title == "changed" || e2.Triggers[0].Headers["retry-after"] != "" || e2.Category == Quality {
		t.Error("changing one catalog changed the other")
	}
	if e3, _ := newDefault().Lookup(UsageLimit); !reflect.DeepEqual(e3, e2) {
		t.Error("changing one catalog changed the generated variables")
	}
}
