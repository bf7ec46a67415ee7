package cli

import (
	"context"
	"io"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/status/statustest"
	"github.com/ccerr/ccerr/internal/store"
)

// TestCollectPage serves the report page from a store: per-entry counts,
// users, the incident band of the recorded status page, and the server-side
// entry filter.
func TestCollectPage(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ccerr.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 12, 5, 9, 30, 0, 0, time.UTC)
	var evs []store.Event
	for i, u := range []string{"u1", "u2", "u1"} {
		evs = append(evs, store.Event{Kind: store.KindError, Session: "s" + u, Prompt: "p", Seq: int64(i + 1), At: at.Add(time.Duration(i) * time.Minute),
			ID: catalog.Overloaded, Side: catalog.SideAnthropic, User: u, Model: "claude-opus-5-5", Status: 529, Message: "Overloaded"})
	}
	evs = append(evs, store.Event{Kind: store.KindError, Session: "s3", Prompt: "q", Seq: 1, At: at.Add(2 * time.Hour),
		ID: catalog.ConnectionFailed, Side: catalog.SideNetwork, User: "u3", Message: "fetch failed"})
	if _, err := st.Apply(ctx, store.Batch{Events: evs}); err != nil {
		t.Fatal(err)
	}
	srv := statustest.New("../status/testdata")
	defer srv.Close()
	sio := &IO{Getenv: func(k string) string {
		if k == "XDG_CACHE_HOME" {
			return t.TempDir()
		}
		return ""
	}, Out: io.Discard, Err: io.Discard}
	h := collectPage(sio, "en", srv.URL, st, func() time.Time { return time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC) })

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	page := rec.Body.String()
	if rec.Code != 200 {
		t.Fatalf("%d: %s", rec.Code, page)
	}
	for _, want := range []string{
		`<tr data-entry="overloaded"`, `<td class="n" data-col="count">3</td>`, `<td class="n" data-col="people">2</td>`,
		`<tr data-entry="connection-failed"`, `Counted from Claude Code telemetry`, `Elevated errors on Claude Opus`, `<rect class="band"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/?entry=connection-failed", nil))
	if page := rec.Body.String(); strings.Contains(page, `<tr data-entry="overloaded"`) || !strings.Contains(page, `<tr data-entry="connection-failed"`) {
		t.Error("the entry filter was not applied")
	}
	for _, want := range []string{
		// Sessions and users per entry: overloaded met su1 and su2, u1 and u2.
		`<td class="n" data-col="people">2</td><td class="n" data-col="users">2</td>`,
		`<option value="claude-opus-5-5">claude-opus-5-5</option>`, `<option value="u3">u3</option>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}

	for _, tt := range []struct {
		query      string
		count      string // overloaded's count, "" when its row is gone
		people     string // overloaded's sessions and users
		connection bool   // connection-failed's row is shown
		selected   string
	}{
		{"user=u1", "2", `"people">1</td><td class="n" data-col="users">1</td>`, false, `<option value="u1" selected>`},
		{"user=u3", "", "", true, `<option value="u3" selected>`},
		{"model=claude-opus-5-5", "3", `"people">2</td><td class="n" data-col="users">2</td>`, false, `<option value="claude-opus-5-5" selected>`},
		// 24 hours back from 12:00 keep everything; the user nobody is.
		{"period=24h&user=nobody", "", "", false, `<option value="nobody" selected>`},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/?"+tt.query, nil))
		page := rec.Body.String()
		row := regexp.MustCompile(`<tr data-entry="overloaded".*?</tr>`).FindString(page)
		switch {
		case tt.count == "" && row != "":
			t.Errorf("%s: overloaded is still shown: %s", tt.query, row)
		case tt.count != "" && (!strings.Contains(row, `data-col="count">`+tt.count+`</td>`) || !strings.Contains(row, tt.people)):
			t.Errorf("%s: overloaded row %s, want count %s and %s", tt.query, row, tt.count, tt.people)
		}
		if got := strings.Contains(page, `<tr data-entry="connection-failed"`); got != tt.connection {
			t.Errorf("%s: connection-failed shown %v, want %v", tt.query, got, tt.connection)
		}
		if !strings.Contains(page, tt.selected) || !strings.Contains(page, `<option value="u2">`) {
			t.Errorf("%s: the form does not echo %s or offer the other users", tt.query, tt.selected)
		}
	}
}
