package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/internal/scan"
	"github.com/ccerr/ccerr/internal/ui"
)

// loadReport reads a report the scan package's golden test wrote from its
// fixture, so that these tests render exactly what a scan returns.
func loadReport(t *testing.T, name string) *scan.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "scan", "testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	var r scan.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// TestScanTableGolden renders scan reports in each output form.
func TestScanTableGolden(t *testing.T) {
	for _, tc := range []struct {
		golden, report, lang string
		tty, color           bool
	}{
		{"scan_table_tty.txt", "report.json", "en", true, false},
		{"scan_table_tty_color.txt", "report_by_session.json", "en", true, true},
		{"scan_table_tty_zh.txt", "report_by_project_zh.json", "zh", true, false},
		{"scan_table_plain.tsv", "report_by_project.json", "en", false, false},
		{"scan_poisoned_tty.txt", "report_poisoned.json", "en", true, false},
		{"scan_poisoned_tty_color.txt", "report_poisoned.json", "en", true, true},
		{"scan_poisoned_tty_zh.txt", "report_poisoned.json", "zh", true, false},
		{"scan_poisoned_plain.tsv", "report_poisoned.json", "en", false, false},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var b strings.Builder
			if err := writeScanTable(&b, loadReport(t, tc.report), tc.tty, ui.Style{Color: tc.color}, tc.lang); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.golden, b.String())
		})
	}
}

// TestScanZHHasNoEnglishHeading renders the fullest report in Chinese and
// looks for every English heading, column name and label of the scan.
func TestScanZHHasNoEnglishHeading(t *testing.T) {
	var b strings.Builder
	r := loadReport(t, "report_by_project_zh.json")
	r.Since = r.Errors[0].First // show the window line too
	r.Poisoned = loadReport(t, "report_poisoned.json").Poisoned
	if len(r.Poisoned) == 0 {
		t.Fatal("no poisoned sessions to render")
	}
	if err := writeScanTable(&b, r, true, ui.Style{}, "zh"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	en := reflect.ValueOf(ui.Messages("en").Scan)
	for i := range en.NumField() {
		name := en.Type().Field(i).Name
		var words []string
		switch v := en.Field(i).Interface().(type) {
		case string:
			words = []string{v}
		case ui.Plural:
			words = []string{v.One, v.Other}
		}
		for _, w := range words {
			// Formats are checked by their fixed text; paths and ids in the
			// report may hold short English words, so look for phrases only.
			for _, part := range strings.Split(w, "%") {
				part = strings.TrimSpace(strings.TrimLeft(part, "sdf.1234567890"))
				if len(part) < 5 || !strings.ContainsFunc(part, func(r rune) bool { return r >= 'a' && r <= 'z' }) {
					continue
				}
				if strings.Contains(out, part) {
					t.Errorf("Chinese scan output holds English %s text %q", name, part)
				}
			}
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}
