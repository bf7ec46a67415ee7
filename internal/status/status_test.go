package status

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ccerr/ccerr/internal/status/statustest"
)

var (
	// now is the moment the recorded answers were taken.
	now    = time.Date(2026, 12, 5, 11, 45, 0, 0, time.UTC)
	clock  = func() time.Time { return now }
	ctx    = context.Background()
	record = "testdata"
)

func TestClientDecodesRecordedAnswers(t *testing.T) {
	srv := statustest.New(record)
	defer srv.Close()
	c := &Client{BaseURL: srv.URL, Now: clock}
	s, err := c.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Status.Indicator != "minor" || len(s.Components) != 5 || len(s.Incidents) != 1 {
		t.Fatalf("summary: %+v", s)
	}
	rel := RelevantComponents(s.Components)
	var names []string
	for _, c := range rel {
		names = append(names, c.Name)
	}
	if len(rel) != 4 || rel[2].Status != DegradedPerformance || rel[3].Name != "Claude Code" {
		t.Errorf("relevant components: %q", names)
	}
	list, err := c.Incidents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("incidents: %d", len(list))
	}
	opus := list[1]
	if opus.Name != "Elevated errors on Claude Opus" || opus.Open() || !opus.Start().Equal(time.Date(2026, 12, 5, 9, 10, 0, 0, time.UTC)) ||
		!opus.End(now).Equal(time.Date(2026, 12, 5, 10, 40, 0, 0, time.UTC)) || len(opus.Updates) != 3 {
		t.Errorf("resolved incident: %+v", opus)
	}
	if !list[0].Open() || !list[0].End(now).Equal(now) {
		t.Errorf("open incident should last until now: %+v", list[0])
	}
	if list[2].Open() {
		t.Errorf("a postmortem is resolved: %+v", list[2])
	}
	un, err := c.Unresolved(ctx)
	if err != nil || len(un) != 1 || un[0].ID != list[0].ID {
		t.Errorf("unresolved: %+v, %v", un, err)
	}
}

func TestClientCachesForTTL(t *testing.T) {
	srv := statustest.New(record)
	defer srv.Close()
	at := now
	dir := t.TempDir()
	c := &Client{BaseURL: srv.URL, CacheDir: dir, Now: func() time.Time { return at }}
	for range 3 {
		if _, err := c.Summary(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Requests.Load(); n != 1 {
		t.Errorf("3 calls within a minute made %d requests, want 1", n)
	}
	at = at.Add(61 * time.Second)
	if _, err := c.Summary(ctx); err != nil {
		t.Fatal(err)
	}
	if n := srv.Requests.Load(); n != 2 {
		t.Errorf("after the TTL: %d requests, want 2", n)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("cache folder holds %d files, want 1 (no temporary files left): %v", len(entries), entries)
	}
	// A damaged cache file is refetched, not trusted.
	if err := os.WriteFile(filepath.Join(dir, entries[0].Name()), []byte("{half"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(dir, entries[0].Name()), at, at); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Summary(ctx); err != nil {
		t.Fatal(err)
	}
	if n := srv.Requests.Load(); n != 3 {
		t.Errorf("damaged cache: %d requests, want 3", n)
	}
}

func TestClientUnreachable(t *testing.T) {
	srv := statustest.New(record)
	srv.Fail.Store(true)
	defer srv.Close()
	c := &Client{BaseURL: srv.URL, Now: clock}
	_, err := c.Summary(ctx)
	var u *Unreachable
	if !errors.As(err, &u) {
		t.Fatalf("503: got %v, want *Unreachable", err)
	}
	srv.Close()
	if _, err := c.Incidents(ctx); !errors.As(err, &u) {
		t.Fatalf("closed server: got %v, want *Unreachable", err)
	}
	bad := statustest.New(t.TempDir()) // no files: 500
	defer bad.Close()
	if _, err := (&Client{BaseURL: bad.URL}).Summary(ctx); !errors.As(err, &u) {
		t.Fatalf("500: got %v", err)
	}
}

func TestAttribute(t *testing.T) {
	srv := statustest.New(record)
	defer srv.Close()
	list, err := (&Client{BaseURL: srv.URL}).Incidents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	at := func(h, m int) time.Time { return time.Date(2026, 12, 5, h, m, 0, 0, time.UTC) }
	points := []Point{
		{at(8, 55), 1},  // before the Opus incident
		{at(9, 10), 6},  // its first minute
		{at(10, 39), 8}, // its last minute
		{at(10, 40), 1}, // resolved: outside
		{at(11, 40), 2}, // the open incident
		{at(11, 41), 0},
	}
	a := Attribute(points, list, now)
	if a.Total != 18 || a.Inside != 16 || !a.Since.Equal(at(8, 55)) || a.Incident == nil ||
		a.Incident.Name != "Elevated errors on Claude Opus" || a.Count != 14 {
		t.Errorf("attribution %+v", a)
	}
	if a := Attribute(points[:1], list, now); a.Inside != 0 || a.Incident != nil {
		t.Errorf("outside every window: %+v", a)
	}
	over := Overlapping(append(list, list[0]), at(8, 0), at(12, 0), now)
	if len(over) != 2 || over[0].Name != "Elevated errors on Claude Opus" {
		t.Errorf("overlapping: %+v", over)
	}
}

func TestCacheDir(t *testing.T) {
	env := map[string]string{"XDG_CACHE_HOME": "/c"}
	if got := CacheDir(func(k string) string { return env[k] }); got != filepath.Join("/c", "ccerr", "status") {
		t.Errorf("XDG: %q", got)
	}
	env = map[string]string{"HOME": "/nonexistent-home"}
	if got := CacheDir(func(k string) string { return env[k] }); got != filepath.Join("/nonexistent-home", ".cache", "ccerr", "status") {
		t.Errorf("HOME: %q", got)
	}
}
