package report

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/store"
)

// storeWith opens a SQLite store holding, from 06:00 on: three overloaded
// failures (u1 twice in two sessions on opus, u2 once on haiku), one
// connection failure of a user and model whose names try to break out of
// the page, and one rate limit of u1 on opus.
func storeWith(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ev := func(session string, seq int64, at time.Duration, id catalog.ID, side catalog.Side, user, model string) store.Event {
		return store.Event{Kind: store.KindError, Session: session, Prompt: "p", Seq: seq, At: t0.Add(at),
			ID: id, Side: side, User: user, Model: model}
	}
	evil := `<script>alert(1)</script>` + "\x1b[31m"
	if _, err := st.Apply(ctx, store.Batch{Events: []store.Event{
		ev("s1", 1, 0, catalog.Overloaded, catalog.SideAnthropic, "u1", "claude-opus-5-5"),
		ev("s2", 1, time.Hour, catalog.Overloaded, catalog.SideAnthropic, "u1", "claude-opus-5-5"),
		ev("s3", 1, 2*time.Hour, catalog.Overloaded, catalog.SideAnthropic, "u2", "claude-haiku-9"),
		ev("s4", 1, 3*time.Hour, catalog.ConnectionFailed, catalog.SideNetwork, evil, evil),
		ev("s1", 2, 4*time.Hour, catalog.RateLimited, catalog.SideAccount, "u1", "claude-opus-5-5"),
	}}); err != nil {
		t.Fatal(err)
	}
	return st
}

func entriesByID(d *Data) map[catalog.ID]Entry {
	m := map[catalog.ID]Entry{}
	for _, e := range d.Entries {
		m[e.ID] = e
	}
	return m
}

// TestFromStoreFilter: the model and user filters are applied in the
// store, the table keeps exact sessions and users per entry, and the
// filters still offer every entry, model and user of the period.
func TestFromStoreFilter(t *testing.T) {
	st := storeWith(t)
	ctx := context.Background()
	m := Meta{Lang: "en", Now: now, Catalog: testCatalog(t)}
	for _, tt := range []struct {
		name string
		f    Filter
		want map[catalog.ID][3]int64 // count, sessions, users
	}{
		{"all", Filter{}, map[catalog.ID][3]int64{
			catalog.Overloaded: {3, 3, 2}, catalog.ConnectionFailed: {1, 1, 1}, catalog.RateLimited: {1, 1, 1}}},
		{"user", Filter{User: "u1"}, map[catalog.ID][3]int64{catalog.Overloaded: {2, 2, 1}, catalog.RateLimited: {1, 1, 1}}},
		{"model", Filter{Model: "claude-haiku-9"}, map[catalog.ID][3]int64{catalog.Overloaded: {1, 1, 1}}},
		{"model and entry", Filter{Model: "claude-opus-5-5", ID: catalog.Overloaded}, map[catalog.ID][3]int64{catalog.Overloaded: {2, 2, 1}}},
		{"nobody", Filter{User: "u2", Model: "claude-opus-5-5"}, map[catalog.ID][3]int64{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := FromStore(ctx, st, t0, now, tt.f, m)
			if err != nil {
				t.Fatal(err)
			}
			d = d.Apply(tt.f)
			got := map[catalog.ID][3]int64{}
			for id, e := range entriesByID(d) {
				got[id] = [3]int64{e.Count(), e.Sessions, e.Users}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("entries %v, want %v", got, tt.want)
			}
			for id, w := range tt.want {
				if got[id] != w {
					t.Errorf("%s: count, sessions, users %v, want %v", id, got[id], w)
				}
			}
			var buckets int64
			for _, b := range d.Buckets {
				buckets += b.Final + b.Retried
			}
			var rows int64
			for _, w := range tt.want {
				rows += w[0]
			}
			if buckets != rows {
				t.Errorf("the timeline holds %d failures, the table %d", buckets, rows)
			}
			if len(d.Choices.IDs) != 3 || len(d.Choices.Models) != 3 || len(d.Choices.Users) != 3 {
				t.Errorf("choices narrowed by the filter: %+v", d.Choices)
			}
		})
	}
}

// TestHandlerFromStore: the page served from the store narrows the table
// by user and model, echoes the choice, shows sessions and users per entry
// and escapes names read from telemetry.
func TestHandlerFromStore(t *testing.T) {
	st := storeWith(t)
	h := Handler(func(ctx context.Context, f Filter) (*Data, error) {
		return FromStore(ctx, st, t0, now, f, Meta{Lang: "en", Now: now, Catalog: testCatalog(t)})
	})
	get := func(url string) string {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", url, rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	row := func(page string, id catalog.ID) string {
		return regexp.MustCompile(`<tr data-entry="` + string(id) + `".*?</tr>`).FindString(page)
	}

	page := get("/")
	for _, want := range []string{
		`<select id="f-model" name="model">`, `<option value="claude-haiku-9">claude-haiku-9</option>`,
		`<select id="f-user" name="user">`, `<option value="u2">u2</option>`,
		`<th scope="col" class="n">Sessions</th><th scope="col" class="n">Users</th>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if r := row(page, catalog.Overloaded); !strings.Contains(r, `data-col="people">3</td><td class="n" data-col="users">2</td>`) {
		t.Errorf("overloaded row: %s", r)
	}
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "\x1b") {
		t.Error("a user or model name reached the page unescaped")
	}
	if !strings.Contains(row(page, catalog.ConnectionFailed), `data-col="users">1</td>`) {
		t.Error("a user whose name cannot be offered as a choice is still a user")
	}

	page = get("/?user=u1")
	if row(page, catalog.ConnectionFailed) != "" || row(page, catalog.Overloaded) == "" {
		t.Error("the user filter did not narrow the table")
	}
	if r := row(page, catalog.Overloaded); !strings.Contains(r, `data-col="count">2</td>`) || !strings.Contains(r, `data-col="people">2</td><td class="n" data-col="users">1</td>`) {
		t.Errorf("overloaded row for u1: %s", r)
	}
	if !strings.Contains(page, `<option value="u1" selected>`) || !strings.Contains(page, `<option value="u2">`) {
		t.Error("the user filter is not echoed, or the other users are no longer offered")
	}
	if !strings.Contains(page, `id="filtered-note" hidden`) {
		t.Error("the note that counts are not recounted shows, yet the store recounted them")
	}

	page = get("/?model=claude-haiku-9&entry=overloaded")
	if row(page, catalog.RateLimited) != "" || !strings.Contains(row(page, catalog.Overloaded), `data-col="count">1</td>`) {
		t.Error("the model filter did not narrow the table")
	}
	if !strings.Contains(page, `<option value="claude-haiku-9" selected>`) || !strings.Contains(page, `<option value="rate-limited">`) {
		t.Error("the model filter is not echoed, or the other entries are no longer offered")
	}
}
