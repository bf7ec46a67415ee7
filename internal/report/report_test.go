package report

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/status"
)

var (
	t0  = time.Date(2026, 12, 5, 6, 0, 0, 0, time.UTC)
	now = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
)

func testCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sample is six hours with two errors and one incident from 09:10 to 10:40.
func sample(t *testing.T) *Data {
	start, end := t0.Add(3*time.Hour+10*time.Minute), t0.Add(4*time.Hour+40*time.Minute)
	return &Data{Lang: "en", Source: FromScanSource, Version: "test", Now: now, Since: t0, Until: now, Step: time.Hour,
		Catalog: testCatalog(t),
		Buckets: []Bucket{
			{Start: t0, ID: catalog.ConnectionFailed, Final: 2},
			{Start: t0.Add(3 * time.Hour), ID: catalog.Overloaded, Final: 3, Retried: 9},
			{Start: t0.Add(4 * time.Hour), ID: catalog.Overloaded, Final: 1, Retried: 4},
			{Start: t0.Add(5 * time.Hour), ID: catalog.ConnectionFailed, Final: 1},
		},
		Entries: []Entry{
			{ID: catalog.Overloaded, Final: 4, Retried: 13, Sessions: 2, Users: -1, First: t0.Add(3*time.Hour + 12*time.Minute), Last: t0.Add(4*time.Hour + 30*time.Minute)},
			{ID: catalog.ConnectionFailed, Final: 3, Sessions: 1, Users: -1, First: t0.Add(35 * time.Minute), Last: t0.Add(5*time.Hour + 5*time.Minute)},
		},
		Incidents: []status.Incident{
			{ID: "a", Name: "Elevated errors <b>now</b>\x1b[31m", Status: status.Resolved, Impact: "major", CreatedAt: start, StartedAt: &start, ResolvedAt: &end, Shortlink: "javascript:alert(1)"},
			{ID: "old", Name: "Long ago", Status: status.Resolved, CreatedAt: t0.Add(-72 * time.Hour), ResolvedAt: ptr(t0.Add(-70 * time.Hour))},
		},
	}
}

func ptr(t time.Time) *time.Time { return &t }

func render(t *testing.T, d *Data) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRenderSample(t *testing.T) {
	page := render(t, sample(t))
	for _, want := range []string{
		`<g class="series" data-entry="overloaded"`,
		`<g class="series" data-entry="connection-failed"`,
		`<td class="n" data-col="count">17</td>`,
		`<td class="n" data-col="retried">13</td>`,
		`Elevated errors &lt;b&gt;now&lt;/b&gt;[31m`,
		// 17 inside the Anthropic side (overloaded) of 20; the connection
		// failures fall outside the incident.
		`85% on Anthropic&#39;s side (17 of 20 failures)`,
		`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(page, `<rect class="band"`); n != 1 {
		t.Errorf("%d bands, want 1 (the old incident is outside the period)", n)
	}
	if strings.Contains(page, "\x1b") || strings.Contains(page, "javascript:alert") {
		t.Error("text from the network reached the page unescaped")
	}
	if regexp.MustCompile(`(?i)<(script|link|img|iframe)[^>]+(src|href)=`).MatchString(page) {
		t.Error("the page loads an external resource")
	}
}

// TestThemCountsIncidentWindows: a failure on this side during an incident
// counts as Anthropic's.
func TestThemCountsIncidentWindows(t *testing.T) {
	d := sample(t)
	d.Buckets = append(d.Buckets, Bucket{Start: t0.Add(4 * time.Hour), ID: catalog.ConnectionFailed, Final: 5})
	d.Entries[1].Final += 5
	v := newView(d)
	if v.total != 25 || v.them != 22 {
		t.Errorf("them %d of %d, want 22 of 25", v.them, v.total)
	}
}

func TestApply(t *testing.T) {
	d := sample(t)
	f := d.Apply(Filter{ID: catalog.Overloaded})
	if len(f.Entries) != 1 || f.Entries[0].Count() != 17 || f.Entries[0].Sessions != -1 {
		t.Errorf("entry filter: %+v", f.Entries)
	}
	if !f.Entries[0].First.Equal(d.Entries[0].First) || !f.Entries[0].Last.Equal(d.Entries[0].Last) {
		t.Errorf("first/last should stay exact when inside the cut: %+v", f.Entries[0])
	}
	// The last 24 hours from the next day's 10:30 keep the 10:00 bucket
	// (it ends after 10:30) and the 11:00 one.
	d.Now = t0.Add(28*time.Hour + 30*time.Minute)
	p := d.Apply(Filter{Period: "24h"})
	var total int64
	for _, e := range p.Entries {
		total += e.Count()
	}
	if total != 6 || !p.Since.Equal(d.Now.Add(-24*time.Hour)) {
		t.Errorf("last 24h: %d failures from %v, want 6 from %v", total, p.Since, d.Now.Add(-24*time.Hour))
	}
	if u := d.Apply(Filter{User: "u1"}); len(u.Entries) != 2 {
		t.Errorf("buckets without users must pass a user filter the data func applied: %+v", u.Entries)
	}
	d.Buckets[0].User = "u2"
	// The 06:00 bucket is u2's: gone; the others know no user: kept.
	if u := d.Apply(Filter{User: "u1"}); len(u.Entries) != 2 || u.Entries[1].Count() != 1 {
		t.Errorf("user filter: %+v", u.Entries)
	}
	if same := d.Apply(Filter{}); len(same.Entries) != 2 || same.Entries[0].Sessions != 2 {
		t.Errorf("the zero filter changed the data: %+v", same.Entries)
	}
	if !strings.Contains(render(t, f), `id="filtered-note">`) {
		t.Error("a filtered page does not say sessions are not recounted")
	}
}

func TestStepFor(t *testing.T) {
	day := 24 * time.Hour
	for _, c := range []struct {
		span time.Duration
		want time.Duration
	}{
		{6 * time.Hour, time.Hour}, {72 * time.Hour, time.Hour}, {73 * time.Hour, day},
		{160 * day, day}, {161 * day, 7 * day}, {3 * 365 * day, 7 * day}, {10 * 365 * day, 28 * day},
	} {
		if got := StepFor(t0, t0.Add(c.span)); got != c.want {
			t.Errorf("span %v: step %v, want %v", c.span, got, c.want)
		}
	}
}

// TestPageSizeBound: every catalog entry failing every day for three years
// still makes a page under 2 MB.
func TestPageSizeBound(t *testing.T) {
	cat := testCatalog(t)
	since := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	until := since.AddDate(3, 0, 0)
	d := &Data{Lang: "zh", Source: FromScanSource, Now: until, Since: since, Until: until, Catalog: cat, Step: StepFor(since, until)}
	for day := since; day.Before(until); day = day.Add(24 * time.Hour) {
		for _, e := range cat.Entries() {
			d.Buckets = append(d.Buckets, Bucket{Start: day.Truncate(d.Step), ID: e.ID, Final: 3, Retried: 11})
		}
	}
	for _, e := range cat.Entries() {
		d.Entries = append(d.Entries, Entry{ID: e.ID, Final: 3000, Retried: 11000, Sessions: 999, First: since, Last: until})
	}
	page := render(t, d)
	if len(page) >= 2<<20 {
		t.Errorf("page is %d bytes with %d entries over three years, want under 2 MB", len(page), len(cat.Entries()))
	}
	t.Logf("worst case: %d entries, %d bytes", len(cat.Entries()), len(page))
}

func TestHandler(t *testing.T) {
	h := Handler(func(ctx context.Context, f Filter) (*Data, error) { return sample(t), nil })
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?entry=connection-failed&period=bogus", nil))
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") ||
		!strings.Contains(rec.Header().Get("Content-Security-Policy"), "default-src 'none'") {
		t.Fatalf("GET: %d %v", rec.Code, rec.Header())
	}
	body := rec.Body.String()
	if strings.Contains(body, `<tr data-entry="overloaded"`) || !strings.Contains(body, `<tr data-entry="connection-failed"`) {
		t.Error("the entry filter was not applied on the server")
	}
	if !strings.Contains(body, `<option value="connection-failed" selected>`) || !strings.Contains(body, `"Live":true`) {
		t.Error("the form does not echo the filter, or the page does not know it is live")
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
}

// TestRenderEmpty: no failure at all still makes a sensible page.
func TestRenderEmpty(t *testing.T) {
	page := render(t, &Data{Lang: "en", Now: now, Step: time.Hour})
	for _, want := range []string{"From 2026-12-04 12:00 to 2026-12-05 12:00", "No documented error was found.", "No failures in this period."} {
		if !strings.Contains(page, want) {
			t.Errorf("empty page lacks %q", want)
		}
	}
}
