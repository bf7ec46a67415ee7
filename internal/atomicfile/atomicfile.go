// Package atomicfile replaces a file in one step: the data goes to a
// temporary file in the same folder, is synced to disk, and is renamed over
// the old file, so a reader (or a crash) sees the old file or the new one,
// never half of one. It uses only the standard library.
package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Write replaces path with data, with permissions perm. The folder must
// exist. On error path is left as it was and no temporary file remains.
func Write(path string, data []byte, perm fs.FileMode) error {
	return WriteTimed(path, data, perm, time.Time{})
}

// WriteTimed is [Write] that also gives the new file the modification time
// modTime before it takes path's place (a zero modTime leaves the time of
// writing), for files whose age is read with an injected clock.
func WriteTimed(path string, data []byte, perm fs.FileMode, modTime time.Time) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if !modTime.IsZero() {
		if err := os.Chtimes(tmp, modTime, modTime); err != nil {
			return err
		}
	}
	return os.Rename(tmp, path)
}
