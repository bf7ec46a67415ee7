package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/doctor/doctortest"
)

func TestLiveRequest(t *testing.T) {
	var got struct {
		path, key, version string
		body               map[string]any
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.path, got.key, got.version = r.URL.Path, r.Header.Get("X-Api-Key"), r.Header.Get("Anthropic-Version")
		raw, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(raw, &got.body)
		w.Header().Set("Request-Id", "req_123")
		if strings.Contains(r.Header.Get("X-Api-Key"), "busy529") {
			w.WriteHeader(529)
			io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
			return
		}
		io.WriteString(w, `{"type":"message","content":[]}`)
	}))
	t.Cleanup(srv.Close)

	t.Run("ok", func(t *testing.T) {
		env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL + "/", "ANTHROPIC_API_KEY": testKey + "\n"})
		f := find(t, online(t, env, Options{Live: true}), "api-request")
		if f.Status != OK || !strings.Contains(en(f.Detail), "HTTP 200") || !strings.Contains(en(f.Detail), "req_123") {
			t.Errorf("got %s %q", f.Status, en(f.Detail))
		}
		if got.path != "/v1/messages" || got.key != testKey || got.version == "" || got.body["max_tokens"] != float64(1) {
			t.Errorf("request: %+v", got)
		}
	})
	t.Run("classified failure", func(t *testing.T) {
		env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL, "ANTHROPIC_API_KEY": "sk-ant-api03-busy529-0000000000"})
		classify := func(resp *http.Response, err error) (catalog.ID, string) {
			if resp == nil || resp.StatusCode != 529 {
				t.Errorf("classify got %v, %v", resp, err)
			}
			return "overloaded", "API Error: Repeated 529 Overloaded errors"
		}
		f := find(t, online(t, env, Options{Live: true, Classify: classify}), "api-request")
		if f.Status != Fail || f.ID != "overloaded" || !strings.Contains(en(f.Detail), "Repeated 529") {
			t.Errorf("got %s %s %q", f.Status, f.ID, en(f.Detail))
		}
	})
	t.Run("unclassified failure", func(t *testing.T) {
		env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL, "ANTHROPIC_API_KEY": "sk-ant-api03-busy529-0000000000"})
		f := find(t, online(t, env, Options{Live: true}), "api-request")
		if f.Status != Fail || !strings.Contains(en(f.Detail), "overloaded_error: Overloaded") {
			t.Errorf("got %s %q", f.Status, en(f.Detail))
		}
	})
	t.Run("no credential", func(t *testing.T) {
		env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL})
		if f := find(t, online(t, env, Options{Live: true}), "api-request"); f.Status != Skip {
			t.Errorf("got %s %q", f.Status, en(f.Detail))
		}
	})
	t.Run("not asked", func(t *testing.T) {
		env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL, "ANTHROPIC_API_KEY": testKey})
		if f := find(t, online(t, env, Options{}), "api-request"); f.Status != Skip || !strings.Contains(en(f.Detail), "--live") {
			t.Errorf("got %s %q", f.Status, en(f.Detail))
		}
	})
}

func TestLiveThroughDenyingProxy(t *testing.T) {
	proxy, err := doctortest.NewDenyProxy()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { proxy.Close() })
	env := newEnv(t, map[string]string{"HTTPS_PROXY": proxy.URL, "ANTHROPIC_API_KEY": testKey})
	// After the path check fails, Run does not send the request at all.
	if f := find(t, online(t, env, Options{Live: true}), "api-request"); f.Status != Skip || !strings.Contains(en(f.Detail), "proxy-connect") {
		t.Errorf("Run: got %s %q", f.Status, en(f.Detail))
	}
	// The request itself reuses the path's diagnosis when its dial fails.
	f := newRunner(env, Options{Live: true}).live(context.Background())[0]
	if f.Status != Fail || f.ID != "host-not-allowed" {
		t.Errorf("live: got %s %s %q", f.Status, f.ID, en(f.Detail))
	}
}

func TestLiveClosedPort(t *testing.T) {
	addr, err := doctortest.ClosedPort()
	if err != nil {
		t.Fatal(err)
	}
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": "http://" + addr, "ANTHROPIC_API_KEY": testKey})
	f := newRunner(env, Options{Live: true}).live(context.Background())[0]
	if f.Status != Fail || f.ID != "connection-failed" || !strings.Contains(en(f.Detail), "ECONNREFUSED") {
		t.Errorf("got %s %s %q", f.Status, f.ID, en(f.Detail))
	}
}

// TestNoSecretInFindings runs everything, live request included, with
// secrets in every credential variable and a server that echoes the key
// back, and fails if any finding shows more than a secret's last four
// characters.
func TestNoSecretInFindings(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(401)
		io.WriteString(w, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key `+r.Header.Get("X-Api-Key")+`"}}`)
	}))
	t.Cleanup(srv.Close)
	secrets := map[string]string{
		"ANTHROPIC_API_KEY":       testKey,
		"ANTHROPIC_AUTH_TOKEN":    "",
		"CLAUDE_CODE_OAUTH_TOKEN": "sk-ant-oat01-OAUTHsecretMIDDLEpart9999",
	}
	vars := map[string]string{"ANTHROPIC_BASE_URL": srv.URL, "HTTPS_PROXY": "http://user:PROXYsecretPASS@127.0.0.1:1"}
	for k, v := range secrets {
		vars[k] = v
	}
	for _, lang := range catalog.Languages {
		for _, opts := range []Options{{Live: true}, {Offline: true}} {
			fs := online(t, newEnv(t, vars), opts)
			for _, f := range fs {
				for _, s := range []string{f.Name, wordText(lang, f.Detail), wordText(lang, f.Fix)} {
					for _, bad := range []string{"SECRETmiddle", "MIDDLEpart", "PROXYsecret", "MustNeverLeak"} {
						if strings.Contains(s, bad) {
							t.Errorf("%s: %q leaks %q", f.Name, s, bad)
						}
					}
				}
			}
		}
	}
}

// TestLiveStall: 200 and event-stream headers, then nothing. The doctor
// must not call that a success: it gives up after the idle limit (here
// API_TIMEOUT_MS=50) and names request-timeout.
func TestLiveStall(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, "event: message_start\ndata: {}\n\n")
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL, "ANTHROPIC_API_KEY": testKey, "API_TIMEOUT_MS": "50"})
	f := find(t, online(t, env, Options{Live: true}), "api-request")
	if f.Status != Fail || f.ID != catalog.RequestTimeout {
		t.Errorf("got %s %s %q", f.Status, f.ID, en(f.Detail))
	}
}

// TestLiveStreamedError: a 200 whose stream carries an error event is the
// error, not a success.
func TestLiveStreamedError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "event: message_start\ndata: {}\n\nevent: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n")
	}))
	t.Cleanup(srv.Close)
	env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL, "ANTHROPIC_API_KEY": testKey})
	f := find(t, online(t, env, Options{Live: true}), "api-request")
	if f.Status != Fail || f.ID != catalog.Overloaded {
		t.Errorf("got %s %s %q", f.Status, f.ID, en(f.Detail))
	}
}

// TestLivePartialEcho: the upstream quotes the first 40 characters of the
// Authorization header back, upper-cased or \u-escaped; no run of 8 of the
// token's characters may reach a finding.
func TestLivePartialEcho(t *testing.T) {
	const token = "sk-ant-oat01-Hq3Wm8Zt5Ry2Ux7Ni4Ok1Pl9Jb6Vc3Xa0Sd8Ff5Gg2-WXYZ"
	forms := map[string]func(string) string{
		"upper-cased": strings.ToUpper,
		"u-escaped": func(s string) string {
			var b strings.Builder
			for _, c := range s {
				fmt.Fprintf(&b, `\\u%04x`, c)
			}
			return b.String()
		},
	}
	for name, form := range forms {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				auth := r.Header.Get("Authorization")
				if len(auth) < 40 {
					return // the clock check's HEAD /
				}
				w.WriteHeader(http.StatusBadGateway)
				io.WriteString(w, `{"type":"error","error":{"type":"api_error","message":"upstream refused `+form(auth[:40])+`"}}`)
			}))
			t.Cleanup(srv.Close)
			env := newEnv(t, map[string]string{"ANTHROPIC_BASE_URL": srv.URL, "CLAUDE_CODE_OAUTH_TOKEN": token})
			for _, lang := range catalog.Languages {
				for _, f := range online(t, env, Options{Live: true}) {
					low := strings.ToLower(wordText(lang, f.Detail) + wordText(lang, f.Fix))
					secret := strings.ToLower(token[len("sk-ant-oat01-"):])
					for i := 0; i+8 <= len(secret); i++ {
						if strings.Contains(low, secret[i:i+8]) {
							t.Errorf("%s %s: %q holds %q", lang, f.Name, en(f.Detail), secret[i:i+8])
							break
						}
					}
				}
			}
		})
	}
}
