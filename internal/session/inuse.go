package session

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// DefaultQuiet is how long a transcript must have gone unwritten before it
// is taken to be idle: Claude Code appends a line at every step of a turn.
const DefaultQuiet = 5 * time.Second

// Busy says why a transcript looks in use.
type Busy struct {
	// PID is the process holding the file open or naming the session, 0
	// when the reason is a recent write.
	PID int
	// Command is that process's name.
	Command string
	// Modified is when the file was last written, for a recent write.
	Modified time.Time
	// Age is how long ago that was.
	Age time.Duration
}

// String says why, in English, for logs and errors.
func (b *Busy) String() string {
	if b.PID != 0 {
		return fmt.Sprintf("process %d (%s) is using it", b.PID, b.Command)
	}
	return fmt.Sprintf("it was written %s ago", b.Age.Round(time.Millisecond))
}

// InUseOptions tunes [InUse]. The zero value checks /proc and uses
// [DefaultQuiet] against the real clock.
type InUseOptions struct {
	// Now is the clock. Nil means time.Now.
	Now func() time.Time
	// Quiet is how recent a write makes the file busy. Zero means
	// DefaultQuiet; negative turns the check off.
	Quiet time.Duration
	// Proc is the proc file system to look for holders in. Empty means
	// "/proc"; a folder that does not exist (other systems) finds none.
	Proc string
}

// InUse reports whether the transcript at path looks in use: a process
// holds it open (a file descriptor in /proc/<pid>/fd points at it), a
// process named claude has the session id on its command line (Claude Code
// opens the file only to append, so a running session is found this way),
// or the file was written within the quiet period. It returns nil when the
// file looks idle.
func InUse(path string, opts InUseOptions) (*Busy, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	quiet := opts.Quiet
	if quiet == 0 {
		quiet = DefaultQuiet
	}
	if b := holder(path, opts.Proc); b != nil {
		return b, nil
	}
	if age := now().Sub(info.ModTime()); quiet > 0 && age < quiet {
		return &Busy{Modified: info.ModTime(), Age: max(age, 0)}, nil
	}
	return nil, nil
}

// holder looks through the proc file system for a process that holds path
// open, or a claude process that names the session.
func holder(path, proc string) *Busy {
	if proc == "" {
		proc = "/proc"
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	target, err := os.Stat(abs)
	if err != nil {
		return nil
	}
	id := []byte(stringsTrimExt(filepath.Base(abs)))
	pids, err := os.ReadDir(proc)
	if err != nil {
		return nil
	}
	self := os.Getpid()
	for _, p := range pids {
		pid, err := strconv.Atoi(p.Name())
		if err != nil || pid == self {
			continue
		}
		dir := filepath.Join(proc, p.Name())
		comm := readComm(dir)
		fds, _ := os.ReadDir(filepath.Join(dir, "fd"))
		for _, fd := range fds {
			if st, err := os.Stat(filepath.Join(dir, "fd", fd.Name())); err == nil && os.SameFile(st, target) {
				return &Busy{PID: pid, Command: comm}
			}
		}
		if comm == "claude" || comm == "node" {
			cmd, _ := os.ReadFile(filepath.Join(dir, "cmdline"))
			if len(id) > 0 && bytes.Contains(cmd, id) {
				return &Busy{PID: pid, Command: comm}
			}
		}
	}
	return nil
}

func readComm(dir string) string {
	b, _ := os.ReadFile(filepath.Join(dir, "comm"))
	return string(bytes.TrimSpace(b))
}

func stringsTrimExt(name string) string {
	return name[:len(name)-len(filepath.Ext(name))]
}
