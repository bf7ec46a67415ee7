package proxy

import (
	"bytes"
	"errors"
	"io"
	"net/http/httptrace"
	"sync"
)

// heldBody is a request body kept in memory while a retry may have to send
// it again, and let go as soon as none can: once a successful answer has
// begun and every attempt has written the body upstream or failed. A
// stream then runs for minutes without its request body in memory (a
// Claude Code request carries the whole conversation, often hundreds of
// KiB), and the bytes reserved for it go back to the memBudget when the
// answer begins rather than when it ends.
//
// Every reader of the body is an io.NopCloser(*bytes.Reader), which
// net/http knows to be in memory (it then sends the head and a small body
// in one write). net/http keeps the reader of the attempt that answered
// until its response ends, so letting go means emptying the attempt's
// readers too, which is safe only once the goroutine that read them is
// done with them: in the WroteRequest hook of the attempt's client trace,
// which runs on that goroutine.
type heldBody struct {
	mem *memBudget
	n   int64 // bytes reserved in mem

	mu       sync.Mutex
	b        []byte
	next     *bytes.Reader // made last outside an attempt: the next attempt's
	cur      *bodyAttempt  // the attempt being sent, if any
	attempts int           // attempts given a reader
	settled  int           // attempts whose readers were emptied, or that failed
	began    bool          // the answer has begun: no more readers are made
	given    bool          // n went back to mem

	first bodyAttempt // the first attempt's, so that a request without retries allocates one
}

// errBodyGone reports a request for the body after it was let go.
var errBodyGone = errors.New("proxy: the request body was already let go")

// getBody is the GetBody of the outbound request: a new reader of the body.
// A reader made while an attempt is being sent is net/http sending it
// again on a new connection, and belongs to that attempt; any other is for
// the next attempt (the retry transport) or read at once and dropped (the
// classifier looking for the model).
func (h *heldBody) getBody() (io.ReadCloser, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.began {
		return nil, errBodyGone
	}
	br := bytes.NewReader(h.b)
	if h.cur != nil {
		h.cur.readers = append(h.cur.readers, br)
	} else {
		h.next = br
	}
	return io.NopCloser(br), nil
}

// attempt binds the reader made last to the attempt about to be sent, or
// returns nil when there is none. The caller reports the end of the
// attempt's round trip with [bodyAttempt.returned].
func (h *heldBody) attempt() *bodyAttempt {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.next == nil {
		return nil
	}
	a := &h.first
	if h.attempts > 0 {
		a = new(bodyAttempt)
	}
	a.h = h
	a.readers = append(a.readerBuf[:0], h.next)
	a.tr.WroteRequest = a.wrote
	h.next, h.cur = nil, a
	h.attempts++
	return a
}

// bodyAttempt is one attempt's readers of a heldBody.
type bodyAttempt struct {
	h         *heldBody
	readers   []*bytes.Reader // guarded by h.mu
	readerBuf [1]*bytes.Reader
	done      bool // counted in h.settled; guarded by h.mu
	tr        httptrace.ClientTrace
}

// trace is the attempt's client trace: the state's GotConn hook, and a
// WroteRequest hook that empties the attempt's readers once written.
func (a *bodyAttempt) trace(gotConn func(httptrace.GotConnInfo)) *httptrace.ClientTrace {
	a.tr.GotConn = gotConn
	return &a.tr
}

// wrote is the WroteRequest hook, called on the goroutine that wrote the
// request once it is done with the reader. A failed write may be tried
// again by net/http with the same reader, so only a complete one empties
// it. An attempt that net/http sent again on a new connection has two
// readers, and the hook does not say which one it wrote: such an attempt
// (rare: a kept-alive connection the upstream had closed) keeps its
// readers until the request is over.
func (a *bodyAttempt) wrote(info httptrace.WroteRequestInfo) {
	if info.Err != nil {
		return
	}
	h := a.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(a.readers) != 1 {
		return
	}
	a.readers[0].Reset(nil)
	a.settle()
}

// returned notes the end of the attempt's round trip: with an error,
// net/http drops the attempt's readers (a write still going fails with the
// connection), so the attempt is settled.
func (a *bodyAttempt) returned(err error) {
	h := a.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cur == a {
		h.cur = nil
	}
	if err != nil {
		a.settle()
	}
}

// settle counts the attempt as no longer holding the body, once. h.mu must
// be held.
func (a *bodyAttempt) settle() {
	if a.done {
		return
	}
	a.done = true
	a.h.settled++
	a.h.giveIfDone()
}

// answerBegan is called once a successful answer has begun: no retry can
// follow and nothing reads the body again, so no reader is made any more,
// and the bytes are given back now if no attempt is still writing them.
func (h *heldBody) answerBegan() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.began = true
	h.b, h.next = nil, nil
	h.giveIfDone()
}

// end gives the bytes back, if that was not done before; it is called when
// the request is over.
func (h *heldBody) end() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.b, h.next = nil, nil
	h.give()
}

func (h *heldBody) giveIfDone() {
	if h.began && h.settled == h.attempts {
		h.give()
	}
}

func (h *heldBody) give() {
	if !h.given {
		h.given = true
		h.mem.give(h.n)
	}
}
