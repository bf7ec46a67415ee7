package collect

import (
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/VictoriaMetrics/metrics"

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

// collectMetrics are the collector's Prometheus metrics. The label sets are
// bounded: ids and sides come from the catalog, models are capped, event
// names and reasons are fixed lists.
type collectMetrics struct {
	set       *metrics.Set
	modelCap  int
	mu        sync.Mutex
	models    map[string]bool
	commitDur *metrics.Histogram
}

func newMetrics(modelCap int) *collectMetrics {
	if modelCap <= 0 {
		modelCap = DefaultModelLabels
	}
	m := &collectMetrics{set: metrics.NewSet(), modelCap: modelCap, models: map[string]bool{}}
	m.commitDur = m.set.NewHistogram("ccerr_collect_commit_seconds")
	// Present from the start, so that a dashboard sees zeros rather than gaps.
	for _, r := range rejectReasons {
		m.set.GetOrCreateCounter(`ccerr_collect_rejected_total{reason="` + r + `"}`)
	}
	m.set.GetOrCreateCounter("ccerr_collect_duplicates_total")
	m.set.GetOrCreateCounter("ccerr_collect_merged_total")
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
	m.set.GetOrCreateCounter(`ccerr_collect_rejected_total{reason="` + reason + `"}`).Inc()
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
		m.set.GetOrCreateCounter(`ccerr_collect_events_total{event="` + name + `"}`).Add(n)
	}
}

func (m *collectMetrics) applied(res store.Result, took time.Duration) {
	m.commitDur.Update(took.Seconds())
	for _, c := range res.Counted {
		id := string(c.ID)
		if c.ID == "" {
			id = labelUnclassified
		}
		side := string(c.Side)
		if side == "" {
			side = labelUnknown
		}
		m.set.GetOrCreateCounter(fmt.Sprintf(`ccerr_claude_code_errors_total{id=%s,side=%s,model=%s}`,
			strconv.Quote(id), strconv.Quote(side), strconv.Quote(m.model(c.Model)))).Inc()
	}
	if res.Duplicates > 0 {
		m.set.GetOrCreateCounter("ccerr_collect_duplicates_total").Add(res.Duplicates)
	}
	if res.Merged > 0 {
		m.set.GetOrCreateCounter("ccerr_collect_merged_total").Add(res.Merged)
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

func (m *collectMetrics) write(w io.Writer) { m.set.WritePrometheus(w) }
