package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name, want, got, diff string
	}{
		{"same", "a\nb\n", "a\nb\n", ""},
		{"changed line", "a\nb\n", "a\nc\n", "line 2:\n  - \"b\"\n  + \"c\"\n"},
		{"added line", "a\n", "a\nb\n", "line 2:\n  - \"\"\n  + \"b\"\n"},
		{"removed line", "a\nb", "a", "line 2:\n  - \"b\"\n  + \"\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff(tt.want, tt.got); got != tt.diff {
				t.Errorf("Diff = %q, want %q", got, tt.diff)
			}
		})
	}
}

func TestDiffLimit(t *testing.T) {
	want := strings.Repeat("a\n", 30)
	got := strings.Repeat("b\n", 30)
	d := Diff(want, got)
	if n := strings.Count(d, "line "); n != maxDiffLines {
		t.Errorf("Diff shows %d lines, want %d", n, maxDiffLines)
	}
	if !strings.HasSuffix(d, "(more differences not shown)\n") {
		t.Errorf("Diff does not say more lines differ: %q", d)
	}
}

// recorder is a testing.TB that records failures instead of stopping.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatal(args ...any) {
	r.failures = append(r.failures, fmt.Sprint(args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}
func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "golden", "out.txt")

	r := &recorder{TB: t}
	Check(r, path, []byte("one\n"), false)
	if len(r.failures) == 0 || !strings.Contains(r.failures[0], "-update") {
		t.Errorf("missing file: failures %q, want one naming -update", r.failures)
	}

	r = &recorder{TB: t}
	Check(r, path, []byte("one\n"), true)
	if len(r.failures) != 0 {
		t.Fatalf("update: %q", r.failures)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "one\n" {
		t.Fatalf("update wrote %q, %v", b, err)
	}

	r = &recorder{TB: t}
	Check(r, path, []byte("one\n"), false)
	if len(r.failures) != 0 {
		t.Errorf("same output: failures %q", r.failures)
	}

	r = &recorder{TB: t}
	Check(r, path, []byte("two\n"), false)
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], `+ "two"`) {
		t.Errorf("changed output: failures %q, want one showing the new line", r.failures)
	}
}
