package proxy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Server timeouts (see h1Server). readTimeout bounds reading a request,
// head and body; it is a read deadline only, replaced by the next request's
// or lifted when the watch for a departing client starts, so it does not
// touch the answer. There is no write timeout for a whole answer: streams
// run for minutes, and are bounded per chunk instead (see
// streamIdleTimeout).
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 5 * time.Minute
	idleTimeout       = 120 * time.Second
	maxHeaderBytes    = 1 << 20
)

// Handler returns the proxy with two local endpoints in front of it:
// GET /metrics (Prometheus text format) and GET /healthz ("ok"). Every other
// request is forwarded by [Proxy.ServeHTTP].
func (p *Proxy) Handler() http.Handler { return p.handler }

func (p *Proxy) routes() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Host == "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			switch r.URL.Path {
			case "/metrics":
				p.m.serveMetrics(w, r)
				return
			case "/healthz":
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				_, _ = w.Write([]byte("ok\n"))
				return
			}
		}
		p.ServeHTTP(w, r)
	})
}

// watchAfter is how long a request runs before its connection is watched
// for the client going away (see h1Server). A client that left sooner is
// noticed then, or when its answer is written if that comes first.
const watchAfter = 20 * time.Millisecond

// Serve serves [Proxy.Handler] on ln until ctx ends, then stops accepting
// and lets requests in flight finish for up to the drain timeout before
// cutting them. It closes ln. Which addresses ln may accept on is the
// caller's choice (the cli opens it with loopback.Listen).
//
// It serves HTTP/1.1 with a server of its own rather than net/http's (see
// h1Server); [Proxy.Handler] is a plain http.Handler that any server can
// serve.
func (p *Proxy) Serve(ctx context.Context, ln net.Listener) error {
	srv := p.newServer()
	p.log.Info("proxy listening", "addr", "http://"+ln.Addr().String(), "upstream", p.target.String())

	errc := make(chan error, 1)
	go func() { errc <- srv.serve(ln) }()
	select {
	case err := <-errc:
		srv.close()
		srv.wait()
		p.Close()
		return fmt.Errorf("proxy: %w", err)
	case <-ctx.Done():
	}

	p.log.Info("proxy shutting down", "drain_timeout", p.drain.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), p.drain)
	defer cancel()
	err := srv.shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		p.log.Warn("drain timeout reached; closing the connections still open")
		srv.close()
		err = nil
	}
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	srv.wait() // handlers of cut connections end once their contexts do
	p.Close()
	if err != nil {
		return fmt.Errorf("proxy: %w", err)
	}
	return nil
}

// newServer is the server Serve runs, with the proxy's timeouts and bounds.
func (p *Proxy) newServer() *h1Server {
	return &h1Server{
		handler:           p.Handler(),
		log:               p.log,
		readHeaderTimeout: readHeaderTimeout,
		readTimeout:       readTimeout,
		idleTimeout:       idleTimeout,
		maxHeaderBytes:    maxHeaderBytes,
		watchAfter:        watchAfter,
	}
}
