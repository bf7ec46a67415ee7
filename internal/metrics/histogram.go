package metrics

import (
	"math"
	"sort"
	"sync/atomic"
)

// Histogram counts observations in buckets with fixed upper bounds, the
// way a Prometheus histogram does: a value goes in the first bucket whose
// bound is at least the value (a value equal to a bound goes in that
// bucket), values above every bound (and NaN) go in the +Inf bucket. It
// also keeps the sum of the values. Create one with [Set.NewHistogram]; it
// is safe for concurrent use.
type Histogram struct {
	bounds []float64       // ascending, finite
	counts []atomic.Uint64 // one per bound, then +Inf; not cumulative
	sum    atomic.Uint64   // float64 bits
}

// Observe records one value.
func (h *Histogram) Observe(v float64) {
	i := sort.SearchFloat64s(h.bounds, v) // len(bounds) for v above all, and for NaN
	h.counts[i].Add(1)
	for {
		old := h.sum.Load()
		if h.sum.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
}

// snapshot returns the cumulative bucket counts (the last is +Inf, which is
// also the count) and the sum. The count is derived from the buckets, so
// the +Inf bucket and _count always agree, even while values are observed.
func (h *Histogram) snapshot() (cum []uint64, sum float64) {
	cum = make([]uint64, len(h.counts))
	var total uint64
	for i := range h.counts {
		total += h.counts[i].Load()
		cum[i] = total
	}
	return cum, math.Float64frombits(h.sum.Load())
}
