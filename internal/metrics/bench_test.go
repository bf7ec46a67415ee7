package metrics

import "testing"

// The hot path allocates nothing: a counter's Inc, and finding an existing
// labelled series.
func TestUpdatesDoNotAllocate(t *testing.T) {
	s := NewSet()
	c := s.NewCounter("c", "")
	g := s.NewGauge("g", "")
	one := s.NewCounterVec("one", "", 0, "id")
	three := s.NewCounterVec("three", "", 0, "id", "side", "model")
	h := s.NewHistogram("h", "", []float64{1, 2})
	id := "overloaded"
	one.WithLabelValues(id)
	three.WithLabelValues(id, "anthropic", "claude-opus-5-5")
	for name, f := range map[string]func(){
		"Counter.Inc":                    func() { c.Inc() },
		"Counter.Add":                    func() { c.Add(3) },
		"Gauge.Inc":                      func() { g.Inc() },
		"Gauge.Set":                      func() { g.Set(2) },
		"Histogram.Observe":              func() { h.Observe(1.5) },
		"WithLabelValues (one label)":    func() { one.WithLabelValues(id).Inc() },
		"WithLabelValues (three labels)": func() { three.WithLabelValues(id, "anthropic", "claude-opus-5-5").Inc() },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
}

func BenchmarkCounterInc(b *testing.B) {
	c := NewSet().NewCounter("c", "")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Inc()
		}
	})
}

func BenchmarkLabelledInc(b *testing.B) {
	s := NewSet()
	one := s.NewCounterVec("one", "", 0, "id")
	three := s.NewCounterVec("three", "", 0, "id", "side", "model")
	b.Run("one label", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				one.WithLabelValues("overloaded").Inc()
			}
		})
	})
	b.Run("three labels", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				three.WithLabelValues("overloaded", "anthropic", "claude-opus-5-5").Inc()
			}
		})
	})
}

func BenchmarkWritePrometheus(b *testing.B) {
	s := NewSet()
	v := s.NewCounterVec("v_total", "Help.", 0, "id")
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		v.WithLabelValues(id).Inc()
	}
	s.NewHistogram("h", "Help.", []float64{.001, .01, .1, 1, 10}).Observe(0.5)
	s.NewCounter("c_total", "Help.").Inc()
	b.ReportAllocs()
	for b.Loop() {
		_ = s.WritePrometheus(discard{})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
