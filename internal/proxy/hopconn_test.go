package proxy

import (
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
