package core

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// program writes an executable file and returns its path.
func program(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindCompanion(t *testing.T) {
	beside := t.TempDir()
	besideExe := filepath.Join(beside, "ccerr")
	companion := program(t, beside, companionName)
	lonely := t.TempDir()
	lonelyExe := filepath.Join(lonely, "ccerr")
	onPath := program(t, t.TempDir(), companionName)
	named := program(t, t.TempDir(), "my-ccerr-full")

	exe := func(p string) func() (string, error) { return func() (string, error) { return p, nil } }
	path := func(found string) func(string) (string, error) {
		return func(name string) (string, error) {
			if found == "" || name != companionName {
				return "", errors.New("not on PATH")
			}
			return found, nil
		}
	}
	tests := []struct {
		name     string
		env      string
		exe      func() (string, error)
		lookPath func(string) (string, error)
		want     string
		wantErr  []string
	}{
		{name: "beside ccerr", exe: exe(besideExe), lookPath: path(onPath), want: companion},
		{name: "on PATH", exe: exe(lonelyExe), lookPath: path(onPath), want: onPath},
		{name: "named by the environment", env: named, exe: exe(besideExe), lookPath: path(onPath), want: named},
		{name: "named but missing", env: filepath.Join(lonely, "nothing"), exe: exe(besideExe), lookPath: path(onPath),
			wantErr: []string{companionEnv, "no such program"}},
		{name: "nowhere", exe: exe(lonelyExe), lookPath: path(""),
			wantErr: []string{"ccerr collect runs in ccerr-full", "not beside " + lonely, "go install github.com/ccerr/ccerr/cmd/...@latest", "go run ./cmd/ccerr-full collect"}},
		{name: "no executable path", exe: func() (string, error) { return "", errors.New("unknown") }, lookPath: path(""),
			wantErr: []string{"not beside ccerr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string {
				if k == companionEnv {
					return tt.env
				}
				return ""
			}
			got, err := findCompanion("ccerr collect", getenv, tt.exe, tt.lookPath)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("found %q, want an error", got)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("findCompanion = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
