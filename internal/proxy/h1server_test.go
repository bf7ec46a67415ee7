package proxy

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testH1 is an h1Server under test with a handler of the test's own.
type testH1 struct {
	srv  *h1Server
	addr string
	logs *lockedBuffer
	errc chan error
}

// startH1 serves h with an h1Server on a loopback port; set may change its
// settings first. The server is closed when the test ends.
func startH1(t testing.TB, h http.HandlerFunc, set func(*h1Server)) *testH1 {
	t.Helper()
	logs := &lockedBuffer{}
	s := &h1Server{
		handler:           h,
		log:               slog.New(slog.NewTextHandler(logs, nil)),
		readHeaderTimeout: 10 * time.Second,
		readTimeout:       time.Minute,
		idleTimeout:       time.Minute,
		maxHeaderBytes:    8 << 10,
		watchAfter:        time.Millisecond,
	}
	if set != nil {
		set(s)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testH1{srv: s, addr: ln.Addr().String(), logs: logs, errc: make(chan error, 1)}
	go func() { ts.errc <- s.serve(ln) }()
	t.Cleanup(func() {
		s.close()
		if err := <-ts.errc; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
		s.wait()
	})
	return ts
}

// conn is a raw client connection to a test server.
type conn struct {
	t  testing.TB
	c  net.Conn
	br *bufio.Reader
}

func (ts *testH1) dial(t testing.TB) *conn {
	t.Helper()
	c, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &conn{t: t, c: c, br: bufio.NewReader(c)}
}

func (c *conn) send(raw string) {
	c.t.Helper()
	if _, err := io.WriteString(c.c, raw); err != nil {
		c.t.Fatal(err)
	}
}

// answer reads one answer to a request of this method, with its body.
func (c *conn) answer(method string) (*http.Response, string) {
	c.t.Helper()
	resp, err := http.ReadResponse(c.br, &http.Request{Method: method})
	if err != nil {
		c.t.Fatalf("reading the answer: %v", err)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("reading the body: %v", err)
	}
	return resp, string(b)
}

// closed reports whether the server closed the connection: the next read
// ends without data.
func (c *conn) closed() bool {
	_ = c.c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := c.br.ReadByte()
	return err != nil && !errors.Is(err, os.ErrDeadlineExceeded)
}

const get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"

func TestH1Framing(t *testing.T) {
	long := strings.Repeat("a", shortBody+1)
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/short":
			io.WriteString(w, "hello")
		case "/long":
			io.WriteString(w, long)
		case "/flushed":
			io.WriteString(w, "he")
			w.(http.Flusher).Flush()
			io.WriteString(w, "llo")
		case "/length":
			w.Header().Set("Content-Length", "5")
			io.WriteString(w, "hello")
		case "/nocontent":
			w.WriteHeader(http.StatusNoContent)
		case "/empty":
		case "/odd":
			w.WriteHeader(529)
			io.WriteString(w, "busy")
		}
	}, nil)
	tests := []struct {
		method, path string
		proto        string
		wantStatus   string
		wantLen      int64
		wantTE       []string
		wantBody     string
		wantClose    bool
	}{
		{"GET", "/short", "HTTP/1.1", "200 OK", 5, nil, "hello", false},
		{"GET", "/long", "HTTP/1.1", "200 OK", -1, []string{"chunked"}, long, false},
		{"GET", "/flushed", "HTTP/1.1", "200 OK", -1, []string{"chunked"}, "hello", false},
		{"GET", "/length", "HTTP/1.1", "200 OK", 5, nil, "hello", false},
		{"GET", "/nocontent", "HTTP/1.1", "204 No Content", 0, nil, "", false},
		{"GET", "/empty", "HTTP/1.1", "200 OK", 0, nil, "", false},
		{"GET", "/odd", "HTTP/1.1", "529 status code 529", 4, nil, "busy", false},
		{"HEAD", "/short", "HTTP/1.1", "200 OK", -1, nil, "", false},
		{"HEAD", "/length", "HTTP/1.1", "200 OK", 5, nil, "", false},
		{"GET", "/flushed", "HTTP/1.0", "200 OK", -1, nil, "hello", true},
		{"GET", "/short", "HTTP/1.0", "200 OK", 5, nil, "hello", true},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path+" "+tt.proto, func(t *testing.T) {
			c := ts.dial(t)
			c.send(tt.method + " " + tt.path + " " + tt.proto + "\r\nHost: x\r\n\r\n")
			resp, body := c.answer(tt.method)
			if resp.Status != tt.wantStatus || resp.ContentLength != tt.wantLen || !slicesEqual(resp.TransferEncoding, tt.wantTE) || body != tt.wantBody {
				t.Errorf("got %q, length %d, transfer-encoding %q, body %d bytes; want %q, %d, %q, %d bytes",
					resp.Status, resp.ContentLength, resp.TransferEncoding, len(body), tt.wantStatus, tt.wantLen, tt.wantTE, len(tt.wantBody))
			}
			if resp.Header.Get("Date") == "" {
				t.Error("no Date header")
			}
			if got := resp.Close; got != tt.wantClose {
				t.Errorf("Connection: close = %v, want %v", got, tt.wantClose)
			}
			if tt.wantClose && !c.closed() {
				t.Error("the connection stayed open")
			}
		})
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

// Requests sent one after the other, or all at once, are answered in
// order on one connection.
func TestH1KeepAliveAndPipelining(t *testing.T) {
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %s", r.URL.Path, b)
	}, nil)
	c := ts.dial(t)
	c.send("POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none")
	if _, body := c.answer("POST"); body != "/1 one" {
		t.Errorf("first answer %q", body)
	}
	c.send("POST /2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n" +
		"GET /3 HTTP/1.1\r\nHost: x\r\n\r\n" +
		"POST /4 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nfour")
	for _, want := range []string{"/2 two", "/3 ", "/4 four"} {
		if _, body := c.answer("POST"); body != want {
			t.Errorf("answer %q, want %q", body, want)
		}
	}
}

func TestH1ConnectionClose(t *testing.T) {
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/handler-closes" {
			w.Header().Set("Connection", "close")
		}
		io.WriteString(w, "ok")
	}, nil)
	for _, raw := range []string{
		"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /handler-closes HTTP/1.1\r\nHost: x\r\n\r\n",
	} {
		c := ts.dial(t)
		c.send(raw)
		if resp, _ := c.answer("GET"); !resp.Close {
			t.Errorf("%q: no Connection: close", raw)
		}
		if !c.closed() {
			t.Errorf("%q: the connection stayed open", raw)
		}
	}
}

// Requests the server answers itself, as net/http's Server does.
func TestH1RefusesBadRequests(t *testing.T) {
	called := false
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) { called = true }, nil)
	tests := []struct {
		name, raw string
		want      int
	}{
		{"no Host", "GET / HTTP/1.1\r\n\r\n", http.StatusBadRequest},
		{"two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", http.StatusBadRequest},
		{"bad Host", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", http.StatusBadRequest},
		{"bad header name", "GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n", http.StatusBadRequest},
		{"bad request line", "GET\r\nHost: x\r\n\r\n", http.StatusBadRequest},
		{"two lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", http.StatusBadRequest},
		{"head too large", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("b", 16<<10) + "\r\n\r\n", http.StatusRequestHeaderFieldsTooLarge},
		{"unknown Expect", "POST / HTTP/1.1\r\nHost: x\r\nExpect: tea\r\nContent-Length: 1\r\n\r\nx", http.StatusExpectationFailed},
		{"HTTP/2", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", http.StatusHTTPVersionNotSupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ts.dial(t)
			c.send(tt.raw)
			resp, _ := c.answer("GET")
			if resp.StatusCode != tt.want || !resp.Close {
				t.Errorf("got %s (close %v), want %d and close", resp.Status, resp.Close, tt.want)
			}
			if !c.closed() {
				t.Error("the connection stayed open")
			}
		})
	}
	if called {
		t.Error("the handler was called for a refused request")
	}
	// HTTP/1.0 needs no Host.
	c := ts.dial(t)
	c.send("GET / HTTP/1.0\r\n\r\n")
	if resp, _ := c.answer("GET"); resp.StatusCode != http.StatusOK {
		t.Errorf("HTTP/1.0 without Host: %s", resp.Status)
	}
}

// Expect: 100-continue gets its interim answer when the handler reads the
// body, and none when it answers without reading.
func TestH1ExpectContinue(t *testing.T) {
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/read" {
			b, _ := io.ReadAll(r.Body)
			w.Write(b)
			return
		}
		w.WriteHeader(http.StatusRequestEntityTooLarge)
	}, nil)

	c := ts.dial(t)
	c.send("POST /read HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
	line, err := c.br.ReadString('\n')
	if err != nil || line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("first line %q, %v; want the 100 Continue", line, err)
	}
	if blank, _ := c.br.ReadString('\n'); blank != "\r\n" {
		t.Fatalf("100 Continue not ended by a blank line: %q", blank)
	}
	c.send("body")
	if resp, body := c.answer("POST"); resp.StatusCode != http.StatusOK || body != "body" {
		t.Errorf("got %s %q", resp.Status, body)
	}

	c = ts.dial(t)
	c.send("POST /refuse HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
	if resp, _ := c.answer("POST"); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("got %s, want the handler's 413 without a 100 before it", resp.Status)
	}
	if !c.closed() {
		t.Error("the connection stayed open though the body was never sent")
	}
}

// A body the handler did not read is read past when it is short, and the
// connection closes when it is long.
func TestH1UnreadBody(t *testing.T) {
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, r.URL.Path) }, nil)
	c := ts.dial(t)
	c.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" + get)
	if _, body := c.answer("POST"); body != "/a" {
		t.Errorf("first answer %q", body)
	}
	if _, body := c.answer("GET"); body != "/" {
		t.Errorf("second answer %q", body)
	}

	// A long body: the answer must still reach a client that reads it only
	// once it has sent the whole body (no reset may overtake it).
	c = ts.dial(t)
	big := 4 << 20
	c.send(fmt.Sprintf("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", big))
	if _, err := c.c.Write(make([]byte, big)); err != nil {
		t.Fatalf("sending the body: %v", err)
	}
	if _, body := c.answer("POST"); body != "/big" {
		t.Errorf("answer %q", body)
	}
	if !c.closed() {
		t.Error("the connection stayed open after a long unread body")
	}
}

func TestH1Trailers(t *testing.T) {
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Sum")
		io.WriteString(w, "data")
		w.Header().Set("X-Sum", "42")
		w.Header().Set(http.TrailerPrefix+"X-Late", "yes")
	}, nil)
	c := ts.dial(t)
	c.send(get)
	resp, body := c.answer("GET")
	if body != "data" || resp.Trailer.Get("X-Sum") != "42" || resp.Trailer.Get("X-Late") != "yes" {
		t.Errorf("body %q, trailers %v", body, resp.Trailer)
	}
}

// Header values cannot split the head, and invalid names are dropped.
func TestH1SanitisesHeaders(t *testing.T) {
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header()["X-Split"] = []string{"a\r\nInjected: yes"}
		w.Header()["Bad Name"] = []string{"v"}
	}, nil)
	c := ts.dial(t)
	c.send(get)
	resp, _ := c.answer("GET")
	if resp.Header.Get("Injected") != "" || resp.Header.Get("X-Split") != "a Injected: yes" {
		t.Errorf("headers %v", resp.Header)
	}
	if _, ok := resp.Header["Bad Name"]; ok {
		t.Errorf("an invalid header name went out: %v", resp.Header)
	}
}

func TestH1ContentLengthKept(t *testing.T) {
	werr := make(chan error, 1)
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "4")
		if r.URL.Path == "/over" {
			_, err := io.WriteString(w, "too long")
			werr <- err
			return
		}
		io.WriteString(w, "ab") // short of the 4 announced
	}, nil)
	c := ts.dial(t)
	c.send("GET /over HTTP/1.1\r\nHost: x\r\n\r\n")
	if err := <-werr; !errors.Is(err, http.ErrContentLength) {
		t.Errorf("writing past Content-Length: %v, want http.ErrContentLength", err)
	}
	c = ts.dial(t)
	c.send(get)
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := io.ReadAll(resp.Body); err == nil {
		t.Errorf("an answer short of its Content-Length read whole: %q", b)
	}
}

// A client that goes away ends its request's context, once the request
// has run for watchAfter; a byte of the next request that the watch reads
// is not lost.
func TestH1ClientGone(t *testing.T) {
	ended := make(chan error, 1)
	started, watched := make(chan struct{}, 1), make(chan int, 1)
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/wait":
			<-r.Context().Done()
			ended <- context.Cause(r.Context())
		case "/slow":
			if n := <-watched; n != 1 {
				t.Errorf("the watch read %d bytes, want the next request's first", n)
			}
			io.WriteString(w, "slow")
		default:
			io.WriteString(w, r.Method+" "+r.URL.Path)
		}
	}, func(s *h1Server) {
		s.onWatch = func(n int) {
			switch {
			case n < 0:
				started <- struct{}{}
			case n > 0:
				watched <- n
			}
		}
	})

	// A client that leaves while the watch reads, and one that has left
	// before it starts.
	for _, early := range []bool{false, true} {
		c := ts.dial(t)
		c.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n")
		if early {
			c.c.Close()
			<-started
		} else {
			<-started
			c.c.Close()
		}
		if err := <-ended; !errors.Is(err, errClientGone) {
			t.Errorf("left early %v: cause %v, want errClientGone", early, err)
		}
	}

	c := ts.dial(t)
	c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
	// The watch starts after watchAfter (1 ms here) and reads the first
	// byte of a request sent early (the handler waits for that); the
	// request must still arrive whole.
	<-started
	c.send(get)
	if _, body := c.answer("GET"); body != "slow" {
		t.Errorf("first answer %q", body)
	}
	if _, body := c.answer("GET"); body != "GET /" {
		t.Errorf("second answer %q", body)
	}
}

// A panic closes the connection; one that is not http.ErrAbortHandler is
// logged.
func TestH1Panics(t *testing.T) {
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "part of the answer")
		w.(http.Flusher).Flush()
		if r.URL.Path == "/abort" {
			panic(http.ErrAbortHandler)
		}
		panic("boom")
	}, nil)
	for _, path := range []string{"/abort", "/boom"} {
		c := ts.dial(t)
		c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := http.ReadResponse(c.br, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadAll(resp.Body); err == nil {
			t.Errorf("%s: the cut answer read as complete", path)
		}
	}
	if l := ts.logs.String(); strings.Count(l, "panicked") != 1 || !strings.Contains(l, "boom") {
		t.Errorf("log:\n%s", l)
	}
}

// Shutdown closes idle connections, lets a request in flight finish, and
// returns once it has; close cuts what is left.
func TestH1Shutdown(t *testing.T) {
	inside := make(chan struct{})
	release := make(chan struct{})
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			close(inside)
			<-release
		}
		io.WriteString(w, "done")
	}, nil)
	idle := ts.dial(t)
	idle.send(get)
	idle.answer("GET")
	busy := ts.dial(t)
	busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
	<-inside

	done := make(chan error, 1)
	go func() { done <- ts.srv.shutdown(context.Background()) }()
	if !idle.closed() {
		t.Error("the idle connection stayed open")
	}
	close(release)
	resp, body := busy.answer("GET")
	if body != "done" || !resp.Close {
		t.Errorf("request in flight: %q, close %v", body, resp.Close)
	}
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if err := <-ts.errc; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("serve: %v", err)
	}
	ts.errc <- http.ErrServerClosed // for the cleanup
}

func TestH1CloseCutsRequests(t *testing.T) {
	inside := make(chan struct{})
	ended := make(chan error, 1)
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {
		close(inside)
		<-r.Context().Done()
		ended <- context.Cause(r.Context())
	}, func(s *h1Server) { s.watchAfter = time.Hour })
	c := ts.dial(t)
	c.send(get)
	<-inside
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ts.srv.shutdown(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("shutdown with a request in flight: %v", err)
	}
	ts.srv.close()
	if err := <-ended; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("cause %v, want http.ErrServerClosed", err)
	}
	if !c.closed() {
		t.Error("the connection stayed open")
	}
}

// Connections that send nothing, or a head too slowly, are closed.
func TestH1Timeouts(t *testing.T) {
	ts := startH1(t, func(w http.ResponseWriter, r *http.Request) {}, func(s *h1Server) {
		s.idleTimeout = 10 * time.Millisecond
		s.readHeaderTimeout = 10 * time.Millisecond
	})
	idle := ts.dial(t)
	if !idle.closed() {
		t.Error("an idle connection stayed open")
	}
	slow := ts.dial(t)
	slow.send("GET / HTTP/1.1\r\nHost:")
	if !slow.closed() {
		t.Error("a connection with half a head stayed open")
	}
}

// FuzzH1Framing writes a body in the pieces, flushes and lengths the input
// picks, and holds the server to it: what a client reads back is the status
// and the bytes written, whatever the framing chosen.
func FuzzH1Framing(f *testing.F) {
	f.Add([]byte("hello"), uint8(0), uint16(200), false)
	f.Add(bytes.Repeat([]byte("x"), 5000), uint8(3), uint16(500), true)
	f.Add([]byte{}, uint8(1), uint16(204), false)
	// The handler writes the request's body back as the request's headers
	// say.
	ts := startH1(f, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		split, _ := strconv.Atoi(r.Header.Get("X-Split"))
		code, _ := strconv.Atoi(r.Header.Get("X-Code"))
		if r.Header.Get("X-Set-Length") != "" {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		}
		w.WriteHeader(code)
		for i := 0; len(body) > 0; i++ {
			n := min(len(body), split*97+1)
			w.Write(body[:n])
			if split&(1<<(i%8)) != 0 {
				w.(http.Flusher).Flush()
			}
			body = body[n:]
		}
	}, nil)
	f.Fuzz(func(t *testing.T, body []byte, split uint8, status uint16, setLength bool) {
		code := int(status%800) + 200
		head := fmt.Sprintf("POST / HTTP/1.1\r\nHost: x\r\nX-Split: %d\r\nX-Code: %d\r\nContent-Length: %d\r\n", split, code, len(body))
		if setLength {
			head += "X-Set-Length: yes\r\n"
		}
		req := head + "\r\n" + string(body)
		c := ts.dial(t)
		c.send(req + req) // twice, so that the first answer's end must be right
		want := string(body)
		if !bodyAllowed(code) {
			want = ""
		}
		for range 2 {
			resp, got := c.answer("POST")
			if resp.StatusCode != code || got != want {
				t.Fatalf("got %d with %d bytes, want %d with %d", resp.StatusCode, len(got), code, len(want))
			}
		}
	})
}
