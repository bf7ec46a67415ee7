package metrics

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Set holds the metric families of one server. The zero value is not
// usable; create one with [NewSet]. It is safe for concurrent use.
//
// The New methods panic on a name that is not a valid Prometheus metric or
// label name, on a name already in the set, and on histogram bounds that
// are not finite and ascending: these are mistakes in the program, not in
// its input.
type Set struct {
	mu       sync.Mutex
	families map[string]*family
}

// kind is a family's Prometheus type, as written on its # TYPE line.
type kind string

const (
	kindCounter   kind = "counter"
	kindGauge     kind = "gauge"
	kindHistogram kind = "histogram"
)

// family is one registered metric: its name, help and type, and the one
// value that holds its series.
type family struct {
	name, help string
	kind       kind
	counter    *Counter
	gauge      *Gauge
	vec        *CounterVec
	hist       *Histogram
}

// NewSet returns an empty set.
func NewSet() *Set { return &Set{families: map[string]*family{}} }

// NewCounter adds a counter without labels.
func (s *Set) NewCounter(name, help string) *Counter {
	c := new(Counter)
	s.add(&family{name: name, help: help, kind: kindCounter, counter: c})
	return c
}

// NewGauge adds a gauge without labels.
func (s *Set) NewGauge(name, help string) *Gauge {
	g := new(Gauge)
	s.add(&family{name: name, help: help, kind: kindGauge, gauge: g})
	return g
}

// NewCounterVec adds a family of counters with the given labels, holding
// at most limit series besides the overflow one (zero or less: no limit;
// use that only when the caller bounds the values itself).
func (s *Set) NewCounterVec(name, help string, limit int, labels ...string) *CounterVec {
	if len(labels) == 0 {
		panic("metrics: " + name + ": a counter family needs at least one label")
	}
	for i, l := range labels {
		if !validLabelName(l) {
			panic("metrics: " + name + ": invalid label name " + strconv.Quote(l))
		}
		if slices.Contains(labels[:i], l) {
			panic("metrics: " + name + ": label " + l + " given twice")
		}
	}
	v := &CounterVec{labels: slices.Clone(labels), limit: limit, series: map[string]*labelled{}}
	s.add(&family{name: name, help: help, kind: kindCounter, vec: v})
	return v
}

// NewHistogram adds a histogram with the given bucket upper bounds, which
// must be finite and strictly ascending; the +Inf bucket is implied.
func (s *Set) NewHistogram(name, help string, bounds []float64) *Histogram {
	for i, b := range bounds {
		if math.IsInf(b, 0) || math.IsNaN(b) || i > 0 && b <= bounds[i-1] {
			panic("metrics: " + name + ": histogram bounds must be finite and ascending")
		}
	}
	h := &Histogram{bounds: slices.Clone(bounds), counts: make([]atomic.Uint64, len(bounds)+1)}
	s.add(&family{name: name, help: help, kind: kindHistogram, hist: h})
	return h
}

// add registers f.
func (s *Set) add(f *family) {
	if !validMetricName(f.name) {
		panic("metrics: invalid metric name " + strconv.Quote(f.name))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.families[f.name]; dup {
		panic("metrics: " + f.name + " registered twice")
	}
	s.families[f.name] = f
}

// sorted returns the families ordered by name.
func (s *Set) sorted() []*family {
	s.mu.Lock()
	fs := slices.Collect(maps.Values(s.families))
	s.mu.Unlock()
	slices.SortFunc(fs, func(a, b *family) int { return strings.Compare(a.name, b.name) })
	return fs
}
