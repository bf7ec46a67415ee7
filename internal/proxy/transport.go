package proxy

import (
	"net/http"
)

// UpstreamTransport performs the proxy's upstream attempts; it is the
// [Config.Transport] that [New] builds when none is given.
//
// A request for a plain-HTTP upstream that no proxy stands in front of (a
// gateway or a mock on the same network, as in bench/proxy.sh) goes over
// HTTP/1.1 on the goroutine that makes it: the request is written and its
// response read there, and a connection has no goroutines of its own.
// net/http's Transport runs two per connection and hands every request and
// every response between them and the caller; under load those hand-offs
// cost more than the proxy's own work, and each open stream pays for their
// stacks. Everything else (https, with its TLS and HTTP/2, and upstreams
// reached through HTTPS_PROXY or HTTP_PROXY) goes through the embedded
// net/http Transport. Its methods other than RoundTrip and
// CloseIdleConnections (Clone, for one) act on that Transport alone.
type UpstreamTransport struct {
	// Transport performs what the direct path does not take; its fields
	// configure that. Its Proxy function also decides which requests those
	// are: a request it names a proxy for goes through it.
	*http.Transport

	h1 *h1Pool
}

// RoundTrip performs one upstream attempt.
func (t *UpstreamTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.h1 == nil || req.URL == nil || req.URL.Scheme != "http" || !t.direct(req) {
		return t.Transport.RoundTrip(req)
	}
	return t.h1.roundTrip(req)
}

// direct reports whether req goes to its host without a proxy. An error
// from the Proxy function is left to the Transport to report.
func (t *UpstreamTransport) direct(req *http.Request) bool {
	if t.Proxy == nil {
		return true
	}
	u, err := t.Proxy(req)
	return err == nil && u == nil
}

// CloseIdleConnections closes the idle upstream connections of both paths.
// Requests in flight are not affected.
func (t *UpstreamTransport) CloseIdleConnections() {
	if t.h1 != nil {
		t.h1.closeIdle()
	}
	t.Transport.CloseIdleConnections()
}
