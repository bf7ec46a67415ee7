package mock

import (
	"bufio"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const streamBody = `{"model":"claude-opus-4-5","max_tokens":1,"stream":true,"messages":[{"role":"user","content":"hi"}]}`
const jsonBody = `{"model":"claude-opus-4-5","max_tokens":1,"messages":[{"role":"user","content":"hi"}]}`

var okStream = []string{"message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop", "message_delta", "message_stop"}

func TestOKJSON(t *testing.T) {
	s := start(t, Config{})
	resp, body, err := post(t, s.Client(), s.URL+"/v1/messages?beta=true", jsonBody)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("content-type %q, want application/json", ct)
	}
	var msg message
	if err := json.Unmarshal([]byte(body), &msg); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	if msg.Type != "message" || msg.Role != "assistant" || msg.Model != "claude-opus-4-5" ||
		len(msg.Content) != 1 || msg.Content[0].Text != okText || msg.StopReason == nil || *msg.StopReason != "end_turn" {
		t.Errorf("got message %+v", msg)
	}
	if id := resp.Header.Get("request-id"); !strings.HasPrefix(id, "req_") {
		t.Errorf("request-id %q, want req_…", id)
	}
}

func TestOKStream(t *testing.T) {
	s := start(t, Config{})
	resp, body, err := post(t, s.Client(), s.URL+"/v1/messages", streamBody)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Errorf("content-type %q, want text/event-stream", ct)
	}
	events, ok := parseSSE(body)
	if !ok {
		t.Fatalf("stream does not end on an event boundary: %q", body)
	}
	if got := eventNames(events); !slices.Equal(got, okStream) {
		t.Fatalf("events %v, want %v", got, okStream)
	}
	for _, e := range events {
		var v struct{ Type string }
		if err := json.Unmarshal([]byte(e.Data), &v); err != nil || v.Type != e.Name {
			t.Errorf("event %s: data %q has type %q (%v)", e.Name, e.Data, v.Type, err)
		}
	}
}

func TestErrorScenarios(t *testing.T) {
	tests := []struct {
		scenario string
		status   int
		ctype    string
		body     string // exact, with REQ for the request id
		headers  map[string]string
	}{
		{"overloaded", 529, "application/json",
			`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"REQ"}`, nil},
		{"usage-limit", 429, "application/json",
			`{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"},"request_id":"REQ"}`,
			map[string]string{"anthropic-ratelimit-unified-status": "rejected", "anthropic-ratelimit-unified-reset": "2000000000"}},
		{"request-too-large", 413, "text/html; charset=utf-8",
			"<html><body>413 Request Entity Too Large</body></html>", map[string]string{"request-id": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			s := start(t, Config{Scenario: tt.scenario})
			resp, body, err := post(t, s.Client(), s.URL+"/v1/messages", streamBody)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if got := resp.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("content-type %q, want %q", got, tt.ctype)
			}
			id := resp.Header.Get("request-id")
			if want := strings.ReplaceAll(tt.body, "REQ", id); body != want {
				t.Errorf("body\n got %s\nwant %s", body, want)
			}
			for k, v := range tt.headers {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("header %s: got %q, want %q", k, got, v)
				}
			}
			reqs := s.Requests()
			if len(reqs) != 1 || reqs[0].Scenario != tt.scenario || reqs[0].Status != tt.status || reqs[0].RequestID == "" {
				t.Errorf("recorded %+v", reqs)
			}
		})
	}
}

func TestStreamScenarios(t *testing.T) {
	tests := []struct {
		scenario string
		events   []string
		errType  string
		errMsg   string
	}{
		{"stream-error", []string{"message_start", "content_block_start", "ping", "content_block_delta", "error"}, "overloaded_error", "Overloaded"},
		{"mid-stream", []string{"message_start", "error"}, "api_error", "Internal server error"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			s := start(t, Config{Scenario: tt.scenario})
			resp, body, err := post(t, s.Client(), s.URL+"/v1/messages", streamBody)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 {
				t.Errorf("status %d, want 200", resp.StatusCode)
			}
			events, ok := parseSSE(body)
			if !ok || !slices.Equal(eventNames(events), tt.events) {
				t.Fatalf("events %v (complete %v), want %v", eventNames(events), ok, tt.events)
			}
			want := fmt.Sprintf(`{"type":"error","error":{"type":%q,"message":%q}}`, tt.errType, tt.errMsg)
			if got := events[len(events)-1].Data; got != want {
				t.Errorf("error data %s, want %s", got, want)
			}
		})
	}
}

// TestStreamScenarioWithoutStream checks that a stream failure answers a
// non-streaming request (Claude Code's re-send after a broken stream) with
// the HTTP error the stream's error event stands for.
func TestStreamScenarioWithoutStream(t *testing.T) {
	s := start(t, Config{Scenario: "stream-error"})
	resp, body, err := post(t, s.Client(), s.URL+"/v1/messages", jsonBody)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 529 {
		t.Errorf("status %d, want 529", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	if !strings.Contains(string(body), `"type":"overloaded_error"`) {
		t.Errorf("body %s, want an overloaded_error", body)
	}
}

func TestReset(t *testing.T) {
	for _, name := range []string{"reset", "connection-failed"} {
		t.Run(name, func(t *testing.T) {
			s := start(t, Config{Scenario: name})
			_, _, err := post(t, s.Client(), s.URL+"/v1/messages", jsonBody)
			if !errors.Is(err, syscall.ECONNRESET) {
				t.Fatalf("got %v, want ECONNRESET", err)
			}
			if reqs := s.Requests(); len(reqs) != 1 || reqs[0].Status != 0 || reqs[0].Scenario != name {
				t.Errorf("recorded %+v", reqs)
			}
		})
	}
}

// TestHeld covers the scenarios that hold a request: the client gives up
// once the server has logged the request, and the handler returns.
func TestHeld(t *testing.T) {
	for _, name := range []string{"hang", "request-timeout", "stall", "slow"} {
		t.Run(name, func(t *testing.T) {
			lw := newLineWriter()
			s := start(t, Config{Scenario: name, Log: lw, SlowDelay: time.Hour})
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/v1/messages", strings.NewReader(streamBody))
			errc := make(chan error, 1)
			go func() {
				resp, err := s.Client().Do(req)
				if err == nil {
					// stall: headers came; the body never ends.
					if resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					} else {
						_, err = io.ReadAll(resp.Body)
					}
					resp.Body.Close()
				}
				errc <- err
			}()
			<-lw.lines
			cancel()
			if err := <-errc; !errors.Is(err, context.Canceled) {
				t.Fatalf("got %v, want context.Canceled", err)
			}
		})
	}
}

// holdOne starts a server on a scenario that never finishes its answer and
// sends it one request in the background; it returns once the server has
// logged the request, with the channel the request's error arrives on.
func holdOne(t *testing.T, scenario string) (*Server, <-chan error) {
	t.Helper()
	lw := newLineWriter()
	s, err := newServer(Config{Scenario: scenario, Log: lw}, testSet)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() {
		_, _, err := post(t, s.Client(), s.URL+"/v1/messages", jsonBody)
		errc <- err
	}()
	<-lw.lines
	return s, errc
}

// TestCloseReleases checks that closing the server ends held requests.
func TestCloseReleases(t *testing.T) {
	s, errc := holdOne(t, "hang")
	s.Close()
	if err := <-errc; err == nil {
		t.Fatal("request succeeded after Close")
	}
}

func TestShutdown(t *testing.T) {
	s, errc := holdOne(t, "stall")
	if err := s.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	<-errc
	s.Close()
}

func TestSlow(t *testing.T) {
	s := start(t, Config{Scenario: "slow", SlowDelay: time.Millisecond})
	resp, _, err := post(t, s.Client(), s.URL+"/v1/messages", jsonBody)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("got %v, %v; want 200", resp, err)
	}
}

func TestTLS(t *testing.T) {
	for _, name := range []string{"tls", "tls-certificate"} {
		t.Run(name, func(t *testing.T) {
			s := start(t, Config{Scenario: name})
			if !strings.HasPrefix(s.URL, "https://") || !s.TLS() {
				t.Fatalf("URL %s, want https", s.URL)
			}
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			_, _, err := post(t, &http.Client{Transport: tr}, s.URL+"/v1/messages", jsonBody)
			var unknown x509.UnknownAuthorityError
			if !errors.As(err, &unknown) {
				t.Fatalf("default client: got %v, want x509.UnknownAuthorityError", err)
			}
			resp, body, err := post(t, s.Client(), s.URL+"/v1/messages?beta=true", jsonBody)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("trusting client: %v %v", resp, err)
			}
			if !strings.Contains(body, okText) {
				t.Errorf("body %q", body)
			}
			reqs := s.Requests()
			if n := len(reqs); n != 1 {
				t.Fatalf("%d requests recorded, want 1 (the failed handshake sends none)", n)
			}
			if !strings.HasPrefix(reqs[0].RawHeader, "POST /v1/messages?beta=true HTTP/1.1\r\n") {
				t.Errorf("raw header under TLS: %q", reqs[0].RawHeader)
			}
		})
	}
}

func TestSequence(t *testing.T) {
	s := start(t, Config{Scenario: "overloaded,overloaded,ok"})
	var got []int
	for range 5 {
		resp, _, err := post(t, s.Client(), s.URL+"/v1/messages", jsonBody)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, resp.StatusCode)
	}
	if want := []int{529, 529, 200, 200, 200}; !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
}

// TestSequenceConcurrent checks that counting is atomic: of n concurrent
// requests to "overloaded,ok" exactly one is overloaded.
func TestSequenceConcurrent(t *testing.T) {
	s := start(t, Config{Scenario: "overloaded,ok"})
	c := s.Client()
	const n = 20
	statuses := make(chan int, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			resp, _, err := post(t, c, s.URL+"/v1/messages", jsonBody)
			if err != nil {
				t.Error(err)
				statuses <- 0
				return
			}
			statuses <- resp.StatusCode
		})
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for st := range statuses {
		count[st]++
	}
	if count[529] != 1 || count[200] != n-1 {
		t.Errorf("statuses %v, want one 529 and %d 200s", count, n-1)
	}
}

func TestScenarioPath(t *testing.T) {
	s := start(t, Config{Scenario: "ok"})
	c := s.Client()
	tests := []struct {
		path   string
		status int
	}{
		{"/scenario/overloaded,ok/v1/messages", 529},
		{"/v1/messages", 200},
		{"/scenario/overloaded,ok/v1/messages?beta=true", 200},
		{"/scenario/overloaded,ok/v1/messages", 200},
		{"/scenario/overloaded/v1/messages", 529},
		{"/scenario/tls/v1/messages", 200},
		{"/scenario/nope/v1/messages", 400},
		{"/scenario/refused/v1/messages", 400},
		{"/scenario//v1/messages", 404},
		{"/v1/complete", 404},
		{"/", 404},
	}
	for _, tt := range tests {
		resp, body, err := post(t, c, s.URL+tt.path, jsonBody)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d (%s)", tt.path, resp.StatusCode, tt.status, body)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := start(t, Config{})
	resp, err := s.Client().Get(s.URL + "/v1/messages")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "POST" {
		t.Errorf("status %d allow %q, want 405 POST", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

// A body over the limit is answered 413 without being read: announced by
// its Content-Length (over a real connection, sending the headers only, so
// that no write races the answer), or found while reading a chunked body
// (in memory, where nothing races).
func TestBodyTooLarge(t *testing.T) {
	t.Run("content-length", func(t *testing.T) {
		s := start(t, Config{})
		resp, body := rawExchange(t, s, fmt.Sprintf("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", maxBody+1))
		if resp.StatusCode != 413 || !strings.Contains(body, tooLargeMessage) {
			t.Errorf("got %d %s, want 413", resp.StatusCode, body)
		}
	})
	t.Run("chunked", func(t *testing.T) {
		s, err := newServer(Config{}, testSet)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		req, _ := http.NewRequest(http.MethodPost, "/v1/messages", io.MultiReader(strings.NewReader(strings.Repeat("x", maxBody+1))))
		req.ContentLength = -1
		rec := newRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.status != 413 || !strings.Contains(rec.body.String(), tooLargeMessage) {
			t.Errorf("got %d %s, want 413", rec.status, rec.body.String())
		}
	})
}

// rawExchange writes raw to the server and reads one response.
func rawExchange(t *testing.T, s *Server, raw string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"unknown", Config{Scenario: "nope"}, `unknown scenario "nope"; valid scenarios: ok, reset, hang`},
		{"unknown in sequence", Config{Scenario: "ok,nope"}, `unknown scenario "nope"`},
		{"refused", Config{Scenario: "refused"}, "closed port"},
		{"refused-only entry", Config{Scenario: "dns-only"}, "closed port"},
		{"local entry", Config{Scenario: "not-logged-in"}, `unknown scenario "not-logged-in"`},
		{"no host", Config{Addr: ":0"}, "has no host"},
		{"bad addr", Config{Addr: "nonsense"}, "listen address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newServer(tt.cfg, testSet)
			if err == nil {
				err = s.Start()
				s.Close()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestRecordAndLog sends a request over a raw connection, with names in
// lower case and a secret, and checks the recording and the log line.
func TestRecordAndLog(t *testing.T) {
	lw := newLineWriter()
	s := start(t, Config{Log: lw, BodyLimit: 10})
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	raw := "POST /v1/messages?beta=true&key=AIzaSyQUERYsecretMATERIAL5678 HTTP/1.1\r\n" +
		"host: mock\r\n" +
		"x-api-key: sk-ant-api03-abcdefghijklmnop-WXYZ\r\n" +
		"authorization: Bearer sk-ant-oat01-secret-token-1234\r\n" +
		"x-goog-api-key: AIzaSyGOOGsecretMATERIAL0000\r\n" +
		"api-key: AZUREsecretMATERIAL1111\r\n" +
		"x-auth-token: GATEWAYsecretMATERIAL2222\r\n" +
		"X-Amz-Security-Token: AMZsecretMATERIAL3333\r\n" +
		"anthropic-version: 2023-06-01\r\n" +
		"anthropic-beta: a,b\r\n" +
		"anthropic-beta: c\r\n" +
		"content-length: " + fmt.Sprint(len(jsonBody)) + "\r\n" +
		"\r\n"
	if _, err := io.WriteString(conn, raw+jsonBody); err != nil {
		t.Fatal(err)
	}
	line := <-lw.lines
	reqs := s.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.RawHeader != raw {
		t.Errorf("raw header\n got %q\nwant %q", r.RawHeader, raw)
	}
	if r.Path != "/v1/messages" || r.Query != "beta=true&key=AIzaSyQUERYsecretMATERIAL5678" || r.BodySize != int64(len(jsonBody)) || string(r.Body) != jsonBody[:10] {
		t.Errorf("recorded %+v", r)
	}
	var logged struct {
		Method, Path, Query, Scenario string
		Status                        int
		RequestID                     string `json:"request_id"`
		BodyBytes                     int    `json:"body_bytes"`
		Headers                       map[string]string
	}
	if err := json.Unmarshal([]byte(line), &logged); err != nil {
		t.Fatalf("log line %q: %v", line, err)
	}
	want := map[string]string{
		"host": "mock", "x-api-key": "sk-ant-api03-…WXYZ", "authorization": "Bearer sk-ant-oat01-…1234",
		"x-goog-api-key": "…0000", "api-key": "…1111", "x-auth-token": "…2222", "X-Amz-Security-Token": "…3333",
		"anthropic-version": "2023-06-01", "anthropic-beta": "a,b, c", "content-length": fmt.Sprint(len(jsonBody)),
	}
	if fmt.Sprint(logged.Headers) != fmt.Sprint(want) {
		t.Errorf("logged headers %v, want %v", logged.Headers, want)
	}
	if logged.Scenario != "ok" || logged.Status != 200 || logged.Query != "beta=true&key=…5678" || logged.BodyBytes != len(jsonBody) || !strings.HasPrefix(logged.RequestID, "req_") {
		t.Errorf("log line %s", line)
	}
	if strings.Contains(line, "abcdefgh") || strings.Contains(line, "secret-token") || strings.Contains(line, "MATERIAL") {
		t.Errorf("secret in log line %s", line)
	}
	if !strings.HasSuffix(line, "}\n") || strings.Count(line, "\n") != 1 {
		t.Errorf("not one line: %q", line)
	}
}

// TestKeepAlive checks raw headers stay matched to their requests over one
// reused connection.
func TestKeepAlive(t *testing.T) {
	s := start(t, Config{})
	c := s.Client()
	for i := range 3 {
		body := fmt.Sprintf(`{"model":"m%d"}`, i)
		if _, _, err := post(t, c, s.URL+fmt.Sprintf("/v1/messages?n=%d", i), body); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range s.Requests() {
		if want := fmt.Sprintf("POST /v1/messages?n=%d HTTP/1.1\r\n", i); !strings.HasPrefix(r.RawHeader, want) {
			t.Errorf("request %d raw header %q, want prefix %q", i, r.RawHeader, want)
		}
	}
}

func TestMaxRequests(t *testing.T) {
	for _, tt := range []struct{ max, want int }{{0, 3}, {2, 2}, {-1, 0}} {
		s := start(t, Config{MaxRequests: tt.max})
		for range 3 {
			if _, _, err := post(t, s.Client(), s.URL+"/v1/messages", jsonBody); err != nil {
				t.Fatal(err)
			}
		}
		if got := len(s.Requests()); got != tt.want {
			t.Errorf("MaxRequests %d: kept %d, want %d", tt.max, got, tt.want)
		}
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sk-ant-api03-abcdefghijkl-WXYZ", "sk-ant-api03-…WXYZ"},
		{"Bearer sk-ant-oat01-abcdefgh-1234", "Bearer sk-ant-oat01-…1234"},
		{"short", "(5 characters)"},
		{"Bearer short", "Bearer (5 characters)"},
		{"", "(empty)"},
		{"ключ-ключ-ключ-ключ", "…ключ"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHandlerInMemory(t *testing.T) {
	s, err := newServer(Config{Scenario: "overloaded"}, testSet)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec := newRecorder()
	req, _ := http.NewRequest(http.MethodPost, "/v1/messages", strings.NewReader(jsonBody))
	s.Handler().ServeHTTP(rec, req)
	if rec.status != 529 {
		t.Errorf("status %d, want 529", rec.status)
	}
	if r := s.Requests(); len(r) != 1 || r[0].RawHeader != "" {
		t.Errorf("recorded %+v", r)
	}
}

// recorder is a minimal ResponseWriter (httptest.ResponseRecorder would do,
// but this keeps the test free of a second fake).
type recorder struct {
	h      http.Header
	status int
	body   strings.Builder
}

func newRecorder() *recorder                    { return &recorder{h: http.Header{}} }
func (r *recorder) Header() http.Header         { return r.h }
func (r *recorder) WriteHeader(code int)        { r.status = code }
func (r *recorder) Write(p []byte) (int, error) { return r.body.Write(p) }

// A body that ends before its Content-Length, or a chunked body that does
// not parse, is never answered 200: the mock answers 400 (or closes) and
// counts no scenario step.
func TestShortBodyRefused(t *testing.T) {
	for _, tt := range []struct{ name, raw string }{
		{"content-length 100, 10 bytes", "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"},
		{"chunked, cut", "POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n0123456789"},
		{"chunked, malformed", "POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t, Config{Scenario: "ok"})
			conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := io.WriteString(conn, tt.raw); err != nil {
				t.Fatal(err)
			}
			_ = conn.(*net.TCPConn).CloseWrite()
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode != http.StatusBadRequest {
					t.Errorf("status %d, want 400 or a closed connection", resp.StatusCode)
				}
			}
		})
	}
}
