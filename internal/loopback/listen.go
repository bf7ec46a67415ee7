package loopback

import (
	"context"
	"fmt"
	"net"
)

// NotLoopbackError is what [Listen] returns when the address it bound is
// not loopback and remote clients were not allowed.
type NotLoopbackError struct {
	// Addr is the listen address as given; Bound is where it was bound.
	Addr, Bound string
}

// Error says which address was refused and, when a name was bound elsewhere,
// where it was bound.
func (e *NotLoopbackError) Error() string {
	if e.Addr == e.Bound {
		return fmt.Sprintf("%s is not a loopback address", e.Addr)
	}
	return fmt.Sprintf("%s is bound to %s, which is not a loopback address", e.Addr, e.Bound)
}

// Listen listens on addr (host:port, TCP) and, unless allowRemote, makes
// sure that the address actually bound is a loopback one: a name such as
// "localhost" is judged by what it resolved to, not by how it is spelled.
// When it is not, the listener is closed and a *NotLoopbackError returned.
func Listen(ctx context.Context, addr string, allowRemote bool) (net.Listener, error) {
	return listenWith(ctx, addr, allowRemote, func(ctx context.Context, addr string) (net.Listener, error) {
		var lc net.ListenConfig
		return lc.Listen(ctx, "tcp", addr)
	})
}

func listenWith(ctx context.Context, addr string, allowRemote bool, listen func(context.Context, string) (net.Listener, error)) (net.Listener, error) {
	if host, _, err := net.SplitHostPort(addr); err == nil && !allowRemote && !Host(host) {
		// No host, or an IP that is not loopback: refused without binding.
		// A name is judged once bound, by what it resolved to.
		if ip := net.ParseIP(host); host == "" || ip != nil {
			return nil, &NotLoopbackError{Addr: addr, Bound: addr}
		}
	}
	ln, err := listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	if !allowRemote && !Bound(ln) {
		_ = ln.Close()
		return nil, &NotLoopbackError{Addr: addr, Bound: ln.Addr().String()}
	}
	return ln, nil
}

// Bound reports whether ln accepts only on a loopback address, by the
// address it is bound to.
func Bound(ln net.Listener) bool {
	a, ok := ln.Addr().(*net.TCPAddr)
	return ok && a.IP.IsLoopback()
}
