package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"slices"
	"strings"
	"testing"
)

// claudeCodeHeaders are the end-to-end headers Claude Code 2.1.332 sends
// (FACTS §3), plus oddities a careless gateway mangles. (Whitespace around
// a field value is not part of it, RFC 9110 section 5.5; net/http trims it.)
var claudeCodeHeaders = http.Header{
	"Anthropic-Version":        {"2023-06-01"},
	"Anthropic-Beta":           {"claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24"},
	"X-Api-Key":                {"sk-ant-api03-fidelity-test-key-AAAA"},
	"Authorization":            {"Bearer sk-ant-oat01-fidelity-token-BBBB"},
	"User-Agent":               {"claude-cli/2.1.332 (external, sdk-cli)"},
	"X-App":                    {"cli"},
	"X-Claude-Code-Session-Id": {"5f0c3c9e-9d6a-4c55-bb52-3f3b2f9d6a11"},
	"Anthropic-Dangerous-Direct-Browser-Access": {"true"},
	"X-Stainless-Retry-Count":                   {"0"},
	"X-Stainless-Timeout":                       {"600"},
	"X-Stainless-Lang":                          {"js"},
	"Accept":                                    {"application/json"},
	"Content-Type":                              {"application/json"},
	"Accept-Encoding":                           {"gzip, deflate, br, zstd"},
	"X-Multi":                                   {"first", "second ,  with   spaces"},
	"X-Empty":                                   {""},
	"X-Unicode":                                 {"caf\xc3\xa9"},
}

func TestRequestHeaderFidelity(t *testing.T) {
	up := startMock(t, "ok")
	tp := startProxy(t, up.URL, Config{})
	req := newMessageRequest(t, t.Context(), tp.srv.URL, messageBody)
	req.Header = claudeCodeHeaders.Clone()
	// Hop-by-hop fields, which must stop at the proxy.
	req.Header["Connection"] = []string{"X-Hop-Named, keep-alive"}
	req.Header["X-Hop-Named"] = []string{"only for the next hop"}
	req.Header["Keep-Alive"] = []string{"timeout=5"}
	req.Header["Proxy-Authorization"] = []string{"Basic cHJveHk6c2VjcmV0"}
	req.Header["Proxy-Connection"] = []string{"keep-alive"}
	resp, body := tp.do(t, req)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	reqs := up.Requests()
	if len(reqs) != 1 {
		t.Fatalf("upstream saw %d requests", len(reqs))
	}
	got := reqs[0].Header
	for k, want := range claudeCodeHeaders {
		if !slices.Equal(got[k], want) {
			t.Errorf("%s: upstream got %q, want %q", k, got[k], want)
		}
	}
	for _, k := range []string{"X-Hop-Named", "Keep-Alive", "Proxy-Authorization", "Proxy-Connection"} {
		if v, ok := got[k]; ok {
			t.Errorf("hop-by-hop %s reached the upstream: %q", k, v)
		}
	}
	// Nothing added but what HTTP/1.1 framing needs.
	for k, v := range got {
		if _, sent := claudeCodeHeaders[k]; !sent && k != "Content-Length" && k != "Connection" {
			t.Errorf("upstream got a header the client did not send: %s: %q", k, v)
		}
	}
	// The raw header block has the anthropic-beta value byte for byte.
	if beta := claudeCodeHeaders.Get("Anthropic-Beta"); !strings.Contains(reqs[0].RawHeader, "Anthropic-Beta: "+beta+"\r\n") {
		t.Errorf("raw header block lacks the anthropic-beta line:\n%s", reqs[0].RawHeader)
	}
}

// A client that sends no User-Agent gets none added on its behalf.
func TestNoUserAgentAdded(t *testing.T) {
	up := startMock(t, "ok")
	tp := startProxy(t, up.URL, Config{})
	resp, _ := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
	if resp.StatusCode != 200 {
		t.Fatal(resp.Status)
	}
	// The test client itself sends Go-http-client; the proxy must pass that
	// on rather than its own.
	if ua := up.Requests()[0].Header.Get("User-Agent"); ua != "Go-http-client/1.1" {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestResponseHeaderFidelity(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Request-Id"] = []string{"req_011CSHoEeqs5C35K2UUqR7Fy"}
		h["Anthropic-Ratelimit-Unified-Status"] = []string{"allowed"}
		h["Set-Cookie"] = []string{"a=1", "b=2"}
		h["Connection"] = []string{"X-Resp-Hop"}
		h["X-Resp-Hop"] = []string{"hop"}
		h["Content-Type"] = []string{"application/json"}
		io.WriteString(w, `{"ok":true}`)
	}))
	defer up.Close()
	tp := startProxy(t, up.URL, Config{})
	resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
	if body != `{"ok":true}` {
		t.Errorf("body = %q", body)
	}
	want := http.Header{
		"Request-Id":                         {"req_011CSHoEeqs5C35K2UUqR7Fy"},
		"Anthropic-Ratelimit-Unified-Status": {"allowed"},
		"Set-Cookie":                         {"a=1", "b=2"},
		"Content-Type":                       {"application/json"},
	}
	for k, v := range want {
		if !slices.Equal(resp.Header[k], v) {
			t.Errorf("%s = %q, want %q", k, resp.Header[k], v)
		}
	}
	if v := resp.Header.Get("X-Resp-Hop"); v != "" {
		t.Errorf("hop-by-hop response header passed: %q", v)
	}
	if v := resp.Header.Get("X-Ccerr-Attempts"); v != "1" {
		t.Errorf("x-ccerr-attempts = %q", v)
	}
}

func TestRemoveHopRequestHeaders(t *testing.T) {
	tests := []struct {
		name string
		in   http.Header
		want http.Header
	}{
		{"nothing to remove", http.Header{"X-A": {"1"}}, http.Header{"X-A": {"1"}}},
		{"standard hop fields", http.Header{"Connection": {"close"}, "Keep-Alive": {"1"}, "Transfer-Encoding": {"chunked"}, "Upgrade": {"h2c"}, "Proxy-Authorization": {"x"}, "Trailer": {"X"}, "X-A": {"1"}}, http.Header{"X-A": {"1"}}},
		{"fields named in Connection", http.Header{"Connection": {"x-b, X-C", "x-d"}, "X-B": {"1"}, "X-C": {"2"}, "X-D": {"3"}, "X-E": {"4"}}, http.Header{"X-E": {"4"}}},
		{"TE trailers kept", http.Header{"Te": {"gzip, trailers"}}, http.Header{"Te": {"trailers"}}},
		{"TE without trailers dropped", http.Header{"Te": {"gzip"}}, http.Header{}},
		{"empty Connection tokens", http.Header{"Connection": {" , ,"}, "X-A": {"1"}}, http.Header{"X-A": {"1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.in.Clone()
			removeHopRequestHeaders(h)
			if len(h) != len(tt.want) {
				t.Errorf("got %v, want %v", h, tt.want)
			}
			for k, v := range tt.want {
				if !slices.Equal(h[k], v) {
					t.Errorf("%s = %q, want %q", k, h[k], v)
				}
			}
		})
	}
}

// FuzzHeaders checks the header handling on arbitrary fields: it never
// panics, leaves no hop-by-hop field and no field named in Connection, and
// keeps every other field exactly as it was.
func FuzzHeaders(f *testing.F) {
	f.Add("X-Api-Key", "sk-ant-api03-xyz", "keep-alive", "trailers")
	f.Add("Anthropic-Beta", "a,b", "Anthropic-Beta", "")
	f.Add("x-lower", "v", "X-LOWER, close", "gzip")
	f.Add("Keep-Alive", "timeout=5", "", "trailers, deflate")
	f.Add("", "", ",,,", ",")
	f.Fuzz(func(t *testing.T, name, value, connection, te string) {
		in := http.Header{}
		in[textproto.CanonicalMIMEHeaderKey(name)] = []string{value}
		in["X-Keep"] = []string{"keep"}
		in["Connection"] = []string{connection}
		in["Te"] = []string{te}
		in["Proxy-Authorization"] = []string{"secret"}
		h := in.Clone()
		removeHopRequestHeaders(h)

		named := map[string]bool{}
		for tok := range strings.SplitSeq(connection, ",") {
			if tok = textproto.TrimString(tok); tok != "" {
				named[textproto.CanonicalMIMEHeaderKey(tok)] = true
			}
		}
		for k, v := range h {
			if k == "Te" {
				if !slices.Equal(v, []string{"trailers"}) {
					t.Errorf("Te = %q, want only trailers", v)
				}
				continue
			}
			if slices.Contains(hopHeaders, k) {
				t.Errorf("hop-by-hop %s kept", k)
			}
			if named[k] {
				t.Errorf("%s is named in Connection but kept", k)
			}
		}
		for k, v := range in {
			if slices.Contains(hopHeaders, k) || named[textproto.CanonicalMIMEHeaderKey(k)] || k == "Te" {
				continue
			}
			if !slices.Equal(h[k], v) {
				t.Errorf("end-to-end %q changed: %q -> %q", k, v, h[k])
			}
		}
	})
}

func TestIsEventStream(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/event-stream":                true,
		"text/event-stream; charset=utf-8": true,
		"Text/Event-Stream":                true,
		"application/json":                 false,
		"text/event-streams":               false,
		"":                                 false,
	} {
		if got := isEventStream(http.Header{"Content-Type": {ct}}); got != want {
			t.Errorf("isEventStream(%q) = %v, want %v", ct, got, want)
		}
	}
}

// Headers named in an upstream's "Connection: X, close" are hop-by-hop
// too: net/http drops the Connection header itself when it holds "close",
// and the names in it must go with it.
func TestConnectionCloseNamesDropped(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" +
			"Connection: X-Resp-Hop, close\r\nX-Resp-Hop: hop\r\nconnection: x-other-hop\r\nX-Other-Hop: 2\r\nX-Kept: yes\r\nContent-Length: 2\r\n\r\n{}")
		_ = buf.Flush()
	}))
	defer up.Close()
	tp := startProxy(t, up.URL, Config{})
	for range 2 { // a fresh connection each time: the upstream closed the last
		resp, body := tp.do(t, newMessageRequest(t, t.Context(), tp.srv.URL, messageBody))
		if resp.StatusCode != 200 || body != "{}" {
			t.Fatalf("got %d %q", resp.StatusCode, body)
		}
		for _, h := range []string{"X-Resp-Hop", "X-Other-Hop", "Connection"} {
			if v := resp.Header.Get(h); v != "" {
				t.Errorf("%s passed through: %q", h, v)
			}
		}
		if resp.Header.Get("X-Kept") != "yes" {
			t.Errorf("X-Kept lost: %v", resp.Header)
		}
	}
}
