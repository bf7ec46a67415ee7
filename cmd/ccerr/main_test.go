package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// heavy are the packages whose initialisation and code every quick command
// would pay if ccerr linked them (issue 15): the database drivers, the gRPC
// and OpenTelemetry Collector stacks, a metrics library that reads /proc at
// start-up, ccerr's own tools, which live in ccerr-full, and the HTTP and TLS
// stacks, which only explain --status (handed over) needs.
var heavy = []string{
	"github.com/ccerr/ccerr/internal/cli\n",
	"github.com/ccerr/ccerr/internal/scan",
	"github.com/ccerr/ccerr/internal/doctor",
	"github.com/ccerr/ccerr/internal/proxy",
	"github.com/ccerr/ccerr/internal/collect",
	"github.com/ccerr/ccerr/internal/store",
	"github.com/ccerr/ccerr/internal/repair",
	"github.com/ccerr/ccerr/internal/report",
	"github.com/ccerr/ccerr/mock",
	"html/template",
	"net/http\n",
	"crypto/tls\n",
	"github.com/ccerr/ccerr/internal/status\n",
	"modernc.org/sqlite",
	"modernc.org/libc",
	"github.com/jackc/pgx",
	"google.golang.org/grpc",
	"go.opentelemetry.io/collector",
	"github.com/json-iterator",
	"github.com/VictoriaMetrics/metrics",
	"github.com/prometheus",
}

func goTool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command on PATH to list and build packages with: %v", err)
	}
	return p
}

func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command(goTool(t), "list", "-deps", pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	return strings.Fields(string(out))
}

func TestCcerrLeavesOutHeavyPackages(t *testing.T) {
	for _, p := range deps(t, "github.com/ccerr/ccerr/cmd/ccerr") {
		for _, h := range heavy {
			if strings.HasPrefix(p+"\n", h) {
				t.Errorf("ccerr links %s: its initialisation would slow every command; keep it in ccerr-full", p)
			}
		}
	}
}

func TestCompanionLinksTheDrivers(t *testing.T) {
	got := strings.Join(deps(t, "github.com/ccerr/ccerr/cmd/ccerr-full"), "\n")
	for _, want := range []string{"modernc.org/sqlite", "github.com/jackc/pgx/v5/stdlib"} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("ccerr-full does not link %s", want)
		}
	}
}

// TestHandOver builds both programs and runs the hook through the real
// ccerr: the record must reach the store, which only ccerr-full can open.
func TestHandOver(t *testing.T) {
	bin := t.TempDir()
	for _, c := range []string{"ccerr", "ccerr-full"} {
		b := exec.Command(goTool(t), "build", "-o", filepath.Join(bin, c), "github.com/ccerr/ccerr/cmd/"+c)
		b.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := b.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", c, err, out)
		}
	}
	record := `{"session_id":"s-1","prompt_id":"p-1","hook_event_name":"StopFailure","error":"rate_limit","last_assistant_message":"API Error: Rate limited"}`
	run := func(t *testing.T, exe string, data string, args ...string) (string, int) {
		t.Helper()
		c := exec.Command(exe, args...)
		c.Stdin = strings.NewReader(record)
		c.Env = []string{"HOME=" + data, "XDG_DATA_HOME=" + data, "PATH=" + t.TempDir(), "LANG=C"}
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		err := c.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), code
	}

	t.Run("beside", func(t *testing.T) {
		data := t.TempDir()
		out, code := run(t, filepath.Join(bin, "ccerr"), data, "hook", "stop-failure")
		if code != 0 || out != "" {
			t.Fatalf("exit %d, output %q", code, out)
		}
		if _, err := os.Stat(filepath.Join(data, "ccerr", "ccerr.db")); err != nil {
			log, _ := os.ReadFile(filepath.Join(data, "ccerr", "hook.log"))
			t.Fatalf("no store after the hook (%v); hook.log: %s", err, log)
		}
		// Exit codes and messages are ccerr-full's.
		out, code = run(t, filepath.Join(bin, "ccerr"), data, "collect", "--listen", "nowhere")
		if code != 2 || !strings.Contains(out, `--listen "nowhere": want host:port`) {
			t.Errorf("ccerr collect --listen nowhere: exit %d, %q; want 2 and the usage error", code, out)
		}
	})

	t.Run("missing", func(t *testing.T) {
		alone := t.TempDir()
		exe := filepath.Join(alone, "ccerr")
		b, err := os.ReadFile(filepath.Join(bin, "ccerr"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(exe, b, 0o755); err != nil {
			t.Fatal(err)
		}
		data := t.TempDir()
		out, code := run(t, exe, data, "collect")
		if code != 1 || !strings.Contains(out, "go install github.com/ccerr/ccerr/cmd/...@latest") {
			t.Errorf("ccerr collect without ccerr-full: exit %d, %q", code, out)
		}
		out, code = run(t, exe, data, "hook", "stop-failure")
		if code != 0 || out != "" {
			t.Errorf("the hook without ccerr-full: exit %d, %q; want 0 and nothing", code, out)
		}
	})
}
