package proxy

import (
	"bytes"
	"io"
	"net"
	"sync"
)

// maxHeadScan bounds the bytes of one response head kept to find its
// Connection header.
const maxHeadScan = 64 << 10

// hopConn is an upstream HTTP/1 connection that notes the names in the
// Connection header of each response head as it is read. net/http drops a
// response's Connection header when it holds "close", and the fields it
// names with it would otherwise pass to the client as end-to-end fields
// (RFC 9110 section 7.6.1).
//
// Go's transport writes a request before it reads its response and never
// pipelines, so a write after a response head starts the next head. Bytes
// that do not start a head ("HTTP/1.") turn the scanning off for good: a
// TLS tunnel through a proxy, for instance.
type hopConn struct {
	net.Conn

	mu    sync.Mutex
	state int
	head  []byte
	names []string // names in the Connection fields of the last head
}

const (
	hopBody = iota // reading a body, or nothing yet: the next write starts a head
	hopHead        // reading a response head
	hopOff         // not HTTP/1 as far as can be seen: nothing is noted
)

func (c *hopConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	if c.state == hopBody {
		c.state, c.head = hopHead, c.head[:0]
	}
	c.mu.Unlock()
	return c.Conn.Write(p)
}

// ReadFrom sends a request body through a pooled buffer. net/http hands a
// body bigger than the connection's write buffer to io.Copy, which would
// allocate 32 KiB for each request otherwise.
func (c *hopConn) ReadFrom(r io.Reader) (int64, error) {
	bufp := copyBufPool.Get().(*[]byte)
	defer copyBufPool.Put(bufp)
	return io.CopyBuffer(writerOnly{c}, r, *bufp)
}

// writerOnly hides every method of its Writer but Write, so that
// io.CopyBuffer uses the buffer it is given.
type writerOnly struct{ io.Writer }

func (c *hopConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		if c.state == hopHead {
			c.scan(p[:n])
		}
		c.mu.Unlock()
	}
	return n, err
}

// scan reads b as part of the head being read and parses the head once
// complete. A head that arrives whole in one read, the usual case, is
// parsed where it lies; only a head split across reads is gathered in
// c.head. c.mu must be held.
func (c *hopConn) scan(b []byte) {
	buf := b
	if len(c.head) > 0 {
		c.head = append(c.head, b...)
		buf = c.head
	}
	for c.state == hopHead {
		if len(buf) >= 7 && !bytes.HasPrefix(buf, []byte("HTTP/1.")) || len(buf) > maxHeadScan {
			c.state, c.head, c.names = hopOff, nil, nil
			return
		}
		end, next := headEnd(buf)
		if end < 0 {
			// Keep what there is of the head for the next read (append
			// copes with buf lying inside c.head).
			c.head = append(c.head[:0], buf...)
			return
		}
		head := buf[:end]
		buf = buf[next:]
		if code := statusCode(head); len(code) > 0 && code[0] == '1' && string(code) != "101" {
			continue // an informational head; the final one follows
		}
		c.names = connectionNames(head)
		c.state, c.head = hopBody, c.head[:0]
	}
}

// statusCode is the second field of a head's status line ("200" in
// "HTTP/1.1 200 OK"), or nil.
func statusCode(head []byte) []byte {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	i := bytes.IndexAny(line, " \t\r")
	if i < 0 {
		return nil
	}
	rest := bytes.TrimLeft(line[i:], " \t\r")
	if j := bytes.IndexAny(rest, " \t\r"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// headEnd finds the blank line that ends a head (CRLF or, as net/http
// also accepts, bare LF line ends): the head's length and where what
// follows it starts, or -1.
func headEnd(b []byte) (end, next int) {
	for i := bytes.IndexByte(b, '\n'); i >= 0; {
		rest := b[i+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("\r\n")):
			return i + 1, i + 3
		case bytes.HasPrefix(rest, []byte("\n")):
			return i + 1, i + 2
		}
		j := bytes.IndexByte(rest, '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return -1, -1
}

// connectionNames returns the field names listed in the Connection fields
// of a raw head (lines ending in CRLF or LF), less "close" and "keep-alive".
// It allocates only for the names it returns.
func connectionNames(head []byte) []string {
	var names []string
	for len(head) > 0 {
		var line []byte
		line, head, _ = bytes.Cut(head, []byte("\n"))
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || !bytes.EqualFold(trimSpace(name), []byte("Connection")) {
			continue
		}
		for len(value) > 0 {
			var tok []byte
			tok, value, _ = bytes.Cut(value, []byte(","))
			tok = trimSpace(tok)
			if len(tok) > 0 && !bytes.EqualFold(tok, []byte("close")) && !bytes.EqualFold(tok, []byte("keep-alive")) {
				names = append(names, string(tok))
			}
		}
	}
	return names
}

// trimSpace trims what textproto.TrimString does: ASCII space, tab, CR, LF.
func trimSpace(b []byte) []byte {
	return bytes.Trim(b, " \t\r\n")
}

// connNames returns the Connection names of the last response head read on
// conn, if conn is a hopConn.
func connNames(conn net.Conn) []string {
	c, ok := conn.(*hopConn)
	if !ok {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.names
}
