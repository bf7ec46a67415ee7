package doctor

import (
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testKey is a well-formed fake key; its middle must never be printed.
const testKey = "sk-ant-api03-SECRETmiddlePARTthatMustNeverLeakxyzWXYZ"

// fixedNow is the clock of every test that needs one.
var fixedNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// newEnv returns an Env over fresh temporary home and project folders, with
// no claude on PATH, the given variables, and a fixed clock.
func newEnv(t *testing.T, vars map[string]string) Env {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, "project")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return Env{
		Getenv:   func(k string) string { return vars[k] },
		Home:     home,
		Dir:      dir,
		LookPath: func(string) (string, error) { return "", errors.New("not found") },
		Resolve: func(ctx context.Context, host string) ([]string, error) {
			return nil, errors.New("tests resolve nothing")
		},
		Now: func() time.Time { return fixedNow },
	}
}

// writeFile writes content to path, creating folders.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// find returns the finding with the given name, failing the test if absent.
func find(t *testing.T, fs []Finding, name string) Finding {
	t.Helper()
	for _, f := range fs {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no finding %q in %+v", name, names(fs))
	return Finding{}
}

func has(fs []Finding, name string) bool {
	for _, f := range fs {
		if f.Name == name {
			return true
		}
	}
	return false
}

func names(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

// offline runs every check without the network.
func offline(t *testing.T, env Env) []Finding {
	t.Helper()
	return Run(context.Background(), env, Options{Offline: true})
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func b64(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 64 {
		out.WriteString(s[:64] + "\n")
		s = s[64:]
	}
	out.WriteString(s + "\n")
	return out.String()
}
