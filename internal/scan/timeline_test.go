package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTimeline counts per hour and id, sums to the errors table, merges the
// same whatever the number of workers, and is absent unless asked for.
func TestTimeline(t *testing.T) {
	log := strings.Join([]string{
		"2026-11-26T09:10:00Z API Error: Repeated 529 Overloaded errors",
		"2026-11-26T09:50:00Z API Error: Repeated 529 Overloaded errors",
		"2026-11-26T10:05:00Z API Error: Repeated 529 Overloaded errors",
		"no time API Error: Repeated 529 Overloaded errors",
	}, "\n") + "\n"
	for _, workers := range []int{1, 3} {
		r, err := Run(context.Background(), Options{Paths: []string{StdinPath}, Stdin: strings.NewReader(log),
			Matcher: testMatcher(t), Workers: workers, Timeline: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Timeline) != 2 {
			t.Fatalf("workers %d: timeline %+v, want 2 rows", workers, r.Timeline)
		}
		if got := r.Timeline[0]; got.Start != time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC) || got.Count != 2 || got.Final != 2 {
			t.Errorf("first row %+v", got)
		}
		if got := r.Timeline[1]; got.Start != time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC) || got.Count != 1 {
			t.Errorf("second row %+v", got)
		}
		if len(r.Errors) != 1 || r.Errors[0].Count != 4 {
			t.Errorf("errors %+v: the event with no time still counts in the table", r.Errors)
		}
	}
	r, err := Run(context.Background(), Options{Paths: []string{StdinPath}, Stdin: strings.NewReader(log), Matcher: testMatcher(t)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Timeline != nil {
		t.Errorf("timeline without Options.Timeline: %+v", r.Timeline)
	}
}

// TestTimelineMerge: files read by different workers add up in the same
// cells, whatever the number of workers.
func TestTimelineMerge(t *testing.T) {
	dir := t.TempDir()
	line := "2026-11-26T09:10:00Z API Error: Repeated 529 Overloaded errors\n"
	for _, name := range []string{"a.log", "b.log", "c.log"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(line+line), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, workers := range []int{1, 2, 3} {
		r, err := Run(context.Background(), Options{Paths: []string{dir}, Matcher: testMatcher(t), Workers: workers, Timeline: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Timeline) != 1 || r.Timeline[0].Count != 6 || !r.Timeline[0].Start.Equal(time.Date(2026, 11, 26, 9, 10, 0, 0, time.UTC)) {
			t.Errorf("workers %d: %+v", workers, r.Timeline)
		}
	}
}
