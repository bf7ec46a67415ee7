package cli

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/ui"
)

// An 8400×2 PNG: over the API's 8000 px side limit.
const widePNGBase64 = "iVBORw0KGgoAAAANSUhEUgAAINAAAAACCAAAAACKpYJbAAAAMUlEQVR4nOzaQREAAAgEIcf+oa/GPiAHfwAAAAAAAAAAMUIDAAAAAAAAAJCzAAAA//8GlwAFjgV30AAAAABJRU5ErkJggg=="

const poisonedSession = "dddddddd-4444-4444-8444-444444444444"

// poisonedTranscript is a session with a tool call left without its result
// and an image over the side limit.
func poisonedTranscript(t *testing.T) string {
	if _, err := base64.StdEncoding.DecodeString(widePNGBase64); err != nil {
		t.Fatal(err)
	}
	line := func(n int, parent, typ, msg string) string {
		p := "null"
		if parent != "" {
			p = `"` + parent + `"`
		}
		return `{"parentUuid":` + p + `,"isSidechain":false,"type":"` + typ + `","message":` + msg +
			`,"uuid":"` + parentOf(n) + `","timestamp":"2026-12-01T10:00:00.000Z","cwd":"/home/me/app","sessionId":"` + poisonedSession + `"}`
	}
	return strings.Join([]string{
		line(1, "", "user", `{"role":"user","content":"run ls"}`),
		line(2, parentOf(1), "assistant", `{"role":"assistant","model":"claude-opus-4-7","content":[{"type":"tool_use","id":"toolu_01Lost","name":"Bash","input":{"command":"ls"}}]}`),
		line(3, parentOf(2), "user", `{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"`+widePNGBase64+`"}}]}`),
	}, "\n") + "\n"
}

func parentOf(n int) string { return fmt.Sprintf("30000000-0000-4000-8000-%012d", n) }

// TestScanJSONPoisonedContract holds `ccerr scan --json` to its contract
// for "poisoned": always an array ([] when nothing is poisoned, never null
// or missing), each row with exactly session, path, project, findings (ids
// of the catalog with counts), count and command.
func TestScanJSONPoisonedContract(t *testing.T) {
	home := t.TempDir()
	proj := filepath.Join(home, ".claude", "projects", "-home-me-app")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(proj, poisonedSession+".jsonl")
	env := map[string]string{"HOME": home}
	decode := func() []any {
		t.Helper()
		res := run{args: []string{"scan", "--json"}, env: env}.exec(t)
		if res.code != 0 {
			t.Fatalf("exit %d: %s", res.code, res.stderr)
		}
		var top map[string]any
		if err := json.Unmarshal([]byte(res.stdout), &top); err != nil {
			t.Fatal(err)
		}
		list, ok := top["poisoned"].([]any)
		if !ok {
			t.Fatalf("poisoned is %T, want an array:\n%s", top["poisoned"], res.stdout)
		}
		return list
	}

	if err := os.WriteFile(path, []byte(`{"type":"user","message":{"role":"user","content":"hi"},"uuid":"u1","parentUuid":null,"sessionId":"`+poisonedSession+`"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := decode(); len(got) != 0 {
		t.Fatalf("clean session listed: %v", got)
	}

	if err := os.WriteFile(path, []byte(poisonedTranscript(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	got := decode()
	if len(got) != 1 {
		t.Fatalf("poisoned %v, want one row", got)
	}
	row := got[0].(map[string]any)
	var keys []string
	for k := range row {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"command", "count", "findings", "path", "project", "session"}; !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for id, n := range row["findings"].(map[string]any) {
		if _, ok := cat.Lookup(catalog.ID(id)); !ok {
			t.Errorf("finding id %q is not in the catalog", id)
		}
		total += n.(float64)
	}
	want := map[string]any{
		"session": poisonedSession, "path": path, "project": "-home-me-app",
		"count": total, "command": "ccerr repair " + poisonedSession,
	}
	for k, v := range want {
		if row[k] != v {
			t.Errorf("%s = %v (%T), want %v", k, row[k], row[k], v)
		}
	}
	if total != 2 {
		t.Errorf("findings %v, want a tool call and an image", row["findings"])
	}
}

// TestScanPoisonedTTYChinese renders a real scan of a poisoned session on
// a terminal in Chinese: the section is headed in Chinese and carries no
// English words of the section.
func TestScanPoisonedTTYChinese(t *testing.T) {
	home := t.TempDir()
	proj := filepath.Join(home, ".claude", "projects", "-home-me-app")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(proj, poisonedSession+".jsonl"), []byte(poisonedTranscript(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	res := run{args: []string{"scan", "--lang", "zh"}, env: map[string]string{"HOME": home}, tty: true}.exec(t)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	zh, en := ui.Messages("zh").Scan, ui.Messages("en").Scan
	for _, want := range []string{zh.Poisoned, zh.PoisonedHint, "2 " + zh.Problem.Other + "：", "ccerr repair " + poisonedSession} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("no %q in:\n%s", want, res.stdout)
		}
	}
	for _, english := range []string{en.Poisoned, en.PoisonedHint, en.Problem.Other} {
		if strings.Contains(res.stdout, english) {
			t.Errorf("English %q in:\n%s", english, res.stdout)
		}
	}
}
