package core

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
)

// ccerr is two programs (see the package documentation). ccerr hands a
// command it does not have to ccerr-full by replacing its own process with
// ccerr-full and the same arguments, so standard input, output, signals and
// the exit code are ccerr-full's.

const (
	// companionName is the program with every command.
	companionName = "ccerr-full"
	// companionEnv names ccerr-full when it is neither beside ccerr nor
	// on PATH.
	companionEnv = "CCERR_FULL_BIN"
	// companionGuard is set in ccerr-full's environment; a program that
	// sees it and still cannot run the command stops instead of handing over
	// again.
	companionGuard = "CCERR_HANDED_OVER"
)

// Exec replaces the running program (execve). Tests replace it to see what
// would run.
var Exec = syscall.Exec

// errNoCompanion says that ccerr-full could not be found, and how to get it.
type errNoCompanion struct{ command, beside string }

func (e *errNoCompanion) Error() string {
	return fmt.Sprintf("%s runs in %s, the build of ccerr with every command and the database drivers, "+
		"and it is not installed: not beside %s, not on PATH, and %s is not set.\n"+
		"Install both programs: go install github.com/ccerr/ccerr/cmd/...@latest "+
		"(from a clone: go install ./cmd/...; or run go run ./cmd/%s %s)",
		e.command, companionName, e.beside, companionEnv, companionName, e.command[len("ccerr "):])
}

// findCompanion returns the path of ccerr-full: $CCERR_FULL_BIN, else the
// file beside this program, else the first on PATH. When there is none it
// returns an [errNoCompanion].
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

// HandOver runs the current command line in ccerr-full and, where the system
// can replace a process, does not return unless that fails. command names
// the command for messages, e.g. "ccerr collect".
func HandOver(f *Factory, command string) error {
	if f.IO.Getenv(companionGuard) != "" {
		return fmt.Errorf("%s: %s handed this command back; reinstall both programs with go install github.com/ccerr/ccerr/cmd/...@latest", command, companionName)
	}
	path, err := findCompanion(command, f.IO.Getenv, os.Executable, exec.LookPath)
	if err != nil {
		return err
	}
	env := append(f.IO.Environ(), companionGuard+"=1")
	if runtime.GOOS != "windows" {
		err := Exec(path, append([]string{path}, f.args...), env)
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
