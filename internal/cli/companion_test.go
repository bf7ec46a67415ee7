package cli

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/internal/cli/core"
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

// handOverTo makes this test's ccerr a build without the database drivers
// whose ccerr-full is companion, and records what it would execute.
func handOverTo(t *testing.T) (companion string, calls *[][]string) {
	t.Helper()
	companion = program(t, t.TempDir(), "ccerr-full")
	calls = new([][]string)
	linked, execp := storeLinked, core.Exec
	storeLinked = func() bool { return false }
	core.Exec = func(path string, argv, env []string) error {
		*calls = append(*calls, append([]string{path}, append(argv, env...)...))
		return errors.New("recorded, not run")
	}
	t.Cleanup(func() { storeLinked, core.Exec = linked, execp })
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
			r := run{args: args, env: map[string]string{"CCERR_FULL_BIN": companion}}.exec(t)
			if len(*calls) != 1 {
				t.Fatalf("%d hand-overs, want 1 (stderr %q)", len(*calls), r.stderr)
			}
			call := (*calls)[0]
			if call[0] != companion || call[1] != companion || !slices.Equal(call[2:2+len(args)], args) {
				t.Errorf("executed %q, want %s with argv[0] %s and then %q", call, companion, companion, args)
			}
			if !slices.Contains(call[2+len(args):], "CCERR_HANDED_OVER"+"=1") {
				t.Errorf("environment %q lacks %s=1", call[2+len(args):], "CCERR_HANDED_OVER")
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
		t.Errorf("handed over %q; only collect and hook stop-failure need ccerr-full", *calls)
	}
}

func TestCollectWithoutCompanionSaysHowToInstall(t *testing.T) {
	_, calls := handOverTo(t)
	r := run{args: []string{"collect"}, env: map[string]string{"PATH": t.TempDir()}}.exec(t)
	if r.code != ExitFailure || len(*calls) != 0 {
		t.Fatalf("exit %d after %d hand-overs, want %d and none", r.code, len(*calls), ExitFailure)
	}
	if !strings.Contains(r.stderr, "go install github.com/ccerr/ccerr/cmd/...@latest") {
		t.Errorf("stderr %q does not say how to install ccerr-full", r.stderr)
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
	if err != nil || !strings.Contains(string(log), "ccerr-full") {
		t.Errorf("hook.log = %q, %v; want the reason nothing was kept", log, err)
	}
}

func TestHandOverStopsALoop(t *testing.T) {
	companion, calls := handOverTo(t)
	r := run{args: []string{"collect"}, env: map[string]string{"CCERR_FULL_BIN": companion, "CCERR_HANDED_OVER": "1"}}.exec(t)
	if r.code != ExitFailure || len(*calls) != 0 || !strings.Contains(r.stderr, "handed this command back") {
		t.Fatalf("exit %d, %d hand-overs, stderr %q; want a failure and no second hand-over", r.code, len(*calls), r.stderr)
	}
}

// TestFullOnlyNamesTheCommands: the commands ccerr lists and hands over are
// exactly the ones this package builds, with the same summaries.
func TestFullOnlyNamesTheCommands(t *testing.T) {
	if len(Commands) != len(core.FullOnly) {
		t.Fatalf("cli builds %d commands, core.FullOnly names %d", len(Commands), len(core.FullOnly))
	}
	f := &Factory{IO: System()}
	for i, c := range Commands {
		cmd := c.Build(f)
		if want := core.FullOnly[i]; cmd.Name() != want.Name || c.Name != want.Name || cmd.Short != want.Short {
			t.Errorf("command %d: %q (%q) builds %q %q; FullOnly has %q %q", i, c.Name, c.Name, cmd.Name(), cmd.Short, want.Name, want.Short)
		}
	}
}

// TestFrontHelpsAsTheWhole: ccerr's help lists every command as
// ccerr-full's does, and explain, list and version behave the same in both.
func TestFrontHelpsAsTheWhole(t *testing.T) {
	front := func(args []string, s *IO) int { return core.Front(args, s) }
	for _, args := range [][]string{{"--help"}, {"--lang", "zh", "--help"}, {"help", "exit-codes"}, {"explain", "--help"}, {"list"}, {"explain", "Credit balance is too low"}, {"version"}, {"--version"}, {"help"}, {}, {"expain"}, {"--lang", "zh", "list"}} {
		want := run{args: args}.exec(t)
		s, out, errOut := core.MemoryIO(nil, map[string]string{"LANG": "C"}, false)
		code := front(args, s)
		if code != want.code || out.String() != want.stdout || errOut.String() != want.stderr {
			t.Errorf("ccerr %q: front gives %d %q %q; ccerr-full %d %q %q", args, code, out, errOut, want.code, want.stdout, want.stderr)
		}
	}
}

// TestFrontHandsOverTheRest: every other command, help about it, and
// completion go to ccerr-full with the arguments as given.
func TestFrontHandsOverTheRest(t *testing.T) {
	companion, calls := handOverTo(t)
	cases := [][]string{{"completion", "zsh"}, {"__complete", "doc"}, {"help", "doctor"}, {"--lang", "zh", "status"}, {"explain", "--status", "x"}, {"explain", "x", "--status-url=http://127.0.0.1:1"}}
	for _, c := range core.FullOnly {
		cases = append(cases, []string{c.Name, "--help"})
	}
	for _, args := range cases {
		*calls = nil
		s, _, _ := core.MemoryIO(nil, map[string]string{"CCERR_FULL_BIN": companion}, false)
		core.Front(args, s)
		if len(*calls) != 1 || !slices.Equal((*calls)[0][2:2+len(args)], args) {
			t.Errorf("ccerr %q: hand-overs %q, want one with the same arguments", args, *calls)
		}
	}
}
