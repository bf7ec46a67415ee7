package mock

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"log"
	"net"
	"sync"
)

// net/http canonicalises header names (x-api-key becomes X-Api-Key) and
// forgets their order, yet what a client really sent is the point of a
// recording. So the listener keeps the bytes each connection reads, and the
// handler cuts its request's header block out of them. HTTP/1 only.

// maxRawHeader bounds a request's header block (also the server's
// MaxHeaderBytes); maxRawBuf bounds what a connection keeps between requests.
const (
	maxRawHeader = 64 << 10
	maxRawBuf    = 2*maxRawHeader + 8<<10
)

var discardLog = log.New(io.Discard, "", 0)

type connKey struct{}

// rawListener wraps accepted connections in rawConn, doing the server side
// of TLS itself when tls is set, so that the recorded bytes are plaintext.
type rawListener struct {
	net.Listener
	tls *tls.Config
}

func (l *rawListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	inner := c
	if l.tls != nil {
		inner = tls.Server(c, l.tls)
	}
	return &rawConn{Conn: inner}, nil
}

// rawConn records what it reads, keeping at most maxRawBuf bytes. It
// stops recording while a handler runs (the body is not needed) and starts
// again when the handler returns, before the client can send the next
// request (clients do not pipeline).
type rawConn struct {
	net.Conn
	mu     sync.Mutex
	buf    []byte
	paused bool
}

func (c *rawConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.paused {
			return n, err
		}
		c.buf = append(c.buf, p[:n]...)
		if over := len(c.buf) - maxRawBuf; over > 0 {
			// Only body bytes pile up here (a body the handler did not
			// read, drained after it returned): a header block is at most
			// maxRawHeader.
			c.buf = append(c.buf[:0], c.buf[over:]...)
		}
	}
	return n, err
}

// resume records again once a handler has returned.
func (c *rawConn) resume() {
	c.mu.Lock()
	c.paused = false
	c.mu.Unlock()
}

// NetConn returns the TCP connection underneath (under TLS too).
func (c *rawConn) NetConn() net.Conn {
	if t, ok := c.Conn.(*tls.Conn); ok {
		return t.NetConn()
	}
	return c.Conn
}

// takeHeader returns the request line and header block that starts with
// requestLine, forgets what was read, and pauses recording. It returns ""
// when the block is not found (e.g. a body that mimicked a request line was
// cut off by the bound).
func (c *rawConn) takeHeader(requestLine string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	i := bytes.Index(c.buf, []byte(requestLine))
	if i < 0 {
		return ""
	}
	end := bytes.Index(c.buf[i:], []byte("\r\n\r\n"))
	if end < 0 {
		return ""
	}
	end += i + 4
	raw := string(c.buf[i:end])
	c.buf = c.buf[:0]
	c.paused = true
	return raw
}

func connContext(ctx context.Context, c net.Conn) context.Context {
	if rc, ok := c.(*rawConn); ok {
		return context.WithValue(ctx, connKey{}, rc)
	}
	return ctx
}

// tcpConn finds the TCP connection under a hijacked connection.
func tcpConn(c net.Conn) (*net.TCPConn, bool) {
	for {
		switch v := c.(type) {
		case *net.TCPConn:
			return v, true
		case interface{ NetConn() net.Conn }:
			c = v.NetConn()
		default:
			return nil, false
		}
	}
}
