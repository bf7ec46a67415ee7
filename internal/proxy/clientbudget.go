package proxy

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// headerClientTimeout is where Claude Code (and the Anthropic SDKs) say how
// long they wait for each attempt, in seconds: API_TIMEOUT_MS / 1000, 600
// by default (FACTS §9.5).
const headerClientTimeout = "X-Stainless-Timeout"

// errClientBudget is the cause of a request cut because its retries no
// longer fit in the client's timeout.
var errClientBudget = errors.New("proxy: the client's timeout is about to end")

// clientBudget returns how long the client waits for an answer: its
// X-Stainless-Timeout when that is a positive number of seconds, else
// Config.ClientTimeout (zero: no bound).
func (p *Proxy) clientBudget(h http.Header) time.Duration {
	if v := strings.TrimSpace(h.Get(headerClientTimeout)); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 && s < 1e6 {
			return time.Duration(s * float64(time.Second))
		}
	}
	return p.clientTO
}

// answerMargin is how long before the client's timeout the proxy answers,
// so that the answer reaches the client and is read before its timer
// fires: a tenth of the timeout, between 250 ms and 5 s, and never more
// than half of it.
func answerMargin(budget time.Duration) time.Duration {
	return min(max(budget/10, 250*time.Millisecond), 5*time.Second, budget/2)
}

// fitsBudget reports whether a retry after delay can still end before the
// deadline, judging that it will take about as long as the last attempt.
// It records a refusal in st.
func (st *state) fitsBudget(delay time.Duration) bool {
	if st.deadline.IsZero() {
		return true
	}
	if time.Now().Add(delay + st.lastAttempt).Before(st.deadline) {
		return true
	}
	st.deadlineStop = true
	return false
}
