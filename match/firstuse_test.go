package match

import "testing"

// firstUseSink keeps what the benchmark builds on the heap, as Default's
// result is.
var firstUseSink *Matcher

// BenchmarkDefaultFirstUse measures what the first call of Default costs:
// getting the default matcher from its generated tables. Its allocations
// are what a short command pays in page faults at start.
func BenchmarkDefaultFirstUse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		firstUseSink = newDefault()
	}
}
