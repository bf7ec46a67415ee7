package classify

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// post sends a POST through a fresh transport and returns its error.
func post(t *testing.T, tr *http.Transport, ctx context.Context, u string) error {
	t.Helper()
	defer tr.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, http.NoBody)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("POST %s succeeded, want an error", u)
	}
	return err
}

func freshTransport() *http.Transport {
	return &http.Transport{DisableKeepAlives: true, Proxy: nil}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// resetServer accepts connections, waits for the request, and answers
// with a TCP RST.
func resetServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { ln.Close(); <-done })
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_, _ = http.ReadRequest(bufio.NewReader(c))
			c.(*net.TCPConn).SetLinger(0)
			c.Close()
		}
	}()
	return ln.Addr().String()
}

// hangServer accepts connections and never answers; it reports each
// request it has read on got.
func hangServer(t *testing.T) (addr string, got <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{}, 1)
	done := make(chan struct{})
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
			_, _ = http.ReadRequest(bufio.NewReader(c))
			ch <- struct{}{}
		}
	}()
	return ln.Addr().String(), ch
}

func TestErrRefused(t *testing.T) {
	err := post(t, freshTransport(), context.Background(), "http://"+closedPort(t)+"/v1/messages")
	f := testClassifier.Err(err)
	if f.ID != "connection-failed" || f.Code != "ECONNREFUSED" || f.Message != "Unable to connect to API (ECONNREFUSED)" {
		t.Errorf("got %q %q %q", f.ID, f.Code, f.Message)
	}
	if !errors.Is(f, syscall.ECONNREFUSED) {
		t.Error("Failure does not unwrap to ECONNREFUSED")
	}
	var ff *Failure
	if !errors.As(fmt.Errorf("wrapped: %w", f), &ff) || ff != f {
		t.Error("errors.As cannot take the Failure back")
	}
}

func TestErrReset(t *testing.T) {
	err := post(t, freshTransport(), context.Background(), "http://"+resetServer(t)+"/v1/messages")
	f := testClassifier.Err(err)
	if f.ID != "connection-failed" || !slices.Contains([]string{"ECONNRESET", "EPIPE"}, f.Code) {
		t.Errorf("got %q %q (%v)", f.ID, f.Code, err)
	}
}

func TestErrHang(t *testing.T) {
	addr, got := hangServer(t)
	// The attempt is cut the way a per-attempt timeout cuts it: the
	// context ends with DeadlineExceeded once the server holds the request.
	ctx, cancel := context.WithCancelCause(context.Background())
	go func() { <-got; cancel(context.DeadlineExceeded) }()
	err := post(t, freshTransport(), ctx, "http://"+addr+"/v1/messages")
	f := testClassifier.Err(err)
	if f.ID != "request-timeout" || f.Message != "Request timed out" {
		t.Errorf("got %q %q (%v)", f.ID, f.Message, err)
	}
}

func TestErrCanceled(t *testing.T) {
	if f := Err(nil); f != nil {
		t.Errorf("Err(nil) = %v", f)
	}
	if f := Err(&url.Error{Op: "Post", URL: "x", Err: context.Canceled}); f != nil {
		t.Errorf("Err(canceled) = %v, want nil", f)
	}
}

// certs builds a CA and a leaf it signs, for hosts, valid in [from, to).
func certs(t *testing.T, hosts []string, ips []net.IP, from, to time.Time) (ca *x509.Certificate, leaf tls.Certificate) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ccerr test CA"},
		NotBefore: fixedNow.Add(-time.Hour), NotAfter: fixedNow.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ = x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "leaf"},
		NotBefore: from, NotAfter: to, DNSNames: hosts, IPAddresses: ips,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return ca, tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// quietLog drops the servers' "TLS handshake error" lines, which these
// tests cause on purpose.
var quietLog = log.New(io.Discard, "", 0)

func tlsServer(t *testing.T, cert tls.Certificate) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.Config.ErrorLog = quietLog
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestErrTLS(t *testing.T) {
	now := time.Now() // certificates are checked by crypto/tls against the real clock
	loop := []net.IP{net.ParseIP("127.0.0.1")}

	selfSigned := httptest.NewUnstartedServer(http.NotFoundHandler())
	selfSigned.Config.ErrorLog = quietLog
	selfSigned.StartTLS()
	defer selfSigned.Close()

	_, untrustedLeaf := certs(t, nil, loop, now.Add(-time.Hour), now.Add(time.Hour))
	untrusted := tlsServer(t, untrustedLeaf)

	ca, expiredLeaf := certs(t, nil, loop, now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	expired := tlsServer(t, expiredLeaf)
	pool := x509.NewCertPool()
	pool.AddCert(ca)

	ca2, otherHostLeaf := certs(t, []string{"api.example.test"}, nil, now.Add(-time.Hour), now.Add(time.Hour))
	otherHost := tlsServer(t, otherHostLeaf)
	pool.AddCert(ca2)

	trusting := func() *http.Transport {
		tr := freshTransport()
		tr.TLSClientConfig = &tls.Config{RootCAs: pool}
		return tr
	}
	tests := []struct {
		name     string
		tr       *http.Transport
		url      string
		wantCode string
		wantMsg  string
	}{
		{"self-signed", freshTransport(), selfSigned.URL, "DEPTH_ZERO_SELF_SIGNED_CERT", "Unable to connect to API: Self-signed certificate detected"},
		{"unknown issuer", freshTransport(), untrusted.URL, "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "Unable to connect to API: SSL certificate verification failed. Check your proxy or corporate SSL certificates"},
		{"expired", trusting(), expired.URL, "CERT_HAS_EXPIRED", "Unable to connect to API: SSL certificate verification failed. Check your proxy or corporate SSL certificates"},
		{"wrong host", trusting(), otherHost.URL, "ERR_TLS_CERT_ALTNAME_INVALID", "Unable to connect to API: SSL certificate verification failed. Check your proxy or corporate SSL certificates"},
	}
	c := &Classifier{Location: time.UTC} // real clock, like crypto/tls
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := post(t, tt.tr, context.Background(), tt.url+"/v1/messages")
			f := c.Err(err)
			if f.ID != "tls-certificate" || f.Code != tt.wantCode || f.Message != tt.wantMsg {
				t.Errorf("got %q %q %q, want tls-certificate %q %q (%v)", f.ID, f.Code, f.Message, tt.wantCode, tt.wantMsg, err)
			}
		})
	}
}

// connectProxy answers every CONNECT with status and headers.
func connectProxy(t *testing.T, status int, h map[string]string) *url.URL {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range h {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return u
}

func TestErrProxy(t *testing.T) {
	deny := map[string]string{"x-deny-reason": "host_not_allowed"}
	tests := []struct {
		name     string
		status   int
		headers  map[string]string
		hook     bool
		wantID   catalog.ID
		wantCode string
		wantMsg  string
	}{
		{"403 deny with hook", 403, deny, true, "host-not-allowed", "", "HTTP 403\nx-deny-reason: host_not_allowed"},
		{"403 deny without hook", 403, deny, false, "connection-failed", "ERR_PROXY_TUNNEL", "Unable to connect to API (ERR_PROXY_TUNNEL)"},
		{"407 with hook", 407, nil, true, "connection-failed", "ERR_PROXY_TUNNEL", ""},
		{"407 without hook", 407, nil, false, "connection-failed", "ERR_PROXY_TUNNEL", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := freshTransport()
			tr.Proxy = http.ProxyURL(connectProxy(t, tt.status, tt.headers))
			if tt.hook {
				tr.OnProxyConnectResponse = ProxyConnectHook
			}
			err := post(t, tr, context.Background(), "https://api.example.test/v1/messages")
			f := testClassifier.Err(err)
			if f.ID != tt.wantID || f.Code != tt.wantCode || (tt.wantMsg != "" && f.Message != tt.wantMsg) {
				t.Errorf("got %q %q %q, want %q %q %q (%v)", f.ID, f.Code, f.Message, tt.wantID, tt.wantCode, tt.wantMsg, err)
			}
		})
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestErrSynthetic(t *testing.T) {
	wrap := func(err error) error {
		return &url.Error{Op: "Post", URL: "https://api.anthropic.com/v1/messages", Err: err}
	}
	tests := []struct {
		name     string
		err      error
		wantID   catalog.ID
		wantCode string
		wantMsg  string
	}{
		{"dns not found", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.invalid", IsNotFound: true}}),
			"connection-failed", "ENOTFOUND", "Unable to connect to API (ENOTFOUND)"},
		{"dns temporary", wrap(&net.DNSError{Err: "server misbehaving", Name: "x", IsTemporary: true}), "connection-failed", "EAI_AGAIN", ""},
		{"unreachable", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.EHOSTUNREACH}), "connection-failed", "EHOSTUNREACH", "Unable to connect to API (EHOSTUNREACH)"},
		{"net unreachable", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ENETUNREACH}), "connection-failed", "ENETUNREACH", ""},
		{"dial timeout", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: timeoutErr{}}), "connection-failed", "ETIMEDOUT", "Unable to connect to API (ETIMEDOUT)"},
		{"read timeout", wrap(&net.OpError{Op: "read", Net: "tcp", Err: timeoutErr{}}), "request-timeout", "", "Request timed out"},
		{"deadline", wrap(context.DeadlineExceeded), "request-timeout", "", "Request timed out"},
		{"eof", wrap(io.EOF), "connection-failed", "ECONNRESET", ""},
		{"unexpected eof", wrap(io.ErrUnexpectedEOF), "connection-failed", "ECONNRESET", ""},
		{"proxyconnect", wrap(&net.OpError{Op: "proxyconnect", Net: "tcp", Err: errors.New("boom")}), "connection-failed", "ERR_PROXY_TUNNEL", ""},
		{"tls handshake timeout", wrap(errors.New("net/http: TLS handshake timeout")), "connection-failed", "ETIMEDOUT", ""},
		{"unknown", wrap(errors.New("http2: client connection lost")), "connection-failed", "", "Unable to connect to API. Check your internet connection"},
		{"bad scheme", wrap(errors.New(`unsupported protocol scheme "ftp"`)), "", "", ""},
		{"system roots", wrap(x509.SystemRootsError{}), "tls-certificate", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testClassifier.Err(tt.err)
			if f == nil {
				t.Fatal("Err = nil")
			}
			if f.ID != tt.wantID || f.Code != tt.wantCode || (tt.wantMsg != "" && f.Message != tt.wantMsg) {
				t.Errorf("got %q %q %q, want %q %q %q", f.ID, f.Code, f.Message, tt.wantID, tt.wantCode, tt.wantMsg)
			}
			if f.Status != 0 || f.Err != tt.err {
				t.Errorf("Status %d, Err %v", f.Status, f.Err)
			}
		})
	}
}
