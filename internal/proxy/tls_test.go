package proxy

import (
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The upstream's certificate is always checked: an unknown CA fails (and
// is not retried), and the same CA given in CAFile is trusted.
func TestUpstreamTLS(t *testing.T) {
	up := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Upstream-Proto", r.Proto)
		io.WriteString(w, `{"type":"message"}`)
	}))
	up.EnableHTTP2 = true                           // as api.anthropic.com offers
	up.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	up.StartTLS()
	defer up.Close()
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: up.Certificate().Raw})
	if err := os.WriteFile(caFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("unknown CA", func(t *testing.T) {
		tp := startProxy(t, up.URL, Config{})
		resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
		if resp.StatusCode != http.StatusFailedDependency {
			t.Errorf("status = %d, want 424; body %s", resp.StatusCode, body)
		}
		if got := resp.Header.Get("X-Ccerr-Error"); got != "tls-certificate" {
			t.Errorf("x-ccerr-error = %q, want tls-certificate", got)
		}
		if got := resp.Header.Get("X-Ccerr-Attempts"); got != "1" {
			t.Errorf("x-ccerr-attempts = %q, want 1 (certificate failures are not retried)", got)
		}
	})
	t.Run("CA file", func(t *testing.T) {
		tp := startProxy(t, up.URL, Config{CAFile: caFile})
		resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
		if resp.StatusCode != 200 || body != `{"type":"message"}` {
			t.Errorf("got %d %s", resp.StatusCode, body)
		}
		if p := resp.Header.Get("X-Upstream-Proto"); p != "HTTP/2.0" {
			t.Errorf("upstream spoke %q, want HTTP/2.0", p)
		}
	})
}

// An egress proxy that refuses the CONNECT to the upstream with
// x-deny-reason: host_not_allowed is named host-not-allowed (the upstream
// transport installs classify.ProxyConnectHook), and the answer says so.
func TestEgressProxyRefusal(t *testing.T) {
	deny := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("X-Deny-Reason", "host_not_allowed")
		http.Error(w, "Host not in allowlist", http.StatusForbidden)
	}))
	t.Cleanup(deny.Close)
	proxyURL, err := url.Parse(deny.URL)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewUpstreamTransport("", 0)
	if err != nil {
		t.Fatal(err)
	}
	tr.Proxy = http.ProxyURL(proxyURL) // as HTTPS_PROXY would
	tp := startProxy(t, "https://api.example.test", Config{Transport: tr})
	resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
	if got := resp.Header.Get("X-Ccerr-Error"); got != "host-not-allowed" {
		t.Errorf("x-ccerr-error = %q, want host-not-allowed; body %s", got, body)
	}
	if !strings.Contains(body, "host_not_allowed") {
		t.Errorf("body does not name the refusal: %s", body)
	}
}
