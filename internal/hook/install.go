package hook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ccerr/ccerr/internal/atomicfile"
)

// Settings keys Claude Code reads (FACTS §9.2).
const (
	keyHooks       = "hooks"
	keyStopFailure = "StopFailure"
	// Marker is the part of a hook command that says it is ccerr's.
	Marker = "hook stop-failure"
)

// SettingsPath returns Claude Code's user settings file:
// $CLAUDE_CONFIG_DIR/settings.json, else ~/.claude/settings.json.
func SettingsPath(getenv func(string) string) (string, error) {
	if d := getenv("CLAUDE_CONFIG_DIR"); d != "" {
		return filepath.Join(d, "settings.json"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("hook: HOME is not set; name the settings file with --settings")
	}
	return filepath.Join(home, ".claude", "settings.json"), nil
}

// Entry returns the settings entry that runs command on StopFailure, as
// Claude Code's settings spell it.
func Entry(command string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(map[string]any{keyHooks: map[string]any{keyStopFailure: []any{group(command)}}})
	return b.Bytes()
}

func group(command string) map[string]any {
	return map[string]any{keyHooks: []any{map[string]string{"type": "command", "command": command}}}
}

// Change is what [Install] did, or would do with dryRun.
type Change struct {
	// Path is the settings file.
	Path string `json:"path"`
	// Command is the hook command.
	Command string `json:"command"`
	// Present is true when a ccerr StopFailure hook was there already;
	// nothing is written then.
	Present bool `json:"present"`
	// Written is true when the file was written.
	Written bool `json:"written"`
	// Backup is the copy of the previous file, "" when there was none.
	Backup string `json:"backup,omitempty"`
	// Settings is the whole new file.
	Settings string `json:"settings"`
}

// Install adds a StopFailure hook running command to the settings file at
// path, unless a ccerr hook is there already. Every other key is kept, in
// its order. The old file is copied to path+".ccerr.bak" first, and the new
// one replaces it atomically. With dryRun nothing is written.
func Install(path, command string, dryRun bool) (Change, error) {
	ch := Change{Path: path, Command: command}
	old, err := os.ReadFile(path)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return ch, fmt.Errorf("hook: %w", err)
	}
	if !exists || len(bytes.TrimSpace(old)) == 0 {
		old = []byte("{}")
	}
	updated, present, err := addHook(old, command)
	if err != nil {
		return ch, fmt.Errorf("hook: %s: %w; fix the file (or move it away) and run again", path, err)
	}
	ch.Present = present
	ch.Settings = string(updated)
	if present || dryRun {
		return ch, nil
	}
	mode := fs.FileMode(0o600)
	if exists {
		if fi, err := os.Stat(path); err == nil {
			mode = fi.Mode().Perm()
		}
		ch.Backup = path + ".ccerr.bak"
		if err := atomicfile.Write(ch.Backup, old, mode); err != nil {
			return ch, fmt.Errorf("hook: backup: %w", err)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return ch, fmt.Errorf("hook: %w", err)
	}
	if err := atomicfile.Write(path, updated, mode); err != nil {
		return ch, fmt.Errorf("hook: %w", err)
	}
	ch.Written = true
	return ch, nil
}

// member is one key of a JSON object, its value kept as written.
type member struct {
	key string
	val json.RawMessage
}

// parseObject reads a JSON object into its members, in order.
func parseObject(b []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not a JSON object")
	}
	var ms []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		ms = append(ms, member{key, raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, errors.New("text after the JSON object")
	}
	return ms, nil
}

func marshalObject(ms []member) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(m.val)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func find(ms []member, key string) int {
	for i, m := range ms {
		if m.key == key {
			return i
		}
	}
	return -1
}

// addHook returns the settings with a StopFailure group running command,
// and whether a ccerr hook was there already.
func addHook(settings []byte, command string) ([]byte, bool, error) {
	top, err := parseObject(settings)
	if err != nil {
		return nil, false, fmt.Errorf("not valid JSON settings: %v", err)
	}
	hi := find(top, keyHooks)
	var hooks []member
	if hi >= 0 {
		if hooks, err = parseObject(top[hi].val); err != nil {
			return nil, false, fmt.Errorf(`"hooks" is not an object: %v`, err)
		}
	}
	si := find(hooks, keyStopFailure)
	var groups []json.RawMessage
	if si >= 0 {
		if err := json.Unmarshal(hooks[si].val, &groups); err != nil {
			return nil, false, fmt.Errorf(`"hooks.StopFailure" is not a list: %v`, err)
		}
	}
	for _, g := range groups {
		var gg struct {
			Hooks []struct {
				Command string `json:"command"`
			} `json:"hooks"`
		}
		if json.Unmarshal(g, &gg) != nil {
			continue
		}
		for _, h := range gg.Hooks {
			if strings.Contains(h.Command, Marker) && strings.Contains(h.Command, "ccerr") {
				return indent(settings), true, nil
			}
		}
	}
	// Encoded by hand rather than with json.Marshal, which would escape
	// the & and < of other hooks' commands.
	var ng bytes.Buffer
	enc := json.NewEncoder(&ng)
	enc.SetEscapeHTML(false)
	enc.Encode(group(command))
	groups = append(groups, bytes.TrimSpace(ng.Bytes()))
	list := append(append([]byte("["), bytes.Join(rawBytes(groups), []byte(","))...), ']')
	if si >= 0 {
		hooks[si].val = list
	} else {
		hooks = append(hooks, member{keyStopFailure, list})
	}
	if hi >= 0 {
		top[hi].val = marshalObject(hooks)
	} else {
		top = append(top, member{keyHooks, marshalObject(hooks)})
	}
	return indent(marshalObject(top)), false, nil
}

// indent lays JSON out with two spaces, as Claude Code writes settings.
func indent(b []byte) []byte {
	var out bytes.Buffer
	if json.Indent(&out, b, "", "  ") != nil {
		return b
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func rawBytes(rs []json.RawMessage) [][]byte {
	out := make([][]byte, len(rs))
	for i, r := range rs {
		out[i] = r
	}
	return out
}
