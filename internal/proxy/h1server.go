package proxy

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// h1Server serves an http.Handler over HTTP/1.1 on plain TCP connections.
// It is what [Proxy.Serve] runs, in place of net/http's Server, for one
// reason, measured (docs/proxy.md): net/http's Server starts a read of its
// own for every request, on a goroutine of its own, to learn when the
// client goes away, and ends it with a hand-off when the answer is done.
// On a loaded machine that hand-off costs more than the rest of the
// server. Here a connection has one goroutine, and it is watched for the
// client going away only once a request has run for watchAfter (see
// serverConn.watch); the fast answers never pay for it.
//
// Requests are parsed by net/http (http.ReadRequest), so what is accepted
// is what net/http's Server accepts, with its checks on top: the head's
// size, the Host header, Expect. Answers are framed as net/http frames
// them: a short answer the handler finished gets a Content-Length, a
// longer or flushed one is chunked, and HEAD, 1xx, 204 and 304 carry no
// body.
type h1Server struct {
	handler http.Handler
	log     *slog.Logger

	readHeaderTimeout time.Duration
	readTimeout       time.Duration
	idleTimeout       time.Duration
	maxHeaderBytes    int
	// watchAfter is how long a request runs before its connection is
	// watched for the client going away.
	watchAfter time.Duration
	// onWatch, if set, is told when a watch starts (-1) and what it read:
	// 1 byte, or 0 at its end (for tests).
	onWatch func(n int)

	mu    sync.Mutex
	conns map[*serverConn]struct{}
	down  atomic.Bool // shutdown or close has begun (set under mu)
	ln    net.Listener
	wg    sync.WaitGroup // one per connection goroutine
	done  chan struct{}  // closed once no connection is left during a shutdown
}

// serve accepts connections on ln until shutdown or close, and serves each
// on a goroutine of its own. It returns http.ErrServerClosed after those, and
// any other error of ln's Accept that is not a passing shortage (of file
// descriptors, say; those are waited out, as net/http does).
func (s *h1Server) serve(ln net.Listener) error {
	s.mu.Lock()
	if s.down.Load() {
		s.mu.Unlock()
		_ = ln.Close()
		return http.ErrServerClosed
	}
	s.ln = ln
	if s.conns == nil {
		s.conns = make(map[*serverConn]struct{})
	}
	s.mu.Unlock()

	var backoff time.Duration
	for {
		rwc, err := ln.Accept()
		if err != nil {
			if s.down.Load() {
				return http.ErrServerClosed
			}
			if !passing(err) {
				return err
			}
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			s.log.Warn("proxy: accepting a connection failed; trying again", "err", err, "retry_in", backoff.String())
			t := time.NewTimer(backoff)
			<-t.C
			continue
		}
		backoff = 0
		c := newServerConn(s, rwc)
		s.mu.Lock()
		if s.down.Load() {
			s.mu.Unlock()
			_ = rwc.Close()
			return http.ErrServerClosed
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go c.serve()
	}
}

// passing reports whether an Accept error is one that goes away by itself.
func passing(err error) bool {
	if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.ENOBUFS) || errors.Is(err, syscall.ENOMEM) {
		return true
	}
	ne, ok := errors.AsType[net.Error](err)
	return ok && ne.Timeout()
}

// shutdown stops accepting, closes the idle connections, and waits until
// the others have finished their request, or until ctx ends (its error is
// then returned, and the connections still open are left to close).
func (s *h1Server) shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.beginShutdown()
	for c := range s.conns {
		c.closeIfIdle()
	}
	done := s.done
	s.mu.Unlock()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close stops accepting and cuts every connection, ending the requests in
// flight: their contexts end with http.ErrServerClosed.
func (s *h1Server) close() {
	s.mu.Lock()
	s.beginShutdown()
	for c := range s.conns {
		c.cut()
	}
	s.mu.Unlock()
}

// wait waits for the connection goroutines to end.
func (s *h1Server) wait() { s.wg.Wait() }

// beginShutdown marks the server as shutting down and closes its listener.
// s.mu is held.
func (s *h1Server) beginShutdown() {
	if s.down.Load() {
		return
	}
	s.down.Store(true)
	if s.done == nil {
		s.done = make(chan struct{})
	}
	if len(s.conns) == 0 {
		close(s.done)
	}
	if s.ln != nil {
		_ = s.ln.Close()
	}
}

// forget drops a closed connection.
func (s *h1Server) forget(c *serverConn) {
	s.mu.Lock()
	delete(s.conns, c)
	if s.down.Load() && len(s.conns) == 0 {
		close(s.done)
	}
	s.mu.Unlock()
	s.wg.Done()
}

// idle marks c as waiting for a request, or not, and reports false when
// the server is shutting down and c should close instead. (shutdown sets
// down before it looks at idle, so a connection that goes idle after that
// look sees down here.)
func (s *h1Server) idle(c *serverConn, idle bool) bool {
	c.idle.Store(idle)
	return !s.down.Load()
}
