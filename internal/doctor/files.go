package doctor

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// maxConfigSize bounds the JSON configuration files the doctor reads; a
// larger ~/.claude.json (it keeps history) is still read up to this size.
const maxConfigSize = 64 << 20

// configFile is one JSON configuration file Claude Code reads.
type configFile struct {
	Path  string         // absolute path
	Label string         // how findings name it, e.g. "~/.claude/settings.json"
	Data  map[string]any // nil when missing or unparsable
	Err   error          // parse or read error; nil when missing or fine
}

// configDir is where Claude Code keeps its state: CLAUDE_CONFIG_DIR, else ~/.claude.
func (r *runner) configDir() string {
	if d := strings.TrimSpace(r.proc(envConfigDir)); d != "" {
		return d
	}
	if r.env.Home == "" {
		return ""
	}
	return filepath.Join(r.env.Home, ".claude")
}

// label shortens a path under the home directory to ~/… for display.
func (r *runner) label(path string) string {
	if r.env.Home != "" {
		if rel, err := filepath.Rel(r.env.Home, path); err == nil && rel != ".." && !startsDotDot(rel) {
			if rel == "." {
				return "~"
			}
			return filepath.ToSlash(filepath.Join("~", rel))
		}
	}
	return path
}

func startsDotDot(rel string) bool {
	return len(rel) >= 3 && rel[:3] == ".."+string(filepath.Separator)
}

// settingsFiles returns the settings files in the order Claude Code lets
// them override each other, strongest first: project local, project, user.
func (r *runner) settingsFiles() []*configFile {
	if r.settingsCache != nil {
		return r.settingsCache
	}
	var paths []string
	if r.env.Dir != "" {
		paths = append(paths,
			filepath.Join(r.env.Dir, ".claude", "settings.local.json"),
			filepath.Join(r.env.Dir, ".claude", "settings.json"))
	}
	if d := r.configDir(); d != "" {
		user := filepath.Join(d, "settings.json")
		// With the home folder as the project, the project settings file
		// and the user's are the same file: list it once.
		if len(paths) == 0 || filepath.Clean(paths[1]) != filepath.Clean(user) {
			paths = append(paths, user)
		}
	}
	r.settingsCache = r.loadAll(paths)
	return r.settingsCache
}

// stateFile returns ~/.claude.json (or .claude.json in CLAUDE_CONFIG_DIR).
func (r *runner) stateFile() *configFile {
	if r.stateCache != nil {
		return r.stateCache
	}
	path := ""
	if d := strings.TrimSpace(r.proc(envConfigDir)); d != "" {
		path = filepath.Join(d, ".claude.json")
	} else if r.env.Home != "" {
		path = filepath.Join(r.env.Home, ".claude.json")
	}
	r.stateCache = &configFile{}
	if path != "" {
		r.stateCache = r.load(path)
	}
	return r.stateCache
}

// projectMCPFile returns .mcp.json in the working directory.
func (r *runner) projectMCPFile() *configFile {
	if r.env.Dir == "" {
		return &configFile{}
	}
	return r.load(filepath.Join(r.env.Dir, ".mcp.json"))
}

func (r *runner) loadAll(paths []string) []*configFile {
	out := make([]*configFile, 0, len(paths))
	for _, p := range paths {
		out = append(out, r.load(p))
	}
	return out
}

// load reads one JSON object file. A missing file gives a configFile with
// nil Data and nil Err.
func (r *runner) load(path string) *configFile {
	cf := &configFile{Path: path, Label: r.label(path)}
	raw, err := readLimited(path, maxConfigSize)
	if errors.Is(err, fs.ErrNotExist) {
		return cf
	}
	if err != nil {
		cf.Err = err
		return cf
	}
	if err := json.Unmarshal(raw, &cf.Data); err != nil {
		cf.Err = err
		cf.Data = nil
	}
	return cf
}

// errIsDir is the read error for a path that is a folder.
var errIsDir = errors.New("is a directory")

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errIsDir}
	}
	return io.ReadAll(io.LimitReader(f, limit))
}
