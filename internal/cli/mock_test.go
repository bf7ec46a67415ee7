package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/ui"
	"github.com/ccerr/ccerr/mock"
)

// TestMockServe runs `ccerr mock` in process: it prints the base URL, serves
// the sequence, logs masked JSON lines, and exits 0 when its context ends.
// runningMock is `ccerr mock` started in the background by startMock.
type runningMock struct {
	line   string      // the first line on stdout (ANTHROPIC_BASE_URL=…)
	errOut *syncBuffer // stderr so far
	cancel func()      // stops it, as SIGINT would
	code   chan int    // its exit code once stopped
}

// startMock runs `ccerr mock ARGS…` until the test cancels it and waits for
// the URL line it prints once listening.
func startMock(t *testing.T, args ...string) *runningMock {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	outR, outW := io.Pipe()
	rm := &runningMock{errOut: &syncBuffer{}, cancel: cancel, code: make(chan int, 1)}
	streams := &IO{
		In:      strings.NewReader(""),
		Out:     outW,
		Err:     rm.errOut,
		Getenv:  func(string) string { return "" },
		Environ: func() []string { return nil },
		Context: ctx,
	}
	go func() {
		rm.code <- Main(append([]string{"mock"}, args...), streams)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("no URL line: %v (stderr %q)", err, rm.errOut.String())
	}
	go io.Copy(io.Discard, outR)
	rm.line = line
	return rm
}

func TestMockServe(t *testing.T) {
	rm := startMock(t, "--listen", "127.0.0.1:0", "--scenario", "overloaded,ok")
	cancel, code, errOut := rm.cancel, rm.code, rm.errOut
	line := rm.line
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "ANTHROPIC_BASE_URL=")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("stdout line %q", line)
	}

	var got []int
	for range 2 {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, base+"/v1/messages", strings.NewReader(`{}`))
		req.Header.Set("x-api-key", "sk-ant-api03-secret-in-test-WXYZ")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		got = append(got, resp.StatusCode)
	}
	if got[0] != 529 || got[1] != 200 {
		t.Errorf("statuses %v, want [529 200]", got)
	}
	http.DefaultClient.CloseIdleConnections()

	cancel()
	if c := <-code; c != 0 {
		t.Errorf("exit %d, want 0 (stderr %q)", c, errOut.String())
	}
	logs := errOut.String()
	if strings.Count(logs, "\n") != 2 || !strings.Contains(logs, `"scenario":"overloaded"`) || !strings.Contains(logs, `"X-Api-Key":"sk-ant-api03-…WXYZ"`) {
		t.Errorf("log lines %q", logs)
	}
	if strings.Contains(logs, "secret-in-test") {
		t.Errorf("secret in log %q", logs)
	}
}

// syncBuffer is a bytes.Buffer safe for a server goroutine to write while a
// test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestScenarioTextMatchesMock keeps the English scenario descriptions of
// internal/ui equal to the mock package's own, and makes sure every fault
// scenario has one in every language.
func TestScenarioTextMatchesMock(t *testing.T) {
	for _, sc := range mock.Scenarios() {
		if sc.ID != "" && string(sc.ID) == sc.Name {
			continue // described by its catalog entry's title
		}
		if got := scenarioText(sc.Name, &ui.Messages(catalog.English).Mock); got != sc.Description {
			t.Errorf("%s: internal/ui says %q, the mock package %q", sc.Name, got, sc.Description)
		}
		if got := scenarioText(sc.Name, &ui.Messages(catalog.Chinese).Mock); got == "" {
			t.Errorf("%s: no Chinese description", sc.Name)
		}
	}
}

// TestMockListTTY checks the terminal table of `mock --list`: a header in
// the language, and every description starting in the same column.
func TestMockListTTY(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		r := run{args: []string{"mock", "--list", "--lang", lang}, tty: true, env: map[string]string{"NO_COLOR": "1"}}.exec(t)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", lang, r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		m := ui.Messages(lang).Mock
		if !strings.HasPrefix(lines[0], m.ColScenario) || !strings.Contains(lines[0], m.ColWhat) {
			t.Errorf("%s: header %q", lang, lines[0])
		}
		col := ui.DisplayWidth(lines[0][:strings.Index(lines[0], m.ColWhat)])
		for _, l := range lines[1:] {
			// Skip the name and the status, then the gap after them.
			rest := l
			for range 2 {
				rest = strings.TrimLeft(rest, " ")
				rest = rest[strings.IndexByte(rest, ' '):]
			}
			rest = strings.TrimLeft(rest, " ")
			if start := ui.DisplayWidth(l[:len(l)-len(rest)]); start != col {
				t.Errorf("%s: description %q starts at column %d, want %d", lang, rest, start, col)
			}
		}
	}
}

// TestMockJudgesBoundAddress: the warning about a wider listener follows the
// address the mock is bound to, so a listener on every interface warns and
// names it, while a loopback one (TestMockServe) does not.
func TestMockJudgesBoundAddress(t *testing.T) {
	rm := startMock(t, "--listen", "0.0.0.0:0", "--quiet")
	rm.cancel()
	if c := <-rm.code; c != 0 {
		t.Errorf("exit %d, want 0 (stderr %q)", c, rm.errOut.String())
	}
	if got := rm.errOut.String(); !strings.Contains(got, "listening on ") || !strings.Contains(got, "not a loopback address") {
		t.Errorf("stderr %q, want the warning naming the bound address", got)
	}
}
