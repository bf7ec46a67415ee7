// Package loopback tells whether a host or a listen address stays on this
// machine. The proxy and mock servers use it to refuse or warn about wider
// addresses, and the doctor to judge a plain-http base URL.
package loopback

import (
	"net"
	"strings"
)

// Host reports whether host names the loopback interface: "localhost" (in
// any case) or a loopback IP, with or without the brackets of an IPv6
// literal. An empty host is not loopback: a listener given one accepts on
// every interface.
func Host(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	if len(host) > 2 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Addr reports whether a listen address (host:port) stays on this machine,
// by [Host] on its host. An address with no host (":8787") or one that
// does not split into host and port is not loopback.
func Addr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && Host(host)
}

// Dialable turns a listener's address into one a client on this machine can
// dial: a listener on every interface reports 0.0.0.0 or [::], which is no
// address to hand to a client, so those become 127.0.0.1 with the same port.
// Anything else is returned unchanged.
func Dialable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", port)
	}
	return addr
}
