package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden renders the fixture's report in each output form and compares
// it with testdata/golden/<name>.
func TestGolden(t *testing.T) {
	goldenDir, err := filepath.Abs(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	writeFixture(t)
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{
		Paths:   []string{"projects", "logs", "missing.jsonl"},
		Matcher: testMatcher(t),
		Catalog: cat,
		Lang:    "en",
		MaxLine: 4096,
	}
	for _, tc := range []struct {
		name string
		by   string
		lang string
		out  func(r *Report, w *bytes.Buffer) error
	}{
		{"report.json", "", "en", func(r *Report, w *bytes.Buffer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(r)
		}},
		{"report_by_day.json", "day", "en", func(r *Report, w *bytes.Buffer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(r)
		}},
		{"table_tty.txt", "", "en", func(r *Report, w *bytes.Buffer) error { return r.WriteTable(w, TableOptions{TTY: true}) }},
		{"table_tty_color.txt", "session", "en", func(r *Report, w *bytes.Buffer) error {
			return r.WriteTable(w, TableOptions{TTY: true, Color: true})
		}},
		{"table_tty_zh.txt", "project", "zh", func(r *Report, w *bytes.Buffer) error { return r.WriteTable(w, TableOptions{TTY: true}) }},
		{"table_plain.tsv", "project", "en", func(r *Report, w *bytes.Buffer) error { return r.WriteTable(w, TableOptions{}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opts
			o.By, o.Lang = tc.by, tc.lang
			r, err := Run(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := tc.out(r, &got); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(goldenDir, tc.name), got.Bytes(), *update)
		})
	}
}
