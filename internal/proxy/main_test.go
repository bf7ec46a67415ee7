package proxy

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// testProxy is a proxy under test served by an httptest server.
type testProxy struct {
	*Proxy
	srv    *httptest.Server
	client *http.Client
}

// startProxy starts a proxy to upstream, with a fast retry policy unless
// cfg sets one, and stops it when the test ends.
func startProxy(t *testing.T, upstream string, cfg Config) *testProxy {
	t.Helper()
	cfg.Upstream = upstream
	if cfg.Policy == nil {
		cfg.Policy = fastPolicy()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	p, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv := httptest.NewServer(p.Handler())
	t.Cleanup(func() {
		srv.Close()
		p.Close()
	})
	return &testProxy{Proxy: p, srv: srv, client: srv.Client()}
}

// do sends req through the proxy and returns the response with its body read.
func (tp *testProxy) do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := tp.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return resp, string(b)
}
