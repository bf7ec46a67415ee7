package ui

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// placeholders are what an unfinished translation tends to hold.
var placeholders = []string{"TODO", "FIXME", "TBD", "XXX", "???"}

// verbRE finds the fmt verbs of a format.
var verbRE = regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?\d*(?:\.\d+)?[a-zA-Z%]`)

// TestMessagesComplete walks every string field of every language's set
// and fails on an empty field, a placeholder, an untranslated field, or a
// format whose verbs differ from the English one.
func TestMessagesComplete(t *testing.T) {
	for _, lang := range catalog.Languages {
		if _, ok := sets[lang]; !ok {
			t.Errorf("no message set for catalog language %q", lang)
		}
	}
	for lang, set := range sets {
		if set.Lang != lang {
			t.Errorf("set registered as %q says it is %q", lang, set.Lang)
		}
		for _, p := range problems(lang, "MessageSet", reflect.ValueOf(en), reflect.ValueOf(*set), false) {
			t.Error(p)
		}
	}
}

// problems lists what is wrong with got, a set in lang, against the
// English set ref.
func problems(lang, path string, ref, got reflect.Value, same bool) []string {
	var out []string
	switch ref.Kind() {
	case reflect.Struct:
		typ := ref.Type()
		for i := range typ.NumField() {
			f := typ.Field(i)
			out = append(out, problems(lang, path+"."+f.Name, ref.Field(i), got.Field(i), same || f.Tag.Get("same") == "ok")...)
		}
	case reflect.String:
		r, g := ref.String(), got.String()
		switch {
		case strings.TrimSpace(g) == "":
			out = append(out, fmt.Sprintf("%s: %s is empty", lang, path))
		case slices.ContainsFunc(placeholders, func(p string) bool { return strings.Contains(g, p) }):
			out = append(out, fmt.Sprintf("%s: %s holds a placeholder: %q", lang, path, g))
		case lang != catalog.English && !same && g == r:
			out = append(out, fmt.Sprintf("%s: %s is the English text %q; translate it or tag the field same:\"ok\"", lang, path, g))
		}
		if rv, gv := verbRE.FindAllString(r, -1), verbRE.FindAllString(g, -1); !slices.Equal(rv, gv) {
			out = append(out, fmt.Sprintf("%s: %s has verbs %q, English has %q", lang, path, gv, rv))
		}
	default:
		out = append(out, fmt.Sprintf("%s: %s has kind %s; message sets hold strings and structs of strings only", lang, path, ref.Kind()))
	}
	return out
}

// TestMessagesCheckCatchesGaps proves the completeness check can fail: a
// copy of the Chinese set with an empty field, a placeholder, an English
// leftover and a lost verb gives one problem each.
func TestMessagesCheckCatchesGaps(t *testing.T) {
	bad := zh
	bad.Scan.Skipped = ""
	bad.Scan.Fixes = "TODO"
	bad.Explain.Meaning = en.Explain.Meaning
	bad.Explain.LineTimes = "第 %d 行"
	got := problems("zh", "MessageSet", reflect.ValueOf(en), reflect.ValueOf(bad), false)
	if len(got) != 4 {
		t.Fatalf("got %d problems, want 4:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i, want := range []string{"Explain.Meaning", "Explain.LineTimes", "Scan.Fixes", "Scan.Skipped"} {
		if !strings.Contains(got[i], want) {
			t.Errorf("problem %d = %q, want one about %s", i, got[i], want)
		}
	}
}

// TestMessagesNameEveryCategoryAndSide makes sure adding a category, a
// side or a field to the catalog or the matcher without naming it here fails.
func TestMessagesNameEveryCategoryAndSide(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	sides := map[catalog.Side]bool{}
	for _, e := range cat.Entries() {
		sides[e.Side] = true
	}
	for lang, set := range sets {
		for _, c := range catalog.Categories {
			if n := set.Common.Categories.Name(c); n == string(c) || n == "" {
				t.Errorf("%s: category %q has no name", lang, c)
			}
		}
		for s := range sides {
			if n := set.Common.Sides.Name(s); n == string(s) || n == "" {
				t.Errorf("%s: side %q has no name", lang, s)
			}
		}
		for _, k := range FieldKeys {
			if n, ok := set.Common.Fields.Name(k); !ok || n == "" {
				t.Errorf("%s: field %q has no name", lang, k)
			}
		}
	}
}

func TestMessagesFallBackToEnglish(t *testing.T) {
	if Messages("fr") != &en || Messages("") != &en {
		t.Error("an unknown language must get English")
	}
	if Messages(catalog.Chinese).Scan.Skipped != zh.Scan.Skipped {
		t.Error("zh must get the Chinese set")
	}
}

func TestPlural(t *testing.T) {
	p := Plural{"file", "files"}
	for n, want := range map[int64]string{0: "files", 1: "file", 2: "files"} {
		if got := p.For(n); got != want {
			t.Errorf("For(%d) = %q, want %q", n, got, want)
		}
	}
}
