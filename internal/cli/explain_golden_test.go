package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// checkGolden compares got with testdata/golden/name, or rewrites the file
// with -update. Only files under testdata/golden are ever written.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("output differs from %s (if the change is intended, run go test ./internal/cli -run '%s' -update):\n%s",
			path, t.Name(), lineDiff(string(want), got))
	}
}

// lineDiff shows the lines that differ between want and got, with line
// numbers; enough to see what changed without a diff library.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 20; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  - %q\n  + %q\n", i+1, wl, gl)
			shown++
		}
	}
	if shown == 20 {
		b.WriteString("  (more differences not shown)\n")
	}
	return b.String()
}

// TestExplainGolden renders every catalog entry through `explain --id`, in
// both languages and as JSON, and compares with the golden files. The JSON
// file pins the field names of the contract.
func TestExplainGolden(t *testing.T) {
	ids := strings.Join(catalog.IDs, ",")
	tests := []struct {
		file string
		run  run
	}{
		{"explain_id_en.txt", run{args: []string{"explain", "--id", ids}}},
		{"explain_id_zh.txt", run{args: []string{"explain", "--lang", "zh", "--id", ids}}},
		{"explain_id.json", run{args: []string{"explain", "--json", "--id", ids}}},
		{"explain_id_zh.json", run{args: []string{"explain", "--json", "--lang", "zh", "--id", "overloaded,tls-certificate"}}},
		{"explain_tty_en.txt", run{args: []string{"explain", "--id", "overloaded,tls-certificate"}, tty: true, env: map[string]string{"TERM": "xterm", "COLUMNS": "80"}}},
		{"explain_tty_zh.txt", run{args: []string{"explain", "--lang", "zh", "--id", "overloaded,tls-certificate"}, tty: true, env: map[string]string{"TERM": "xterm", "COLUMNS": "80"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := tt.run.exec(t)
			if res.code != ExitOK || res.stderr != "" {
				t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
			}
			checkGolden(t, tt.file, res.stdout)
		})
	}
}

// TestExplainLogGolden runs explain over a realistic, noisy log (the input
// is testdata/explain_log.txt, never rewritten) and compares the result.
func TestExplainLogGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "explain_log.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		file string
		args []string
	}{
		{"explain_log_en.txt", []string{"explain"}},
		{"explain_log_zh.txt", []string{"explain", "--lang", "zh"}},
		{"explain_log.json", []string{"explain", "--json"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			res := run{args: tt.args, stdin: strings.NewReader(string(in))}.exec(t)
			if res.code != ExitOK {
				t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
			}
			checkGolden(t, tt.file, res.stdout)
		})
	}
}

// TestListGolden renders the reference table in every shape.
func TestListGolden(t *testing.T) {
	tty := map[string]string{"TERM": "xterm", "COLUMNS": "120"}
	tests := []struct {
		file string
		run  run
	}{
		{"list_en.tsv", run{args: []string{"list"}}},
		{"list_zh.tsv", run{args: []string{"list", "--lang", "zh"}}},
		{"list.json", run{args: []string{"list", "--json"}}},
		{"list_tty_en.txt", run{args: []string{"list"}, tty: true, env: tty}},
		{"list_tty_zh.txt", run{args: []string{"list", "--lang", "zh"}, tty: true, env: tty}},
		{"list_auth_tty_en.txt", run{args: []string{"list", "--category", "auth"}, tty: true, env: map[string]string{"TERM": "xterm", "COLUMNS": "120", "NO_COLOR": "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := tt.run.exec(t)
			if res.code != ExitOK || res.stderr != "" {
				t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
			}
			checkGolden(t, tt.file, res.stdout)
		})
	}
}
