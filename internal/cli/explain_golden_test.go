package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// checkGolden compares got with testdata/golden/name, or rewrites the file
// with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "golden", name), []byte(got), *update)
}

// TestExplainGolden renders every catalog entry through `explain --id`, in
// both languages and as JSON, and compares with the golden files. The JSON
// file pins the field names of the contract.
func TestExplainGolden(t *testing.T) {
	ids := joinIDs(catalog.IDs)
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

// joinIDs joins ids with commas, as --id takes them.
func joinIDs(ids []catalog.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ",")
}
