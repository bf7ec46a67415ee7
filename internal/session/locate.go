package session

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// ErrNotFound is returned when no transcript matches a session id or a
// project has none.
var ErrNotFound = errors.New("session not found")

// idPattern is the shape of a session id: a UUID.
var idPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
})

// IsID reports whether s has the shape of a session id.
func IsID(s string) bool { return idPattern().MatchString(s) }

// ProjectsDirs returns the folders Claude Code keeps transcripts in: the
// projects folder under CLAUDE_CONFIG_DIR when it is set, and
// ~/.claude/projects. getenv reads the environment; home is the home folder
// (empty when unknown).
func ProjectsDirs(getenv func(string) string, home string) []string {
	var dirs []string
	if c := getenv("CLAUDE_CONFIG_DIR"); c != "" {
		dirs = append(dirs, filepath.Join(c, "projects"))
	}
	if home != "" {
		d := filepath.Join(home, ".claude", "projects")
		if len(dirs) == 0 || filepath.Clean(dirs[0]) != d {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// ProjectDir is the folder name Claude Code gives a working directory's
// transcripts: every character other than an ASCII letter, digit or '-'
// turned into '-' ("/home/me/my_app" → "-home-me-my-app").
func ProjectDir(cwd string) string {
	b := []byte(cwd)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			b[i] = '-'
		}
	}
	return string(b)
}

// FindID returns the transcript of the session id in the first of dirs that
// holds one (each project folder is looked in).
func FindID(dirs []string, id string) (string, error) {
	if !IsID(id) {
		return "", fmt.Errorf("%q is not a session id (a UUID such as 3f2c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b)", id)
	}
	name := id + ".jsonl"
	for _, d := range dirs {
		projects, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, p := range projects {
			if !p.IsDir() {
				continue
			}
			path := filepath.Join(d, p.Name(), name)
			if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
				return path, nil
			}
		}
	}
	return "", fmt.Errorf("%w: no %s under %s", ErrNotFound, name, strings.Join(dirs, " or "))
}

// Last returns the most recently written transcript of the project whose
// working directory is cwd.
func Last(dirs []string, cwd string) (string, error) {
	proj := ProjectDir(cwd)
	var best string
	var bestMod int64
	for _, d := range dirs {
		folder := filepath.Join(d, proj)
		entries, err := os.ReadDir(folder)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".jsonl") || !IsID(strings.TrimSuffix(e.Name(), ".jsonl")) {
				continue
			}
			info, err := e.Info()
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
			if m := info.ModTime().UnixNano(); best == "" || m > bestMod {
				best, bestMod = filepath.Join(folder, e.Name()), m
			}
		}
		if best != "" {
			return best, nil
		}
	}
	if best == "" {
		return "", fmt.Errorf("%w: no transcript for %s in %s", ErrNotFound, cwd, strings.Join(dirs, " or "))
	}
	return best, nil
}
