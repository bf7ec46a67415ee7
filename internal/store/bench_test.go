package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// BenchmarkApply applies batches of 100 api_error events (half of them
// followed by their api_retries_exhausted) to a SQLite store.
func BenchmarkApply(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), FileName))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	n := 0
	for b.Loop() {
		var evs []Event
		for i := 0; i < 100; i++ {
			n++
			p := fmt.Sprint("p", n)
			evs = append(evs, apiError("s", p, int64(2*n), catalog.Overloaded, 3))
			if n%2 == 0 {
				evs = append(evs, exhausted("s", p, int64(2*n+1), 3))
			}
		}
		if _, err := s.Apply(context.Background(), Batch{Events: evs}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkQueryFiltered reads a month of 100,000 failures of 500 users
// by hour for one user, as the collect page does when a user is chosen,
// and by hour and by id for everyone.
func BenchmarkQueryFiltered(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), FileName))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const n = 100000
	var evs []Event
	for i := range n {
		e := apiError(fmt.Sprint("s", i%5000), fmt.Sprint("p", i), int64(i), catalog.Overloaded, 1)
		e.At = t0.Add(-time.Duration(i) * 26 * time.Second) // a month back
		e.User = fmt.Sprint("u", i%500)
		evs = append(evs, e)
		if len(evs) == 1000 {
			if _, err := s.Apply(context.Background(), Batch{Events: evs}); err != nil {
				b.Fatal(err)
			}
			evs = evs[:0]
		}
	}
	for _, f := range []Filter{{User: "u7", By: ByHour}, {By: ByHour}, {By: ByID}} {
		f.Since = t0.Add(-30 * 24 * time.Hour)
		name := "all"
		if f.User != "" {
			name = "user"
		}
		b.Run(name+"/"+string(f.By), func(b *testing.B) {
			for b.Loop() {
				rows, err := s.Query(context.Background(), f)
				if err != nil || len(rows) == 0 {
					b.Fatal(rows, err)
				}
			}
		})
	}
	b.Run("values/user", func(b *testing.B) {
		for b.Loop() {
			if vs, err := s.Values(context.Background(), Filter{Since: t0.Add(-30 * 24 * time.Hour)}, ByUser, 200); err != nil || len(vs) != 200 {
				b.Fatal(len(vs), err)
			}
		}
	})
}
