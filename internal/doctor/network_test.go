package doctor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/internal/doctor/doctortest"
)

// online runs every check with the network, against the given API URL.
func online(t *testing.T, env Env, opts Options) []Finding {
	t.Helper()
	env.Roots = x509.NewCertPool() // nothing public is trusted: tests stay on loopback
	return Run(context.Background(), env, opts)
}

func withVars(env Env, vars map[string]string) Env {
	prev := env.Getenv
	env.Getenv = func(k string) string {
		if v, ok := vars[k]; ok {
			return v
		}
		return prev(k)
	}
	return env
}

// quietLog drops the servers' "TLS handshake error" lines: failed
// handshakes are what these tests provoke.
var quietLog = log.New(io.Discard, "", 0)

func writeCA(t *testing.T, dir string, pemBytes []byte) string {
	t.Helper()
	p := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(p, pemBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func selfSignedServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ErrorLog = quietLog
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestSelfSignedServer(t *testing.T) {
	srv := selfSignedServer(t)
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL})
	fs := online(t, env, Options{})
	for _, n := range []string{"dns", "tcp"} {
		if f := find(t, fs, n); f.Status != OK {
			t.Errorf("%s: %s %q", n, f.Status, en(f.Detail))
		}
	}
	f := find(t, fs, "tls")
	if f.Status != Fail || f.ID != "tls-certificate" || !strings.Contains(en(f.Detail), "self-signed") || !strings.Contains(en(f.Detail), "Acme Co") {
		t.Errorf("tls: %s %s %q", f.Status, f.ID, en(f.Detail))
	}
	if !strings.Contains(en(f.Fix), "NODE_EXTRA_CA_CERTS") {
		t.Errorf("fix does not name NODE_EXTRA_CA_CERTS: %q", en(f.Fix))
	}
	if c := find(t, fs, "clock"); c.Status != Skip {
		t.Errorf("clock after a TLS failure: %s", c.Status)
	}
}

func TestSelfSignedServerTrustedThroughExtraCA(t *testing.T) {
	srv := selfSignedServer(t)
	env := newEnv(t, nil)
	ca := writeCA(t, env.Home, pemOf(srv.Certificate()))
	env = withVars(env, map[string]string{"ANTHROPIC_BASE_URL": srv.URL, envNodeExtraCACerts: ca})
	env.Now = time.Now // the server's Date header is real time
	fs := online(t, env, Options{})
	if f := find(t, fs, envNodeExtraCACerts); f.Status != OK || !strings.Contains(en(f.Detail), "1 certificates") {
		t.Errorf("CA file: %s %q", f.Status, en(f.Detail))
	}
	f := find(t, fs, "tls")
	if f.Status != OK || !strings.Contains(en(f.Detail), "trusted through NODE_EXTRA_CA_CERTS") {
		t.Errorf("tls: %s %q", f.Status, en(f.Detail))
	}
	if f := find(t, fs, "clock"); f.Status != OK {
		t.Errorf("clock: %s %q", f.Status, en(f.Detail))
	}
}

func pemOf(c *x509.Certificate) []byte {
	return []byte("-----BEGIN CERTIFICATE-----\n" + b64(c.Raw) + "-----END CERTIFICATE-----\n")
}

// interceptingServer serves TLS with a certificate from a private CA named
// "Corp Inspection CA", as a TLS-inspecting proxy would.
func interceptingServer(t *testing.T, notBefore, notAfter time.Time) (*httptest.Server, *doctortest.CA) {
	t.Helper()
	ca, err := doctortest.NewCA("Corp Inspection CA", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cert, err := ca.Issue(notBefore, notAfter)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.Config.ErrorLog = quietLog
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, ca
}

func TestInterceptedTLS(t *testing.T) {
	now := time.Now()
	srv, ca := interceptingServer(t, now.Add(-time.Hour), now.Add(time.Hour))
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL})
	f := find(t, online(t, env, Options{}), "tls")
	if f.Status != Fail || f.ID != "tls-certificate" || !strings.Contains(en(f.Detail), `issued by "Corp Inspection CA"`) || !strings.Contains(en(f.Detail), "TLS-inspecting") {
		t.Errorf("tls: %s %s %q", f.Status, f.ID, en(f.Detail))
	}

	env = withVars(env, map[string]string{envNodeExtraCACerts: writeCA(t, env.Home, ca.PEM)})
	if f := find(t, online(t, env, Options{}), "tls"); f.Status != OK {
		t.Errorf("with the CA: %s %q", f.Status, en(f.Detail))
	}
}

func TestExpiredCertificate(t *testing.T) {
	now := time.Now()
	srv, ca := interceptingServer(t, now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	env := newEnv(t, nil)
	env = withVars(env, map[string]string{"ANTHROPIC_BASE_URL": srv.URL, envNodeExtraCACerts: writeCA(t, env.Home, ca.PEM)})
	env.Now = time.Now
	f := find(t, online(t, env, Options{}), "tls")
	if f.Status != Fail || f.ID != "tls-certificate" || !strings.Contains(en(f.Detail), "local clock") {
		t.Errorf("tls: %s %s %q", f.Status, f.ID, en(f.Detail))
	}
}

func TestWrongHostname(t *testing.T) {
	now := time.Now()
	srv, ca := interceptingServer(t, now.Add(-time.Hour), now.Add(time.Hour))
	env := newEnv(t, nil)
	// A tunnel proxy lets the doctor ask for api.example.test while staying on loopback.
	proxy, err := doctortest.NewTunnelProxy(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { proxy.Close() })
	env = withVars(env, map[string]string{
		"ANTHROPIC_BASE_URL": "https://api.example.test", "HTTPS_PROXY": proxy.URL,
		envNodeExtraCACerts: writeCA(t, env.Home, ca.PEM),
	})
	fs := online(t, env, Options{})
	if f := find(t, fs, "proxy-connect"); f.Status != OK {
		t.Errorf("proxy-connect: %s %q", f.Status, en(f.Detail))
	}
	f := find(t, fs, "tls")
	if f.Status != Fail || f.ID != "tls-certificate" || !strings.Contains(en(f.Detail), "not valid for api.example.test") {
		t.Errorf("tls: %s %s %q", f.Status, f.ID, en(f.Detail))
	}
}

func TestDenyingProxy(t *testing.T) {
	proxy, err := doctortest.NewDenyProxy()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { proxy.Close() })
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": "https://api.anthropic.com", "HTTPS_PROXY": proxy.URL})
	fs := online(t, env, Options{})
	f := find(t, fs, "proxy-connect")
	if f.Status != Fail || f.ID != "host-not-allowed" || !strings.Contains(en(f.Detail), "x-deny-reason: host_not_allowed") || !strings.Contains(en(f.Detail), "403") {
		t.Errorf("proxy-connect: %s %s %q", f.Status, f.ID, en(f.Detail))
	}
	if f.Fix == nil {
		t.Error("no fix")
	}
	if d := find(t, fs, "dns"); !strings.Contains(en(d.Detail), "127.0.0.1") {
		t.Errorf("dns should look up the proxy, not the API: %q", en(d.Detail))
	}
	if tl := find(t, fs, "tls"); tl.Status != Skip {
		t.Errorf("tls after a refused tunnel: %s", tl.Status)
	}
}

func TestProxyAuthRequired(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Proxy-Authorization") != "" {
			t.Errorf("no credentials were configured, yet sent")
		}
		w.WriteHeader(http.StatusProxyAuthRequired)
	}))
	t.Cleanup(srv.Close)
	env := newEnv(t, map[string]string{"HTTPS_PROXY": srv.URL})
	f := find(t, online(t, env, Options{}), "proxy-connect")
	if f.Status != Fail || f.ID != "connection-failed" || !strings.Contains(en(f.Detail), "407") {
		t.Errorf("got %s %s %q", f.Status, f.ID, en(f.Detail))
	}
}

func TestClosedPort(t *testing.T) {
	addr, err := doctortest.ClosedPort()
	if err != nil {
		t.Fatal(err)
	}
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": "https://" + addr})
	fs := online(t, env, Options{})
	f := find(t, fs, "tcp")
	if f.Status != Fail || f.ID != "connection-failed" || !strings.Contains(en(f.Detail), "ECONNREFUSED") {
		t.Errorf("tcp: %s %s %q", f.Status, f.ID, en(f.Detail))
	}
	for _, n := range []string{"tls", "clock"} {
		if g := find(t, fs, n); g.Status != Skip || !strings.Contains(en(g.Detail), "tcp") {
			t.Errorf("%s: %s %q", n, g.Status, en(g.Detail))
		}
	}
}

func TestDNSFailure(t *testing.T) {
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": "https://api.invalid"})
	fs := online(t, env, Options{})
	f := find(t, fs, "dns")
	if f.Status != Fail || f.ID != "connection-failed" || !strings.Contains(en(f.Detail), "ENOTFOUND") {
		t.Errorf("dns: %s %s %q", f.Status, f.ID, en(f.Detail))
	}
}

func TestConnectTimeout(t *testing.T) {
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": "https://api.example.test"})
	env.Resolve = func(ctx context.Context, host string) ([]string, error) { return []string{"192.0.2.1"}, nil }
	env.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		<-ctx.Done() // a black hole: only the step's deadline ends it
		return nil, ctx.Err()
	}
	env.Timeout = time.Millisecond
	f := find(t, online(t, env, Options{}), "tcp")
	if f.Status != Fail || !strings.Contains(en(f.Detail), "ETIMEDOUT") {
		t.Errorf("tcp: %s %q", f.Status, en(f.Detail))
	}
}

func TestPlainServerOnTLSPort(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(srv.Close)
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": strings.Replace(srv.URL, "http://", "https://", 1)})
	f := find(t, online(t, env, Options{}), "tls")
	if f.Status != Fail || f.ID != "connection-failed" || !strings.Contains(en(f.Detail), "handshake failed") {
		t.Errorf("tls: %s %s %q", f.Status, f.ID, en(f.Detail))
	}
}

func TestClockSkew(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", "Thu, 26 Nov 2026 12:00:00 GMT")
	}))
	t.Cleanup(srv.Close)
	tests := []struct {
		name   string
		offset time.Duration
		want   Status
		words  string
	}{
		{"in step", 30 * time.Second, OK, "within 30s"},
		{"ahead", 10 * time.Minute, Warn, "10m0s ahead of"},
		{"behind", -2 * time.Hour, Warn, "2h0m0s behind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL})
			env.Now = func() time.Time { return fixedNow.Add(tt.offset) }
			f := find(t, online(t, env, Options{}), "clock")
			if f.Status != tt.want || !strings.Contains(en(f.Detail), tt.words) {
				t.Errorf("got %s %q", f.Status, en(f.Detail))
			}
		})
	}
}

func TestNodeExtraCACerts(t *testing.T) {
	ca, err := doctortest.NewCA("Test Root", fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, content string
		missing       bool
		want          Status
		words         string
	}{
		{"missing", "", true, Fail, "does not exist"},
		{"not pem", "just some text\n", false, Fail, "not a PEM file"},
		{"der", string(ca.Cert.Raw), false, Fail, "DER"},
		{"key only", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", false, Fail, "no certificate"},
		{"broken cert", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", false, Fail, "none of them parses"},
		{"good", string(ca.PEM), false, OK, `1 certificates: "Test Root"`},
		{"good and broken", string(ca.PEM) + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", false, Warn, "1 blocks do not parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t, nil)
			p := filepath.Join(env.Home, "bundle.pem")
			if !tt.missing {
				writeFile(t, p, tt.content)
			}
			env = withVars(env, map[string]string{envNodeExtraCACerts: p})
			f := find(t, offline(t, env), envNodeExtraCACerts)
			if f.Status != tt.want || !strings.Contains(en(f.Detail), tt.words) {
				t.Errorf("got %s %q, want %s containing %q", f.Status, en(f.Detail), tt.want, tt.words)
			}
			if f.Status == Fail && (f.ID != "tls-certificate" || f.Fix == nil) {
				t.Errorf("fail without id or fix: %+v", f)
			}
		})
	}
}

func TestRejectUnauthorized(t *testing.T) {
	f := find(t, offline(t, newEnv(t, map[string]string{envRejectUnauth: "0"})), envRejectUnauth)
	if f.Status != Fail || f.ID != "tls-certificate" || !strings.Contains(en(f.Fix), "Unset NODE_TLS_REJECT_UNAUTHORIZED") {
		t.Errorf("got %+v", f)
	}
	if strings.Contains(en(f.Fix), "=0") && !strings.Contains(en(f.Fix), "Unset") {
		t.Errorf("fix advises =0: %q", en(f.Fix))
	}
	if f := find(t, offline(t, newEnv(t, map[string]string{envRejectUnauth: "1"})), envRejectUnauth); f.Status != OK {
		t.Errorf("=1: %+v", f)
	}
	if has(offline(t, newEnv(t, nil)), envRejectUnauth) {
		t.Error("finding without the variable")
	}
}

func TestOfflineTouchesNoNetwork(t *testing.T) {
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": "https://api.example.test"})
	env.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		t.Errorf("dialed %s offline", addr)
		return nil, context.Canceled
	}
	env.Resolve = func(ctx context.Context, host string) ([]string, error) {
		t.Errorf("resolved %s offline", host)
		return nil, context.Canceled
	}
	for _, f := range Run(context.Background(), env, Options{Offline: true, Live: true}) {
		if f.Duration != 0 {
			t.Errorf("%s has a duration offline", f.Name)
		}
	}
}
