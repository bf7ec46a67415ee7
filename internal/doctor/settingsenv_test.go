package doctor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSettingsEnvBlock checks that the env objects of the settings files
// feed the same checks as the process environment, that the process
// environment wins, then project local, project and user settings, and
// that the detail names where the value came from.
func TestSettingsEnvBlock(t *testing.T) {
	const (
		user  = "~/.claude/settings.json"
		proj  = "~/project/.claude/settings.json"
		local = "~/project/.claude/settings.local.json"
	)
	tests := []struct {
		name       string
		vars       map[string]string
		files      map[string]string // label -> content
		check      string
		want       Status
		wantDetail []string
		notDetail  string
	}{
		{"key from user settings", nil, map[string]string{user: `{"env":{"ANTHROPIC_API_KEY":"` + testKey + `"}}`},
			"credential", OK, []string{"ANTHROPIC_API_KEY (sk-ant-api03-…WXYZ, from ~/.claude/settings.json env)"}, "No credential"},
		{"key hygiene from settings", nil, map[string]string{user: `{"env":{"ANTHROPIC_API_KEY":"` + testKey + `\n"}}`},
			"ANTHROPIC_API_KEY", Fail, []string{"line break", "(from ~/.claude/settings.json env)"}, ""},
		{"retries from settings", nil, map[string]string{user: `{"env":{"CLAUDE_CODE_MAX_RETRIES":"abc"}}`},
			envMaxRetries, Fail, []string{`cannot read "abc" as a number of retries`, "from ~/.claude/settings.json env"}, ""},
		{"base url from settings", nil, map[string]string{user: `{"env":{"ANTHROPIC_BASE_URL":"garbage"}}`},
			envBaseURL, Fail, []string{`"garbage" is not a usable URL`, "from ~/.claude/settings.json env"}, ""},
		{"process env wins", map[string]string{envMaxRetries: "3"}, map[string]string{local: `{"env":{"CLAUDE_CODE_MAX_RETRIES":"abc"}}`},
			envMaxRetries, OK, []string{"3 retries."}, "from"},
		{"project beats user", nil, map[string]string{user: `{"env":{"CLAUDE_CODE_MAX_RETRIES":"abc"}}`, proj: `{"env":{"CLAUDE_CODE_MAX_RETRIES":"4"}}`},
			envMaxRetries, OK, []string{"4 retries.", "from ~/project/.claude/settings.json env"}, ""},
		{"local beats project", nil, map[string]string{proj: `{"env":{"CLAUDE_CODE_MAX_RETRIES":"4"}}`, local: `{"env":{"CLAUDE_CODE_MAX_RETRIES":"5"}}`},
			envMaxRetries, OK, []string{"5 retries.", "from ~/project/.claude/settings.local.json env"}, ""},
		{"non-string env value ignored", nil, map[string]string{user: `{"env":{"CLAUDE_CODE_MAX_RETRIES":7}}`},
			envMaxRetries, OK, []string{"Not set"}, ""},
		{"helper not a string", nil, map[string]string{user: `{"apiKeyHelper":5}`},
			"apiKeyHelper", Warn, []string{"apiKeyHelper is not a string", "~/.claude/settings.json", "number"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t, tt.vars)
			for label, content := range tt.files {
				writeFile(t, filepath.Join(env.Home, strings.TrimPrefix(label, "~/")), content)
			}
			fs := offline(t, env)
			f := find(t, fs, tt.check)
			if f.Status != tt.want {
				t.Errorf("got %s %q, want %s", f.Status, en(f.Detail), tt.want)
			}
			for _, w := range tt.wantDetail {
				if !strings.Contains(en(f.Detail), w) {
					t.Errorf("detail %q does not contain %q", en(f.Detail), w)
				}
			}
			if tt.notDetail != "" && strings.Contains(en(f.Detail), tt.notDetail) {
				t.Errorf("detail %q contains %q", en(f.Detail), tt.notDetail)
			}
			if (f.Status == Warn || f.Status == Fail) && f.Fix == nil {
				t.Error("no fix")
			}
			for _, g := range fs {
				if strings.Contains(en(g.Detail)+en(g.Fix), "SECRETmiddle") {
					t.Errorf("secret printed in %s: %q %q", g.Name, en(g.Detail), en(g.Fix))
				}
			}
		})
	}
}

// TestSettingsEnvFix checks that a bad value from a settings file's env
// block gets a fix that says where to change it.
func TestSettingsEnvFix(t *testing.T) {
	env := newEnv(t, nil)
	writeFile(t, filepath.Join(env.Home, ".claude", "settings.json"), `{"env":{"CLAUDE_CODE_MAX_RETRIES":"abc"}}`)
	f := find(t, offline(t, env), envMaxRetries)
	if !strings.Contains(en(f.Fix), "env block of ~/.claude/settings.json") {
		t.Errorf("fix %q does not name the settings file", en(f.Fix))
	}
}

// TestConfigReadErrorFix checks that a settings file that cannot be read
// gets a fix about reading, not about JSON syntax.
func TestConfigReadErrorFix(t *testing.T) {
	t.Run("folder", func(t *testing.T) {
		env := newEnv(t, nil)
		if err := os.MkdirAll(filepath.Join(env.Home, ".claude", "settings.json"), 0o755); err != nil {
			t.Fatal(err)
		}
		f := find(t, offline(t, env), "~/.claude/settings.json")
		if f.Status != Warn || strings.Contains(en(f.Fix), "JSON in") || !strings.Contains(en(f.Fix), "is a folder") {
			t.Errorf("got %s %q fix %q", f.Status, en(f.Detail), en(f.Fix))
		}
	})
	t.Run("home is a file", func(t *testing.T) {
		env := newEnv(t, nil)
		file := filepath.Join(env.Home, "homefile")
		writeFile(t, file, "x")
		env.Home = file
		env.Dir = ""
		f := find(t, offline(t, env), "~/.claude.json")
		if f.Status != Warn || strings.Contains(en(f.Fix), "trailing comma") || !strings.Contains(en(f.Fix), "HOME") {
			t.Errorf("got %s %q fix %q", f.Status, en(f.Detail), en(f.Fix))
		}
	})
	t.Run("json error keeps the JSON fix", func(t *testing.T) {
		env := newEnv(t, nil)
		writeFile(t, filepath.Join(env.Home, ".claude", "settings.json"), "{,}")
		f := find(t, offline(t, env), "~/.claude/settings.json")
		if !strings.Contains(en(f.Fix), "trailing comma") {
			t.Errorf("fix %q", en(f.Fix))
		}
	})
}

// TestHomeUnset checks that without HOME (and CLAUDE_CONFIG_DIR) a skip
// finding says the home-folder checks could not run.
func TestHomeUnset(t *testing.T) {
	env := newEnv(t, nil)
	env.Home = ""
	f := find(t, offline(t, env), "home")
	if f.Status != Skip || !strings.Contains(en(f.Detail), "HOME is not set") || !strings.Contains(en(f.Detail), "stored login") {
		t.Errorf("got %s %q", f.Status, en(f.Detail))
	}
	env = newEnv(t, map[string]string{"CLAUDE_CONFIG_DIR": t.TempDir()})
	env.Home = ""
	if has(offline(t, env), "home") {
		t.Error("home finding although CLAUDE_CONFIG_DIR is set")
	}
	if has(offline(t, newEnv(t, nil)), "home") {
		t.Error("home finding although HOME is set")
	}
}

// TestWording covers the wording fixes: no doubled parentheses around a
// short key, a huge retry count read as package retry reads it, a base
// URL ending in /v1.
func TestWording(t *testing.T) {
	tests := []struct {
		name, check string
		vars        map[string]string
		want        Status
		wantDetail  string
		wantFix     string
		notDetail   string
	}{
		{"short key in credential", "credential", map[string]string{"ANTHROPIC_API_KEY": "ab"}, OK, "ANTHROPIC_API_KEY (2 characters)", "", "(("},
		{"short key shape", "ANTHROPIC_API_KEY", map[string]string{"ANTHROPIC_API_KEY": "ab"}, Warn, "ANTHROPIC_API_KEY (2 characters) does not look", "", "(("},
		{"short key with line break", "ANTHROPIC_API_KEY", map[string]string{"ANTHROPIC_API_KEY": "a\nb"}, Fail, "(3 characters)", "", "(("},
		{"huge retries are clamped", envMaxRetries, map[string]string{envMaxRetries: "99999999999999999999"}, Warn, `"99999999999999999999" is above the cap: Claude Code retries at most 15 times.`, "0 to 15", ""},
		{"huge retries with watchdog", envMaxRetries, map[string]string{envMaxRetries: "99999999999999999999", envRetryWatchdog: "1"}, Warn, "no cap: 2147483647 retries would go on practically forever. With the retry watchdog on", "0 to 300", ""},
		{"base url /v1", envBaseURL, map[string]string{envBaseURL: "https://gw.example.com/v1"}, Warn, "https://gw.example.com/v1/v1/messages", "set ANTHROPIC_BASE_URL to https://gw.example.com.", ""},
		{"base url /v1/", envBaseURL, map[string]string{envBaseURL: "https://gw.example.com/anthropic/v1/"}, Warn, "ends in /v1", "https://gw.example.com/anthropic.", ""},
		{"base url /v10 is fine", envBaseURL, map[string]string{envBaseURL: "https://gw.example.com/v10"}, OK, "Requests go to", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := find(t, offline(t, newEnv(t, tt.vars)), tt.check)
			if f.Status != tt.want || !strings.Contains(en(f.Detail), tt.wantDetail) || !strings.Contains(en(f.Fix), tt.wantFix) {
				t.Errorf("got %s %q fix %q, want %s containing %q, fix %q", f.Status, en(f.Detail), en(f.Fix), tt.want, tt.wantDetail, tt.wantFix)
			}
			if tt.notDetail != "" && strings.Contains(en(f.Detail), tt.notDetail) {
				t.Errorf("detail %q contains %q", en(f.Detail), tt.notDetail)
			}
		})
	}
}
