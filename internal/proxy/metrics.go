package proxy

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"

	vm "github.com/VictoriaMetrics/metrics"
)

// The proxy's metrics go through VictoriaMetrics/metrics, which the
// collector uses too: it writes the Prometheus text format without the
// Prometheus client's start-up cost (its registry, protobuf descriptors and
// procfs), which every ccerr command paid at init.

// metricHelp is the help text and type of each of the proxy's series, by
// metric name; /metrics writes them as # HELP and # TYPE lines.
var metricHelp = map[string][2]string{
	"ccerr_proxy_requests_total":               {"counter", "Requests answered by the proxy, by the status code sent to the client (0: none, the client went away)."},
	"ccerr_proxy_upstream_attempts_total":      {"counter", "Requests sent to the upstream, first attempts and retries."},
	"ccerr_proxy_retries_total":                {"counter", "Requests sent to the upstream again after a failure."},
	"ccerr_proxy_failures_total":               {"counter", "Failed upstream attempts, by the catalog id of the failure."},
	"ccerr_proxy_upstream_latency_seconds":     {"histogram", "Time from sending an attempt upstream to its response headers."},
	"ccerr_proxy_retry_budget_exhausted_total": {"counter", "Retries not made because the retry budget was spent; the failure went to the client."},
	"ccerr_proxy_requests_in_flight":           {"gauge", "Requests being served."},
	"ccerr_proxy_buffered_body_bytes":          {"gauge", "Request body bytes held in memory now, across requests."},
	"ccerr_proxy_buffered_body_limit_bytes":    {"gauge", "The bound on request body bytes held in memory at once; past it requests get 503."},
	"ccerr_proxy_buffered_body_refused_total":  {"counter", "Requests answered 503 because their body did not fit beside those held in memory."},
}

// latencyBuckets are the upper bounds of the upstream latency histogram.
var latencyBuckets = []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600}

// metrics are the proxy's Prometheus series, in the proxy's own set (never
// the global one).
type metrics struct {
	set             *vm.Set
	attempts        *vm.Counter
	retries         *vm.Counter
	failures        labelled // by catalog id
	upstreamLatency histogram
	budgetExhausted *vm.Counter
	inflight        *vm.Gauge
	buffered        *vm.Gauge
	bufferedLimit   *vm.Gauge
	bodyRefused     *vm.Counter
	statusCounters  [600]atomic.Pointer[vm.Counter] // requests by status, resolved once
}

// labelled is a counter family with one label.
type labelled struct {
	set         *vm.Set
	name, label string
}

// WithLabelValues returns the counter for one value of the label.
func (l labelled) WithLabelValues(v string) *vm.Counter {
	return l.set.GetOrCreateCounter(l.name + "{" + l.label + "=" + strconv.Quote(v) + "}")
}

// histogram is a Prometheus histogram with fixed buckets.
type histogram struct{ h *vm.PrometheusHistogram }

// Observe records one value.
func (h histogram) Observe(v float64) { h.h.Update(v) }

func newMetrics(set *vm.Set) *metrics {
	m := &metrics{
		set:             set,
		attempts:        set.NewCounter("ccerr_proxy_upstream_attempts_total"),
		retries:         set.NewCounter("ccerr_proxy_retries_total"),
		failures:        labelled{set: set, name: "ccerr_proxy_failures_total", label: "id"},
		upstreamLatency: histogram{set.NewPrometheusHistogramExt("ccerr_proxy_upstream_latency_seconds", latencyBuckets)},
		budgetExhausted: set.NewCounter("ccerr_proxy_retry_budget_exhausted_total"),
		inflight:        set.NewGauge("ccerr_proxy_requests_in_flight", nil),
		buffered:        set.NewGauge("ccerr_proxy_buffered_body_bytes", nil),
		bufferedLimit:   set.NewGauge("ccerr_proxy_buffered_body_limit_bytes", nil),
		bodyRefused:     set.NewCounter("ccerr_proxy_buffered_body_refused_total"),
	}
	return m
}

// request counts one answered request. Counters for the usual statuses are
// looked up once and cached, so the hot path does no label lookup.
func (m *metrics) request(code int) {
	name := func() string { return `ccerr_proxy_requests_total{code="` + strconv.Itoa(code) + `"}` }
	if code < 0 || code >= len(m.statusCounters) {
		m.set.GetOrCreateCounter(name()).Inc()
		return
	}
	c := m.statusCounters[code].Load()
	if c == nil {
		c = m.set.GetOrCreateCounter(name())
		m.statusCounters[code].Store(c)
	}
	c.Inc()
}

// write writes the proxy's series with their help and type, then the Go
// runtime and process series (resident memory, goroutines), in the
// Prometheus text format.
func (m *metrics) write(w io.Writer) {
	var buf bytes.Buffer
	m.set.WritePrometheus(&buf)
	bw := bufio.NewWriter(w)
	last := ""
	for line := range strings.Lines(buf.String()) {
		name := family(line)
		if name != last {
			if h, ok := metricHelp[name]; ok {
				bw.WriteString("# HELP " + name + " " + h[1] + "\n# TYPE " + name + " " + h[0] + "\n")
			}
			last = name
		}
		bw.WriteString(line)
	}
	vm.WriteProcessMetrics(bw)
	_ = bw.Flush()
}

// family is the metric family a sample line belongs to: its name without
// labels and without a histogram's _bucket, _sum or _count.
func family(line string) string {
	name, _, _ := strings.Cut(line, " ")
	name, _, _ = strings.Cut(name, "{")
	for _, suf := range []string{"_bucket", "_sum", "_count"} {
		if base, ok := strings.CutSuffix(name, suf); ok {
			if h, known := metricHelp[base]; known && h[0] == "histogram" {
				return base
			}
		}
	}
	return name
}

// serveMetrics is the /metrics endpoint.
func (m *metrics) serveMetrics(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.write(w)
}
