package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"

	"github.com/ccerr/ccerr/internal/store"
)

// The ccerr binary does not link the database drivers (see package
// internal/store/drivers): their initialisation would slow the start of every
// command. The commands that open a store, `collect` and `hook
// stop-failure`, run in ccerr-collect instead: the same command line with
// the drivers linked, installed beside ccerr. ccerr hands such a command over
// by replacing its own process with ccerr-collect and the same arguments, so
// standard input, output, signals and the exit code are ccerr-collect's.

const (
	// companionName is the program that runs the store commands.
	companionName = "ccerr-collect"
	// companionEnv names ccerr-collect when it is neither beside ccerr
	// nor on PATH.
	companionEnv = "CCERR_COLLECT_BIN"
	// companionGuard is set in ccerr-collect's environment; a process that
	// sees it and still lacks the drivers stops instead of handing over again.
	companionGuard = "CCERR_HANDED_OVER"
)

// storeLinked reports whether this program can open a store itself. Tests
// replace it to exercise the hand-over.
var storeLinked = store.Linked

// execProcess replaces the running program (execve). Tests replace it.
var execProcess = syscall.Exec

// errNoCompanion says that ccerr-collect could not be found, and how to get it.
type errNoCompanion struct{ command, beside string }

func (e *errNoCompanion) Error() string {
	return fmt.Sprintf("%s runs in %s, the build of ccerr that links the SQLite and PostgreSQL drivers, "+
		"and it is not installed: not beside %s, not on PATH, and %s is not set.\n"+
		"Install it beside ccerr: go install github.com/ccerr/ccerr/cmd/%s@latest "+
		"(from a clone: go install ./cmd/%s; or run the command as go run ./cmd/%s %s)",
		e.command, companionName, e.beside, companionEnv, companionName, companionName, companionName, e.command[len("ccerr "):])
}

// findCompanion returns the path of ccerr-collect: $CCERR_COLLECT_BIN, else
// the file beside this program, else the first on PATH. When there is none
// it returns an [errNoCompanion].
func findCompanion(command string, getenv func(string) string, executable func() (string, error), lookPath func(string) (string, error)) (string, error) {
	if p := getenv(companionEnv); p != "" {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			return "", fmt.Errorf("%s: %s=%q: no such program", command, companionEnv, p)
		}
		return p, nil
	}
	name := companionName
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	beside := "ccerr"
	if exe, err := executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		beside = filepath.Dir(exe)
		p := filepath.Join(beside, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	if p, err := lookPath(name); err == nil {
		return p, nil
	}
	return "", &errNoCompanion{command: command, beside: beside}
}

// handOver runs the current command line in ccerr-collect and, where the
// system can replace a process, does not return unless that fails. command is
// the command's name for messages, e.g. "ccerr collect".
func handOver(f *Factory, command string) error {
	if f.IO.Getenv(companionGuard) != "" {
		return fmt.Errorf("%s: this %s does not link the database drivers; reinstall it from github.com/ccerr/ccerr/cmd/%s", command, companionName, companionName)
	}
	path, err := findCompanion(command, f.IO.Getenv, os.Executable, exec.LookPath)
	if err != nil {
		return err
	}
	env := append(f.IO.Environ(), companionGuard+"=1")
	if runtime.GOOS != "windows" {
		err := execProcess(path, append([]string{path}, f.args...), env)
		return fmt.Errorf("%s: starting %s: %w", command, path, err)
	}
	// No execve on Windows: run it as a child and end with its exit code.
	c := exec.Command(path, f.args...)
	c.Env, c.Stdin, c.Stdout, c.Stderr = env, f.IO.In, f.IO.Out, f.IO.Err
	if err := c.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return &SilentError{Code: ee.ExitCode()}
		}
		return fmt.Errorf("%s: %w", command, err)
	}
	return nil
}
