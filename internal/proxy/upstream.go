package proxy

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"
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

// NewUpstreamTransport returns the transport the proxy uses for each
// upstream attempt: TLS always verified against the system roots plus the
// PEM certificates in caFile (none if empty), HTTP/2 when the upstream
// offers it, HTTPS_PROXY/NO_PROXY honoured as curl does, no transparent compression (the
// client's Accept-Encoding goes through as sent and bodies come back as the
// upstream wrote them), and maxIdle idle connections kept to the upstream.
func NewUpstreamTransport(caFile string, maxIdle int) (*http.Transport, error) {
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
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment, // corporate networks reach the API through HTTPS_PROXY
		DialContext:           d.DialContext,
		TLSClientConfig:       &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:   tlsHandshakeTimeout,
		ResponseHeaderTimeout: responseHeaderTimeout,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       idleConnTimeout,
		MaxIdleConns:          maxIdle,
		MaxIdleConnsPerHost:   maxIdle,
		DisableCompression:    true,
		ForceAttemptHTTP2:     true,
	}, nil
}
