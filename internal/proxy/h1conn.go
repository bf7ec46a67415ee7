package proxy

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"time"
)

// maxResponseHead bounds the bytes of the response heads of one attempt
// (1xx heads and the final one), as net/http's MaxResponseHeaderBytes does.
const maxResponseHead = 1 << 20

// writeErrorGrace is how long an attempt whose request could not be written
// whole still waits for an answer the upstream may have sent before it
// stopped reading (a 413 for a body it will not take, say).
const writeErrorGrace = 50 * time.Millisecond

// errHeadTooLarge ends an attempt whose response head passes
// maxResponseHead.
var errHeadTooLarge = fmt.Errorf("proxy: the upstream's response head is over %d bytes", maxResponseHead)

// errSwitchedProtocols ends an attempt the upstream answered 101: the
// proxy removes Upgrade from requests, so it relays no other protocol.
var errSwitchedProtocols = errors.New("proxy: the upstream switched protocols, which the proxy does not relay")

// aLongTimeAgo is a deadline in the past: setting it ends a blocked read or
// write at once.
var aLongTimeAgo = time.Unix(1, 0)

// writerPool holds the buffers requests are written through. A connection
// writes only while it sends a request, so it does not keep one.
var writerPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4<<10) }}

// h1Conn is one upstream connection of the direct HTTP/1.1 path. It is
// used by one attempt at a time, on that attempt's goroutine.
type h1Conn struct {
	conn   net.Conn // a hopConn, so that Connection names are noted
	br     *bufio.Reader
	pool   *h1Pool
	addr   string
	idleAt time.Time

	nread int64 // bytes read from conn
	start int64 // nread when the attempt began
	limit int64 // reads past it fail with errHeadTooLarge; < 0 means none
}

func newH1Conn(conn net.Conn, p *h1Pool, addr string) *h1Conn {
	c := &h1Conn{conn: conn, pool: p, addr: addr, limit: -1}
	c.br = bufio.NewReaderSize(c, connBufSize)
	return c
}

// Read reads from the connection for c.br, counting and bounding.
func (c *h1Conn) Read(p []byte) (int, error) {
	if c.limit >= 0 {
		left := c.limit - c.nread
		if left <= 0 {
			return 0, errHeadTooLarge
		}
		if int64(len(p)) > left {
			p = p[:left]
		}
	}
	n, err := c.conn.Read(p)
	c.nread += int64(n)
	return n, err
}

func (c *h1Conn) close() { _ = c.conn.Close() }

// interrupt ends the attempt's blocked read or write; it is called when the
// attempt's context ends.
func (c *h1Conn) interrupt() { _ = c.conn.SetDeadline(aLongTimeAgo) }

// readBy sets the read deadline, then returns the error of the attempt's
// context, if it has ended. Every deadline the attempt sets goes through
// it: one set after the interrupt's would replace it and leave a read
// waiting, so the context is checked after it (an interrupt that comes
// later sets its own).
func (c *h1Conn) readBy(ctx context.Context, t time.Time) error {
	_ = c.conn.SetReadDeadline(t)
	return ctx.Err()
}

// roundTrip sends req for the direct path, on a connection from the pool.
// A reused connection that fails before any of the answer arrives is
// replaced by a new one, once, when nothing of the request could have been
// acted on or it may be sent twice (see replayable); that is a kept-alive
// connection the upstream closed while the request was on its way.
func (p *h1Pool) roundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	trace := httptrace.ContextClientTrace(ctx)
	addr := addrOf(req.URL)
	for again := false; ; again = true {
		if ctx.Err() != nil {
			closeRequestBody(req)
			return nil, context.Cause(ctx)
		}
		c, reused, idle, err := p.get(ctx, addr)
		if err != nil {
			closeRequestBody(req)
			if ctx.Err() != nil {
				return nil, context.Cause(ctx)
			}
			return nil, err
		}
		if trace != nil && trace.GotConn != nil {
			trace.GotConn(httptrace.GotConnInfo{Conn: c.conn, Reused: reused, WasIdle: reused, IdleTime: idle})
		}
		resp, wroteAll, err := c.roundTrip(ctx, req)
		if err == nil {
			return resp, nil
		}
		if again || !reused || c.nread > c.start || ctx.Err() != nil || !(replayable(req) || !wroteAll) {
			return nil, err
		}
		if req, err = rewound(req); err != nil {
			return nil, err
		}
	}
}

// replayable reports whether req may be sent again after an upstream may
// have acted on it: as net/http decides, an idempotent method or a request
// that carries an idempotency key.
func replayable(req *http.Request) bool {
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	_, a := req.Header["Idempotency-Key"]
	_, b := req.Header["X-Idempotency-Key"]
	return a || b
}

// rewound is req with its body read from the start again.
func rewound(req *http.Request) (*http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return req, nil
	}
	if req.GetBody == nil {
		return nil, errors.New("proxy: the upstream closed a kept-alive connection and the request body cannot be sent again")
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	again := *req
	again.Body = body
	return &again, nil
}

func closeRequestBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// roundTrip writes req on c and reads the head of its answer. The body, if
// any, is read by the caller through the response; c goes back to the pool
// once it is read to its end. On an error c is closed; wroteAll says
// whether the whole request was written.
func (c *h1Conn) roundTrip(ctx context.Context, req *http.Request) (resp *http.Response, wroteAll bool, err error) {
	stop := context.AfterFunc(ctx, c.interrupt)
	fail := func(err error) (*http.Response, bool, error) {
		stop()
		c.close()
		if ctx.Err() != nil {
			err = context.Cause(ctx)
		}
		return nil, wroteAll, err
	}

	// Request.Write calls the trace's WroteRequest hook itself, as the
	// net/http Transport's writes do, once the request is in the buffer.
	c.start = c.nread
	bw := writerPool.Get().(*bufio.Writer)
	bw.Reset(c.conn)
	werr := req.Write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	bw.Reset(nil)
	writerPool.Put(bw)
	wroteAll = werr == nil
	wait := c.pool.headerTimeout
	if werr != nil {
		// The upstream may have answered already; such an answer is
		// taken, and the connection not kept.
		wait = writeErrorGrace
	}
	if c.readBy(ctx, time.Now().Add(wait)) != nil {
		return fail(werr)
	}

	c.limit = c.nread + maxResponseHead
	yieldBeforeRead()
	resp, err = readFinalResponse(c.br, req)
	c.limit = -1
	if err != nil {
		if werr != nil {
			err = werr
		}
		return fail(err)
	}
	if c.readBy(ctx, time.Time{}) != nil {
		// The body is not closed: net/http's Close would read it to its
		// end. Closing the connection drops it.
		return fail(ctx.Err())
	}
	keep := werr == nil && !resp.Close && !req.Close
	if resp.Body == http.NoBody {
		c.release(stop, keep)
		return resp, wroteAll, nil
	}
	resp.Body = &h1Body{rc: resp.Body, c: c, ctx: ctx, stop: stop, keep: keep}
	return resp, wroteAll, nil
}

// readFinalResponse reads response heads until the final one: 1xx heads
// (100 Continue, 103 Early Hints) are passed over.
func readFinalResponse(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	for {
		resp, err := http.ReadResponse(br, req)
		if err != nil {
			return nil, err
		}
		switch {
		case resp.StatusCode == http.StatusSwitchingProtocols:
			return nil, errSwitchedProtocols
		case resp.StatusCode >= 100 && resp.StatusCode < 200:
			continue
		}
		return resp, nil
	}
}

// release ends an attempt whose answer was read whole: c goes back to the
// pool when keep says the upstream allows it, the context's interrupt had
// not fired and nothing follows the answer; otherwise it is closed.
func (c *h1Conn) release(stop func() bool, keep bool) {
	if stop() && keep && c.br.Buffered() == 0 {
		c.pool.put(c)
		return
	}
	c.close()
}

// h1Body is the body of a response on the direct path. Read to its end, it
// gives its connection back to the pool; closed before, it closes it (the
// rest of a stream is not worth reading). Close may be called from another
// goroutine than Read.
type h1Body struct {
	rc   io.ReadCloser // net/http's reader of the body, over c.br
	c    *h1Conn
	ctx  context.Context
	stop func() bool // stops the attempt's interrupt
	keep bool
	done atomic.Bool // the connection was released or closed
}

func (b *h1Body) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	switch {
	case err == nil:
		return n, nil
	case err == io.EOF:
		if b.done.CompareAndSwap(false, true) {
			b.c.release(b.stop, b.keep)
		}
		return n, io.EOF
	}
	b.end()
	if b.ctx.Err() != nil {
		err = context.Cause(b.ctx)
	}
	return n, err
}

// Close closes the connection unless the body was read to its end.
func (b *h1Body) Close() error {
	b.end()
	return nil
}

func (b *h1Body) end() {
	if b.done.CompareAndSwap(false, true) {
		b.stop()
		b.c.close()
	}
}
