// Command proxyfloor is the least a reverse proxy can do, built from the
// parts `ccerr proxy` could be built from, so that bench/proxy-floor.sh can
// tell which part limits it (issue 15). It forwards every request to one
// upstream with its headers and body and streams the answer back, with no
// retries, metrics, logs or checks. Not a tool: a yardstick.
//
//	-server nethttp   net/http's Server, as ccerr proxy used before its own
//	-server fasthttp  github.com/valyala/fasthttp's Server
//	-client direct    the proxy's own UpstreamTransport (its direct path)
//	-client fasthttp  fasthttp's HostClient, with -server fasthttp only
//
// It listens on loopback only.
//
//	go run ./bench/proxyfloor -upstream 127.0.0.1:18081 -listen 127.0.0.1:18095
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"

	"github.com/ccerr/ccerr/internal/proxy"
	"github.com/valyala/fasthttp"
)

func main() {
	upstream := flag.String("upstream", "127.0.0.1:18081", "upstream host:port (plain HTTP)")
	listen := flag.String("listen", "127.0.0.1:18095", "loopback host:port to listen on")
	server := flag.String("server", "nethttp", "nethttp or fasthttp")
	client := flag.String("client", "direct", "direct or fasthttp")
	flag.Parse()
	if err := run(*upstream, *listen, *server, *client); err != nil {
		fmt.Fprintln(os.Stderr, "proxyfloor:", err)
		os.Exit(1)
	}
}

func run(upstream, listen, server, client string) error {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-listen %s: loopback only", listen)
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	tr, err := proxy.NewUpstreamTransport("", 512)
	if err != nil {
		return err
	}
	target := &url.URL{Scheme: "http", Host: upstream}
	switch {
	case server == "nethttp" && client == "direct":
		return http.Serve(ln, netHTTP(tr, target))
	case server == "fasthttp" && client == "direct":
		return (&fasthttp.Server{Handler: fastDirect(tr, target), DisableHeaderNamesNormalizing: true}).Serve(ln)
	case server == "fasthttp" && client == "fasthttp":
		return (&fasthttp.Server{Handler: fastFast(upstream), DisableHeaderNamesNormalizing: true}).Serve(ln)
	}
	return fmt.Errorf("no floor for -server %s -client %s", server, client)
}

// hop are the request fields not forwarded.
var hop = map[string]bool{"Connection": true, "Host": true, "Content-Length": true, "Transfer-Encoding": true}

// netHTTP reads the body whole, forwards, and copies the answer with a
// flush at its end, as ccerr proxy does.
func netHTTP(tr http.RoundTripper, target *url.URL) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		out := r.Clone(r.Context())
		out.RequestURI, out.Host = "", ""
		out.URL = &url.URL{Scheme: target.Scheme, Host: target.Host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
		out.Body, out.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		resp, err := tr.RoundTrip(out)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			if !hop[k] {
				w.Header()[k] = v
			}
		}
		w.WriteHeader(resp.StatusCode)
		copyFlushing(w, resp.Body, func() { _ = http.NewResponseController(w).Flush() })
	})
}

// fastDirect is fasthttp's server in front of the proxy's own client: the
// request becomes an *http.Request and the answer is streamed back.
func fastDirect(tr http.RoundTripper, target *url.URL) fasthttp.RequestHandler {
	return func(ctx *fasthttp.RequestCtx) {
		body := ctx.PostBody()
		h := make(http.Header, 16)
		for k, v := range ctx.Request.Header.All() {
			name := http.CanonicalHeaderKey(string(k))
			if !hop[name] {
				h[name] = append(h[name], string(v))
			}
		}
		u := &url.URL{Scheme: target.Scheme, Host: target.Host, Path: string(ctx.Path()), RawQuery: string(ctx.QueryArgs().QueryString())}
		out := (&http.Request{Method: string(ctx.Method()), URL: u, Header: h, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}).WithContext(ctx)
		out.Body, out.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		resp, err := tr.RoundTrip(out)
		if err != nil {
			ctx.SetStatusCode(http.StatusBadGateway)
			return
		}
		ctx.SetStatusCode(resp.StatusCode)
		for k, vv := range resp.Header {
			if hop[k] {
				continue
			}
			for _, v := range vv {
				ctx.Response.Header.Add(k, v)
			}
		}
		if resp.ContentLength >= 0 {
			ctx.SetBodyStream(resp.Body, int(resp.ContentLength))
			return
		}
		ctx.SetBodyStreamWriter(func(w *bufio.Writer) {
			defer resp.Body.Close()
			copyFlushing(w, resp.Body, func() { _ = w.Flush() })
		})
	}
}

// fastFast is fasthttp on both sides, buffering each answer whole.
func fastFast(upstream string) fasthttp.RequestHandler {
	c := &fasthttp.HostClient{Addr: upstream, MaxConns: 512}
	return func(ctx *fasthttp.RequestCtx) {
		ctx.Request.Header.Del("Connection")
		if err := c.Do(&ctx.Request, &ctx.Response); err != nil {
			ctx.SetStatusCode(http.StatusBadGateway)
		}
		ctx.Response.Header.Del("Connection")
	}
}

// copyFlushing copies r to w, flushing after each read.
func copyFlushing(w io.Writer, r io.Reader, flush func()) {
	buf := make([]byte, 4<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				return
			}
			flush()
		}
		if err != nil {
			return
		}
	}
}
