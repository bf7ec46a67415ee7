package proxy

import (
	"bytes"
	"errors"
	"io"
	"net/http/httptrace"
	"sync"
)

// heldBody is a request body kept in memory while a retry may have to send
// it again, and let go as soon as none can: once the answer has begun and
// every attempt given a reader of it has written it upstream or ended. A
// stream then runs for minutes without its request body in memory (a Claude
// Code request carries the whole conversation, often hundreds of KiB), and
// the bytes reserved for it go back to the memBudget when the answer
// begins rather than when it ends.
//
// Every reader of the body is an io.NopCloser(*bytes.Reader), which
// net/http knows to be in memory (it then sends the head and a small body
// in one write). net/http keeps the reader of the attempt that answered
// until its response ends, so letting go means emptying that reader too,
// which is safe only on the goroutine that read it, once it is done with
// it: in the WroteRequest hook of the attempt's client trace.
type heldBody struct {
	mem *memBudget
	n   int64 // bytes reserved in mem

	mu      sync.Mutex
	b       []byte
	next    *bytes.Reader // made by getBody, not yet given to an attempt
	made    int           // readers made
	settled int           // readers emptied, or whose attempt failed
	began   bool          // the answer has begun: no more readers are made
	given   bool          // n went back to mem
}

// errBodyGone reports a request for the body after it was let go, which
// the proxy never makes.
var errBodyGone = errors.New("proxy: the request body was already let go")

// getBody is the GetBody of the outbound request: a new reader of the body.
func (h *heldBody) getBody() (io.ReadCloser, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.began {
		return nil, errBodyGone
	}
	br := bytes.NewReader(h.b)
	h.made++
	h.next = br
	return io.NopCloser(br), nil
}

// attempt binds the reader made last to the attempt about to be sent, or
// returns nil when there is none.
func (h *heldBody) attempt() *bodyAttempt {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.next == nil {
		return nil
	}
	a := &bodyAttempt{h: h, br: h.next}
	h.next = nil
	return a
}

// trace is the attempt's client trace: the state's GotConn hook, and a
// WroteRequest hook that empties the attempt's reader once written.
func (a *bodyAttempt) trace(gotConn func(httptrace.GotConnInfo)) *httptrace.ClientTrace {
	return &httptrace.ClientTrace{GotConn: gotConn, WroteRequest: a.wrote}
}

// bodyAttempt is one attempt's reader of a heldBody.
type bodyAttempt struct {
	h    *heldBody
	br   *bytes.Reader
	done bool // counted in h.settled; guarded by h.mu
}

// wrote is the WroteRequest hook, called on the goroutine that wrote the
// request. A failed write may be tried again by net/http with the same
// reader, so only a complete one empties it.
func (a *bodyAttempt) wrote(info httptrace.WroteRequestInfo) {
	if info.Err == nil {
		a.settle(true)
	}
}

// failed notes that the attempt ended without a response: net/http drops
// its reader (the write, if one began, fails with the connection).
func (a *bodyAttempt) failed() { a.settle(false) }

func (a *bodyAttempt) settle(empty bool) {
	h := a.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if a.done {
		return
	}
	a.done = true
	if empty {
		a.br.Reset(nil)
	}
	h.settled++
	h.giveIfDone()
}

// answerBegan is called once the retries are over: no reader is made any
// more, and the bytes are given back now if no attempt holds them.
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
	if h.began && h.settled == h.made {
		h.give()
	}
}

func (h *heldBody) give() {
	if !h.given {
		h.given = true
		h.mem.give(h.n)
	}
}
