package cli

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/scan"
	"github.com/ccerr/ccerr/internal/ui"
)

// plainSections are the sections of scan's tab-separated output and the
// number of fields of each of their rows (the column line included).
var plainSections = map[string]int{
	"# scanned": 4, "# errors": 7, "# worst days": 4, "# top sessions": 6,
	"# fixes": 5, "# by session": 5, "# poisoned": 6, "# skipped": 5,
}

// checkPlain fails unless every line of scan's tab-separated output is one
// of its own section lines or a row with that section's number of fields.
func checkPlain(t *testing.T, out string) {
	t.Helper()
	fields := 0
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if n, ok := plainSections[line]; ok {
			if seen[line] {
				t.Fatalf("section %q twice:\n%s", line, out)
			}
			seen[line], fields = true, n
			continue
		}
		if got := strings.Count(line, "\t") + 1; got != fields {
			t.Fatalf("row with %d fields in a section of %d: %q\n%s", got, fields, line, out)
		}
	}
	if len(seen) != len(plainSections) {
		t.Fatalf("sections %v, want all of %v", seen, plainSections)
	}
}

// FuzzScanRender feeds hostile text through both of scan's renderers, by
// two routes: as the cwd, session id and message of transcript lines read
// by a real scan, and as every string field of a report. The oracle: the
// terminal layout holds no control character or escape but ccerr's own
// styling, and the tab-separated layout keeps its sections and columns.
func FuzzScanRender(f *testing.F) {
	for _, s := range hostile {
		var u string
		if err := json.Unmarshal([]byte(`"`+s+`"`), &u); err != nil {
			f.Fatal(err)
		}
		f.Add(u, "\t# errors\n")
	}
	f.Add("a\tb\nc", "\x1b]0;x\x07\u009b2J")
	f.Add("plain", "\xff\xfe")
	cat, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	m, err := scanMatcher()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		q := func(s string) string { j, _ := json.Marshal(s); return string(j) }
		line := func(ts, text string) string {
			return `{"type":"assistant","timestamp":"` + ts + `","message":{"role":"assistant","content":[{"type":"text","text":` +
				q(text) + `}]},"isApiErrorMessage":true,"cwd":` + q(a) + `,"sessionId":` + q(b) + `}`
		}
		in := line("2026-11-20T10:00:00Z", "API Error: Repeated 529 Overloaded errors "+a) + "\n" +
			line("2026-11-20T10:00:01Z", b+"API Error: 500 Internal server error") + "\n" + a + "\n" + b + "\n"
		r, err := scan.Run(context.Background(), scan.Options{
			Paths: []string{scan.StdinPath}, Stdin: strings.NewReader(in),
			Matcher: m, Catalog: cat, Lang: "en", By: "session",
		})
		if err != nil {
			t.Fatal(err)
		}
		// Every string of the report, hostile.
		r.Skipped = append(r.Skipped, scan.Skip{Path: a, Reason: scan.Reason(b), Detail: a + b, Lines: 2, Line: 1})
		r.TopSessions = append(r.TopSessions, scan.SessionRow{Session: a, Project: b, Top: catalog.ID(a)})
		r.Breakdown = append(r.Breakdown, scan.GroupRow{Key: b, Count: 1, Errors: map[catalog.ID]int64{catalog.ID(a): 1}})
		r.Fixes = append(r.Fixes, scan.FixRow{ID: catalog.ID(b), Title: a, Fix: catalog.Fix{Text: b, Command: a, Env: b}})
		r.WorstDays = append(r.WorstDays, scan.DayRow{Day: a, Count: 1})
		r.Errors = append(r.Errors, scan.ErrorRow{ID: catalog.ID(b), Count: 1, First: time.Unix(0, 0)})
		r.Poisoned = append(r.Poisoned, scan.PoisonedRow{Session: b, Path: a, Project: b, Count: 2,
			Findings: map[catalog.ID]int{catalog.ID(a): 1, catalog.ID(b): 1}, Command: "ccerr repair " + a})

		for _, lang := range []string{"en", "zh"} {
			var tty strings.Builder
			if err := writeScanTable(&tty, r, true, ui.Style{Color: true}, lang); err != nil {
				t.Fatal(err)
			}
			checkTerminalSafe(t, []byte(tty.String()), true)
		}
		var plain strings.Builder
		if err := writeScanTable(&plain, r, false, ui.Style{}, "en"); err != nil {
			t.Fatal(err)
		}
		checkTerminalSafe(t, []byte(plain.String()), false)
		checkPlain(t, plain.String())
		for _, s := range r.Skipped {
			checkTerminalSafe(t, []byte(skipText(s, &ui.Messages("en").Scan)), false)
		}
	})
}
