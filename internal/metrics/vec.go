package metrics

import (
	"strconv"
	"sync"
)

// Overflow is the value every label takes in the series that counts what
// a [CounterVec] full to its limit is asked for beyond it.
const Overflow = "other"

// CounterVec is a family of counters told apart by the values of one or
// more labels. The number of series is bounded: once a family holds its
// limit, new combinations of values are all counted in one more series
// whose labels are all [Overflow]. Label values are meant to be UTF-8;
// invalid bytes are written as U+FFFD. Create one with [Set.NewCounterVec]; it is
// safe for concurrent use.
type CounterVec struct {
	labels []string
	limit  int

	mu     sync.RWMutex
	series map[string]*labelled // by the values joined with sep
}

// labelled is one series of a family: its label values and its counter.
type labelled struct {
	values []string
	c      Counter
}

// sep joins label values into a map key; it cannot occur in UTF-8 text.
const sep = '\xff'

// WithLabelValues returns the counter for the given label values, one per
// label in the order the family was created with, creating it if need be.
// Finding a series that exists does not allocate. It panics if the number
// of values differs from the number of labels, a mistake in the caller.
func (v *CounterVec) WithLabelValues(values ...string) *Counter {
	if len(values) != len(v.labels) {
		panic("metrics: " + strconv.Itoa(len(values)) + " label values for " + strconv.Itoa(len(v.labels)) + " labels")
	}
	var buf [128]byte
	key := buf[:0]
	if len(values) == 1 {
		key = append(key, values[0]...)
	} else {
		for i, s := range values {
			if i > 0 {
				key = append(key, sep)
			}
			key = append(key, s...)
		}
	}
	v.mu.RLock()
	s := v.series[string(key)] // no allocation: the compiler keeps the conversion off the heap
	v.mu.RUnlock()
	if s != nil {
		return &s.c
	}
	return v.create(string(key), values)
}

// create adds the series for values under key, or returns the overflow
// series when the family is full.
func (v *CounterVec) create(key string, values []string) *Counter {
	v.mu.Lock()
	defer v.mu.Unlock()
	if s := v.series[key]; s != nil {
		return &s.c
	}
	if v.limit > 0 && len(v.series) >= v.limit {
		values = make([]string, len(v.labels))
		for i := range values {
			values[i] = Overflow
		}
		key = joinKey(values)
		if s := v.series[key]; s != nil {
			return &s.c
		}
	}
	s := &labelled{values: append([]string(nil), values...)}
	v.series[key] = s
	return &s.c
}

// joinKey is the map key of values.
func joinKey(values []string) string {
	var b []byte
	for i, s := range values {
		if i > 0 {
			b = append(b, sep)
		}
		b = append(b, s...)
	}
	return string(b)
}
