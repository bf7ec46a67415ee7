package proxy

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/ccerr/ccerr/classify"
)

// Upstream transport timeouts. A response's own duration is not bounded
// here: streams may run for many minutes, and the retry policy's per-attempt
// timeout bounds the wait for the headers.
const (
	dialTimeout           = 10 * time.Second
	tlsHandshakeTimeout   = 10 * time.Second
	responseHeaderTimeout = 10 * time.Minute // the API's own per-attempt limit
	idleConnTimeout       = 90 * time.Second
	// DefaultMaxConnsPerHost is the idle upstream connections kept when
	// [Config.MaxIdleConns] is zero; it should cover the expected number of
	// concurrent requests so that no request waits on a new connection.
	DefaultMaxConnsPerHost = 512
)

// connBufSize is the size of the read and the write buffer of each HTTP/1
// upstream connection, a quarter of net/http's default. Each open stream
// holds one connection for its whole life, and with it its buffers: on the
// direct path only the read buffer (requests are written through a pooled
// one), so 1,000 streams hold 1 MiB rather than 4; on net/http's, both. A
// head bigger than the buffer (the API's response heads are about 1.5 KiB,
// Claude Code's request heads about as much) still works, in one more read
// or write; an SSE event is smaller; a request body bigger than what is
// left of the buffer bypasses it (see hopConn.ReadFrom).
const connBufSize = 1 << 10

// NewUpstreamTransport returns the transport the proxy uses for each
// upstream attempt: TLS always verified against the system roots plus the
// PEM certificates in caFile (none if empty), HTTP/2 when the upstream
// offers it, HTTPS_PROXY/NO_PROXY honoured as curl does, no transparent
// compression (the client's Accept-Encoding goes through as sent and bodies
// come back as the upstream wrote them), and maxIdle idle connections kept
// to the upstream. Plain-HTTP upstreams reached directly (a gateway or a
// mock on the same network) take a leaner HTTP/1.1 path; see
// [UpstreamTransport].
func NewUpstreamTransport(caFile string, maxIdle int) (*UpstreamTransport, error) {
	roots, err := x509.SystemCertPool()
	if err != nil || roots == nil {
		roots = x509.NewCertPool()
	}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("proxy: CA file: %w", err)
		}
		if !roots.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("proxy: CA file %s: no PEM certificate in it", caFile)
		}
	}
	if maxIdle <= 0 {
		maxIdle = DefaultMaxConnsPerHost
	}
	d := &net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}
	tlsConfig := &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &hopConn{Conn: c}, nil
	}
	std := &http.Transport{
		Proxy: http.ProxyFromEnvironment, // corporate networks reach the API through HTTPS_PROXY
		// Every HTTP/1 connection notes the Connection names of its
		// response heads (see hopConn); HTTP/2 has no such field.
		DialContext: dial,
		DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return dialTLS(ctx, d, tlsConfig, network, addr)
		},
		// An egress proxy's refusal keeps its headers, so that
		// x-deny-reason: host_not_allowed is named host-not-allowed.
		OnProxyConnectResponse: classify.ProxyConnectHook,
		TLSClientConfig:        tlsConfig,
		TLSHandshakeTimeout:    tlsHandshakeTimeout,
		ResponseHeaderTimeout:  responseHeaderTimeout,
		ExpectContinueTimeout:  time.Second,
		IdleConnTimeout:        idleConnTimeout,
		MaxIdleConns:           maxIdle,
		MaxIdleConnsPerHost:    maxIdle,
		DisableCompression:     true,
		ForceAttemptHTTP2:      true,
		// An HTTP/1 connection keeps both buffers for as long as it lives,
		// a stream's whole life included (see connBufSize).
		ReadBufferSize:  connBufSize,
		WriteBufferSize: connBufSize,
	}
	return &UpstreamTransport{
		Transport: std,
		h1: &h1Pool{
			dial:          dial,
			maxIdle:       maxIdle,
			idleTimeout:   idleConnTimeout,
			peekAfter:     peekAfter,
			headerTimeout: responseHeaderTimeout,
		},
	}, nil
}

// dialTLS opens a TLS connection to addr offering HTTP/2 and HTTP/1.1: an
// HTTP/2 one is returned as the *tls.Conn net/http needs to speak HTTP/2 on
// it, an HTTP/1.1 one wrapped in a hopConn.
func dialTLS(ctx context.Context, d *net.Dialer, base *tls.Config, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	raw, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	cfg := base.Clone()
	cfg.ServerName = host
	cfg.NextProtos = []string{"h2", "http/1.1"}
	tc := tls.Client(raw, cfg)
	hctx, cancel := context.WithTimeout(ctx, tlsHandshakeTimeout)
	defer cancel()
	if err := tc.HandshakeContext(hctx); err != nil {
		_ = raw.Close()
		return nil, err
	}
	if tc.ConnectionState().NegotiatedProtocol == "h2" {
		return tc, nil
	}
	return &hopConn{Conn: tc}, nil
}
