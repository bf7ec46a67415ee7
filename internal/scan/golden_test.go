package scan

import (
	"bytes"
	"context"
	"flag"
	"path/filepath"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/golden"
	"github.com/ccerr/ccerr/internal/ui"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden scans the fixture with several options and compares the
// report's JSON with testdata/golden/<name>.
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
	// The JSON of a report is the data internal/cli renders; its table
	// goldens (internal/cli/testdata/golden/scan_*) are rendered from these.
	for _, tc := range []struct {
		name string
		by   string
		lang string
	}{
		{"report.json", "", "en"},
		{"report_by_day.json", "day", "en"},
		{"report_by_session.json", "session", "en"},
		{"report_by_project.json", "project", "en"},
		{"report_by_project_zh.json", "project", "zh"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opts
			o.By, o.Lang = tc.by, tc.lang
			r, err := Run(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := ui.WriteJSON(&got, r); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(goldenDir, tc.name), got.Bytes(), *update)
		})
	}
}
