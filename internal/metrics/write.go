package metrics

import (
	"io"
	"maps"
	"slices"
)

// WritePrometheus writes every family of the set to w in the text format:
// families sorted by name, each with its # HELP and # TYPE lines, the
// series of a counter family sorted by their label values, a histogram's
// buckets in ascending order of their bounds then +Inf, _sum and _count.
// It makes one Write call and returns its error.
func (s *Set) WritePrometheus(w io.Writer) error {
	var b []byte
	for _, f := range s.sorted() {
		b = f.append(b)
	}
	_, err := w.Write(b)
	return err
}

// append appends the family's header and series.
func (f *family) append(b []byte) []byte {
	b = appendHeader(b, f.name, f.help, f.kind)
	switch {
	case f.counter != nil:
		b = appendSeries(b, f.name, nil, nil, "", "")
		b = appendUintLine(b, f.counter.Get())
	case f.gauge != nil:
		b = appendSeries(b, f.name, nil, nil, "", "")
		b = appendFloatLine(b, f.gauge.Get())
	case f.vec != nil:
		for _, s := range f.vec.sorted() {
			b = appendSeries(b, f.name, f.vec.labels, s.values, "", "")
			b = appendUintLine(b, s.c.Get())
		}
	case f.hist != nil:
		b = f.hist.append(b, f.name)
	}
	return b
}

// sorted returns the family's series ordered by their label values.
func (v *CounterVec) sorted() []*labelled {
	v.mu.RLock()
	ss := slices.Collect(maps.Values(v.series))
	v.mu.RUnlock()
	slices.SortFunc(ss, func(a, b *labelled) int { return slices.Compare(a.values, b.values) })
	return ss
}

// append appends the histogram's bucket, _sum and _count series.
func (h *Histogram) append(b []byte, name string) []byte {
	cum, sum := h.snapshot()
	bucket := name + "_bucket"
	var le []byte
	for i, bound := range h.bounds {
		le = appendFloat(le[:0], bound)
		b = appendSeries(b, bucket, nil, nil, "le", string(le))
		b = appendUintLine(b, cum[i])
	}
	b = appendSeries(b, bucket, nil, nil, "le", "+Inf")
	b = appendUintLine(b, cum[len(cum)-1])
	b = append(b, name...)
	b = append(b, "_sum"...)
	b = appendFloatLine(b, sum)
	b = append(b, name...)
	b = append(b, "_count"...)
	return appendUintLine(b, cum[len(cum)-1])
}
