package proxy

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/http/httpguts"
)

// maxDiscard is how much of a request body the handler left unread is read
// and dropped so that the connection can carry the next request; a longer
// rest closes it (net/http's figure).
const maxDiscard = 256 << 10

// errClientGone is the cause a request's context ends with when its
// client closed the connection.
var errClientGone = errors.New("proxy: the client closed the connection")

// serverConn is one client connection of an h1Server, served on one
// goroutine, one request at a time.
type serverConn struct {
	srv    *h1Server
	rwc    net.Conn
	remote string
	br     *bufio.Reader
	bw     *bufio.Writer
	w      responseWriter

	// Read through connReader: the head's bound, and the byte the watch
	// may have read of the next request.
	limit   int64 // bytes the head may still take; < 0: no bound
	hasByte bool
	oneByte [1]byte

	// idle is set while the connection waits for a request.
	idle atomic.Bool

	// The watch for a client that goes away (see watch).
	bodyDone atomic.Bool // the request body was read to its end
	timer    *time.Timer
	wmu      sync.Mutex
	wstate   watchState
	cancel   context.CancelCauseFunc // the request's; nil between requests
	wdone    chan struct{}
	gone     bool // the watch saw the connection end
}

type watchState uint8

const (
	watchOff      watchState = iota // no request, or it ended
	watchArmed                      // a request runs; the timer may start the watch
	watchOn                         // the watch reads the connection
	watchStopping                   // the request ended; the watch is being stopped
)

func newServerConn(s *h1Server, rwc net.Conn) *serverConn {
	c := &serverConn{srv: s, rwc: rwc, remote: rwc.RemoteAddr().String(), limit: -1}
	c.br = bufio.NewReaderSize(connReader{c}, connBufSize)
	c.bw = bufio.NewWriterSize(rwc, connBufSize)
	c.w.c = c
	c.timer = time.AfterFunc(time.Hour, c.startWatch)
	c.timer.Stop()
	return c
}

// connReader is what the connection's bufio.Reader reads from.
type connReader struct{ c *serverConn }

func (r connReader) Read(p []byte) (int, error) {
	c := r.c
	if len(p) == 0 {
		return 0, nil
	}
	if c.hasByte {
		c.hasByte = false
		p[0] = c.oneByte[0]
		return 1, nil
	}
	if c.limit >= 0 {
		if c.limit == 0 {
			return 0, io.EOF
		}
		if int64(len(p)) > c.limit {
			p = p[:c.limit]
		}
	}
	n, err := c.rwc.Read(p)
	if c.limit >= 0 {
		c.limit -= int64(n)
	}
	return n, err
}

// serve reads and answers requests until the connection ends.
func (c *serverConn) serve() {
	defer c.srv.forget(c)
	defer c.rwc.Close()
	defer c.timer.Stop()
	for {
		if !c.srv.idle(c, true) {
			return
		}
		var err error
		if c.br.Buffered() == 0 { // else the next request is here already
			_ = c.rwc.SetReadDeadline(time.Now().Add(c.srv.idleTimeout))
			yieldBeforeRead()
			_, err = c.br.Peek(1)
		}
		if !c.srv.idle(c, false) || err != nil {
			return
		}
		req, err := c.readRequest()
		if err != nil {
			c.refuse(err)
			return
		}
		if !c.handle(req) {
			return
		}
	}
}

// closeIfIdle closes the connection if it waits for a request. srv.mu is
// held.
func (c *serverConn) closeIfIdle() {
	if c.idle.Load() {
		_ = c.rwc.Close()
	}
}

// cut closes the connection and ends the context of its request. srv.mu
// is held.
func (c *serverConn) cut() {
	c.wmu.Lock()
	if c.cancel != nil {
		c.cancel(http.ErrServerClosed)
	}
	c.wmu.Unlock()
	_ = c.rwc.Close()
}

// requestError is a request the server answers itself, without the
// handler.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

// readRequest reads the next request's head and checks it as net/http's
// Server does.
func (c *serverConn) readRequest() (*http.Request, error) {
	t0 := time.Now()
	_ = c.rwc.SetReadDeadline(t0.Add(c.srv.readHeaderTimeout))
	c.limit = int64(c.srv.maxHeaderBytes) + 4096 // net/http's slack for the request line
	req, err := http.ReadRequest(c.br)
	hitLimit := c.limit == 0
	c.limit = -1
	if err != nil {
		if hitLimit {
			return nil, &requestError{http.StatusRequestHeaderFieldsTooLarge, "Request Header Fields Too Large"}
		}
		if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, err // nothing to answer, or no one to answer
		}
		return nil, &requestError{http.StatusBadRequest, "Bad Request"}
	}
	if req.ContentLength < 0 || int64(c.br.Buffered()) < req.ContentLength {
		// The body is still to come. (A body at hand in full needs no
		// deadline: nothing more is read for it.)
		_ = c.rwc.SetReadDeadline(t0.Add(c.srv.readTimeout))
	}
	if req.ProtoMajor != 1 {
		return nil, &requestError{http.StatusHTTPVersionNotSupported, "HTTP Version Not Supported"}
	}
	// http.ReadRequest has moved the Host header to req.Host (and refused
	// two of them); an empty one is taken as missing.
	if req.ProtoAtLeast(1, 1) && req.Host == "" && req.Method != http.MethodConnect {
		return nil, &requestError{http.StatusBadRequest, "Bad Request: missing required Host header"}
	}
	if !httpguts.ValidHostHeader(req.Host) {
		return nil, &requestError{http.StatusBadRequest, "Bad Request: malformed Host header"}
	}
	for k, vv := range req.Header {
		if !httpguts.ValidHeaderFieldName(k) {
			return nil, &requestError{http.StatusBadRequest, "Bad Request: invalid header name"}
		}
		for _, v := range vv {
			if !httpguts.ValidHeaderFieldValue(v) {
				return nil, &requestError{http.StatusBadRequest, "Bad Request: invalid header value"}
			}
		}
	}
	if e, ok := req.Header["Expect"]; ok && !(len(e) == 1 && strings.EqualFold(e[0], "100-continue") && req.ProtoAtLeast(1, 1)) {
		return nil, &requestError{http.StatusExpectationFailed, "Expectation Failed: unsupported Expect header"}
	}
	req.RemoteAddr = c.remote
	return req, nil
}

// refuse answers a request that could not be read, when there is someone
// to answer: a short plain-text error, and the connection closes.
func (c *serverConn) refuse(err error) {
	re, ok := errors.AsType[*requestError](err)
	if !ok {
		return
	}
	body := fmt.Sprintf("%d %s", re.status, re.msg)
	_, _ = fmt.Fprintf(c.bw, "HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", re.status, http.StatusText(re.status), len(body), body)
	_ = c.rwc.SetWriteDeadline(time.Now().Add(c.srv.readHeaderTimeout))
	if c.bw.Flush() != nil {
		return
	}
	c.closeGently()
}

// closeGently ends the sending side of the connection and reads and drops
// what the client still sends, for refuseLinger at most, before the
// connection is closed. Closing with bytes unread would send a reset,
// which can make the client drop the answer before it reads it; net/http
// waits the same time for the same reason.
func (c *serverConn) closeGently() {
	if cw, ok := c.rwc.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	}
	_ = c.rwc.SetReadDeadline(time.Now().Add(refuseLinger))
	_, _ = io.Copy(io.Discard, c.rwc)
}

// refuseLinger is how long closeGently reads what a client still sends.
const refuseLinger = 500 * time.Millisecond

// handle runs the handler for req and finishes its answer. It reports
// whether the connection may carry another request.
func (c *serverConn) handle(req *http.Request) (keep bool) {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	req = req.WithContext(ctx)
	body := c.wrapBody(req)

	c.wmu.Lock()
	c.cancel, c.gone, c.wstate = cancel, false, watchArmed
	c.wmu.Unlock()
	c.timer.Reset(c.srv.watchAfter)

	w := &c.w
	w.reset(req)
	ok := c.run(w, req)
	gone := c.endWatch()
	if !ok || gone {
		return false
	}
	if err := w.finish(); err != nil {
		return false
	}
	if w.closeAfter || req.Close {
		if !c.bodyDone.Load() {
			c.closeGently()
		}
		return false
	}
	if !c.drain(body) {
		c.closeGently()
		return false
	}
	return true
}

// run calls the handler, and reports false when it panicked: the
// connection then closes without a clean end of the answer. A panic other
// than http.ErrAbortHandler is logged.
func (c *serverConn) run(w *responseWriter, req *http.Request) (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			ok = false
			if v != http.ErrAbortHandler {
				c.srv.log.Error("proxy: the handler panicked; the connection is closed", "remote", c.remote, "panic", fmt.Sprint(v))
			}
		}
	}()
	c.srv.handler.ServeHTTP(w, req)
	return true
}

// drain reads what the handler left of the request body, up to
// maxDiscard, and reports whether the connection can go on.
func (c *serverConn) drain(body *requestBody) bool {
	if body == nil || c.bodyDone.Load() {
		return true
	}
	if body.expect && !body.continued {
		return false // the client waits for a 100 Continue it will not get
	}
	n, err := io.CopyN(io.Discard, body, maxDiscard+1)
	return n <= maxDiscard && errors.Is(err, io.EOF)
}

// wrapBody puts req's body behind a requestBody, which notes when it has
// been read to its end and sends 100 Continue when one is expected. It
// returns nil when req has no body.
func (c *serverConn) wrapBody(req *http.Request) *requestBody {
	if req.Body == nil || req.Body == http.NoBody {
		c.bodyDone.Store(true)
		return nil
	}
	c.bodyDone.Store(false)
	b := &requestBody{rc: req.Body, c: c, expect: req.Header.Get("Expect") != ""}
	req.Body = b
	return b
}

// requestBody is a request's body as the handler reads it.
type requestBody struct {
	rc        io.ReadCloser
	c         *serverConn
	expect    bool // the client waits for 100 Continue before it sends
	continued bool // 100 Continue was sent
}

func (b *requestBody) Read(p []byte) (int, error) {
	if b.expect && !b.continued {
		b.continued = true
		if !b.c.w.committed {
			_, _ = b.c.bw.WriteString("HTTP/1.1 100 Continue\r\n\r\n")
			if err := b.c.bw.Flush(); err != nil {
				return 0, err
			}
		}
	}
	n, err := b.rc.Read(p)
	if errors.Is(err, io.EOF) {
		b.c.bodyDone.Store(true)
	}
	return n, err
}

// Close is a no-op, as for net/http's Server: what is left of the body is
// drained (or the connection closed) once the handler returns.
func (b *requestBody) Close() error { return nil }

// startWatch runs on the timer once a request has run for watchAfter. If
// the request's body has been read, it reads the connection on a goroutine
// of its own: an end of the connection then ends the request's context
// (errClientGone), and a byte (the next request's, sent early) is kept for
// the next read. Until the body is read it waits another watchAfter.
func (c *serverConn) startWatch() {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.wstate != watchArmed {
		return // the request ended
	}
	if !c.bodyDone.Load() {
		c.timer.Reset(c.srv.watchAfter)
		return
	}
	if c.br.Buffered() > 0 {
		return // the next request is here already: nothing to watch
	}
	c.wstate = watchOn
	c.wdone = make(chan struct{})
	// The request's read deadline no longer applies. It is cleared here,
	// under wmu, so that endWatch's deadline in the past always comes
	// after it.
	_ = c.rwc.SetReadDeadline(time.Time{})
	go c.watch(c.wdone)
}

func (c *serverConn) watch(done chan struct{}) {
	defer close(done)
	if c.srv.onWatch != nil {
		c.srv.onWatch(-1)
	}
	n, err := c.rwc.Read(c.oneByte[:])
	if c.srv.onWatch != nil {
		c.srv.onWatch(n)
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	switch {
	case n == 1:
		c.hasByte = true
	case err != nil && c.wstate == watchOn:
		c.gone = true
		c.cancel(errClientGone)
	}
}

// endWatch stops the watch of the request that just ended, and reports
// whether it saw the connection end.
func (c *serverConn) endWatch() (gone bool) {
	c.timer.Stop()
	c.wmu.Lock()
	on := c.wstate == watchOn
	if on {
		c.wstate = watchStopping
	} else {
		c.wstate = watchOff
	}
	c.cancel = nil
	done := c.wdone
	c.wmu.Unlock()
	if !on {
		return false
	}
	_ = c.rwc.SetReadDeadline(aLongTimeAgo)
	<-done
	c.wmu.Lock()
	c.wstate = watchOff
	gone = c.gone
	c.wmu.Unlock()
	return gone
}
