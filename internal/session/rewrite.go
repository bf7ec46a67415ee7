package session

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// ErrChanged is returned when the file changed while it was being rewritten.
var ErrChanged = errors.New("the session changed while it was being repaired")

// RewriteOptions tunes [Rewrite]. The zero value uses the real clock and
// os.Rename.
type RewriteOptions struct {
	// Now names the backup. Nil means time.Now.
	Now func() time.Time
	// Rename replaces the file with the finished temporary file. Nil means
	// os.Rename. Tests inject a failing one to simulate a crash between
	// writing and renaming.
	Rename func(oldpath, newpath string) error
	// NoBackup skips the backup copy.
	NoBackup bool
}

// Result is what [Rewrite] did.
type Result struct {
	// Backup is the copy of the original, beside it; empty with NoBackup.
	Backup string
	// Bytes is the size of the new file.
	Bytes int64
}

// BackupName is the name Rewrite gives the backup of path written at t:
// "<name>.<UTC time>.bak" in the same folder, so it never ends in .jsonl
// and Claude Code does not list it as a session.
func BackupName(path string, t time.Time) string {
	return path + "." + t.UTC().Format("20060102T150405Z") + ".bak"
}

// Rewrite replaces the file at path with what write produces from it,
// atomically: first a backup copy beside it, then the new content in a
// temporary file in the same folder, flushed to disk, renamed over the
// original, and the folder flushed. write reads the original from src and
// writes the new content to dst. If anything fails, the original is left
// as it was and the temporary file is removed; the file is never half
// written. The new file keeps the original's permissions. If the original
// changed (size or modification time) while write ran, Rewrite fails with
// [ErrChanged].
func Rewrite(path string, write func(dst io.Writer, src io.Reader) error, opts RewriteOptions) (res Result, err error) {
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	rename := os.Rename
	if opts.Rename != nil {
		rename = opts.Rename
	}
	src, err := os.Open(path)
	if err != nil {
		return res, err
	}
	defer src.Close()
	before, err := src.Stat()
	if err != nil {
		return res, err
	}
	if !before.Mode().IsRegular() {
		return res, fmt.Errorf("%s is not a regular file", path)
	}
	dir := filepath.Dir(path)

	if !opts.NoBackup {
		// A second repair within the same second gets its own backup.
		base := BackupName(path, now())
		res.Backup = base
		for n := 1; ; n++ {
			err := copyFile(res.Backup, src, before.Mode().Perm())
			if err == nil {
				break
			}
			if !errors.Is(err, os.ErrExist) || n > 100 {
				return Result{}, fmt.Errorf("backup: %w", err)
			}
			res.Backup = fmt.Sprintf("%s.%d", base, n)
		}
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return res, err
		}
	}

	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".repair-*")
	if err != nil {
		return res, err
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if err = tmp.Chmod(before.Mode().Perm()); err != nil {
		return res, err
	}
	cw := &countWriter{w: tmp}
	if err = write(cw, src); err != nil {
		return res, err
	}
	if err = tmp.Sync(); err != nil {
		return res, err
	}
	if err = tmp.Close(); err != nil {
		return res, err
	}
	after, err := os.Stat(path)
	if err != nil {
		return res, err
	}
	if after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		err = ErrChanged
		return res, err
	}
	if err = rename(tmpName, path); err != nil {
		return res, err
	}
	res.Bytes = cw.n
	syncDir(dir)
	return res, nil
}

// copyFile writes src to a new file at path (which must not exist),
// flushed to disk.
func copyFile(path string, src io.Reader, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, src); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// syncDir flushes a folder so a rename in it survives a crash. Some systems
// cannot sync a folder; that is not an error worth failing over.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
