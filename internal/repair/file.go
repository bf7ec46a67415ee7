package repair

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ccerr/ccerr/internal/session"
)

// BusyError is returned by [File] when the session looks in use.
type BusyError struct {
	Path string
	Busy *session.Busy
}

// Error says which file and why.
func (e *BusyError) Error() string {
	return fmt.Sprintf("%s looks in use: %s", e.Path, e.Busy)
}

// FileOptions tunes [File]. The zero value checks, refuses a busy session,
// and writes with a backup.
type FileOptions struct {
	Options
	// DryRun checks and plans without writing.
	DryRun bool
	// Force repairs a session that looks in use.
	Force bool
	// Now is the clock for the in-use check and the backup's name. Nil
	// means time.Now.
	Now func() time.Time
	// Quiet is how recent a write makes a session busy; zero means
	// session.DefaultQuiet.
	Quiet time.Duration
	// Proc is the proc file system for the in-use check ("" means /proc).
	Proc string
	// Rename replaces the file; nil means os.Rename (tests inject a crash).
	Rename func(oldpath, newpath string) error
}

// Outcome is what [File] did.
type Outcome struct {
	*Report
	// Path is the transcript.
	Path string `json:"path"`
	// Written is true when the file was replaced.
	Written bool `json:"written"`
	// Backup is the copy of the original, when written.
	Backup string `json:"backup,omitempty"`
}

// File checks the transcript at path and, unless DryRun, mends it: a backup
// beside it, then an atomic replace. It refuses with a [*BusyError] when
// the session looks in use, unless Force. A transcript with nothing to mend
// is left untouched.
func File(path string, opts FileOptions) (*Outcome, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	rep, err := Check(f, opts.Options)
	f.Close()
	if err != nil {
		return nil, err
	}
	out := &Outcome{Report: rep, Path: path}
	if opts.DryRun || !rep.Mendable() {
		return out, nil
	}
	if !opts.Force {
		busy, err := session.InUse(path, session.InUseOptions{Now: opts.Now, Quiet: opts.Quiet, Proc: opts.Proc})
		if err != nil {
			return nil, err
		}
		if busy != nil {
			return out, &BusyError{Path: path, Busy: busy}
		}
	}
	res, err := session.Rewrite(path, func(dst io.Writer, src io.Reader) error {
		return Apply(dst, src, rep)
	}, session.RewriteOptions{Now: opts.Now, Rename: opts.Rename})
	if err != nil {
		if errors.Is(err, session.ErrChanged) {
			return out, fmt.Errorf("%s: %w; nothing was changed, run repair again", path, err)
		}
		return out, err
	}
	out.Written, out.Backup = true, res.Backup
	return out, nil
}
