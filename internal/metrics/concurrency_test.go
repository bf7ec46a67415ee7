package metrics

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ccerr/ccerr/internal/metrics/metricstest"
)

// Many goroutines update every kind of metric while pages are written:
// each page is well-formed (a histogram's +Inf bucket and _count agree
// even mid-update) and the final counts are exact. Run with -race.
func TestConcurrentUpdatesAndWrites(t *testing.T) {
	const workers, per = 8, 500
	s := NewSet()
	c := s.NewCounter("c_total", "")
	g := s.NewGauge("g", "")
	v := s.NewCounterVec("v_total", "", 0, "w", "k")
	h := s.NewHistogram("h", "", []float64{1, 10, 100})

	var wg sync.WaitGroup
	stop := make(chan struct{})
	pages := make(chan error, 1)
	check := func() error {
		var b strings.Builder
		_ = s.WritePrometheus(&b)
		return metricstest.Check(b.String())
	}
	go func() {
		var err error
		for n := 0; ; n++ {
			select {
			case <-stop:
				if n == 0 {
					err = check()
				}
				pages <- err
				return
			default:
			}
			if e := check(); e != nil && err == nil {
				err = e
			}
		}
	}()
	for w := range workers {
		wg.Go(func() {
			ws := strconv.Itoa(w)
			for i := range per {
				c.Inc()
				g.Inc()
				g.Dec()
				v.WithLabelValues(ws, strconv.Itoa(i%3)).Inc()
				h.Observe(float64(i % 150))
			}
		})
	}
	wg.Wait()
	close(stop)
	if err := <-pages; err != nil {
		t.Errorf("a page written during the updates is malformed: %v", err)
	}

	page := writeString(t, s)
	for _, want := range []string{
		"c_total " + strconv.Itoa(workers*per) + "\n",
		"g 0\n",
		`v_total{w="3",k="2"} ` + strconv.Itoa(per/3) + "\n",
		"h_count " + strconv.Itoa(workers*per) + "\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("final page lacks %q:\n%s", want, page)
		}
	}
	if n := strings.Count(page, "v_total{"); n != workers*3 {
		t.Errorf("%d labelled series, want %d", n, workers*3)
	}
}
