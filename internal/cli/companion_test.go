package cli

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
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
	named := program(t, t.TempDir(), "my-ccerr-collect")

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
			wantErr: []string{"ccerr collect runs in ccerr-collect", "not beside " + lonely, "go install github.com/ccerr/ccerr/cmd/ccerr-collect@latest", "go run ./cmd/ccerr-collect collect"}},
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

// handOverTo makes this test's ccerr a build without the database drivers
// whose ccerr-collect is companion, and records what it would execute.
func handOverTo(t *testing.T) (companion string, calls *[][]string) {
	t.Helper()
	companion = program(t, t.TempDir(), companionName)
	calls = new([][]string)
	linked, execp := storeLinked, execProcess
	storeLinked = func() bool { return false }
	execProcess = func(path string, argv, env []string) error {
		*calls = append(*calls, append([]string{path}, append(argv, env...)...))
		return errors.New("recorded, not run")
	}
	t.Cleanup(func() { storeLinked, execProcess = linked, execp })
	return companion, calls
}

func TestCommandsThatOpenTheStoreHandOver(t *testing.T) {
	for _, args := range [][]string{
		{"collect", "--listen", "127.0.0.1:0", "--db", "x.db"},
		{"--lang", "zh", "collect"},
		{"hook", "stop-failure", "--notify"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			companion, calls := handOverTo(t)
			r := run{args: args, env: map[string]string{companionEnv: companion}}.exec(t)
			if len(*calls) != 1 {
				t.Fatalf("%d hand-overs, want 1 (stderr %q)", len(*calls), r.stderr)
			}
			call := (*calls)[0]
			if call[0] != companion || call[1] != companion || !slices.Equal(call[2:2+len(args)], args) {
				t.Errorf("executed %q, want %s with argv[0] %s and then %q", call, companion, companion, args)
			}
			if !slices.Contains(call[2+len(args):], companionGuard+"=1") {
				t.Errorf("environment %q lacks %s=1", call[2+len(args):], companionGuard)
			}
		})
	}
}

func TestCommandsWithoutTheStoreStayHere(t *testing.T) {
	_, calls := handOverTo(t)
	for _, args := range [][]string{{"version"}, {"explain", "Credit balance is too low"}, {"collect", "--help"}, {"hook", "install", "--dry-run", "--settings", filepath.Join(t.TempDir(), "s.json")}} {
		if r := ccerr(t, args...); r.code != ExitOK && r.code != ExitFailure {
			t.Errorf("ccerr %q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if len(*calls) != 0 {
		t.Errorf("handed over %q; only collect and hook stop-failure need ccerr-collect", *calls)
	}
}

func TestCollectWithoutCompanionSaysHowToInstall(t *testing.T) {
	_, calls := handOverTo(t)
	r := run{args: []string{"collect"}, env: map[string]string{"PATH": t.TempDir()}}.exec(t)
	if r.code != ExitFailure || len(*calls) != 0 {
		t.Fatalf("exit %d after %d hand-overs, want %d and none", r.code, len(*calls), ExitFailure)
	}
	if !strings.Contains(r.stderr, "go install github.com/ccerr/ccerr/cmd/ccerr-collect@latest") {
		t.Errorf("stderr %q does not say how to install ccerr-collect", r.stderr)
	}
}

func TestHookWithoutCompanionStaysSilent(t *testing.T) {
	_, calls := handOverTo(t)
	data := t.TempDir()
	r := run{
		args:  []string{"hook", "stop-failure"},
		stdin: strings.NewReader(`{"hook_event_name":"StopFailure","error":"rate_limit"}`),
		env:   map[string]string{"XDG_DATA_HOME": data, "PATH": t.TempDir()},
	}.exec(t)
	if r.code != ExitOK || r.stdout != "" || r.stderr != "" || len(*calls) != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q, %d hand-overs; a hook must end 0 and quietly", r.code, r.stdout, r.stderr, len(*calls))
	}
	log, err := os.ReadFile(filepath.Join(data, "ccerr", "hook.log"))
	if err != nil || !strings.Contains(string(log), "ccerr-collect") {
		t.Errorf("hook.log = %q, %v; want the reason nothing was kept", log, err)
	}
}

func TestHandOverStopsALoop(t *testing.T) {
	companion, calls := handOverTo(t)
	r := run{args: []string{"collect"}, env: map[string]string{companionEnv: companion, companionGuard: "1"}}.exec(t)
	if r.code != ExitFailure || len(*calls) != 0 || !strings.Contains(r.stderr, "does not link the database drivers") {
		t.Fatalf("exit %d, %d hand-overs, stderr %q; want a failure and no second hand-over", r.code, len(*calls), r.stderr)
	}
}
