package match

import "testing"

// BenchmarkDefaultFirstUse measures what the first call of Default costs
// once the catalog is loaded: building the default matcher. Its allocations
// are what a short command pays in page faults at start.
func BenchmarkDefaultFirstUse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := newDefault(); err != nil {
			b.Fatal(err)
		}
	}
}
