package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ccerr/ccerr/internal/ui"
	"github.com/ccerr/ccerr/mock"
)

// TestCountdownTTY checks the countdown is redrawn in place once a second
// and erased at the end, on a fake clock.
func TestCountdownTTY(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out syncBuffer
		cd := newCountdown(&out, true)
		cd.start("529 Overloaded", 3500*time.Millisecond, 3, 10)
		time.Sleep(5 * time.Second)
		synctest.Wait()
		cd.stop()
		const clear = "\r\x1b[K"
		want := clear + "529 Overloaded · Retrying in 4s · attempt 3/10" +
			clear + "529 Overloaded · Retrying in 3s · attempt 3/10" +
			clear + "529 Overloaded · Retrying in 2s · attempt 3/10" +
			clear + "529 Overloaded · Retrying in 1s · attempt 3/10" +
			clear
		if got := out.String(); got != want {
			t.Errorf("got  %q\nwant %q", got, want)
		}
	})
}

// TestCountdownRestart checks a new wait replaces the running countdown.
func TestCountdownRestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out syncBuffer
		cd := newCountdown(&out, true)
		cd.start("API error", 10*time.Second, 1, 2)
		time.Sleep(1500 * time.Millisecond)
		cd.start("API error", 2*time.Second, 2, 2)
		cd.stop()
		got := out.String()
		for _, want := range []string{"Retrying in 10s · attempt 1/2", "Retrying in 9s · attempt 1/2", "Retrying in 2s · attempt 2/2"} {
			if !strings.Contains(got, want) {
				t.Errorf("missing %q in %q", want, got)
			}
		}
		if strings.Contains(got, "8s") {
			t.Errorf("old countdown kept running: %q", got)
		}
	})
}

func TestCountdownPipe(t *testing.T) {
	var out syncBuffer
	cd := newCountdown(&out, false)
	cd.start("ECONNREFUSED", 1200*time.Millisecond, 1, 10)
	cd.stop()
	if got, want := out.String(), "ccerr ping: ECONNREFUSED · Retrying in 2s · attempt 1/10\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPingStreamedError checks a gateway that streams although ping asked
// for JSON: the error event inside the 200 is the failure ping reports.
func TestPingStreamedError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"+
			"event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n")
	}))
	defer srv.Close()
	res := run{
		args: []string{"ping", "--json", "--base-url", srv.URL},
		env:  map[string]string{"ANTHROPIC_API_KEY": "sk-ant-api03-test-WXYZ", "CLAUDE_CODE_MAX_RETRIES": "0"},
	}.exec(t)
	if res.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", res.code, res.stderr)
	}
	for _, want := range []string{`"id": "overloaded"`, `"status": 200`} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %s:\n%s", want, res.stdout)
		}
	}
}

// TestPingTTY pings through a terminal: the countdown is drawn in place
// and erased before the result.
func TestPingTTY(t *testing.T) {
	srv := mock.NewServer("overloaded,ok")
	defer srv.Close()
	res := run{
		args: []string{"ping", "--base-url", srv.URL},
		env:  map[string]string{"ANTHROPIC_API_KEY": "sk-ant-api03-test-WXYZ", "CCERR_RETRY_BASE_DELAY_MS": "0", "NO_COLOR": "1"},
		tty:  true,
	}.exec(t)
	if res.code != 0 {
		t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
	}
	if !strings.HasPrefix(res.stderr, "\r\x1b[K529 Overloaded · Retrying in ") || !strings.HasSuffix(res.stderr, "\r\x1b[K") || strings.Contains(res.stderr, "\n") {
		t.Errorf("stderr %q", res.stderr)
	}
	if !strings.HasPrefix(res.stdout, "ok claude-sonnet-5-5 · ") || !strings.Contains(res.stdout, "2 attempts") {
		t.Errorf("stdout %q", res.stdout)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	r := srv.Requests()[0]
	if r.Header.Get("Anthropic-Version") != "2023-06-01" || r.Header.Get("X-Api-Key") != "sk-ant-api03-test-WXYZ" ||
		!strings.Contains(string(r.Body), `"max_tokens":1`) || r.Path != "/v1/messages" {
		t.Errorf("request %+v", r)
	}
}

func TestMessagesURL(t *testing.T) {
	tests := []struct{ base, want string }{
		{"https://api.anthropic.com", "https://api.anthropic.com/v1/messages"},
		{"https://api.anthropic.com/", "https://api.anthropic.com/v1/messages"},
		{"http://127.0.0.1:8788/scenario/overloaded,ok", "http://127.0.0.1:8788/scenario/overloaded,ok/v1/messages"},
		{"http://gw.local/anthropic/", "http://gw.local/anthropic/v1/messages"},
	}
	for _, tt := range tests {
		got, err := messagesURL(&ui.Messages("en").Ping, tt.base)
		if err != nil || got != tt.want {
			t.Errorf("messagesURL(%q) = %q, %v; want %q", tt.base, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "api.anthropic.com", "ftp://x", "http://", "://",
		"http://127.0.0.1:99999", "http://127.0.0.1:0", "http://127.0.0.1:65536/x"} {
		if _, err := messagesURL(&ui.Messages("en").Ping, bad); err == nil {
			t.Errorf("messagesURL(%q): no error", bad)
		}
	}
}

// TestPingHidesEchoedKey checks that a key the server quotes back in its
// error is not printed whole, in either output mode.
func TestPingHidesEchoedKey(t *testing.T) {
	const key = "sk-ant-api03-ECHOEDsecretMIDDLEpart0123456789WXYZ"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"type":"error","error":{"type":"invalid_request_error","message":"odd request from key `+r.Header.Get("X-Api-Key")+`"}}`)
	}))
	defer srv.Close()
	for _, args := range [][]string{{"ping", "--base-url", srv.URL}, {"ping", "--json", "--base-url", srv.URL}} {
		res := run{args: args, env: map[string]string{"ANTHROPIC_API_KEY": key}}.exec(t)
		if res.code != ExitFailure {
			t.Errorf("%v: exit %d, want %d", args, res.code, ExitFailure)
		}
		if out := res.stdout + res.stderr; strings.Contains(out, "MIDDLEpart") || !strings.Contains(out, "…WXYZ") {
			t.Errorf("%v: output shows the key or lost its redacted form:\n%s", args, out)
		}
	}
}

// echoForms are the ways an upstream has been seen to quote a credential
// back: the first 40 characters of the Authorization header, cut,
// upper-cased, \u-escaped, or in a 5xx body shown raw.
var echoForms = map[string]func(auth string) (status int, body string){
	"first 40, JSON": func(auth string) (int, string) {
		return 400, `{"type":"error","error":{"type":"invalid_request_error","message":"bad credential ` + auth[:40] + `…"}}`
	},
	"upper-cased": func(auth string) (int, string) {
		return 401, `{"type":"error","error":{"type":"authentication_error","message":"KEY ` + strings.ToUpper(auth[:40]) + ` REFUSED"}}`
	},
	"u-escaped in a raw 5xx body": func(auth string) (int, string) {
		var b strings.Builder
		for _, c := range auth[:40] {
			fmt.Fprintf(&b, `\u%04x`, c)
		}
		return 502, `upstream said: "` + b.String() + `"`
	},
}

// TestPingHidesPartialEcho checks that no run of 8 or more of the key's
// secret characters reaches either output mode, whatever form the echo takes.
func TestPingHidesPartialEcho(t *testing.T) {
	const key = "sk-ant-api03-Zq8RtY2uIo4PaS6dFg8HjK0lZx2CvB4nM6qW8eR0tY2uI4oP6a-WXYZ"
	for name, form := range echoForms {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				status, body := form(r.Header.Get("Authorization"))
				w.WriteHeader(status)
				io.WriteString(w, body)
			}))
			defer srv.Close()
			for _, args := range [][]string{{"ping", "--base-url", srv.URL}, {"ping", "--json", "--base-url", srv.URL}} {
				res := run{args: args, env: map[string]string{"ANTHROPIC_AUTH_TOKEN": key, "CLAUDE_CODE_MAX_RETRIES": "0"}}.exec(t)
				if res.code != ExitFailure {
					t.Errorf("%v: exit %d", args, res.code)
				}
				if run := secretRun(res.stdout+res.stderr, key); run != "" {
					t.Errorf("%v: output holds %q of the key:\n%s%s", args, run, res.stdout, res.stderr)
				}
			}
		})
	}
}

// secretRun returns a run of 8 characters of the key's secret part (after
// sk-ant-api03-) found in out in any case, also after decoding \u escapes,
// or "".
func secretRun(out, key string) string {
	if s, err := strconv.Unquote(`"` + strings.ReplaceAll(out, `"`, `\"`) + `"`); err == nil {
		out += "\n" + s
	}
	low, secret := strings.ToLower(out), strings.ToLower(key[len("sk-ant-api03-"):])
	for i := 0; i+8 <= len(secret); i++ {
		if strings.Contains(low, secret[i:i+8]) {
			return secret[i : i+8]
		}
	}
	return ""
}

// TestPingJSONInterrupted stops ping while the server holds the request:
// --json still prints its object, marked interrupted.
func TestPingJSONInterrupted(t *testing.T) {
	arrived := make(chan struct{})
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		<-arrived
		cancel()
	}()
	var out, errOut bytes.Buffer
	env := map[string]string{"ANTHROPIC_API_KEY": "sk-ant-api03-test-WXYZ"}
	code := Main([]string{"ping", "--json", "--base-url", srv.URL}, &IO{
		In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv:  func(k string) string { return env[k] },
		Context: ctx,
	})
	res := result{stdout: out.String(), stderr: errOut.String(), code: code}
	var got map[string]any
	if err := json.Unmarshal([]byte(res.stdout), &got); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, res.stdout)
	}
	if got["interrupted"] != true || got["attempts"] != 1.0 || got["ok"] != false {
		t.Errorf("got %v", got)
	}
}

// TestPingChinese: with --lang zh ping's own words are Chinese; the
// message Claude Code would show stays as Claude Code prints it.
func TestPingChinese(t *testing.T) {
	srv := mock.NewServer("ok")
	defer srv.Close()
	res := run{
		args: []string{"ping", "--lang", "zh", "--base-url", srv.URL},
		env:  map[string]string{"ANTHROPIC_API_KEY": "sk-ant-api03-test-WXYZ", "NO_COLOR": "1"},
	}.exec(t)
	if res.code != 0 || !strings.HasPrefix(res.stdout, "成功 claude-sonnet-5-5 · ") || !strings.Contains(res.stdout, "共 1 次请求") {
		t.Errorf("exit %d, stdout %q", res.code, res.stdout)
	}
	res = run{args: []string{"ping", "--lang", "zh", "--base-url", srv.URL}}.exec(t)
	if res.code != ExitFailure || !strings.Contains(res.stderr, "没有凭据") || strings.Contains(res.stderr, "no credential") {
		t.Errorf("exit %d, stderr %q", res.code, res.stderr)
	}
}

// TestPingTerminalSafe: a server's message and retry label holding
// terminal control sequences reach the terminal without them.
func TestPingTerminalSafe(t *testing.T) {
	const evil = "\x1b]0;pwned\x07\x1b[2J\u202e"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		msg, _ := json.Marshal("boom " + evil)
		io.WriteString(w, `{"type":"error","error":{"type":"api_error","message":`+string(msg)+`}}`)
	}))
	defer srv.Close()
	res := run{
		args: []string{"ping", "--base-url", srv.URL},
		env:  map[string]string{"ANTHROPIC_API_KEY": "sk-ant-api03-test-WXYZ", "CLAUDE_CODE_MAX_RETRIES": "1", "CCERR_RETRY_BASE_DELAY_MS": "0", "NO_COLOR": "1"},
	}.exec(t)
	out := res.stdout + res.stderr
	if res.code != ExitFailure || !strings.Contains(out, "boom") {
		t.Fatalf("exit %d:\n%s", res.code, out)
	}
	if strings.ContainsAny(out, "\x07\u202e") || strings.Contains(out, "\x1b]") || strings.Contains(out, "\x1b[2J") {
		t.Errorf("a control sequence reached the terminal:\n%q", out)
	}
}
