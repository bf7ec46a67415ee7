package proxy

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"testing"
)

// openStreams holds n SSE streams open through a proxy served as `ccerr
// proxy` serves it (Proxy.Serve), with a raw TCP client and a raw TCP
// upstream driven from the calling goroutine, so that the goroutines and
// heap they add are the proxy's own. The upstream answers each request with
// the SSE head and one event and then says nothing more; each stream is
// open once its client has read that event.
type openStreams struct {
	p       *Proxy
	addr    string
	upLn    net.Listener
	body    string
	clients []net.Conn
	ups     []net.Conn
	stop    func()
}

// sseEvent is the one event the upstream sends on each stream.
const sseEvent = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"

// sseHead is the upstream's answer up to and including its first event.
var sseHead = fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(sseEvent), sseEvent)

// startStreams starts a proxy for streams of request body body; close
// the streams and the proxy with s.stop.
func startStreams(tb testing.TB, body string) *openStreams {
	tb.Helper()
	upLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p, err := New(Config{Upstream: "http://" + upLn.Addr().String(), Policy: fastPolicy()})
	if err != nil {
		tb.Fatal(err)
	}
	ln, cancel, done := serveLoopback(tb, context.Background(), p)
	s := &openStreams{p: p, addr: ln.Addr().String(), upLn: upLn, body: body}
	s.stop = func() {
		for _, c := range s.clients {
			c.Close()
		}
		for _, c := range s.ups {
			c.Close()
		}
		cancel()
		if err := <-done; err != nil {
			tb.Error(err)
		}
		upLn.Close()
	}
	return s
}

// open opens one more stream.
func (s *openStreams) open(tb testing.TB) {
	tb.Helper()
	c, err := net.Dial("tcp", s.addr)
	if err != nil {
		tb.Fatal(err)
	}
	s.clients = append(s.clients, c)
	req := fmt.Sprintf("POST /v1/messages?beta=true HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nAnthropic-Version: 2023-06-01\r\nX-Api-Key: sk-ant-api03-test-key-0000000000000000wxyz\r\nContent-Length: %d\r\n\r\n%s", s.addr, len(s.body), s.body)
	if _, err := io.WriteString(c, req); err != nil {
		tb.Fatal(err)
	}
	u, err := s.upLn.Accept()
	if err != nil {
		tb.Fatal(err)
	}
	s.ups = append(s.ups, u)
	r, err := http.ReadRequest(bufio.NewReader(u))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		tb.Fatal(err)
	}
	if _, err := io.WriteString(u, sseHead); err != nil {
		tb.Fatal(err)
	}
	var got []byte
	buf := make([]byte, 1024)
	for !bytes.Contains(got, []byte("\n\n\r\n")) {
		n, err := c.Read(buf)
		if err != nil {
			tb.Fatalf("stream %d: %v after %q", len(s.clients), err, got)
		}
		got = append(got, buf[:n]...)
	}
	if !bytes.HasPrefix(got, []byte("HTTP/1.1 200 ")) || !bytes.Contains(got, []byte("event: message_start")) {
		tb.Fatalf("stream %d: got %q", len(s.clients), got)
	}
}

// memNow is the live heap and the goroutine stacks, after a collection.
func memNow() (heap, stacks uint64, goroutines int) {
	for range 6 {
		runtime.GC()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc, ms.StackInuse, runtime.NumGoroutine()
}

// BenchmarkOpenStreams reports what one open SSE stream costs the proxy,
// with 1,000 open: heap bytes, goroutine stack bytes and goroutines. Each
// iteration opens and measures 1,000 streams; run it with -benchtime=1x.
func BenchmarkOpenStreams(b *testing.B) {
	for _, size := range []int{len(streamBody), 256 << 10} {
		b.Run(fmt.Sprintf("body=%d", size), func(b *testing.B) {
			body := streamBody
			if size > len(body) {
				body = `{"stream":true,"pad":"` + strings.Repeat("x", size-24) + `"}`
			}
			const n = 1000
			var heap, stacks, gs float64
			if os.Getenv("CCERR_STREAMS_HEAPPROFILE") != "" {
				runtime.MemProfileRate = 1
			}
			for range b.N {
				s := startStreams(b, body)
				s.open(b) // the upstream connection pool and the buffers pools warm
				h0, st0, g0 := memNow()
				for range n {
					s.open(b)
				}
				h1, st1, g1 := memNow()
				if name := os.Getenv("CCERR_STREAMS_HEAPPROFILE"); name != "" {
					f, err := os.Create(name)
					if err != nil {
						b.Fatal(err)
					}
					_ = pprof.WriteHeapProfile(f)
					f.Close()
				}
				heap = float64(int64(h1)-int64(h0)) / n
				stacks = float64(int64(st1)-int64(st0)) / n
				gs = float64(g1-g0) / n
				s.stop()
			}
			b.ReportMetric(heap, "heap-B/stream")
			b.ReportMetric(stacks, "stack-B/stream")
			b.ReportMetric(gs, "goroutines/stream")
		})
	}
}

// An open stream holds no copy of its request body: once the answer has
// begun, the body's bytes are given back to the budget and freed, while
// the stream goes on (a Claude Code request carries the whole conversation,
// so a thousand streams would otherwise hold hundreds of MiB).
func TestStreamLetsGoOfRequestBody(t *testing.T) {
	const size = 4 << 20
	body := `{"stream":true,"pad":"` + strings.Repeat("x", size-24) + `"}`
	s := startStreams(t, body)
	defer s.stop()
	heap0, _, _ := memNow()
	s.open(t)
	waitGivenBack(t, s.p.mem)
	heap1, _, _ := memNow()
	if grew := int64(heap1) - int64(heap0); grew > size/4 {
		t.Errorf("the live heap grew by %d bytes with one open stream of a %d-byte request", grew, size)
	}
}

// The same after retries: every attempt's copy is let go.
func TestStreamLetsGoOfRequestBodyAfterRetries(t *testing.T) {
	var calls atomic.Int32
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if calls.Add(1) == 1 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(529)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, sseEvent)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer up.Close()
	tp := startProxy(t, up.URL, Config{})
	resp, err := tp.client.Do(newMessageRequest(t, t.Context(), tp.srv.URL, streamBody))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if line, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil || line != "event: message_start\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	if got := resp.Header.Get("X-Ccerr-Attempts"); got != "2" {
		t.Errorf("x-ccerr-attempts = %q, want 2", got)
	}
	waitGivenBack(t, tp.mem)
}

// waitGivenBack waits until mem holds no bytes. The last attempt's write
// may end on its own goroutine just after the answer reaches the client,
// so the wait yields to it a bounded number of times; a stream that kept
// its body would never get there.
func waitGivenBack(t *testing.T, mem *memBudget) {
	t.Helper()
	for range 5_000_000 {
		if usedOf(mem) == 0 {
			return
		}
		runtime.Gosched()
	}
	t.Fatalf("the request body's %d bytes are still held by an open stream", usedOf(mem))
}
