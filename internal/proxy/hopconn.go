package proxy

import (
	"bytes"
	"net"
	"net/textproto"
	"strings"
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

// scan adds b to the head being read and parses it once complete. c.mu
// must be held.
func (c *hopConn) scan(b []byte) {
	c.head = append(c.head, b...)
	for c.state == hopHead {
		if len(c.head) >= 7 && !bytes.HasPrefix(c.head, []byte("HTTP/1.")) || len(c.head) > maxHeadScan {
			c.state, c.head, c.names = hopOff, nil, nil
			return
		}
		end, next := headEnd(c.head)
		if end < 0 {
			return
		}
		head := strings.ReplaceAll(string(c.head[:end]), "\r\n", "\n")
		c.head = c.head[next:]
		status, _, _ := strings.Cut(head, "\n")
		if code := strings.Fields(status); len(code) > 1 && strings.HasPrefix(code[1], "1") && code[1] != "101" {
			continue // an informational head; the final one follows
		}
		c.names = connectionNames(head)
		c.state, c.head = hopBody, c.head[:0]
	}
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
// of a raw head (lines ending in LF), less "close" and "keep-alive".
func connectionNames(head string) []string {
	var names []string
	for line := range strings.SplitSeq(head, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || !strings.EqualFold(textproto.TrimString(name), "Connection") {
			continue
		}
		for tok := range strings.SplitSeq(value, ",") {
			tok = textproto.TrimString(tok)
			if tok != "" && !strings.EqualFold(tok, "close") && !strings.EqualFold(tok, "keep-alive") {
				names = append(names, tok)
			}
		}
	}
	return names
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
