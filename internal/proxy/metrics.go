package proxy

import (
	"net/http"
	"strconv"
	"sync/atomic"

	prom "github.com/ccerr/ccerr/internal/metrics"
)

// The proxy's metrics go through internal/metrics (imported as prom, since
// the proxy's own type is called metrics), which the collector uses too: a
// small standard-library writer of the Prometheus text format that does
// nothing at package init, since every ccerr command links it.

// latencyBuckets are the upper bounds of the upstream latency histogram.
func latencyBuckets() []float64 {
	return []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600}
}

// maxFailureIDs bounds the failure series; the catalog has fewer ids.
const maxFailureIDs = 256

// maxStatusCodes bounds the request series; net/http sends three-digit
// codes only, and few of them occur.
const maxStatusCodes = 256

// metrics are the proxy's Prometheus series, in the proxy's own set.
type metrics struct {
	set             *prom.Set
	requests        *prom.CounterVec // by code
	attempts        *prom.Counter
	retries         *prom.Counter
	failures        *prom.CounterVec // by catalog id
	upstreamLatency *prom.Histogram
	budgetExhausted *prom.Counter
	inflight        *prom.Gauge
	buffered        *prom.Gauge
	bufferedLimit   *prom.Gauge
	bodyRefused     *prom.Counter
	statusCounters  [600]atomic.Pointer[prom.Counter] // requests by status, resolved once
}

func newMetrics(set *prom.Set) *metrics {
	return &metrics{
		set: set,
		requests: set.NewCounterVec("ccerr_proxy_requests_total",
			"Requests answered by the proxy, by the status code sent to the client (0: none, the client went away).",
			maxStatusCodes, "code"),
		attempts: set.NewCounter("ccerr_proxy_upstream_attempts_total",
			"Requests sent to the upstream, first attempts and retries."),
		retries: set.NewCounter("ccerr_proxy_retries_total",
			"Requests sent to the upstream again after a failure."),
		failures: set.NewCounterVec("ccerr_proxy_failures_total",
			"Failed upstream attempts, by the catalog id of the failure.",
			maxFailureIDs, "id"),
		upstreamLatency: set.NewHistogram("ccerr_proxy_upstream_latency_seconds",
			"Time from sending an attempt upstream to its response headers.",
			latencyBuckets()),
		budgetExhausted: set.NewCounter("ccerr_proxy_retry_budget_exhausted_total",
			"Retries not made because the retry budget was spent; the failure went to the client."),
		inflight: set.NewGauge("ccerr_proxy_requests_in_flight",
			"Requests being served."),
		buffered: set.NewGauge("ccerr_proxy_buffered_body_bytes",
			"Request body bytes held in memory now, across requests."),
		bufferedLimit: set.NewGauge("ccerr_proxy_buffered_body_limit_bytes",
			"The bound on request body bytes held in memory at once; past it requests get 503."),
		bodyRefused: set.NewCounter("ccerr_proxy_buffered_body_refused_total",
			"Requests answered 503 because their body did not fit beside those held in memory."),
	}
}

// request counts one answered request. Counters for the usual statuses are
// looked up once and cached, so the hot path does no label lookup.
func (m *metrics) request(code int) {
	if code < 0 || code >= len(m.statusCounters) {
		m.requests.WithLabelValues(strconv.Itoa(code)).Inc()
		return
	}
	c := m.statusCounters[code].Load()
	if c == nil {
		c = m.requests.WithLabelValues(strconv.Itoa(code))
		m.statusCounters[code].Store(c)
	}
	c.Inc()
}

// serveMetrics is the /metrics endpoint: the proxy's series with their
// help and type, then the Go runtime and process series (resident memory,
// goroutines), in the Prometheus text format.
func (m *metrics) serveMetrics(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", prom.ContentType)
	if m.set.WritePrometheus(w) == nil {
		_ = prom.WriteProcess(w)
	}
}
