package proxy

import (
	"bufio"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// rawRequest writes a raw HTTP/1.1 request to addr and reads the response.
func rawRequest(t *testing.T, addr, raw string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading response to %q: %v", raw, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestNotAnOpenProxy(t *testing.T) {
	up := startMock(t, "ok")
	upHost := strings.TrimPrefix(up.URL, "http://")
	tests := []struct {
		name       string
		raw        string
		wantStatus int
		wantSent   int // requests the upstream saw
	}{
		{"CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 405, 0},
		{"absolute URL for another host", "POST http://example.com/v1/messages HTTP/1.1\r\nHost: example.com\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", 403, 0},
		{"absolute URL for another port of the upstream host", "POST http://" + strings.Replace(upHost, ":", ":1", 1) + "/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", 403, 0},
		{"absolute URL for the upstream itself", "POST " + up.URL + "/v1/messages HTTP/1.1\r\nHost: " + upHost + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", 200, 1},
		{"Host header naming another host is ignored", "POST /v1/messages HTTP/1.1\r\nHost: example.com\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", 200, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(up.Requests())
			tp := startProxy(t, up.URL, Config{})
			resp, body := rawRequest(t, tp.srv.Listener.Addr().String(), tt.raw)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d; body %s", resp.StatusCode, tt.wantStatus, body)
			}
			if got := len(up.Requests()) - before; got != tt.wantSent {
				t.Errorf("upstream saw %d requests, want %d", got, tt.wantSent)
			}
			if tt.wantStatus >= 400 {
				var e apiError
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Type != "error" || e.Error.Type == "" {
					t.Errorf("refusal is not in the API's error shape: %s", body)
				}
			}
		})
	}
}

// The logs of a run with credentials hold no part of them but the last four
// characters, at every level and in both formats.
func TestLogsRedactSecrets(t *testing.T) {
	const (
		key    = "sk-ant-api03-Zq9xSECRETkeyMATERIALqQwWeErRtTabcdWXYZ"
		token  = "sk-ant-oat01-TOKENsecretMATERIALpPoOiIuUyYzyxwLMNO"
		cookie = "sid=COOKIEsecretVALUEvVvV"
		goog   = "AIzaSyGOOGsecretMATERIALgGgGhHhH1234"
		azure  = "AZUREsecretMATERIALaAaAbBbB5678"
		gw     = "GATEWAYtokenMATERIALcCcCdDdD9012"
		amz    = "IQoJb3JpZ2luAMZsecretMATERIALeEeE3456"
	)
	// Everything of a secret after its public prefix is secret.
	material := func(s string) string {
		for _, p := range []string{"sk-ant-api03-", "sk-ant-oat01-"} {
			s = strings.TrimPrefix(s, p)
		}
		return s
	}
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf lockedBuffer
			ho := &slog.HandlerOptions{Level: slog.LevelDebug}
			var h slog.Handler = slog.NewTextHandler(&buf, ho)
			if format == "json" {
				h = slog.NewJSONHandler(&buf, ho)
			}
			up := startMock(t, "overloaded,ok")
			tp := startProxy(t, up.URL, Config{Logger: slog.New(h)})
			req := newMessageRequest(t, t.Context(), tp.srv.URL, messageBody)
			req.Header.Set("X-Api-Key", key)
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Cookie", cookie)
			req.Header.Set("Proxy-Authorization", "Basic "+token)
			req.Header.Set("X-Goog-Api-Key", goog)
			req.Header.Set("Api-Key", azure)
			req.Header.Set("Anthropic-Api-Key", key)
			req.Header.Set("X-Auth-Token", gw)
			req.Header.Set("X-Amz-Security-Token", amz)
			req.Header.Set("X-Forwarded-Note", "carries "+token)
			resp, _ := tp.do(t, req)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			tp.srv.Close() // the log line is written once the handler ends
			logs := buf.String()
			if !strings.Contains(logs, "attempts") {
				t.Fatalf("no request line logged:\n%s", logs)
			}
			for _, secret := range []string{key, token, cookie, goog, azure, gw, amz} {
				secret = material(secret)
				// No run of five characters of the secret may appear: at most
				// its last four.
				for i := 0; i+5 <= len(secret); i++ {
					if part := secret[i : i+5]; strings.Contains(logs, part) {
						t.Errorf("logs contain %q, part of a secret:\n%s", part, logs)
						break
					}
				}
			}
		})
	}
}

// pathRecorder is an upstream that answers 200 and records the escaped path
// of every request it gets.
type pathRecorder struct {
	mu    sync.Mutex
	paths []string
}

func (pr *pathRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	pr.mu.Lock()
	pr.paths = append(pr.paths, r.URL.EscapedPath())
	pr.mu.Unlock()
	_, _ = io.WriteString(w, "{}")
}

func (pr *pathRecorder) seen() []string {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return slices.Clone(pr.paths)
}

// Dot segments, plain or escaped, cannot take a request out of the
// upstream's path prefix: such a request is refused with 400 and never
// forwarded; dot segments that stay inside it are resolved before the
// request goes on.
func TestPathTraversal(t *testing.T) {
	tests := []struct {
		target     string
		wantStatus int
		wantPath   string // what the upstream sees; "" for nothing
	}{
		{"/v1/messages", 200, "/base/v1/messages"},
		{"/../admin", 400, ""},
		{"/v1/../../admin", 400, ""},
		{"/%2e%2e/admin", 400, ""},
		{"/%2E%2E/%2e%2e/admin", 400, ""},
		{"/..%2fadmin", 400, ""},
		{"/v1/..%2f..%2fadmin", 400, ""},
		{"/.%2e/admin", 400, ""},
		{"/..%5cadmin", 400, ""},
		{"/v1/./messages", 200, "/base/v1/messages"},
		{"/v1/x/../messages", 200, "/base/v1/messages"},
	}
	rec := &pathRecorder{}
	up := httptest.NewServer(rec)
	t.Cleanup(up.Close)
	tp := startProxy(t, up.URL+"/base", Config{})
	addr := tp.srv.Listener.Addr().String()
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			before := len(rec.seen())
			resp, body := rawRequest(t, addr, "POST "+tt.target+" HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d; body %s", resp.StatusCode, tt.wantStatus, body)
			}
			got := rec.seen()[before:]
			switch {
			case tt.wantPath == "" && len(got) != 0:
				t.Errorf("upstream saw %v, want nothing", got)
			case tt.wantPath != "" && (len(got) != 1 || got[0] != tt.wantPath):
				t.Errorf("upstream saw %v, want [%s]", got, tt.wantPath)
			}
		})
	}
}

// halfClosed writes raw to the proxy, closes the sending side, and returns
// what the proxy answered: the response, or nil if it closed the
// connection without one.
func halfClosed(t *testing.T, addr, raw string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	_ = conn.(*net.TCPConn).CloseWrite()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return nil // closed without an answer: acceptable
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// A body that ends before its Content-Length, or a chunked body that does
// not parse, is never answered 200: it is refused (400) or the connection
// closed, and nothing is forwarded.
func TestShortBodyRefused(t *testing.T) {
	for _, tt := range []struct{ name, raw string }{
		{"content-length 100, 10 bytes", "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"},
		{"content-length 10, no bytes", "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n"},
		{"chunked, cut", "POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n0123456789"},
		{"chunked, malformed", "POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			up := startMock(t, "ok")
			tp := startProxy(t, up.URL, Config{})
			resp := halfClosed(t, tp.srv.Listener.Addr().String(), tt.raw)
			if resp != nil && resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400 or a closed connection", resp.StatusCode)
			}
			if n := len(up.Requests()); n != 0 {
				t.Errorf("upstream saw %d requests, want 0", n)
			}
		})
	}
}

// timeoutReader fails as a connection whose read deadline passed does.
type timeoutReader struct{}

func (timeoutReader) Read([]byte) (int, error) { return 0, os.ErrDeadlineExceeded }

// A body that stops arriving until the server's read timeout is answered
// 408, not 200.
func TestBodyTimeout(t *testing.T) {
	up := startMock(t, "ok")
	tp := startProxy(t, up.URL, Config{})
	req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/v1/messages", io.MultiReader(strings.NewReader("0123456789"), timeoutReader{}))
	req.ContentLength = 100
	rec := httptest.NewRecorder()
	tp.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestTimeout {
		t.Errorf("status %d, want 408; body %s", rec.Code, rec.Body)
	}
	if n := len(up.Requests()); n != 0 {
		t.Errorf("upstream saw %d requests, want 0", n)
	}
}
