package metrics

import (
	"math"
	"sync/atomic"
)

// Gauge is a value that goes up and down. It holds a float64; the zero
// value is a gauge at zero. It is safe for concurrent use.
type Gauge struct {
	bits atomic.Uint64
}

// Set sets the value to v.
func (g *Gauge) Set(v float64) { g.bits.Store(math.Float64bits(v)) }

// Add adds d, which may be negative.
func (g *Gauge) Add(d float64) {
	for {
		old := g.bits.Load()
		if g.bits.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+d)) {
			return
		}
	}
}

// Inc adds one.
func (g *Gauge) Inc() { g.Add(1) }

// Dec subtracts one.
func (g *Gauge) Dec() { g.Add(-1) }

// Get returns the current value.
func (g *Gauge) Get() float64 { return math.Float64frombits(g.bits.Load()) }
