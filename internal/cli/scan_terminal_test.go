package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/creack/pty"
	"golang.org/x/term"
)

// hostile holds terminal control sequences of every kind, as a transcript
// may carry them in its cwd, session id or messages (JSON-escaped, so the
// line is still valid JSON and UTF-8).
var hostile = []string{
	`\u001b]0;pwned title\u0007`,                  // window title (OSC 0, BEL)
	`\u001b[2J\u001b[H`,                           // clear screen, cursor home
	`\u001b]8;;https://evil.example/\u001b\\link`, // hyperlink (OSC 8, ST)
	`\u001bPq#0;2;0;0;0\u001b\\`,                  // DCS (sixel)
	`\u009b31m`,                                   // 8-bit CSI
	`\u009d2;title\u009c`,                         // 8-bit OSC
	`\u202egpj.exe`,                               // right-to-left override
	`\u001b_apc\u001b\\\u001bc`,                   // APC, then reset (RIS)
}

// hostileTranscript writes a project folder and a transcript whose names,
// cwd, session id and messages all carry control sequences, plus a damaged
// line and a missing path so that "skipped" lines are printed too. It
// returns the paths to scan.
func hostileTranscript(t *testing.T) []string {
	t.Helper()
	evil := strings.Join(hostile, "")
	dir := filepath.Join(t.TempDir(), "proj\x1b]0;dir title\x07\u202e")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	final := func(ts, text string) string {
		return `{"parentUuid":"p","type":"assistant","uuid":"u","timestamp":"` + ts + `","message":{"model":"<synthetic>","role":"assistant",` +
			`"content":[{"type":"text","text":"` + text + `"}]},"isApiErrorMessage":true,"cwd":"/home/` + evil + `","sessionId":"s` + evil + `"}`
	}
	data := strings.Join([]string{
		final("2026-11-20T10:00:00Z", "API Error: Repeated 529 Overloaded errors "+evil),
		final("2026-11-20T10:00:01Z", evil+"API Error: Request rejected (429) · Rate limited"),
		"not json \x1b[2J\x1b]0;t\x07",
	}, "\n") + "\n"
	name := filepath.Join(dir, "s\x1b[31m\x9b2J\u202e.jsonl")
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{dir, filepath.Join(dir, "gone\x1b]0;x\x07.jsonl")}
}

// ownSequences are the only escape sequences ccerr itself writes: SGR
// styling and the progress line's erase-to-end-of-line.
var ownSequences = regexp.MustCompile(`\x1b\[[0-9;]*[mK]`)

// checkTerminalSafe fails when out holds anything that can drive a
// terminal beyond ccerr's own styling: an escape, a control byte other
// than CR, LF and tab, DEL, a C1 control, or a bidirectional control.
func checkTerminalSafe(t *testing.T, out []byte, allowOwn bool) {
	t.Helper()
	if allowOwn {
		out = ownSequences.ReplaceAll(out, nil)
	}
	if !utf8.Valid(out) {
		t.Errorf("output is not valid UTF-8")
	}
	for i, r := range string(out) {
		bad := r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
		if bad {
			lo, hi := max(0, i-30), min(len(out), i+30)
			t.Errorf("control %U reached the terminal: %q", r, out[lo:hi])
			return
		}
	}
}

// runOnPTY runs ccerr with standard output and error on a pseudo-terminal
// and returns every byte the terminal received.
func runOnPTY(t *testing.T, args []string, env map[string]string) ([]byte, int) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(tty, &pty.Winsize{Rows: 50, Cols: 200}); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	done := make(chan error, 1)
	go func() {
		_, err := io.Copy(&got, ptmx)
		done <- err
	}()
	streams := &IO{
		In: strings.NewReader(""), Out: tty, Err: tty,
		OutTTY: term.IsTerminal(int(tty.Fd())), ErrTTY: term.IsTerminal(int(tty.Fd())),
		Getenv: func(k string) string { return env[k] },
	}
	if !streams.OutTTY {
		t.Fatal("the pseudo-terminal is not a terminal")
	}
	code := Main(args, streams)
	tty.Close()
	// Closing the terminal side ends the copy with EIO once it has drained.
	if err := <-done; err != nil && !errors.Is(err, os.ErrClosed) && !strings.Contains(err.Error(), "input/output error") {
		t.Fatal(err)
	}
	return got.Bytes(), code
}

// TestScanTTYIsTerminalSafe renders scan's terminal output through a
// pseudo-terminal from a transcript full of control sequences: with colour
// only ccerr's own styling arrives, with NO_COLOR no escape at all, and
// --json printed on a terminal carries them as \u escapes only.
func TestScanTTYIsTerminalSafe(t *testing.T) {
	paths := hostileTranscript(t)
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"colour", nil, map[string]string{"LANG": "C", "TERM": "xterm"}},
		{"no colour", nil, map[string]string{"LANG": "C", "NO_COLOR": "1"}},
		{"chinese by session", []string{"--lang", "zh", "--by", "session"}, map[string]string{"TERM": "xterm"}},
		{"by project", []string{"--by", "project"}, map[string]string{"NO_COLOR": "1"}},
		{"json", []string{"--json"}, map[string]string{"NO_COLOR": "1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code := runOnPTY(t, append(append([]string{"scan"}, tc.args...), paths...), tc.env)
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, out)
			}
			for _, want := range []string{"overloaded", "rate-limited", "missing", "not-json"} {
				if !bytes.Contains(out, []byte(want)) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if tc.env["NO_COLOR"] != "" {
				if i := bytes.IndexByte(out, 0x1b); i >= 0 {
					t.Errorf("ESC with NO_COLOR: %q", out[max(0, i-30):min(len(out), i+30)])
				}
			}
			checkTerminalSafe(t, out, true)
		})
	}
}
