package proxy

import (
	"sync"
	"time"
)

// Budget defaults, after Envoy's retry budget (budget_percent 20 %,
// min_retry_concurrency 3), expressed as rates over a sliding window.
const (
	DefaultBudgetRatio        = 0.2
	DefaultBudgetMinPerSecond = 3
	budgetWindow              = 10 * time.Second
	budgetBuckets             = 10
)

// budget limits retries to a share of recent requests so that an outage
// does not multiply the load on the upstream: over the last ten seconds,
// retries may be at most ratio × requests, or minPerSecond × 10, whichever
// is larger. It is safe for concurrent use.
type budget struct {
	ratio   float64
	minimum int // retries always allowed per window
	now     func() time.Time

	mu      sync.Mutex
	epoch   int64 // index of the newest bucket (time / bucket width)
	reqs    [budgetBuckets]int
	retries [budgetBuckets]int
}

// newBudget returns a budget; ratio < 0 disables it (every retry allowed).
func newBudget(ratio, minPerSecond float64, now func() time.Time) *budget {
	if now == nil {
		now = time.Now
	}
	return &budget{
		ratio:   ratio,
		minimum: int(minPerSecond * budgetWindow.Seconds()),
		now:     now,
	}
}

const bucketWidth = budgetWindow / budgetBuckets

// advance moves the window to the current time, clearing buckets that fell
// out of it. b.mu must be held.
func (b *budget) advance() int {
	e := b.now().UnixNano() / int64(bucketWidth)
	if gap := e - b.epoch; gap > 0 {
		if gap > budgetBuckets {
			gap = budgetBuckets
		}
		for i := int64(1); i <= gap; i++ {
			j := (b.epoch + i) % budgetBuckets
			b.reqs[j], b.retries[j] = 0, 0
		}
		b.epoch = e
	}
	return int(b.epoch % budgetBuckets)
}

// request records one incoming request.
func (b *budget) request() {
	b.mu.Lock()
	b.reqs[b.advance()]++
	b.mu.Unlock()
}

// allowRetry reports whether one more retry fits in the budget, and if so
// counts it.
func (b *budget) allowRetry() bool {
	if b.ratio < 0 {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	i := b.advance()
	reqs, retries := 0, 0
	for j := range budgetBuckets {
		reqs += b.reqs[j]
		retries += b.retries[j]
	}
	limit := max(int(b.ratio*float64(reqs)), b.minimum)
	if retries >= limit {
		return false
	}
	b.retries[i]++
	return true
}
