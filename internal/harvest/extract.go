package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ccerr/ccerr/internal/atomicfile"
)

// maxBundle bounds the one file read from a package: Claude Code's native
// executable is about 400 MB, its cli.js about 14 MB.
const maxBundle = 1 << 30

// format is stamped on every extracted release; bench/harvest.sh extracts
// again a release whose cache holds another. Raise it whenever the scanner
// or the candidate filter changes what extraction keeps.
const format = 2

// release is what one published version yields: its candidate literals.
type release struct {
	Format  int      `json:"format"`
	Version string   `json:"version"`
	Kind    string   `json:"kind"` // "cli.js" or "native"
	Texts   []string `json:"texts"`
}

// bundleName reports whether a tarball member is the file that carries
// Claude Code's code: package/cli.js in the JS releases (package/cli.mjs in
// the earliest), package/claude in the native per-platform packages.
func bundleName(name string) (kind string, ok bool) {
	switch strings.TrimPrefix(path.Clean(name), "package/") {
	case "cli.js", "cli.mjs":
		return "cli.js", true
	case "claude", "claude.exe":
		return "native", true
	}
	return "", false
}

// extractTarball reads an npm tarball (.tgz, as `npm pack` writes it) and
// returns the candidate literals of its bundle.
func extractTarball(file, version string) (*release, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: not a gzip tarball: %w", file, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: holds none of package/cli.js, package/cli.mjs, package/claude", file)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		kind, ok := bundleName(h.Name)
		if !ok || h.Typeflag != tar.TypeReg {
			continue
		}
		if h.Size > maxBundle {
			return nil, fmt.Errorf("%s: %s is %d bytes, more than the %d this tool reads", file, h.Name, h.Size, maxBundle)
		}
		src, err := io.ReadAll(io.LimitReader(tr, maxBundle))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		return &release{Format: format, Version: version, Kind: kind, Texts: candidates(src)}, nil
	}
}

// candidates returns the distinct candidate literals of src, sorted.
func candidates(src []byte) []string {
	seen := map[string]bool{}
	for _, region := range textRegions(src) {
		literals(region, func(s string) {
			s = strings.TrimSpace(s)
			if !seen[s] && candidate(s) {
				seen[s] = true
			}
		})
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// writeCache stores r as DIR/VERSION.json, atomically.
func writeCache(dir string, r *release) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, r.Version+".json"), append(b, '\n'), 0o644)
}

// readCache loads every DIR/*.json written by writeCache.
func readCache(dir string) ([]*release, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no extracted releases; run with -extract first (bench/harvest.sh does)", dir)
	}
	var out []*release
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var r release
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if _, err := parseVersion(r.Version); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, &r)
	}
	return out, nil
}
