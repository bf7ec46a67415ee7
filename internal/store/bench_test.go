package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

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
