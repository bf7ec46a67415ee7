package doctor

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/redact"
)

func TestSettings(t *testing.T) {
	tests := []struct {
		name       string
		vars       map[string]string
		check      string
		want       Status
		wantID     catalog.ID
		wantDetail string
	}{
		{"retries unset", nil, envMaxRetries, OK, "", "up to 10"},
		{"retries ok", map[string]string{envMaxRetries: "3"}, envMaxRetries, OK, "", "3 retries"},
		{"retries zero", map[string]string{envMaxRetries: "0"}, envMaxRetries, OK, "", "at once"},
		{"retries word", map[string]string{envMaxRetries: "ten"}, envMaxRetries, Fail, "", `cannot read "ten" as a number of retries, so it ignores it. Claude Code retries up to 10 times.`},
		{"retries negative", map[string]string{envMaxRetries: "-1"}, envMaxRetries, Fail, "", "cannot read"},
		{"retries decimal", map[string]string{envMaxRetries: "2.5"}, envMaxRetries, Warn, "", `reads "2.5" as 2. Claude Code retries up to 2 times.`},
		{"retries clamped", map[string]string{envMaxRetries: "50"}, envMaxRetries, Warn, "", "at most 15"},
		{"retries watchdog", map[string]string{envMaxRetries: "50", envRetryWatchdog: "1"}, envMaxRetries, OK, "", "50 retries"},
		{"timeout unset", nil, envTimeout, OK, "", "600000"},
		{"timeout ok", map[string]string{envTimeout: "900000"}, envTimeout, OK, "", "900000 ms"},
		{"timeout short", map[string]string{envTimeout: "3000"}, envTimeout, Warn, "request-timeout", "3000 ms is under 60000"},
		{"timeout zero", map[string]string{envTimeout: "0"}, envTimeout, Fail, "request-timeout", "not a positive"},
		{"timeout junk", map[string]string{envTimeout: "10s"}, envTimeout, Warn, "request-timeout", `reads "10s" as 10 ms`},
		{"base url unset", nil, envBaseURL, OK, "", "api.anthropic.com"},
		{"base url ok", map[string]string{envBaseURL: "https://gw.example.com/anthropic"}, envBaseURL, OK, "", "https://gw.example.com/anthropic"},
		{"base url no scheme", map[string]string{envBaseURL: "gw.example.com"}, envBaseURL, Fail, "connection-failed", "https://"},
		{"base url ftp", map[string]string{envBaseURL: "ftp://gw.example.com"}, envBaseURL, Fail, "connection-failed", "https://"},
		{"base url space", map[string]string{envBaseURL: "https://gw.example.com /x"}, envBaseURL, Fail, "connection-failed", "spaces"},
		{"base url port", map[string]string{envBaseURL: "https://gw.example.com:99999"}, envBaseURL, Fail, "connection-failed", "port"},
		{"base url plain http", map[string]string{envBaseURL: "http://gw.example.com"}, envBaseURL, Warn, "", "plain http"},
		{"base url loopback http", map[string]string{envBaseURL: "http://127.0.0.1:8787"}, envBaseURL, OK, "", "127.0.0.1:8787"},
		{"base url secret hidden", map[string]string{envBaseURL: "https://user:sk-ant-api03-SECRETSECRET@gw.example.com/?key=SECRETSECRET"}, envBaseURL, OK, "", "https://…@gw.example.com/?…"},
		{"betas with gateway", map[string]string{envBaseURL: "https://gw.example.com"}, envDisableBetas, OK, "beta-header-stripped", "anthropic-beta"},
		{"betas off with gateway", map[string]string{envBaseURL: "https://gw.example.com", envDisableBetas: "1"}, envDisableBetas, OK, "beta-header-stripped", "not sent"},
		{"betas off without gateway", map[string]string{envDisableBetas: "1"}, envDisableBetas, OK, "", "without a gateway"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := find(t, offline(t, newEnv(t, tt.vars)), tt.check)
			if f.Status != tt.want || f.ID != tt.wantID || !strings.Contains(en(f.Detail), tt.wantDetail) {
				t.Errorf("got %s %q %q, want %s %q containing %q", f.Status, f.ID, en(f.Detail), tt.want, tt.wantID, tt.wantDetail)
			}
			if strings.Contains(en(f.Detail), "SECRET") {
				t.Errorf("secret printed: %q", en(f.Detail))
			}
			if (f.Status == Warn || f.Status == Fail) && f.Fix == nil {
				t.Errorf("no fix")
			}
		})
	}
}

func TestBetasOnlyWhenRelevant(t *testing.T) {
	if has(offline(t, newEnv(t, nil)), envDisableBetas) {
		t.Error("betas finding without a gateway or the variable")
	}
}

func TestBadConfigFiles(t *testing.T) {
	env := newEnv(t, nil)
	writeFile(t, filepath.Join(env.Home, ".claude", "settings.json"), "{\n  \"a\": 1,\n}\n")
	writeFile(t, filepath.Join(env.Dir, ".mcp.json"), `[1,2]`)
	fs := offline(t, env)
	f := find(t, fs, "~/.claude/settings.json")
	if f.Status != Warn || !strings.Contains(en(f.Detail), "line 3") {
		t.Errorf("settings.json: got %s %q", f.Status, en(f.Detail))
	}
	f = find(t, fs, "~/project/.mcp.json")
	if f.Status != Warn || !strings.Contains(en(f.Detail), "not an object") {
		t.Errorf(".mcp.json: got %s %q", f.Status, en(f.Detail))
	}
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "15", " 7 ", "-1", "1e3", "999999999999", "", "+3", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseCount(s)
		if !ok {
			return
		}
		if n < 0 {
			t.Fatalf("parseCount(%q) = %d", s, n)
		}
		if got, _ := parseCount(strings.TrimSpace(s)); got != n {
			t.Fatalf("parseCount not stable under trimming: %q", s)
		}
	})
}

func FuzzParseBaseURL(f *testing.F) {
	for _, s := range []string{"https://api.anthropic.com", "http://127.0.0.1:8787/x", "gw", "https://:80", "https://[::1]:443", "https://h:0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := parseBaseURL(s)
		if err != nil {
			return
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
			t.Fatalf("parseBaseURL(%q) accepted %v", s, u)
		}
		_ = redact.URL(u)
	})
}

// TestURLPasswordNotShown: a base URL or proxy that cannot be used is
// still shown without what stands before its "@", parsed or not.
func TestURLPasswordNotShown(t *testing.T) {
	for _, v := range []string{
		"//u:PASSWORDxx@gw.example.com",
		"gw://u:PASSWORDxx@gw.example.com",
		"u:PASSWORDxx@gw.example.com",
		"http://u:PASSWORDxx@",
		"https://u:PASSWORDxx@gw.example.com:99999",
	} {
		for _, k := range []string{envBaseURL, "HTTPS_PROXY"} {
			fs := offline(t, newEnv(t, map[string]string{k: v}))
			for _, f := range fs {
				for _, lang := range []string{"en", "zh"} {
					if s := wordText(lang, f.Detail) + wordText(lang, f.Fix); strings.Contains(s, "PASSWORD") || strings.Contains(s, "ASSWORDx") {
						t.Errorf("%s=%q: %s shows the password: %q", k, v, f.Name, s)
					}
				}
			}
		}
	}
	if got := quoteURL("//u:PASSWORDxx@gw.example.com"); got != `"//…@gw.example.com"` {
		t.Errorf("quoteURL = %s", got)
	}
}
