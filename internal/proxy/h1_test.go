package proxy

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
)

// countingServer is an httptest server that reports each connection it
// opens and closes.
type countingServer struct {
	*httptest.Server
	opened chan struct{}
	closed chan struct{}
}

func newCountingServer(t *testing.T, h http.HandlerFunc) *countingServer {
	t.Helper()
	s := &countingServer{opened: make(chan struct{}, 100), closed: make(chan struct{}, 100)}
	s.Server = httptest.NewUnstartedServer(h)
	s.Config.ConnState = func(_ net.Conn, cs http.ConnState) {
		switch cs {
		case http.StateNew:
			s.opened <- struct{}{}
		case http.StateClosed, http.StateHijacked:
			s.closed <- struct{}{}
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// newDirect returns the transport New builds, for tests of its direct path.
func newDirect(t *testing.T) *UpstreamTransport {
	t.Helper()
	tr, err := NewUpstreamTransport("", 0)
	if err != nil {
		t.Fatal(err)
	}
	tr.Proxy = nil // whatever HTTP_PROXY the machine has
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// send makes one request through tr and returns its status and body.
func send(t *testing.T, tr http.RoundTripper, ctx context.Context, method, url, body string) (int, string, error) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func count(ch chan struct{}) int {
	n := 0
	for {
		select {
		case <-ch:
			n++
		default:
			return n
		}
	}
}

func TestDirectReusesOneConnection(t *testing.T) {
	up := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_, _ = w.Write(b)
	})
	tr := newDirect(t)
	var reused []bool
	var wrote []error
	trace := &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			if _, ok := info.Conn.(*hopConn); !ok {
				t.Errorf("GotConn gave a %T, want the *hopConn", info.Conn)
			}
			reused = append(reused, info.Reused)
		},
		WroteRequest: func(info httptrace.WroteRequestInfo) { wrote = append(wrote, info.Err) },
	}
	ctx := httptrace.WithClientTrace(t.Context(), trace)
	for i := range 5 {
		status, body, err := send(t, tr, ctx, http.MethodPost, up.URL+"/v1/messages", messageBody)
		if err != nil || status != 200 || body != messageBody {
			t.Fatalf("request %d: %d %q %v", i, status, body, err)
		}
	}
	if n := count(up.opened); n != 1 {
		t.Errorf("the upstream saw %d connections, want 1", n)
	}
	if want := []bool{false, true, true, true, true}; !slices.Equal(reused, want) {
		t.Errorf("GotConn Reused = %v, want %v", reused, want)
	}
	if len(wrote) != 5 || errors.Join(wrote...) != nil {
		t.Errorf("WroteRequest = %v, want five nil errors", wrote)
	}
}

// A request the Proxy function sends through a proxy goes through the embedded Transport.
func TestDirectLeavesProxiedRequestsToTransport(t *testing.T) {
	var got string
	egress := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.RequestURI
		_, _ = io.WriteString(w, "via proxy")
	}))
	defer egress.Close()
	u, _ := url.Parse(egress.URL)
	tr := newDirect(t)
	tr.Proxy = http.ProxyURL(u)
	status, body, err := send(t, tr, t.Context(), http.MethodGet, "http://api.example.test/v1/models", "")
	if err != nil || status != 200 || body != "via proxy" {
		t.Fatalf("got %d %q %v", status, body, err)
	}
	if got != "http://api.example.test/v1/models" {
		t.Errorf("the egress proxy saw %q, want the absolute URL", got)
	}
	if tr.h1.n != 0 || len(tr.h1.idle) != 0 {
		t.Errorf("the direct path kept %d connections for a proxied request", tr.h1.n)
	}
}

// rawUpstream accepts connections on loopback and hands each to serve.
func rawUpstream(t *testing.T, serve func(c net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				serve(c)
			})
		}
	})
	return "http://" + ln.Addr().String()
}

// readRequest reads one request from br, body included.
func readRequest(br *bufio.Reader) error {
	req, err := http.ReadRequest(br)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, req.Body)
	return err
}

// closingUpstream answers one request on each connection, keeping it alive
// as far as the head says, then closes it and reports that on closed;
// conns counts the connections it accepted.
func closingUpstream(t *testing.T) (base string, closed <-chan struct{}, conns func() int) {
	t.Helper()
	ch := make(chan struct{}, 10)
	var mu sync.Mutex
	n := 0
	base = rawUpstream(t, func(c net.Conn) {
		mu.Lock()
		n++
		mu.Unlock()
		br := bufio.NewReader(c)
		if readRequest(br) != nil {
			return
		}
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		c.Close()
		ch <- struct{}{}
	})
	return base, ch, func() int {
		mu.Lock()
		defer mu.Unlock()
		return n
	}
}

// An idle connection the upstream closed is noticed before it is used:
// even a POST, which is never sent twice, goes on a new connection.
func TestDirectPeeksAtIdleConnections(t *testing.T) {
	up, closed, conns := closingUpstream(t)
	tr := newDirect(t)
	tr.h1.peekAfter = 0
	for i := range 3 {
		status, body, err := send(t, tr, t.Context(), http.MethodPost, up+"/v1/messages", messageBody)
		if err != nil || status != 200 || body != "ok" {
			t.Fatalf("request %d: %d %q %v", i, status, body, err)
		}
		<-closed // the upstream has closed the connection the pool keeps
	}
	if n := conns(); n != 3 {
		t.Errorf("the upstream saw %d connections, want 3", n)
	}
}

// Without the check (a connection idle for less than peekAfter), a closed
// connection fails the request once nothing of the answer came: a GET is
// sent again on a new connection, a POST is not, and its error is the
// lost connection Claude Code names ECONNRESET, for the retry policy.
func TestDirectSendsAgainOnlyWhatMayBeSentTwice(t *testing.T) {
	up, closed, conns := closingUpstream(t)
	tr := newDirect(t)
	tr.h1.peekAfter = time.Hour

	if _, _, err := send(t, tr, t.Context(), http.MethodGet, up+"/v1/models", ""); err != nil {
		t.Fatal(err)
	}
	<-closed
	status, body, err := send(t, tr, t.Context(), http.MethodGet, up+"/v1/models", "")
	if err != nil || status != 200 || body != "ok" {
		t.Fatalf("GET on a closed connection: %d %q %v; want it sent again", status, body, err)
	}
	<-closed
	_, _, err = send(t, tr, t.Context(), http.MethodPost, up+"/v1/messages", messageBody)
	if err == nil {
		t.Fatal("POST on a closed connection succeeded; it must not be sent twice")
	}
	f := classify.Err(err)
	if f == nil || f.ID != catalog.ConnectionFailed || f.Code != "ECONNRESET" {
		t.Errorf("POST error %v classified as %+v, want connection-failed ECONNRESET", err, f)
	}
	if n := conns(); n != 2 {
		t.Errorf("the upstream saw %d connections, want 2 (the POST is not sent again)", n)
	}
}

// An idle connection on which the upstream sent something unasked (some
// servers send a 408 before they close an idle connection) is not used.
func TestDirectDropsIdleConnectionWithUnaskedBytes(t *testing.T) {
	answered := make(chan struct{}, 1)
	proceed := make(chan struct{})
	sent := make(chan struct{})
	var mu sync.Mutex
	conns := 0
	up := rawUpstream(t, func(c net.Conn) {
		mu.Lock()
		conns++
		first := conns == 1
		mu.Unlock()
		br := bufio.NewReader(c)
		for readRequest(br) == nil {
			if _, err := io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"); err != nil {
				return
			}
			if first {
				first = false
				answered <- struct{}{}
				<-proceed
				_, _ = io.WriteString(c, "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
				close(sent)
			}
		}
	})
	tr := newDirect(t)
	tr.h1.peekAfter = 0
	if _, _, err := send(t, tr, t.Context(), http.MethodPost, up, messageBody); err != nil {
		t.Fatal(err)
	}
	<-answered
	close(proceed)
	<-sent
	status, body, err := send(t, tr, t.Context(), http.MethodPost, up, messageBody)
	if err != nil || status != 200 || body != "ok" {
		t.Fatalf("second request: %d %q %v", status, body, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if conns != 2 {
		t.Errorf("the upstream saw %d connections, want 2", conns)
	}
}

// A request that may be sent twice goes again with its whole body; one
// whose body cannot be read again says so.
func TestDirectSendsTheBodyAgain(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	closed := make(chan struct{}, 10)
	up := rawUpstream(t, func(c net.Conn) {
		br := bufio.NewReader(c)
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		b, _ := io.ReadAll(req.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		c.Close()
		closed <- struct{}{}
	})
	tr := newDirect(t)
	tr.h1.peekAfter = time.Hour
	idempotent := func(rd io.Reader) *http.Request {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, up+"/v1/messages", rd)
		req.Header.Set("Idempotency-Key", "k-1")
		return req
	}
	roundTrip := func(req *http.Request) error {
		resp, err := tr.RoundTrip(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.ReadAll(resp.Body)
		return err
	}
	if err := roundTrip(idempotent(strings.NewReader(messageBody))); err != nil {
		t.Fatal(err)
	}
	<-closed
	if err := roundTrip(idempotent(strings.NewReader(messageBody))); err != nil {
		t.Fatalf("idempotent POST on a closed connection: %v; want it sent again", err)
	}
	<-closed
	mu.Lock()
	if len(bodies) != 2 || bodies[1] != messageBody {
		t.Errorf("the upstream got bodies %q, want the whole body twice", bodies)
	}
	mu.Unlock()
	if err := roundTrip(idempotent(strings.NewReader(messageBody))); err != nil {
		t.Fatal(err)
	}
	<-closed
	// A reader NewRequest does not know has no GetBody.
	err := roundTrip(idempotent(io.MultiReader(strings.NewReader(messageBody))))
	if err == nil || !strings.Contains(err.Error(), "cannot be sent again") {
		t.Errorf("got %v, want the body that cannot be sent again named", err)
	}
}

func TestDirectConnectionCloseIsNotReused(t *testing.T) {
	up := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		_, _ = io.WriteString(w, "ok")
	})
	tr := newDirect(t)
	for range 2 {
		if _, _, err := send(t, tr, t.Context(), http.MethodGet, up.URL, ""); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(up.opened); n != 2 {
		t.Errorf("the upstream saw %d connections, want 2", n)
	}
	if tr.h1.n != 0 {
		t.Errorf("%d connections kept after Connection: close", tr.h1.n)
	}
}

// A body closed before its end closes its connection: the rest of a
// stream is not read to keep it.
func TestDirectEarlyCloseClosesConnection(t *testing.T) {
	up := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, sseEvent)
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the client closed the connection
	})
	tr := newDirect(t)
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, up.URL, strings.NewReader(streamBody))
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, len(sseEvent))
	if _, err := io.ReadFull(resp.Body, buf); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	<-up.closed
	if tr.h1.n != 0 {
		t.Errorf("%d connections kept after an early close", tr.h1.n)
	}
}

// The end of the attempt's context ends a read blocked in the body, with
// the context's cause.
func TestDirectCancelEndsBlockedBodyRead(t *testing.T) {
	up := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, sseEvent)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	tr := newDirect(t)
	ctx, cancel := context.WithCancelCause(t.Context())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, up.URL, nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, len(sseEvent))
	if _, err := io.ReadFull(resp.Body, buf); err != nil {
		t.Fatal(err)
	}
	cause := errors.New("client went away")
	readErr := make(chan error, 1)
	go func() {
		_, err := resp.Body.Read(buf)
		readErr <- err
	}()
	cancel(cause)
	if err := <-readErr; err != cause {
		t.Errorf("blocked read ended with %v, want the cause", err)
	}
	<-up.closed
}

func TestDirectCancelWhileWaitingForHead(t *testing.T) {
	arrived := make(chan struct{})
	done := make(chan struct{})
	defer close(done)
	up := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-done
	})
	tr := newDirect(t)
	ctx, cancel := context.WithCancelCause(t.Context())
	cause := errors.New("budget spent")
	go func() {
		<-arrived
		cancel(cause)
	}()
	_, _, err := send(t, tr, ctx, http.MethodPost, up.URL, messageBody)
	if err != cause {
		t.Errorf("RoundTrip = %v, want the context's cause", err)
	}
}

// With no head in time, the attempt fails as a timeout, which classify
// names request-timeout.
func TestDirectHeadTimeout(t *testing.T) {
	done := make(chan struct{})
	defer close(done)
	up := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) { <-done })
	tr := newDirect(t)
	tr.h1.headerTimeout = 10 * time.Millisecond
	_, _, err := send(t, tr, t.Context(), http.MethodPost, up.URL, messageBody)
	if ne, ok := errors.AsType[net.Error](err); !ok || !ne.Timeout() {
		t.Fatalf("RoundTrip = %v, want a timeout", err)
	}
	if f := classify.Err(err); f == nil || f.ID != catalog.RequestTimeout {
		t.Errorf("classified as %+v, want request-timeout", f)
	}
}

// rawAnswer is an upstream that reads each request and writes answer.
func rawAnswer(answer string) func(net.Conn) {
	return func(c net.Conn) {
		br := bufio.NewReader(c)
		for readRequest(br) == nil {
			if _, err := io.WriteString(c, answer); err != nil {
				return
			}
		}
	}
}

func TestDirectRawAnswers(t *testing.T) {
	big := "HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("b", maxResponseHead) + "\r\nContent-Length: 2\r\n\r\nok"
	for _, tc := range []struct {
		name, answer string
		status       int
		body         string
		err          error
	}{
		{"early hints then the answer", "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok", nil},
		{"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", 200, "ok", nil},
		{"switching protocols", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", 0, "", errSwitchedProtocols},
		{"head over the bound", big, 0, "", errHeadTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			up := rawUpstream(t, rawAnswer(tc.answer))
			tr := newDirect(t)
			status, body, err := send(t, tr, t.Context(), http.MethodGet, up, "")
			if !errors.Is(err, tc.err) || status != tc.status || body != tc.body {
				t.Errorf("got %d %q %v, want %d %q %v", status, body, err, tc.status, tc.body, tc.err)
			}
		})
	}
}

// Bytes after the end of an answer are no answer to anything: the
// connection is not kept.
func TestDirectBytesAfterTheAnswerCloseConnection(t *testing.T) {
	up := rawUpstream(t, rawAnswer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n"))
	tr := newDirect(t)
	if _, body, err := send(t, tr, t.Context(), http.MethodGet, up, ""); err != nil || body != "ok" {
		t.Fatalf("got %q %v", body, err)
	}
	if tr.h1.n != 0 {
		t.Errorf("%d connections kept with bytes after the answer", tr.h1.n)
	}
}

func TestDirectKeepsAtMostMaxIdle(t *testing.T) {
	release := make(chan struct{})
	up := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "2")
		_, _ = io.WriteString(w, "o")
		w.(http.Flusher).Flush()
		<-release
		_, _ = io.WriteString(w, "k")
	})
	tr := newDirect(t)
	tr.h1.maxIdle = 1
	var resps []*http.Response
	for range 2 {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, up.URL, nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resps = append(resps, resp)
	}
	close(release)
	for _, resp := range resps {
		if b, err := io.ReadAll(resp.Body); err != nil || string(b) != "ok" {
			t.Fatalf("body %q %v", b, err)
		}
		resp.Body.Close()
	}
	<-up.closed
	if tr.h1.n != 1 {
		t.Errorf("%d connections kept, want maxIdle = 1", tr.h1.n)
	}
}

// reapIdle closes what has been idle for idleTimeout and sets its timer for
// the oldest of the rest.
func TestDirectReapsOnlyTheOld(t *testing.T) {
	p := &h1Pool{maxIdle: 4, idleTimeout: time.Minute}
	old := &fakeConn{r: strings.NewReader("")}
	young := &fakeConn{r: strings.NewReader("")}
	now := time.Now()
	p.idle = map[string][]*h1Conn{"a:80": {
		{conn: old, pool: p, addr: "a:80", idleAt: now.Add(-2 * time.Minute)},
		{conn: young, pool: p, addr: "a:80", idleAt: now},
	}}
	p.n = 2
	p.reap = time.AfterFunc(time.Hour, func() {})
	defer p.closeIdle()
	p.reapIdle()
	if !old.closed || young.closed {
		t.Errorf("closed: old %v, young %v; want only the old one", old.closed, young.closed)
	}
	if p.n != 1 || len(p.idle["a:80"]) != 1 || p.reap == nil {
		t.Errorf("after reaping: %d idle, list %d, timer %v", p.n, len(p.idle["a:80"]), p.reap)
	}
}

func TestDirectClosesIdleConnections(t *testing.T) {
	up := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") })
	t.Run("after idleTimeout", func(t *testing.T) {
		tr := newDirect(t)
		tr.h1.idleTimeout = 5 * time.Millisecond
		if _, _, err := send(t, tr, t.Context(), http.MethodGet, up.URL, ""); err != nil {
			t.Fatal(err)
		}
		<-up.closed // by the reaper
		tr.h1.mu.Lock()
		defer tr.h1.mu.Unlock()
		if tr.h1.n != 0 || tr.h1.reap != nil {
			t.Errorf("after reaping: %d idle, timer %v", tr.h1.n, tr.h1.reap)
		}
	})
	t.Run("CloseIdleConnections", func(t *testing.T) {
		tr := newDirect(t)
		if _, _, err := send(t, tr, t.Context(), http.MethodGet, up.URL, ""); err != nil {
			t.Fatal(err)
		}
		tr.CloseIdleConnections()
		<-up.closed
		if tr.h1.n != 0 {
			t.Errorf("%d idle after CloseIdleConnections", tr.h1.n)
		}
	})
}

// fakeConn is a connection whose writes fail after the first and whose
// reads give answer: an upstream that answered and stopped reading.
type fakeConn struct {
	net.Conn // nil: only what the direct path uses is implemented
	r        *strings.Reader
	writes   int
	closed   bool
}

func (c *fakeConn) Read(p []byte) (int, error) { return c.r.Read(p) }
func (c *fakeConn) Write(p []byte) (int, error) {
	c.writes++
	if c.writes > 1 {
		return 0, syscall.EPIPE
	}
	return len(p), nil
}
func (c *fakeConn) Close() error                     { c.closed = true; return nil }
func (c *fakeConn) SetDeadline(time.Time) error      { return nil }
func (c *fakeConn) SetReadDeadline(time.Time) error  { return nil }
func (c *fakeConn) SetWriteDeadline(time.Time) error { return nil }

// An answer the upstream sent before it stopped reading the request (a
// 413 for a body it will not take) is passed on, and the connection
// closed.
func TestDirectTakesAnAnswerSentBeforeTheBodyWasRead(t *testing.T) {
	fc := &fakeConn{r: strings.NewReader("HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 3\r\n\r\nbig")}
	p := &h1Pool{
		dial:          func(context.Context, string, string) (net.Conn, error) { return fc, nil },
		maxIdle:       4,
		idleTimeout:   time.Minute,
		headerTimeout: time.Minute,
	}
	tr := &UpstreamTransport{Transport: &http.Transport{}, h1: p}
	body := strings.Repeat("x", 64<<10) // past the write buffer: a second write
	status, got, err := send(t, tr, t.Context(), http.MethodPost, "http://upstream.test/v1/messages", body)
	if err != nil || status != 413 || got != "big" {
		t.Fatalf("got %d %q %v, want the 413", status, got, err)
	}
	if !fc.closed || p.n != 0 {
		t.Errorf("connection closed %v, %d kept; want it closed", fc.closed, p.n)
	}
}

// The transport New builds takes the direct path to a plain-HTTP
// upstream: the connection of an answered request waits in its pool.
func TestProxyGoesDirectToPlainHTTP(t *testing.T) {
	up := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, cannedMessage)
	})
	tp := startProxy(t, up.URL, Config{})
	for range 3 {
		resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
		if resp.StatusCode != 200 || body != cannedMessage {
			t.Fatalf("%d %q", resp.StatusCode, body)
		}
	}
	if n := count(up.opened); n != 1 {
		t.Errorf("the upstream saw %d connections, want 1", n)
	}
	tp.ownBase.h1.mu.Lock()
	defer tp.ownBase.h1.mu.Unlock()
	if tp.ownBase.h1.n != 1 {
		t.Errorf("the direct pool holds %d connections, want 1", tp.ownBase.h1.n)
	}
}

// cancelConn is a connection whose first write ends the attempt's context
// and returns once the interrupt has set its deadline. It notes a read made
// while its read deadline lies in the future: on a real connection that
// read would block until then, the end of the context unseen.
type cancelConn struct {
	net.Conn
	cancel      func()
	interrupted chan struct{}
	once        sync.Once
	readBy      time.Time // the read deadline
	blocked     bool      // a read was made with a deadline still to come
}

func (c *cancelConn) Write(p []byte) (int, error) {
	c.cancel()
	<-c.interrupted
	return len(p), nil
}

func (c *cancelConn) Read([]byte) (int, error) {
	if c.readBy.IsZero() || c.readBy.After(time.Now()) {
		c.blocked = true
	}
	return 0, os.ErrDeadlineExceeded
}

func (c *cancelConn) Close() error { return nil }

func (c *cancelConn) SetDeadline(t time.Time) error {
	c.readBy = t
	if t.Before(time.Now()) {
		c.once.Do(func() { close(c.interrupted) })
	}
	return nil
}

func (c *cancelConn) SetReadDeadline(t time.Time) error {
	c.readBy = t
	return nil
}

// A context that ends while the request is written is seen, though the
// head's deadline, set after the write, replaced the interrupt's: no read
// waits for that deadline.
func TestDirectCancelDuringWriteIsNotLost(t *testing.T) {
	ctx, cancel := context.WithCancelCause(t.Context())
	cause := errors.New("client went away")
	cc := &cancelConn{cancel: func() { cancel(cause) }, interrupted: make(chan struct{})}
	p := &h1Pool{
		dial:          func(context.Context, string, string) (net.Conn, error) { return cc, nil },
		maxIdle:       4,
		idleTimeout:   time.Minute,
		headerTimeout: time.Minute,
	}
	tr := &UpstreamTransport{Transport: &http.Transport{}, h1: p}
	_, _, err := send(t, tr, ctx, http.MethodPost, "http://upstream.test/v1/messages", messageBody)
	if err != cause {
		t.Errorf("RoundTrip = %v, want the context's cause", err)
	}
	if cc.blocked {
		t.Error("the head was read with a deadline a minute away after the context had ended")
	}
}
