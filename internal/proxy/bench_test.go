package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"
)

const cannedMessage = `{"id":"msg_01","type":"message","role":"assistant","model":"claude-opus-5-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":8,"output_tokens":3}}`

// benchProxy sends requests through handler to an upstream that answers a
// canned message at once, from 16 goroutines, and reports req/s.
func benchProxy(b *testing.B, handler func(upstream string) (http.Handler, func())) {
	benchProxyBody(b, messageBody, handler)
}

// benchProxyBody is benchProxy with a request body of one's choice.
func benchProxyBody(b *testing.B, body string, handler func(upstream string) (http.Handler, func())) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, cannedMessage)
	}))
	defer up.Close()
	h, stop := handler(up.URL)
	defer stop()
	srv := httptest.NewServer(h)
	defer srv.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	b.SetParallelism(8)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/messages?beta=true", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Api-Key", "sk-ant-api03-bench-0000")
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// BenchmarkProxy is the proxy as `ccerr proxy` runs it, logging off.
func BenchmarkProxy(b *testing.B) {
	benchProxy(b, func(upstream string) (http.Handler, func()) {
		p, err := New(Config{Upstream: upstream})
		if err != nil {
			b.Fatal(err)
		}
		return p.Handler(), p.Close
	})
}

// BenchmarkProxyLargeBody is BenchmarkProxy with a 100 KiB request body,
// the size of a Claude Code request some turns into a conversation.
func BenchmarkProxyLargeBody(b *testing.B) {
	body := `{"model":"claude-opus-5-5","max_tokens":16,"messages":[{"role":"user","content":"` + strings.Repeat("x", 100<<10) + `"}]}`
	benchProxyBody(b, body, func(upstream string) (http.Handler, func()) {
		p, err := New(Config{Upstream: upstream})
		if err != nil {
			b.Fatal(err)
		}
		return p.Handler(), p.Close
	})
}

// BenchmarkReverseProxy is the baseline: httputil.ReverseProxy with
// Rewrite and SetURL on an equally tuned transport, without retries.
func BenchmarkReverseProxy(b *testing.B) {
	benchProxy(b, func(upstream string) (http.Handler, func()) {
		target, _ := url.Parse(upstream)
		tr, err := NewUpstreamTransport("", 0)
		if err != nil {
			b.Fatal(err)
		}
		rp := &httputil.ReverseProxy{
			Rewrite:   func(pr *httputil.ProxyRequest) { pr.SetURL(target) },
			Transport: tr,
		}
		return rp, tr.CloseIdleConnections
	})
}
