package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ccerr/ccerr/internal/doctor/doctortest"
	"github.com/ccerr/ccerr/internal/ui"
)

// doctorKey is the fake key the doctor scripts use; only its last four
// characters (WXYZ) may ever be printed.
const doctorKey = "sk-ant-api03-DOCTORsecretBODYnotForPrintingAtAll0123456789WXYZ"

func init() { setupHooks = append(setupHooks, doctorSetup) }

// doctorSetup starts the loopback servers the doctor scripts check against
// and exports where they are:
//
//	DOCTOR_TLS_URL      https server with httptest's self-signed certificate
//	DOCTOR_TLS_CA       that certificate as a PEM file
//	DOCTOR_DENY_PROXY   CONNECT proxy answering 403 + x-deny-reason: host_not_allowed
//	DOCTOR_CLOSED_URL   https URL of a loopback port nothing listens on
//	DOCTOR_API_URL      fake Messages API: 529 overloaded for keys containing
//	                    "busy529", else 200
//	DOCTOR_KEY          a well-formed fake key
//	DOCTOR_KEY_NEWLINE  the same key with a line break after character 40
//	DOCTOR_BIG_MD       a 200 KB CLAUDE.md
func doctorSetup(env *testscript.Env) error {
	dir := filepath.Join(env.WorkDir, ".doctor")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // failed handshakes are what the scripts test
	tlsSrv.StartTLS()
	env.Defer(tlsSrv.Close)
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tlsSrv.Certificate().Raw}), 0o644); err != nil {
		return err
	}

	deny, err := doctortest.NewDenyProxy()
	if err != nil {
		return err
	}
	env.Defer(func() { deny.Close() })

	closed, err := doctortest.ClosedPort()
	if err != nil {
		return err
	}

	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Request-Id", "req_doctor_test")
		if strings.Contains(r.Header.Get("X-Api-Key"), "busy529") {
			w.WriteHeader(529)
			io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
			return
		}
		io.WriteString(w, `{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"p"}],"model":"claude-sonnet-5-5","stop_reason":"max_tokens","usage":{"input_tokens":8,"output_tokens":1}}`)
	}))
	env.Defer(api.Close)

	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, bytes.Repeat([]byte("Always write tests first.\n"), 200*1024/26+1), 0o644); err != nil {
		return err
	}

	env.Setenv("DOCTOR_TLS_URL", tlsSrv.URL)
	env.Setenv("DOCTOR_TLS_CA", ca)
	env.Setenv("DOCTOR_DENY_PROXY", deny.URL)
	env.Setenv("DOCTOR_CLOSED_URL", "https://"+closed)
	env.Setenv("DOCTOR_API_URL", api.URL)
	env.Setenv("DOCTOR_KEY", doctorKey)
	env.Setenv("DOCTOR_KEY_NEWLINE", doctorKey[:40]+"\n"+doctorKey[40:])
	env.Setenv("DOCTOR_BIG_MD", big)
	return nil
}

// TestDoctorNeverPrintsKey runs doctor in every output mode (text in a
// pipe, text with colour, JSON, Chinese), with the key well formed, with a
// line break, beside a stored login, echoed back by the API, and set in the
// env block of ~/.claude/settings.json instead of the environment, and fails
// if any five consecutive characters of the key's secret part appear.
func TestDoctorNeverPrintsKey(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(401)
		io.WriteString(w, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key: `+r.Header.Get("X-Api-Key")+`"}}`)
	}))
	defer api.Close()
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".claude"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".claude", ".credentials.json"), []byte(`{}`), 0o600); err != nil {
		t.Fatal(err)
	}
	secret := strings.TrimPrefix(doctorKey, "sk-ant-api03-")
	secret = secret[:len(secret)-4]

	keys := map[string]string{"plain": doctorKey, "line break": doctorKey[:40] + "\n" + doctorKey[40:], "spaces": " " + doctorKey + " "}
	modes := map[string][]string{
		"text":             {"doctor", "--live"},
		"json":             {"doctor", "--live", "--json"},
		"zh":               {"doctor", "--live", "--lang", "zh"},
		"zh json":          {"doctor", "--live", "--lang", "zh", "--json"},
		"offline":          {"doctor", "--offline"},
		"colour":           {"doctor", "--live"},
		"as a token":       {"doctor", "--live"},
		"settings":         {"doctor", "--live"},
		"settings zh json": {"doctor", "--live", "--lang", "zh", "--json"},
	}
	for kname, key := range keys {
		for mname, args := range modes {
			vars := map[string]string{
				"HOME": home, "ANTHROPIC_BASE_URL": api.URL, "ANTHROPIC_API_KEY": key,
				"HTTPS_PROXY": "http://u:" + doctorKey + "@127.0.0.1:9",
			}
			if mname == "colour" {
				vars["CLICOLOR_FORCE"] = "1"
			}
			if mname == "as a token" {
				vars["ANTHROPIC_AUTH_TOKEN"] = key
			}
			if strings.HasPrefix(mname, "settings") {
				// The key comes only from the settings file's env block.
				shome := t.TempDir()
				block, _ := json.Marshal(map[string]any{"env": map[string]string{"ANTHROPIC_API_KEY": key}})
				if err := os.MkdirAll(filepath.Join(shome, ".claude"), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(shome, ".claude", "settings.json"), block, 0o600); err != nil {
					t.Fatal(err)
				}
				vars["HOME"] = shome
				delete(vars, "ANTHROPIC_API_KEY")
			}
			var out, errOut bytes.Buffer
			tio := &IO{
				In: strings.NewReader(""), Out: &out, Err: &errOut,
				OutTTY: mname == "colour",
				Getenv: func(k string) string { return vars[k] },
				Dir:    home, Context: context.Background(),
			}
			code := Main(args, tio)
			if code != 0 && code != 1 {
				t.Fatalf("%s/%s: exit %d: %s", kname, mname, code, errOut.String())
			}
			all := out.String() + errOut.String()
			if strings.HasSuffix(mname, "json") {
				var v struct{ Checks []map[string]any }
				if err := json.Unmarshal(out.Bytes(), &v); err != nil || len(v.Checks) == 0 {
					t.Errorf("%s/%s: bad JSON (%v): %s", kname, mname, err, out.String())
				}
			}
			for i := 0; i+5 <= len(secret); i++ {
				if w := secret[i : i+5]; strings.Contains(all, w) {
					t.Errorf("%s/%s: output contains %q from the key:\n%s", kname, mname, w, all)
					break
				}
			}
			if strings.HasPrefix(mname, "settings") && !strings.Contains(all, "~/.claude/settings.json") {
				t.Errorf("%s/%s: the key from the settings env block is not reported:\n%s", kname, mname, all)
			}
			if !strings.Contains(all, "WXYZ") {
				t.Errorf("%s/%s: the key's last four characters are not shown at all:\n%s", kname, mname, all)
			}
		}
	}
}

// TestDoctorTextWrapsOnTerminal checks that on a terminal long findings wrap
// to the width, aligned under the detail column, with colour; in a pipe
// lines are left whole and plain.
func TestDoctorTextWrapsOnTerminal(t *testing.T) {
	home := t.TempDir()
	vars := map[string]string{"HOME": home, "COLUMNS": "70", "ANTHROPIC_API_KEY": doctorKey[:40] + "\n" + doctorKey[40:]}
	for _, tty := range []bool{true, false} {
		var out bytes.Buffer
		tio := &IO{In: strings.NewReader(""), Out: &out, Err: &out, OutTTY: tty,
			Getenv: func(k string) string { return vars[k] }, Dir: home}
		if code := Main([]string{"doctor", "--offline"}, tio); code != 1 {
			t.Fatalf("tty %v: exit %d, want 1:\n%s", tty, code, out.String())
		}
		long := false
		for _, line := range strings.Split(out.String(), "\n") {
			if w := ui.DisplayWidth(line); w > 70 {
				long = true
				if tty {
					t.Errorf("line of %d columns on a 70-column terminal: %q", w, line)
				}
			}
		}
		if !tty && !long {
			t.Error("pipe output was wrapped")
		}
		if got := strings.Contains(out.String(), "\x1b["); got != tty {
			t.Errorf("tty %v: colour %v", tty, got)
		}
	}
}
