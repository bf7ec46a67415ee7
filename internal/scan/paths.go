package scan

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// StdinPath is the path that names standard input.
const StdinPath = "-"

// scannedExts are the extensions read inside a walked folder (each may be
// followed by .gz).
var scannedExts = []string{".jsonl", ".log", ".txt", ".out"}

func walkedName(name string) bool {
	base := baseName(name)
	for _, ext := range scannedExts {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	return false
}

// expand turns the paths into the sorted list of files to read, and the
// skips for paths that name nothing or cannot be listed.
func expand(paths []string) (files []string, skipped []Skip) {
	seen := map[string]bool{}
	addFile := func(p string) {
		if p != StdinPath {
			p = filepath.Clean(p)
		}
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	var expandOne func(p string, fromGlob bool)
	expandOne = func(p string, fromGlob bool) {
		if p == StdinPath {
			addFile(p)
			return
		}
		info, err := os.Stat(p)
		if err != nil {
			if !fromGlob && strings.ContainsAny(p, "*?[") {
				matches, gerr := filepath.Glob(p)
				if gerr == nil && len(matches) > 0 {
					for _, m := range matches {
						expandOne(m, true)
					}
					return
				}
			}
			reason := Unreadable
			if errors.Is(err, fs.ErrNotExist) {
				reason = Missing
			}
			skipped = append(skipped, Skip{Path: p, Reason: reason, Detail: pathErrText(err)})
			return
		}
		if info.IsDir() {
			skipped = append(skipped, walk(p, addFile)...)
			return
		}
		// A regular file, or a named pipe or device named explicitly: read
		// like a file.
		addFile(p)
	}
	for _, p := range paths {
		expandOne(p, false)
	}
	slices.Sort(files)
	return files, skipped
}

// walk lists the scannable files under root. Symbolic links to files are
// followed; links to folders are not, so a loop cannot trap the walk.
func walk(root string, add func(string)) (skipped []Skip) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			skipped = append(skipped, Skip{Path: p, Reason: Unreadable, Detail: pathErrText(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !walkedName(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil {
				skipped = append(skipped, Skip{Path: p, Reason: Unreadable, Detail: pathErrText(err)})
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		add(p)
		return nil
	})
	return skipped
}

// pathErrText drops the path an *fs.PathError repeats, since the skip
// names it already.
func pathErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
