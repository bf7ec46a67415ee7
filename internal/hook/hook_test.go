package hook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/store"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func record(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "collect", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStopFailureStoresAndForwards(t *testing.T) {
	data := t.TempDir()
	var got []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/hook" || r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		got, _ = io.ReadAll(r.Body)
	}))
	defer srv.Close()
	var started []string
	o := Options{
		Stdin:    bytes.NewReader(record(t, "hook-ovl.json")),
		Getenv:   envOf(map[string]string{"XDG_DATA_HOME": data, EnvCollectURL: srv.URL + "/", EnvCollectToken: "tok", EnvNotify: "1"}),
		Now:      func() time.Time { return time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC) },
		LookPath: func(string) (string, error) { return "/usr/bin/notify-send", nil },
		Start:    func(c *exec.Cmd) error { started = c.Args; return nil },
	}
	out := StopFailure(context.Background(), o)
	if out.Err != nil || !out.Stored || !out.Forwarded || !out.Notified || out.ID != catalog.Overloaded {
		t.Fatalf("got %+v", out)
	}
	var fwd map[string]any
	json.Unmarshal(got, &fwd)
	if fwd["session_id"] != "<uuid-1>" || fwd["ccerr_at"] != "2026-12-05T12:00:00Z" {
		t.Errorf("forwarded %s", got)
	}
	if len(started) != 4 || !strings.Contains(started[2], "overloaded") && !strings.Contains(strings.ToLower(started[2]), "overload") {
		t.Errorf("notification: %q", started)
	}
	// A second run of the same record (Claude Code retrying the hook) adds nothing.
	o.Stdin = bytes.NewReader(record(t, "hook-ovl.json"))
	StopFailure(context.Background(), o)
	st, err := store.Open(context.Background(), filepath.Join(data, "ccerr", store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.Query(context.Background(), store.Filter{})
	if err != nil || len(rows) != 1 || rows[0].ID != catalog.Overloaded || rows[0].Count != 1 {
		t.Fatalf("stored %+v, %v; want one overloaded", rows, err)
	}
}

func TestStopFailureNeverFails(t *testing.T) {
	data := t.TempDir()
	env := envOf(map[string]string{"XDG_DATA_HOME": data, EnvCollectURL: "http://127.0.0.1:1"})
	block := make(chan struct{})
	defer close(block)
	// Stdin that never ends meets a short timeout; the others a long one,
	// so that a slow machine does not turn their errors into timeouts.
	for _, tt := range []struct {
		name    string
		stdin   io.Reader
		timeout time.Duration
		want    string
	}{
		{"not json", strings.NewReader("{"), time.Minute, "hook record"},
		{"a Stop record", bytes.NewReader(record(t, "hook-stop-ok.json")), time.Minute, "hook_event_name"},
		{"stdin never ends", readerFunc(func([]byte) (int, error) { <-block; return 0, io.EOF }), time.Millisecond, "did not end"},
		{"huge stdin", io.LimitReader(zeros{}, 2<<20), time.Minute, "more than"},
		{"refused forward", bytes.NewReader(record(t, "hook-rl.json")), time.Minute, "forwarding"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := StopFailure(context.Background(), Options{Stdin: tt.stdin, Getenv: env, ReadTimeout: tt.timeout})
			if out.Err == nil || !strings.Contains(out.Err.Error(), tt.want) {
				t.Fatalf("got %v, want an error about %q", out.Err, tt.want)
			}
		})
	}
	log, err := os.ReadFile(filepath.Join(data, "ccerr", LogName))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(log), "\n"); n != 5 {
		t.Errorf("log has %d lines, want 5:\n%s", n, log)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(b []byte) (int, error) { return f(b) }

type zeros struct{}

func (zeros) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = ' '
	}
	return len(b), nil
}

func TestNotificationText(t *testing.T) {
	title, body := notification(catalog.RateLimited, catalog.Chinese)
	if !strings.HasPrefix(title, "Claude Code: ") || body == "" {
		t.Errorf("got %q %q", title, body)
	}
	if title, _ := notification("", ""); !strings.Contains(title, "API error") {
		t.Errorf("unknown: got %q", title)
	}
	o := Options{LookPath: func(string) (string, error) { return "", errors.New("none") }}
	if err := notify(o, catalog.RateLimited); err == nil {
		t.Error("no notify-send: want an error")
	}
}

func TestInstall(t *testing.T) {
	const cmd = "/usr/local/bin/ccerr hook stop-failure"
	for _, tt := range []struct {
		name, before string
	}{
		{"no file", ""},
		{"other keys", `{"model": "opus", "env": {"A": "1"}, "permissions": {"allow": ["Bash(ls && pwd)"]}}`},
		{"other hooks", `{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo a && echo b"}]}], "StopFailure": [{"matcher": "rate_limit", "hooks": [{"type": "command", "command": "say limit"}]}]}, "z": 1}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".claude", "settings.json")
			if tt.before != "" {
				os.MkdirAll(filepath.Dir(path), 0o700)
				os.WriteFile(path, []byte(tt.before), 0o644)
			}
			dry, err := Install(path, cmd, true)
			if err != nil || dry.Written || dry.Present {
				t.Fatalf("dry run: %+v, %v", dry, err)
			}
			if b, _ := os.ReadFile(path); string(b) != tt.before {
				t.Fatal("the dry run wrote the file")
			}
			ch, err := Install(path, cmd, false)
			if err != nil || !ch.Written {
				t.Fatalf("install: %+v, %v", ch, err)
			}
			after, _ := os.ReadFile(path)
			if string(after) != dry.Settings {
				t.Errorf("written file differs from the dry run's")
			}
			var got map[string]any
			if err := json.Unmarshal(after, &got); err != nil {
				t.Fatal(err)
			}
			var before map[string]any
			if tt.before != "" {
				json.Unmarshal([]byte(tt.before), &before)
				for k := range before {
					if k != keyHooks && !equalJSON(before[k], got[k]) {
						t.Errorf("key %q changed: %v -> %v", k, before[k], got[k])
					}
				}
				if b, _ := os.ReadFile(ch.Backup); string(b) != tt.before {
					t.Errorf("backup holds %q", b)
				}
				if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
					t.Errorf("mode %v, want the old 0644", fi.Mode().Perm())
				}
			}
			if !strings.Contains(string(after), `"command": "`+cmd+`"`) || strings.Contains(string(after), `\u0026`) {
				t.Errorf("settings:\n%s", after)
			}
			if tt.name == "other hooks" && (!strings.Contains(string(after), "say limit") || strings.Index(string(after), `"z"`) < strings.Index(string(after), `"hooks"`)) {
				t.Errorf("other hooks or key order lost:\n%s", after)
			}
			again, err := Install(path, cmd, false)
			if err != nil || !again.Present || again.Written {
				t.Fatalf("second install: %+v, %v; want present, nothing written", again, err)
			}
		})
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestInstallRefusesBadSettings(t *testing.T) {
	for _, bad := range []string{`{"model": `, `[1, 2]`, `{"hooks": []}`, `{"hooks": {"StopFailure": {}}}`, `{} {}`} {
		path := filepath.Join(t.TempDir(), "settings.json")
		os.WriteFile(path, []byte(bad), 0o600)
		if _, err := Install(path, "ccerr hook stop-failure", false); err == nil || !strings.Contains(err.Error(), "fix the file") {
			t.Errorf("%s: got %v, want an error saying to fix the file", bad, err)
		}
		if b, _ := os.ReadFile(path); string(b) != bad {
			t.Errorf("%s: the file was changed", bad)
		}
	}
}

func TestSettingsPath(t *testing.T) {
	if p, _ := SettingsPath(envOf(map[string]string{"HOME": "/h"})); p != "/h/.claude/settings.json" {
		t.Errorf("got %q", p)
	}
	if p, _ := SettingsPath(envOf(map[string]string{"HOME": "/h", "CLAUDE_CONFIG_DIR": "/c"})); p != "/c/settings.json" {
		t.Errorf("got %q", p)
	}
	if _, err := SettingsPath(envOf(nil)); err == nil {
		t.Error("no HOME: want an error")
	}
}
