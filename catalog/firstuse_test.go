package catalog

import "testing"

// BenchmarkDefaultFirstUse measures what the first call of Default costs:
// building the catalog of catalog_gen.go. Its allocations are what a short
// command pays in page faults at start.
func BenchmarkDefaultFirstUse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if c := newDefault(); len(c.Entries()) != len(IDs) {
			b.Fatalf("%d entries, want %d", len(c.Entries()), len(IDs))
		}
	}
}
