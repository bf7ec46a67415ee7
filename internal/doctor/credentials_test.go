package doctor

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

func TestCredentialSource(t *testing.T) {
	tests := []struct {
		name      string
		vars      map[string]string
		login     bool   // write ~/.claude/.credentials.json
		helper    string // apiKeyHelper in ~/.claude/settings.json
		wantUses  string // substring of the credential finding
		wantState Status
	}{
		{"nothing", nil, false, "", "No credential", Warn},
		{"login only", nil, true, "", "stored login", OK},
		{"api key", map[string]string{"ANTHROPIC_API_KEY": testKey}, false, "", "ANTHROPIC_API_KEY (sk-ant-api03-…WXYZ)", OK},
		{"auth token beats api key", map[string]string{"ANTHROPIC_API_KEY": testKey, "ANTHROPIC_AUTH_TOKEN": "gw-token-0123456789abcdef"}, false, "", "use ANTHROPIC_AUTH_TOKEN", OK},
		{"cloud beats all", map[string]string{"CLAUDE_CODE_USE_BEDROCK": "1", "ANTHROPIC_API_KEY": testKey}, false, "", "CLAUDE_CODE_USE_BEDROCK=1", OK},
		{"helper beats oauth token", map[string]string{"CLAUDE_CODE_OAUTH_TOKEN": "sk-ant-oat01-abcdefghijklmnopqrstuv"}, true, "/bin/sh -c true", "apiKeyHelper", OK},
		{"oauth token beats login", map[string]string{"CLAUDE_CODE_OAUTH_TOKEN": "sk-ant-oat01-abcdefghijklmnopqrstuv"}, true, "", "use CLAUDE_CODE_OAUTH_TOKEN", OK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t, tt.vars)
			if tt.login {
				writeFile(t, filepath.Join(env.Home, ".claude", ".credentials.json"), `{}`)
			}
			if tt.helper != "" {
				writeFile(t, filepath.Join(env.Home, ".claude", "settings.json"), `{"apiKeyHelper":"`+tt.helper+`"}`)
			}
			f := find(t, offline(t, env), "credential")
			if f.Status != tt.wantState || !strings.Contains(en(f.Detail), tt.wantUses) {
				t.Errorf("got %s %q, want %s containing %q", f.Status, en(f.Detail), tt.wantState, tt.wantUses)
			}
		})
	}
}

func TestKeyHygiene(t *testing.T) {
	tests := []struct {
		name, key  string
		vars       map[string]string
		want       Status
		wantID     catalog.ID
		wantDetail string
	}{
		{"good", testKey, nil, OK, "invalid-api-key", "well formed"},
		{"line break", testKey[:40] + "\n" + testKey[40:], nil, Fail, "invalid-api-key", "line break at character 41"},
		{"trailing newline", testKey + "\n", nil, Fail, "invalid-api-key", "line break at character 54"},
		{"leading space", " " + testKey, nil, Fail, "invalid-api-key", "space at character 1"},
		{"zero width", testKey[:20] + "\u200b" + testKey[20:], nil, Fail, "invalid-api-key", "U+200B at character 21"},
		{"bom", "\ufeff" + testKey, nil, Fail, "invalid-api-key", "U+FEFF at character 1"},
		{"quoted", `"` + testKey + `"`, nil, Fail, "invalid-api-key", "quote mark at character 1"},
		{"non ascii", testKey[:10] + "é" + testKey[10:], nil, Fail, "invalid-api-key", "U+00E9"},
		{"bad utf8", testKey[:10] + "\xff" + testKey[10:], nil, Fail, "invalid-api-key", "not valid UTF-8"},
		{"wrong shape", "sk-proj-abcdefghijklmnopqrstuvwxyz", nil, Warn, "invalid-api-key", "does not look like"},
		{"wrong shape behind gateway", "gw-abcdefghijklmnopqrstuvwxyz", map[string]string{"ANTHROPIC_BASE_URL": "https://gw.example"}, OK, "invalid-api-key", "well formed"},
		{"oauth token in api key", "sk-ant-oat01-abcdefghijklmnopqrstuvwxyz", nil, Warn, "invalid-api-key", "OAuth token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{"ANTHROPIC_API_KEY": tt.key}
			for k, v := range tt.vars {
				vars[k] = v
			}
			f := find(t, offline(t, newEnv(t, vars)), "ANTHROPIC_API_KEY")
			if f.Status != tt.want || f.ID != tt.wantID || !strings.Contains(en(f.Detail), tt.wantDetail) {
				t.Errorf("got %s %q %q, want %s %q containing %q", f.Status, f.ID, en(f.Detail), tt.want, tt.wantID, tt.wantDetail)
			}
			if f.Status != OK && f.Fix == nil {
				t.Errorf("no fix for %s", f.Status)
			}
		})
	}
}

func TestKeyBesideStoredLogin(t *testing.T) {
	for _, configDir := range []bool{false, true} {
		env := newEnv(t, nil)
		vars := map[string]string{"ANTHROPIC_API_KEY": testKey}
		dir := filepath.Join(env.Home, ".claude")
		if configDir {
			dir = filepath.Join(env.Home, "elsewhere")
			vars["CLAUDE_CONFIG_DIR"] = dir
		}
		env.Getenv = func(k string) string { return vars[k] }
		writeFile(t, filepath.Join(dir, ".credentials.json"), `{}`)
		f := find(t, offline(t, env), "stored-login")
		if f.Status != Warn || f.ID != "organization-disabled" || !strings.Contains(en(f.Detail), "overrides the stored login") {
			t.Errorf("config dir %v: got %s %s %q", configDir, f.Status, f.ID, en(f.Detail))
		}
	}
}

func TestStoredLoginPermissions(t *testing.T) {
	env := newEnv(t, nil)
	p := filepath.Join(env.Home, ".claude", ".credentials.json")
	writeFile(t, p, `{}`)
	f := find(t, offline(t, env), "stored-login")
	if f.Status != OK {
		t.Fatalf("0600 file: got %s %q", f.Status, en(f.Detail))
	}
	chmod(t, p, 0o644)
	if f := find(t, offline(t, env), "stored-login"); f.Status != Warn || !strings.Contains(en(f.Detail), "0644") {
		t.Errorf("0644 file: got %s %q", f.Status, en(f.Detail))
	}
}

func TestAPIKeyHelper(t *testing.T) {
	tests := []struct {
		name, helper string
		vars         map[string]string
		want         Status
		wantDetail   string
	}{
		{"absolute, exists", "/bin/sh -c 'echo key'", nil, OK, "run /bin/sh"},
		{"absolute, missing", "/no/such/helper --flag", nil, Fail, "does not exist"},
		{"not on path", "no-such-helper-xyz", nil, Warn, "not on PATH"},
		{"shadowed by env key", "/bin/sh", map[string]string{"ANTHROPIC_API_KEY": testKey}, OK, "not used while ANTHROPIC_API_KEY"},
		{"secret in command is not shown", "sk-ant-api03-SECRETSECRETSECRET1234 x", nil, Warn, "sk-ant-api03-…1234"},
		{"secret in a variable before the command", "TOKEN=sk-ant-api03-SECRETSECRETSECRET1234 no-such-helper-xyz --x", nil, Warn, "run no-such-helper-xyz, which is not on PATH"},
		{"quoted secret in a variable", `A=1 TOKEN='sk-ant-api03 SECRETSECRETSECRET1234' /bin/sh -c true`, nil, OK, "run /bin/sh."},
		{"env prefix", "env TOKEN=SECRETSECRETSECRET1234 /bin/sh", nil, OK, "run /bin/sh."},
		{"assignment only", "TOKEN=SECRETSECRETSECRET1234", nil, Warn, "names no program"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t, tt.vars)
			raw, _ := json.Marshal(map[string]string{"apiKeyHelper": tt.helper})
			writeFile(t, filepath.Join(env.Dir, ".claude", "settings.json"), string(raw))
			fs := offline(t, env)
			f := find(t, fs, "apiKeyHelper")
			if f.Status != tt.want || !strings.Contains(en(f.Detail), tt.wantDetail) {
				t.Errorf("got %s %q, want %s containing %q", f.Status, en(f.Detail), tt.want, tt.wantDetail)
			}
			for _, f := range fs {
				if strings.Contains(en(f.Detail)+en(f.Fix), "SECRETSECRET") {
					t.Errorf("helper secret printed in %s: %q %q", f.Name, en(f.Detail), en(f.Fix))
				}
			}
		})
	}
}

func FuzzKeyProblem(f *testing.F) {
	for _, s := range []string{testKey, testKey + "\n", " x", "a\u200bb", "\xff", `"k"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		kind, pos, _ := keyProblem(s)
		if kind == "" {
			for _, c := range []byte(s) {
				if c <= ' ' || c >= 0x7f || c == '"' || c == '\'' {
					t.Fatalf("keyProblem(%q) found nothing, but byte %#x is not allowed", s, c)
				}
			}
			return
		}
		if pos < 1 || pos > len([]rune(s)) {
			t.Fatalf("keyProblem(%q) position %d out of range", s, pos)
		}
	})
}

func TestHelperProgram(t *testing.T) {
	tests := []struct{ cmd, prog string }{
		{"/bin/get-key.sh --profile x", "/bin/get-key.sh"},
		{"  helper  ", "helper"},
		{`"/path with space/helper" arg`, "/path with space/helper"},
		{"TOKEN=sk-ant-api03-abc helper", "helper"},
		{`TOKEN="a b c" X=1 helper --flag`, "helper"},
		{"env TOKEN=s helper", "helper"},
		{`TOKEN=a\ b helper`, "helper"},
		{"TOKEN=secret", ""},
		{"", ""},
		{"=x helper", "=x"}, // not an assignment: the shell would run "=x"
		{"1A=x helper", "1A=x"},
	}
	for _, tt := range tests {
		if got := helperProgram(tt.cmd); got != tt.prog {
			t.Errorf("helperProgram(%q) = %q, want %q", tt.cmd, got, tt.prog)
		}
	}
	if got := helperSecrets(`env A=one B="two three" helper C=four`); strings.Join(got, "|") != "one|two three" {
		t.Errorf("helperSecrets = %q", got)
	}
}
