package proxy

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// testProxy is a proxy under test, served by [Proxy.Serve] on a loopback
// port, as ccerr proxy serves it.
type testProxy struct {
	*Proxy
	srv    *testServer
	client *http.Client
}

// testServer is where a test proxy listens. Close ends its Serve as the
// end of ccerr proxy's context does, and waits for it: idle connections
// close, requests in flight finish.
type testServer struct {
	URL      string
	Listener net.Listener
	once     sync.Once
	stop     func()
}

// Close stops the server and waits until its requests are done.
func (s *testServer) Close() { s.once.Do(s.stop) }

// serveLoopback runs p.Serve on a loopback port, under a context made
// from parent. cancel ends that context; done receives what Serve returned.
func serveLoopback(tb testing.TB, parent context.Context, p *Proxy) (ln net.Listener, cancel context.CancelFunc, done <-chan error) {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(parent)
	served := make(chan error, 1)
	go func() { served <- p.Serve(ctx, ln) }()
	return ln, cancel, served
}

// serveProxy serves p with [Proxy.Serve] on a loopback port until the test
// ends, and returns the server and a client for it.
func serveProxy(t *testing.T, p *Proxy) (*testServer, *http.Client) {
	t.Helper()
	ln, cancel, done := serveLoopback(t, context.Background(), p)
	client := &http.Client{Transport: &http.Transport{}}
	srv := &testServer{URL: "http://" + ln.Addr().String(), Listener: ln, stop: func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		client.CloseIdleConnections()
	}}
	t.Cleanup(srv.Close)
	return srv, client
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
	srv, client := serveProxy(t, p)
	t.Cleanup(p.Close)
	return &testProxy{Proxy: p, srv: srv, client: client}
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
