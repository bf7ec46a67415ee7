package mock

import (
	"fmt"
	"net"
)

// ClosedURL returns the URL of a loopback port that nothing listens on, so
// that a client pointed at it gets a refused connection: the one fault a
// running server cannot produce. It takes a free port from the system and
// closes it at once; another program could take the port in between, which
// on loopback is rare enough for tests.
func ClosedURL() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("mock: %w", err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return "", fmt.Errorf("mock: %w", err)
	}
	return "http://" + addr, nil
}
