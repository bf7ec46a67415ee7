//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package proxy

import (
	"errors"
	"syscall"
)

// alive reports whether an idle connection can still carry a request: the
// upstream has neither closed it nor sent anything unasked. It peeks at the
// socket without blocking, one system call.
func (c *h1Conn) alive() bool {
	raw := c.conn
	if hc, ok := raw.(*hopConn); ok {
		raw = hc.Conn
	}
	sc, ok := raw.(syscall.Conn)
	if !ok {
		return true
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	open := false
	err = rc.Read(func(fd uintptr) bool {
		var b [1]byte
		_, _, rerr := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		open = errors.Is(rerr, syscall.EAGAIN)
		return true
	})
	return err == nil && open
}
