package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// decodeMatches parses `explain --json` output.
func decodeMatches(t *testing.T, out string) []matchJSON {
	t.Helper()
	var doc struct {
		Matches []matchJSON `json:"matches"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("explain --json printed invalid JSON: %v\n%s", err, out)
	}
	return doc.Matches
}

// concrete fills in the notation some documented messages use for values
// ("Retrying in Ns · attempt x/y", "<model>"), as a person's paste would
// have them; like catalog/match_test.go, which checks the matcher alone.
var concrete = strings.NewReplacer(
	"<model>", "claude-sonnet-4-5",
	"<tool>", "Bash",
	"Retrying in Ns", "Retrying in 4s",
	"attempt x/y", "attempt 3/10",
	"next try in …", "next try in 5s",
	"~N tokens (limit M)", "~210000 tokens (limit 200000)",
).Replace

// TestExplainEveryMessage sends every wording in the catalog through the
// whole command, once as arguments and once on standard input, and checks
// that the first error recognised is the entry the wording belongs to.
func TestExplainEveryMessage(t *testing.T) {
	for _, e := range catalog.MustDefault().Entries() {
		for i, m := range e.Messages {
			text := concrete(m.Text)
			for _, via := range []string{"args", "stdin"} {
				t.Run(fmt.Sprintf("%s/%d/%s", e.ID, i, via), func(t *testing.T) {
					r := run{args: []string{"explain", "--json"}}
					if via == "args" {
						r.args = append(r.args, text)
					} else {
						r.stdin = strings.NewReader(text + "\n")
					}
					res := r.exec(t)
					matches := decodeMatches(t, res.stdout)
					if res.code != ExitOK || len(matches) == 0 {
						t.Fatalf("explain %q: exit %d, %d matches, want exit 0 and %s\nstderr: %s", text, res.code, len(matches), e.ID, res.stderr)
					}
					if got := matches[0].ID; got != e.ID {
						t.Errorf("explain %q: first match %s, want %s", text, got, e.ID)
					}
				})
			}
		}
	}
}

func TestExplainExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		run        run
		wantCode   int
		wantStderr string // substring; "" means stderr must be empty
	}{
		{"match in args", run{args: []string{"explain", "API Error: Repeated 529 Overloaded errors"}}, ExitOK, ""},
		{"match on stdin", run{args: []string{"explain"}, stdin: strings.NewReader("Not logged in · Please run /login\n")}, ExitOK, ""},
		{"dash reads stdin", run{args: []string{"explain", "-"}, stdin: strings.NewReader("Credit balance is too low")}, ExitOK, ""},
		{"nothing recognised", run{args: []string{"explain", "all good here"}}, ExitFailure, "ccerr list"},
		{"prose with the words", run{args: []string{"explain", "the server was overloaded and my request timed out"}}, ExitFailure, "ccerr list"},
		{"empty argument", run{args: []string{"explain", ""}}, ExitFailure, "input is empty"},
		{"empty stdin", run{args: []string{"explain"}}, ExitFailure, "input is empty"},
		{"blank stdin", run{args: []string{"explain"}, stdin: strings.NewReader(" \n\t\r\n")}, ExitFailure, "input is empty"},
		{"invalid utf-8", run{args: []string{"explain"}, stdin: strings.NewReader("\xff\xfe\xfd bad \xc3\x28 bytes\n")}, ExitFailure, "ccerr list"},
		{"binary", run{args: []string{"explain"}, stdin: strings.NewReader(binaryNoise(64 << 10))}, ExitFailure, "ccerr list"},
		{"binary around an error", run{args: []string{"explain"}, stdin: strings.NewReader(binaryNoise(4096) + "\nCredit balance is too low\n" + binaryNoise(4096))}, ExitOK, ""},
		{"unreadable stdin", run{args: []string{"explain"}, stdin: iotestErrReader{}}, ExitUsage, "cannot read standard input"},
		{"unknown id", run{args: []string{"explain", "--id", "no-such-error"}}, ExitUsage, "ccerr list"},
		{"empty id list", run{args: []string{"explain", "--id", ","}}, ExitUsage, "at least one id"},
		{"id with text", run{args: []string{"explain", "--id", "overloaded", "some text"}}, ExitUsage, "--id"},
		{"dash mixed with text", run{args: []string{"explain", "-", "text"}}, ExitUsage, "standard input"},
		{"bad lang", run{args: []string{"explain", "--lang", "fr", "x"}}, ExitUsage, `"en" or "zh"`},
		{"unknown flag", run{args: []string{"explain", "--nope"}}, ExitUsage, "unknown flag"},
		{"list extra argument", run{args: []string{"list", "extra"}}, ExitUsage, "unknown command"},
		{"list bad category", run{args: []string{"list", "--category", "nope"}}, ExitUsage, "server, usage, auth, network, request, quality"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.run.exec(t)
			if res.code != tt.wantCode {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", res.code, tt.wantCode, res.stdout, res.stderr)
			}
			if tt.wantStderr == "" && res.stderr != "" {
				t.Errorf("stderr = %q, want nothing", res.stderr)
			}
			if !strings.Contains(res.stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to mention %q", res.stderr, tt.wantStderr)
			}
			if n := strings.Count(strings.TrimSpace(res.stderr), "\n"); tt.wantCode == ExitUsage && n > 1 {
				t.Errorf("usage message has %d lines, want at most 2:\n%s", n+1, res.stderr)
			}
			if strings.Contains(res.stderr, "goroutine") || strings.Contains(res.stderr, "panic") {
				t.Errorf("stderr shows a crash:\n%s", res.stderr)
			}
		})
	}
}

// binaryNoise is n deterministic bytes of every value, NUL included, with no
// documented error in them.
func binaryNoise(n int) string {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return string(b)
}

// iotestErrReader fails every read, like a directory given as standard input.
type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errors.New("read /: is a directory") }

// TestExplainJSONContract pins the field names of `explain --json`; they are
// API. Fields may be added, never renamed or removed.
func TestExplainJSONContract(t *testing.T) {
	res := ccerr(t, "explain", "--json", "API Error: Repeated 529 Overloaded errors")
	var doc map[string][]map[string]any
	if err := json.Unmarshal([]byte(res.stdout), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, res.stdout)
	}
	if len(doc) != 1 || len(doc["matches"]) == 0 {
		t.Fatalf("want one key \"matches\" with at least one match, got %s", res.stdout)
	}
	m := doc["matches"][0]
	for _, key := range []string{"id", "category", "title", "retried", "count", "line", "excerpt", "fields", "meaning", "fixes", "side", "cause"} {
		if _, ok := m[key]; !ok {
			t.Errorf("match lacks %q; keys are %v", key, slices.Sorted(maps.Keys(m)))
		}
	}
	if m["id"] != "overloaded" || m["category"] != "server" || m["retried"] != true || m["count"] != 1.0 || m["line"] != 1.0 {
		t.Errorf("match = %v", m)
	}
	if _, ok := m["fields"].(map[string]any); !ok {
		t.Errorf("fields = %#v, want an object", m["fields"])
	}
	fixes, _ := m["fixes"].([]any)
	if len(fixes) == 0 {
		t.Fatalf("no fixes in %v", m)
	}
	for _, f := range fixes {
		if text, _ := f.(map[string]any)["text"].(string); text == "" {
			t.Errorf("fix without text: %v", f)
		}
	}

	none := ccerr(t, "explain", "--json", "nothing to see")
	if none.code != ExitFailure || strings.Join(strings.Fields(none.stdout), "") != `{"matches":[]}` {
		t.Errorf("no match: exit %d, stdout %q; want 1 and {\"matches\":[]}", none.code, none.stdout)
	}
}

// TestExplainFields checks that values found in the text reach both outputs.
func TestExplainFields(t *testing.T) {
	in := `API Error (529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}) · Retrying in 1 seconds… (attempt 1/10)`
	res := ccerr(t, "explain", "--json", in)
	matches := decodeMatches(t, res.stdout)
	if len(matches) == 0 || matches[0].ID != "overloaded" {
		t.Fatalf("matches = %+v, want overloaded first", matches)
	}
	if got := matches[0].Fields["status"]; got != "529" {
		t.Errorf("fields.status = %q, want 529 (fields %v)", got, matches[0].Fields)
	}
	text := ccerr(t, "explain", in).stdout
	if !strings.Contains(text, "HTTP status 529") {
		t.Errorf("text output lacks the status:\n%s", text)
	}
}

// TestExplainOrderAndCount checks that several errors come out in order of
// first appearance, and a repeated one once with its count and first line.
func TestExplainOrderAndCount(t *testing.T) {
	in := strings.Join([]string{
		"starting session",
		"Not logged in · Please run /login",
		"retrying",
		"API Error: Repeated 529 Overloaded errors",
		"API Error: Repeated 529 Overloaded errors",
		"Credit balance is too low",
	}, "\n")
	for _, via := range []string{"args", "stdin"} {
		t.Run(via, func(t *testing.T) {
			r := run{args: []string{"explain", "--json"}}
			if via == "args" {
				// Each argument is one line.
				r.args = append(r.args, strings.Split(in, "\n")...)
			} else {
				r.stdin = strings.NewReader(in)
			}
			matches := decodeMatches(t, r.exec(t).stdout)
			var got []string
			for _, m := range matches {
				got = append(got, fmt.Sprintf("%s@%d×%d", m.ID, m.Line, m.Count))
			}
			want := []string{"not-logged-in@2×1", "overloaded@4×2", "credit-balance-low@6×1"}
			if !slices.Equal(got, want) {
				t.Errorf("matches = %v, want %v", got, want)
			}
		})
	}
}

// noiseReader produces lines copies of line, then tail, without holding
// the input in memory.
type noiseReader struct {
	line  string
	lines int
	pos   int
	tail  io.Reader
}

func (r *noiseReader) Read(p []byte) (int, error) {
	if r.lines == 0 {
		return r.tail.Read(p)
	}
	n := copy(p, r.line[r.pos:])
	r.pos += n
	if r.pos == len(r.line) {
		r.pos = 0
		r.lines--
	}
	return n, nil
}

// TestExplainLargeStdin streams more input than any buffer through explain
// and checks that an error at the very end is found on the right line.
func TestExplainLargeStdin(t *testing.T) {
	const line = "2026-11-26T18:00:48Z INFO worker 7 handled request in 12ms, cache hit, nothing unusual\n"
	lines := (6 << 20) / len(line)
	in := &noiseReader{line: line, lines: lines, tail: strings.NewReader("Request too large (max 30 MB). Double press esc to go back and remove or shrink the attached content.\n")}
	res := run{args: []string{"explain", "--json"}, stdin: in}.exec(t)
	matches := decodeMatches(t, res.stdout)
	if res.code != ExitOK || len(matches) != 1 {
		t.Fatalf("exit %d, matches %+v", res.code, matches)
	}
	if m := matches[0]; m.ID != "request-too-large" || m.Line != lines+1 {
		t.Errorf("match %s at line %d, want request-too-large at line %d", m.ID, m.Line, lines+1)
	}
}

func TestExplainColourAndLanguage(t *testing.T) {
	const msg = "Not logged in · Please run /login"
	tests := []struct {
		name       string
		run        run
		wantColour bool
		wantText   string
	}{
		{"pipe", run{}, false, "What it means"},
		{"terminal", run{tty: true, env: map[string]string{"TERM": "xterm"}}, true, "What it means"},
		{"terminal with NO_COLOR", run{tty: true, env: map[string]string{"TERM": "xterm", "NO_COLOR": "1"}}, false, "What it means"},
		{"dumb terminal", run{tty: true, env: map[string]string{"TERM": "dumb"}}, false, "What it means"},
		{"pipe with CLICOLOR_FORCE", run{env: map[string]string{"CLICOLOR_FORCE": "1"}}, true, "What it means"},
		{"LANG=zh_CN.UTF-8", run{env: map[string]string{"LANG": "zh_CN.UTF-8"}}, false, "这是什么意思"},
		{"LC_ALL wins over LANG", run{env: map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}}, false, "What it means"},
		{"LC_MESSAGES", run{env: map[string]string{"LC_MESSAGES": "zh_TW"}}, false, "这是什么意思"},
		{"--lang wins over LANG", run{args: []string{"--lang", "en"}, env: map[string]string{"LANG": "zh_CN.UTF-8"}}, false, "What it means"},
		{"--lang zh", run{args: []string{"--lang", "zh"}}, false, "这是什么意思"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.run
			r.args = append(append([]string{"explain"}, r.args...), msg)
			res := r.exec(t)
			if res.code != ExitOK {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			if got := strings.Contains(res.stdout, "\x1b["); got != tt.wantColour {
				t.Errorf("colour = %v, want %v:\n%s", got, tt.wantColour, res.stdout)
			}
			if !strings.Contains(res.stdout, tt.wantText) {
				t.Errorf("output lacks %q:\n%s", tt.wantText, res.stdout)
			}
			if !tt.wantColour && !strings.Contains(res.stdout, "`/login`") {
				t.Errorf("without colour the command should be in backticks:\n%s", res.stdout)
			}
		})
	}
}

// TestExplainExcerptIsSanitised checks that escape sequences in pasted text
// cannot reach the terminal through the excerpt.
func TestExplainExcerptIsSanitised(t *testing.T) {
	in := "\x1b]0;evil title\x07\x1b[2J Credit balance is too low \x1b[31m\u009b\x9b"
	res := ccerr(t, "explain", in)
	if res.code != ExitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if strings.ContainsRune(res.stdout, '\x1b') || strings.ContainsRune(res.stdout, '\a') || strings.ContainsRune(res.stdout, '\u009b') {
		t.Errorf("control characters reached stdout: %q", res.stdout)
	}
}

func TestExplainIDs(t *testing.T) {
	res := ccerr(t, "explain", "--json", "--id", "overloaded,rate-limited", "--id", "overloaded", "--id", " not-logged-in ")
	var got []catalog.ID
	for _, m := range decodeMatches(t, res.stdout) {
		got = append(got, m.ID)
		if m.Count != 0 || m.Line != 0 || m.Excerpt != "" || m.Fields == nil || len(m.Fields) != 0 {
			t.Errorf("--id %s: count %d line %d excerpt %q fields %v, want zero values and {}", m.ID, m.Count, m.Line, m.Excerpt, m.Fields)
		}
	}
	if want := []catalog.ID{"overloaded", "rate-limited", "not-logged-in"}; !slices.Equal(got, want) || res.code != ExitOK {
		t.Errorf("ids %v (exit %d), want %v", got, res.code, want)
	}
	if text := ccerr(t, "explain", "--id", "overloaded").stdout; strings.Contains(text, "--id overloaded") {
		t.Errorf("--id output should not point back to itself:\n%s", text)
	}
}

func TestExplainCompletion(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // lines that must be offered
		not  []string
	}{
		{"id prefix", []string{"__complete", "explain", "--id", "oauth"}, []string{"oauth-token-invalid\t", "oauth-scope\t"}, []string{"overloaded"}},
		{"after a comma", []string{"__complete", "explain", "--id", "overloaded,rate"}, []string{"overloaded,rate-limited\t"}, nil},
		{"no files for text", []string{"__complete", "explain", ""}, []string{":4"}, nil},
		{"categories", []string{"__complete", "list", "--category", ""}, []string{"auth\t", "quality\t"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := ccerr(t, tt.args...).stdout
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("completion lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("completion offers %q:\n%s", w, out)
				}
			}
		})
	}
}
