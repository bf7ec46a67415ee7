package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/store/storetest"
)

// backend opens a fresh store and returns a function that opens it again
// (a restart). Each test runs on SQLite and, when CCERR_TEST_POSTGRES names
// a database, on PostgreSQL in a scratch schema.
type backend struct {
	name string
	dsn  func(t *testing.T) string
}

func backends(t *testing.T) []backend {
	bs := []backend{{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "sub", FileName) }}}
	bs = append(bs, backend{"postgres", postgresDSN})
	return bs
}

// postgresDSN returns a DSN whose search_path is a new, empty schema.
func postgresDSN(t *testing.T) string { return storetest.PostgresSchema(t) }

func forEachBackend(t *testing.T, f func(t *testing.T, open func() *Store)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			f(t, func() *Store {
				t.Helper()
				s, err := Open(context.Background(), dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			})
		})
	}
}

var t0 = time.Date(2026, 12, 5, 11, 56, 1, 0, time.UTC)

func apiError(session, prompt string, seq int64, id catalog.ID, attempts int) Event {
	return Event{Kind: KindError, Session: session, Prompt: prompt, Seq: seq, At: t0.Add(time.Duration(seq) * time.Second),
		ID: id, Side: catalog.SideAnthropic, Model: "claude-opus-5-5", User: "u1", Attempts: attempts}
}

func exhausted(session, prompt string, seq int64, attempts int) Event {
	return Event{Kind: KindExhausted, Session: session, Prompt: prompt, Seq: seq, At: t0.Add(time.Duration(seq) * time.Second),
		Model: "claude-opus-5-5", Attempts: attempts, RetryMS: 1901}
}

func hookRecord(session, prompt string, id catalog.ID) Event {
	return Event{Kind: KindHook, Session: session, Prompt: prompt, At: t0, ID: id, Side: catalog.SideAnthropic, HookError: "server_error"}
}

func query(t *testing.T, s *Store, by By) []Row {
	t.Helper()
	rows, err := s.Query(context.Background(), Filter{By: by})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func apply(t *testing.T, s *Store, evs ...Event) Result {
	t.Helper()
	res, err := s.Apply(context.Background(), Batch{Events: evs})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCountingRule(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		// A 529 storm: api_error then api_retries_exhausted; one failure.
		res := apply(t, s, apiError("s1", "p1", 5, catalog.Overloaded, 3), exhausted("s1", "p1", 6, 3))
		if len(res.Counted) != 1 || res.Merged != 1 {
			t.Fatalf("storm: got %+v, want 1 counted and 1 merged", res)
		}
		// The StopFailure hook of the same turn: the same failure.
		res = apply(t, s, hookRecord("s1", "p1", catalog.Overloaded))
		if len(res.Counted) != 0 || res.Merged != 1 {
			t.Fatalf("hook after telemetry: got %+v, want 0 counted, 1 merged", res)
		}
		// A hook record first, telemetry after: still one.
		apply(t, s, hookRecord("s2", "p1", catalog.RateLimited))
		res = apply(t, s, apiError("s2", "p1", 7, catalog.RateLimited, 1))
		if len(res.Counted) != 0 || res.Merged != 1 {
			t.Fatalf("telemetry after hook: got %+v, want 0 counted, 1 merged", res)
		}
		rows := query(t, s, ByID)
		want := map[catalog.ID]Row{
			catalog.Overloaded:  {Count: 1, Final: 1, Retried: 1},
			catalog.RateLimited: {Count: 1, Final: 1, Retried: 0},
		}
		if len(rows) != len(want) {
			t.Fatalf("got %d rows %+v, want %d", len(rows), rows, len(want))
		}
		for _, r := range rows {
			w := want[r.ID]
			if r.Count != w.Count || r.Final != w.Final || r.Retried != w.Retried {
				t.Errorf("%s: got count %d final %d retried %d, want %d %d %d", r.ID, r.Count, r.Final, r.Retried, w.Count, w.Final, w.Retried)
			}
		}
	})
}

func TestExhaustedBeforeError(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		apply(t, s, exhausted("s1", "p1", 6, 3))
		res := apply(t, s, apiError("s1", "p1", 5, catalog.Overloaded, 3))
		if len(res.Counted) != 0 || res.Merged != 1 {
			t.Fatalf("got %+v, want the api_error merged into the failure its exhausted event counted", res)
		}
		rows := query(t, s, ByID)
		if len(rows) != 1 || rows[0].ID != catalog.Overloaded || rows[0].Count != 1 || rows[0].Retried != 1 {
			t.Fatalf("got %+v, want one retried overloaded", rows)
		}
	})
}

func TestSuccessMakesNotFinal(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		apply(t, s, apiError("s1", "p1", 5, catalog.Overloaded, 1),
			Event{Kind: KindSuccess, Session: "s1", Prompt: "p1", Seq: 6})
		rows := query(t, s, ByID)
		if len(rows) != 1 || rows[0].Count != 1 || rows[0].Final != 0 {
			t.Fatalf("got %+v, want one failure that is not final", rows)
		}
	})
}

func TestDedupeAndRestart(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		batch1 := []Event{apiError("s1", "p1", 5, catalog.Overloaded, 3), exhausted("s1", "p1", 6, 3)}
		batch2 := []Event{apiError("s1", "p2", 9, catalog.ServerError, 1), hookRecord("s1", "p2", catalog.ServerError)}

		s := open()
		apply(t, s, batch1...)
		s.Close() // a restart between batches

		s = open()
		res := apply(t, s, batch1...) // the sender did not get the ack and sends again
		if len(res.Counted) != 0 || res.Duplicates != 2 {
			t.Fatalf("re-sent batch: got %+v, want 2 duplicates and nothing counted", res)
		}
		apply(t, s, batch2...)
		res = apply(t, s, batch2...)
		if res.Duplicates != 2 {
			t.Fatalf("re-sent hook batch: got %+v, want 2 duplicates", res)
		}
		s.Close()

		s = open()
		var total int64
		for _, r := range query(t, s, ByID) {
			total += r.Count
		}
		if total != 2 {
			t.Fatalf("after restarts: got %d failures, want 2", total)
		}
		if v, err := s.Version(context.Background()); err != nil || v != 2 {
			t.Fatalf("schema version: got %d, %v; want 2", v, err)
		}
	})
}

func TestGroupings(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		a := apiError("s1", "p1", 1, catalog.Overloaded, 1)
		b := apiError("s1", "p2", 2, catalog.Overloaded, 1)
		b.User, b.Model = "u2", "claude-haiku-9"
		b.At = t0.Add(2 * time.Hour)
		c := apiError("s2", "p1", 1, catalog.RateLimited, 2)
		c.Side = catalog.SideAccount
		if _, err := s.Apply(context.Background(), Batch{Events: []Event{a, b, c},
			Sessions: []Session{{ID: "s3", At: t0}}}); err != nil {
			t.Fatal(err)
		}
		if got := query(t, s, ByUser); len(got) != 3 || got[0].User != "u1" {
			t.Errorf("by user: got %+v", got)
		}
		if got := query(t, s, ByModel); len(got) != 3 {
			t.Errorf("by model: got %+v", got)
		}
		hours := query(t, s, ByHour)
		if len(hours) != 3 || !hours[0].Hour.Equal(t0.Truncate(time.Hour)) || !hours[2].Hour.Equal(t0.Add(2*time.Hour).Truncate(time.Hour)) {
			t.Errorf("by hour: got %+v", hours)
		}
		since, err := s.Query(context.Background(), Filter{Since: t0.Add(time.Hour)})
		if err != nil || len(since) != 1 || since[0].Count != 1 {
			t.Errorf("since: got %+v, %v; want the one failure two hours later", since, err)
		}
		n, err := s.Sessions(context.Background(), Filter{})
		if err != nil || n != 3 {
			t.Errorf("sessions: got %d, %v; want 3", n, err)
		}
		if _, err := s.Query(context.Background(), Filter{By: "nonsense"}); err == nil {
			t.Error("by nonsense: want an error")
		}
	})
}

func TestDroppedWithoutSession(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res := apply(t, s, Event{Kind: KindError, ID: catalog.Overloaded})
	if res.Dropped != 1 || len(res.Counted) != 0 {
		t.Fatalf("got %+v, want one dropped", res)
	}
}

func TestDefaultPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tt := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"xdg", map[string]string{"XDG_DATA_HOME": "/x", "HOME": "/h"}, "/x/ccerr/ccerr.db"},
		{"relative xdg ignored", map[string]string{"XDG_DATA_HOME": "x", "HOME": "/h"}, "/h/.local/share/ccerr/ccerr.db"},
		{"home", map[string]string{"HOME": "/h"}, "/h/.local/share/ccerr/ccerr.db"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DefaultPath(env(tt.env))
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := DefaultPath(env(nil)); err == nil {
		t.Error("no HOME: want an error")
	}
}

func TestRedactDSN(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5432/db?sslmode=disable": "postgres://u:xxxxx@h:5432/db?sslmode=disable",
		"postgres://u@h/db":                             "postgres://u@h/db",
		"postgresql://h/db":                             "postgresql://h/db",
	} {
		if got := redactDSN(in); got != want {
			t.Errorf("redactDSN(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRebind(t *testing.T) {
	if got := rebind(dialectPostgres, "a = ? AND b = ?"); got != "a = $1 AND b = $2" {
		t.Errorf("got %q", got)
	}
	if got := rebind(dialectSQLite, "a = ?"); got != "a = ?" {
		t.Errorf("got %q", got)
	}
}

func TestDuplicateInsideBatch(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		e := apiError("s1", "p1", 5, catalog.Overloaded, 1)
		h := hookRecord("s1", "p1", catalog.Overloaded)
		res := apply(t, s, e, e, h, h)
		if len(res.Counted) != 1 || res.Duplicates != 2 || res.Merged != 1 {
			t.Fatalf("got %+v, want 1 counted, 2 duplicates, 1 merged", res)
		}
	})
}

// An exhausted event enriches its api_error, not an older failure of the
// prompt known only from a hook record (PostgreSQL sorts NULL first).
func TestExhaustedPrefersItsError(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		apply(t, s, hookRecord("s1", "p1", catalog.RateLimited))
		apply(t, s, apiError("s1", "p1", 5, catalog.RateLimited, 1)) // adopts the hook's row
		apply(t, s, apiError("s1", "p1", 7, catalog.Overloaded, 3), exhausted("s1", "p1", 8, 3))
		rows := query(t, s, ByID)
		for _, r := range rows {
			want := int64(0)
			if r.ID == catalog.Overloaded {
				want = 1
			}
			if r.Count != 1 || r.Retried != want {
				t.Errorf("%s: got count %d retried %d, want 1 and %d", r.ID, r.Count, r.Retried, want)
			}
		}
		if len(rows) != 2 {
			t.Fatalf("got %+v, want two failures", rows)
		}
	})
}

// TestFilterNarrows: the user, model and entry filters narrow every
// grouping (the hour one too), values travel as arguments (a quote is a
// value, not SQL), and rows count distinct sessions and users.
func TestFilterNarrows(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		a := apiError("s1", "p1", 1, catalog.Overloaded, 1) // u1, opus
		b := apiError("s1", "p2", 2, catalog.Overloaded, 1)
		b.User, b.Model = "u2", "claude-haiku-9"
		b.At = t0.Add(2 * time.Hour)
		c := apiError("s2", "p1", 1, catalog.RateLimited, 2) // u1, opus
		c.Side = catalog.SideAccount
		d := apiError("s3", "p1", 1, catalog.Overloaded, 1)
		d.User = "" // no user.id
		e := apiError("s4", "p1", 1, catalog.Overloaded, 1)
		e.User = "o'brien'); DROP TABLE failures; --"
		apply(t, s, a, b, c, d, e)
		ctx := context.Background()
		total := func(rows []Row) (n int64) {
			for _, r := range rows {
				n += r.Count
			}
			return n
		}
		for _, tt := range []struct {
			name string
			f    Filter
			want int64
		}{
			{"all", Filter{}, 5},
			{"user", Filter{User: "u1"}, 2},
			{"user by hour", Filter{User: "u2", By: ByHour}, 1},
			{"model by hour", Filter{Model: "claude-haiku-9", By: ByHour}, 1},
			{"model and user", Filter{Model: "claude-opus-5-5", User: "u1", By: ByUser}, 2},
			{"entry", Filter{ID: catalog.RateLimited, By: ByModel}, 1},
			{"entry and user", Filter{ID: catalog.Overloaded, User: "u1", By: ByHour}, 1},
			{"no match", Filter{User: "u2", Model: "claude-opus-5-5"}, 0},
			{"quote is a value", Filter{User: e.User}, 1},
			{"since and user", Filter{User: "u2", Since: t0.Add(time.Hour)}, 1},
			{"until and user", Filter{User: "u2", Until: t0.Add(time.Hour)}, 0},
		} {
			rows, err := s.Query(ctx, tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if got := total(rows); got != tt.want {
				t.Errorf("%s: %d failures, want %d (%+v)", tt.name, got, tt.want, rows)
			}
		}
		rows := query(t, s, ByID)
		for _, r := range rows {
			// overloaded: sessions s1, s3, s4; users u1, u2 and the quoted
			// one (s3 has none). rate-limited: s2 and u1.
			want := [2]int64{3, 3}
			if r.ID == catalog.RateLimited {
				want = [2]int64{1, 1}
			}
			if got := [2]int64{r.Sessions, r.Users}; got != want {
				t.Errorf("%s: sessions and users %v, want %v", r.ID, got, want)
			}
		}
		users, err := s.Values(ctx, Filter{}, ByUser, 0)
		if err != nil || len(users) != 3 || users[0] != "u1" {
			t.Errorf("users: got %q, %v; want u1 (most failures) first, then the other two, none empty", users, err)
		}
		if users, err := s.Values(ctx, Filter{}, ByUser, 1); err != nil || len(users) != 1 {
			t.Errorf("users limit 1: got %q, %v", users, err)
		}
		models, err := s.Values(ctx, Filter{Since: t0.Add(time.Hour)}, ByModel, 0)
		if err != nil || len(models) != 1 || models[0] != "claude-haiku-9" {
			t.Errorf("models since: got %q, %v", models, err)
		}
		if _, err := s.Values(ctx, Filter{}, ByHour, 0); err == nil {
			t.Error("values by hour: want an error")
		}
		if n, err := s.Sessions(ctx, Filter{User: "u1"}); err != nil || n != 2 {
			t.Errorf("sessions of u1: got %d, %v; want 2", n, err)
		}
		if n, err := s.Query(ctx, Filter{}); err != nil || total(n) != 5 {
			t.Errorf("the table survived: %v", err)
		}
	})
}

// TestUpgradeFromFirstSchema: a store made by the first schema gains the
// user index on Open and keeps its failures.
func TestUpgradeFromFirstSchema(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open func() *Store) {
		s := open()
		ctx := context.Background()
		apply(t, s, apiError("s1", "p1", 1, catalog.Overloaded, 1))
		// Back to version 1, as a collector of the first release left it.
		for _, q := range []string{`DROP INDEX failures_user_at`, `DELETE FROM schema_migrations WHERE version > 1`} {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		s = open()
		if v, err := s.Version(ctx); err != nil || v != 2 {
			t.Fatalf("version after upgrade: %d, %v; want 2", v, err)
		}
		rows, err := s.Query(ctx, Filter{User: "u1", By: ByHour})
		if err != nil || len(rows) != 1 || rows[0].Count != 1 {
			t.Fatalf("after upgrade: %+v, %v", rows, err)
		}
	})
}
