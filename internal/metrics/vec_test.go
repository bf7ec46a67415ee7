package metrics

import (
	"math"
	"strings"
	"testing"
)

func inf() float64 { return math.Inf(1) }

// Past its limit a family counts new combinations in one series whose
// labels are all "other", and keeps counting the ones it has.
func TestCounterVecLimit(t *testing.T) {
	s := NewSet()
	v := s.NewCounterVec("v_total", "", 2, "a", "b")
	v.WithLabelValues("x", "1").Inc()
	v.WithLabelValues("y", "2").Inc()
	v.WithLabelValues("z", "3").Inc()
	v.WithLabelValues("w", "4").Add(2)
	v.WithLabelValues("x", "1").Inc()
	page := writeString(t, s)
	want := `v_total{a="other",b="other"} 3
v_total{a="x",b="1"} 2
v_total{a="y",b="2"} 1
`
	if !strings.HasSuffix(page, want) || strings.Count(page, "v_total{") != 3 {
		t.Errorf("got\n%s\nwant it to end with\n%s", page, want)
	}
}

// The same values always find the same counter, and values that differ
// only in where they are split do not share one.
func TestCounterVecIdentity(t *testing.T) {
	v := NewSet().NewCounterVec("v", "", 0, "a", "b")
	if v.WithLabelValues("ab", "c") == v.WithLabelValues("a", "bc") {
		t.Error(`("ab","c") and ("a","bc") share a counter`)
	}
	first := v.WithLabelValues("a", "b")
	if again := v.WithLabelValues("a", "b"); again != first {
		t.Error("the same values gave two counters")
	}
	long := strings.Repeat("x", 300) // longer than the stack buffer
	first = v.WithLabelValues(long, "1")
	if again := v.WithLabelValues(long, "1"); again != first {
		t.Error("long values gave two counters")
	}
}
