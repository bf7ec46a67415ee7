package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriteReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	fi, _ := os.Stat(p)
	if err != nil || string(b) != "new" || fi.Mode().Perm() != 0o644 {
		t.Fatalf("after Write: %q, %v, mode %v", b, err, fi.Mode())
	}
	assertOnly(t, dir, "f.txt")
}

func TestWriteTimed(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cache.json")
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	if err := WriteTimed(p, []byte("{}"), 0o600, at); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil || !fi.ModTime().Equal(at) || fi.Mode().Perm() != 0o600 {
		t.Fatalf("stat: %v, %v, mode %v; want modified at %v, mode 0600", err, fi.ModTime(), fi.Mode(), at)
	}
}

// TestWriteFailsCleanly: when the rename cannot happen (path is a folder),
// the old content stays and no temporary file is left behind.
func TestWriteFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "taken")
	if err := os.Mkdir(p, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p, "inside"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new"), 0o644); err == nil {
		t.Fatal("Write over a non-empty folder succeeded")
	}
	assertOnly(t, dir, "taken")
	if err := Write(filepath.Join(dir, "missing", "f"), []byte("x"), 0o644); err == nil {
		t.Fatal("Write into a missing folder succeeded")
	}
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != len(names) {
		var got []string
		for _, e := range es {
			got = append(got, e.Name())
		}
		t.Fatalf("folder holds %q, want only %q", got, names)
	}
}
