package collect

import (
	"io"
	"sync"
	"time"

	"github.com/ccerr/ccerr/internal/metrics"
	"github.com/ccerr/ccerr/internal/store"
)

// DefaultModelLabels is how many distinct models get their own model label
// before the rest are counted as "other".
const DefaultModelLabels = 32

// Label values that stand for a group.
const (
	labelOther        = "other"        // a model past the cap, or one not fit for a label
	labelUnclassified = "unclassified" // a failure no catalog entry fits
	labelUnknown      = "unknown"      // no model or side reported
)

// maxErrorSeries bounds ccerr_claude_code_errors_total. Ids and sides come
// from the catalog and models are capped, so the bound is only a backstop;
// past it new combinations are counted with every label "other".
const maxErrorSeries = 4096

// commitBuckets are the upper bounds, in seconds, of the commit time
// histogram; a commit is given at most 10 s.
func commitBuckets() []float64 {
	return []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}
}

// collectMetrics are the collector's Prometheus metrics. The label sets are
// bounded: ids and sides come from the catalog, models are capped, event
// names and reasons are fixed lists.
type collectMetrics struct {
	set        *metrics.Set
	modelCap   int
	mu         sync.Mutex
	models     map[string]bool
	errors     *metrics.CounterVec // by id, side, model
	eventsN    *metrics.CounterVec // by event
	rejected   *metrics.CounterVec // by reason
	duplicates *metrics.Counter
	merged     *metrics.Counter
	commitDur  *metrics.Histogram
}

func newMetrics(modelCap int) *collectMetrics {
	if modelCap <= 0 {
		modelCap = DefaultModelLabels
	}
	set := metrics.NewSet()
	m := &collectMetrics{
		set:      set,
		modelCap: modelCap,
		models:   map[string]bool{},
		errors: set.NewCounterVec("ccerr_claude_code_errors_total",
			"API errors Claude Code reported, counted once each, by catalog id, side and model.",
			maxErrorSeries, "id", "side", "model"),
		eventsN: set.NewCounterVec("ccerr_collect_events_total",
			"Telemetry events and hook records received, by event name.",
			len(eventLabels)+1, "event"),
		rejected: set.NewCounterVec("ccerr_collect_rejected_total",
			"Requests refused, by reason.",
			len(rejectReasons), "reason"),
		duplicates: set.NewCounter("ccerr_collect_duplicates_total",
			"Events received again after they had been applied."),
		merged: set.NewCounter("ccerr_collect_merged_total",
			"Events that added to a failure already counted rather than counting a new one."),
		commitDur: set.NewHistogram("ccerr_collect_commit_seconds",
			"Time taken to commit a request's events to the database.",
			commitBuckets()),
	}
	// Present from the start, so that a dashboard sees zeros rather than gaps.
	for _, r := range rejectReasons {
		m.rejected.WithLabelValues(r)
	}
	return m
}

// The reasons a request is rejected.
const (
	rejectAuth   = "auth"
	rejectSize   = "size"
	rejectDecode = "decode"
	rejectMedia  = "media"
	rejectStore  = "store"
)

var rejectReasons = []string{rejectAuth, rejectSize, rejectDecode, rejectMedia, rejectStore}

func (m *collectMetrics) reject(reason string) {
	m.rejected.WithLabelValues(reason).Inc()
}

// eventLabels are the event names counted under their own label.
var eventLabels = map[string]bool{
	eventAPIError: true, eventExhausted: true, eventAPIRequest: true, "hook": true,
}

func (m *collectMetrics) events(counts map[string]int) {
	for name, n := range counts {
		if !eventLabels[name] {
			name = labelOther
		}
		m.eventsN.WithLabelValues(name).Add(uint64(max(n, 0)))
	}
}

func (m *collectMetrics) applied(res store.Result, took time.Duration) {
	m.commitDur.Observe(took.Seconds())
	for _, c := range res.Counted {
		id := string(c.ID)
		if c.ID == "" {
			id = labelUnclassified
		}
		side := string(c.Side)
		if side == "" {
			side = labelUnknown
		}
		m.errors.WithLabelValues(id, side, m.model(c.Model)).Inc()
	}
	if res.Duplicates > 0 {
		m.duplicates.Add(uint64(res.Duplicates))
	}
	if res.Merged > 0 {
		m.merged.Add(uint64(res.Merged))
	}
}

// model returns the label for a model: itself while fewer than the cap have
// been seen and it is a plain name, else "other".
func (m *collectMetrics) model(name string) string {
	if name == "" {
		return labelUnknown
	}
	if !plainLabel(name) {
		return labelOther
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.models[name] {
		return name
	}
	if len(m.models) >= m.modelCap {
		return labelOther
	}
	m.models[name] = true
	return name
}

// plainLabel reports whether s is short and made of the characters model
// names use, so that no input can bloat or break the exposition.
func plainLabel(s string) bool {
	if len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == ':' || c == '@' || c == '/') {
			return false
		}
	}
	return true
}

// write writes the collector's series, then the Go runtime and process
// series, in the Prometheus text format.
func (m *collectMetrics) write(w io.Writer) {
	if m.set.WritePrometheus(w) == nil {
		_ = metrics.WriteProcess(w)
	}
}
