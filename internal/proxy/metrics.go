package proxy

import (
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the proxy's Prometheus series, registered on the proxy's own
// registry (never the global one).
type metrics struct {
	requests        *prometheus.CounterVec // by final status code
	attempts        prometheus.Counter
	retries         prometheus.Counter
	failures        *prometheus.CounterVec // by catalog id
	upstreamLatency prometheus.Histogram
	budgetExhausted prometheus.Counter
	inflight        prometheus.Gauge
	buffered        prometheus.Gauge
	bufferedLimit   prometheus.Gauge
	bodyRefused     prometheus.Counter
	statusCounters  [600]atomic.Pointer[prometheus.Counter] // requests by status, resolved once
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ccerr_proxy_requests_total",
			Help: "Requests answered by the proxy, by the status code sent to the client (0: none, the client went away).",
		}, []string{"code"}),
		attempts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ccerr_proxy_upstream_attempts_total",
			Help: "Requests sent to the upstream, first attempts and retries.",
		}),
		retries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ccerr_proxy_retries_total",
			Help: "Requests sent to the upstream again after a failure.",
		}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ccerr_proxy_failures_total",
			Help: "Failed upstream attempts, by the catalog id of the failure.",
		}, []string{"id"}),
		upstreamLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "ccerr_proxy_upstream_latency_seconds",
			Help:    "Time from sending an attempt upstream to its response headers.",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600},
		}),
		budgetExhausted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ccerr_proxy_retry_budget_exhausted_total",
			Help: "Retries not made because the retry budget was spent; the failure went to the client.",
		}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "ccerr_proxy_requests_in_flight",
			Help: "Requests being served.",
		}),
		buffered: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "ccerr_proxy_buffered_body_bytes",
			Help: "Request body bytes held in memory now, across requests.",
		}),
		bufferedLimit: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "ccerr_proxy_buffered_body_limit_bytes",
			Help: "The bound on request body bytes held in memory at once; past it requests get 503.",
		}),
		bodyRefused: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "ccerr_proxy_buffered_body_refused_total",
			Help: "Requests answered 503 because their body did not fit beside those held in memory.",
		}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.attempts, m.retries, m.failures,
		m.upstreamLatency, m.budgetExhausted, m.inflight, m.buffered, m.bufferedLimit, m.bodyRefused} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("proxy: metrics: %w", err)
		}
	}
	// The process and Go runtime series (resident memory, goroutines) are
	// welcome but may already be in a registry the caller passed.
	for _, c := range []prometheus.Collector{collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		if err := reg.Register(c); err != nil {
			if _, ok := errors.AsType[prometheus.AlreadyRegisteredError](err); !ok {
				return nil, fmt.Errorf("proxy: metrics: %w", err)
			}
		}
	}
	return m, nil
}

// request counts one answered request. Counters for the usual statuses are
// looked up once and cached, so the hot path does no label hashing.
func (m *metrics) request(code int) {
	if code < 0 || code >= len(m.statusCounters) {
		m.requests.WithLabelValues(strconv.Itoa(code)).Inc()
		return
	}
	p := m.statusCounters[code].Load()
	if p == nil {
		c := m.requests.WithLabelValues(strconv.Itoa(code))
		p = &c
		m.statusCounters[code].Store(p)
	}
	(*p).Inc()
}
