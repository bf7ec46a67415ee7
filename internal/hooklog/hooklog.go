// Package hooklog is where ccerr's StopFailure hook writes what went wrong:
// hook.log in ccerr's data directory. A hook prints nothing and always exits
// 0, so this file is the only place its failures can be read.
//
// It is a package of its own, with the standard library only, so that both
// programs can write it: ccerr when it cannot hand the hook to ccerr-full,
// and ccerr-full's hook itself.
package hooklog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const (
	// Name is the log file's name in the data directory.
	Name = "hook.log"
	// maxSize is the size past which the log is rotated to hook.log.1.
	maxSize = 1 << 20
)

// DataDir returns ccerr's data directory: $XDG_DATA_HOME/ccerr when
// XDG_DATA_HOME is an absolute path, else $HOME/.local/share/ccerr.
func DataDir(getenv func(string) string) (string, error) {
	if x := getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "ccerr"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("store: neither XDG_DATA_HOME nor HOME is set; set one, or name the database with --db")
	}
	return filepath.Join(home, ".local", "share", "ccerr"), nil
}

// Path returns the hook's log file: hook.log in ccerr's data directory.
func Path(getenv func(string) string) (string, error) {
	dir, err := DataDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, Name), nil
}

// Append adds one line for err to the log, rotating the file past 1 MiB. It
// gives up silently: there is nowhere else to say anything.
func Append(getenv func(string) string, now time.Time, err error) {
	if getenv == nil || err == nil {
		return
	}
	p, perr := Path(getenv)
	if perr != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(p), 0o700) != nil {
		return
	}
	if fi, serr := os.Stat(p); serr == nil && fi.Size() > maxSize {
		os.Rename(p, p+".1")
	}
	f, oerr := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if oerr != nil {
		return
	}
	defer f.Close()
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	fmt.Fprintf(f, "%s stop-failure: %s\n", now.UTC().Format(time.RFC3339), msg)
}
