package proxy

import (
	"flag"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/ccerr/ccerr/internal/golden"
	"github.com/ccerr/ccerr/internal/metrics/metricstest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// The whole /metrics page, as the proxy serves it: every family with its
// help and type, in order, and the runtime and process series (values
// masked). The page must also pass the strict format check unmasked.
func TestMetricsPageGolden(t *testing.T) {
	p, err := New(Config{Upstream: "http://127.0.0.1:9", MaxBody: 1 << 20, MaxBufferedBody: 4 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.m.request(200)
	p.m.request(200)
	p.m.request(529)
	p.m.request(499)
	p.m.attempts.Add(5)
	p.m.retries.Add(2)
	p.m.failures.WithLabelValues("overloaded").Add(2)
	p.m.failures.WithLabelValues("rate-limited").Inc()
	for _, s := range []float64{0.0004, 0.001, 0.3, 2.5, 700} {
		p.m.upstreamLatency.Observe(s)
	}
	p.m.budgetExhausted.Inc()
	p.m.bodyRefused.Inc()

	rec := httptest.NewRecorder()
	p.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	page := rec.Body.String()
	if err := metricstest.Check(page); err != nil {
		t.Errorf("malformed page: %v\n%s", err, page)
	}
	golden.Check(t, filepath.Join("testdata", "golden", "metrics.txt"), []byte(metricstest.MaskRuntime(page)), *update)
}
