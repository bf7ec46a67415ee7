package proxy

import (
	"net/http/httptest"
	"strings"
	"testing"

	prom "github.com/ccerr/ccerr/internal/metrics"
)

// The /metrics text keeps the Prometheus client's names, labels, help and
// type lines, and the process series.
func TestMetricsExposition(t *testing.T) {
	m := newMetrics(prom.NewSet())
	m.request(200)
	m.request(200)
	m.request(700)
	m.failures.WithLabelValues("overloaded").Inc()
	m.upstreamLatency.Observe(0.02)
	m.inflight.Inc()
	m.bufferedLimit.Set(1500)

	rec := httptest.NewRecorder()
	m.serveMetrics(rec, httptest.NewRequest("GET", "/metrics", nil))
	out := rec.Body.String()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type = %q", ct)
	}
	for _, want := range []string{
		"# HELP ccerr_proxy_requests_total Requests answered by the proxy",
		"# TYPE ccerr_proxy_requests_total counter\n",
		`ccerr_proxy_requests_total{code="200"} 2` + "\n",
		`ccerr_proxy_requests_total{code="700"} 1` + "\n",
		"# TYPE ccerr_proxy_failures_total counter\n",
		`ccerr_proxy_failures_total{id="overloaded"} 1` + "\n",
		"# TYPE ccerr_proxy_upstream_latency_seconds histogram\n",
		`ccerr_proxy_upstream_latency_seconds_bucket{le="0.025"} 1` + "\n",
		`ccerr_proxy_upstream_latency_seconds_bucket{le="+Inf"} 1` + "\n",
		"ccerr_proxy_upstream_latency_seconds_count 1\n",
		"# TYPE ccerr_proxy_requests_in_flight gauge\n",
		"ccerr_proxy_requests_in_flight 1\n",
		"ccerr_proxy_buffered_body_limit_bytes 1500\n",
		"ccerr_proxy_retries_total 0\n",
		"process_resident_memory_bytes ",
		"go_goroutines ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("/metrics lacks %q:\n%s", want, out)
		}
	}
	// One HELP per family, even for a histogram's several series.
	if n := strings.Count(out, "# HELP ccerr_proxy_upstream_latency_seconds "); n != 1 {
		t.Errorf("%d HELP lines for the histogram, want 1", n)
	}
}
