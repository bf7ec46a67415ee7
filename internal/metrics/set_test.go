package metrics

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/internal/metrics/metricstest"
)

// A whole page: families sorted by name whatever the order they were
// added in, series sorted by label values, one header per family.
func TestWritePrometheus(t *testing.T) {
	s := NewSet()
	v := s.NewCounterVec("b_total", "By two labels.", 0, "x", "y")
	g := s.NewGauge("a_gauge", "A gauge.")
	c := s.NewCounter("c_total", "A counter.")
	s.NewCounterVec("d_total", "Nothing yet.", 0, "k")
	v.WithLabelValues("2", "a").Add(5)
	v.WithLabelValues("10", "b").Inc()
	v.WithLabelValues("1", "z").Inc()
	v.WithLabelValues("1", "a").Inc()
	g.Set(3)
	g.Add(-0.5)
	c.Inc()
	c.Add(41)
	want := `# HELP a_gauge A gauge.
# TYPE a_gauge gauge
a_gauge 2.5
# HELP b_total By two labels.
# TYPE b_total counter
b_total{x="1",y="a"} 1
b_total{x="1",y="z"} 1
b_total{x="10",y="b"} 1
b_total{x="2",y="a"} 5
# HELP c_total A counter.
# TYPE c_total counter
c_total 42
# HELP d_total Nothing yet.
# TYPE d_total counter
`
	page := writeString(t, s)
	if page != want {
		t.Errorf("got\n%s\nwant\n%s", page, want)
	}
	if err := metricstest.Check(page); err != nil {
		t.Error(err)
	}
	if again := writeString(t, s); again != page {
		t.Errorf("a second write differs:\n%s", again)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("gone") }

func TestWritePrometheusError(t *testing.T) {
	s := NewSet()
	s.NewCounter("c", "")
	if err := s.WritePrometheus(failingWriter{}); err == nil {
		t.Error("a failing writer's error was lost")
	}
}

func TestGauge(t *testing.T) {
	var g Gauge
	g.Inc()
	g.Inc()
	g.Dec()
	g.Add(0.25)
	if got := g.Get(); got != 1.25 {
		t.Errorf("Get = %v, want 1.25", got)
	}
	g.Set(-7)
	if got := g.Get(); got != -7 {
		t.Errorf("Get after Set = %v, want -7", got)
	}
}

// Mistakes in the program panic at registration, with a message naming
// the metric.
func TestRegistrationPanics(t *testing.T) {
	tests := []struct {
		name, want string
		f          func(s *Set)
	}{
		{"bad metric name", "invalid metric name", func(s *Set) { s.NewCounter("1abc", "") }},
		{"dash in name", "invalid metric name", func(s *Set) { s.NewGauge("a-b", "") }},
		{"empty name", "invalid metric name", func(s *Set) { s.NewCounter("", "") }},
		{"twice", "registered twice", func(s *Set) { s.NewCounter("c", ""); s.NewGauge("c", "") }},
		{"no labels", "at least one label", func(s *Set) { s.NewCounterVec("v", "", 0) }},
		{"bad label", "invalid label name", func(s *Set) { s.NewCounterVec("v", "", 0, "a:b") }},
		{"reserved label", "invalid label name", func(s *Set) { s.NewCounterVec("v", "", 0, "__name") }},
		{"label twice", "given twice", func(s *Set) { s.NewCounterVec("v", "", 0, "a", "a") }},
		{"bounds descending", "ascending", func(s *Set) { s.NewHistogram("h", "", []float64{2, 1}) }},
		{"bounds equal", "ascending", func(s *Set) { s.NewHistogram("h", "", []float64{1, 1}) }},
		{"infinite bound", "finite", func(s *Set) { s.NewHistogram("h", "", []float64{1, inf()}) }},
		{"wrong value count", "2 label values for 1 labels", func(s *Set) {
			s.NewCounterVec("v", "", 0, "a").WithLabelValues("x", "y")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				r := recover()
				msg, _ := r.(string)
				if !strings.Contains(msg, tc.want) {
					t.Errorf("panic %v, want one saying %q", r, tc.want)
				}
			}()
			tc.f(NewSet())
		})
	}
}
