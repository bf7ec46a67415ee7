// Package golden compares rendered test output with golden files kept in a
// package's testdata/golden folder, and rewrites them when the test runs
// with -update. Each test package defines its own -update flag and passes
// its value in; only files under testdata/golden are ever written.
package golden

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxDiffLines is how many differing lines [Diff] shows.
const maxDiffLines = 20

// Check compares got with the golden file at path (by convention under the
// package's testdata/golden). When update is true it writes got to that
// file instead. A missing file or a difference fails t, showing the lines
// that differ.
func Check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run '%s' -update in this package to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (if the change is intended, run go test -run '%s' -update in this package):\n%s",
			path, t.Name(), Diff(string(want), string(got)))
	}
}

// Diff shows the lines that differ between want and got, with their line
// numbers: enough to see what changed without a diff library. It shows at
// most 20 lines and says when there are more.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		if shown == maxDiffLines {
			b.WriteString("  (more differences not shown)\n")
			break
		}
		fmt.Fprintf(&b, "line %d:\n  - %q\n  + %q\n", i+1, wl, gl)
		shown++
	}
	return b.String()
}
