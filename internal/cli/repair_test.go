package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRepairLast: --last takes the newest session of the working
// directory's project, and a terminal gets the session line, the summary
// and an aligned table with a header.
func TestRepairLast(t *testing.T) {
	home := t.TempDir()
	proj := filepath.Join(home, ".claude", "projects", "-home-me-my-app")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	const older, newer = "11111111-2222-4333-8444-555555555555", "66666666-7777-4888-9999-aaaaaaaaaaaa"
	clean := `{"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"hi"},"uuid":"u1","timestamp":"2026-12-05T10:00:00.000Z","sessionId":"` + older + `"}` + "\n"
	poisoned := clean + `{"parentUuid":"u1","isSidechain":false,"type":"assistant","message":{"role":"assistant","model":"m","content":[{"type":"tool_use","id":"toolu_X","name":"Bash","input":{}}]},"uuid":"a1","timestamp":"2026-12-05T10:00:01.000Z","sessionId":"` + newer + `"}` + "\n"
	t0 := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	for i, f := range []struct{ id, content string }{{older, clean}, {newer, poisoned}} {
		p := filepath.Join(proj, f.id+".jsonl")
		if err := os.WriteFile(p, []byte(f.content), 0o600); err != nil {
			t.Fatal(err)
		}
		mod := t0.Add(time.Duration(i) * time.Hour)
		_ = os.Chtimes(p, mod, mod)
	}
	var out, errOut bytes.Buffer
	env := map[string]string{"LANG": "C", "HOME": home, "COLUMNS": "200", "NO_COLOR": "1"}
	io := &IO{In: strings.NewReader(""), Out: &out, Err: &errOut, OutTTY: true, ErrTTY: true,
		Getenv: func(k string) string { return env[k] }, Environ: func() []string { return nil }, Dir: "/home/me/my_app"}
	code := Main([]string{"repair", "--last", "--dry-run", "--now", "2026-12-06T00:00:00Z"}, io)
	if code != ExitFailure {
		t.Errorf("exit %d, want %d (problems found)", code, ExitFailure)
	}
	got := out.String()
	for _, want := range []string{
		"Session " + filepath.Join(proj, newer+".jsonl"),
		"Read 2 lines; 2 are on the chain",
		"LINE  PROBLEM",
		"tool call toolu_X has no tool_result in the next turn",
		"Dry run, nothing written. Problems found: 1.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr: %s", errOut.String())
	}
}
