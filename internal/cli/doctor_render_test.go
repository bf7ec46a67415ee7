package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/doctor"
	"github.com/ccerr/ccerr/internal/ui"
)

// TestDoctorWordsEveryKind: every kind of doctor message has words in every
// language, so no finding is ever printed as a key or left blank.
func TestDoctorWordsEveryKind(t *testing.T) {
	for _, lang := range catalog.Languages {
		w := newDoctorWords(lang, nil)
		for _, k := range doctor.Kinds() {
			if doctorFormat(&w.t.Findings, k) == "" {
				t.Errorf("%s: no words for %s", lang, k)
			}
		}
		for _, g := range doctor.Groups {
			if w.group(g) == string(g) {
				t.Errorf("%s: no heading for group %s", lang, g)
			}
		}
	}
}

// TestDoctorWordsNested: a message inside a message and a list of them are
// worded in the reader's language, with the language's list separator.
func TestDoctorWordsNested(t *testing.T) {
	text := doctor.Text{{Kind: doctor.MsgCredShadowed, Args: []any{doctor.Text{
		{Kind: doctor.MsgCredVar, Args: []any{"ANTHROPIC_API_KEY", "sk-ant-api03-…WXYZ"}},
		{Kind: doctor.MsgCredLogin, Args: []any{"~/.claude/.credentials.json"}},
	}}}}
	if got, want := newDoctorWords(catalog.English, nil).text(text), "Also present but not used: ANTHROPIC_API_KEY (sk-ant-api03-…WXYZ), the stored login in ~/.claude/.credentials.json."; got != want {
		t.Errorf("en: got  %q\nwant %q", got, want)
	}
	if got, want := newDoctorWords(catalog.Chinese, nil).text(text), "同时存在但不会被使用：ANTHROPIC_API_KEY（sk-ant-api03-…WXYZ）、~/.claude/.credentials.json 中保存的登录。"; got != want {
		t.Errorf("zh: got  %q\nwant %q", got, want)
	}
}

// TestDoctorChineseHeadings runs the doctor in Chinese over a machine with
// a problem in every group and checks that no heading, label or summary is
// English.
func TestDoctorChineseHeadings(t *testing.T) {
	home := t.TempDir()
	res := run{
		args: []string{"doctor", "--offline", "--lang", "zh"},
		env: map[string]string{
			"HOME": home, "ANTHROPIC_API_KEY": "sk-ant-api03-test\nkey-0000000000000000WXYZ",
			"CLAUDE_CODE_MAX_RETRIES": "99", "API_TIMEOUT_MS": "1", "NODE_TLS_REJECT_UNAUTHORIZED": "0",
		},
	}.exec(t)
	if res.code != ExitFailure {
		t.Fatalf("exit %d; stderr %q", res.code, res.stderr)
	}
	en, zh := ui.Messages(catalog.English).Doctor, ui.Messages(catalog.Chinese).Doctor
	english := regexp.MustCompile(`\b(fix|more|failed|warned|checks|skipped|Credentials|Settings|Network|Live|Context|pressure|request)\b`)
	headings := 0
	for _, line := range strings.Split(strings.TrimRight(res.stdout, "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case line == "":
		case !strings.HasPrefix(line, " "): // a heading or the summary
			headings++
			if english.MatchString(line) {
				t.Errorf("English heading %q", line)
			}
		case strings.HasPrefix(trimmed, strings.TrimSpace(en.FixLabel)) || strings.HasPrefix(trimmed, "more:"):
			t.Errorf("English label in %q", line)
		}
	}
	if headings < 6 || !strings.Contains(res.stdout, zh.FixLabel) || !strings.Contains(res.stdout, zh.GroupCredentials) {
		t.Errorf("not the Chinese report:\n%s", res.stdout)
	}
}

// TestDoctorTerminalSafe: values read from the environment and the disk
// (a CA bundle path, a proxy, a helper command) that hold terminal control
// sequences reach the terminal without them, in both languages.
func TestDoctorTerminalSafe(t *testing.T) {
	home := t.TempDir()
	const evil = "\x1b]0;pwned\x07\x1b[2J\u202e"
	if err := os.MkdirAll(filepath.Join(home, ".claude"), 0o755); err != nil {
		t.Fatal(err)
	}
	settings, _ := json.Marshal(map[string]string{"apiKeyHelper": "/opt/" + evil + "/get-key"})
	if err := os.WriteFile(filepath.Join(home, ".claude", "settings.json"), settings, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, lang := range catalog.Languages {
		res := run{
			args: []string{"doctor", "--offline", "--lang", lang},
			env: map[string]string{
				"HOME": home, "NO_COLOR": "1",
				"NODE_EXTRA_CA_CERTS":     "/nowhere/" + evil + ".pem",
				"HTTPS_PROXY":             "http://proxy" + evil + ":8080",
				"CLAUDE_CODE_MAX_RETRIES": "5" + evil,
			},
			tty: true,
		}.exec(t)
		if strings.ContainsAny(res.stdout+res.stderr, "\x1b\x07\u202e") {
			t.Errorf("%s: a control sequence reached the terminal:\n%q", lang, res.stdout)
		}
		if !strings.Contains(res.stdout, "NODE_EXTRA_CA_CERTS") || !strings.Contains(res.stdout, "/get-key") {
			t.Errorf("%s: the report is missing:\n%s", lang, res.stdout)
		}
	}
}
