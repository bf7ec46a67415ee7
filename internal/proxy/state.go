package proxy

import (
	"context"
	"net"
	"net/http/httptrace"
	"sync"
	"time"
)

// state is what the proxy learns about one request while the retry
// transport works on it. It travels in the request's context, so that the
// retry hooks, which see only the attempt's request, can find it. Attempts
// of one request run one after the other, so it needs no lock.
type state struct {
	attempts      int
	failures      []string // catalog ids of failed attempts, in order
	budgetDenied  bool
	requestID     string        // the upstream's request-id header
	clientGone    bool          // the client went away before the answer was complete
	abort         bool          // the upstream failed mid-response; cut the client's connection
	err           error         // the transport or stream error that ended the request, if any
	conn          net.Conn      // the upstream connection of the last attempt
	budget        time.Duration // the client's timeout the retries fit in; 0 if none
	deadline      time.Time     // when the proxy must have answered; zero if no budget
	lastAttempt   time.Duration // how long the last attempt took
	deadlineStop  bool          // a retry was not made: it would not fit the client's timeout
	localOverload bool          // an attempt failed for want of file descriptors
	body          *heldBody     // the request body, if there is one
	failBuf       [4]string
	first         [1]byte // a stream's wait for its next bytes reads into it (see copyBody)

	// tr is the request's client trace, made once per pooled state (its
	// hook refers to this state) and kept across free.
	tr *httptrace.ClientTrace
}

type stateKey struct{}

var statePool = sync.Pool{New: func() any {
	st := new(state)
	st.tr = &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) { st.conn = info.Conn }}
	return st
}}

func newState() *state {
	st := statePool.Get().(*state)
	st.failures = st.failBuf[:0]
	return st
}

// free returns st to the pool; st must not be used afterwards.
func (st *state) free() {
	clear(st.failBuf[:])
	*st = state{tr: st.tr}
	statePool.Put(st)
}

func (st *state) addFailure(id string) { st.failures = append(st.failures, id) }

func stateFrom(ctx context.Context) *state {
	st, _ := ctx.Value(stateKey{}).(*state)
	return st
}

// trace notes the connection each attempt gets, so that the final
// response's Connection names can be found (see hopConn).
func (st *state) trace() *httptrace.ClientTrace {
	// httptrace composes a trace with one already in the context by
	// changing it in place, so a reused trace starts from its one hook.
	*st.tr = httptrace.ClientTrace{GotConn: st.tr.GotConn}
	return st.tr
}
