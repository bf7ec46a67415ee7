package proxy

import (
	"bytes"
	"io"
	"net"
	"runtime"
	"slices"
	"testing"
)

func TestHopConnScan(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   []string
	}{
		{"close with names", []string{"HTTP/1.1 200 OK\r\nConnection: A, close\r\nconnection: b\r\n\r\nbody"}, []string{"A", "b"}},
		{"split across reads", []string{"HTTP/1.1 200 OK\r\nConn", "ection: X-Hop, close\r", "\n\r\n{}"}, []string{"X-Hop"}},
		{"informational head first", []string{"HTTP/1.1 100 Continue\r\nConnection: Early\r\n\r\nHTTP/1.1 200 OK\r\nConnection: Late, close\r\n\r\n"}, []string{"Late"}},
		{"informational head, final head split", []string{"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nConnection: L", "ate, close\r\n\r\n"}, []string{"Late"}},
		{"head split before its version", []string{"HTT", "P/1.1 200 OK\r\nConnection: A\r\n\r\n"}, []string{"A"}},
		{"tab after the version", []string{"HTTP/1.1\t103 Early Hints\r\nConnection: E\r\n\r\nHTTP/1.1 204 No Content\r\nConnection: F\r\n\r\n"}, []string{"F"}},
		{"bare LF", []string{"HTTP/1.1 200 OK\nConnection: A, close\n\n"}, []string{"A"}},
		{"keep-alive only", []string{"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\n"}, nil},
		{"not HTTP/1", []string{"\x16\x03\x03\x00\x7aConnection: A\r\n\r\n"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &hopConn{state: hopHead}
			for _, ch := range tt.chunks {
				c.scan([]byte(ch))
			}
			if !slices.Equal(c.names, tt.want) {
				t.Errorf("names %q, want %q", c.names, tt.want)
			}
		})
	}
}

// countConn is a connection whose writes are counted and dropped.
type countConn struct {
	net.Conn
	n int
}

func (c *countConn) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

// onlyReader hides any WriterTo of its Reader, as net/http's wrapper of a
// request body does.
type onlyReader struct{ io.Reader }

// A request body bigger than the connection's write buffer reaches the
// connection whole through a pooled buffer, not through a 32 KiB one
// allocated for each request.
func TestHopConnReadFromPooled(t *testing.T) {
	const size, runs = 100 << 10, 20
	body := bytes.Repeat([]byte("x"), size)
	c := &hopConn{Conn: &countConn{}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		n, err := io.Copy(c, onlyReader{bytes.NewReader(body)}) // as net/http sends it
		if err != nil || n != size {
			t.Fatalf("io.Copy = %d, %v; want %d", n, err, size)
		}
	}
	runtime.ReadMemStats(&after)
	if got := c.Conn.(*countConn).n; got != runs*size {
		t.Errorf("the connection got %d bytes, want %d", got, runs*size)
	}
	// The pool may lose its buffer now and then (a collection, or -race
	// dropping puts on purpose); a copy buffer per request is 32 KiB.
	if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 10<<10 {
		t.Errorf("%d bytes allocated per body sent", per)
	}
}
